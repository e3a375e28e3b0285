/**
 * The OpenMetadata file plan: which templates a profile needs, and where each lands. The folders come
 * from the release's facts (paths); templates/ mirrors them, so a template path is its destination
 * with placeholders. Everything else that names a generated file looks it up here by id.
 */
import { BRIEF, destinationOf, planOf, plannedPath, type PlanEntry, type PlannedFile } from '../../core/file-plan.js';
import { testModuleName } from '../../core/profile/names.js';
import { openMetadataNames, type OpenMetadataProfile } from './profile/spec.js';
import { checksApiFor, releaseFacts } from './facts/index.js';
import { featuresOf } from './model/features.js';
import { converterClassValues, type ConverterClassValues } from './model/converter-class.js';
import { connectionTyping, needsConverterClass } from './java/server-typing.js';
import { readCheckoutFile } from '../../core/host-checkout.js';

/** Ids of the files other modules name (the brief, the next steps, the example workflow). */
export const FILES = {
  connectionSchema: 'connectionSchema',
  testConnection: 'testConnection',
  workflow: 'workflow',
  unitTest: 'unitTest',
  connectionTest: 'connectionTest',
  integrationFixtures: 'integrationFixtures',
  connectionGuide: 'connectionGuide',
  converterClass: 'converterClass',
  brief: BRIEF,
} as const;

export function placeholders(profile: OpenMetadataProfile): Record<string, string> {
  const names = openMetadataNames(profile);
  return {
    serviceType: profile.serviceType,
    stem: names.stem,
    package: names.packageName,
    testName: names.testName,
    testModule: testModuleName(names.testName),
    typeValue: names.typeValue,
    docsFolder: releaseFacts(profile.openmetadataVersion).serviceTypes[profile.serviceType].ui.docsFolder,
  };
}

/** The plan; in a checkout (`checkoutRoot`) it holds the files that depend on it too (a generated converter class). */
export function openMetadataPlan(profile: OpenMetadataProfile, checkoutRoot?: string): PlannedFile[] {
  return planOf(planEntries(profile, checkoutRoot), placeholders(profile));
}

/**
 * The values of the connection's generated converter class, when the checkout needs one: the
 * connection has oneOf fields and the checkout's ClassConverterFactory has only the plain
 * converterMap, or a field has an empty option (server-typing.ts, needsConverterClass); a factory
 * with NESTED_CONFIG_CONVERTERS gets an entry instead, and one of an unknown shape nothing
 * (converter-registration.ts edits the factory and reports why).
 * Read from the checkout at run time, as the registration edits are; the shape does not change
 * when the generator registers the connector, so a second run plans the same file.
 */
