/** The Mage values of CONNECTOR_CONTEXT.md: the profile table and the commands that run the source and its test. */
import { nextStepsMarkdown, type NextStep } from '../../../core/next-steps.js';
import { parseApiEndpoints } from '../../../core/profile/api-endpoints.js';
import type { MageProfile } from '../profile/spec.js';
import { streamCalls } from '../profile/streams.js';
import { codeBlock, codeSpan, markdownBullets, markdownLiteral } from '../../../core/text.js';
import { MAGE_FACTS } from '../facts/index.js';
import { FILES, mageFile, magePlan } from '../plan.js';
import { plannedFile } from '../../../core/file-plan.js';
import { mageContext, type MageContext } from './context.js';
import { mageNextSteps, mageSteps } from './next-steps.js';

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
    const parent = call.parent
      ? `, once per record of ${code(call.parent.streamId)}, ${code(`{${call.parent.placeholder}}`)} taking its ${code(call.parent.field)}`
      : '';
    const fromConfig = call.fromConfig.map(({ placeholder, key }) => `${code(`{${placeholder}}`)} from the config key ${code(key)}`);
    return `${entry}the ${code(call.streamId)} stream${parent}${fromConfig.length > 0 ? `, ${fromConfig.join(', ')}` : ''}`;
  });
  return ['How the streams read them (`URL_PATH`, `PATH_CONFIG`, `PARENT` in `streams/`):', '', ...lines].join('\n');
}

/** What the Mage brief renders beside what every brief does (core/brief.ts). */
export function briefValues(profile: MageProfile) {
  const ctx = mageContext(profile);
  const { driver } = ctx;
  const plan = magePlan(profile);
  // the commands the sections explain are the steps' own: one list, rendered in "Next steps" and at the end of a run
  const steps = mageSteps(profile);
  const block = (step: NextStep): string => codeBlock(step.command.join(' \\\n  '), 'sh');
  return {
    profileTable: profileTable(ctx),
    discoverCommand: block(steps.discover),
    testConnectionCommand: block(steps.testConnection),
    unitTestCommand: block(steps.unitTests),
    nextSteps: nextStepsMarkdown(mageNextSteps(profile)),
    driverModule: driver ?? '',
    streamCalls: streamCallLines(profile),
    apiEndpoints: markdownBullets(profile.apiEndpoints),
    // the files the sections name, as the plan places them
    sourceFile: mageFile(profile, FILES.source),
    connectionFile: plannedFile(plan, FILES.connection)?.destination ?? '',
    unitTestFile: mageFile(profile, FILES.unitTest),
    requirementsFile: MAGE_FACTS.paths.requirements,
    flake8MaxLineLength: String(MAGE_FACTS.flake8MaxLineLength),
  };
}
