/**
 * Registration: edits to files the host checkout already has (service enums,
 * source lists, docs navigation). Each edit is computed from disk first, so
 * the brief and the dry run can report it before anything is written.
 */
export interface RegistrationEdit {
  /** host file, relative to the checkout root */
  file: string;
  /** what the edit adds, e.g. `MyDb in definitions.databaseServiceType.enum` */
  change: string;
  /** added: new contents to write; present: already registered; skipped: could not edit (see reason) */
  outcome: 'added' | 'present' | 'skipped';
  reason?: string;
  contents?: string;
}

export interface RegistrationReport {
  /** undefined outside a checkout */
  checkoutRoot?: string;
  edits: RegistrationEdit[];
  /** steps the generator cannot do, each naming the exact path */
  manualSteps: string[];
}

export const skipped = (file: string, change: string, reason: string): RegistrationEdit => ({
  file,
  change,
  outcome: 'skipped',
  reason,
});

/** One line for logs and the brief. */
export function describeEdit(edit: RegistrationEdit): string {
  switch (edit.outcome) {
    case 'added':
      return `${edit.file}: added ${edit.change}`;
    case 'present':
      return `${edit.file}: ${edit.change} already present`;
    default:
      return `${edit.file}: skipped ${edit.change} (${edit.reason ?? 'unknown reason'})`;
  }
}

/** The report of a run with --skip-register: what would have been added is left to do by hand. */
export const declined = (report: RegistrationReport): RegistrationReport => ({
  ...report,
  edits: report.edits.map((edit) =>
    edit.outcome === 'added' ? { file: edit.file, change: edit.change, outcome: 'skipped', reason: '--skip-register' } : edit,
  ),
});

/** The outcome of one text edit of a host file: new contents, already there, or why it was not made. */
export type TextEdit = { outcome: 'added'; contents: string } | { outcome: 'present' } | { outcome: 'skipped'; reason: string };

/** The registration edit that reports the outcome of one text edit. */
export function asRegistrationEdit(file: string, change: string, result: TextEdit): RegistrationEdit {
  if (result.outcome === 'added') return { file, change, outcome: 'added', contents: result.contents };
  if (result.outcome === 'present') return { file, change, outcome: 'present' };
  return skipped(file, change, result.reason);
}
