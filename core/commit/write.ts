/**
 * 3. write: Yeoman's pipeline runs with every decision made (yo-resolve, the conflicter, the commit
 * transform writing each file whole); if a write still fails, the files this run changed are put
 * back and the folders it made removed.
 */
import { existsSync, readFileSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createConflicterTransform, createYoResolveTransform, forceYoFiles } from '@yeoman/conflicter';
import { isFilePending } from 'mem-fs-editor/state';
import { createAtomicCommitTransform } from '../atomic-commit.js';
import type { CommitContext, PendingFile } from './context.js';
import { WriteError } from './errors.js';
import { withMergeStatuses } from './status.js';

/** Writes every pending file; a failure undoes what was written and is told as a WriteError. */
export async function writeAll(ctx: CommitContext, pending: PendingFile[]): Promise<void> {
  const undo = snapshot(pending.filter((file) => file.conflicter !== 'skip' && file.conflicter !== 'identical'));
  try {
    await ctx.sharedFs.pipeline(
      { filter: (file) => isFilePending(file) || file.path.endsWith('.yo-resolve') },
      createYoResolveTransform(),
      forceYoFiles(),
      createConflicterTransform(withMergeStatuses(ctx.adapter), ctx.conflicterOptions),
      createAtomicCommitTransform(),
    );
  } catch (error) {
    const restored = undo();
    throw new WriteError(
      `Could not write: ${describeFailure(error, ctx.root)}.\n` +
        `The ${restored} file(s) this run had written were restored; the folder is as it was before the run. ` +
        'Fix the cause and run again.',
    );
  }
}

interface Before {
  path: string;
  contents: Buffer | null;
  mode: number | null;
}

/** What the files about to be written hold now, and an undo that puts it back; undo returns how many it restored. */
function snapshot(files: PendingFile[]): () => number {
  const before: Before[] = files.map((file) =>
    existsSync(file.path)
      ? { path: file.path, contents: readFileSync(file.path), mode: statSync(file.path).mode }
      : { path: file.path, contents: null, mode: null },
  );
  const newFolders = [...new Set(files.flatMap((file) => missingFolders(file.path)))].sort((a, b) => b.length - a.length);
  return () => {
    let restored = 0;
    // Restoring the user's own bytes is not generator output, so it bypasses mem-fs on purpose.
    for (const entry of before) {
      const now = existsSync(entry.path) ? readFileSync(entry.path) : null;
      if (entry.contents === null) {
        if (now !== null) {
          rmSync(entry.path, { force: true });
          restored += 1;
        }
      } else if (now === null || !now.equals(entry.contents)) {
        writeFileSync(entry.path, entry.contents, { mode: entry.mode ?? undefined });
        restored += 1;
      }
    }
    for (const folder of newFolders) {
      try {
        rmdirSync(folder);
      } catch {
        // not empty (something else wrote there) or already gone: leave it
      }
    }
    return restored;
  };
}

function missingFolders(file: string): string[] {
  const missing: string[] = [];
  for (let folder = path.dirname(file); !existsSync(folder) && path.dirname(folder) !== folder; folder = path.dirname(folder)) {
    missing.push(folder);
  }
  return missing;
}

function describeFailure(error: unknown, root: string): string {
  // whatever was thrown: a file system error (code, path, message), another Error, or not an Error at all (no message)
  const { code, path: failedPath, message } = error as Partial<NodeJS.ErrnoException>;
  if (failedPath) return `${path.relative(root, failedPath)} (${code ?? 'error'}: ${(message ?? '').split(',')[0]})`;
  return message ?? String(error);
}
