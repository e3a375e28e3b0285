/** Mage as a host: everything the shared generator machinery needs to know. */
import type { HostDefinition } from '../../core/host.js';
import { mageSpec, type MageProfile } from '../../core/profile/mage.js';
import { CONTEXT_DOC_GENERATOR } from '../context-doc/location.js';
import { templateData } from './model/index.js';
import { mageNextSteps } from './model/next-steps.js';
import { briefDestination, magePlan } from './plan.js';
import { CHECKOUT_MARKER, checkoutProblems, registrations } from './register/index.js';

export const mageHost: HostDefinition<MageProfile> = {
  id: 'mage',
  label: 'mage-ai',
  summary:
    'Writes a new Mage AI source in mage_integrations (Singer-compatible: the source package, its templates and ' +
    'streams, a unit test, a docs page and CONNECTOR_CONTEXT.md), and registers it in the checkout (sources list, ' +
    'docs navigation, requirements).',
  spec: mageSpec,
  checkoutMarker: CHECKOUT_MARKER,
  plan: magePlan,
  templateData,
  briefGenerator: CONTEXT_DOC_GENERATOR,
  briefDestination,
  nextSteps: mageNextSteps,
  registrations,
  checkoutProblems,
};