function converterClass(profile: OpenMetadataProfile, checkoutRoot: string | undefined, schemaFile: string): ConverterClassValues | undefined {
  if (!checkoutRoot) return undefined;
  const release = releaseFacts(profile.openmetadataVersion);
  const factory = readCheckoutFile(checkoutRoot, release.paths.converterFactory);
  if (typeof factory !== 'string') return undefined;
  const { connection, fields } = connectionTyping(profile, checkoutRoot, schemaFile);
  if (typeof fields === 'string' || !needsConverterClass(factory, fields)) return undefined;
  const packageName = release.paths.serviceConverters.replace(/^.*?\/src\/main\/java\//, '').replace(/\//g, '.');
  return converterClassValues(packageName, release.serverJava.jsonUtils, connection, fields);
}

function planEntries(profile: OpenMetadataProfile, checkoutRoot: string | undefined): PlanEntry[] {
  const release = releaseFacts(profile.openmetadataVersion);
  const { paths } = release;
  const source = `${paths.ingestionSource}/[serviceType]/[package]`;
  const integration = paths.integrationTests;
  const features = featuresOf(profile);
  const sqlalchemy = features.sqlalchemy;
  const variant = sqlalchemy ? 'sqlalchemy' : 'client';
  // 2.0: where the release's reference connector tests its connection through the checks API, so does ours
  const checksApi = checksApiFor(release, profile.serviceType, sqlalchemy) !== undefined;
  const connectionVariant = checksApi ? `${variant}_checks` : variant;
  const fixtures = profile.dockerImage ? 'docker' : 'env';
  const schemaTemplate = `${paths.specServices}/connections/[serviceType]/[stem]Connection.json.ejs`;
  const converter = converterClass(profile, checkoutRoot, destinationOf(schemaTemplate, placeholders(profile)));
  return [
    {
      id: FILES.connectionSchema,
      template: schemaTemplate,
      purpose: 'Connection JSON Schema: the fields users fill in',
    },
    {
      id: FILES.testConnection,
      template: `${paths.testConnections}/[serviceType]/[stem].json.ejs`,
      purpose: 'Test-connection steps shown in the UI',
    },
    { id: 'packageMarker', template: `${source}/__init__.py.ejs`, purpose: 'Python package marker' },
    {
      id: 'connection',
      template: `${source}/connection.py.${connectionVariant}.ejs`,
      purpose: checksApi ? 'Builds the client and the checks its test connection runs' : 'Builds the client and runs the test-connection steps',
    },
    {
      id: 'client',
      template: `${source}/client.py.ejs`,
      purpose: 'Client for the source system: the calls the connector makes',
      wanted: !sqlalchemy,
    },
    { id: 'queries', template: `${source}/queries.py.ejs`, purpose: 'SQL the connector runs', wanted: sqlalchemy },
    { id: 'metadata', template: `${source}/metadata.py.${variant}.ejs`, purpose: 'The metadata source: what gets ingested' },
    // Query-log lineage and usage read the log through SQLAlchemy: databases of that kind only.
    { id: 'queryParser', template: `${source}/query_parser.py.ejs`, purpose: 'Reads the query log for lineage and usage', wanted: features.queryLog },
    { id: 'lineage', template: `${source}/lineage.py.ejs`, purpose: 'Lineage from the query log', wanted: features.lineage },
    { id: 'usage', template: `${source}/usage.py.ejs`, purpose: 'Usage from the query log', wanted: features.usage },
    { id: 'serviceSpec', template: `${source}/service_spec.py.${variant}.ejs`, purpose: 'Tells OpenMetadata which classes implement the connector' },
    {
      id: FILES.workflow,
      template: `${paths.exampleWorkflows}/[package].yaml.ejs`,
      purpose: 'Example metadata workflow: run it with metadata ingest -c <file>',
    },
    {
      id: FILES.unitTest,
      template: `${paths.unitTopologyTests}/[serviceType]/[testModule].py.ejs`,
      purpose: 'Unit tests: the source loads from a workflow config',
    },
    {
      id: FILES.connectionTest,
      template: `${integration}/connections/[testModule]_connection.py.${fixtures}.ejs`,
      purpose: 'Integration test of the test-connection steps',
    },
    {
      id: FILES.integrationFixtures,
      template: `${integration}/[testName]/conftest.py.${fixtures}.ejs`,
      purpose: profile.dockerImage
        ? 'Integration fixtures: the source in a testcontainers container'
        : 'Integration fixtures: a running source given by environment variables',
    },
    { id: 'integrationTest', template: `${integration}/[testName]/test_metadata.py.ejs`, purpose: 'Integration test: metadata ingestion end to end' },
    {
      id: FILES.connectionGuide,
      template: `${paths.uiPublic}/locales/en-US/[docsFolder]/[typeValue].md.ejs`,
      purpose: 'Connection guide the UI shows beside the connection form: one section per field',
    },
    {
      id: FILES.converterClass,
      template: `${paths.serviceConverters}/[converterName].java.ejs`,
      purpose:
        "Server-side converter: types the connection's oneOf fields so their secrets are masked and stored (registered in ClassConverterFactory)",
      wanted: converter !== undefined,
      values: { converterName: converter?.name ?? '' },
      data: { converter },
    },
    // last: its file index lists every file above, and it is rendered with what this run registers
    { id: FILES.brief, template: `${source}/CONNECTOR_CONTEXT.md.ejs`, purpose: 'This brief' },
  ];
}

/** The destination of one of the profile's planned files, from the checkout root. */
export const openMetadataFile = (profile: OpenMetadataProfile, id: string, checkoutRoot?: string): string =>
  plannedPath(openMetadataPlan(profile, checkoutRoot), id);
