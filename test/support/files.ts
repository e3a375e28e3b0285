/**
 * The one lister of a folder's files the tests use: recursive, relative to the folder with '/',
 * sorted, symbolic links counted as files (never followed).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

/** Folders no generated tree is judged by: version control, packages, Python's bytecode cache. */
export const NOT_OUTPUT = ['.git', 'node_modules', '__pycache__'] as const;

export interface ListOptions {
  /** only the files whose name ends with this extension ('.py' or 'py'); default: every file */
  ext?: string;
  /** folder names not entered, at any depth; default: NOT_OUTPUT */
  skip?: readonly string[];
}

/** Every file under `root` (relative paths with '/', sorted). */
export function listFiles(root: string, options: ListOptions = {}): string[] {
  const suffix = options.ext === undefined || options.ext === '' ? '' : options.ext.startsWith('.') ? options.ext : `.${options.ext}`;
  const skip = new Set(options.skip ?? NOT_OUTPUT);
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const absolute = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skip.has(entry.name)) walk(absolute);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && entry.name.endsWith(suffix)) {
        found.push(path.relative(root, absolute).split(path.sep).join('/'));
      }
    }
  };
  walk(root);
  // plain code-unit order, the same on every machine (localeCompare depends on the locale)
  return found.sort();
}
