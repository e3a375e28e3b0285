/** Values every brief renders, whatever the host: the file index, registration, and the user's notes. */
import type { HostDefinition } from '../../core/host.js';
import { describeEdit, type RegistrationReport } from '../../core/registration.js';
import { markdownBullets, markdownInline, markdownQuote } from '../../core/text.js';

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
  checkoutWarnings: string[] = [],
) {
  const mark = (destination: string): string => (changedByUser(destination) ? ' (changed by you since it was generated)' : '');
  const fileIndex = [
    ...host.plan(profile).map((f) => `| \`${f.destination}\` | ${markdownInline(f.purpose)}${mark(f.destination)} |`),
    `| \`${briefDestination}\` | This brief |`,
  ];
  // The state, not this run's action: a re-run that finds everything registered renders the same brief.
  const done = registration.edits.filter((e) => e.outcome !== 'skipped').map((e) => `${e.file}: ${e.change}`);
  const left = [
    ...registration.edits.filter((e) => e.outcome === 'skipped').map(describeEdit),
    ...registration.manualSteps,
  ];
  return {
    brief: {
      displayName: markdownInline(profile.displayName),
      docsUrl: profile.docsUrl ? markdownInline(profile.docsUrl) : '_none_',
      apiEndpoints: markdownBullets(profile.apiEndpoints),
      docsNotes: markdownQuote(profile.docsNotes),
      fileIndex: fileIndex.join('\n'),
      checkoutRoot: registration.checkoutRoot,
      registrationDone: done.length > 0 ? done.map((line) => `- ${line}`).join('\n') : '_none_',
      checkoutWarnings: checkoutWarnings.map((w) => `> **Warning:** ${markdownInline(w)}.`).join('\n'),
      registrationLeft: left.length > 0 ? left.map((line) => `- [ ] ${line}`).join('\n') : '_none_',
    },
  };
}
