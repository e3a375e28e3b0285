/** Finding the root of a host checkout (OpenMetadata or mage-ai) from any folder below it, and reading its files. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** The nearest folder at or above `start` that contains `marker` (a relative folder path), if any. */
export function findCheckoutRoot(start: string, marker: string): string | undefined {
  let folder = path.resolve(start);
  for (;;) {
    const candidate = path.join(folder, marker);
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return folder;
    const parent = path.dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

/** Why a host file could not be read: `missing` when nothing is at its path. */
export interface UnreadFile {
  missing: boolean;
  reason: string;
}

/** The text of `file` (relative to the checkout `root`), or why there is none. */
export function readCheckoutFile(root: string, file: string): string | UnreadFile {
  const absolute = path.join(root, file);
  if (!existsSync(absolute)) return { missing: true, reason: `${file} not found in the checkout` };
  if (!statSync(absolute).isFile()) return { missing: false, reason: `${file} is not a file` };
  return readFileSync(absolute, 'utf8');
}
