/**
 * One commit at a time per checkout. Runs started side by side in one checkout (agents adding
 * connectors in parallel) each read the host's shared files (`<type>Service.json`, `constants.py`,
 * `.yo-rc.json`), add their entry and write the file back; without a lock the last writer wins and
 * the others' entries are lost although every run exits 0. The lock is proper-lockfile's: a folder
 * made with mkdir (atomic on local and network file systems), its mtime refreshed while held, so a
 * lock left by a killed run goes stale and is broken by the next run.
 *
 * Where: in the checkout's git folder (`.git/generator-connector/commit.lock`, never committed)
 * when it has one, else at the checkout root (`.generator-connector-commit.lock`). Beside the lock,
 * `<lock>.owner.json` says who holds it, for the message of a run that waits.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';

/** GENERATOR_CONNECTOR_LOCK_TIMEOUT: how long a run waits for another run's commit, in seconds. */
export const LOCK_TIMEOUT_VARIABLE = 'GENERATOR_CONNECTOR_LOCK_TIMEOUT';
const DEFAULT_TIMEOUT_SECONDS = 60;
/** A held lock is touched every UPDATE_MS; one not touched for STALE_MS belongs to a run that died. */
const STALE_MS = 20_000;
const UPDATE_MS = 5_000;
/** proper-lockfile's smallest stale threshold, used when the owner is known to be dead (same host, no such pid). */
const DEAD_OWNER_STALE_MS = 2_000;
const RETRY_MS = 150;

export interface LockOwner {
  pid: number;
  host: string;
  command: string;
  since: string;
}

export interface Logger {
  info(message: string): void;
}

/** The run waited longer than the timeout for another run's commit; nothing was written. */
export class LockTimeoutError extends Error {
  constructor(lockPath: string, waitedSeconds: number, owner: LockOwner | undefined) {
    super(
      `Timed out after ${waitedSeconds} s waiting for the lock ${lockPath}${owner ? `, held by ${describeOwner(owner)}` : ''}. Nothing was written.\n` +
        `Another run is committing in this checkout. Wait for it and run again, or set ${LOCK_TIMEOUT_VARIABLE}=<seconds> to wait longer. ` +
        `If no other run is going on, remove ${lockPath} (a lock not refreshed for ${STALE_MS / 1000} s is broken automatically).`,
    );
    this.name = 'LockTimeoutError';
  }
}

/** The lock folder of a checkout: in its git folder when it has one, else at its root. */
export function checkoutLockPath(root: string): string {
  const gitFolder = gitFolderOf(root);
  return gitFolder ? path.join(gitFolder, 'generator-connector', 'commit.lock') : path.join(root, '.generator-connector-commit.lock');
}

/** `<root>/.git` when it is a folder; for a worktree or submodule (`.git` is a file), the folder git names. */
function gitFolderOf(root: string): string | undefined {
  const dotGit = path.join(root, '.git');
  if (!existsSync(dotGit)) return undefined;
  if (statSync(dotGit).isDirectory()) return dotGit;
  const asked = spawnSync('git', ['rev-parse', '--absolute-git-dir'], { cwd: root, encoding: 'utf8' });
  const folder = asked.status === 0 ? asked.stdout.trim() : '';
  return folder && existsSync(folder) ? folder : undefined;
}

export function lockTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[LOCK_TIMEOUT_VARIABLE];
  if (raw === undefined || raw.trim() === '') return DEFAULT_TIMEOUT_SECONDS * 1000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new Error(`${LOCK_TIMEOUT_VARIABLE} must be a number of seconds (got "${raw}"); nothing was written.`);
  }
  return seconds * 1000;
}

const ownerFile = (lockPath: string): string => `${lockPath}.owner.json`;

export function describeOwner(owner: LockOwner): string {
  const where = owner.host === os.hostname() ? '' : ` on ${owner.host}`;
  return `pid ${owner.pid}${where} (${owner.command}) since ${owner.since}`;
}

function readOwner(lockPath: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(ownerFile(lockPath), 'utf8')) as LockOwner;
  } catch {
    return undefined; // not written yet, or removed as the lock was released
  }
}

/** Written to a temporary file and renamed, so a waiting run never reads half of it. */
function writeOwner(lockPath: string): void {
  const owner: LockOwner = {
    pid: process.pid,
    host: os.hostname(),
    command: ['generator-connector', ...process.argv.slice(2)].join(' ').slice(0, 200),
    since: new Date().toISOString(),
  };
  const temporary = `${ownerFile(lockPath)}.${process.pid}`;
  writeFileSync(temporary, `${JSON.stringify(owner)}\n`);
  renameSync(temporary, ownerFile(lockPath));
}

/** A run on this machine whose process is gone. */
function ownerIsDead(owner: LockOwner | undefined): boolean {
  if (!owner || owner.host !== os.hostname()) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `critical` holding the checkout's lock. A run that finds the lock taken says what it waits
 * for (again when the holder changes), breaks it when it is stale, and fails with LockTimeoutError
 * after the timeout, before `critical` has run.
 */
export async function withCheckoutLock<T>(root: string, log: Logger, critical: () => Promise<T>): Promise<T> {
  const lockPath = checkoutLockPath(root);
  mkdirSync(path.dirname(lockPath), { recursive: true });
  const timeout = lockTimeoutMs();
  const started = Date.now();
  let announced: string | undefined;
  let compromised: Error | undefined;
  for (;;) {
    const owner = readOwner(lockPath);
    const dead = ownerIsDead(owner);
    try {
      const release = await lockfile.lock(root, {
        lockfilePath: lockPath,
        realpath: false,
        stale: dead ? DEAD_OWNER_STALE_MS : STALE_MS,
        update: UPDATE_MS,
        retries: 0,
        onCompromised: (error) => {
          compromised = error;
        },
      });
      if (announced) log.info(`Took the lock ${lockPath}${dead ? ' (its holder had died)' : ''} after ${Math.round((Date.now() - started) / 100) / 10} s.`);
      return await holding(lockPath, release, critical, () => compromised);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    }
    const holder = owner ? describeOwner(owner) : 'another run';
    if (announced !== holder) {
      log.info(`waiting for ${lockPath} held by ${holder}${dead ? ', which is no longer running (breaking it once stale)' : ''}`);
      announced = holder;
    }
    if (Date.now() - started >= timeout) throw new LockTimeoutError(lockPath, Math.round(timeout / 1000), owner);
    await sleep(RETRY_MS);
  }
}

async function holding<T>(lockPath: string, release: () => Promise<void>, critical: () => Promise<T>, compromised: () => Error | undefined): Promise<T> {
  writeOwner(lockPath);
  try {
    return await critical();
  } finally {
    rmSync(ownerFile(lockPath), { force: true });
    // a compromised lock (not refreshed in time, broken by another run) is no longer ours to release
    if (!compromised()) await release();
  }
}
