/**
 * A non-root account for the tests that need one: yo refuses to run as root,
 * and as root every folder is writable. As root, a system user `yotest` is
 * created with useradd when missing and commands run through runuser.
 */
import { spawnTool, type Spawned } from './spawn.js';

const USER = 'yotest';
export const isRoot = process.getuid?.() === 0;

export interface Account {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

/** An account command or a run as the account: two minutes at most (a yo run waiting on a prompt would hang). */
const run = (command: string, args: string[], cwd?: string): Spawned => spawnTool(command, args, { cwd, timeoutMs: 120_000 });

function account(name: string): Account | undefined {
  const entry = run('getent', ['passwd', name]);
  if (entry.status !== 0) return undefined;
  const [, , uid, gid, , home] = entry.stdout.trim().split(':');
  return { name, uid: Number(uid), gid: Number(gid), home: home ?? `/home/${name}` };
}

/** The non-root account the tests run yo (and write-permission checks) as, or the reason there is none. */
export function nonRootAccount(): Account | string {
  if (!isRoot) {
    const name = run('id', ['-un']).stdout.trim();
    return account(name) ?? { name, uid: process.getuid!(), gid: process.getgid!(), home: process.env.HOME ?? '/tmp' };
  }
  if (run('which', ['runuser']).status !== 0) return 'running as root and runuser is not available to switch to a non-root user';
  const existing = account(USER);
  if (existing) return existing;
  if (run('which', ['useradd']).status !== 0) return `running as root, user ${USER} does not exist and useradd is not available`;
  const created = run('useradd', ['-m', '-s', '/bin/sh', USER]);
  if (created.status !== 0) return `useradd -m ${USER} failed: ${created.stderr.trim()}`;
  return account(USER) ?? `useradd created ${USER} but getent does not find it`;
}

/**
 * A command line that runs `command` as the account (through runuser as root), with the variables a
 * test run needs; `env` adds or overrides them (a value of `undefined` leaves the variable out).
 */
export function commandAs(user: Account, command: string[], env: Record<string, string | undefined> = {}): string[] {
  // records of generated files (core/merge.ts) in a folder the user can write, unless the test names one
  const records = `/tmp/gc-records-${user.name}`;
  // undefined unsets a variable (`env -u`)
  const all: Record<string, string | undefined> = {
    HOME: user.home,
    NO_UPDATE_NOTIFIER: '1',
    CI: 'true',
    FORCE_COLOR: '0',
    GENERATOR_CONNECTOR_STATE_DIR: records,
    ...env,
  };
  const entries = Object.entries(all);
  const vars = [
    ...entries.flatMap(([k, v]) => (v === undefined ? ['-u', k] : [])),
    ...entries.flatMap(([k, v]) => (v === undefined ? [] : [`${k}=${v}`])),
  ];
  return isRoot ? ['runuser', '-u', user.name, '--', 'env', ...vars, ...command] : ['env', ...vars, ...command];
}

/** Runs a command as the account (directly when we are that user), in `cwd`, with stdin empty (no terminal). */
export function runAs(user: Account, cwd: string, command: string[], env: Record<string, string> = {}) {
  const [program, ...args] = commandAs(user, command, env);
  const result = run(program!, args, cwd);
  return { status: result.status, out: `${result.stdout}\n${result.stderr}` };
}

export const readableBy = (user: Account, file: string): boolean => runAs(user, '/', ['test', '-r', file]).status === 0;
