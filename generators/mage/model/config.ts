/**
 * The config keys, in every file that lists them: templates/config.json,
 * the README and docs-page table, the unit tests' config, the config of a
 * local run (the brief's commands), and the key a file source reads its path from.
 */
import type { ConfigKey } from '../profile/fields.js';
import type { MageProfile } from '../profile/spec.js';
import { markdownInline, pythonString } from '../../../core/text.js';
import { MAGE_FACTS } from '../facts/index.js';

export interface ConfigRow {
  key: string;
  /** Markdown table row: | `key` | description | sample | */
  tableRow: string;
  /** a Python dict entry for the generated tests: 'key': value, */
  pyTestEntry: string;
}

const describeKey = (key: ConfigKey): string => {
  if (key.description) return key.description;
  const words = key.key.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const hasSample = (key: ConfigKey): boolean => key.sample !== undefined && key.sample !== '';

/** templates/config.json: a flat object, "" for text and secrets, numbers for numeric samples. */
export function configTemplate(keys: readonly ConfigKey[]): Record<string, string | number> {
  return Object.fromEntries(keys.map((k) => [k.key, typeof k.sample === 'number' && !k.secret ? k.sample : '']));
}

/** What the generated unit tests put in the config: numbers stay numbers, text becomes a recognisable dummy. */
const testValue = (key: ConfigKey): string => (typeof key.sample === 'number' ? String(key.sample) : pythonString(`test-${key.key}`));

/** Columns of a CONFIG entry line in the generated tests: four of indent, within flake8's line length. */
const TEST_ENTRY_WIDTH = MAGE_FACTS.flake8MaxLineLength - 4;

/** `"key": value,`; with a long key the value goes in parentheses on its own line, as black splits it. */
function testEntry(key: ConfigKey): string {
  const oneLine = `${pythonString(key.key)}: ${testValue(key)},`;
  if (oneLine.length <= TEST_ENTRY_WIDTH) return oneLine;
  return `${pythonString(key.key)}: (\n        ${testValue(key)}\n    ),`;
}

export function configRows(keys: readonly ConfigKey[]): ConfigRow[] {
  return keys.map((k) => ({
    key: k.key,
    tableRow: `| \`${k.key}\` | ${markdownInline(describeKey(k))}${k.secret ? ' (secret)' : ''} | ${hasSample(k) ? markdownInline(String(k.sample)) : ''} |`,
    pyTestEntry: testEntry(k),
  }));
}

/** The config a local discover run starts from: samples where given, "" elsewhere. */
export function localConfig(keys: readonly ConfigKey[]): Record<string, string | number> {
  return Object.fromEntries(keys.map((k) => [k.key, k.secret ? '' : (k.sample ?? '')]));
}

/** The config key naming the file (or URL) a file source reads, which test_connection checks. */
export const filePathKey = (profile: Pick<MageProfile, 'connectorType' | 'configKeys'>): string | undefined =>
  profile.connectorType === 'file' ? MAGE_FACTS.pathKeys.find((key) => profile.configKeys.some((k) => k.key === key)) : undefined;

/** The config values of every template that reads them. */
export function configValues(profile: MageProfile) {
  const keys = profile.configKeys;
  const rows = configRows(keys);
  const pathKey = filePathKey(profile);
  return {
    /** templates/config.json */
    configJson: JSON.stringify(configTemplate(keys), null, 2),
    configTable: rows.map((r) => r.tableRow).join('\n'),
    configRows: rows,
    /** Python list entries of every config key, for a required-keys check */
    configKeyLiterals: keys.map((k) => pythonString(k.key)),
    file: { pathKey, pathKeyLiteral: pythonString(pathKey ?? '') },
  };
}
