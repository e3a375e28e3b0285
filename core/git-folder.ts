/** The git folder of a checkout, where the generator keeps its own state (records, the commit lock). */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

/** `<root>/.git` when it is a folder; for a worktree or submodule (`.git` is a file), the folder git names; else none. */
export function gitFolderOf(root: string): string | undefined {
  const dotGit = path.join(root, '.git');
  if (!existsSync(dotGit)) return undefined;
  if (statSync(dotGit).isDirectory()) return dotGit;
  const asked = spawnSync('git', ['rev-parse', '--absolute-git-dir'], { cwd: root, encoding: 'utf8' });
  const folder = asked.status === 0 ? asked.stdout.trim() : '';
  return folder && existsSync(folder) ? folder : undefined;
}
