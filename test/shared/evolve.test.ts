/**
 * Evolving a connector, as a user does: generate, edit generated files by
 * hand, then re-run with a grown profile (an auth type, a capability, a
 * stream). A file the user did not touch takes the new content (update); one
 * the generator did not change keeps the user's (keep); one both changed is
 * merged with git merge-file (merge), and a true conflict is neither lost nor
 * silent: without a terminal the run fails naming it (and the ways out that keep
 * the edits before --force), --write-conflict-markers writes the merge with
 * markers, and in a terminal `m` does. A run that leaves markers lists the files
 * at its end; later runs report them (never `keep`) and leave them alone until
 * resolved, and a resolution is kept. --force, and its dry run, name the files
 * whose edits it discards.
 */
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { diffTrees, isEmptyDiff, literal, runBin, runGenerator, snapshotTree, statusOf, tempDir, type BinResult } from '../support/generate.js';
import { flagsOf } from '../support/hosts.js';
import { skipWithReason } from '../support/fixtures.js';
import { runInTerminal, terminalAvailable } from '../support/terminal.js';

const output = (r: BinResult): string => `${r.stdout}\n${r.stderr}`;

interface Evolution {
  host: 'openmetadata' | 'mage';
  first: Record<string, unknown>;
  grown: Record<string, unknown>;
  /** a file the grown profile does not change: the user's edit is kept as it is */
  untouchedByGenerator: string;
  /** a file the grown profile changes: an edit elsewhere in it merges cleanly */
  merged: { file: string; edit: (text: string) => string; kept: string; added: string };
  /** the user rewrites a line the grown profile also changes */
  conflicting: { file: string; edit: (text: string) => string; mine: string };
  /** a file of the grown profile that did not exist before */
  created: string;
  /** a profile grown once more, which changes the conflicting file again, and a line it adds there */
  grownAgain?: { profile: Record<string, unknown>; added: string };
}

const OM_SOURCE = 'ingestion/src/metadata/ingestion/source/database/whdb';
const MAGE_SOURCE = 'mage_integrations/mage_integrations/sources/shop_api';

const EVOLUTIONS: Evolution[] = [
  {
    host: 'openmetadata',
    // a scheme whose query history is known: lineage adds a GetQueries check that runs its SQL (run_sql)
    first: { name: 'wh_db', serviceType: 'database', scheme: 'postgresql+psycopg2', capabilities: ['metadata'], authTypes: ['basic'] },
    grown: {
      name: 'wh_db',
      serviceType: 'database',
      scheme: 'postgresql+psycopg2',
      capabilities: ['metadata', 'lineage'],
      authTypes: ['basic', 'iam'],
    },
    untouchedByGenerator: `${OM_SOURCE}/metadata.py`,
    merged: {
      file: `${OM_SOURCE}/connection.py`,
      // 2.0 (the default release) writes connection.py on the checks API: lineage adds a GetQueries check
      edit: (text) => text.replace(/^( {4}SYSTEM_SCHEMAS = .*)$/m, '$1  # kept: my edit'),
      kept: '"})  # kept: my edit',
      added: '@check(DatabaseStep.GetQueries)',
    },
    conflicting: {
      file: `${OM_SOURCE}/connection.py`,
      // an import where the grown profile adds run_sql: the same place, other text
      edit: (text) => text.replace(/^( {4}ping,\n)\)$/m, '$1    my_own_helper,\n)'),
      mine: '    my_own_helper,',
    },
    created: `${OM_SOURCE}/lineage.py`,
  },
  {
    host: 'mage',
    first: { name: 'shop_api', connectorType: 'api', streams: ['orders'] },
    grown: { name: 'shop_api', connectorType: 'api', streams: ['orders', 'users'] },
    untouchedByGenerator: `${MAGE_SOURCE}/streams/base.py`,
    merged: {
      file: `${MAGE_SOURCE}/streams/__init__.py`,
      edit: (text) => `# kept: my note on the streams\n${text}`,
      kept: '# kept: my note on the streams',
      added: '"users": UsersStream',
    },
    conflicting: {
      file: `${MAGE_SOURCE}/streams/__init__.py`,
      edit: (text) => text.replace('"orders": OrdersStream,', '"orders": OrdersStream,  # mine'),
      mine: '"orders": OrdersStream,  # mine',
    },
    created: `${MAGE_SOURCE}/streams/users.py`,
    grownAgain: { profile: { name: 'shop_api', connectorType: 'api', streams: ['orders', 'users', 'items'] }, added: '"items": ItemsStream,' },
  },
];

