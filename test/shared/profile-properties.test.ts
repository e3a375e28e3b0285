/**
 * The profile space, property-based (issue 17 §3): fast-check draws valid and invalid profiles of
 * both hosts and both OpenMetadata releases from a fixed seed; each runs through the bin, and every
 * generated tree is judged by the release's own tools (test/support/profile-properties.ts says what
 * holds). `npm run bench` runs the same property with many more cases (BENCH_PROPERTY_RUNS).
 *
 * PROPERTY_SEED and PROPERTY_RUNS change the seed and the number of cases of this run.
 */
import assert from 'node:assert/strict';
import { skipWithReason } from '../support/fixtures.js';
import { tempDir } from '../support/generate.js';
import { describeFailure, runProfileProperty } from '../support/profile-properties.js';
import { releaseTools } from '../support/release-tools.js';

/** The seed CI runs with: fixed, so a failure replays. */
const SEED = Number(process.env.PROPERTY_SEED ?? 1717);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 24);

describe('profile properties (fast-check, both hosts, both releases)', function () {
  this.timeout(600_000);

  it(`${RUNS} random profiles from seed ${SEED}: valid ones give clean, formatted, idempotent output; invalid ones are refused naming the flag, nothing written; no stack trace`, async function () {
    const tools = releaseTools();
    if ('missing' in tools) {
      if (process.env.CI === 'true') throw new Error(tools.missing);
      skipWithReason(this, tools.missing);
    }
    const report = await runProfileProperty({ seed: SEED, numRuns: RUNS, root: tempDir('connector-properties-'), tools });
    assert.ok(report.valid > 0 && report.invalid > 0, `the sample has both kinds: ${JSON.stringify(report)}`);
    assert.ok(report.pythonFiles > 0, 'the valid cases generated Python');
    if (report.failures.length > 0) {
      assert.fail(
        `${report.failures.length} of ${report.cases} cases fail (seed ${SEED}); each with its profile, the counterexample:\n\n` +
          report.failures.map(describeFailure).join('\n\n'),
      );
    }
  });
});
