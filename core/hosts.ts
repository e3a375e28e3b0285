/** Every host generator's definition, by id: how context-doc finds the plan of the host it documents. */
import type { HostDefinition } from './host.js';
import { mageHost } from '../generators/mage/host.js';
import { openMetadataHost } from '../generators/openmetadata/host.js';

export const HOSTS: Record<string, HostDefinition<never>> = {
  openmetadata: openMetadataHost as HostDefinition<never>,
  mage: mageHost as HostDefinition<never>,
};
