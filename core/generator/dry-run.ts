/**
 * What --dry-run prints instead of writing: the file plan, each file with what a real run would do to
 * it (the commit's own statuses and words), the files the run would delete or leave, and the
 * registration edits it would make.
 */
import { DISCARDS_EDITS, HOLDS_EDITS, STILL_MARKED } from '../commit.js';
import type { MergeStatus, PlanChanges } from '../merge.js';
import { describeEdit, type RegistrationReport } from '../registration.js';

/** What the listing is made from: the run's plan and what the disk and the records say of it. */
export interface DryRunPlan {
  /** the plan's destinations, in order, relative to the destination root */
  planned: readonly string[];
  /** what the commit would do to a planned file the user did not delete (asked of no other) */
  statusOf: (destination: string) => MergeStatus;
  /** the user's deletions and the files no longer planned */
  changes: PlanChanges;
  /** --force: every file that differs is replaced */
  force: boolean;
  registration: RegistrationReport;
  /** a destination as the user's shell names it */
  shown: (destination: string) => string;
}

/** The dry run's listing, one line per file and per registration edit, as the run logs it. */
export function dryRunListing(plan: DryRunPlan): string {
  const { changes, registration } = plan;
  const line = (status: string, destination: string, why = ''): string => `  ${status.padEnd(9)} ${plan.shown(destination)}${why}`;
  const lines = plan.planned.map((destination) => {
    if (changes.absent.includes(destination)) return line('absent', destination, ' (you deleted it; --force re-creates it)');
    // what the commit would do: create, identical, update, keep, merge, conflict or change (no record)
    const status = plan.statusOf(destination);
    // --force replaces whatever differs, as the commit does; it names the files whose edits it discards
    if (plan.force && status !== 'create' && status !== 'identical') return line('force', destination, HOLDS_EDITS.has(status) ? ` ${DISCARDS_EDITS}` : '');
    if (status === 'markers') return line('conflict', destination, ` ${STILL_MARKED}`);
    return line(status, destination);
  });
  lines.push(...changes.delete.map((file) => line('delete', file, ' (no longer generated, unchanged since it was)')));
  lines.push(...changes.obsolete.map((file) => line('obsolete', file, ' (no longer generated; kept because you changed it)')));
  // outside a checkout, the run's last lines say so once instead of once per edit
  const edits = registration.checkoutRoot ? registration.edits.map((e) => `  register  ${describeEdit(e)}`) : [];
  return `Dry run: nothing is written. The plan:\n${[...lines, ...edits].join('\n')}`;
}
