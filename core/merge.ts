/**
 * Evolving a connector: a re-run merges instead of overwrite-or-skip, as
 * copier and cruft do. For every file a run writes, the generator records what
 * it wrote (the base). On the next run, for a file that exists:
 *
 *   disk == new            identical
 *   disk == base           update: the user did not touch it, take the new content
 *   new == base            keep: the generator did not change it, keep the user's
 *   both changed           merge with `git merge-file` (diff3); clean, or a conflict
 *   no base recorded       change: written before records existed, so ask as before
 *   disk holds markers     markers: a conflict written with its markers and not yet resolved;
 *                          left alone and reported (shown as `conflict`) until the user resolves it
 *
 * The base recorded is always what the generator produced, never a file with markers: a conflict
 * written with markers records the content generated now, so the user's resolution is their edit
 * of it (kept by the next run, merged with later changes) and not a new conflict with the old base.
 *
 * And for the files themselves (copier's rules), against the last plan recorded per connector:
 *
 *   planned, missing, recorded          absent: the user deleted it; it stays deleted (unless --force)
 *   no longer planned, disk == base     delete: the run removes it
 *   no longer planned, changed by user  obsolete: kept, and reported
 *
 * Records live outside the checkout's tracked files: in the checkout's own git folder
 * when it has one (`.git/`, or the folder a worktree's or submodule's `.git` file names;
 * never committed, moves with the clone), else under the user's
 * cache (XDG_CACHE_HOME or ~/.cache), keyed by the checkout's absolute path.
 * GENERATOR_CONNECTOR_STATE_DIR overrides the location (tests use it).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gitFolderOf } from './git-folder.js';

/** `markers`: the file on disk still holds conflict markers (an earlier run's, or git's): left alone until resolved. */
export type MergeStatus = 'create' | 'identical' | 'update' | 'keep' | 'merge' | 'conflict' | 'change' | 'markers';

/** What a run does with a connector's files as a whole: the user's deletions, and files its profile no longer plans. */
export interface PlanChanges {
  /** planned, recorded, missing on disk: deleted by the user, not re-created */
  absent: string[];
  /** no longer planned and as generated: removed by this run */
  delete: string[];
  /** no longer planned but changed by the user: kept, reported */
  obsolete: string[];
}

export interface MergeOutcome {
  status: MergeStatus;
  /** what to write: the new content, or the merge (with conflict markers when status is conflict) */
  contents?: Buffer;
}

/** Where the records of a destination root are kept, and why (said to the user once). */
export function recordsFolder(root: string): { folder: string; where: string } {
  const override = process.env.GENERATOR_CONNECTOR_STATE_DIR;
  const key = createHash('sha256').update(path.resolve(root)).digest('hex').slice(0, 16);
  if (override) return { folder: path.join(override, key), where: `${override} (GENERATOR_CONNECTOR_STATE_DIR)` };
  const git = gitFolderOf(root);
  if (git) {
    // a worktree's or submodule's git folder is elsewhere (`.git` is a file naming it): said by its path
    const shown = git === path.join(root, '.git') ? '.git' : git;
    return {
      folder: path.join(git, 'generator-connector', 'base'),
      where: `${shown}/generator-connector/ (inside the checkout's git folder, never committed)`,
    };
  }
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return {
    folder: path.join(cache, 'generator-connector', 'base', key),
    where: `${path.join(cache, 'generator-connector', 'base')}/ (no .git folder here)`,
  };
}

export function readRecord(root: string, relative: string): Buffer | undefined {
  const file = path.join(recordsFolder(root).folder, relative);
  return existsSync(file) ? readFileSync(file) : undefined;
}

/** The generator's own state, not output: it bypasses mem-fs on purpose. */
export function writeRecord(root: string, relative: string, contents: Buffer): void {
  const file = path.join(recordsFolder(root).folder, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, contents);
}

/** Files the records hold that are no generated file: the last plan of each connector. */
const plansFolder = (root: string): string => path.join(recordsFolder(root).folder, '.generator-connector-plans');
const planFile = (root: string, connector: string): string => path.join(plansFolder(root), `${connector.replace(/[^\w.-]/g, '-')}.json`);

