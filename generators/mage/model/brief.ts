/** The Mage values of CONNECTOR_CONTEXT.md: the profile table and the commands that run the source and its test. */
import { nextStepsMarkdown, type NextStep } from '../../../core/next-steps.js';
import { codeBlock, codeSpan, markdownLiteral } from '../../../core/text.js';
import type { MageContext } from './context.js';
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

export function briefValues(ctx: MageContext) {
  const { driver, profile } = ctx;
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
  };
}
