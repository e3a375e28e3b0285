/**
 * Where the tests find the repository and the shared host fixtures
 * (real OpenMetadata / Mage files, read in place from ../shared/fixtures;
 * never copied into the repository).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder holding package.json). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The shared fixtures folder: `../shared/fixtures` relative to the repository root. */
export const FIXTURES_ROOT = path.resolve(REPO_ROOT, '../shared/fixtures');

/** Whether the fixtures folder exists (CI has it; a bare clone may not). */
export function fixturesAvailable(): boolean {
  return existsSync(FIXTURES_ROOT) && statSync(FIXTURES_ROOT).isDirectory();
}

/** Absolute path of a file under the fixtures folder. */
export const fixturePath = (relPath: string): string => path.resolve(FIXTURES_ROOT, relPath);

/** Parses a JSON fixture, e.g. `openmetadata/import-manifest.json`. Throws with the path when it is missing or invalid. */
export function readFixtureJson(relPath: string): unknown {
  const file = fixturePath(relPath);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`fixture ${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`fixture ${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Skips the current test (or the whole describe, when called in a `before` hook)
 * when the fixtures folder is absent, naming the folder it looked for.
 */
export function requireFixtures(ctx: Mocha.Context, relPath = ''): void {
  const wanted = relPath ? fixturePath(relPath) : FIXTURES_ROOT;
  if (!fixturesAvailable() || !existsSync(wanted)) {
    skipWithReason(ctx, `shared fixtures folder ${wanted} is absent`);
  }
}

/**
 * mocha's skip() takes no message: print the reason, and put it in the title of
 * the test (or of the suite, when called from a hook) so the report shows it.
 */
export function skipWithReason(ctx: Mocha.Context, reason: string): never {
  const runnable = ctx.currentTest ?? ctx.test;
  const isHook = (runnable as { type?: string } | undefined)?.type === 'hook';
  const target: { title: string } | undefined = isHook ? runnable?.parent : runnable;
  if (target && !target.title.includes('[skipped:')) target.title += ` [skipped: ${reason}]`;
  process.stderr.write(`  (skipped: ${reason})\n`);
  ctx.skip();
}
