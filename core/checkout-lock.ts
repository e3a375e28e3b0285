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
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { gitFolderOf } from './git-folder.js';

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

/** The lock cannot be made at all (a read-only checkout, say): said before anything is written. */
function cannotLock(lockPath: string, error: unknown): Error {
  const { code, message } = error as NodeJS.ErrnoException;
  return new Error(`Could not take the lock ${lockPath} (${code ?? 'error'}: ${message.split('\n')[0]}). Nothing was written. Make the folder writable and run again.`);
}

/** The lock folder of a checkout: in its git folder when it has one, else at its root. */
export function checkoutLockPath(root: string): string {
  const gitFolder = gitFolderOf(root);
  return gitFolder ? path.join(gitFolder, 'generator-connector', 'commit.lock') : path.join(root, '.generator-connector-commit.lock');
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
 * after the timeout, before `critical` has run. `signal`: the run's abort signal (Ctrl-C at a prompt
 * aborts the environment, which stops waiting for `critical`); the lock is released when it fires.
 */
export async function withCheckoutLock<T>(root: string, log: Logger, critical: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const lockPath = checkoutLockPath(root);
  try {
    mkdirSync(path.dirname(lockPath), { recursive: true });
  } catch (error) {
    throw cannotLock(lockPath, error);
  }
  const timeout = lockTimeoutMs();
  const started = Date.now();
  let announced: string | undefined;
  for (;;) {
    const owner = readOwner(lockPath);
    const dead = ownerIsDead(owner);
    const held = await tryLock(root, lockPath, dead ? DEAD_OWNER_STALE_MS : STALE_MS);
    if (held) {
      if (announced) log.info(`Took the lock ${lockPath}${dead ? ' (its holder had died)' : ''} after ${Math.round((Date.now() - started) / 100) / 10} s.`);
      return holding(held, critical, signal);
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

interface HeldLock {
  lockPath: string;
  /** releases the lock and removes the owner file, once; synchronous, so it can run on exit and abort (a closure: it may be passed on unbound) */
  release: () => void;
}

/** The lock, or undefined when another run holds it (and it is not stale). */
async function tryLock(root: string, lockPath: string, stale: number): Promise<HeldLock | undefined> {
  let compromised = false;
  try {
    await lockfile.lock(root, {
      lockfilePath: lockPath,
      realpath: false,
      stale,
      update: UPDATE_MS,
      retries: 0,
      // not refreshed in time and broken by another run: no longer ours to release
      onCompromised: () => {
        compromised = true;
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') return undefined;
    throw cannotLock(lockPath, error);
  }
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    rmSync(ownerFile(lockPath), { force: true });
    if (!compromised) lockfile.unlockSync(root, { lockfilePath: lockPath, realpath: false });
  };
  // proper-lockfile removes its folder when the process exits; the owner file goes with it
  process.once('exit', release);
  writeOwner(lockPath);
  return { lockPath, release };
}

async function holding<T>(held: HeldLock, critical: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  signal?.addEventListener('abort', held.release, { once: true });
  try {
    return await critical();
  } finally {
    signal?.removeEventListener('abort', held.release);
    held.release();
  }
}
