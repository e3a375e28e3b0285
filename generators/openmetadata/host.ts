/** OpenMetadata as a host: everything the shared generator machinery needs to know. */
import type { HostDefinition } from '../../core/host.js';
import { openMetadataSpec, type OpenMetadataProfile } from './profile/spec.js';
import { fileURLToPath } from 'node:url';
import { briefValues } from './model/brief/index.js';
import { templateData } from './model/index.js';
import { openMetadataNextSteps } from './model/next-steps.js';
import { openMetadataPlan } from './plan.js';
import { checkoutDefaults, releaseWarnings } from './checkout-release.js';
import { checkoutProblems, registrations } from './register.js';

export const openMetadataHost: HostDefinition<OpenMetadataProfile> = {
  label: 'OpenMetadata',
  summary:
    'Writes a new OpenMetadata connector: its connection JSON Schema, test-connection steps, the ingestion package ' +
    '(connection, metadata source, service spec), an example metadata workflow, unit and integration tests and ' +
    'CONNECTOR_CONTEXT.md and the connection guide shown beside the form, and registers ' +
    "it in the checkout's <type>Service.json and in the UI (the category's schema loaders, the icon map).",
  spec: openMetadataSpec,
  templates: fileURLToPath(new URL('./templates', import.meta.url)),
  checkoutMarker: 'openmetadata-spec',
  placementFields: ['serviceType'],
  plan: openMetadataPlan,
  templateData,
  briefValues,
  nextSteps: openMetadataNextSteps,
  registrations,
  checkoutDefaults,
  checkoutWarnings: releaseWarnings,
  checkoutProblems,
};
