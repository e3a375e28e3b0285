/**
 * The OpenMetadata generator as a specification: a matrix of profiles (every
 * service type, every connection type of a database, every capability, every
 * auth type, with and without a Docker image), each generated once, then
 * checked against the real OpenMetadata files in the shared fixtures: JSON
 * Schemas compile and their $refs resolve, test-connection files validate,
 * Python compiles, is formatter-clean, imports only what exists, implements
 * every abstract method of its base, and wires the test-connection steps.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import type { OpenMetadataProfile } from '../../generators/openmetadata/profile/spec.js';
import { testModuleName } from '../../core/profile/names.js';
import { openMetadataNames } from '../../generators/openmetadata/profile/spec.js';
import { OPENMETADATA_RELEASES } from '../../generators/openmetadata/profile/fields.js';
import { FILES, openMetadataFile, openMetadataPlan } from '../../generators/openmetadata/plan.js';
import { markdownLiteral } from '../../core/text.js';
import { clientStepFacts, releaseFacts } from '../../generators/openmetadata/facts/index.js';
import { pythonData } from '../../generators/openmetadata/model/python-files/index.js';
import { SCHEMA_DIR } from '../support/checkouts.js';
import { listFiles } from '../support/files.js';
import { fixturePath, requireFixtures, skipWithReason } from '../support/fixtures.js';
import { runGenerator, tempDir } from '../support/generate.js';
import { OPENMETADATA_FIRST_PARTY, storedProfileIn } from '../support/hosts.js';
import {
  compileErrors,
  formatterChanges,
  missingPythonTools,
  pyflakesErrors,
  pythonClasses,
  pythonFunctions,
  pythonImports,
  type PyClass,
  type PyFunction,
  type PyImport,
} from '../support/python.js';
import {
  compiled,
  fixtureSchemaRoot,
  importProblem,
  loadManifest,
  loadSchemaTree,
  methodNames,
  minimalValue,
  newAjv,
  pyFacts,
  returnsIterable,
  runtimeProblems,
  TEST_CONNECTION_DEFINITION,
  type ClientCall,
  type Manifest,
  type PyFacts,
  type RuntimeCase,
  type StepCall,
} from './support.js';
import { ALL_AUTH, ALL_CAPABILITIES, CASES, HOSTILE, NON_DATABASE, type Case } from './matrix.js';

const briefOf = (profile: OpenMetadataProfile): string => openMetadataFile(profile, FILES.brief);

/** What --api-endpoints gives a case: each metadata stub an endpoint serves, and the client method whose answer it returns. */
const SERVED: Record<string, Record<string, string>> = {
  'dashboard-rest': { get_dashboards_list: 'get_dashboards' },
  'pipeline-rest': { get_pipelines_list: 'get_pipelines' },
  'mlmodel-rest': { get_mlmodels: 'get_models' },
  'storage-rest': { get_containers: 'get_buckets' },
  'search-rest': { get_search_index_list: 'get_indices' },
  'api-rest': { get_api_collections: 'get_collections' },
  'dashboard-rest-endpoints': { get_dashboards_list: 'get_dashboards' },
};

const get = (method: string, path: string, ...args: unknown[]): ClientCall => ({ method, args, http: 'GET', path, body: null });

/** The client methods --api-endpoints gives a case, each called with sample arguments, and the request each must send. */
const CLIENT_CALLS: Record<string, ClientCall[]> = {
  'database-rest-all-auth': [
    get('get_database_schemas', '/databases/db%2F1/schemas', 'db/1'),
    { method: 'put_query', args: [{ sql: 'select 1' }], http: 'PUT', path: '/query', body: { sql: 'select 1' } },
    get('get_tables', '/v1/tables'),
  ],
  'dashboard-rest': [get('get_dashboards', '/dashboards')],
  'pipeline-rest': [get('get_pipelines', '/api/v1/pipelines')],
  'mlmodel-rest': [get('get_models', '/models')],
  'storage-rest': [get('get_buckets', '/buckets')],
  'search-rest': [get('get_indices', '/indices')],
  'api-rest': [get('get_collections', '/collections')],
  'dashboard-rest-endpoints': [
    get('get_dashboards', '/api/v1/dashboards'),
    get('get_chart', '/charts/a%2Fb%20c', 'a/b c'),
    get('get_charts', '/charts'),
    { method: 'post_search', args: [{ q: 'x' }], http: 'POST', path: '/search', body: { q: 'x' } },
    get('get_dashboards_2', '/api/v2/dashboards?limit=10'),
    get('get_group_member', '/groups/g/members/m', 'g', 'm'),
    { method: 'delete_cache', args: [], http: 'DELETE', path: '/cache', body: null },
  ],
};

/**
 * The test-connection steps a GET without parameters serves, per case: the step's client method and the
 * path it must call. Every other step of a client (a REST client's CheckAccess aside, which calls the
 * root) raises with its TODO: the host runs the test connection inside Source.create().
 */
const SERVED_STEPS: Record<string, Record<string, string>> = {
  'database-rest-all-auth': { list_tables: '/v1/tables' },
  'dashboard-rest': { list_dashboards: '/dashboards' },
  'pipeline-rest': { list_pipelines: '/api/v1/pipelines' },
  'mlmodel-rest': { list_models: '/models' },
  'storage-rest': { list_containers: '/buckets' },
  'search-rest': { list_search_indexes: '/indices' },
  'api-rest': { list_collections: '/collections' },
  'dashboard-rest-endpoints': { list_dashboards: '/api/v1/dashboards', list_charts: '/charts' },
};

/** The entries of ENDPOINTS that are no HTTP call a client can make: they stay in the brief. */
const FREE_TEXT_ENDPOINTS = ['the export call of the SDK', 'POST /api/"quoted"'];

/** Expected filter patterns per service type (the issue's list). */
const FILTERS: Record<string, string[]> = {
  database: ['databaseFilterPattern', 'schemaFilterPattern', 'tableFilterPattern'],
  dashboard: ['dashboardFilterPattern', 'chartFilterPattern', 'projectFilterPattern'],
  pipeline: ['pipelineFilterPattern'],
  messaging: ['topicFilterPattern'],
  mlmodel: ['mlModelFilterPattern'],
  storage: ['containerFilterPattern'],
  search: ['searchIndexFilterPattern'],
  api: ['apiCollectionFilterPattern'],
};

/** connectionBasicType flag per capability of a SQLAlchemy database. */
const CAPABILITY_FLAG: Record<string, string | undefined> = {
  metadata: 'supportsMetadataExtraction',
  lineage: 'supportsLineageExtraction',
  usage: 'supportsUsageExtraction',
  profiler: 'supportsProfiler',
  data_diff: 'supportsDataDiff',
  stored_procedures: undefined,
};
const DATABASE_AUTH_REF: Record<string, string> = {
  basic: './common/basicAuth.json',
  iam: './common/iamAuthConfig.json',
  azure: './common/azureConfig.json',
  jwt: './common/jwtAuth.json',
};

/** The steps test_connection_db_schema_sources maps itself (its test_fn keys, upstream). */
const SQLALCHEMY_BUILTIN_STEPS = ['CheckAccess', 'GetSchemas', 'GetTables', 'GetViews'];

/** `sourceConfig.config.type` of a metadata workflow per service type (the release's source config schemas). */
const METADATA_PIPELINE_TYPE: Record<string, string> = {
  database: 'DatabaseMetadata',
  dashboard: 'DashboardMetadata',
  pipeline: 'PipelineMetadata',
  messaging: 'MessagingMetadata',
  mlmodel: 'MlModelMetadata',
  storage: 'StorageMetadata',
  search: 'SearchMetadata',
  api: 'ApiMetadata',
};

