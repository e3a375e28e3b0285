/** The Mage source profile: its spec for the composer and the names derived from it. */
import type { PartialProfile } from './field.js';
import {
  duplicateConfigKeys,
  mageFields,
  mageRules,
  requiredConfigKeys,
  type ConfigKey,
  type MageAuthType,
  type MageConnectorType,
} from './fields-mage.js';
import { isPythonReserved, pascalCase, SNAKE_CASE } from './names.js';
import type { Problem, ProfileSpec } from './validate.js';

export interface MageProfile {
  name: string;
  displayName: string;
  connectorType: MageConnectorType;
  streams: string[];
  authTypes: MageAuthType[];
  baseUrl: string;
  defaultPort?: number;
  configKeys: ConfigKey[];
  pipPackages: string[];
  docsUrl: string;
  apiEndpoints: string[];
  docsNotes: string;
}

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

const configKeysOf = (p: PartialProfile): ConfigKey[] =>
  Array.isArray(p.configKeys) ? (p.configKeys as unknown[]).filter((k): k is ConfigKey => typeof k === 'object' && k !== null) : [];

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
  if (Array.isArray(p.configKeys)) {
    const present = new Set(keys.map((k) => k.key));
    const missing = requiredConfigKeys(p).filter((k) => !present.has(k));
    if (missing.length > 0) {
      const why = p.connectorType === 'sql' ? 'the generated SQL connection reads them' : 'the generated client reads them for the chosen --auth-types';
      problems.push({
        field: 'configKeys',
        message: `must include ${missing.join(', ')}: ${why} (pass --config-keys with every key; a re-run keeps the keys stored in .yo-rc.json)`,
      });
    }
  }
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
