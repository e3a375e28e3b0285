/**
 * Answers kept in `.yo-rc.json`, one profile per connector, so a re-run or
 * `connector:context-doc` alone regenerates from them:
 * `{ "generator-connector": { "connectors": { "openmetadata:my_db": {...} }, "last": { "openmetadata": "my_db" } } }`.
 */
import type { PartialProfile } from './profile/field.js';

interface ConfigStorage {
  get(key: string): unknown;
  set(key: string, value: unknown): unknown;
}

const keyOf = (host: string, name: string): string => `${host}:${name}`;

const connectorsIn = (config: ConfigStorage): Record<string, PartialProfile> =>
  (config.get('connectors') as Record<string, PartialProfile> | undefined) ?? {};

export function storedProfile(config: ConfigStorage, host: string, name: string): PartialProfile | undefined {
  return connectorsIn(config)[keyOf(host, name)];
}

export function lastStoredName(config: ConfigStorage, host: string): string | undefined {
  const last = config.get('last') as Record<string, string> | undefined;
  return last?.[host];
}

export function storeProfile(config: ConfigStorage, host: string, profile: PartialProfile & { name: string }): void {
  config.set('connectors', { ...connectorsIn(config), [keyOf(host, profile.name)]: profile });
  config.set('last', { ...((config.get('last') as Record<string, string> | undefined) ?? {}), [host]: profile.name });
}
