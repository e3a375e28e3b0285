/**
 * A connector's files over its life, by copier's rules: the records keep the last plan; a file the
 * profile no longer plans is deleted when the user has not changed it (`delete`) and kept and
 * reported when they have (`obsolete`); a recorded file the user deleted stays deleted (`absent`)
 * unless --force. A stored connector's --service-type cannot change (it would make a second tree).
 */
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { diffTrees, isEmptyDiff, literal, readText, runBin, snapshotTree, tempDir } from '../support/generate.js';

const OM_SOURCE = 'ingestion/src/metadata/ingestion/source/database/shopdb';
const OM_BRIEF = `${OM_SOURCE}/CONNECTOR_CONTEXT.md`;
const MAGE_SOURCE = 'mage_integrations/mage_integrations/sources/shop_api';

const om = (...extra: string[]): string[] => ['openmetadata', '--name', 'shop_db', '--service-type', 'database', ...extra];
const mage = (...extra: string[]): string[] => ['mage', '--name', 'shop_api', '--connector-type', 'api', ...extra];

/** The status a run's output gives a file (`   delete path`, ` obsolete path (why)`). */
const statusIn = (output: string, file: string): string | undefined => new RegExp(`^\\s*(\\w+)\\s+${literal(file)}(\\s|$)`, 'm').exec(output)?.[1];

function bin(dir: string, args: string[]): string {
  const run = runBin(args, { cwd: dir });
  assert.equal(run.status, 0, `${args.join(' ')}:\n${run.stdout}\n${run.stderr}`);
  return run.stdout + run.stderr;
}

describe('a connector over its life: files no longer planned, files the user deleted', function () {
  this.timeout(120_000);

  it('a shrinking profile deletes the files it no longer plans that the user did not change (delete)', function () {
    const dir = tempDir('lifecycle-shrink-');
    bin(dir, om('--capabilities', 'metadata', 'lineage'));
    for (const file of ['lineage.py', 'query_parser.py']) assert.ok(existsSync(path.join(dir, OM_SOURCE, file)), `${file} generated`);
    const output = bin(dir, om('--capabilities', 'metadata'));
    for (const file of ['lineage.py', 'query_parser.py']) {
      assert.equal(statusIn(output, `${OM_SOURCE}/${file}`), 'delete', output);
      assert.ok(!existsSync(path.join(dir, OM_SOURCE, file)), `${file} deleted`);
    }
    assert.match(readText(dir, OM_BRIEF), new RegExp(`${literal(`${OM_SOURCE}/lineage.py`)}\` \\| No longer generated.*deleted by this run`));
    // what is left imports nothing that is gone
    assert.doesNotMatch(readText(dir, `${OM_SOURCE}/metadata.py`), /query_parser|lineage/);
  });

  it('a file no longer planned that the user changed stays and is reported, run after run (obsolete)', function () {
    const dir = tempDir('lifecycle-obsolete-');
    bin(dir, om('--capabilities', 'metadata', 'lineage'));
    appendFileSync(path.join(dir, OM_SOURCE, 'query_parser.py'), '\n# my own parser tweak\n');
    for (const run of ['first', 'second']) {
      const output = bin(dir, om('--capabilities', 'metadata'));
      assert.equal(statusIn(output, `${OM_SOURCE}/query_parser.py`), 'obsolete', `${run} run:\n${output}`);
      assert.match(output, /no longer generated; kept because you changed it/);
      assert.ok(readText(dir, `${OM_SOURCE}/query_parser.py`).includes('my own parser tweak'), 'kept as the user has it');
      assert.match(
        readText(dir, OM_BRIEF),
        new RegExp(`${literal(`${OM_SOURCE}/query_parser.py`)}\` \\| No longer generated.*kept because you changed it`),
      );
    }
    assert.ok(!existsSync(path.join(dir, OM_SOURCE, 'lineage.py')), 'the unchanged one is deleted');
  });

  it('a generated file the user deleted stays deleted (absent), and --force re-creates it', function () {
    const dir = tempDir('lifecycle-absent-');
    bin(dir, om());
    rmSync(path.join(dir, OM_SOURCE, 'connection.py'));
    const output = bin(dir, om('--display-name', 'Shop DB'));
    assert.equal(statusIn(output, `${OM_SOURCE}/connection.py`), 'absent', output);
    assert.ok(!existsSync(path.join(dir, OM_SOURCE, 'connection.py')), 'not re-created');
    assert.match(readText(dir, OM_BRIEF), new RegExp(`${literal(`${OM_SOURCE}/connection.py`)}\` \\|.*deleted by you`));
    assert.equal(statusIn(bin(dir, om()), `${OM_SOURCE}/connection.py`), 'absent', 'still deleted on the next run');
    const forced = bin(dir, om('--force'));
    assert.equal(statusIn(forced, `${OM_SOURCE}/connection.py`), 'create', forced);
    assert.ok(existsSync(path.join(dir, OM_SOURCE, 'connection.py')));
  });

  it('the dry run lists delete, obsolete and absent and writes nothing', function () {
    const dir = tempDir('lifecycle-dry-');
    bin(dir, om('--capabilities', 'metadata', 'lineage'));
    appendFileSync(path.join(dir, OM_SOURCE, 'query_parser.py'), '\n# mine\n');
    rmSync(path.join(dir, OM_SOURCE, 'connection.py'));
    const before = snapshotTree(dir);
    const output = bin(dir, om('--capabilities', 'metadata', '--dry-run'));
    assert.equal(statusIn(output, `${OM_SOURCE}/lineage.py`), 'delete', output);
    assert.equal(statusIn(output, `${OM_SOURCE}/query_parser.py`), 'obsolete', output);
    assert.equal(statusIn(output, `${OM_SOURCE}/connection.py`), 'absent', output);
    const diff = diffTrees(before, snapshotTree(dir));
    assert.ok(isEmptyDiff(diff), `the dry run changed the tree: ${JSON.stringify(diff)}`);
  });

  it('mage: a stream dropped from --streams takes its files with it', function () {
    const dir = tempDir('lifecycle-mage-');
    bin(dir, mage('--streams', 'orders,users'));
    const output = bin(dir, mage('--streams', 'orders'));
    for (const file of [`${MAGE_SOURCE}/streams/users.py`, `${MAGE_SOURCE}/schemas/users.json`]) {
      assert.equal(statusIn(output, file), 'delete', output);
      assert.ok(!existsSync(path.join(dir, file)), `${file} deleted`);
    }
    assert.ok(existsSync(path.join(dir, MAGE_SOURCE, 'streams/orders.py')));
  });

  it("changing a stored connector's --service-type is refused with the fix, and nothing is written", function () {
    const dir = tempDir('lifecycle-service-type-');
    bin(dir, om());
    const before = snapshotTree(dir);
    const run = runBin(['openmetadata', '--name', 'shop_db', '--service-type', 'dashboard', '--connection-type', 'rest_api'], { cwd: dir });
    assert.notEqual(run.status, 0, run.stdout);
    assert.match(run.stderr + run.stdout, /--service-type: the connector "shop_db" was generated with --service-type database/);
    assert.match(
      run.stderr + run.stdout,
      /pick another --name, or delete the files and registration of the old one and its "openmetadata:shop_db" entry in \.yo-rc\.json/,
    );
    const diff = diffTrees(before, snapshotTree(dir));
    assert.ok(isEmptyDiff(diff), `the refused run changed the tree: ${JSON.stringify(diff)}`);
  });
});
