/** The OpenMetadata file plan: which templates a profile needs, and where each lands. */
import { destinationOf, type PlannedFile } from '../../core/file-plan.js';
import { testModuleName } from '../../core/profile/names.js';
import { openMetadataNames, type OpenMetadataProfile } from '../../core/profile/openmetadata.js';
import { checksApiFor, releaseFacts } from './facts/index.js';
import { featuresOf } from './model/features.js';

const SPEC_CONNECTIONS = 'openmetadata-spec/src/main/resources/json/schema/entity/services/connections';
const TEST_CONNECTIONS = 'openmetadata-service/src/main/resources/json/data/testConnections';
const SOURCE = 'ingestion/src/metadata/ingestion/source/[serviceType]/[package]';
const WORKFLOW = 'ingestion/src/metadata/examples/workflows/[package].yaml.ejs';
const UNIT_TEST = 'ingestion/tests/unit/topology/[serviceType]/[testModule].py.ejs';

export function placeholders(profile: OpenMetadataProfile): Record<string, string> {
  const names = openMetadataNames(profile);
  return {
    serviceType: profile.serviceType,
    stem: names.stem,
    package: names.packageName,
    testName: names.testName,
    testModule: testModuleName(names.testName),
  };
}

export const sourceFolder = (profile: OpenMetadataProfile): string => destinationOf(SOURCE, placeholders(profile));

export function openMetadataPlan(profile: OpenMetadataProfile): PlannedFile[] {
  const features = featuresOf(profile);
  const sqlalchemy = features.sqlalchemy;
  const variant = sqlalchemy ? 'sqlalchemy' : 'client';
  // 2.0: where the release's reference connector tests its connection through the checks API, so does ours
  const checksApi = checksApiFor(releaseFacts(profile.openmetadataVersion), profile.serviceType, sqlalchemy) !== undefined;
  const connectionVariant = checksApi ? `${variant}_checks` : variant;
  const integration = profile.dockerImage ? 'docker' : 'env';
  const entries: Array<[template: string, purpose: string, wanted?: boolean]> = [
    [`${SPEC_CONNECTIONS}/[serviceType]/[stem]Connection.json.ejs`, 'Connection JSON Schema: the fields users fill in'],
    [`${TEST_CONNECTIONS}/[serviceType]/[stem].json.ejs`, 'Test-connection steps shown in the UI'],
    [`${SOURCE}/__init__.py.ejs`, 'Python package marker'],
    [`${SOURCE}/connection.py.${connectionVariant}.ejs`, checksApi ? 'Builds the client and the checks its test connection runs' : 'Builds the client and runs the test-connection steps'],
    [`${SOURCE}/client.py.ejs`, 'Client for the source system: the calls the connector makes', !sqlalchemy],
    [`${SOURCE}/queries.py.ejs`, 'SQL the connector runs', sqlalchemy],
    [`${SOURCE}/metadata.py.${variant}.ejs`, 'The metadata source: what gets ingested'],
    // Query-log lineage and usage read the log through SQLAlchemy: databases of that kind only.
    [`${SOURCE}/query_parser.py.ejs`, 'Reads the query log for lineage and usage', features.queryLog],
    [`${SOURCE}/lineage.py.ejs`, 'Lineage from the query log', features.lineage],
    [`${SOURCE}/usage.py.ejs`, 'Usage from the query log', features.usage],
    [`${SOURCE}/service_spec.py.${variant}.ejs`, 'Tells OpenMetadata which classes implement the connector'],
    [WORKFLOW, 'Example metadata workflow: run it with metadata ingest -c <file>'],
    [UNIT_TEST, 'Unit tests: the source loads from a workflow config'],
    [`ingestion/tests/integration/connections/[testModule]_connection.py.${integration}.ejs`, 'Integration test of the test-connection steps'],
    [`ingestion/tests/integration/[testName]/conftest.py.${integration}.ejs`, profile.dockerImage ? 'Integration fixtures: the source in a testcontainers container' : 'Integration fixtures: a running source given by environment variables'],
    ['ingestion/tests/integration/[testName]/test_metadata.py.ejs', 'Integration test: metadata ingestion end to end'],
  ];
  const values = placeholders(profile);
  return entries
    .filter(([, , wanted]) => wanted !== false)
    .map(([template, purpose]) => ({ template, destination: destinationOf(template, values), purpose }));
}

/** The example workflow, from the checkout root (the brief's command runs it). */
export const workflowFile = (profile: OpenMetadataProfile): string => destinationOf(WORKFLOW, placeholders(profile));

/** The unit test, from the checkout root (the brief and the run's next steps run it). */
export const unitTestFile = (profile: OpenMetadataProfile): string => destinationOf(UNIT_TEST, placeholders(profile));

export const briefDestination = (profile: OpenMetadataProfile): string => `${sourceFolder(profile)}/CONNECTOR_CONTEXT.md`;
