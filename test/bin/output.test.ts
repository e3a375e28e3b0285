/**
 * What a run prints, as a user reads it: each file once, no line about files
 * the run did not change, paths relative to the folder the user is in, no
 * colour codes unless a terminal (and not --no-color) asked for them, and the
 * conflict prompt's `d` showing a unified diff rather than the whole file.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { BIN, forgetRecords, literal, runBin, runGenerator, tempDir } from '../support/generate.js';
import { requireFixtures, skipWithReason } from '../support/fixtures.js';
import { seedOpenMetadataCheckout } from '../openmetadata/support.js';
import { HOST_CASES, briefPathOf, completeProfile, plannedFiles } from '../support/hosts.js';
import { runInTerminal, terminalAvailable } from '../support/terminal.js';

const output = (r: { stdout: string; stderr: string }): string => `${r.stdout}\n${r.stderr}`;
const count = (text: string, needle: string): number => text.split(needle).length - 1;
const ESCAPE = '\u001b[';

describe('what a dry run prints in an OpenMetadata checkout', function () {
  this.timeout(90_000);

  it('lists each registration edit once, in the plan, and never says that files were written', function () {
    requireFixtures(this, 'openmetadata');
    const root = seedOpenMetadataCheckout(tempDir('connector-dry-run-'));
    const result = runBin(['openmetadata', '--name', 'dry_db', '--service-type', 'database', '--dry-run'], { cwd: root });
    assert.equal(result.status, 0, output(result));
    for (const edit of ['added DryDb in definitions.databaseServiceType.enum', 'dryDbConnection.json"} in definitions.databaseConnection']) {
      assert.equal(count(output(result), edit), 1, output(result));
    }
    assert.doesNotMatch(output(result), /were written|answers are kept|Next: read/, output(result));
    assert.match(output(result), /Dry run: nothing was written/);
  });

  it("--dry-run's help names every status the plan can show", function () {
    const help = runBin(['openmetadata', '--help'], { cwd: tempDir() }).stdout;
    // the help wraps long descriptions: the flag's text runs to the next flag
    const line = /--dry-run\s+([\s\S]*?)\n\s*--/.exec(help)?.[1] ?? '';
    for (const status of ['create', 'identical', 'update', 'keep', 'merge', 'conflict', 'delete', 'obsolete', 'absent']) {
      assert.match(line, new RegExp(`\\b${status}\\b`), `--dry-run's help lacks ${status}: ${line}`);
    }
  });
});

for (const c of HOST_CASES) {
  describe(`what a run prints (${c.host})`, function () {
    this.timeout(90_000);
    const files = (): string[] => [...plannedFiles(c, completeProfile(c)), briefPathOf(c, completeProfile(c))];

    it('a dry run lists each file once (the plan), with no Yeoman status lines or diffs after it', function () {
      const result = runBin([c.generator, ...c.flags, '--dry-run'], { cwd: tempDir() });
      assert.equal(result.status, 0, output(result));
      const statusLines = (file: string): number => output(result).split('\n').filter((line) => new RegExp(`^\\s*\\S+\\s+${literal(file)}$`).test(line)).length;
      for (const file of files()) assert.equal(statusLines(file), 1, `${file} in:\n${output(result)}`);
      assert.equal(count(output(result), 'Registration'), 1, output(result));
    });

    it('an identical re-run neither rewrites nor mentions .yo-rc.json, and says once that there is no checkout', async function () {
      const { dir } = await runGenerator(c.generator, c.minimal);
      const result = runBin([c.generator, ...c.flags], { cwd: dir });
      assert.equal(result.status, 0, output(result));
      assert.doesNotMatch(output(result), /^\s*\w+ \.yo-rc\.json$/m, 'a status line for .yo-rc.json');
      assert.equal(count(output(result), 'Registration'), 1, output(result));
    });

    it('run from a subfolder, every path printed (the closing "Next: read" and the answers file too) is relative to that subfolder', async function () {
      const { dir } = await runGenerator(c.generator, c.minimal);
      const sub = path.join(dir, 'somewhere', 'deeper');
      mkdirSync(sub, { recursive: true });
      const result = runBin([c.generator, ...c.flags], { cwd: sub });
      assert.equal(result.status, 0, output(result));
      const brief = path.relative(sub, path.join(dir, briefPathOf(c, completeProfile(c))));
      assert.match(output(result), new RegExp(`Next: read ${literal(brief)}$`, 'm'));
      assert.match(output(result), new RegExp(`identical ${literal(brief)}$`, 'm'));
      // the answers were written at the root, two folders up: the line names that file, not "this folder"
      assert.match(output(result), new RegExp(`Your answers are kept in ${literal(path.join('..', '..', '.yo-rc.json'))}; re-run with --ask-answered`));
    });

    it('context-doc alone says nothing about package.json or installing', async function () {
      const { dir } = await runGenerator(c.generator, c.minimal);
      const result = runBin(['context-doc'], { cwd: dir });
      assert.equal(result.status, 0, output(result));
      assert.doesNotMatch(output(result), /package\.json|install/i);
    });

    it('without a terminal the output has no colour codes, whatever NO_COLOR and FORCE_COLOR say (unset)', function () {
      const env = { ...process.env };
      delete env.NO_COLOR;
      delete env.FORCE_COLOR;
      const result = spawnSync(process.execPath, [BIN, c.generator, ...c.flags], { cwd: tempDir(), encoding: 'utf8', input: '', env });
      assert.equal(result.status, 0, result.stderr);
      assert.ok(!output(result).includes(ESCAPE), 'colour codes in piped output');
    });

    describe('in a terminal', function () {
      before(function () {
        if (!terminalAvailable()) skipWithReason(this, 'tmux is not installed (.ci/run installs it)');
      });

      it('output is coloured, and --no-color turns it off', async function () {
        const flags = [c.generator, ...c.flags, '--no-interactive', '--force'];
        const coloured = await runInTerminal(tempDir(), flags, [], 30_000, true);
        assert.ok(coloured.screen.includes(ESCAPE), 'no colour in a terminal');
        const plain = await runInTerminal(tempDir(), [...flags, '--no-color'], [], 30_000, true);
        assert.equal(plain.status, 0, plain.screen);
        assert.ok(!plain.screen.includes(ESCAPE), `colour codes despite --no-color:\n${JSON.stringify(plain.screen.slice(0, 400))}`);
      });

      it("the conflict prompt's d shows a unified diff with context, not the whole file", async function () {
        const { dir } = await runGenerator(c.generator, c.minimal);
        const edited = files().find((f) => f.endsWith('.py'))!;
        appendFileSync(path.join(dir, edited), '# edited by hand\n');
        forgetRecords(); // no record of the first run: the edit is a conflict
        const run = await runInTerminal(dir, [c.generator, ...c.flags], [
          { waitFor: /Overwrite .*\?/, keys: ['d', 'Enter'] },
          { waitFor: /@@ [\s\S]*\? Overwrite/, keys: ['n', 'Enter'] },
        ]);
        assert.equal(run.status, 0, run.screen);
        assert.match(run.screen, /^--- .* on disk$/m);
        assert.match(run.screen, /^\+\+\+ .* this run$/m);
        assert.match(run.screen, /^-# edited by hand$/m);
        assert.doesNotMatch(run.screen, /^\s*"""\s*$/m, 'the module docstring (far from the change) was shown');
      });
    });
  });
}
