/**
 * The golden tree: `npm run example` (the bin, `openmetadata --profile example/clickhouse.yaml`, in an
 * empty folder) writes exactly test/golden/clickhouse/, every file byte for byte and no file more or
 * less. Any change to what the generator writes shows here as a diff to review. Nothing is left out:
 * the tree names no temporary folder, date or machine, and the run's records (core/merge.ts) go to a
 * folder of the test's own, outside the tree.
 *
 * To accept a change: UPDATE_GOLDEN=1 npx mocha test/bin/golden.test.ts rewrites the golden tree;
 * review it as a git diff (git diff test/golden/clickhouse; git status for added and removed files).
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { listFiles } from '../support/files.js';
import { REPO_ROOT } from '../support/fixtures.js';
import { runBin, tempDir } from '../support/generate.js';

const PROFILE = path.join(REPO_ROOT, 'example/clickhouse.yaml');
const GOLDEN = path.join(REPO_ROOT, 'test/golden/clickhouse');
const GOLDEN_REL = path.relative(REPO_ROOT, GOLDEN);
const ACCEPT = `UPDATE_GOLDEN=1 npx mocha test/bin/golden.test.ts rewrites ${GOLDEN_REL}/ from what the bin generates; review it with git diff and git status before committing`;

/** What the bin writes for the example profile, as `npm run example` runs it: into a fresh empty folder. */
function generateExample(): string {
  const dir = tempDir('connector-golden-');
  const result = runBin(['openmetadata', '--profile', PROFILE], {
    cwd: dir,
    env: { GENERATOR_CONNECTOR_STATE_DIR: tempDir('connector-golden-records-') },
  });
  assert.equal(result.status, 0, `the example run failed:\n${result.stdout}${result.stderr}`);
  return dir;
}

/** The golden tree replaced by the generated one. */
function rewriteGolden(generated: string): void {
  rmSync(GOLDEN, { recursive: true, force: true });
  for (const rel of listFiles(generated)) {
    mkdirSync(path.dirname(path.join(GOLDEN, rel)), { recursive: true });
    cpSync(path.join(generated, rel), path.join(GOLDEN, rel));
  }
}

const read = (root: string, rel: string): Buffer => readFileSync(path.join(root, rel));

/** A unified diff of one file, golden (a/) to generated (b/); an absent side is empty. */
function unifiedDiff(rel: string, golden: Buffer | undefined, generated: Buffer | undefined): string {
  const patch = createTwoFilesPatch(
    golden ? `a/${rel}` : '/dev/null',
    generated ? `b/${rel}` : '/dev/null',
    golden?.toString('utf8') ?? '',
    generated?.toString('utf8') ?? '',
  );
  // bytes that decode to the same text (an invalid UTF-8 sequence) give a patch without hunks
  return patch.includes('\n@@') ? patch : `${patch}(the bytes differ where the text reads the same: check the encoding)\n`;
}

/** Every difference between the golden tree and a generated one, as unified diffs; empty when they are the same. */
function treeDifferences(generated: string): string[] {
  const goldenFiles = listFiles(GOLDEN);
  const generatedFiles = listFiles(generated);
  const differences: string[] = [];
  for (const rel of [...new Set([...goldenFiles, ...generatedFiles])].sort()) {
    const golden = goldenFiles.includes(rel) ? read(GOLDEN, rel) : undefined;
    const made = generatedFiles.includes(rel) ? read(generated, rel) : undefined;
    if (golden && made && golden.equals(made)) continue;
    const what = !golden ? 'generated, not in the golden tree' : !made ? 'in the golden tree, not generated' : 'differs';
    differences.push(`${rel}: ${what}\n${unifiedDiff(rel, golden, made)}`);
  }
  return differences;
}

describe(`the golden tree (${GOLDEN_REL})`, function () {
  this.timeout(120_000);

  it('npm run example writes exactly the golden tree: the same files, byte for byte', function () {
    const generated = generateExample();
    if (process.env.UPDATE_GOLDEN === '1') {
      rewriteGolden(generated);
      process.stderr.write(
        `  (UPDATE_GOLDEN=1: rewrote ${GOLDEN_REL}/ with ${String(listFiles(generated).length)} files; review it with git diff and git status)\n`,
      );
    }
    assert.ok(existsSync(GOLDEN) && listFiles(GOLDEN).length > 0, `${GOLDEN_REL}/ is missing or empty: ${ACCEPT}`);
    const differences = treeDifferences(generated);
    if (differences.length > 0) {
      assert.fail(
        `${String(differences.length)} file(s) differ from ${GOLDEN_REL}/ (a/ golden, b/ generated):\n\n${differences.join('\n')}\nIf the change is intended: ${ACCEPT}.`,
      );
    }
  });
});
