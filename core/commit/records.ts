/** After the write: what this run generated becomes the base of the next run's merge (core/merge.ts). */
import path from 'node:path';
import { forgetRecord, recordsFolder, writePlan, writeRecord } from '../merge.js';
import type { CommitContext } from './context.js';

/** What the generator produced this run is the base of the next run's merge; failing to keep it never fails the run. */
export function recordGenerated(ctx: CommitContext, generated: Map<string, Buffer>): void {
  try {
    for (const [file, contents] of generated) writeRecord(ctx.destinationRoot, path.relative(ctx.destinationRoot, file), contents);
    if (ctx.lifecycle) {
      for (const file of ctx.lifecycle.changes.delete) forgetRecord(ctx.destinationRoot, file);
      // obsolete files stay in the plan, so every run reports them until the user removes them
      writePlan(ctx.destinationRoot, ctx.lifecycle.connector, [...ctx.lifecycle.planned, ...ctx.lifecycle.changes.obsolete]);
    }
  } catch (error) {
    const { where } = recordsFolder(ctx.destinationRoot);
    ctx.adapter.log.info(
      `Could not record what this run generated in ${where}: ${(error as Error).message.split('\n')[0]}. ` +
        'The files were written; a later run will treat edits to them as conflicts instead of merging.',
    );
  }
}
