/** Mage as a host: everything the shared generator machinery needs to know. */
import type { HostDefinition } from '../../core/host.js';
import { mageSpec, type MageProfile } from '../../core/profile/mage.js';
import { templateData } from './model.js';
import { briefDestination, magePlan } from './plan.js';
import { CHECKOUT_MARKER, checkoutProblems, registrations } from './register.js';

export const mageHost: HostDefinition<MageProfile> = {
  id: 'mage',
  label: 'mage-ai',
  spec: mageSpec,
  checkoutMarker: CHECKOUT_MARKER,
  plan: magePlan,
  templateData,
  briefDestination,
  registrations,
  checkoutProblems,
};