interface ExampleWorkflowFile {
  source?: {
    type?: string;
    serviceName?: string;
    serviceConnection?: { config?: Record<string, unknown> };
    sourceConfig?: { config?: { type?: string } };
  };
  sink?: { type?: string };
  workflowConfig?: { openMetadataServerConfig?: { hostPort?: string; authProvider?: string; securityConfig?: { jwtToken?: unknown } } };
}

/** Headings every brief has (hosts.md's sections). */
const BRIEF_HEADINGS = [
  '## Environment setup',
  '## Connector profile',
  '## Source documentation',
  '## Reference connectors to read',
  '## Base class',
  '## Per-file TODOs',
  '## Registration',
  '## Code generation',
  '## Formatting',
  '## Tests',
  '## Next steps',
  '## Checklist',
  '## Generated files',
];

interface Generated {
  case: Case;
  /** the case folder, relative to the matrix folder */
  dir: string;
  root: string;
  profile: OpenMetadataProfile;
  names: ReturnType<typeof openMetadataNames>;
  files: string[];
  /** generated .py files, relative to the matrix folder */
  py: string[];
  schemaRel: string;
  testConnectionRel: string;
  sourceDir: string;
}

/** A client's step methods as the release's facts name them, each with the path SERVED_STEPS says it GETs (or null). */
function stepCallsOf(g: Generated): StepCall[] {
  if (g.profile.connectionType === 'sqlalchemy') return [];
  const rest = g.profile.connectionType === 'rest_api' && g.profile.serviceType !== 'messaging';
  return clientStepFacts(releaseFacts(g.profile.openmetadataVersion), g.profile.serviceType)
    .filter((s) => !(rest && s.name === 'CheckAccess'))
    .map((s) => ({ method: s.method, path: SERVED_STEPS[g.dir]?.[s.method] ?? null, todo: s.todo }));
}

/** A SQLAlchemy case reading the query log (lineage or usage) whose scheme's history the release's facts do not know. */
function readsUnknownQueryLog(g: Generated): boolean {
  const reads = g.profile.capabilities.some((c) => c === 'lineage' || c === 'usage');
  const dialect = (g.profile.scheme || g.profile.name).split('+')[0]!;
  const known = releaseFacts(g.profile.openmetadataVersion).queryLogs.families.some((f) => f.dialects.includes(dialect));
  return g.profile.connectionType === 'sqlalchemy' && reads && !known;
}

const problemsMessage = (problems: string[]): string => `${problems.length} problem(s):\n  ${problems.join('\n  ')}`;

