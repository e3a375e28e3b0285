/**
 * Running the compiled generators in tests: through yeoman-test (in process)
 * and through the bin (a child process without a terminal), plus snapshots of
 * a folder for "nothing was written" assertions.
 *
 * Tests run after `npm run build`: the generators are loaded from their
 * compiled dist/generators/<name>/index.js.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import helpers, { type RunResult } from 'yeoman-test';
import { listFiles } from './files.js';
import { REPO_ROOT } from './fixtures.js';
import { spawnTool } from './spawn.js';

export type GeneratorName = 'openmetadata' | 'mage' | 'context-doc' | 'app';

/** The compiled entry of a generator. */
export const generatorPath = (name: GeneratorName): string => path.join(REPO_ROOT, 'dist', 'generators', name, 'index.js');

/** The bin the package publishes: the bundle of bin/connector.ts (build/bundle.ts). */
export const BIN = path.join(
  REPO_ROOT,
  (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin['generator-connector']!,
);

const createdDirs: string[] = [];
process.on('exit', () => {
  if (!process.env.KEEP_TEST_DIRS) removeAfterExit(createdDirs);
});

/**
 * Removes the folders by an `rm -rf` that runs on after this process has exited. Removed here, in the
 * exit handler, synchronously, they kept `npm test` waiting 15 to 60 s after mocha's summary: the npm
 * prefix of test/bin/package.test.ts alone holds some 25,000 files, and removing them is disk-bound on
 * a busy machine. Without a POSIX rm (Windows) they are removed here, as before.
 */
function removeAfterExit(dirs: readonly string[]): void {
  if (dirs.length === 0) return;
  if (process.platform === 'win32') {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    return;
  }
  spawn('rm', ['-rf', '--', ...dirs], { detached: true, stdio: 'ignore' }).unref();
}

/** A fresh temporary folder, removed when the test process exits (unless KEEP_TEST_DIRS is set). */
export function tempDir(prefix = 'connector-test-'): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), prefix)));
  createdDirs.push(dir);
  return dir;
}

/**
 * Records of what runs generated (core/merge.ts) go to a folder of this test process, not the user's cache.
 * forgetRecords() starts an empty one: a re-run then meets an edited file as a connector made before
 * records existed would, a plain conflict.
 */
export function forgetRecords(): string {
  process.env.GENERATOR_CONNECTOR_STATE_DIR = tempDir('connector-records-');
  return process.env.GENERATOR_CONNECTOR_STATE_DIR;
}
forgetRecords();

export interface RunGeneratorOptions {
  /** run in this folder and keep it; default: a fresh temporary folder (kept until the process exits) */
  cwd?: string;
  /** mocked prompt answers (questions and conflicter: `{ action: 'skip' }`) */
  answers?: Record<string, unknown>;
  /** environment options: conflicter behaviour. Default force: false, so conflicts are real (yeoman-test's default is true). */
  env?: { force?: boolean; bail?: boolean; dryRun?: boolean };
  /** sees each prompt with its mocked answer and returns the answer to give (or throws, as Ctrl-C does) */
  answerCallback?: (answer: unknown, question: { name?: string; message?: unknown }) => unknown;
  /** called with the target folder before the run, to seed files */
  prepare?: (dir: string) => void;
}

/**
 * Runs a compiled generator with yeoman-test. Options are passed camelCase,
 * with `interactive: false` unless given. `force` and `dryRun` from `env` are
 * passed both to the environment (conflicter) and to the generator's options
 * (which the no-terminal guard and the dry-run plan read).
 *
 * The folder is never deleted by yeoman-test: every run gets its own folder,
 * so results of several runs in one `before` hook stay on disk together.
 */
