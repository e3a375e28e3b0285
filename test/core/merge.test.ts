/**
 * core/merge.ts, what a re-run does with each file and with the connector's files as a whole. Every
 * case starts from a minimal setup: the record of what the last run generated (the base), what the
 * disk holds now, and what this run generates. The records go to a folder of each test of its own
 * (GENERATOR_CONNECTOR_STATE_DIR), so no user cache is read or written.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  changedSinceGenerated,
  forgetRecord,
  hasConflictMarkers,
  mergeOutcome,
  planChanges,
  readPlan,
  readRecord,
  recordsFolder,
  writePlan,
  writeRecord,
  type MergeOutcome,
} from '../../core/merge.js';
import { tempDir } from '../support/generate.js';

/** Seven lines, so that changes to the first and the last merge cleanly (git merge-file needs a line between hunks). */
const BASE = ['one', 'two', 'three', 'four', 'five', 'six', 'seven'];
const text = (lines: readonly string[]): Buffer => Buffer.from(`${lines.join('\n')}\n`);
const withLine = (index: number, line: string): Buffer => text(BASE.map((l, i) => (i === index ? line : l)));
const FILE = 'pkg/module.py';

/** A destination root with fresh records, and what each side of the merge holds. */
interface Setup {
  /** what the last run generated; none: no record (a file from before records existed) */
  base?: Buffer;
  /** what the file holds now; none: it is not there */
  disk?: Buffer;
}

let root: string;

function onDisk(relative: string, contents: Buffer): void {
  mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  writeFileSync(path.join(root, relative), contents);
}

function given(setup: Setup, relative = FILE): void {
  if (setup.base) writeRecord(root, relative, setup.base);
  if (setup.disk) onDisk(relative, setup.disk);
}

/** The outcome for FILE when this run generates `generated`, after `setup`. */
function outcome(setup: Setup, generated: Buffer): MergeOutcome {
  given(setup);
  return mergeOutcome(root, FILE, generated);
}

