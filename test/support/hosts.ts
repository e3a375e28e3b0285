/**
 * The table the host-agnostic tests iterate over: for each host of the registry (generators/hosts.ts),
 * a valid minimal set of options (camelCase, for yeoman-test) and the same as CLI flags (dashed, for
 * the bin and yo), plus helpers to read what a run stored.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BRIEF, plannedPath } from '../../core/file-plan.js';
import { HOSTS, type HostId } from '../../generators/hosts.js';
import type { HostDefinition } from '../../core/host.js';
import { withDefaults } from '../../core/profile/compose.js';
import { dashed, type PartialProfile } from '../../core/profile/field.js';
import type { ProfileSpec } from '../../core/profile/validate.js';
import { generatorPath, type GeneratorName } from './generate.js';

export interface HostCase {
  host: HostId;
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

/** Per host of the registry: a valid minimal profile, and the packages its checkout's isort treats as first-party. */
const CASE_DATA: Record<HostId, { minimal: Record<string, string>; firstParty: readonly string[] }> = {
  openmetadata: { minimal: { name: 'shop_db', serviceType: 'dashboard' }, firstParty: OPENMETADATA_FIRST_PARTY },
  mage: { minimal: { name: 'shop_api', connectorType: 'api' }, firstParty: [] },
};

/** yeoman-test options (camelCase) as the bin's flags: `{ authTypes: ['a', 'b'] }` -> `--auth-types a b`. */
export const flagsOf = (options: Record<string, unknown>): string[] =>
  Object.entries(options).flatMap(([key, value]) => [`--${dashed(key)}`, ...[value].flat().map(String)]);

function hostCase(host: HostId, definition: HostDefinition<never>): HostCase {
  // keyed by HostId: a host added to the registry without its case here does not compile
  const data = CASE_DATA[host];
  return {
    host,
    generator: host,
    spec: definition.spec,
    definition,
    minimal: data.minimal,
    isortFirstParty: data.firstParty,
    flags: flagsOf(data.minimal),
  };
}

export const HOST_CASES: readonly HostCase[] = await Promise.all(HOSTS.map(async (entry) => hostCase(entry.id, await entry.definition())));

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
export const completeProfile = (c: HostCase, extra: Record<string, unknown> = {}): PartialProfile => withDefaults(c.spec, { ...c.minimal, ...extra });

/** Where the brief of a profile goes, relative to the destination root. */
export const briefPathOf = (c: HostCase, profile: PartialProfile): string => plannedPath(c.definition.plan(profile as never), BRIEF);

/** Relative destinations of the host's file plan for a profile (registration edits and the brief excluded). */
export const plannedFiles = (c: HostCase, profile: PartialProfile): string[] =>
  c.definition
    .plan(profile as never)
    .filter((f) => f.id !== BRIEF)
    .map((f) => f.destination);
