/**
 * A run that cannot ask (no terminal) must not meet the conflicter's prompt:
 * it would die and the process could exit 0 with nothing written. Before the
 * commit, list every pending file that would replace different content on
 * disk and fail with all of them, so nothing is written.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface PendingFile {
  path: string;
  state?: string;
  conflicter?: string;
  contents: Buffer | null;
}

interface SharedFs {
  all(): PendingFile[];
}

const isYeomanFile = (file: string): boolean => /(^|[\\/])\.yo-(rc|rc-global|resolve)(\.json)?$/.test(file);

export function conflictingFiles(sharedFs: SharedFs, root: string): string[] {
  return sharedFs
    .all()
    .filter((file) => file.state === 'modified' && file.conflicter !== 'force' && !isYeomanFile(file.path))
    .filter((file) => existsSync(file.path) && !readFileSync(file.path).equals(file.contents ?? Buffer.alloc(0)))
    .map((file) => path.relative(root, file.path));
}

export class ConflictError extends Error {
  constructor(readonly files: string[]) {
    super(
      `${files.length} existing file(s) would be overwritten and there is no terminal to ask:\n` +
        files.map((f) => `  ${f}`).join('\n') +
        '\nNothing was written. Re-run with --force to overwrite, --dry-run to see the differences, ' +
        'or in a terminal to decide file by file.',
    );
    this.name = 'ConflictError';
  }
}
