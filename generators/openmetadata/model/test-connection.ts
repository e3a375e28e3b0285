/** The test-connection steps: the JSON file the UI shows, and the client methods that run them. */
import { openMetadataNames, type OpenMetadataProfile } from '../profile/spec.js';
import { clientStepFacts, releaseFacts, type ReleaseFacts } from '../facts/index.js';
import type { Json } from './connection-schema.js';
import { featuresOf } from './features.js';

export interface TestStep {
  name: string;
  description: string;
  errorMessage: string;
  mandatory: boolean;
  shortCircuit?: boolean;
  /** 2.0: ConnectionGate on the step whose failure makes the others pointless */
  category?: string;
  /** the client method that runs the step (client-based connectors) */
  method?: string;
  todo?: string;
  /** what a GET endpoint without parameters lists when its answer is what the step reads (see endpoints.ts) */
  servedBy?: string[];
}

/** A step a client method runs (every step of a client-based connector): the method, and what it must do. */
export type ClientTestStep = TestStep & { method: string; todo: string };

export const isClientStep = (step: TestStep): step is ClientTestStep => Boolean(step.method) && step.todo !== undefined;

export function testConnectionSteps(profile: OpenMetadataProfile): TestStep[] {
  const features = featuresOf(profile);
  const release = releaseFacts(profile.openmetadataVersion);
  const steps = features.sqlalchemy ? sqlalchemySteps(release, profile.displayName, features.queryLog) : clientSteps(release, profile);
  const gate = release.testConnection.gateCategory;
  return gate ? steps.map((s) => (s.shortCircuit ? { ...s, category: gate } : s)) : steps;
}

/** The test-connection JSON file: the steps without the generator's own fields. */
export function testConnectionDefinition(profile: OpenMetadataProfile): Json {
  const names = openMetadataNames(profile);
  return {
    name: names.typeValue,
    displayName: `${profile.displayName} Test Connection`,
    description: `Checks that OpenMetadata can reach ${profile.displayName} and read the metadata it ingests.`,
    steps: testConnectionSteps(profile).map(definitionStep),
  };
}

/** A step as the JSON file has it: without the generator's own fields (the client method, its TODO, the endpoint that serves it). */
function definitionStep(step: TestStep): Json {
  const own = { ...step };
  delete own.method;
  delete own.todo;
  delete own.servedBy;
  return own;
}

/** The steps OpenMetadata's SQLAlchemy helpers run, plus GetQueries when the query log is read. */
function sqlalchemySteps(release: ReleaseFacts, display: string, queryLog: boolean): TestStep[] {
  const { sqlalchemySteps: builtin, queryLogStep } = release.testConnection;
  const steps = [...builtin, ...(queryLog ? [queryLogStep] : [])];
  return steps.map((s) => ({
    name: s.name,
    description: withName(s.description, display),
    errorMessage: s.name === 'GetQueries' ? `Cannot read the query log of ${display}: lineage and usage will be empty.` : errorFor(s.name, display),
    ...(s.shortCircuit ? { shortCircuit: true } : {}),
    mandatory: s.mandatory,
  }));
}

/** The steps of a client-based connector, each run by a client method. */
function clientSteps(release: ReleaseFacts, profile: OpenMetadataProfile): TestStep[] {
  const display = profile.displayName;
  return clientStepFacts(release, profile.serviceType).map((s) => ({
    name: s.name,
    description: withName(s.description, display),
    errorMessage: errorFor(s.name, display),
    ...(s.shortCircuit ? { shortCircuit: true } : {}),
    mandatory: s.mandatory,
    method: s.method,
    todo: s.todo,
    ...(s.servedBy ? { servedBy: s.servedBy } : {}),
  }));
}

const withName = (description: string, display: string): string => description.replace('{name}', display);

const errorFor = (step: string, display: string): string =>
  step === 'CheckAccess'
    ? `Failed to connect to ${display}: check the host, the credentials and the network access.`
    : `The ${step} step failed against ${display}: check the permissions of the user.`;
