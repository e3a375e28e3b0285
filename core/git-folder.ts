/**
 * The git folders of a checkout, where the generator keeps its own state (records, the commit lock)
 * and lists `.yo-rc.json` as ignored. In a plain clone both are `<root>/.git`. In a worktree or a
 * submodule `.git` is a file naming the real folder, and git itself says where things are:
 * `--absolute-git-dir` is the checkout's own folder (a worktree's is `<main>/.git/worktrees/<name>`,
 * a submodule's `<super>/.git/modules/<name>`), and `--git-path info/exclude` the ignore file git
 * reads for it (a worktree shares its repository's, in the common folder).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

/** `<root>/.git` when it is a folder; for a worktree or submodule (`.git` is a file), the folder git names; else none. */
export function gitFolderOf(root: string): string | undefined {
  const dotGit = path.join(root, '.git');
  if (!existsSync(dotGit)) return undefined;
  if (statSync(dotGit).isDirectory()) return dotGit;
  const folder = askGit(root, '--absolute-git-dir');
  return folder && existsSync(folder) ? folder : undefined;
}

/** The exclude file git reads for the checkout at `root` (`<root>/.git/info/exclude` in a plain clone); none outside git. */
export function gitExcludeFileOf(root: string): string | undefined {
  const dotGit = path.join(root, '.git');
  if (!existsSync(dotGit)) return undefined;
  if (statSync(dotGit).isDirectory()) return path.join(dotGit, 'info', 'exclude');
  // printed relative to the folder git ran in, or absolute
  const file = askGit(root, '--git-path', 'info/exclude');
  return file && gitFolderOf(root) ? path.resolve(root, file) : undefined;
}

/** What `git rev-parse <args>` prints in `root`, or undefined when git cannot say (not installed, a broken `.git` file). */
function askGit(root: string, ...args: string[]): string | undefined {
  const asked = spawnSync('git', ['rev-parse', ...args], { cwd: root, encoding: 'utf8' });
  const answer = asked.status === 0 ? asked.stdout.trim() : '';
  return answer || undefined;
}
