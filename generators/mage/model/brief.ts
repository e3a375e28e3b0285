/** The Mage values of CONNECTOR_CONTEXT.md: the profile table and the commands that run the source and its test. */
import { testModuleName } from '../../../core/profile/names.js';
import { codeBlock, codeSpan, markdownLiteral, shellQuote } from '../../../core/text.js';
import { MAGE_FACTS } from '../facts/index.js';
import { localConfig } from './config.js';
import type { MageContext } from './context.js';

const listOrNone = (items: readonly string[]): string => (items.length > 0 ? items.join(', ') : '_none_');

/** The brief's profile table: identifiers in code spans, free text through markdownLiteral. */
function profileTable({ profile, className }: MageContext): string {
  const code = codeSpan;
  const rows: Array<[string, string]> = [
    ['Source uuid and folder', code(profile.name)],
    ['Source class', code(className)],
    ['Display name', markdownLiteral(profile.displayName, 'tableCell')],
    ['Connector type', code(profile.connectorType)],
  ];
  if (profile.connectorType !== 'sql') rows.push(['Streams', listOrNone(profile.streams.map(code))]);
  if (profile.connectorType === 'api') {
    rows.push(['Auth types', listOrNone(profile.authTypes.map(code))]);
    rows.push(['Base URL', profile.baseUrl ? markdownLiteral(profile.baseUrl, 'tableCell') : '_none_']);
  }
  if (profile.connectorType === 'sql') {
    rows.push(['Default port', profile.defaultPort !== undefined ? code(String(profile.defaultPort)) : '_none_']);
  }
  rows.push(['Config keys', listOrNone(profile.configKeys.map((k) => code(k.key) + (k.secret ? ' (secret)' : '')))]);
  rows.push(['New pip packages', listOrNone(profile.pipPackages.map(code))]);
  return ['| Field | Value |', '| --- | --- |', ...rows.map(([field, value]) => `| ${field} | ${value} |`)].join('\n');
}

export function briefValues(ctx: MageContext) {
  const { uuid, driver, profile } = ctx;
  const scriptPath = `${MAGE_FACTS.paths.sources}/${uuid}/__init__.py`;
  const configJsonLine = JSON.stringify(localConfig(profile.configKeys));
  const command = (flag: string): string => `python3 ${scriptPath} \\\n  --config_json ${shellQuote(configJsonLine)} \\\n  ${flag}`;
  return {
    profileTable: profileTable(ctx),
    discoverCommand: codeBlock(command('--discover'), 'sh'),
    testConnectionCommand: codeBlock(command('--test_connection'), 'sh'),
    // a subshell: the block leaves the shell at the root, where the other blocks start
    unitTestCommand: codeBlock(`(cd mage_integrations && python3 -m unittest mage_integrations.tests.sources.${uuid}.${testModuleName(uuid)})`, 'sh'),
    driverModule: driver ?? '',
  };
}