export async function runGenerator(
  name: GeneratorName,
  options: Record<string, unknown>,
  opts: RunGeneratorOptions = {},
): Promise<{ dir: string; result: RunResult }> {
  const dir = opts.cwd ? path.resolve(opts.cwd) : tempDir(`connector-${name}-`);
  mkdirSync(dir, { recursive: true });
  const env = { force: false, ...opts.env };
  const previousCwd = process.cwd();
  try {
    let context = helpers.run(generatorPath(name), { cwd: dir, tmpdir: false, autoCleanup: false }, { ...env }).withOptions({
      interactive: false,
      force: env.force,
      ...(env.dryRun ? { dryRun: true } : {}),
      ...options,
    } as never);
    if (opts.answers || opts.answerCallback) {
      const callback = opts.answerCallback;
      context = context.withAnswers(opts.answers ?? {}, callback ? { callback: (answer, { question }) => callback(answer, question) } : {});
    }
    if (opts.prepare) context = context.doInDir(opts.prepare);
    // A question without a mocked answer takes its default; yeoman-test warns about each one on the console.
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (!(typeof args[0] === 'string' && args[0].startsWith('yeoman-test: question '))) warn(...args);
    };
    try {
      const result = await context;
      return { dir, result };
    } finally {
      console.warn = warn;
    }
  } finally {
    process.chdir(previousCwd);
  }
}

export interface BinResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/connector.js <args>` with stdin not a terminal (a pipe: `input`, or empty). */
export function runBin(args: string[], opts: { cwd: string; input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): BinResult {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const result = spawnTool(process.execPath, [BIN, ...args], {
    cwd: opts.cwd,
    input: opts.input,
    timeoutMs,
    env: { NO_UPDATE_NOTIFIER: '1', FORCE_COLOR: '0', NO_COLOR: '1', ...opts.env },
  });
  if (result.timedOut) throw new Error(`bin could not run: it was still running after ${timeoutMs} ms`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `text` as a regular expression that matches it literally. */
export const literal = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The word of a Yeoman status line (`   create path`, `     keep path`) for a file, if the output has one. */
export const statusOf = (text: string, file: string): string | undefined => new RegExp(`^\\s*(\\w+)\\s+${literal(file)}\\s*$`, 'm').exec(text)?.[1];

/** A folder's files: relative path (with '/') -> sha256 of the contents. */
export type TreeSnapshot = Map<string, string>;

/** Every file under `dir` (including dot files and .git, excluding node_modules), relative path -> content hash. */
export function snapshotTree(dir: string): TreeSnapshot {
  // .git and __pycache__ are in: "nothing was written" means nothing, not even a lock or bytecode
  return new Map(
    listFiles(dir, { skip: ['node_modules'] }).map((rel) => [
      rel,
      createHash('sha256')
        .update(readFileSync(path.join(dir, rel)))
        .digest('hex'),
    ]),
  );
}

export interface TreeDiff {
  added: string[];
  removed: string[];
  changed: string[];
}

/** What changed from `before` to `after`; all three lists empty means nothing was written. */
export function diffTrees(before: TreeSnapshot, after: TreeSnapshot): TreeDiff {
  const added = [...after.keys()].filter((k) => !before.has(k));
  const removed = [...before.keys()].filter((k) => !after.has(k));
  const changed = [...after.keys()].filter((k) => before.has(k) && before.get(k) !== after.get(k));
  return { added, removed, changed };
}

export const isEmptyDiff = (diff: TreeDiff): boolean => diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0;

/** Reads a generated file as text. */
export const readText = (dir: string, rel: string): string => readFileSync(path.join(dir, rel), 'utf8');

/** Every file under `dir`, relative path -> text contents (for comparing two generated trees). */
export function readTree(dir: string): Map<string, string> {
  const tree = new Map<string, string>();
  for (const rel of snapshotTree(dir).keys()) tree.set(rel, readText(dir, rel));
  return tree;
}

/** The error a run rejects with; fails the test when it does not reject. */
export async function rejection(run: Promise<unknown>): Promise<Error> {
  try {
    await run;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
  assert.fail('the run was expected to fail');
}
