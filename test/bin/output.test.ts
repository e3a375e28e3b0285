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
import { seedCheckout } from '../support/checkouts.js';
import { HOST_CASES, briefPathOf, completeProfile, plannedFiles } from '../support/hosts.js';
import { runInTerminal, terminalAvailable } from '../support/terminal.js';
import { OPENMETADATA_RELEASES } from '../../generators/openmetadata/profile/fields.js';
import { releaseFacts } from '../../generators/openmetadata/facts/index.js';
import { MAGE_FACTS } from '../../generators/mage/facts/index.js';

const output = (r: { stdout: string; stderr: string }): string => `${r.stdout}\n${r.stderr}`;
const count = (text: string, needle: string): number => text.split(needle).length - 1;
const ESCAPE = '\u001b[';

describe('what a dry run prints in an OpenMetadata checkout', function () {
  this.timeout(90_000);

  it('lists each registration edit once, in the plan, and never says that files were written', function () {
    requireFixtures(this, 'openmetadata');
    const root = seedCheckout('openmetadata', tempDir('connector-dry-run-'));
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

/** The closing lines of a run: the line that names the brief and where the commands run, then each numbered step. */
function closingSteps(text: string): { head: string; steps: Array<{ title: string; command: string }> } {
  const lines = text.split('\n');
  const at = lines.findIndex((line) => /\bNext: read /.test(line));
  assert.ok(at !== -1, `no "Next: read" line in:\n${text}`);
  const steps: Array<{ title: string; command: string }> = [];
  for (const line of lines.slice(at + 1)) {
    const step = /^\s+(\d+)\. (.+?): (.+)$/.exec(line);
    if (!step) break;
    assert.equal(Number(step[1]), steps.length + 1, `steps are numbered in order: ${line}`);
    steps.push({ title: step[2]!, command: step[3]! });
  }
  return { head: lines[at]!, steps };
}

/** The brief's "Next steps" section: the command of each shell block, continued lines joined as the terminal shows them. */
function briefNextCommands(brief: string): string[] {
  const section = brief.slice(brief.indexOf('## Next steps'), brief.indexOf('\n## ', brief.indexOf('## Next steps') + 1));
  assert.ok(section.startsWith('## Next steps'), 'the brief has a Next steps section');
  return [...section.matchAll(/^(`{3,})(?:bash|sh)\n([\s\S]*?)\n\1$/gm)].map((m) => m[2]!.replace(/ \\\n\s+/g, ' '));
}

describe('the closing steps of a run: what the release needs next, with its commands, from the facts and the file plan', function () {
  this.timeout(90_000);
  const om = HOST_CASES.find((c) => c.host === 'openmetadata')!;
  const mage = HOST_CASES.find((c) => c.host === 'mage')!;

  for (const line of OPENMETADATA_RELEASES) {
    it(`OpenMetadata ${line}: models, the release's formatter, the unit test and the example workflow, numbered, the brief's Next steps the same`, function () {
      const dir = tempDir();
      const result = runBin([om.generator, ...om.flags, '--openmetadata-version', line], { cwd: dir });
      assert.equal(result.status, 0, output(result));
      const { head, steps } = closingSteps(output(result));
      const profile = completeProfile(om, { openmetadataVersion: line });
      const brief = briefPathOf(om, profile);
      assert.match(
        head,
        new RegExp(
          `Next: read ${literal(brief)} and do its TODOs\\. Then, from the root of a checkout that holds these files, with the ingestion environment active:$`,
        ),
      );
      const facts = releaseFacts(line);
      const planned = plannedFiles(om, profile);
      const unitTest = planned.find((f) => f.startsWith('ingestion/tests/unit/'))!;
      const workflow = planned.find((f) => f.startsWith('ingestion/src/metadata/examples/workflows/'))!;
      assert.deepEqual(
        steps.map((s) => s.command),
        [
          `(cd ingestion && ${facts.modelGeneration.command})`,
          facts.pythonFormatting.command,
          `(cd ingestion && pytest ${path.relative('ingestion', unitTest)})`,
          `metadata ingest -c ${workflow}`,
        ],
      );
      assert.deepEqual(
        briefNextCommands(readFileSync(path.join(dir, brief), 'utf8')),
        steps.map((s) => s.command),
        "the brief's Next steps",
      );
    });
  }

  it('OpenMetadata, run from a subfolder of a checkout: the commands run from the checkout root, which the line names as the shell sees it', function () {
    requireFixtures(this, 'openmetadata');
    const root = seedCheckout('openmetadata', tempDir('connector-next-steps-'));
    const sub = path.join(root, 'ingestion', 'src');
    mkdirSync(sub, { recursive: true });
    const result = runBin([om.generator, ...om.flags], { cwd: sub });
    assert.equal(result.status, 0, output(result));
    const brief = path.relative(sub, path.join(root, briefPathOf(om, completeProfile(om))));
    assert.match(
      closingSteps(output(result)).head,
      new RegExp(
        `Next: read ${literal(brief)} and do its TODOs\\. Then, from the checkout root \\(\\.\\./\\.\\.\\), with the ingestion environment active:$`,
      ),
    );
  });

  it("Mage: imports sorted and linted as mage-ai's pre-commit does, over the planned Python; the unit test; the source run as Mage runs it; the brief's Next steps the same", function () {
    const dir = tempDir();
    const result = runBin([mage.generator, ...mage.flags], { cwd: dir });
    assert.equal(result.status, 0, output(result));
    const { head, steps } = closingSteps(output(result));
    const profile = completeProfile(mage);
    const brief = briefPathOf(mage, profile);
    assert.match(
      head,
      new RegExp(
        `Next: read ${literal(brief)} and do its TODOs\\. Then, from the root of a checkout that holds these files, with mage_integrations installed \\(pip install -e mage_integrations\\):$`,
      ),
    );
    const commands = steps.map((s) => s.command);
    assert.equal(commands.length, 5, commands.join('\n'));
    const [isort, flake8, unittest, testConnection, discover] = commands as [string, string, string, string, string];
    // every planned Python file lies in a folder the two tools are given, and they are given only such folders
    const python = plannedFiles(mage, profile).filter((f) => f.endsWith('.py'));
    for (const [command, tool] of [
      [isort, 'isort --profile black '],
      [flake8, `flake8 --max-line-length ${MAGE_FACTS.flake8MaxLineLength} `],
    ] as const) {
      assert.ok(command.startsWith(tool), command);
      const folders = command.slice(tool.length).split(' ');
      for (const file of python)
        assert.ok(
          folders.some((f) => file.startsWith(`${f}/`)),
          `${file} is outside ${command}`,
        );
      for (const folder of folders)
        assert.ok(
          python.some((file) => file.startsWith(`${folder}/`)),
          `${folder} holds no planned Python file`,
        );
    }
    const testFile = python.find((f) => f.includes('/tests/') && path.basename(f).startsWith('test_'))!;
    assert.equal(
      unittest,
      `(cd mage_integrations && python3 -m unittest ${path.relative('mage_integrations', testFile).replace(/\.py$/, '').split('/').join('.')})`,
    );
    const { name } = profile;
    assert.ok(typeof name === 'string', 'the complete profile has a name');
    const script = python.find((f) => f === `${MAGE_FACTS.paths.sources}/${name}/__init__.py`)!;
    for (const [command, flag] of [
      [testConnection, '--test_connection'],
      [discover, '--discover'],
    ] as const) {
      const run = new RegExp(`^python3 ${literal(script)} --config_json '([^']*)' ${flag}$`).exec(command);
      assert.ok(run, command);
      const config = JSON.parse(run[1]!) as Record<string, unknown>;
      assert.deepEqual(
        Object.keys(config).sort(),
        (profile.configKeys as Array<{ key: string }>).map((k) => k.key).sort(),
        'the config names every config key',
      );
    }
    assert.deepEqual(briefNextCommands(readFileSync(path.join(dir, brief), 'utf8')), commands, "the brief's Next steps");
  });
});

/** The status words of the README's table of statuses (its first column; a row may qualify its word in parentheses). */
function readmeStatuses(): string[] {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const table = /^\| status \| when \| what happens \|\n\| --- \| --- \| --- \|\n((?:\|.*\n)+)/m.exec(readme)?.[1];
  assert.ok(table, "README.md has no table of statuses ('| status | when | what happens |')");
  return table
    .split('\n')
    .filter(Boolean)
    .map((row) => /^\| `([a-z]+)`(?: \([^)|]*\))? \|/.exec(row)?.[1] ?? `(unparsed row: ${row})`);
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
    root = seedCheckout('openmetadata', tempDir('connector-statuses-'));
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
    for (const word of shownByDryRuns)
      assert.match(line, word === 'register' ? /registration edits/ : new RegExp(`\\b${word}\\b`), `${word}: ${line}`);
  });

  it("in a terminal, the conflict prompt's statuses are rows too, and every row of the table is printed by some run", async function () {
    if (!terminalAvailable()) skipWithReason(this, 'tmux is not installed (.ci/run installs it)');
    // without records (the last dry run's), both edited files are conflicts, and so is the connection guide, which
    // quotes the docs notes too: n to each
    const run = await runInTerminal(
      root,
      [...profile, '--docs-notes', 'notesthree'],
      [
        { waitFor: /Overwrite \S*connection\.py\?/, keys: ['n', 'Enter'] },
        { waitFor: /Overwrite \S*en-US\/Database\/\w+\.md\?/, keys: ['n', 'Enter'] },
        { waitFor: /Overwrite \S*CONNECTOR_CONTEXT\.md\? \(/, keys: ['n', 'Enter'] },
      ],
    );
    assert.equal(run.status, 0, run.screen);
    for (const word of statusesIn(run.screen)) if (!printed.has(word)) printed.set(word, 'a conflict answered n');
    const table = readmeStatuses();
    assert.deepEqual(
      table.filter((word) => !printed.has(word)),
      [],
      `in the README's table, printed by no run: ${[...printed.keys()].join(', ')} were printed`,
    );
    assert.deepEqual(
      [...printed.keys()].filter((word) => !table.includes(word)),
      [],
    );
  });
});