describe('OpenMetadata generator: the generated connector', function () {
  let matrixRoot = '';
  const generated: Generated[] = [];
  let allPy: string[] = [];
  let facts: PyFacts;
  let imports: PyImport[] = [];
  let classes: PyClass[] = [];
  let functions: PyFunction[] = [];

  before(async function () {
    this.timeout(600_000);
    matrixRoot = tempDir('connector-om-matrix-');
    for (const c of CASES) {
      const root = path.join(matrixRoot, c.id);
      // The shared fixtures are 1.12-era files (test-connection schema without category, import manifest); the host
      // layer (npm run test:host) judges the output of both release lines in the real packages.
      await runGenerator('openmetadata', { openmetadataVersion: '1.12', ...c.options }, { cwd: root });
      const stored = storedProfileIn(root, 'openmetadata', c.options.name as string);
      assert.ok(stored, `${c.id}: no profile stored in .yo-rc.json`);
      const profile = stored as unknown as OpenMetadataProfile;
      const names = openMetadataNames(profile);
      const files = listFiles(root).filter((f) => f !== '.yo-rc.json');
      generated.push({
        case: c,
        dir: c.id,
        root,
        profile,
        names,
        files,
        py: files.filter((f) => f.endsWith('.py')).map((f) => `${c.id}/${f}`),
        schemaRel: `${SCHEMA_DIR}/entity/services/connections/${profile.serviceType}/${names.stem}Connection.json`,
        testConnectionRel: `openmetadata-service/src/main/resources/json/data/testConnections/${profile.serviceType}/${names.stem}.json`,
        sourceDir: `ingestion/src/metadata/ingestion/source/${profile.serviceType}/${names.packageName}`,
      });
    }
    allPy = generated.flatMap((g) => g.py);
    imports = pythonImports(matrixRoot, allPy);
    const stdlibChecks: Record<string, string[]> = {};
    const stdlibProbe = pyFacts(matrixRoot, []).stdlib;
    for (const imp of imports) {
      if (stdlibProbe.includes(imp.module.split('.')[0]!) && imp.names.length > 0) {
        stdlibChecks[imp.module] = [...new Set([...(stdlibChecks[imp.module] ?? []), ...imp.names])];
      }
    }
    facts = pyFacts(matrixRoot, allPy, stdlibChecks);
    classes = pythonClasses(matrixRoot, allPy);
    functions = pythonFunctions(matrixRoot, allPy);
  });

  const read = (g: Generated, rel: string): string => readFileSync(path.join(g.root, rel), 'utf8');
  const json = (g: Generated, rel: string): Record<string, unknown> => JSON.parse(read(g, rel)) as Record<string, unknown>;
  const manifest = (ctx: Mocha.Context): Manifest => {
    requireFixtures(ctx, 'openmetadata/import-manifest.json');
    return loadManifest();
  };

  it('covers every service type, connection type, capability and auth type, with and without Docker', function () {
    const types = new Set(generated.map((g) => g.profile.serviceType));
    const dbConnections = new Set(generated.filter((g) => g.profile.serviceType === 'database').map((g) => g.profile.connectionType));
    const capabilitiesAlone = new Set<string>(generated.filter((g) => g.profile.capabilities.length === 1).map((g) => g.profile.capabilities[0]!));
    const dbAuth = new Set(generated.filter((g) => g.profile.serviceType === 'database').flatMap((g) => g.profile.authTypes));
    const otherAuth = new Set(generated.filter((g) => g.profile.serviceType !== 'database').flatMap((g) => g.profile.authTypes));
    assert.deepEqual([...types].sort(), ['database', ...NON_DATABASE].sort());
    assert.deepEqual([...dbConnections].sort(), ['rest_api', 'sdk_client', 'sqlalchemy']);
    assert.deepEqual([...capabilitiesAlone].sort(), [...ALL_CAPABILITIES].sort());
    assert.deepEqual([...dbAuth].sort(), [...ALL_AUTH].sort());
    assert.deepEqual([...otherAuth].sort(), [...ALL_AUTH].sort());
    assert.ok(generated.some((g) => g.profile.dockerImage) && generated.some((g) => !g.profile.dockerImage));
  });

  it('writes exactly the files of the plan, plus the brief', function () {
    const problems: string[] = [];
    for (const g of generated) {
      const planned = openMetadataPlan(g.profile)
        .map((f) => f.destination)
        .sort();
      if (JSON.stringify(planned) !== JSON.stringify(g.files)) {
        problems.push(`${g.dir}: on disk ${JSON.stringify(g.files)}\n    planned ${JSON.stringify(planned)}`);
      }
    }
    assert.deepEqual(problems, [], problemsMessage(problems));
  });

  it('names the package folder after the lowercased service type value, which the workflow config uses as source type', function () {
    const problems: string[] = [];
    for (const g of generated) {
      const schema = json(g, g.schemaRel);
      const typeDef = (schema.definitions as Record<string, { enum?: string[] }>)[`${g.names.stem}Type`];
      const value = typeDef?.enum?.[0];
      if (!value) {
        problems.push(`${g.dir}: no ${g.names.stem}Type definition`);
        continue;
      }
      const folder = `ingestion/src/metadata/ingestion/source/${g.profile.serviceType}/${value.toLowerCase()}`;
      if (!existsSync(path.join(g.root, folder, 'connection.py'))) problems.push(`${g.dir}: no ${folder}/connection.py`);
      if (g.case.options.serviceTypeValue && value !== g.case.options.serviceTypeValue) problems.push(`${g.dir}: type value ${value}`);
      const unitTest = `${g.dir}/ingestion/tests/unit/topology/${g.profile.serviceType}/${testModuleName(g.names.testName)}.py`;
      const config = facts.files[unitTest]?.assignments.CONFIG as { type?: string; serviceConnection?: { config?: { type?: string } } } | undefined;
      if (config?.type !== value.toLowerCase()) problems.push(`${g.dir}: unit test source type ${config?.type}, expected ${value.toLowerCase()}`);
      if (config?.serviceConnection?.config?.type !== value)
        problems.push(`${g.dir}: unit test connection type ${config?.serviceConnection?.config?.type}`);
    }
    assert.deepEqual(problems, [], problemsMessage(problems));
  });

  it('names the test files like the package with --service-type-value (test_azuresqllike.py), after the connector name otherwise', function () {
    const problems: string[] = [];
    for (const g of generated) {
      const stem = g.case.options.serviceTypeValue ? g.names.packageName : g.profile.name;
      const wanted = [
        `ingestion/tests/unit/topology/${g.profile.serviceType}/${testModuleName(stem)}.py`,
        `ingestion/tests/integration/connections/${testModuleName(stem)}_connection.py`,
        `ingestion/tests/integration/${stem}/conftest.py`,
        `ingestion/tests/integration/${stem}/test_metadata.py`,
      ];
      for (const file of wanted) if (!g.files.includes(file)) problems.push(`${g.dir}: no ${file}`);
    }
    const valued = generated.find((g) => g.case.options.serviceTypeValue === 'AzureSQLLike')!;
    assert.ok(valued.files.includes('ingestion/tests/unit/topology/database/test_azuresqllike.py'), 'the service-type-value case');
    assert.ok(
      read(valued, briefOf(valued.profile)).includes('pytest tests/unit/topology/database/test_azuresqllike.py'),
      'the brief runs the unit test',
    );
    assert.deepEqual(problems, [], problemsMessage(problems));
  });

  it('gives a URL address the https scheme on port 443, the HTTPS port, and http on another', function () {
    const problems: string[] = [];
    for (const g of generated.filter((x) => x.profile.connectionType !== 'sqlalchemy' && x.profile.serviceType !== 'messaging')) {
      const hostPort = (json(g, g.schemaRel).properties as Record<string, { default?: string }>).hostPort;
      const port = g.profile.defaultPort;
      const wanted = port === undefined ? undefined : `${port === 443 ? 'https' : 'http'}://localhost:${port}`;
      if (hostPort?.default !== wanted) problems.push(`${g.dir}: hostPort default ${hostPort?.default}, not ${wanted}`);
      if (g.profile.dockerImage) {
        const conftest = read(g, `ingestion/tests/integration/${g.names.testName}/conftest.py`);
        const scheme = g.profile.dockerPort === 443 ? 'https' : 'http';
        if (!conftest.includes(`f"${scheme}://{host}:{port}"`)) problems.push(`${g.dir}: conftest does not reach the container over ${scheme}`);
      }
    }
    assert.ok(
      generated.some((g) => g.profile.defaultPort === 443 && g.profile.dockerPort === 443),
      'a case on port 443',
    );
    assert.deepEqual(problems, [], problemsMessage(problems));
  });

  it('accepts a name starting with test_: its test files keep the name (no test_test_), and test files reach its Test* classes through their modules, which pytest does not collect', function () {
    const prefixed = generated.filter((g) => g.profile.name.startsWith('test_'));
    assert.ok(prefixed.length > 0, 'the matrix has a test_ name');
    const problems: string[] = [];
    for (const g of prefixed) {
      const { name, serviceType } = g.profile;
      for (const expected of [
        `ingestion/tests/unit/topology/${serviceType}/${name}.py`,
        `ingestion/tests/integration/connections/${name}_connection.py`,
      ]) {
        if (!g.files.includes(expected)) problems.push(`${g.dir}: no ${expected}`);
      }
      for (const file of g.files.filter((f) => /(^|\/)test_[^/]*\.py$/.test(f))) {
        if (file.includes('test_test_')) problems.push(`${g.dir}/${file}: doubled prefix`);
        const testNamed = imports
          .filter((i) => i.file === `${g.dir}/${file}`)
          .flatMap((i) => i.names)
          .filter((n) => n.startsWith(g.names.typeValue));
        if (testNamed.length > 0) problems.push(`${g.dir}/${file}: imports ${testNamed.join(', ')} by name, which pytest would collect`);
      }
    }
    assert.deepEqual(problems, [], problemsMessage(problems));
  });

  it('writes JSON files that parse', function () {
    const problems: string[] = [];
    for (const g of generated) {
      for (const file of g.files.filter((f) => f.endsWith('.json'))) {
        try {
          JSON.parse(read(g, file));
        } catch (error) {
          problems.push(`${g.dir}/${file}: ${(error as Error).message}`);
        }
      }
    }
    assert.deepEqual(problems, [], problemsMessage(problems));
  });

  it('gives the connection schema the OpenMetadata shape for its service type, connection type, capabilities and auth types', function () {
    const problems: string[] = [];
    for (const g of generated) {
      const p = g.profile;
      const s = json(g, g.schemaRel);
      const props = s.properties as Record<string, Record<string, unknown>>;
      const defs = s.definitions as Record<string, Record<string, unknown>>;
      const bad = (what: string): void => void problems.push(`${g.dir}: ${what}`);
      const stem = g.names.stem;
      if (s.$schema !== 'http://json-schema.org/draft-07/schema#') bad(`$schema ${String(s.$schema)}`);
      if (s.$id !== `https://open-metadata.org/schema/entity/services/connections/${p.serviceType}/${stem}Connection.json`)
        bad(`$id ${String(s.$id)}`);
      if (s.title !== `${g.names.typeValue}Connection`) bad(`title ${String(s.title)}`);
      if (s.javaType !== `org.openmetadata.schema.services.connections.${p.serviceType}.${g.names.typeValue}Connection`)
        bad(`javaType ${String(s.javaType)}`);
      if (JSON.stringify(defs[`${stem}Type`]?.enum) !== JSON.stringify([g.names.typeValue])) bad(`${stem}Type enum`);
      if (props.type?.$ref !== `#/definitions/${stem}Type`) bad('type property does not reference the type definition');
      if (s.additionalProperties !== false) bad('additionalProperties is not false');
      const required = s.required as string[];
      if (!Array.isArray(required) || required.length === 0 || required.some((r) => !(r in props))) bad(`required ${JSON.stringify(required)}`);
      const refs = JSON.stringify(s).match(/"\$ref":"[^"]*"/g) ?? [];
      if (p.serviceType !== 'database' && refs.some((r) => r.includes('./common/')))
        bad(`non-database schema refers to database common schemas: ${refs.join(', ')}`);
      for (const filter of FILTERS[p.serviceType]!) {
        if (props[filter]?.$ref !== '../../../../type/filterPattern.json#/definitions/filterPattern') bad(`no ${filter}`);
      }
      if (p.authTypes.includes('token') && props.token?.format !== 'password') bad('token auth without a masked token property');
      if (p.authTypes.includes('oauth') && props.clientSecret?.format !== 'password') bad('oauth without a masked clientSecret property');
      if (
        p.serviceType !== 'database' &&
        props.supportsMetadataExtraction?.$ref !== '../connectionBasicType.json#/definitions/supportsMetadataExtraction'
      )
        bad('no supportsMetadataExtraction');
      if (p.serviceType === 'database') {
        const expectedAuth = p.authTypes.filter((a) => DATABASE_AUTH_REF[a]).map((a) => DATABASE_AUTH_REF[a]);
        const actualAuth = ((props.authType?.oneOf as Array<{ $ref: string }> | undefined) ?? []).map((r) => r.$ref);
        if (JSON.stringify(actualAuth) !== JSON.stringify(expectedAuth))
          bad(`authType oneOf ${JSON.stringify(actualAuth)}, expected ${JSON.stringify(expectedAuth)}`);
      } else {
        const address = p.serviceType === 'messaging' ? 'bootstrapServers' : 'hostPort';
        if (!required.includes(address)) bad(`${address} not required`);
        if (address === 'hostPort' && (props.hostPort?.format !== 'uri' || props.hostPort.expose !== true)) bad('hostPort is not an exposed uri');
        if (p.authTypes.includes('basic') && props.password?.format !== 'password') bad('basic auth without a masked password');
        if (p.authTypes.includes('jwt') && props.jwt?.format !== 'password') bad('jwt auth without a masked jwt property');
        if (p.authTypes.includes('iam')) {
          // beside other auth types, a choice with an empty option (the form would else demand an AWS region of everyone)
          const alone = p.authTypes.every((a) => a === 'iam');
          const options = Array.isArray(props.awsConfig?.oneOf) ? (props.awsConfig.oneOf as Array<Record<string, unknown>>) : [];
          const credentials = alone ? props.awsConfig : options[0];
          if (!String(credentials?.$ref).endsWith('security/credentials/awsCredentials.json')) bad('iam auth without awsConfig');
          const empty = options[1];
          if (!alone && (options.length !== 2 || empty?.type !== 'object' || empty.additionalProperties !== false || 'properties' in empty))
            bad(`iam beside other auth types: awsConfig is not a oneOf of the credentials and an empty option: ${JSON.stringify(props.awsConfig)}`);
        }
        if (p.authTypes.includes('azure') && !String(props.azureConfig?.$ref).endsWith('security/credentials/azureCredentials.json'))
          bad('azure auth without azureConfig');
      }
      if (p.connectionType === 'sqlalchemy') {
        if (JSON.stringify(defs[`${stem}Scheme`]?.enum) !== JSON.stringify([p.scheme || p.name]))
          bad(`${stem}Scheme enum ${JSON.stringify(defs[`${stem}Scheme`]?.enum)}`);
        if (props.scheme?.$ref !== `#/definitions/${stem}Scheme`) bad('scheme property');
        for (const key of [
          'username',
          'hostPort',
          'databaseName',
          'databaseSchema',
          'sslConfig',
          'connectionOptions',
          'connectionArguments',
          'supportsDBTExtraction',
          'supportsQueryComment',
        ]) {
          if (!props[key]) bad(`no ${key}`);
        }
        if (!required.includes('hostPort') || !required.includes('username')) bad('hostPort and username not required');
      }
      if (p.serviceType === 'database') {
        const flagsFor = p.connectionType === 'sqlalchemy' ? CAPABILITY_FLAG : { metadata: CAPABILITY_FLAG.metadata };
        for (const [capability, flag] of Object.entries(flagsFor)) {
          if (!flag) continue;
          if ((p.capabilities as string[]).includes(capability) !== Boolean(props[flag]))
            bad(`${flag} ${props[flag] ? 'present without' : 'missing for'} ${capability}`);
          if (props[flag] && props[flag].$ref !== `../connectionBasicType.json#/definitions/${flag}`) bad(`${flag} $ref`);
        }
        if (p.capabilities.includes('stored_procedures') !== Boolean(props.storedProcedureFilterPattern))
          bad('storedProcedureFilterPattern does not follow stored_procedures');
        if (p.connectionType !== 'sqlalchemy') {
          // query-log lineage/usage, the profiler and data diff need SQLAlchemy: no flag promises them
          for (const flag of ['supportsLineageExtraction', 'supportsUsageExtraction', 'supportsProfiler', 'supportsDataDiff'])
            if (props[flag]) bad(`${flag} without SQLAlchemy`);
        }
      }
      if (p.defaultPort && !String(props.hostPort?.default ?? props.bootstrapServers?.default).endsWith(`:${p.defaultPort}`))
        bad('defaultPort not in the address default');
    }
    assert.deepEqual(problems, [], problemsMessage(problems));
  });

  it('connection schema: every $ref resolves in the real OpenMetadata tree, it compiles with ajv, and a minimal config validates', function () {
    requireFixtures(this, `openmetadata/${SCHEMA_DIR}`);
    const problems: string[] = [];
    for (const g of generated) {
      const loaded = loadSchemaTree(g.schemaRel.slice(SCHEMA_DIR.length + 1), [path.join(g.root, SCHEMA_DIR), fixtureSchemaRoot()]);
      problems.push(...loaded.refProblems.map((r) => `${g.dir}: unresolved $ref ${r}`));
      let validate;
      try {
        validate = compiled(loaded);
      } catch (error) {
        problems.push(`${g.dir}: does not compile: ${(error as Error).message}`);
        continue;
      }
      // The one unknown keyword allowed: connectionBasicType.json's connectionOptions/connectionArguments
      // carry a regex (".{1,}") as a key of additionalProperties, upstream. Anything else is ours.
      const unexpected = loaded.warnings.filter((w) => !w.includes('unknown keyword: ".{1,}"'));
      problems.push(...unexpected.map((w) => `${g.dir}: ajv: ${w}`));
      const entry = loaded.documents.get(loaded.entry)!;
      const config = minimalValue(entry, loaded, loaded.entry) as Record<string, unknown>;
      if (!validate(config)) problems.push(`${g.dir}: minimal config ${JSON.stringify(config)} rejected: ${JSON.stringify(validate.errors)}`);
      if (validate({ ...config, notAProperty: 1 })) problems.push(`${g.dir}: accepts an unknown property`);
      if (validate({ ...config, type: 'SomethingElse' })) problems.push(`${g.dir}: accepts another type value`);
      const required = entry.required as string[];
      for (const key of required) {
        const partial = Object.fromEntries(Object.entries(config).filter(([property]) => property !== key));
        if (validate(partial)) problems.push(`${g.dir}: accepts a config without required ${key}`);
      }
    }
    assert.deepEqual(problems, [], problemsMessage(problems));
  });

  it('example workflow: the source type, service name and sourceConfig type of its service type, a connection the connection schema accepts, sink metadata-rest, the local server', function () {
    requireFixtures(this, `openmetadata/${SCHEMA_DIR}`);
    const problems: string[] = [];
    for (const g of generated) {
      const rel = `ingestion/src/metadata/examples/workflows/${g.names.packageName}.yaml`;
      const bad = (what: string): void => void problems.push(`${g.dir}/${rel}: ${what}`);
      if (!g.files.includes(rel)) {
        bad('not written');
        continue;
      }
      const workflow = yaml.load(read(g, rel)) as ExampleWorkflowFile;
      const source = workflow.source;
      if (source?.type !== g.names.packageName) bad(`source type ${source?.type}`);
      if (source?.serviceName !== `local_${g.profile.name}`) bad(`serviceName ${source?.serviceName}`);
      const expectedPipeline = METADATA_PIPELINE_TYPE[g.profile.serviceType];
      if (source?.sourceConfig?.config?.type !== expectedPipeline)
        bad(`sourceConfig type ${source?.sourceConfig?.config?.type}, expected ${expectedPipeline}`);
      if (workflow.sink?.type !== 'metadata-rest') bad(`sink ${workflow.sink?.type}`);
      const server = workflow.workflowConfig?.openMetadataServerConfig;
      if (server?.hostPort !== 'http://localhost:8585/api' || server.authProvider !== 'openmetadata') bad(`server ${JSON.stringify(server)}`);
      if (typeof server?.securityConfig?.jwtToken !== 'string' || server.securityConfig.jwtToken === '') bad('no jwtToken placeholder');
      const loaded = loadSchemaTree(g.schemaRel.slice(SCHEMA_DIR.length + 1), [path.join(g.root, SCHEMA_DIR), fixtureSchemaRoot()]);
      const validate = compiled(loaded);
      const config = source?.serviceConnection?.config;
      if (!validate(config)) bad(`connection ${JSON.stringify(config)} rejected by the connection schema: ${JSON.stringify(validate.errors)}`);
      const properties = loaded.documents.get(loaded.entry)!.properties as Record<string, { format?: string }>;
      const basicAuth = g.profile.serviceType === 'database' && g.profile.authTypes.includes('basic');
      if (basicAuth && !config?.authType) bad('basic auth without a sample authType.password');
      const secrets = Object.keys(properties).filter((k) => properties[k]!.format === 'password');
      for (const key of secrets) if (config?.[key] !== `<${key}>`) bad(`secret ${key} is ${JSON.stringify(config?.[key])}, not a placeholder`);
      if (g.profile.defaultPort && !JSON.stringify(config).includes(`:${g.profile.defaultPort}`))
        bad(`the address does not use the default port ${g.profile.defaultPort}`);
    }
    assert.deepEqual(problems, [], problemsMessage(problems));
  });

  it('test-connection file validates against the real testConnectionDefinition.json and is named after the type value', function () {
    requireFixtures(this, `openmetadata/${TEST_CONNECTION_DEFINITION}`);
    const definition = JSON.parse(readFileSync(fixturePath(`openmetadata/${TEST_CONNECTION_DEFINITION}`), 'utf8')) as Record<string, unknown>;
    // testConnectionDefinition.json refers to type/basic.json, entityReference.json and entityHistory.json,
    // which the fixtures do not hold. Stand-ins with the types those definitions have (strings, objects).
    const ajv = newAjv();
    const base = 'https://open-metadata.org/schema/';
    ajv.addSchema({
      $id: `${base}type/basic.json`,
      definitions: {
        ...Object.fromEntries(
          ['uuid', 'entityName', 'markdown', 'fullyQualifiedEntityName', 'href'].map((k): [string, { type: string }] => [k, { type: 'string' }]),
        ),
        timestamp: { type: 'integer' },
      },
    });
    ajv.addSchema({ $id: `${base}type/entityReference.json`, type: 'object' });
    ajv.addSchema({
      $id: `${base}type/entityHistory.json`,
      definitions: { entityVersion: { type: 'number' }, changeDescription: { type: 'object' } },
    });
    const validate = ajv.compile(definition);
    const problems: string[] = [];
    for (const g of generated) {
      const file = json(g, g.testConnectionRel);
      if (!validate(file)) problems.push(`${g.dir}: ${JSON.stringify(validate.errors)}`);
      if (file.name !== g.names.typeValue) problems.push(`${g.dir}: name ${String(file.name)}`);
      const steps = file.steps as Array<{ name: string; errorMessage?: string; shortCircuit?: boolean; mandatory?: boolean }>;
      if (steps[0]?.name !== 'CheckAccess' || steps[0].shortCircuit !== true || steps[0].mandatory !== true)
        problems.push(`${g.dir}: the first step is not a mandatory short-circuit CheckAccess`);
      if (steps.some((s) => !s.errorMessage)) problems.push(`${g.dir}: a step without errorMessage`);
      const queries = g.profile.connectionType === 'sqlalchemy' && g.profile.capabilities.some((c) => c === 'lineage' || c === 'usage');
      if (g.profile.serviceType === 'database' && steps.some((s) => s.name === 'GetQueries') !== queries)
        problems.push(`${g.dir}: GetQueries does not follow lineage/usage`);
    }
    assert.deepEqual(problems, [], problemsMessage(problems));
  });

  it('writes Python that compiles', function () {
    const problems = compileErrors(matrixRoot, allPy);
    assert.deepEqual(problems, [], problemsMessage(problems));
  });

  it('writes Python that isort --profile black (metadata first-party, as in a checkout) and black leave unchanged', function () {
    const missing = missingPythonTools('isort', 'black');
    if (missing.length > 0) skipWithReason(this, `${missing.join(', ')} not installed`);
    this.timeout(120_000);
    const problems = formatterChanges(matrixRoot, allPy, { firstParty: OPENMETADATA_FIRST_PARTY });
    assert.deepEqual(problems, [], problemsMessage(problems));
  });

  it('writes Python without unused imports or undefined names (pyflakes)', function () {
    if (missingPythonTools('pyflakes').length > 0) skipWithReason(this, 'pyflakes not installed');
    const problems = pyflakesErrors(matrixRoot, allPy);
    assert.deepEqual(problems, [], problemsMessage(problems));
  });

  it('imports only the generated package, schemas that exist, names the import manifest lists, the standard library and the allowed packages', function () {
    const known = manifest(this);
    requireFixtures(this, `openmetadata/${SCHEMA_DIR}`);
    const stdlib = new Set(facts.stdlib);
    const problems: string[] = [];
    for (const g of generated) {
      const packageModule = `metadata.ingestion.source.${g.profile.serviceType}.${g.names.packageName}`;
      for (const imp of imports.filter((i) => i.file.startsWith(`${g.dir}/`))) {
        const problem = importProblem(imp, { caseRoot: g.root, packageModule, facts, factsRoot: matrixRoot, manifest: known, stdlib });
        if (problem) problems.push(problem);
      }
    }
    assert.deepEqual(problems, [], problemsMessage(problems));
  });

  it('metadata.py: the source class defines every abstract method of its base (per the manifest), stubs yield nothing and say what to do', function () {
    const known = manifest(this);
    const problems: string[] = [];
    for (const g of generated) {
      const file = `${g.dir}/${g.sourceDir}/metadata.py`;
      const source = classes.find((c) => c.file === file && c.name === `${g.names.typeValue}Source`);
      if (!source) {
        problems.push(`${file}: no class ${g.names.typeValue}Source`);
        continue;
      }
      const baseName = source.bases[0]!;
      const baseImport = imports.find((i) => i.file === file && i.names.includes(baseName));
      const moduleEntry = baseImport ? known.modules[baseImport.module] : undefined;
      if (!moduleEntry) {
        problems.push(`${file}: base ${baseName} comes from ${baseImport?.module ?? 'nowhere'}, which the manifest does not list`);
        continue;
      }
      const expectedBase =
        g.profile.serviceType === 'database'
          ? g.profile.connectionType === 'sqlalchemy'
            ? 'CommonDbSourceService'
            : 'DatabaseServiceSource'
          : undefined;
      if (expectedBase && baseName !== expectedBase) problems.push(`${file}: base ${baseName}, expected ${expectedBase}`);
      const signatures = moduleEntry.abstract_methods[baseName] ?? [];
      if (!moduleEntry.top_level_names.includes(baseName)) problems.push(`${file}: ${baseImport!.module} does not define ${baseName}`);
      const text = read(g, `${g.sourceDir}/metadata.py`).split('\n');
      for (const signature of signatures) {
        const [name] = methodNames([signature]);
        const fn = functions.find((f) => f.file === file && f.qualname === `${source.name}.${name}`);
        if (!fn) {
          problems.push(`${file}: ${baseName}.${name} is not implemented`);
          continue;
        }
        if (returnsIterable(signature) && !fn.isGenerator) problems.push(`${file}: ${name} returns an iterable but is not a generator`);
        const body = text.slice(fn.line, fn.line + 8).join('\n');
        if (!/# TODO: \S/.test(body)) problems.push(`${file}: ${name} has no TODO saying what to implement`);
      }
      const create = functions.find((f) => f.file === file && f.qualname === `${source.name}.create`);
      if (
        !create?.decorators.includes('classmethod') ||
        JSON.stringify(create.args) !== JSON.stringify(['cls', 'config_dict', 'metadata', 'pipeline_name'])
      ) {
        problems.push(`${file}: create is not create(cls, config_dict, metadata, pipeline_name=None)`);
      }
      const pyText = text.join('\n');
      if (!pyText.includes('WorkflowSource.model_validate(config_dict)') || !pyText.includes('raise InvalidSourceException'))
        problems.push(`${file}: create does not validate and reject`);
    }
    assert.deepEqual(problems, [], problemsMessage(problems));
  });

  it('connection.py: test_fn keys equal the test-connection step names, and every mapped client method exists', function () {
    const problems: string[] = [];
    for (const g of generated) {
      const connectionFile = `${g.dir}/${g.sourceDir}/connection.py`;
      const stepNames = (json(g, g.testConnectionRel).steps as Array<{ name: string }>).map((s) => s.name);
      const fileFacts = facts.files[connectionFile]!;
      for (const fn of ['get_connection', 'test_connection']) {
        if (!fileFacts.topLevel.includes(fn)) problems.push(`${connectionFile}: no module-level ${fn} (OpenMetadata imports it by name)`);
      }
      const testConnection = functions.find((f) => f.file === connectionFile && f.qualname === 'test_connection');
      if (g.profile.connectionType === 'sqlalchemy' && readsUnknownQueryLog(g)) {
        // no SQL reads an unknown query history: connection.py maps the steps itself (the runtime spec calls GetQueries)
        for (const fn of ['read_query_log', 'test_steps']) if (!fileFacts.topLevel.includes(fn)) problems.push(`${connectionFile}: no ${fn}`);
        if (fileFacts.calls.test_connection_db_schema_sources)
          problems.push(`${connectionFile}: calls test_connection_db_schema_sources, which would run the GetQueries step as SQL`);
        const calls = fileFacts.calls.test_connection_steps ?? [];
        if (calls.length === 0 || calls.some((c) => !/^test_steps\(/.test(c.keywords.test_fn ?? '')))
          problems.push(`${connectionFile}: test_connection_steps is not called with test_fn=test_steps(...)`);
      } else if (g.profile.connectionType === 'sqlalchemy') {
        const keys = [...SQLALCHEMY_BUILTIN_STEPS, ...(fileFacts.dictKeys.TEST_CONNECTION_QUERIES ?? [])];
        if (JSON.stringify([...keys].sort()) !== JSON.stringify([...stepNames].sort()))
          problems.push(`${connectionFile}: steps ${JSON.stringify(stepNames)} vs test_fn keys ${JSON.stringify(keys)}`);
        const call = fileFacts.calls.test_connection_db_schema_sources;
        if (!call || call.some((c) => c.keywords.queries !== 'TEST_CONNECTION_QUERIES'))
          problems.push(`${connectionFile}: test_connection_db_schema_sources is not called with queries=TEST_CONNECTION_QUERIES`);
        const connectionClass = classes.find((c) => c.file === connectionFile && c.bases.some((b) => b.startsWith('BaseConnection[')));
        if (!connectionClass?.methods.includes('_get_client')) problems.push(`${connectionFile}: no BaseConnection subclass with _get_client`);
        if (!fileFacts.calls.create_generic_db_connection?.[0]?.keywords.get_connection_url_fn)
          problems.push(`${connectionFile}: _get_client does not use create_generic_db_connection`);
      } else {
        const keys = fileFacts.dictKeys.test_fn ?? [];
        if (JSON.stringify(keys) !== JSON.stringify(stepNames))
          problems.push(`${connectionFile}: steps ${JSON.stringify(stepNames)} vs test_fn keys ${JSON.stringify(keys)}`);
        if (
          JSON.stringify(testConnection?.args) !==
          JSON.stringify(['metadata', 'client', 'service_connection', 'automation_workflow', 'timeout_seconds'])
        ) {
          problems.push(`${connectionFile}: test_connection(${testConnection?.args.join(', ')})`);
        }
        const call = fileFacts.calls.test_connection_steps?.[0];
        const wanted = ['metadata', 'test_fn', 'service_type', 'automation_workflow', 'timeout_seconds'];
        if (!call || JSON.stringify(Object.keys(call.keywords).sort()) !== JSON.stringify([...wanted].sort()))
          problems.push(`${connectionFile}: test_connection_steps keywords ${JSON.stringify(call?.keywords)}`);
        const clientFile = `${g.dir}/${g.sourceDir}/client.py`;
        const client = classes.find((c) => c.file === clientFile && c.name === `${g.names.typeValue}Client`);
        const connectionText = read(g, `${g.sourceDir}/connection.py`);
        for (const step of stepNames) {
          const mapped = new RegExp(`"${step}": client\\.([A-Za-z_][A-Za-z0-9_]*)`).exec(connectionText)?.[1];
          if (!mapped || !client?.methods.includes(mapped))
            problems.push(
              `${connectionFile}: step ${step} maps to ${mapped ?? 'nothing'}, which ${client ? 'the client class does not define' : 'has no client class'}`,
            );
        }
      }
    }
    assert.deepEqual(problems, [], problemsMessage(problems));
  });

  it('service_spec.py: DefaultDatabaseSpec with the generated lineage/usage/connection classes for SQLAlchemy, BaseSpec otherwise', function () {
    const problems: string[] = [];
    for (const g of generated) {
      const file = `${g.dir}/${g.sourceDir}/service_spec.py`;
      const fileFacts = facts.files[file]!;
      const sqlalchemy = g.profile.connectionType === 'sqlalchemy';
      const call = fileFacts.calls[sqlalchemy ? 'DefaultDatabaseSpec' : 'BaseSpec']?.[0];
      if (!call) {
        problems.push(`${file}: no ${sqlalchemy ? 'DefaultDatabaseSpec' : 'BaseSpec'} call`);
        continue;
      }
      const expected: Record<string, string> = { metadata_source_class: `${g.names.typeValue}Source` };
      if (sqlalchemy) {
        if (g.profile.capabilities.includes('lineage')) expected.lineage_source_class = `${g.names.typeValue}LineageSource`;
        if (g.profile.capabilities.includes('usage')) expected.usage_source_class = `${g.names.typeValue}UsageSource`;
        expected.connection_class = `${g.names.typeValue}Connection`;
      }
      if (JSON.stringify(call.keywords) !== JSON.stringify(expected))
        problems.push(`${file}: ${JSON.stringify(call.keywords)}, expected ${JSON.stringify(expected)}`);
      for (const [module, cls] of [
        ['lineage', expected.lineage_source_class],
        ['usage', expected.usage_source_class],
      ] as const) {
        if (cls && !classes.some((c) => c.file === `${g.dir}/${g.sourceDir}/${module}.py` && c.name === cls))
          problems.push(`${file}: ${cls} is not defined in ${module}.py`);
      }
    }
    assert.deepEqual(problems, [], problemsMessage(problems));
  });

  it('integration tests: testcontainers with the image and port when a Docker image is given, skipped without environment variables otherwise', function () {
    const problems: string[] = [];
    for (const g of generated) {
      for (const rel of [
        `ingestion/tests/integration/${g.names.testName}/conftest.py`,
        `ingestion/tests/integration/connections/${testModuleName(g.names.testName)}_connection.py`,
      ]) {
        const file = `${g.dir}/${rel}`;
        const fileFacts = facts.files[file]!;
        const fileImports = imports.filter((i) => i.file === file);
        if (g.profile.dockerImage) {
          if (fileFacts.assignments.IMAGE !== g.profile.dockerImage) problems.push(`${file}: IMAGE ${String(fileFacts.assignments.IMAGE)}`);
          if (fileFacts.assignments.CONTAINER_PORT !== g.profile.dockerPort)
            problems.push(`${file}: CONTAINER_PORT ${String(fileFacts.assignments.CONTAINER_PORT)}`);
          if (!fileFacts.calls.DockerContainer?.some((c) => c.args[0] === 'IMAGE')) problems.push(`${file}: no DockerContainer(IMAGE)`);
          if (!fileFacts.calls['DockerContainer(IMAGE).with_exposed_ports']?.some((c) => c.args[0] === 'CONTAINER_PORT'))
            problems.push(`${file}: no with_exposed_ports(CONTAINER_PORT)`);
          if (
            !fileImports.some((i) => i.module === '_openmetadata_testutils.helpers.docker' && i.names.includes('try_bind')) ||
            !fileFacts.calls.try_bind
          )
            problems.push(`${file}: does not bind with try_bind`);
        } else {
          const env = fileFacts.assignments.REQUIRED_ENV as string[] | null | undefined;
          if (!env?.length || !env.every((v) => /^[A-Z0-9_]+$/.test(v))) problems.push(`${file}: REQUIRED_ENV ${JSON.stringify(env)}`);
          if (!fileFacts.calls['pytest.skip']) problems.push(`${file}: never skips`);
          if (fileImports.some((i) => i.module.startsWith('testcontainers'))) problems.push(`${file}: imports testcontainers without an image`);
        }
      }
      const testMetadata = `${g.dir}/ingestion/tests/integration/${g.names.testName}/test_metadata.py`;
      if (!facts.files[testMetadata]?.calls['MetadataWorkflow.create']) problems.push(`${testMetadata}: does not run a MetadataWorkflow`);
      const unitTest = `${g.dir}/ingestion/tests/unit/topology/${g.profile.serviceType}/${testModuleName(g.names.testName)}.py`;
      const sourceClass = `${g.names.typeValue}Source`;
      const viaModule = sourceClass.startsWith('Test') ? 'metadata.' : '';
      if (!facts.files[unitTest]?.calls[`${viaModule}${sourceClass}.create`]) problems.push(`${unitTest}: does not build the source with create()`);
    }
    assert.deepEqual(problems, [], problemsMessage(problems));
  });

  it('runs: every module imports against stand-ins of OpenMetadata, the source class is concrete, create() accepts its own connection and rejects another, stubs return nothing (or what the endpoint serving them answers), the steps reach the right calls, each endpoint method sends its request', function () {
    const known = manifest(this);
    this.timeout(120_000);
    const abstractByClass: Record<string, string[]> = {};
    for (const entry of Object.values(known.modules)) {
      for (const [cls, signatures] of Object.entries(entry.abstract_methods)) abstractByClass[cls] = methodNames(signatures);
    }
    const ENTRY_POINTS = new Set(['create', '__init__', 'prepare', 'test_connection', 'close']);
    const runtimeCases: RuntimeCase[] = generated.map((g) => {
      const pkg = `metadata.ingestion.source.${g.profile.serviceType}.${g.names.packageName}`;
      const modules = g.files
        .filter((f) => f.startsWith(`${g.sourceDir}/`) && f.endsWith('.py'))
        .map((f): [string, string, boolean] => {
          const stem = path.basename(f, '.py');
          return stem === '__init__' ? [pkg, path.join(g.root, f), true] : [`${pkg}.${stem}`, path.join(g.root, f), false];
        })
        .sort((a, b) => Number(b[2]) - Number(a[2]));
      const metadataFile = `${g.dir}/${g.sourceDir}/metadata.py`;
      return {
        id: g.dir,
        package: pkg,
        typeValue: g.names.typeValue,
        schemaModule: `metadata.generated.schema.entity.services.connections.${g.profile.serviceType}.${g.names.stem}Connection`,
        sqlalchemy: g.profile.connectionType === 'sqlalchemy',
        steps: (json(g, g.testConnectionRel).steps as Array<{ name: string }>).map((s) => s.name),
        stubs: functions
          .filter((f) => f.file === metadataFile && f.qualname.startsWith(`${g.names.typeValue}Source.`))
          .map((f) => f.qualname.split('.').pop()!)
          .filter((name) => !ENTRY_POINTS.has(name)),
        modules,
        tests: g.files.filter((f) => f.startsWith('ingestion/tests/')).map((f) => path.join(g.root, f)),
        served: SERVED[g.dir] ?? {},
        clientCalls: CLIENT_CALLS[g.dir] ?? [],
        stepCalls: stepCallsOf(g),
        queryLogTodo: readsUnknownQueryLog(g) ? (pythonData(g.profile).queries.pendingTodo ?? 'the GetQueries TODO (the generator gave none)') : null,
      };
    });
    const results = runtimeProblems(runtimeCases, abstractByClass);
    const problems = Object.entries(results).flatMap(([id, list]) => list.map((p) => `${id}: ${p}`));
    assert.equal(Object.keys(results).length, generated.length);
    assert.deepEqual(problems, [], problemsMessage(problems));
  });

  it('--api-endpoints: the brief names the client method of each call, and says why the others got none, which stay out of Python', function () {
    const problems: string[] = [];
    const endpoints = generated.find((x) => x.dir === 'dashboard-rest-endpoints')!;
    const brief = read(endpoints, briefOf(endpoints.profile));
    for (const call of CLIENT_CALLS[endpoints.dir]!)
      if (!brief.includes(`\`client.${call.method}(`)) problems.push(`brief: no client.${call.method}`);
    for (const entry of FREE_TEXT_ENDPOINTS) {
      const line = brief.split('\n').find((l) => l.startsWith(`- ${markdownLiteral(entry, 'lineStart')}: no client method, `));
      if (!line) problems.push(`brief: no note for ${JSON.stringify(entry)}`);
      for (const file of endpoints.files.filter((f) => f.endsWith('.py')))
        if (read(endpoints, file).includes(entry)) problems.push(`${file} contains ${JSON.stringify(entry)}`);
    }
    // without a REST client (an SDK, a broker protocol) every entry stays in the brief
    for (const g of generated.filter((x) => x.profile.apiEndpoints.length > 0 && !CLIENT_CALLS[x.dir])) {
      const notes = read(g, briefOf(g.profile))
        .split('\n')
        .filter((l) => / no client method, /.test(l));
      if (notes.length !== g.profile.apiEndpoints.length)
        problems.push(`${g.dir}: ${notes.length} notes for ${g.profile.apiEndpoints.length} entries`);
    }
    assert.deepEqual(problems, [], problemsMessage(problems));
  });

  it("the brief's client.py TODOs: a served step names the call it returns; a mandatory step left raising says Source.create() fails until it is filled", function () {
    const problems: string[] = [];
    let checked = 0;
    for (const g of generated.filter((x) => x.profile.connectionType !== 'sqlalchemy')) {
      const lines = read(g, briefOf(g.profile)).split('\n');
      for (const step of stepCallsOf(g)) {
        const fact = clientStepFacts(releaseFacts(g.profile.openmetadataVersion), g.profile.serviceType).find((s) => s.method === step.method)!;
        const line = lines.find((l) => l.startsWith(`  - \`${step.method}\` (step ${fact.name}): `));
        if (!line) {
          problems.push(`${g.dir}: no brief line for ${step.method}`);
          continue;
        }
        checked += 1;
        const saysCreateFails = line.includes('`Source.create()` fails');
        if (step.path !== null && !line.includes(`(\`GET ${step.path}\`)`))
          problems.push(`${g.dir}: ${step.method} is served by GET ${step.path}, the brief says: ${line}`);
        if (step.path !== null && saysCreateFails) problems.push(`${g.dir}: served ${step.method} said to fail create(): ${line}`);
        if (step.path === null && fact.mandatory && !saysCreateFails)
          problems.push(`${g.dir}: mandatory ${step.method} raises, the brief does not say create() fails: ${line}`);
        if (step.path === null && !fact.mandatory && saysCreateFails)
          problems.push(`${g.dir}: optional ${step.method} said to fail create(): ${line}`);
      }
    }
    assert.ok(checked > 20, `only ${checked} step lines checked`);
    assert.deepEqual(problems, [], problemsMessage(problems));
  });

  it('keeps free text out of Python, and exact in JSON', function () {
    const g = generated.find((x) => x.case.options.description === HOSTILE.description)!;
    const problems: string[] = [];
    const pieces = [
      HOSTILE.displayName,
      HOSTILE.description,
      ...HOSTILE.docsNotes.split('\n'),
      ...HOSTILE.apiEndpoints,
      HOSTILE.sdkPackage,
      HOSTILE.docsUrl,
      'pwned',
      'DROP TABLE',
    ];
    for (const file of g.files.filter((f) => f.endsWith('.py'))) {
      const text = read(g, file);
      for (const piece of pieces) if (piece.trim() && text.includes(piece)) problems.push(`${file} contains ${JSON.stringify(piece)}`);
    }
    const schema = json(g, g.schemaRel);
    if (schema.description !== HOSTILE.description) problems.push(`schema description ${JSON.stringify(schema.description)}`);
    const testConnection = json(g, g.testConnectionRel);
    if (!String(testConnection.displayName).startsWith(HOSTILE.displayName))
      problems.push(`test connection displayName ${JSON.stringify(testConnection.displayName)}`);
    const brief = read(g, briefOf(g.profile));
    if (/^#{1,6} .*Not a heading/m.test(brief) || brief.includes('print("pwned")\n```')) problems.push('the brief renders the notes as Markdown');
    assert.deepEqual(problems, [], problemsMessage(problems));
  });

  it("lists in a dashboard's brief the optional overrides upstream's scaffold lists, each with its signature", function () {
    // upstream's brief lists them for every dashboard connector; yield_dashboard_lineage_details, the fifth, is abstract
    const upstream = ['yield_bulk_datamodel', 'get_project_name', 'yield_dashboard_usage', 'get_owner_ref'];
    const problems: string[] = [];
    for (const g of generated.filter((x) => x.profile.serviceType === 'dashboard')) {
      const base = releaseFacts(g.profile.openmetadataVersion).baseClasses.DashboardServiceSource!;
      const brief = read(g, briefOf(g.profile));
      for (const name of upstream) {
        const method = base.optionalMethods?.find((m) => m.name === name);
        if (!method) {
          problems.push(`${g.dir}: the facts give DashboardServiceSource no optional method ${name}`);
          continue;
        }
        const signature = `\`${name}(${['self', ...method.params].join(', ')}) -> ${method.returns}\``;
        if (!brief.includes(signature)) problems.push(`${g.dir}: the brief does not list ${signature}`);
      }
    }
    assert.deepEqual(problems, [], problemsMessage(problems));
  });

  it('capabilities of a non-database source: metadata.py stubs exactly the optional overrides they name, the brief says what each capability means or that the type has none', function () {
    const problems: string[] = [];
    for (const g of generated.filter((x) => x.profile.serviceType !== 'database')) {
      const facts = releaseFacts(g.profile.openmetadataVersion);
      const meanings = facts.serviceTypes[g.profile.serviceType].capabilities ?? {};
      const base = Object.values(facts.baseClasses).find(
        (b) => b.module === `metadata.ingestion.source.${g.profile.serviceType}.${g.profile.serviceType}_service`,
      )!;
      const asked = g.profile.capabilities.filter((c) => c !== 'metadata');
      const named = new Set(asked.flatMap((c) => meanings[c]?.methods ?? []));
      const optional = (base.optionalMethods ?? []).map((m) => m.name);
      const file = `${g.dir}/${g.sourceDir}/metadata.py`;
      const defined = functions
        .filter((f) => f.file === file && optional.includes(f.qualname.split('.').pop()!))
        .map((f) => f.qualname.split('.').pop()!);
      const expected = optional.filter((m) => named.has(m));
      if (JSON.stringify(defined.sort()) !== JSON.stringify([...expected].sort()))
        problems.push(`${file}: overrides ${JSON.stringify(defined)}, the capabilities name ${JSON.stringify(expected)}`);
      const brief = read(g, briefOf(g.profile)).split('\n');
      for (const capability of asked) {
        const said = meanings[capability]
          ? brief.some((l) => l.startsWith(`- \`${capability}\`: `))
          : brief.some((l) => l.startsWith(`- Not generated for a \`${g.profile.serviceType}\` service: `) && l.includes(`\`${capability}\``));
        if (!said) problems.push(`${g.dir}: the brief says nothing of ${capability}`);
      }
    }
    assert.ok(
      generated.some((g) => g.profile.serviceType === 'dashboard' && g.profile.capabilities.includes('usage')),
      'no dashboard case asks for usage',
    );
    assert.deepEqual(problems, [], problemsMessage(problems));
  });

  it('brief: every section, fixed headings, the abstract methods of the base, and a file index equal to the plan', function () {
    const problems: string[] = [];
    for (const g of generated) {
      const rel = briefOf(g.profile);
      const brief = read(g, rel);
      for (const heading of BRIEF_HEADINGS) if (!brief.split('\n').includes(heading)) problems.push(`${g.dir}: no "${heading}"`);
      const headings = brief.split('\n').filter((l) => /^#{1,6} /.test(l));
      const unexpected = headings.filter((h) => h !== '# Connector brief: OpenMetadata' && !BRIEF_HEADINGS.includes(h));
      if (unexpected.length > 0) problems.push(`${g.dir}: headings outside the fixed set: ${JSON.stringify(unexpected)}`);
      const index = brief.slice(brief.indexOf('## Generated files'));
      const listed = [...index.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!).sort();
      const planned = openMetadataPlan(g.profile)
        .map((f) => f.destination)
        .sort();
      if (JSON.stringify(listed) !== JSON.stringify(planned))
        problems.push(`${g.dir}: index ${JSON.stringify(listed)} vs plan ${JSON.stringify(planned)}`);
      if (JSON.stringify(listed) !== JSON.stringify(g.files)) problems.push(`${g.dir}: index does not match the files on disk`);
      for (const fn of functions.filter(
        (f) => f.file === `${g.dir}/${g.sourceDir}/metadata.py` && /Source\.(?!create$|__init__$|prepare$|test_connection$|close$)/.test(f.qualname),
      )) {
        const name = fn.qualname.split('.').pop()!;
        if (!brief.includes(`\`${name}`)) problems.push(`${g.dir}: the brief does not mention ${name}`);
      }
      if (!brief.includes(`\`${g.sourceDir}/metadata.py\``)) problems.push(`${g.dir}: no per-file TODOs for metadata.py`);
      const run = `metadata ingest -c ingestion/src/metadata/examples/workflows/${g.names.packageName}.yaml`;
      if (!brief.split('\n').includes(run)) problems.push(`${g.dir}: the next steps do not give the command line ${run}`);
    }
    assert.deepEqual(problems, [], problemsMessage(problems));
  });
});

describe('OpenMetadata generator: the facts of every release agree with the import manifest', function () {
  it("each release's abstract-method lists are the manifest lists", async function () {
    requireFixtures(this, 'openmetadata/import-manifest.json');
    const { baseClassFor, releaseFacts } = await import('../../generators/openmetadata/facts/index.js');
    const known = loadManifest();
    const problems: string[] = [];
    for (const line of OPENMETADATA_RELEASES) {
      const facts = releaseFacts(line);
      for (const serviceType of ['database', ...NON_DATABASE] as const) {
        for (const sqlalchemy of serviceType === 'database' ? [true, false] : [false]) {
          const base = baseClassFor(facts, serviceType as never, sqlalchemy);
          const fromManifest = methodNames(known.modules[base.module]?.abstract_methods[base.name] ?? []);
          const fromFacts = base.abstractMethods.map((m) => m.name);
          if (JSON.stringify(fromFacts) !== JSON.stringify(fromManifest))
            problems.push(`${line} ${base.name}: ${JSON.stringify(fromFacts)} vs manifest ${JSON.stringify(fromManifest)}`);
          if (!known.modules[base.module]?.top_level_names.includes(base.name)) problems.push(`${line}: ${base.module} does not define ${base.name}`);
        }
      }
    }
    assert.deepEqual(problems, [], problemsMessage(problems));
  });
});
