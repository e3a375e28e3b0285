/**
 * core/generator/dry-run.ts, what --dry-run prints instead of writing: one line per planned file with
 * what the commit would do to it, --force's lines, the files the user deleted and those no longer
 * planned, then the registration edits of a run in a checkout, every path as the user's shell names it.
 */
import assert from 'node:assert/strict';
import { dryRunListing, type DryRunPlan } from '../../../core/generator/dry-run.js';
import type { MergeStatus } from '../../../core/merge.js';
import type { RegistrationReport } from '../../../core/registration.js';

const HEADER = 'Dry run: nothing is written. The plan:';
const NO_CHANGES = { absent: [], delete: [], obsolete: [] };
const OUTSIDE_A_CHECKOUT: RegistrationReport = { edits: [], manualSteps: [] };

/** The listing of a plan whose files have the statuses given, shown from the folder `run/`. */
function listing(statuses: Record<string, MergeStatus>, more: Partial<DryRunPlan> = {}): string[] {
  const text = dryRunListing({
    planned: Object.keys(statuses),
    statusOf: (destination) => {
      const status = statuses[destination];
      if (status === undefined) throw new Error(`asked the status of ${destination}, which is not planned`);
      return status;
    },
    changes: NO_CHANGES,
    force: false,
    registration: OUTSIDE_A_CHECKOUT,
    shown: (destination) => `run/${destination}`,
    ...more,
  });
  const [header, ...lines] = text.split('\n');
  assert.equal(header, HEADER);
  return lines;
}

const EVERY_STATUS: Record<string, MergeStatus> = {
  'new.py': 'create',
  'same.py': 'identical',
  'untouched.py': 'update',
  'edited.py': 'keep',
  'merged.py': 'merge',
  'clashing.py': 'conflict',
  'unrecorded.py': 'change',
  'marked.py': 'markers',
};

describe('core/generator/dry-run', function () {
  it('lists each planned file in order, with the status the commit would give it, in a column', function () {
    assert.deepEqual(listing(EVERY_STATUS), [
      '  create    run/new.py',
      '  identical run/same.py',
      '  update    run/untouched.py',
      '  keep      run/edited.py',
      '  merge     run/merged.py',
      '  conflict  run/clashing.py',
      '  change    run/unrecorded.py',
      '  conflict  run/marked.py (holds conflict markers: left as it is until you resolve them)',
    ]);
  });

  it('with --force, names every file that differs `force`, and says which edits of the user it discards', function () {
    assert.deepEqual(listing(EVERY_STATUS, { force: true }), [
      '  create    run/new.py',
      '  identical run/same.py',
      '  force     run/untouched.py',
      '  force     run/edited.py (discards your edits)',
      '  force     run/merged.py (discards your edits)',
      '  force     run/clashing.py (discards your edits)',
      '  force     run/unrecorded.py',
      '  force     run/marked.py (discards your edits)',
    ]);
  });

  it('lists a planned file the user deleted as absent, without asking what the commit would do to it', function () {
    const changes = { ...NO_CHANGES, absent: ['gone.py'] };
    // statusOf throws for a file it was not given: gone.py has no status
    const lines = listing({ 'kept.py': 'identical' }, { planned: ['kept.py', 'gone.py'], changes });
    assert.deepEqual(lines, ['  identical run/kept.py', '  absent    run/gone.py (you deleted it; --force re-creates it)']);
  });

  it('lists after the plan the files no longer planned: deleted when as generated, kept (obsolete) when changed', function () {
    const changes = { absent: [], delete: ['old.py', 'older.py'], obsolete: ['edited-old.py'] };
    assert.deepEqual(listing({ 'new.py': 'create' }, { changes }), [
      '  create    run/new.py',
      '  delete    run/old.py (no longer generated, unchanged since it was)',
      '  delete    run/older.py (no longer generated, unchanged since it was)',
      '  obsolete  run/edited-old.py (no longer generated; kept because you changed it)',
    ]);
  });

  it('lists last, in a checkout, each registration edit as the run reports it', function () {
    const registration: RegistrationReport = {
      checkoutRoot: '/checkout',
      edits: [
        { file: 'services.json', change: 'Shop in the enum', outcome: 'added', contents: '{}' },
        { file: 'constants.py', change: 'the shop source', outcome: 'present' },
        { file: 'docs.json', change: 'the shop page', outcome: 'skipped', reason: 'no navigation found' },
      ],
      manualSteps: [],
    };
    assert.deepEqual(listing({ 'new.py': 'create' }, { registration, changes: { ...NO_CHANGES, delete: ['old.py'] } }), [
      '  create    run/new.py',
      '  delete    run/old.py (no longer generated, unchanged since it was)',
      '  register  services.json: added Shop in the enum',
      '  register  constants.py: the shop source already present',
      '  register  docs.json: skipped the shop page (no navigation found)',
    ]);
  });

  it('lists no registration edit outside a checkout: the run says once why it registers nothing', function () {
    const registration: RegistrationReport = {
      edits: [{ file: 'services.json', change: 'Shop in the enum', outcome: 'skipped', reason: 'no checkout' }],
      manualSteps: [],
    };
    assert.deepEqual(listing({ 'new.py': 'create' }, { registration }), ['  create    run/new.py']);
  });

  it('names every path as `shown` gives it, the files no longer planned too', function () {
    const text = dryRunListing({
      planned: ['a/b.py'],
      statusOf: () => 'create',
      changes: { absent: [], delete: ['c.py'], obsolete: ['d.py'] },
      force: false,
      registration: OUTSIDE_A_CHECKOUT,
      shown: (destination) => `../elsewhere/${destination.toUpperCase()}`,
    });
    assert.equal(
      text,
      `${HEADER}\n  create    ../elsewhere/A/B.PY\n` +
        '  delete    ../elsewhere/C.PY (no longer generated, unchanged since it was)\n' +
        '  obsolete  ../elsewhere/D.PY (no longer generated; kept because you changed it)',
    );
  });
});
