/** What the Python builders and the brief both read, computed once per profile. */
import type { Capability } from '../profile/fields.js';
import { openMetadataNames, type OpenMetadataNames, type OpenMetadataProfile } from '../profile/spec.js';
import {
  baseClassFor,
  checksApiFor,
  queryLogFor,
  releaseFacts,
  type BaseClass,
  type CapabilityFact,
  type ChecksApiUse,
  type QueryLogFamily,
  type ReleaseFacts,
} from '../facts/index.js';
import { endpointPlan, type EndpointPlan } from './endpoints.js';
import { featuresOf, modulesOf, schemeOf, type Features, type Modules } from './features.js';
import { testConnectionSteps, type TestStep } from './test-connection.js';

/** A capability beyond metadata of a non-database source, and what it means for its service type. */
export interface CapabilityUse extends CapabilityFact {
  capability: Capability;
}

export interface ProfileContext {
  profile: OpenMetadataProfile;
  /** the facts of the release the connector is written for */
  release: ReleaseFacts;
  names: OpenMetadataNames;
  features: Features;
  modules: Modules;
  /** the base class of the metadata source */
  base: BaseClass;
  steps: TestStep[];
  /** what client.py, the stubs and the unit test make of --api-endpoints */
  endpoints: EndpointPlan;
  /** the release's checks API, when the reference connector of this kind tests its connection through it (2.0) */
  checksApi: ChecksApiUse | undefined;
  /**
   * Where the source keeps its query history, when lineage or usage read it and the
   * scheme's family is one whose history is known; undefined leaves it a TODO.
   */
  queryLog: QueryLogFamily | undefined;
  /**
   * The capabilities beyond metadata a non-database source asked for: those its base class serves
   * (the methods that implement them), and those it does not (reported, nothing generated).
   */
  serviceCapabilities: { uses: CapabilityUse[]; unserved: Capability[] };
}

function serviceCapabilitiesOf(profile: OpenMetadataProfile, release: ReleaseFacts): ProfileContext['serviceCapabilities'] {
  if (profile.serviceType === 'database') return { uses: [], unserved: [] };
  const known = release.serviceTypes[profile.serviceType].capabilities ?? {};
  const asked = profile.capabilities.filter((c) => c !== 'metadata');
  return {
    uses: asked.flatMap((capability) => {
      const fact = known[capability];
      return fact ? [{ capability, ...fact }] : [];
    }),
    unserved: asked.filter((c) => !known[c]),
  };
}

export function profileContext(profile: OpenMetadataProfile): ProfileContext {
  const names = openMetadataNames(profile);
  const features = featuresOf(profile);
  const release = releaseFacts(profile.openmetadataVersion);
  const base = baseClassFor(release, profile.serviceType, features.sqlalchemy);
  const steps = testConnectionSteps(profile);
  return {
    profile,
    release,
    names,
    features,
    modules: modulesOf(profile, names),
    base,
    steps,
    endpoints: endpointPlan(profile, features, base, steps),
    checksApi: checksApiFor(release, profile.serviceType, features.sqlalchemy),
    queryLog: features.queryLog ? queryLogFor(release, schemeOf(profile)) : undefined,
    serviceCapabilities: serviceCapabilitiesOf(profile, release),
  };
}
