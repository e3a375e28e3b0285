/**
 * What a run prints, as a user reads it: each file once, no line about files
 * the run did not change, paths relative to the folder the user is in, no
 * colour codes unless a terminal (and not --no-color) asked for them, and the
 * conflict prompt's `d` showing a unified diff rather than the whole file.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, forgetRecords, literal, runBin, runGenerator, tempDir } from '../support/generate.js';
import { REPO_ROOT, requireFixtures, skipWithReason } from '../support/fixtures.js';
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

/** The status words of the README's table of statuses (its first column). */
function readmeStatuses(): string[] {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const table = /^\| status \| when \| what happens \|\n\| --- \| --- \| --- \|\n((?:\|.*\n)+)/m.exec(readme)?.[1];
  assert.ok(table, "README.md has no table of statuses ('| status | when | what happens |')");
  return table.split('\n').filter(Boolean).map((row) => /^\| `([a-z]+)` \|/.exec(row)?.[1] ?? `(unparsed row: ${row})`);
}

/** The status word of each line of a run's output that names a file (`   create path`, `  keep      path` in a plan). */
const statusesIn = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => /^\s*([a-z]+)\s+(\S+)/.exec(line))
    // a path: a folder in it, or a dot file (.yo-rc.json); `info` lines are messages, not statuses
    .filter((m): m is RegExpExecArray => m !== null && m[1] !== 'info' && (m[2]!.includes('/') || m[2]!.startsWith('.')))
    .map((m) => m[1]!);

describe('one vocabulary of statuses: what runs print is what the README and --help name', function () {
  this.timeout(180_000);
  const printed = new Map<string, string>();
  let root: string;
  const source = 'ingestion/src/metadata/ingestion/source/database/waredb';
  const profile = ['openmetadata', '--name', 'ware_db', '--service-type', 'database'];

  /** Runs the bin in the checkout and keeps the statuses it printed, with the scenario that printed each first. */
  const runAndCollect = (scenario: string, args: string[], status = 0): string => {
    const result = runBin([...profile, ...args], { cwd: root });
    assert.equal(result.status, status, `${scenario}:\n${output(result)}`);
    for (const word of statusesIn(output(result))) if (!printed.has(word)) printed.set(word, scenario);
    return output(result);
  };

  before(function () {
    requireFixtures(this, 'openmetadata');
    root = seedOpenMetadataCheckout(tempDir('connector-statuses-'));
    forgetRecords();
    const file = (rel: string): string => path.join(root, source, rel);
    runAndCollect('first run', ['--capabilities', 'metadata', 'lineage', 'usage']);
    runAndCollect('the same again', ['--capabilities', 'metadata', 'lineage', 'usage']);
    runAndCollect('other docs notes', ['--docs-notes', 'notesone']);
    appendFileSync(file('connection.py'), '# edited by hand\n');
    writeFileSync(file('CONNECTOR_CONTEXT.md'), `<!-- kept by hand -->\n${readFileSync(file('CONNECTOR_CONTEXT.md'), 'utf8')}`);
    runAndCollect('edited files, other docs notes', ['--docs-notes', 'notestwo']);
    rmSync(file('metadata.py'));
    appendFileSync(file('usage.py'), '# edited by hand\n');
    runAndCollect('a deleted file, fewer capabilities', ['--capabilities', 'metadata']);
    runAndCollect('a dry run', ['--dry-run', '--docs-notes', 'notesthree']);
    writeFileSync(file('CONNECTOR_CONTEXT.md'), readFileSync(file('CONNECTOR_CONTEXT.md'), 'utf8').replace('notestwo', 'edited by hand'));
    runAndCollect('a dry run with a conflict', ['--dry-run', '--docs-notes', 'notesthree']);
    forgetRecords(); // no record: an edited file is a change
    runAndCollect('a dry run without records', ['--dry-run']);
  });

  it("every status a run or a dry run prints is a row of the README's table", function () {
    const table = readmeStatuses();
    const missing = [...printed].filter(([word]) => !table.includes(word));
    assert.deepEqual(missing, [], `printed but not in the README's table: ${missing.map(([w, s]) => `${w} (${s})`).join(', ')}`);
  });

  it("--dry-run's help names every status a dry run printed", function () {
    const help = runBin(['openmetadata', '--help'], { cwd: tempDir() }).stdout;
    const line = /--dry-run\s+([\s\S]*?)\n\s*--/.exec(help)?.[1]?.replace(/\s+/g, ' ') ?? '';
    const shownByDryRuns = [...printed].filter(([, scenario]) => scenario.startsWith('a dry run')).map(([word]) => word);
    assert.ok(shownByDryRuns.length > 0, 'the dry runs printed no status');
    // a plan's `register` lines are "the registration edits" of the help
    for (const word of shownByDryRuns) assert.match(line, word === 'register' ? /registration edits/ : new RegExp(`\\b${word}\\b`), `${word}: ${line}`);
  });

  it("in a terminal, the conflict prompt's statuses are rows too, and every row of the table is printed by some run", async function () {
    if (!terminalAvailable()) skipWithReason(this, 'tmux is not installed (.ci/run installs it)');
    // without records (the last dry run's), both edited files are conflicts: n to each
    const run = await runInTerminal(root, [...profile, '--docs-notes', 'notesthree'], [
      { waitFor: /Overwrite \S*connection\.py\?/, keys: ['n', 'Enter'] },
      { waitFor: /Overwrite \S*CONNECTOR_CONTEXT\.md\? \(/, keys: ['n', 'Enter'] },
    ]);
    assert.equal(run.status, 0, run.screen);
    for (const word of statusesIn(run.screen)) if (!printed.has(word)) printed.set(word, 'a conflict answered n');
    const table = readmeStatuses();
    assert.deepEqual(table.filter((word) => !printed.has(word)), [], `in the README's table, printed by no run: ${[...printed.keys()].join(', ')} were printed`);
    assert.deepEqual([...printed.keys()].filter((word) => !table.includes(word)), []);
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

    it('run from a subfolder, every path printed (the closing "Next: read" too) is relative to that subfolder', async function () {
      const { dir } = await runGenerator(c.generator, c.minimal);
      const sub = path.join(dir, 'somewhere', 'deeper');
      mkdirSync(sub, { recursive: true });
      const result = runBin([c.generator, ...c.flags], { cwd: sub });
      assert.equal(result.status, 0, output(result));
      const brief = path.relative(sub, path.join(dir, briefPathOf(c, completeProfile(c))));
      assert.match(output(result), new RegExp(`Next: read ${literal(brief)}$`, 'm'));
      assert.match(output(result), new RegExp(`identical ${literal(brief)}$`, 'm'));
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
