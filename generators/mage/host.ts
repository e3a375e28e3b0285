/** Mage as a host. (skeleton: to be completed) */
import type { HostDefinition } from '../../core/host.js';
import { mageSpec, type MageProfile } from '../../core/profile/mage.js';

export const mageHost: HostDefinition<MageProfile> = {
  id: 'mage',
  label: 'mage-ai',
  spec: mageSpec,
  checkoutMarker: 'mage_integrations/mage_integrations/sources',
  plan: () => [],
  templateData: (profile) => ({ profile }),
  briefDestination: (profile) => `mage_integrations/mage_integrations/sources/${profile.name}/CONNECTOR_CONTEXT.md`,
  registrations: (_profile, checkoutRoot) => ({ checkoutRoot, edits: [], manualSteps: [] }),
};
