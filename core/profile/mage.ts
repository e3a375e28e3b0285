/** The Mage source profile: its spec for the composer and the names derived from it. */
import { duplicateConfigKeys, mageFields, mageRules, type ConfigKey, type MageAuthType, type MageConnectorType } from './fields-mage.js';
import { pascalCase } from './names.js';
import type { ProfileSpec } from './validate.js';

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

export const mageSpec: ProfileSpec = {
  host: 'mage',
  fields: mageFields,
  rules: mageRules,
  extraChecks: (p) => {
    const duplicates = Array.isArray(p.configKeys) ? duplicateConfigKeys(p.configKeys as ConfigKey[]) : [];
    return duplicates.length > 0
      ? [{ field: 'configKeys', message: `${duplicates.join(', ')} appear more than once; give each key once` }]
      : [];
  },
};
