/** What the Python builders and the brief both read, computed once per profile. */
import { openMetadataNames, type OpenMetadataNames, type OpenMetadataProfile } from '../../../core/profile/openmetadata.js';
import { baseClassFor, type BaseClass } from '../facts.js';
import { featuresOf, modulesOf, type Features, type Modules } from './features.js';
import { testConnectionSteps, type TestStep } from './test-connection.js';

export interface ProfileContext {
  profile: OpenMetadataProfile;
  names: OpenMetadataNames;
  features: Features;
  modules: Modules;
  /** the base class of the metadata source */
  base: BaseClass;
  steps: TestStep[];
}

export function profileContext(profile: OpenMetadataProfile): ProfileContext {
  const names = openMetadataNames(profile);
  const features = featuresOf(profile);
  return {
    profile,
    names,
    features,
    modules: modulesOf(profile, names),
    base: baseClassFor(profile.serviceType, features.sqlalchemy),
    steps: testConnectionSteps(profile),
  };
}