for (const c of HOST_CASES) {
  describe(`what a run prints (${c.host})`, function () {
    this.timeout(90_000);
    const files = (): string[] => [...plannedFiles(c, completeProfile(c)), briefPathOf(c, completeProfile(c))];

    it('a dry run lists each file once (the plan), with no Yeoman status lines or diffs after it', function () {
      const result = runBin([c.generator, ...c.flags, '--dry-run'], { cwd: tempDir() });
      assert.equal(result.status, 0, output(result));
      const statusLines = (file: string): number =>
        output(result)
          .split('\n')
          .filter((line) => new RegExp(`^\\s*\\S+\\s+${literal(file)}$`).test(line)).length;
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
      assert.match(output(result), new RegExp(`Next: read ${literal(brief)} and do its TODOs\\. `, 'm'));
      assert.match(output(result), new RegExp(`identical ${literal(brief)}$`, 'm'));
      // the answers were written at the root, two folders up: the line names that file, not "this folder"
      assert.match(
        output(result),
        new RegExp(`Your answers are kept in ${literal(path.join('..', '..', '.yo-rc.json'))}; re-run with --ask-answered`),
      );
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
        const run = await runInTerminal(
          dir,
          [c.generator, ...c.flags],
          [
            { waitFor: /Overwrite .*\?/, keys: ['d', 'Enter'] },
            { waitFor: /@@ [\s\S]*\? Overwrite/, keys: ['n', 'Enter'] },
          ],
        );
        assert.equal(run.status, 0, run.screen);
        assert.match(run.screen, /^--- .* on disk$/m);
        assert.match(run.screen, /^\+\+\+ .* this run$/m);
        assert.match(run.screen, /^-# edited by hand$/m);
        assert.doesNotMatch(run.screen, /^\s*"""\s*$/m, 'the module docstring (far from the change) was shown');
      });
    });
  });
}