/** The files the last run for `connector` (e.g. `openmetadata:shop_db`) planned, relative to the root; undefined before any. */
export function readPlan(root: string, connector: string): string[] | undefined {
  const file = planFile(root, connector);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as string[]) : undefined;
}

export function writePlan(root: string, connector: string, files: string[]): void {
  const file = planFile(root, connector);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify([...files].sort(), null, 1)}\n`);
}

/** A file deleted by a run has no base any more: planned again later, it is created, not taken for the user's deletion. */
export function forgetRecord(root: string, relative: string): void {
  rmSync(path.join(recordsFolder(root).folder, relative), { force: true });
}

/** The user's deletions and the files no longer planned, from the last plan and the records (--force: no deletion is the user's). */
export function planChanges(root: string, connector: string, planned: string[], force: boolean): PlanChanges {
  const exists = (relative: string): boolean => existsSync(path.join(root, relative));
  const now = new Set(planned);
  const dropped = (readPlan(root, connector) ?? []).filter((file) => !now.has(file) && exists(file));
  const asGenerated = (file: string): boolean => {
    const base = readRecord(root, file);
    return base !== undefined && readFileSync(path.join(root, file)).equals(base);
  };
  return {
    absent: force ? [] : planned.filter((file) => !exists(file) && readRecord(root, file) !== undefined),
    delete: dropped.filter(asGenerated),
    obsolete: dropped.filter((file) => !asGenerated(file)),
  };
}

/** Whether the user changed `relative` since a run generated it (false without a record). */
export function changedSinceGenerated(root: string, relative: string): boolean {
  const base = readRecord(root, relative);
  const target = path.join(root, relative);
  return base !== undefined && existsSync(target) && !readFileSync(target).equals(base);
}

/** What a run should do with `relative`, given the disk, the record and what it generates now. */
export function mergeOutcome(root: string, relative: string, generated: Buffer): MergeOutcome {
  const target = path.join(root, relative);
  if (!existsSync(target)) return { status: 'create', contents: generated };
  const disk = readFileSync(target);
  if (disk.equals(generated)) return { status: 'identical' };
  // Merging it again would nest markers in markers, and taking it as the user's edit would hide
  // them: it waits for the user. Its base stays what it is, so once resolved it merges as any edit.
  if (hasConflictMarkers(disk)) return { status: 'markers' };
  const base = readRecord(root, relative);
  if (!base) return { status: 'change', contents: generated };
  if (disk.equals(base)) return { status: 'update', contents: generated };
  if (generated.equals(base)) return { status: 'keep' };
  const merged = mergeFile(disk, base, generated, relative);
  return { status: merged.clean ? 'merge' : 'conflict', contents: merged.contents };
}

/** Conflict markers at line starts, in order: `<<<<<<< `, `=======`, `>>>>>>> ` (with or without diff3's `|||||||`). */
export function hasConflictMarkers(contents: Buffer): boolean {
  return /^<{7} [^\n]*\n(?:[^\n]*\n)*?={7}\r?\n(?:[^\n]*\n)*?>{7} /m.test(contents.toString('utf8'));
}

/** `git merge-file` over three temporary files; conflict markers name the three sides. */
function mergeFile(ours: Buffer, base: Buffer, theirs: Buffer, relative: string): { clean: boolean; contents: Buffer } {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'generator-connector-merge-'));
  try {
    const files = { ours: path.join(folder, 'ours'), base: path.join(folder, 'base'), theirs: path.join(folder, 'theirs') };
    writeFileSync(files.ours, ours);
    writeFileSync(files.base, base);
    writeFileSync(files.theirs, theirs);
    const labels = ['-L', `${relative} (yours)`, '-L', `${relative} (generated last time)`, '-L', `${relative} (generated now)`];
    const result = spawnSync('git', ['merge-file', '-p', '--diff3', ...labels, files.ours, files.base, files.theirs], {
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.error) throw new Error(`git merge-file could not run (${result.error.message}); git is needed to merge ${relative}`);
    // exit status: 0 clean, the number of conflicts (>0), or <0 (signed) on error
    if (result.status === null || result.status > 127) throw new Error(`git merge-file failed on ${relative}: ${result.stderr.toString()}`);
    return { clean: result.status === 0, contents: result.stdout };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
