/** OpenMetadata as a host: everything the shared generator machinery needs to know. */
import type { HostDefinition } from '../../core/host.js';
import { openMetadataSpec, type OpenMetadataProfile } from '../../core/profile/openmetadata.js';
import { templateData } from './model/index.js';
import { briefDestination, openMetadataPlan } from './plan.js';
import { checkoutDefaults } from './checkout-release.js';
import { checkoutProblems, registrations } from './register.js';

export const openMetadataHost: HostDefinition<OpenMetadataProfile> = {
  id: 'openmetadata',
  label: 'OpenMetadata',
  spec: openMetadataSpec,
  checkoutMarker: 'openmetadata-spec',
  plan: openMetadataPlan,
  templateData,
  briefDestination,
  registrations,
  checkoutDefaults,
  checkoutProblems,
};
