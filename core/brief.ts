/**
 * What every host's brief (CONNECTOR_CONTEXT.md, the plan's `brief` file) renders from the run: the
 * file index, the registration state, the checkout's warnings, where the answers are kept, and the
 * user's own notes. The host adds its values (HostDefinition.briefValues); templates read both as `brief`.
 */
import { BRIEF, type PlannedFile } from './file-plan.js';
import type { PlanChanges } from './merge.js';
import { describeEdit, type RegistrationReport } from './registration.js';
import { markdownLiteral, markdownQuote } from './text.js';

interface BriefProfile {
  displayName: string;
  docsUrl: string;
  docsNotes: string;
}

/** The run's state the brief reports. */
export interface BriefRun {
  plan: readonly PlannedFile[];
  registration: RegistrationReport;
  /** whether the user changed a planned file since it was generated (false under --force: every file is replaced) */
  changedByUser: (destination: string) => boolean;
  changes: PlanChanges;
  checkoutWarnings: readonly string[];
  /** where the answers are kept (core/stored-profiles.ts) */
  answers: string;
}

export function briefRunValues(profile: BriefProfile, run: BriefRun): Record<string, string | undefined> {
  const { registration } = run;
  // The state, not this run's action: a re-run that finds everything registered renders the same brief.
  const done = registration.edits.filter((e) => e.outcome !== 'skipped').map((e) => `${e.file}: ${e.change}`);
  const left = [...registration.edits.filter((e) => e.outcome === 'skipped').map(describeEdit), ...registration.manualSteps];
  return {
    displayName: markdownLiteral(profile.displayName),
    docsUrl: profile.docsUrl ? markdownLiteral(profile.docsUrl) : '_none_',
    docsNotes: markdownQuote(profile.docsNotes),
    fileIndex: fileIndex(run).join('\n'),
    checkoutRoot: registration.checkoutRoot,
    registrationDone: done.length > 0 ? done.map((line) => `- ${line}`).join('\n') : '_none_',
    checkoutWarnings: run.checkoutWarnings.map((w) => `> **Warning:** ${markdownLiteral(w)}.`).join('\n'),
    registrationLeft: left.length > 0 ? left.map((line) => `- [ ] ${line}`).join('\n') : '_none_',
    answers: run.answers,
  };
}

/** One table row per planned file, with what the user did to it, then the files the profile no longer plans. */
function fileIndex({ plan, changes, changedByUser }: BriefRun): string[] {
  const mark = (file: PlannedFile): string =>
    // the brief is this run's own rendering: a mark on it would describe the file it replaces
    file.id === BRIEF
      ? ''
      : changes.absent.includes(file.destination)
        ? ' (deleted by you; not re-created, `--force` brings it back)'
        : changedByUser(file.destination)
          ? ' (changed by you since it was generated)'
          : '';
  return [
    ...plan.map((f) => `| \`${f.destination}\` | ${markdownLiteral(f.purpose, 'tableCell')}${mark(f)} |`),
    // what the profile no longer plans: gone with this run, or still there because the user changed it
    ...changes.delete.map(
      (file) => `| \`${file}\` | No longer generated (the profile changed): deleted by this run, unchanged since it was generated |`,
    ),
    ...changes.obsolete.map(
      (file) =>
        `| \`${file}\` | No longer generated (the profile changed), kept because you changed it: remove it, and what imports it, if nothing needs it |`,
    ),
  ];
}
