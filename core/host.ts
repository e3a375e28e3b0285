/** What a host generator (OpenMetadata, Mage) supplies to the shared machinery. */
import type { PlannedFile } from './file-plan.js';
import type { NextSteps, RunDone } from './next-steps.js';
import type { PartialProfile } from './profile/field.js';
import type { Problem, ProfileSpec } from './profile/validate.js';
import type { RegistrationReport } from './registration.js';

/** What every host's profile holds: the name that keys its stored answers, and what every brief renders. */
// a type, not an interface: profiles pass as PartialProfile (a record), which an interface's type does not
export type HostProfile = {
  name: string;
  displayName: string;
  docsUrl: string;
  docsNotes: string;
};

export interface HostDefinition<P> {
  /** `OpenMetadata`, `mage-ai`: how messages name the host (its id is spec.host) */
  label: string;
  /** one sentence for --help: what the generator writes */
  summary: string;
  /** the profile's fields; `spec.host` is the host's id (`openmetadata`, `mage`), the generator's name and the prefix of stored profiles */
  spec: ProfileSpec;
  /** the host's templates/ folder, absolute: context-doc renders the brief from it */
  templates: string;
  /** folder, relative to a checkout root, that marks the root */
  checkoutMarker: string;
  /** profile fields that place the connector's tree (folders, the host file it registers in): a stored connector may not change them */
  placementFields?: string[];
  /** the files to generate, in order, the brief (id `brief`) last; in a checkout, files its contents call for too (read at run time) */
  plan(profile: P, checkoutRoot?: string): PlannedFile[];
  /** values the templates render; computed here so templates stay free of logic */
  templateData(profile: P): Record<string, unknown>;
  /** what this host's brief renders beside every brief's values (core/brief.ts) */
  briefValues(profile: P): Record<string, string>;
  /** what the user runs after the TODOs, in order (the run's closing lines and the brief's "Next steps"); `done` leaves out what the run did */
  nextSteps(profile: P, done?: RunDone): NextSteps;
  /** registration edits computed from the checkout on disk, and the steps left by hand */
  registrations(profile: P, checkoutRoot: string | undefined): RegistrationReport;
  /** profile values the checkout itself implies (e.g. its release); they win over stored answers, not over flags */
  checkoutDefaults?(checkoutRoot: string): PartialProfile;
  /** what the run and the brief say of the checkout without refusing it, e.g. a release this generator does not know */
  checkoutWarnings?(profile: P, checkoutRoot: string): string[];
  /** problems that depend on the checkout, e.g. a service type value already taken */
  checkoutProblems?(profile: PartialProfile, checkoutRoot: string, storedProfile: PartialProfile | undefined): Problem[];
}
