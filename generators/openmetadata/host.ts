/** OpenMetadata as a host: everything the shared generator machinery needs to know. */
import type { HostDefinition } from '../../core/host.js';
import { openMetadataSpec, type OpenMetadataProfile } from '../../core/profile/openmetadata.js';
import { CONTEXT_DOC_GENERATOR } from '../context-doc/location.js';
import { templateData } from './model/index.js';
import { openMetadataNextSteps } from './model/next-steps.js';
import { briefDestination, openMetadataPlan } from './plan.js';
import { checkoutDefaults, releaseWarnings } from './checkout-release.js';
import { checkoutProblems, registrations } from './register.js';

export const openMetadataHost: HostDefinition<OpenMetadataProfile> = {
  id: 'openmetadata',
  label: 'OpenMetadata',
  summary:
    'Writes a new OpenMetadata connector: its connection JSON Schema, test-connection steps, the ingestion package ' +
    '(connection, metadata source, service spec), an example metadata workflow, unit and integration tests and ' +
    'CONNECTOR_CONTEXT.md, and registers ' +
    "it in the checkout's <type>Service.json.",
  spec: openMetadataSpec,
  checkoutMarker: 'openmetadata-spec',
  placementFields: ['serviceType'],
  plan: openMetadataPlan,
  templateData,
  briefGenerator: CONTEXT_DOC_GENERATOR,
  briefDestination,
  nextSteps: openMetadataNextSteps,
  registrations,
  checkoutDefaults,
  checkoutWarnings: releaseWarnings,
  checkoutProblems,
};