describe('core/merge', function () {
  let previousStateDir: string | undefined;

  beforeEach(function () {
    previousStateDir = process.env.GENERATOR_CONNECTOR_STATE_DIR;
    process.env.GENERATOR_CONNECTOR_STATE_DIR = tempDir('connector-merge-records-');
    root = tempDir('connector-merge-root-');
  });

  afterEach(function () {
    if (previousStateDir === undefined) delete process.env.GENERATOR_CONNECTOR_STATE_DIR;
    else process.env.GENERATOR_CONNECTOR_STATE_DIR = previousStateDir;
  });

  describe('what a re-run does with one file (the merge decision table)', function () {
    it('create: the file is not on disk, so it is written as generated', function () {
      const generated = text(BASE);
      assert.deepEqual(outcome({ base: withLine(0, 'old') }, generated), { status: 'create', contents: generated });
    });

    it('identical: the disk already holds what this run generates, so nothing is written, whatever the record says', function () {
      assert.deepEqual(outcome({ base: withLine(0, 'old'), disk: text(BASE) }, text(BASE)), { status: 'identical' });
    });

    it('update: the user did not touch the file (disk equals the record), so the new content is taken', function () {
      const generated = withLine(6, 'seven, generated anew');
      assert.deepEqual(outcome({ base: text(BASE), disk: text(BASE) }, generated), { status: 'update', contents: generated });
    });

    it('keep: the generator did not change the file (new equals the record), so the user’s edit is kept and nothing is written', function () {
      assert.deepEqual(outcome({ base: text(BASE), disk: withLine(0, 'one, edited by the user') }, text(BASE)), { status: 'keep' });
    });

    it('merge: the user and the generator changed different lines, and the merge holds both changes', function () {
      const result = outcome({ base: text(BASE), disk: withLine(0, 'one, edited by the user') }, withLine(6, 'seven, generated anew'));
      assert.equal(result.status, 'merge');
      assert.equal(result.contents?.toString(), text(['one, edited by the user', ...BASE.slice(1, 6), 'seven, generated anew']).toString());
    });

    it('conflict: both changed the same line, and the merge carries diff3 markers naming the three sides', function () {
      const result = outcome({ base: text(BASE), disk: withLine(3, 'four, the user’s') }, withLine(3, 'four, the generator’s'));
      assert.equal(result.status, 'conflict');
      const merged = result.contents?.toString() ?? '';
      assert.ok(hasConflictMarkers(Buffer.from(merged)), merged);
      assert.match(merged, /^<{7} pkg\/module\.py \(yours\)\nfour, the user’s\n/m);
      assert.match(merged, /^\|{7} pkg\/module\.py \(generated last time\)\nfour\n/m);
      assert.match(merged, /^={7}\nfour, the generator’s\n>{7} pkg\/module\.py \(generated now\)\n/m);
      assert.match(merged, /^one\n(?:.*\n)*seven\n$/, 'the lines around the conflict are kept');
    });

    it('change: the file differs and no record says what an earlier run wrote (it predates records), so it is asked as before', function () {
      const generated = text(BASE);
      assert.deepEqual(outcome({ disk: withLine(0, 'one, edited') }, generated), { status: 'change', contents: generated });
    });

    it('markers: the file still holds conflict markers, so it is left alone until the user resolves them', function () {
      const marked = Buffer.from('one\n<<<<<<< yours\nmine\n=======\ntheirs\n>>>>>>> generated now\nseven\n');
      assert.deepEqual(outcome({ base: text(BASE), disk: marked }, withLine(6, 'seven, generated anew')), { status: 'markers' });
    });

    it('markers comes before change: a file holding markers is left alone even without a record', function () {
      const marked = Buffer.from('<<<<<<< ours\na\n=======\nb\n>>>>>>> theirs\n');
      assert.deepEqual(outcome({ disk: marked }, text(BASE)), { status: 'markers' });
    });
  });

  describe('conflict markers', function () {
    it('finds <<<<<<<, ======= and >>>>>>> in order at line starts, with or without diff3’s ||||||| section', function () {
      assert.ok(hasConflictMarkers(Buffer.from('<<<<<<< a\nx\n=======\ny\n>>>>>>> b\n')));
      assert.ok(hasConflictMarkers(Buffer.from('head\n<<<<<<< a\nx\n||||||| base\nw\n=======\ny\n>>>>>>> b\ntail\n')));
      assert.ok(hasConflictMarkers(Buffer.from('<<<<<<< a\r\nx\r\n=======\r\ny\r\n>>>>>>> b\r\n')), 'CRLF');
    });

    it('does not take a lone marker, markers out of order or markers inside a line for a conflict', function () {
      assert.ok(!hasConflictMarkers(Buffer.from('=======\nunderline of a heading\n')));
      assert.ok(!hasConflictMarkers(Buffer.from('>>>>>>> b\n=======\n<<<<<<< a\n')));
      assert.ok(!hasConflictMarkers(Buffer.from('x = "<<<<<<< a"\n=======\n>>>>>>> b\n')));
      assert.ok(!hasConflictMarkers(Buffer.from('<<<<<<< a\nx\n>>>>>>> b\n')), 'no separator');
    });
  });

  describe('what a run does with the connector’s files as a whole (planChanges)', function () {
    const CONNECTOR = 'openmetadata:shop_db';

    it('absent: a file planned again, recorded, and missing on disk was deleted by the user and stays deleted', function () {
      given({ base: text(BASE) }, 'deleted.py');
      given({ base: text(BASE), disk: text(BASE) }, 'kept.py');
      const changes = planChanges(root, CONNECTOR, ['deleted.py', 'kept.py', 'new.py'], false);
      assert.deepEqual(changes, { absent: ['deleted.py'], delete: [], obsolete: [] });
    });

    it('absent is empty with --force: every planned file is written again', function () {
      given({ base: text(BASE) }, 'deleted.py');
      assert.deepEqual(planChanges(root, CONNECTOR, ['deleted.py'], true).absent, []);
    });

    it('a planned file that is missing and has no record is new, not absent', function () {
      assert.deepEqual(planChanges(root, CONNECTOR, ['new.py'], false).absent, []);
    });

    it('delete: a file the last plan had and this one has not, as it was generated, is removed by this run', function () {
      writePlan(root, CONNECTOR, ['stays.py', 'dropped.py']);
      given({ base: text(BASE), disk: text(BASE) }, 'dropped.py');
      assert.deepEqual(planChanges(root, CONNECTOR, ['stays.py'], false), { absent: [], delete: ['dropped.py'], obsolete: [] });
    });

    it('obsolete: a file no longer planned that the user changed (or that has no record) is kept and reported', function () {
      writePlan(root, CONNECTOR, ['edited.py', 'unrecorded.py']);
      given({ base: text(BASE), disk: withLine(0, 'edited') }, 'edited.py');
      given({ disk: text(BASE) }, 'unrecorded.py');
      assert.deepEqual(planChanges(root, CONNECTOR, [], false), { absent: [], delete: [], obsolete: ['edited.py', 'unrecorded.py'] });
    });

    it('a file no longer planned that is gone from disk is neither deleted nor obsolete', function () {
      writePlan(root, CONNECTOR, ['gone.py']);
      given({ base: text(BASE) }, 'gone.py');
      assert.deepEqual(planChanges(root, CONNECTOR, [], false), { absent: [], delete: [], obsolete: [] });
    });

    it('the first run of a connector has no last plan: nothing is deleted or obsolete', function () {
      given({ base: text(BASE), disk: text(BASE) }, 'other.py');
      assert.equal(readPlan(root, CONNECTOR), undefined);
      assert.deepEqual(planChanges(root, CONNECTOR, ['mine.py'], false), { absent: [], delete: [], obsolete: [] });
    });

    it('plans are kept per connector: another connector’s plan drops none of this one’s files', function () {
      writePlan(root, 'mage:other_api', ['shared.py']);
      given({ base: text(BASE), disk: text(BASE) }, 'shared.py');
      assert.deepEqual(planChanges(root, CONNECTOR, [], false).delete, []);
      assert.deepEqual(planChanges(root, 'mage:other_api', [], false).delete, ['shared.py']);
    });
  });

  describe('whether the user changed a file since a run generated it', function () {
    it('is false without a record, whatever the disk holds', function () {
      given({ disk: text(BASE) });
      assert.equal(changedSinceGenerated(root, FILE), false);
    });

    it('is false when the file is gone', function () {
      given({ base: text(BASE) });
      assert.equal(changedSinceGenerated(root, FILE), false);
    });

    it('is false when the disk holds what was generated, and true when it differs', function () {
      given({ base: text(BASE), disk: text(BASE) });
      assert.equal(changedSinceGenerated(root, FILE), false);
      onDisk(FILE, withLine(2, 'three, edited'));
      assert.equal(changedSinceGenerated(root, FILE), true);
    });
  });

  describe('where the records are kept', function () {
    it('under GENERATOR_CONNECTOR_STATE_DIR, in a folder of each destination root, saying so', function () {
      const other = tempDir('connector-merge-other-');
      const here = recordsFolder(root);
      assert.equal(path.dirname(here.folder), process.env.GENERATOR_CONNECTOR_STATE_DIR);
      assert.notEqual(recordsFolder(other).folder, here.folder);
      assert.match(here.where, /\(GENERATOR_CONNECTOR_STATE_DIR\)$/);
    });

    it('a record read back is the bytes written, and a forgotten one is gone', function () {
      writeRecord(root, FILE, text(BASE));
      assert.deepEqual(readRecord(root, FILE), text(BASE));
      assert.ok(existsSync(path.join(recordsFolder(root).folder, FILE)));
      assert.ok(!existsSync(path.join(root, FILE)), 'a record is never written into the destination');
      forgetRecord(root, FILE);
      assert.equal(readRecord(root, FILE), undefined);
    });

    it('a plan read back holds the files written, sorted', function () {
      writePlan(root, 'openmetadata:shop_db', ['b.py', 'a.py']);
      assert.deepEqual(readPlan(root, 'openmetadata:shop_db'), ['a.py', 'b.py']);
    });
  });
});
