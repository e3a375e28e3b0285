/**
 * The commit of a run, all or nothing. It takes the place of the environment's
 * commit (Yeoman's `customCommitTask` feature) and still writes through
 * Yeoman's own pipeline (yo-resolve, the conflicter, mem-fs-editor's commit
 * transform). First the three-way merge settles what it can (settle.ts, with
 * core/merge.ts: update, keep, merge); then three phases:
 *
 * 1. check (check.ts): every pending path can be written (no file where a folder
 *    must go, no folder without write permission), reported all at once;
 * 2. decide (decide.ts): every conflict is settled (force, the conflicter's prompt,
 *    or a ConflictError without a terminal) before anything is written, so an
 *    abort or Ctrl-C at a prompt leaves the disk as it was;
 * 3. write (write.ts): the pipeline runs with every decision made; if a write still
 *    fails, the files this run changed are put back and the folders it made removed.
 *
 * Then the files left as they are get their status lines, and what was generated
 * is recorded as the next run's base (records.ts).
 *
 * All of it runs under the checkout's lock (core/checkout-lock.ts), and so does `refresh`: the
 * generator's re-reading of the host files it edits and of `.yo-rc.json`. The lock is taken here,
 * not when the run starts: before the commit a run may sit at prompts for minutes, and every write
 * happens in this function (Yeoman's own files included), so a run holds the lock only while it
 * reads, decides and writes. What it read earlier (to report registration in the brief) may be
 * out of date by then, which is why the shared files are read again once the lock is held.
 */
import path from 'node:path';
import { isFilePending } from 'mem-fs-editor/state';
import { withCheckoutLock } from '../checkout-lock.js';
import { checkWritable } from './check.js';
import type { CommitContext, PendingFile, SharedFs } from './context.js';
import { decide } from './decide.js';
import { recordGenerated } from './records.js';
import { classify } from './settle.js';
import { STILL_MARKED, statusLine } from './status.js';
import { writeAll } from './write.js';

export async function commitAllOrNothing(ctx: CommitContext): Promise<void> {
  // The plan was printed by the generator; a dry run writes nothing, not even Yeoman's own files.
  if (ctx.dryRun) return;
  await withCheckoutLock(
    ctx.destinationRoot,
    ctx.adapter.log,
    async () => {
      ctx.refresh?.();
      await commitLocked(ctx);
    },
    (ctx.adapter as { signal?: AbortSignal }).signal,
  );
}

const pendingFiles = (sharedFs: SharedFs): PendingFile[] => sharedFs.all().filter((file) => isFilePending(file));

async function commitLocked(ctx: CommitContext): Promise<void> {
  const force = ctx.force || Boolean(ctx.conflicterOptions.force);
  const absent = new Set(ctx.lifecycle?.changes.absent.map((file) => path.join(ctx.destinationRoot, file)));
  const { conflicts, generated, kept, unresolved } = classify(pendingFiles(ctx.sharedFs), ctx.destinationRoot, force, absent);
  // read again: settling cleared the state of the files it leaves as they are
  const pending = pendingFiles(ctx.sharedFs);
  const obsolete = ctx.lifecycle?.changes.obsolete ?? [];
  if (pending.length === 0 && kept.length === 0 && unresolved.length === 0 && absent.size === 0 && obsolete.length === 0) return;
  checkWritable(
    pending.filter((file) => file.conflicter !== 'identical'),
    ctx.root,
  );
  const withMarkers = await decide(conflicts, ctx);
  await writeAll(ctx, pending);
  reportLeftAsTheyAre(ctx, { kept, unresolved, absent: [...absent], obsolete });
  recordGenerated(ctx, generated);
  ctx.onMarkers?.([...withMarkers, ...unresolved]);
}

/** The status lines of the files the run did not write (absolute paths, obsolete ones relative to the destination root). */
function reportLeftAsTheyAre(ctx: CommitContext, left: { kept: string[]; unresolved: string[]; absent: string[]; obsolete: string[] }): void {
  for (const file of left.kept) statusLine(ctx.adapter, 'keep', path.relative(ctx.root, file));
  for (const file of left.unresolved) statusLine(ctx.adapter, 'conflict', `${path.relative(ctx.root, file)} ${STILL_MARKED}`);
  for (const file of left.absent) statusLine(ctx.adapter, 'absent', `${path.relative(ctx.root, file)} (you deleted it; --force re-creates it)`);
  for (const file of left.obsolete) {
    statusLine(
      ctx.adapter,
      'obsolete',
      `${path.relative(ctx.root, path.join(ctx.destinationRoot, file))} (no longer generated; kept because you changed it)`,
    );
  }
}
