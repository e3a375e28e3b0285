/** 1. check: every pending path can be written, reported all at once before the first write. */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { PendingFile } from './context.js';
import { WriteError } from './errors.js';

export function checkWritable(pending: PendingFile[], root: string): void {
  const problems = [...new Set(pending.map((file) => writeProblem(file.path, root)).filter((p): p is string => p !== undefined))];
  if (problems.length === 0) return;
  throw new WriteError(
    `${problems.length} path(s) cannot be written:\n${problems.map((p) => `  ${p}`).join('\n')}\n` +
      'Nothing was written. Make the folders writable (or move what is in the way) and run again.',
  );
}

function writeProblem(file: string, root: string): string | undefined {
  const shown = (p: string): string => path.relative(root, p) || '.';
  if (existsSync(file)) {
    if (statSync(file).isDirectory()) return `${shown(file)}: a folder is where this file must go`;
    return canWrite(file) ? undefined : `${shown(file)}: the file is read-only`;
  }
  let folder = path.dirname(file);
  while (!existsSync(folder) && path.dirname(folder) !== folder) folder = path.dirname(folder);
  if (!statSync(folder).isDirectory()) return `${shown(folder)}: a file is where a folder must go (for ${shown(file)})`;
  return canWrite(folder) ? undefined : `${shown(folder)}: no permission to write in this folder (for ${shown(file)})`;
}

function canWrite(target: string): boolean {
  try {
    accessSync(target, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
