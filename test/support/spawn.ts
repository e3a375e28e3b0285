/**
 * The one way the test helpers run a command and wait for it: its output as text, the environment of
 * this process with the caller's variables on top, and an error only when the command could not run.
 */
import { spawnSync } from 'node:child_process';

export interface SpawnOptions {
  /** the folder the command runs in; default: this process's */
  cwd?: string;
  /** variables added to this process's environment; a value of `undefined` leaves the variable out */
  env?: Record<string, string | undefined>;
  /** what the command reads on stdin; default: nothing (stdin is closed at once) */
  input?: string;
  /** kill the command after this many milliseconds; the result then says `timedOut` */
  timeoutMs?: number;
}

export interface Spawned {
  status: number | null;
  /** the signal that ended the command (SIGTERM after a timeout), or null */
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

/** Far above what any check prints: a tool's diff of a whole matrix of generated trees stays below it. */
const MAX_OUTPUT = 256 * 1024 * 1024;

/** Variables every Python run of the tests gets: no bytecode written into generated trees, no colours in tool output. */
export const PYTHON_ENV = { PYTHONDONTWRITEBYTECODE: '1', NO_COLOR: '1' } as const;

/** The environment of this process with `extra` on top (`undefined` removes a variable). */
function environment(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries({ ...process.env, ...extra }).filter(([, value]) => value !== undefined));
}

/**
 * Runs `command` and waits for it. A non-zero exit and a timeout are results for the caller to judge;
 * a command that cannot be started (not installed) or prints more than MAX_OUTPUT throws.
 */
export function spawnTool(command: string, args: readonly string[], options: SpawnOptions = {}): Spawned {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    input: options.input ?? '',
    timeout: options.timeoutMs,
    encoding: 'utf8',
    maxBuffer: MAX_OUTPUT,
    env: environment(options.env ?? {}),
  });
  const timedOut = result.error !== undefined && 'code' in result.error && result.error.code === 'ETIMEDOUT';
  if (result.error && !timedOut) throw new Error(`${command} could not run: ${result.error.message}`);
  return { status: result.status, signal: result.signal, timedOut, stdout: result.stdout, stderr: result.stderr };
}

/** Whether `command` is on the PATH. */
export const onPath = (command: string): boolean => spawnTool('which', [command]).status === 0;
