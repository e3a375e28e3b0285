/**
 * 2. decide: every conflict settled before anything is written (force, the conflicter's prompt, or a
 * ConflictError without a terminal), so an abort or Ctrl-C at a prompt leaves the disk as it was.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Conflicter, type ConflicterOptions } from '@yeoman/conflicter';
import { createTwoFilesPatch } from 'diff';
import type { CommitContext } from './context.js';
import { CancelledError, ConflictError } from './errors.js';
import type { Conflict } from './settle.js';
import { setStatus } from './status.js';

/**
 * Settles every conflict before anything is written: force, the conflicter's prompt, or an error
 * without a terminal. Returns the files (absolute) that will be written with conflict markers.
 */
export async function decide(conflicts: Conflict[], ctx: CommitContext): Promise<string[]> {
  if (conflicts.length === 0) return [];
  if (ctx.force || ctx.conflicterOptions.force) {
    for (const { file, status } of conflicts) setStatus(file, status === 'conflict' ? 'forceEdits' : 'force');
    return [];
  }
  if (!ctx.canAsk) {
    const withMarkers = ctx.writeConflictMarkers ? conflicts.filter(hasMerge) : [];
    for (const { file, merged } of withMarkers) {
      file.contents = merged;
      setStatus(file, 'force');
    }
    const left = conflicts.filter((c) => !withMarkers.some((marked) => marked === c));
    if (left.length > 0) {
      throw new ConflictError(
        left.map((c) => `${path.relative(ctx.root, c.file.path)}  (${WHY[c.status]})`),
        left.some((c) => c.merged),
      );
    }
    return withMarkers.map((c) => c.file.path);
  }
  const withMarkers: string[] = [];
  for (const conflict of conflicts) {
    const relative = path.relative(ctx.root, conflict.file.path);
    if (conflict.status === 'change') ctx.adapter.log.info(`${relative}: ${WHY.change}`);
    // a property, not a local: the prompt's callback sets it, which TypeScript's narrowing of a local `false` would not see
    const chosen = { markers: false };
    const conflicter = new Conflicter(ctx.adapter, {
      ...ctx.conflicterOptions,
      cwd: ctx.root,
      customizeActions: (actions) =>
        withMergeChoice(withUnifiedDiff(actions), conflict.merged, () => {
          chosen.markers = true;
        }),
    });
    try {
      const decided = await conflicter.checkForCollision(conflict.file);
      // 'diff' and 'ignore' leave the file as it is on disk, like 'skip'
      setStatus(conflict.file, decided.conflicter === 'force' ? 'force' : 'skip');
      if (decided.conflicter === 'force' && chosen.markers) withMarkers.push(conflict.file.path);
    } catch (error) {
      throw cancelled(error, relative);
    }
  }
  return withMarkers;
}

const WHY: Record<Conflict['status'], string> = {
  conflict: 'you and this run both changed the same lines; --write-conflict-markers writes the merge with markers',
  change: 'no record of what an earlier run wrote (it predates merge records), so it cannot be merged',
};

/** A conflict with its merge (a true conflict, status conflict). */
const hasMerge = (conflict: Conflict): conflict is Conflict & { merged: Buffer } => conflict.merged !== undefined;

type Actions = Parameters<NonNullable<ConflicterOptions['customizeActions']>>[0];

/** A true conflict offers `m`: write the merge, with conventional conflict markers where both sides changed; `chosen` is told. */
const withMergeChoice = (actions: Actions, merged: Buffer | undefined, chosen: () => void): Actions =>
  merged
    ? [
        {
          key: 'm',
          name: 'write the merge, with conflict markers where you and this run changed the same lines',
          value: ({ file }) => {
            file.contents = merged;
            chosen();
            return 'write';
          },
        },
        ...actions,
      ]
    : actions;

/** The conflict prompt's `d` shows a unified diff with three lines of context, not the whole file. */
const withUnifiedDiff = (actions: Actions): Actions =>
  actions.map((action) =>
    typeof action === 'object' && 'value' in action && action.value === 'diff'
      ? {
          ...action,
          value: ({ file, relativeFilePath, adapter }) => {
            const onDisk = readFileSync(file.path, 'utf8');
            const patch = createTwoFilesPatch(relativeFilePath, relativeFilePath, onDisk, file.contents?.toString() ?? '', 'on disk', 'this run', { context: 3 });
            adapter.log.writeln(patch);
            return 'ask';
          },
        }
      : action,
  );

function cancelled(error: unknown, file: string): Error {
  const name = (error as Error | undefined)?.name ?? '';
  const message = (error as Error | undefined)?.message ?? '';
  if (name === 'ExitPromptError' || name === 'AbortPromptError') return new CancelledError(`Interrupted at the conflict for ${file}`);
  if (/aborted by user/i.test(message)) return new CancelledError(`Aborted at the conflict for ${file}`);
  if (/aborted by conflict/i.test(message)) return new CancelledError(`Stopped at the first conflict (${file})`);
  return error as Error;
}
