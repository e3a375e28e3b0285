/**
 * Re-runs and conflicts, for every host: identical files are reported and left
 * alone; an edited file is kept when the user skips it and replaced with
 * --force; a run without a terminal that meets a conflict fails listing the
 * files and changes nothing; --dry-run writes nothing and prints the plan.
 */
import assert from 'node:assert/strict';
import { appendFileSync, cpSync } from 'node:fs';
import path from 'node:path';
import {
  diffTrees,
  isEmptyDiff,
  readText,
  readTree,
  runBin,
  runGenerator,
  snapshotTree,
  statusOf,
  tempDir,
  type TreeSnapshot,
} from '../support/generate.js';
import { HOST_CASES, briefPathOf, completeProfile, generatorBuilt, plannedFiles } from '../support/hosts.js';

const EDIT = '\n# edited by hand: keep me\n';

const output = (r: { stdout: string; stderr: string }): string => `${r.stdout}\n${r.stderr}`;

for (const c of HOST_CASES) {
  describe(`conflicts and re-runs (${c.host})`, function () {
    const options = { ...c.minimal, docsNotes: 'A connector for conflict tests' };
    const flags = [c.generator, ...c.flags, '--docs-notes', options.docsNotes];
    let pristine: string;
    let original: Map<string, string>;
    let generated: string[];
    let editable: string[];

    /** A copy of the freshly generated folder, for a test to change. */
    const copy = (): string => {
      const dir = tempDir(`connector-${c.host}-conflict-`);
      cpSync(pristine, dir, { recursive: true });
      return dir;
    };

    const edit = (dir: string, files: string[]): void => {
      for (const file of files) appendFileSync(path.join(dir, file), EDIT);
    };

    before(async function () {
      assert.ok(generatorBuilt(c), `${c.generator} generator is not built: dist/generators/${c.generator}/index.js is missing (unfinished?)`);
      ({ dir: pristine } = await runGenerator(c.generator, options));
      original = readTree(pristine);
      generated = [...original.keys()].filter((f) => f !== '.yo-rc.json');
      assert.ok(generated.length > 0, 'the run generated files');
      const profile = completeProfile(c, options);
      const planned = plannedFiles(c, profile);
      // A file of the host's plan and the brief (written by the composed context-doc generator).
      editable = [[...planned.filter((f) => f.endsWith('.py')), ...planned][0]!, briefPathOf(c, profile)];
      for (const file of editable) assert.ok(original.has(file), `${file} was not generated`);
    });

    it('a re-run through the bin reports every file identical and leaves them byte-identical', function () {
      const dir = copy();
      const before = snapshotTree(dir);
      const result = runBin(flags, { cwd: dir });
      assert.equal(result.status, 0, output(result));
      for (const file of generated) assert.equal(statusOf(output(result), file), 'identical', `${file} in:\n${output(result)}`);
      assert.ok(isEmptyDiff(diffTrees(before, snapshotTree(dir))), JSON.stringify(diffTrees(before, snapshotTree(dir))));
    });

    it('a re-run in process without a terminal succeeds and changes nothing', async function () {
      const dir = copy();
      const before = snapshotTree(dir);
      await runGenerator(c.generator, options, { cwd: dir });
      assert.deepEqual(diffTrees(before, snapshotTree(dir)), { added: [], removed: [], changed: [] });
    });

    it('an edited file is kept when the user answers skip', async function () {
      const dir = copy();
      edit(dir, editable);
      const before = snapshotTree(dir);
      await runGenerator(c.generator, { ...options, interactive: true }, { cwd: dir, answers: { action: 'skip' } });
      for (const file of editable) assert.equal(readText(dir, file), original.get(file)! + EDIT, `${file} lost the edit`);
      assert.ok(isEmptyDiff(diffTrees(before, snapshotTree(dir))));
    });

    it('force overwrites an edited file (environment force, and --force through the bin)', async function () {
      const dir = copy();
      edit(dir, editable);
      await runGenerator(c.generator, options, { cwd: dir, env: { force: true } });
      for (const file of editable) assert.equal(readText(dir, file), original.get(file), `${file} was not overwritten`);

      edit(dir, editable);
      const result = runBin([...flags, '--force'], { cwd: dir });
      assert.equal(result.status, 0, output(result));
      for (const file of editable) assert.equal(readText(dir, file), original.get(file), `${file} was not overwritten by --force`);
    });

    it('without a terminal a conflict fails, lists the conflicting files and changes nothing', function () {
      const dir = copy();
      edit(dir, editable);
      const before = snapshotTree(dir);
      const result = runBin(flags, { cwd: dir });
      assert.notEqual(result.status, 0, `exit status 0:\n${output(result)}`);
      for (const file of editable) assert.ok(output(result).includes(file), `${file} not listed in:\n${output(result)}`);
      assert.match(output(result), /--force/);
      assert.ok(isEmptyDiff(diffTrees(before, snapshotTree(dir))), JSON.stringify(diffTrees(before, snapshotTree(dir))));
    });

    it('without a terminal a conflict offers a terminal before --force, says --force loses the edits, and offers nothing that cannot help', function () {
      const dir = copy();
      edit(dir, editable);
      const result = runBin(flags, { cwd: dir });
      assert.notEqual(result.status, 0, `exit status 0:\n${output(result)}`);
      const advice = output(result).slice(output(result).indexOf('Nothing was written.'));
      assert.ok(
        advice.indexOf('in a terminal') >= 0 && advice.indexOf('in a terminal') < advice.indexOf('--force'),
        `--force is offered first:\n${advice}`,
      );
      assert.match(advice, /--force[^.]*your edits in them are lost/);
      // no record of an earlier run: there is no merge to write with markers, and a dry run shows statuses, not differences
      assert.doesNotMatch(advice, /--write-conflict-markers|--dry-run/, advice);
    });

    it('without a terminal an in-process run meeting a conflict rejects and changes nothing', async function () {
      const dir = copy();
      edit(dir, editable);
      const before = snapshotTree(dir);
      await assert.rejects(runGenerator(c.generator, options, { cwd: dir }), (error: Error) => {
        for (const file of editable) assert.ok(error.message.includes(file), error.message);
        return true;
      });
      assert.ok(isEmptyDiff(diffTrees(before, snapshotTree(dir))));
    });

    describe('--dry-run', function () {
      const assertPlanPrinted = (text: string): void => {
        for (const file of generated) assert.ok(text.includes(file), `${file} missing from the plan:\n${text}`);
      };

      it('on a fresh folder writes nothing and prints the plan (bin)', function () {
        const dir = tempDir();
        const result = runBin([...flags, '--dry-run'], { cwd: dir });
        assert.equal(result.status, 0, output(result));
        assert.deepEqual([...snapshotTree(dir).keys()], []);
        assertPlanPrinted(output(result));
      });

      it('on a fresh folder writes nothing (in process)', async function () {
        const dir = tempDir();
        await runGenerator(c.generator, options, { cwd: dir, env: { dryRun: true } });
        assert.deepEqual([...snapshotTree(dir).keys()], []);
      });

      it('on a conflicting folder writes nothing, prints the plan and shows the edited files as changed', function () {
        const dir = copy();
        edit(dir, editable);
        const before: TreeSnapshot = snapshotTree(dir);
        const result = runBin([...flags, '--dry-run'], { cwd: dir });
        assert.equal(result.status, 0, output(result));
        assert.ok(isEmptyDiff(diffTrees(before, snapshotTree(dir))), JSON.stringify(diffTrees(before, snapshotTree(dir))));
        assertPlanPrinted(output(result));
        for (const file of editable) {
          const statuses = output(result)
            .split('\n')
            .filter((line) => line.trim().endsWith(` ${file}`))
            .map((line) => line.trim().split(/\s+/)[0]);
          assert.ok(
            statuses.some((s) => s === 'change' || s === 'conflict'),
            `${file}: ${statuses.join(', ')}`,
          );
        }
      });
    });
  });
}
