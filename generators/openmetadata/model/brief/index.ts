/**
 * Values of CONNECTOR_CONTEXT.md, by section of the brief. Free text from
 * the profile goes through core/text.ts (markdownLiteral); names and paths
 * the generator made are printed as inline code.
 */
import type { OmAuthType } from '../../profile/fields.js';
import type { OpenMetadataProfile } from '../../profile/spec.js';
import { codeSpan, markdownLiteral } from '../../../../core/text.js';
import { BODY_METHODS } from '../../../../core/profile/api-endpoints.js';
import { referencePaths } from '../../facts/index.js';
import { schemeOf } from '../features.js';
import { pythonData } from '../python-files/index.js';
import { abstractMethodLines, briefContext, code, methodSignature, type BriefContext } from './context.js';
import { fileTodos } from './file-todos.js';
import { nextStepsMarkdown, commandLine } from '../../../../core/next-steps.js';
import { openMetadataNextSteps, openMetadataSteps } from '../next-steps.js';

const AUTH_NOTES: Record<OmAuthType, string> = {
  basic: 'basic: username and password',
  iam: 'iam: AWS credentials (IAM); outside databases and beside other auth types, `awsConfig` is a choice whose empty option (No AWS Credentials) holds none',
  azure: 'azure: Azure AD credentials',
  jwt: 'jwt: a JSON Web Token',
  token: 'token: an API token (property `token`, masked)',
  oauth: 'oauth: client credentials (`clientId`, `clientSecret`, `tokenUrl`)',
};

/** What the OpenMetadata brief renders beside what every brief does (core/brief.ts). */
export function briefValues(profile: OpenMetadataProfile) {
  const b = briefContext(profile, pythonData(profile));
  const { names, base, paths, release } = b;
  // the commands the sections explain are the steps' own: one list, rendered in "Next steps" and at the end of a run
  const steps = openMetadataSteps(profile);
  return {
    releaseLabel: release.label,
    formatterSummary: release.pythonFormatting.summary,
    profileTable: profileTable(b),
    description: profile.description ? markdownLiteral(profile.description) : '_none_',
    apiEndpoints: apiEndpointLines(b),
    // code as the user wrote it, whatever backticks it holds; on one line, as a list item's line must be
    sdkPackage: profile.sdkPackage.trim() ? codeSpan(profile.sdkPackage.replace(/[\r\n\t]+/g, ' ').trim()) : '_none_',
    authNotes: profile.authTypes.map((a) => `- ${AUTH_NOTES[a]}`).join('\n'),
    references: referenceConnectors(b),
    baseClass: code(base.name),
    baseModule: code(base.module),
    baseFile: code(base.file),
    abstractMethods: abstractMethods(b),
    optionalOverrides: optionalOverrides(b),
    capabilityNotes: capabilityNotes(b),
    fileTodos: fileTodos(b),
    steps: b.steps.map((s) => `- ${code(s.name)}${s.mandatory ? ' (mandatory)' : ''}${s.method ? `: ${code(`client.${s.method}`)}` : ''}`).join('\n'),
    unsupported: unsupportedNote(b),
    workflowSourceNote: workflowSourceNote(b),
    schemaFile: code(paths.schemaFile),
    testConnectionFile: code(paths.testConnectionFile),
    folder: code(paths.folder),
    sourceType: code(names.packageName),
    unitTest: code(paths.unitTest),
    // command lines for code blocks (not code spans); a subshell where one changes folder, so the shell stays at the root
    modelsRun: commandLine(steps.models),
    formatRun: commandLine(steps.format),
    unitTestRun: commandLine(steps.unitTests),
    integrationFolder: code(paths.integrationFolder),
    connectionTest: code(paths.connectionTest),
    nextSteps: nextStepsMarkdown(openMetadataNextSteps(profile)),
  };
}

/** "Connector profile": one row per input and derived name. */
function profileTable({ profile, names, features, modules, base }: BriefContext): string {
  const rows: Array<[string, string]> = [
    ['Connector name', code(profile.name)],
    ['Display name', markdownLiteral(profile.displayName, 'tableCell')],
    ['Description', profile.description ? markdownLiteral(profile.description, 'tableCell') : '_none_'],
    ['Service type', code(profile.serviceType)],
    ['Service type value (enum, `type` const)', code(names.typeValue)],
    ['Workflow source `type`', code(names.packageName)],
    ['Python package', code(modules.package)],
    ['Schema / test-connection file stem', code(names.stem)],
    ['Connection type', code(profile.connectionType)],
    ...(features.sqlalchemy ? ([['SQLAlchemy scheme', code(schemeOf(profile))]] as Array<[string, string]>) : []),
    ['Default port', profile.defaultPort ? code(String(profile.defaultPort)) : '_none_'],
    ['Auth types', profile.authTypes.map(code).join(', ')],
    ['Capabilities', profile.capabilities.map(code).join(', ')],
    ['Base class', code(base.name)],
    [
      'Docker image for integration tests',
      profile.dockerImage ? `${code(profile.dockerImage)} (port ${code(String(profile.dockerPort))})` : '_none_',
    ],
  ];
  return rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n');
}

