/**
 * The host registry: every host the package supports, in the order the bin lists them. The bin, the
 * build's validators, connector:context-doc and the tests iterate this list; a new host is one entry
 * here and its folder generators/<id>/ (index.ts, the generator; host.ts, its HostDefinition).
 *
 * It lives above core/, which the hosts are built on and which therefore knows none of them. Each
 * host is imported only when asked for, so that the bin's --help and usage load no host.
 */
import type { HostDefinition } from '../core/host.js';

export interface HostEntry {
  /** the generator's name (`connector:<id>`), its folder, and HostDefinition.spec.host */
  id: string;
  /** one line for the bin's list of generators */
  what: string;
  /** the generator class, for a run */
  generator: () => Promise<{ default: unknown }>;
  /** what the shared machinery knows of the host */
  definition: () => Promise<HostDefinition<never>>;
}

// A HostDefinition<P> is used only with the profiles its own spec validated: callers that hold
// profiles of any host pass them on as `never`, the one type every P accepts (P is only ever taken,
// never given, so every HostDefinition<P> is a HostDefinition<never> without a cast).
const asAnyHost = <P>(host: HostDefinition<P>): HostDefinition<never> => host;

export const HOSTS = [
  {
    id: 'openmetadata',
    what: 'a new OpenMetadata connector',
    generator: () => import('./openmetadata/index.js'),
    definition: async () => asAnyHost((await import('./openmetadata/host.js')).openMetadataHost),
  },
  {
    id: 'mage',
    what: 'a new Mage AI (mage_integrations) source',
    generator: () => import('./mage/index.js'),
    definition: async () => asAnyHost((await import('./mage/host.js')).mageHost),
  },
] as const satisfies readonly HostEntry[];

/** A registered host's id: tables keyed by it (the tests' cases) must name every host. */
export type HostId = (typeof HOSTS)[number]['id'];

export const HOST_IDS: readonly HostId[] = HOSTS.map((host) => host.id);

/** The host registered under this id, if any. */
export const hostEntry = (id: string): HostEntry | undefined => HOSTS.find((host) => host.id === id);
