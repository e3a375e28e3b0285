/**
 * Every host generator's definition, by id: how the bin and context-doc find
 * the host they run or document. It lives above core/, which the hosts are
 * built on and which therefore knows none of them.
 */
import type { HostDefinition } from '../core/host.js';
import { mageHost } from './mage/host.js';
import { openMetadataHost } from './openmetadata/host.js';

export const HOSTS: Record<string, HostDefinition<never>> = {
  openmetadata: openMetadataHost as HostDefinition<never>,
  mage: mageHost as HostDefinition<never>,
};
