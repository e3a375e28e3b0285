/** Finding the root of a host checkout (OpenMetadata or mage-ai) from any folder below it. */
import { existsSync, statSync } from 'node:fs';
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
