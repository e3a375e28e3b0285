/**
 * Evolving a connector, as a user does: generate, edit generated files by
 * hand, then re-run with a grown profile (an auth type, a capability, a
 * stream). A file the user did not touch takes the new content (update); one
 * the generator did not change keeps the user's (keep); one both changed is
 * merged with git merge-file (merge), and a true conflict is neither lost nor
 * silent: without a terminal the run fails naming it, --write-conflict-markers
 * writes the merge with markers, and in a terminal `m` does.
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
}

const OM_SOURCE = 'ingestion/src/metadata/ingestion/source/database/whdb';
const MAGE_SOURCE = 'mage_integrations/mage_integrations/sources/shop_api';

const EVOLUTIONS: Evolution[] = [
  {
    host: 'openmetadata',
    // a scheme whose query history is known: lineage adds a GetQueries check that runs its SQL (run_sql)
    first: { name: 'wh_db', serviceType: 'database', scheme: 'postgresql+psycopg2', capabilities: ['metadata'], authTypes: ['basic'] },
    grown: { name: 'wh_db', serviceType: 'database', scheme: 'postgresql+psycopg2', capabilities: ['metadata', 'lineage'], authTypes: ['basic', 'iam'] },
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
  },
];

const read = (dir: string, file: string): string => readFileSync(path.join(dir, file), 'utf8');
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

      it('--write-conflict-markers writes the merge with conventional markers: neither side is lost', async function () {
        const dir = await generated();
        rewrite(dir, e.conflicting.file, e.conflicting.edit);
        const result = runBin([e.host, ...flagsOf(e.grown), '--write-conflict-markers'], { cwd: dir });
        assert.equal(result.status, 0, output(result));
        const text = read(dir, e.conflicting.file);
        for (const marker of ['<<<<<<< ', '||||||| ', '=======', '>>>>>>> ']) assert.ok(text.includes(`\n${marker}`) || text.startsWith(marker), `no ${marker.trim()} in:\n${text}`);
        assert.ok(text.includes(e.conflicting.mine), 'the user side is missing');
      });

      it('in a terminal, m at the conflict prompt writes the merge with markers', async function () {
        if (!terminalAvailable()) skipWithReason(this, 'tmux is not installed (.ci/run installs it)');
        const dir = await generated();
        rewrite(dir, e.conflicting.file, e.conflicting.edit);
        const run = await runInTerminal(dir, [e.host, ...flagsOf(e.grown), '--no-interactive', '--interactive'], [
          { waitFor: /Overwrite .*\?/, keys: ['m', 'Enter'] },
        ]);
        assert.equal(run.status, 0, run.screen);
        const text = read(dir, e.conflicting.file);
        assert.ok(text.includes('<<<<<<< ') && text.includes(e.conflicting.mine), text);
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
