/**
 * Runs the bin in a real terminal (a tmux pane), types keys when the screen
 * shows what a step waits for, and returns the screen and the exit status.
 * This is how Ctrl-C reaches the prompts as it does for a user.
 */
import { spawnSync } from 'node:child_process';
import { BIN } from './generate.js';

export interface TerminalStep {
  /** typed once the screen matches */
  waitFor: RegExp;
  /** tmux send-keys arguments, e.g. ['C-c'] or ['x', 'Enter'] */
  keys: string[];
}

export interface TerminalRun {
  screen: string;
  status: number | undefined;
}

let runs = 0;
/** Each run gets a tmux server of its own: a new session on a server that is exiting (its last session was killed) fails. */
const tmuxOn =
  (socket: string) =>
  (...args: string[]) =>
    spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });

export const terminalAvailable = (): boolean => spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForScreen(tmux: ReturnType<typeof tmuxOn>, session: string, pattern: RegExp, timeoutMs: number, escapes = false): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let screen = '';
  while (Date.now() < deadline) {
    screen = tmux('capture-pane', '-p', '-J', ...(escapes ? ['-e'] : []), '-S', '-200', '-t', session).stdout;
    if (pattern.test(screen)) return screen;
    await sleep(100);
  }
  throw new Error(`the terminal never showed ${pattern}; it shows:\n${screen}`);
}

/** The bin with `args`. `escapes`: keep the screen's colour codes (tmux capture-pane -e). */
export async function runInTerminal(cwd: string, args: string[], steps: TerminalStep[], timeoutMs = 30_000, escapes = false): Promise<TerminalRun> {
  // a user's terminal: without CI (under CI, chalk turns colour off even in a terminal)
  return runCommandInTerminal(cwd, ['env', '-u', 'CI', 'NO_UPDATE_NOTIFIER=1', process.execPath, BIN, ...args], steps, timeoutMs, escapes);
}

/** Any command (e.g. yo as another user), run in `cwd` in a terminal of its own. */
export async function runCommandInTerminal(
  cwd: string,
  argv: string[],
  steps: TerminalStep[],
  timeoutMs = 30_000,
  escapes = false,
): Promise<TerminalRun> {
  runs += 1;
  const tmux = tmuxOn(`gc-test-${process.pid}-${runs}`);
  const session = 'run';
  const command = `cd ${quote(cwd)} && ${argv.map(quote).join(' ')}; echo __EXIT=$?; sleep 600`;
  const started = tmux('new-session', '-d', '-s', session, '-x', '200', '-y', '50', command);
  if (started.status !== 0) throw new Error(`tmux could not start: ${started.stderr}`);
  try {
    for (const step of steps) {
      await waitForScreen(tmux, session, step.waitFor, timeoutMs);
      tmux('send-keys', '-t', session, ...step.keys);
    }
    const screen = await waitForScreen(tmux, session, /__EXIT=\d+/, timeoutMs, escapes);
    const status = /__EXIT=(\d+)/.exec(screen)?.[1];
    return { screen, status: status === undefined ? undefined : Number(status) };
  } finally {
    tmux('kill-server');
  }
}