/** "Reference connectors to read": the upstream connector of the same kind (and Salesforce for client-based databases). */
function referenceConnectors({ profile, features, release }: BriefContext): string {
  const type = release.serviceTypes[profile.serviceType];
  const client = features.sqlalchemy ? undefined : type.clientReferenceConnector;
  const references = [type.referenceConnector, ...(client ? [client] : [])].map((r) => referencePaths(release, profile.serviceType, r));
  return references.map((r) => [`- ${r.label}: ${code(r.folder)}`, ...r.files.map((f) => `  - ${code(f)}`)].join('\n')).join('\n');
}

/** "Key endpoints or calls": the client method each call became (and the stub it serves), or why it got none. */
function apiEndpointLines({ endpoints }: BriefContext): string {
  const made = endpoints.methods.map((e) => {
    const served = endpoints.served.filter((s) => s.endpoint === e).map((s) => code(s.stub.name));
    const args = [...e.params.map((p) => p.name), ...(BODY_METHODS.includes(e.method) ? ['body'] : [])].join(', ');
    return `- ${code(`${e.method} ${e.path}`)}: ${code(`client.${e.methodName}(${args})`)}${served.length > 0 ? `, returned by ${served.join(', ')}` : ''}`;
  });
  const left = endpoints.left.map((l) => `- ${markdownLiteral(l.text, 'lineStart')}: no client method, ${l.reason}`);
  const lines = [...made, ...left];
  return lines.length > 0 ? lines.join('\n') : '_none_';
}

/** "Base class": the abstract methods to implement, or why there are none. */
function abstractMethods({ base }: BriefContext): string {
  const lines = abstractMethodLines(base);
  if (lines.length === 0) return `_none: ${code(base.name)} implements every abstract method of DatabaseServiceSource through SQLAlchemy_`;
  return lines.map((l) => `- ${l}`).join('\n');
}

/** "Base class": the methods with a default a source of this type overrides for more (the upstream scaffold's optional overrides). */
function optionalOverrides({ base, serviceCapabilities }: BriefContext): string {
  const stubbed = new Map(serviceCapabilities.uses.flatMap((u) => u.methods.map((m) => [m, u.capability] as const)));
  return (base.optionalMethods ?? [])
    .map((m) => {
      const capability = stubbed.get(m.name);
      const where = capability ? ` (metadata.py has a stub: ${code(capability)} asked for it)` : '';
      return `- ${code(methodSignature(m))}${where}: ${m.todo}`;
    })
    .join('\n');
}

/** "Connector profile": what each capability beyond metadata means for a non-database source, and those its type does not have. */
function capabilityNotes({ profile, base, serviceCapabilities }: BriefContext): string {
  const { uses, unserved } = serviceCapabilities;
  const abstract = new Set(base.abstractMethods.map((m) => m.name));
  const lines = uses.map(({ capability, methods, how }) => {
    const implemented = methods.map((m) => `${code(m)} (${abstract.has(m) ? 'an abstract method' : 'an override'}, stubbed in metadata.py)`);
    return `- ${code(capability)}: ${implemented.length > 0 ? `${implemented.join(', ')}; ` : ''}${how}.`;
  });
  if (unserved.length > 0) {
    lines.push(
      `- Not generated for a ${code(profile.serviceType)} service: ${unserved.map(code).join(', ')}; ${code(base.name)} has nothing for ${unserved.length === 1 ? 'it' : 'them'} in this release.`,
    );
  }
  return lines.length > 0 ? `What the capabilities mean for a ${code(profile.serviceType)} service:\n\n${lines.join('\n')}` : '';
}

/** Capabilities asked for that a non-SQLAlchemy database does not get. */
function unsupportedNote({ profile, features }: BriefContext): string {
  if (features.unsupported.length === 0) return '';
  return `Not generated for a ${code(profile.connectionType)} database: ${features.unsupported.map(code).join(', ')}. OpenMetadata runs query-log lineage and usage, the profiler and data diff through SQLAlchemy; implement them by hand (e.g. lineage in metadata.py) or switch the connection type.`;
}

/** Where metadata.py imports WorkflowSource from, when that is not the base class's module. */
function workflowSourceNote({ base, py }: BriefContext): string {
  if (!py.metadata.workflowSourceNote) return '';
  return `${code('WorkflowSource')} is ${code('metadata.generated.schema.metadataIngestion.workflow.Source')}; metadata.py imports it from ${code(base.workflowSourceModule)}, which re-exports it. Import it from its home module if you prefer.`;
}
