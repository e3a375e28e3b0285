/** Mage as a host: everything the shared generator machinery needs to know. */
import type { HostDefinition } from '../../core/host.js';
import { mageSpec, type MageProfile } from './profile/spec.js';
import { fileURLToPath } from 'node:url';
import { briefValues } from './model/brief.js';
import { templateData } from './model/index.js';
import { mageNextSteps } from './model/next-steps.js';
import { magePlan } from './plan.js';
import { CHECKOUT_MARKER, checkoutProblems, registrations } from './register/index.js';

export const mageHost: HostDefinition<MageProfile> = {
  label: 'mage-ai',
  summary:
    'Writes a new Mage AI source in mage_integrations (Singer-compatible: the source package, its templates and ' +
    'streams, a unit test, a docs page and CONNECTOR_CONTEXT.md), and registers it in the checkout (sources list, ' +
    'docs navigation, requirements).',
  spec: mageSpec,
  templates: fileURLToPath(new URL('./templates', import.meta.url)),
  checkoutMarker: CHECKOUT_MARKER,
  plan: magePlan,
  templateData,
  briefValues,
  nextSteps: mageNextSteps,
  registrations,
  checkoutProblems,
};
