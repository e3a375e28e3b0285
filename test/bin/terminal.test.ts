/**
 * The bin in a real terminal (tmux), as a user meets it: Ctrl-C at a question
 * or at a conflict, and `x` (abort) at a conflict, each end the run with
 * "Cancelled; nothing was written.", exit status 130 and the folder unchanged.
 */
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { diffTrees, isEmptyDiff, runGenerator, snapshotTree, tempDir } from '../support/generate.js';
import { HOST_CASES, completeProfile, plannedFiles } from '../support/hosts.js';
import { skipWithReason } from '../support/fixtures.js';
import { runInTerminal, terminalAvailable } from '../support/terminal.js';

const CONFLICT_PROMPT = /Overwrite .*\?/;

for (const c of HOST_CASES) {
  describe(`the bin in a terminal (${c.host})`, function () {
    this.timeout(90_000);
    let edited: string;

    before(function () {
      if (!terminalAvailable()) skipWithReason(this, 'tmux is not installed (.ci/run installs it)');
      edited = plannedFiles(c, completeProfile(c)).find((f) => f.endsWith('.py'))!;
    });

    /** A folder holding the connector, with one generated file edited by hand. */
    const withConflict = async (): Promise<string> => {
      const { dir } = await runGenerator(c.generator, c.minimal);
      appendFileSync(path.join(dir, edited), '\n# edited by hand\n');
      return dir;
    };

    const assertCancelled = (run: { screen: string; status: number | undefined }, dir: string, before: ReturnType<typeof snapshotTree>): void => {
      assert.equal(run.status, 130, run.screen);
      assert.match(run.screen, /Cancelled; nothing was written\./);
      assert.doesNotMatch(run.screen, /An error occured|#prompting|#conflicts/, 'an internal task name reached the user');
      const diff = diffTrees(before, snapshotTree(dir));
      assert.ok(isEmptyDiff(diff), JSON.stringify(diff));
    };

    it('Ctrl-C at the first question', async function () {
      const dir = tempDir();
      const before = snapshotTree(dir);
      const run = await runInTerminal(dir, [c.generator], [{ waitFor: /\?.*name/i, keys: ['C-c'] }]);
      assertCancelled(run, dir, before);
    });

    it('Ctrl-C at a conflict', async function () {
      const dir = await withConflict();
      const before = snapshotTree(dir);
      const run = await runInTerminal(dir, [c.generator, ...c.flags, '--docs-notes', 'changed'], [{ waitFor: CONFLICT_PROMPT, keys: ['C-c'] }]);
      assertCancelled(run, dir, before);
    });

    it('abort (x) at a conflict', async function () {
      const dir = await withConflict();
      const before = snapshotTree(dir);
      const run = await runInTerminal(dir, [c.generator, ...c.flags, '--docs-notes', 'changed'], [{ waitFor: CONFLICT_PROMPT, keys: ['x', 'Enter'] }]);
      assertCancelled(run, dir, before);
      assert.match(run.screen, new RegExp(`Aborted at the conflict for ${edited.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    });
  });
}