const read = (dir: string, file: string): string => readFileSync(path.join(dir, file), 'utf8');

/** The end of a run that left files with conflict markers: the count, then the files, one a line. */
const MARKERS_LISTED = /(\d+) file\(s\) hold conflict markers: resolve each[^\n]*\n((?: {2}\S.*\n?)+)/;
const listedWithMarkers = (text: string): string[] =>
  (MARKERS_LISTED.exec(text)?.[2] ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** Conflict markers resolved as a user does by hand, keeping both sides: yours, then the lines this run added. */
const resolveKeepingBoth = (text: string): string =>
  text.replace(/^<{7} .*\n([\s\S]*?)^\|{7} .*\n([\s\S]*?)^={7}\n([\s\S]*?)^>{7} .*\n/m, (_all, mine: string, base: string, now: string) => {
    const before = new Set(base.split('\n'));
    return (
      mine +
      now
        .split('\n')
        .filter((line) => line !== '' && !before.has(line))
        .map((line) => `${line}\n`)
        .join('')
    );
  });

const rewrite = (dir: string, file: string, change: (text: string) => string): void => {
  const before = read(dir, file);
  const after = change(before);
  assert.notEqual(after, before, `the edit did not apply to ${file}`);
  writeFileSync(path.join(dir, file), after);
};

describe('evolving a connector: a re-run merges', function () {
  this.timeout(120_000);
  const previousState = process.env.GENERATOR_CONNECTOR_STATE_DIR;
  before(function () {
    process.env.GENERATOR_CONNECTOR_STATE_DIR = tempDir('connector-records-');
  });
  after(function () {
    if (previousState === undefined) delete process.env.GENERATOR_CONNECTOR_STATE_DIR;
    else process.env.GENERATOR_CONNECTOR_STATE_DIR = previousState;
  });

  for (const e of EVOLUTIONS) {
    describe(e.host, function () {
      const generated = async (): Promise<string> => (await runGenerator(e.host, e.first)).dir;

      it('hand edits survive a grown profile: keep, merge, update and create, reported by name, without asking', async function () {
        const dir = await generated();
        appendFileSync(path.join(dir, e.untouchedByGenerator), '\n# kept: a helper of mine\n');
        rewrite(dir, e.merged.file, e.merged.edit);
        const result = runBin([e.host, ...flagsOf(e.grown)], { cwd: dir });
        assert.equal(result.status, 0, output(result));
        assert.ok(read(dir, e.untouchedByGenerator).includes('# kept: a helper of mine'), 'the edit of an unchanged file was lost');
        assert.ok(read(dir, e.merged.file).includes(e.merged.kept), 'the edit of a merged file was lost');
        assert.ok(read(dir, e.merged.file).includes(e.merged.added), "the grown profile's content is missing from the merged file");
        assert.equal(statusOf(output(result), e.untouchedByGenerator), 'keep', output(result));
        assert.equal(statusOf(output(result), e.merged.file), 'merge', output(result));
        assert.equal(statusOf(output(result), e.created), 'create', output(result));
        assert.ok(/^\s+update\s/m.test(output(result)), `no file the user left alone was updated:\n${output(result)}`);
      });

      it('--dry-run lists which files would merge, be kept or conflict, and writes nothing', async function () {
        const dir = await generated();
        rewrite(dir, e.merged.file, e.merged.edit);
        appendFileSync(path.join(dir, e.untouchedByGenerator), '\n# kept\n');
        const before = snapshotTree(dir);
        const result = runBin([e.host, ...flagsOf(e.grown), '--dry-run'], { cwd: dir });
        assert.equal(result.status, 0, output(result));
        assert.equal(statusOf(output(result), e.merged.file), 'merge', output(result));
        assert.equal(statusOf(output(result), e.untouchedByGenerator), 'keep', output(result));
        assert.ok(isEmptyDiff(diffTrees(before, snapshotTree(dir))));
        const conflicted = await generated();
        rewrite(conflicted, e.conflicting.file, e.conflicting.edit);
        const listing = runBin([e.host, ...flagsOf(e.grown), '--dry-run'], { cwd: conflicted });
        assert.equal(statusOf(output(listing), e.conflicting.file), 'conflict', output(listing));
      });

      it('the brief marks the files changed by hand since they were generated', async function () {
        const dir = await generated();
        appendFileSync(path.join(dir, e.untouchedByGenerator), '\n# mine\n');
        runBin([e.host, ...flagsOf(e.first)], { cwd: dir });
        const brief = readFileSync(path.join(dir, briefOf(e)), 'utf8');
        const row = brief.split('\n').find((line) => line.startsWith(`| \`${e.untouchedByGenerator}\``));
        assert.match(row ?? '', /changed by you since it was generated/);
        assert.equal(brief.split('\n').filter((line) => line.includes('changed by you')).length, 1, 'another file was marked');
      });

      it('a true conflict without a terminal fails naming the file and why, and writes nothing', async function () {
        const dir = await generated();
        rewrite(dir, e.conflicting.file, e.conflicting.edit);
        const before = snapshotTree(dir);
        const result = runBin([e.host, ...flagsOf(e.grown)], { cwd: dir });
        assert.notEqual(result.status, 0, output(result));
        assert.match(output(result), new RegExp(`${literal(e.conflicting.file)}\\s+\\(you and this run both changed the same lines`));
        assert.ok(isEmptyDiff(diffTrees(before, snapshotTree(dir))));
      });

      it('without a terminal the ways out that keep your edits come first (a terminal, --write-conflict-markers), --force last, saying it loses them', async function () {
        const dir = await generated();
        rewrite(dir, e.conflicting.file, e.conflicting.edit);
        const result = runBin([e.host, ...flagsOf(e.grown)], { cwd: dir });
        assert.notEqual(result.status, 0, output(result));
        const advice = output(result).slice(output(result).indexOf('Nothing was written.'));
        const at = (needle: string): number => advice.indexOf(needle);
        for (const needle of ['in a terminal', 're-run with --write-conflict-markers', '--force'])
          assert.ok(at(needle) >= 0, `"${needle}" missing from:\n${advice}`);
        assert.ok(at('in a terminal') < at('--force') && at('--write-conflict-markers') < at('--force'), `--force is offered first:\n${advice}`);
        assert.match(advice, /--force[^.]*your edits in them are lost/);
        assert.doesNotMatch(output(result), /--dry-run to see the differences/, 'a dry run lists statuses, not differences');
      });

      it('--force and its dry run name the files whose hand edits it discards (kept and merged ones too)', async function () {
        const dir = await generated();
        appendFileSync(path.join(dir, e.untouchedByGenerator), '\n# kept: a helper of mine\n');
        rewrite(dir, e.merged.file, e.merged.edit);
        const before = snapshotTree(dir);
        const discards = (text: string, file: string): boolean =>
          new RegExp(`^\\s*force\\s+${literal(file)} \\(discards your edits\\)$`, 'm').test(text);
        const dry = runBin([e.host, ...flagsOf(e.grown), '--force', '--dry-run'], { cwd: dir });
        assert.equal(dry.status, 0, output(dry));
        for (const file of [e.untouchedByGenerator, e.merged.file])
          assert.ok(discards(output(dry), file), `the dry run does not say --force discards the edits of ${file}:\n${output(dry)}`);
        assert.equal(statusOf(output(dry), e.created), 'create', output(dry));
        assert.ok(isEmptyDiff(diffTrees(before, snapshotTree(dir))), 'the dry run wrote');
        const forced = runBin([e.host, ...flagsOf(e.grown), '--force'], { cwd: dir });
        assert.equal(forced.status, 0, output(forced));
        for (const file of [e.untouchedByGenerator, e.merged.file])
          assert.ok(discards(output(forced), file), `the run does not say it discarded the edits of ${file}:\n${output(forced)}`);
        assert.ok(!read(dir, e.untouchedByGenerator).includes('# kept: a helper of mine'), '--force left the edit');
        // a file nobody edited is not said to lose edits
        assert.doesNotMatch(output(forced), new RegExp(`${literal(e.created)} \\(discards`));
      });

      it('--write-conflict-markers writes the merge with conventional markers: neither side is lost', async function () {
        const dir = await generated();
        rewrite(dir, e.conflicting.file, e.conflicting.edit);
        const result = runBin([e.host, ...flagsOf(e.grown), '--write-conflict-markers'], { cwd: dir });
        assert.equal(result.status, 0, output(result));
        const text = read(dir, e.conflicting.file);
        for (const marker of ['<<<<<<< ', '||||||| ', '=======', '>>>>>>> '])
          assert.ok(text.includes(`\n${marker}`) || text.startsWith(marker), `no ${marker.trim()} in:\n${text}`);
        assert.ok(text.includes(e.conflicting.mine), 'the user side is missing');
      });

      it('a run that writes conflict markers lists those files at its end; later runs report them as conflict (not keep), leave them alone and list them again', async function () {
        const dir = await generated();
        rewrite(dir, e.conflicting.file, e.conflicting.edit);
        const written = runBin([e.host, ...flagsOf(e.grown), '--write-conflict-markers'], { cwd: dir });
        assert.equal(written.status, 0, output(written));
        assert.deepEqual(
          listedWithMarkers(output(written)),
          [e.conflicting.file],
          `the files with markers are not listed at the end:\n${output(written)}`,
        );
        assert.ok(output(written).trimEnd().endsWith(e.conflicting.file), `the list is not the end of the run:\n${output(written)}`);
        const marked = read(dir, e.conflicting.file);
        for (const args of [flagsOf(e.grown), [...flagsOf(e.grown), '--dry-run']]) {
          const later = runBin([e.host, ...args], { cwd: dir });
          assert.equal(later.status, 0, output(later));
          assert.match(output(later), new RegExp(`^\\s*conflict\\s+${literal(e.conflicting.file)} \\(holds conflict markers`, 'm'), output(later));
          assert.notEqual(statusOf(output(later), e.conflicting.file), 'keep', output(later));
          if (!args.includes('--dry-run')) assert.deepEqual(listedWithMarkers(output(later)), [e.conflicting.file], output(later));
          assert.equal(read(dir, e.conflicting.file), marked, 'a later run changed the file holding markers');
        }
      });

      // only the Mage evolution has a profile that changes the conflicting file once more
      const grownAgain = e.grownAgain;
      if (grownAgain)
        it('while a file holds markers, a further grown profile leaves it alone; once resolved, that change merges into your resolution', async function () {
          const again = flagsOf(grownAgain.profile);
          const dir = await generated();
          rewrite(dir, e.conflicting.file, e.conflicting.edit);
          assert.equal(runBin([e.host, ...flagsOf(e.grown), '--write-conflict-markers'], { cwd: dir }).status, 0);
          const marked = read(dir, e.conflicting.file);
          const waiting = runBin([e.host, ...again], { cwd: dir });
          assert.equal(waiting.status, 0, output(waiting));
          assert.equal(read(dir, e.conflicting.file), marked, 'the file holding markers was merged again');
          assert.deepEqual(listedWithMarkers(output(waiting)), [e.conflicting.file], output(waiting));
          rewrite(dir, e.conflicting.file, resolveKeepingBoth);
          const merged = runBin([e.host, ...again], { cwd: dir });
          assert.equal(merged.status, 0, output(merged));
          assert.equal(statusOf(output(merged), e.conflicting.file), 'merge', output(merged));
          const text = read(dir, e.conflicting.file);
          assert.ok(
            text.includes(e.conflicting.mine) && text.includes(grownAgain.added),
            `your resolution or the further change is missing:\n${text}`,
          );
        });

      it('once you resolve the markers, the next run keeps your resolution: no new conflict, nothing listed', async function () {
        const dir = await generated();
        rewrite(dir, e.conflicting.file, e.conflicting.edit);
        assert.equal(runBin([e.host, ...flagsOf(e.grown), '--write-conflict-markers'], { cwd: dir }).status, 0);
        rewrite(dir, e.conflicting.file, resolveKeepingBoth);
        const resolved = read(dir, e.conflicting.file);
        assert.ok(!resolved.includes('<<<<<<<') && resolved.includes(e.conflicting.mine), resolved);
        const next = runBin([e.host, ...flagsOf(e.grown)], { cwd: dir });
        assert.equal(next.status, 0, output(next));
        assert.equal(statusOf(output(next), e.conflicting.file), 'keep', output(next));
        assert.deepEqual(listedWithMarkers(output(next)), []);
        assert.equal(read(dir, e.conflicting.file), resolved);
      });

      it('in a terminal, m at the conflict prompt writes the merge with markers', async function () {
        if (!terminalAvailable()) skipWithReason(this, 'tmux is not installed (.ci/run installs it)');
        const dir = await generated();
        rewrite(dir, e.conflicting.file, e.conflicting.edit);
        const run = await runInTerminal(
          dir,
          [e.host, ...flagsOf(e.grown), '--no-interactive', '--interactive'],
          [{ waitFor: /Overwrite .*\?/, keys: ['m', 'Enter'] }],
        );
        assert.equal(run.status, 0, run.screen);
        const text = read(dir, e.conflicting.file);
        assert.ok(text.includes('<<<<<<< ') && text.includes(e.conflicting.mine), text);
        // the end of the run names the file now holding markers
        assert.match(
          run.screen,
          new RegExp(`1 file\\(s\\) hold conflict markers: resolve each[^\\n]*\\n\\s+${literal(e.conflicting.file)}\\s*\\n`),
          run.screen,
        );
      });

      it('a second identical re-run writes nothing: every file identical, the ones holding your edits reported as keep', async function () {
        const dir = await generated();
        rewrite(dir, e.merged.file, e.merged.edit);
        assert.equal(runBin([e.host, ...flagsOf(e.grown)], { cwd: dir }).status, 0);
        const before = snapshotTree(dir);
        const again = runBin([e.host, ...flagsOf(e.grown)], { cwd: dir });
        assert.equal(again.status, 0, output(again));
        assert.doesNotMatch(output(again), /^\s+(create|update|merge|force|conflict)\s/m, output(again));
        assert.equal(statusOf(output(again), e.merged.file), 'keep', output(again));
        assert.ok(isEmptyDiff(diffTrees(before, snapshotTree(dir))));
      });

      it('a records folder that cannot be written does not fail the run: the files land and the run says merges will not work', function () {
        const blocked = path.join(tempDir(), 'a-file');
        writeFileSync(blocked, 'not a folder\n');
        const dir = tempDir();
        const result = runBin([e.host, ...flagsOf(e.first)], { cwd: dir, env: { GENERATOR_CONNECTOR_STATE_DIR: blocked } });
        assert.equal(result.status, 0, output(result));
        assert.match(output(result), /Could not record what this run generated/);
        assert.ok(snapshotTree(dir).size > 5, 'the files were not written');
      });

      it('without a record (a connector made before merges were recorded) an edited file conflicts as before, saying why', async function () {
        const dir = await generated();
        rewrite(dir, e.merged.file, e.merged.edit);
        rmSync(process.env.GENERATOR_CONNECTOR_STATE_DIR!, { recursive: true, force: true });
        const result = runBin([e.host, ...flagsOf(e.grown)], { cwd: dir });
        assert.notEqual(result.status, 0, output(result));
        assert.match(output(result), /no record of what an earlier run wrote/);
      });
    });
  }
});

function briefOf(e: Evolution): string {
  return e.host === 'openmetadata' ? `${OM_SOURCE}/CONNECTOR_CONTEXT.md` : `${MAGE_SOURCE}/CONNECTOR_CONTEXT.md`;
}

describe('connector:context-doc alone, after m at a conflict in the brief', function () {
  this.timeout(120_000);

  it('the run ends naming the brief that now holds conflict markers', async function () {
    if (!terminalAvailable()) skipWithReason(this, 'tmux is not installed (.ci/run installs it)');
    const { dir } = await runGenerator('mage', { name: 'shop_api', connectorType: 'api', streams: ['orders'] });
    const brief = `${MAGE_SOURCE}/CONNECTOR_CONTEXT.md`;
    rewrite(dir, brief, (text) => text.replace('| Streams | `orders` |', '| Streams | `orders` (mine) |'));
    // the stored profile grows a stream: the brief regenerated from it changes the line the user changed
    rewrite(dir, '.yo-rc.json', (text) =>
      text.replace('"streams": [\n          "orders"\n        ]', '"streams": [\n          "orders",\n          "users"\n        ]'),
    );
    const run = await runInTerminal(dir, ['context-doc', '--interactive'], [{ waitFor: /Overwrite .*\?/, keys: ['m', 'Enter'] }]);
    assert.equal(run.status, 0, run.screen);
    assert.ok(read(dir, brief).includes('<<<<<<< '), 'the brief was not written with markers');
    assert.match(run.screen, new RegExp(`1 file\\(s\\) hold conflict markers: resolve each[^\\n]*\\n\\s+${literal(brief)}\\s*\\n`), run.screen);
  });
});
