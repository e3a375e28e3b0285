/** The Mage values of CONNECTOR_CONTEXT.md: the profile table and the commands that run the source and its test. */
import { parseApiEndpoints } from '../../../core/profile/api-endpoints.js';
import type { MageProfile } from '../../../core/profile/mage.js';
import { streamCalls } from '../../../core/profile/mage-streams.js';
import { testModuleName } from '../../../core/profile/names.js';
import { codeBlock, codeSpan, markdownInline, shellQuote } from '../../../core/text.js';
import { MAGE_FACTS } from '../facts/index.js';
import { localConfig } from './config.js';
import type { MageContext } from './context.js';

const listOrNone = (items: readonly string[]): string => (items.length > 0 ? items.join(', ') : '_none_');

/** The brief's profile table: identifiers in code spans, free text through markdownInline. */
function profileTable({ profile, className }: MageContext): string {
  const code = codeSpan;
  const rows: Array<[string, string]> = [
    ['Source uuid and folder', code(profile.name)],
    ['Source class', code(className)],
    ['Display name', markdownInline(profile.displayName)],
    ['Connector type', code(profile.connectorType)],
  ];
  if (profile.connectorType !== 'sql') rows.push(['Streams', listOrNone(profile.streams.map(code))]);
  if (profile.connectorType === 'api') {
    rows.push(['Auth types', listOrNone(profile.authTypes.map(code))]);
    rows.push(['Base URL', profile.baseUrl ? markdownInline(profile.baseUrl) : '_none_']);
  }
  if (profile.connectorType === 'sql') {
    rows.push(['Default port', profile.defaultPort !== undefined ? code(String(profile.defaultPort)) : '_none_']);
  }
  rows.push(['Config keys', listOrNone(profile.configKeys.map((k) => code(k.key) + (k.secret ? ' (secret)' : '')))]);
  rows.push(['New pip packages', listOrNone(profile.pipPackages.map(code))]);
  return ['| Field | Value |', '| --- | --- |', ...rows.map(([field, value]) => `| ${field} | ${value} |`)].join('\n');
}

/** For an API source given calls: which stream reads each, and where its path parameters come from. */
function streamCallLines(profile: MageProfile): string {
  if (profile.connectorType !== 'api') return '';
  const { endpoints } = parseApiEndpoints(profile.apiEndpoints);
  if (endpoints.length === 0) return '';
  // by client name, unique per call
  const readers = new Map([...streamCalls(profile).values()].map((call) => [call.endpoint.methodName, call]));
  const code = codeSpan;
  const lines = endpoints.map((endpoint) => {
    const call = readers.get(endpoint.methodName);
    const entry = `- ${code(`${endpoint.method} ${endpoint.path}`)}: `;
    if (!call) return `${entry}no stream reads it (a stream reads the GET call named after it, or whose path ends in its id)`;
    const parent = call.parent ? `, once per record of ${code(call.parent.streamId)}, ${code(`{${call.parent.placeholder}}`)} taking its ${code(call.parent.field)}` : '';
    const fromConfig = call.fromConfig.map(({ placeholder, key }) => `${code(`{${placeholder}}`)} from the config key ${code(key)}`);
    return `${entry}the ${code(call.streamId)} stream${parent}${fromConfig.length > 0 ? `, ${fromConfig.join(', ')}` : ''}`;
  });
  return ['How the streams read them (`URL_PATH`, `PATH_CONFIG`, `PARENT` in `streams/`):', '', ...lines].join('\n');
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
    streamCalls: streamCallLines(profile),
  };
}
