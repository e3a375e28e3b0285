/** What a host generator (OpenMetadata, Mage) supplies to the shared machinery. */
import type { PlannedFile } from './file-plan.js';
import type { NextSteps, RunDone } from './next-steps.js';
import type { PartialProfile } from './profile/field.js';
import type { Problem, ProfileSpec } from './profile/validate.js';
import type { RegistrationReport } from './registration.js';

/** A generator as composeWith takes it with its class: its index.js, and the class (composeWith types it `any`), imported when composed. */
export interface ComposableGenerator {
  path: string;
  load(): Promise<unknown>;
}

export interface HostDefinition<P> {
  /** `openmetadata` or `mage`: also the key prefix of stored profiles */
  id: string;
  label: string;
  /** one sentence for --help: what the generator writes */
  summary: string;
  spec: ProfileSpec;
  /** folder, relative to a checkout root, that marks the root */
  checkoutMarker: string;
  /** profile fields that place the connector's tree (folders, the host file it registers in): a stored connector may not change them */
  placementFields?: string[];
  /** the files to generate, in order */
  plan(profile: P): PlannedFile[];
  /** values the templates render; computed here so templates stay free of logic */
  templateData(profile: P): Record<string, unknown>;
  /** the generator that writes CONNECTOR_CONTEXT.md, composed after this host's files are planned */
  briefGenerator: ComposableGenerator;
  /** where CONNECTOR_CONTEXT.md goes, relative to the destination root */
  briefDestination(profile: P): string;
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
