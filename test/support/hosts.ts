/**
 * The table the host-agnostic tests iterate over: for each host generator, a
 * valid minimal set of options (camelCase, for yeoman-test) and the same as
 * CLI flags (dashed, for the bin and yo), plus helpers to read what a run stored.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { HOSTS } from '../../generators/hosts.js';
import type { HostDefinition } from '../../core/host.js';
import { withDefaults } from '../../core/profile/compose.js';
import { dashed, type PartialProfile } from '../../core/profile/field.js';
import type { ProfileSpec } from '../../core/profile/validate.js';
import { generatorPath, type GeneratorName } from './generate.js';

export interface HostCase {
  host: 'openmetadata' | 'mage';
  generator: GeneratorName;
  spec: ProfileSpec;
  definition: HostDefinition<never>;
  /** a valid minimal profile, as yeoman-test options */
  minimal: Record<string, unknown>;
  /** the same profile as CLI flags */
  flags: string[];
  /** packages the host checkout's isort treats as first-party */
  isortFirstParty: readonly string[];
}

/**
 * In an OpenMetadata checkout `metadata` and `_openmetadata_testutils` live in
 * ingestion/src, which isort counts as first-party: upstream files keep them in
 * a section of their own after the third-party imports.
 */
export const OPENMETADATA_FIRST_PARTY = ['metadata', '_openmetadata_testutils'] as const;

const FIRST_PARTY: Record<HostCase['host'], readonly string[]> = { openmetadata: OPENMETADATA_FIRST_PARTY, mage: [] };

/** yeoman-test options (camelCase) as the bin's flags: `{ authTypes: ['a', 'b'] }` -> `--auth-types a b`. */
export const flagsOf = (options: Record<string, unknown>): string[] =>
  Object.entries(options).flatMap(([key, value]) => [`--${dashed(key)}`, ...[value].flat().map(String)]);

const hostCase = (host: HostCase['host'], minimal: Record<string, string>): HostCase => {
  const definition = HOSTS[host];
  if (!definition) throw new Error(`generators/hosts.ts has no host ${host}`);
  return {
    host,
    generator: host,
    spec: definition.spec,
    definition,
    minimal,
    isortFirstParty: FIRST_PARTY[host],
    flags: flagsOf(minimal),
  };
};

export const HOST_CASES: readonly HostCase[] = [
  hostCase('openmetadata', { name: 'shop_db', serviceType: 'dashboard' }),
  hostCase('mage', { name: 'shop_api', connectorType: 'api' }),
];

/** Whether the host's generator is compiled (the Mage generator may still be in progress). */
export const generatorBuilt = (c: Pick<HostCase, 'generator'>): boolean => existsSync(generatorPath(c.generator));

/** The profile stored in `<dir>/.yo-rc.json` for a host and connector name, if any. */
export function storedProfileIn(dir: string, host: string, name: string): PartialProfile | undefined {
  const file = path.join(dir, '.yo-rc.json');
  if (!existsSync(file)) return undefined;
  const rc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { connectors?: Record<string, PartialProfile> }>;
  return rc['generator-connector']?.connectors?.[`${host}:${name}`];
}

/** The complete profile (defaults filled) for a case's minimal options plus extras. */
export const completeProfile = (c: HostCase, extra: Record<string, unknown> = {}): PartialProfile =>
  withDefaults(c.spec, { ...c.minimal, ...extra });

/** Where the brief of a profile goes, relative to the destination root. */
export const briefPathOf = (c: HostCase, profile: PartialProfile): string => c.definition.briefDestination(profile as never);

/** Relative destinations of the host's file plan for a profile (registration edits and the brief excluded). */
export const plannedFiles = (c: HostCase, profile: PartialProfile): string[] =>
  c.definition.plan(profile as never).map((f) => f.destination);
