/** The Mage source profile: its spec for the composer and the names derived from it. */
import { parseApiEndpoints } from '../../../core/profile/api-endpoints.js';
import type { PartialProfile, ProfileOf } from '../../../core/profile/field.js';
import {
  CONFIG_KEY,
  configKeysOf,
  duplicateConfigKeys,
  mageFields,
  mageRules,
  missingConfigKeys,
  missingKeysReason,
  type ConfigKey,
} from './fields.js';
import { longPathParameters } from './streams.js';
import { isPythonReserved, pascalCase, SNAKE_CASE } from '../../../core/profile/names.js';
import type { Problem, ProfileSpec } from '../../../core/profile/validate.js';

/** A complete Mage profile (defaults filled), its type read from the fields' schemas. */
export type MageProfile = ProfileOf<typeof mageFields>;

export interface MageNames {
  /** source uuid and folder name */
  uuid: string;
  /** the Source subclass, e.g. MyApi */
  className: string;
}

export const mageNames = (profile: Pick<MageProfile, 'name'>): MageNames => ({
  uuid: profile.name,
  className: pascalCase(profile.name),
});

/** `orders` -> `OrdersStream`: the class of a stream module. */
export const streamClassName = (streamId: string): string => `${pascalCase(streamId)}Stream`;

/** A config key as --config-keys takes it (key[:secret][=sample]); a sample the flag cannot carry, or a secret's, is left out. */
const asFlagValue = (k: ConfigKey): string =>
  `${k.key}${k.secret ? ':secret' : ''}${!k.secret && k.sample !== undefined && /^[^\s,'"\\`$]+$/.test(String(k.sample)) ? `=${k.sample}` : ''}`;

/** The --config-keys value that fixes a list lacking required keys: the valid keys given, each once, then the missing ones. */
const fixedFlagValue = (keys: readonly ConfigKey[], missing: readonly ConfigKey[]): string => {
  const valid = keys.filter((k, i) => new RegExp(CONFIG_KEY).test(k.key) && keys.findIndex((o) => o.key === k.key) === i);
  return [...valid, ...missing].map(asFlagValue).join(' ');
};

/** Class names flake8 refuses as easily misread (E742): `I` and `O` (a snake_case name cannot give `l`). */
const AMBIGUOUS_CLASS_NAMES = new Set(['I', 'O', 'l']);

/** The source class is the name in PascalCase: `none` would give `class None(Source):`, which does not parse. */
function classNameProblems(p: PartialProfile): Problem[] {
  if (typeof p.name !== 'string' || !new RegExp(SNAKE_CASE).test(p.name)) return [];
  const className = pascalCase(p.name);
  if (isPythonReserved(className)) {
    return [{ field: 'name', message: `gives the source class name ${className}, a Python keyword; choose another name (got "${p.name}")` }];
  }
  if (AMBIGUOUS_CLASS_NAMES.has(className)) {
    return [
      {
        field: 'name',
        message: `gives the source class name ${className}, which flake8 refuses as ambiguous (E742); choose a longer name (got "${p.name}")`,
      },
    ];
  }
  return [];
}

/** Checks JSON Schema cannot express: repeated keys, keys the generated code needs, clashing class names. */
export function mageExtraChecks(p: PartialProfile): Problem[] {
  const problems: Problem[] = [...classNameProblems(p)];
  const keys = configKeysOf(p);
  const duplicates = duplicateConfigKeys(keys);
  if (duplicates.length > 0) {
    problems.push({ field: 'configKeys', message: `${duplicates.join(', ')} appear more than once; give each key once` });
  }
  const secretSamples = keys.filter((k) => k.secret && k.sample !== undefined && k.sample !== '').map((k) => k.key);
  if (secretSamples.length > 0) {
    problems.push({
      field: 'configKeys',
      message: `secret keys take no sample value (it would be printed in README.md and the docs): ${secretSamples.join(', ')}`,
    });
  }
  const missing = Array.isArray(p.configKeys) ? missingConfigKeys(p) : [];
  if (missing.length > 0) {
    // only keys the user set can lack one: derived keys follow the connector type and auth types
    const them = missing.length === 1 ? 'it' : 'them';
    problems.push({
      field: 'configKeys',
      message:
        `must include ${missing.map((k) => k.key).join(', ')}: ${missingKeysReason(p, missing, true)}. ` +
        `Pass ${them} with the keys you set, e.g. --config-keys ${fixedFlagValue(keys, missing)} ` +
        `(they are kept in .yo-rc.json for re-runs; in a terminal the run offers to add ${them})`,
    });
  }
  const endpoints = Array.isArray(p.apiEndpoints) ? p.apiEndpoints.filter((e): e is string => typeof e === 'string') : [];
  // a call written wrong is a mistake whatever the connector type, as for OpenMetadata
  for (const message of [...parseApiEndpoints(endpoints).errors, ...longPathParameters(p)]) problems.push({ field: 'apiEndpoints', message });
  if (Array.isArray(p.streams)) {
    const ids = (p.streams as unknown[]).filter((s): s is string => typeof s === 'string');
    const byClass = new Map<string, string[]>();
    for (const id of new Set(ids)) byClass.set(streamClassName(id), [...(byClass.get(streamClassName(id)) ?? []), id]);
    const clashes = [...byClass.values()].filter((group) => group.length > 1);
    if (clashes.length > 0) {
      problems.push({
        field: 'streams',
        message: `stream ids ${clashes.map((g) => g.join(' and ')).join('; ')} would share one stream class name; rename one of them`,
      });
    }
  }
  return problems;
}

export const mageSpec: ProfileSpec = {
  host: 'mage',
  fields: mageFields,
  rules: mageRules,
  extraChecks: mageExtraChecks,
};
