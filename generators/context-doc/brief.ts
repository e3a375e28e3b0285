/** Values every brief renders, whatever the host: the file index, registration, and the user's notes. */
import type { HostDefinition } from '../../core/host.js';
import type { PlanChanges } from '../../core/merge.js';
import { describeEdit, type RegistrationReport } from '../../core/registration.js';
import { markdownBullets, markdownLiteral, markdownQuote } from '../../core/text.js';

interface BriefProfile {
  name: string;
  displayName: string;
  docsUrl: string;
  apiEndpoints: string[];
  docsNotes: string;
}

export function briefData<P extends BriefProfile>(
  host: HostDefinition<P>,
  profile: P,
  registration: RegistrationReport,
  briefDestination: string,
  changedByUser: (destination: string) => boolean = () => false,
  changes: PlanChanges = { absent: [], delete: [], obsolete: [] },
  checkoutWarnings: string[] = [],
) {
  const mark = (destination: string): string =>
    changes.absent.includes(destination)
      ? ' (deleted by you; not re-created, `--force` brings it back)'
      : changedByUser(destination)
        ? ' (changed by you since it was generated)'
        : '';
  const fileIndex = [
    ...host.plan(profile).map((f) => `| \`${f.destination}\` | ${markdownLiteral(f.purpose, 'tableCell')}${mark(f.destination)} |`),
    `| \`${briefDestination}\` | This brief |`,
    // what the profile no longer plans: gone with this run, or still there because the user changed it
    ...changes.delete.map((file) => `| \`${file}\` | No longer generated (the profile changed): deleted by this run, unchanged since it was generated |`),
    ...changes.obsolete.map((file) => `| \`${file}\` | No longer generated (the profile changed), kept because you changed it: remove it, and what imports it, if nothing needs it |`),
  ];
  // The state, not this run's action: a re-run that finds everything registered renders the same brief.
  const done = registration.edits.filter((e) => e.outcome !== 'skipped').map((e) => `${e.file}: ${e.change}`);
  const left = [
    ...registration.edits.filter((e) => e.outcome === 'skipped').map(describeEdit),
    ...registration.manualSteps,
  ];
  return {
    brief: {
      displayName: markdownLiteral(profile.displayName),
      docsUrl: profile.docsUrl ? markdownLiteral(profile.docsUrl) : '_none_',
      apiEndpoints: markdownBullets(profile.apiEndpoints),
      docsNotes: markdownQuote(profile.docsNotes),
      fileIndex: fileIndex.join('\n'),
      checkoutRoot: registration.checkoutRoot,
      registrationDone: done.length > 0 ? done.map((line) => `- ${line}`).join('\n') : '_none_',
      checkoutWarnings: checkoutWarnings.map((w) => `> **Warning:** ${markdownLiteral(w)}.`).join('\n'),
      registrationLeft: left.length > 0 ? left.map((line) => `- [ ] ${line}`).join('\n') : '_none_',
    },
  };
}
