/**
 * Values the OpenMetadata templates render, all computed here: JSON files as
 * JSON.stringify output, Python lines laid out for isort/black, Markdown made
 * safe with core/text.ts. Templates only print these and loop over lists.
 *
 * User free text (description, display name, notes...) reaches the JSON
 * files through JSON.stringify and the brief through the Markdown helpers;
 * it never reaches Python. Python only ever sees validated identifiers.
 */
import type { Capability, OmAuthType } from '../../core/profile/fields-openmetadata.js';
import { openMetadataNames, type OpenMetadataNames, type OpenMetadataProfile } from '../../core/profile/openmetadata.js';
import { markdownInline } from '../../core/text.js';
import {
  ABSTRACT_METHODS,
  CLIENT_STEPS,
  DATABASE_CLIENT_REFERENCE,
  FILTER_PATTERNS,
  GET_QUERIES_STEP,
  INGESTION_SOURCE,
  METADATA_PIPELINE_TYPE,
  REFERENCE_CONNECTORS,
  SERVICE_ENTITY_CLASS,
  SPEC_SERVICES,
  SQLALCHEMY_BUILTIN_STEPS,
  TEST_CONNECTIONS,
  WORKFLOW_SOURCE_MODULE,
  baseClassFor,
  type AbstractMethod,
  type BaseClass,
  type StepFact,
} from './facts.js';
import {
  bracketed,
  callLine,
  classLine,
  constantPrefix,
  defLine,
  genericClassLine,
  importBlock,
  isinstanceLine,
  LINE_LENGTH,
  pyString,
  type PyImport,
} from './python.js';

export { ABSTRACT_METHODS, baseClassFor };
export type { AbstractMethod, BaseClass };

const I1 = '    ';
const I2 = '        ';
const I3 = '            ';

// ---------------------------------------------------------------------------------------------
// What the profile implies

export interface Features {
  sqlalchemy: boolean;
  /** lineage or usage from the query log (SQLAlchemy databases only) */
  queryLog: boolean;
  lineage: boolean;
  usage: boolean;
  profiler: boolean;
  dataDiff: boolean;
  storedProcedures: boolean;
  /** capabilities asked for that this connection type cannot serve (reported in the brief) */
  unsupported: Capability[];
}

export function featuresOf(profile: OpenMetadataProfile): Features {
  const sqlalchemy = profile.connectionType === 'sqlalchemy';
  const has = (c: Capability): boolean => profile.capabilities.includes(c);
  // Query-log lineage/usage, the profiler and data diff run through SQLAlchemy in OpenMetadata.
  const sqlOnly: Capability[] = ['lineage', 'usage', 'profiler', 'data_diff'];
  return {
    sqlalchemy,
    lineage: sqlalchemy && has('lineage'),
    usage: sqlalchemy && has('usage'),
    queryLog: sqlalchemy && (has('lineage') || has('usage')),
    profiler: sqlalchemy && has('profiler'),
    dataDiff: sqlalchemy && has('data_diff'),
    storedProcedures: profile.serviceType === 'database' && has('stored_procedures'),
    unsupported: sqlalchemy ? [] : sqlOnly.filter(has),
  };
}

/** Python module paths of the generated package and of the generated connection schema. */
export function modulesOf(profile: OpenMetadataProfile, names: OpenMetadataNames) {
  const pkg = `metadata.ingestion.source.${profile.serviceType}.${names.packageName}`;
  return {
    package: pkg,
    connection: `${pkg}.connection`,
    client: `${pkg}.client`,
    metadata: `${pkg}.metadata`,
    queries: `${pkg}.queries`,
    queryParser: `${pkg}.query_parser`,
    lineage: `${pkg}.lineage`,
    usage: `${pkg}.usage`,
    schema: `metadata.generated.schema.entity.services.connections.${profile.serviceType}.${names.stem}Connection`,
    serviceSchema: `metadata.generated.schema.entity.services.${profile.serviceType}Service`,
  };
}

// ---------------------------------------------------------------------------------------------
// Connection JSON Schema

const BASIC = '../connectionBasicType.json#/definitions/';
const FILTER_REF = '../../../../type/filterPattern.json#/definitions/filterPattern';
const SSL_REF = '../../../../security/ssl/verifySSLConfig.json#/definitions/sslConfig';
const AWS_REF = '../../../../security/credentials/awsCredentials.json';
const AZURE_REF = '../../../../security/credentials/azureCredentials.json';
/** `authType` schemas that exist only under connections/database/common/. */
const DATABASE_AUTH_REFS: Partial<Record<OmAuthType, string>> = {
  basic: './common/basicAuth.json',
  iam: './common/iamAuthConfig.json',
  azure: './common/azureConfig.json',
  jwt: './common/jwtAuth.json',
};

/** connectionBasicType flag per capability (stored procedures have none: see the brief). */
const CAPABILITY_FLAGS: Array<[keyof Features, string, string]> = [
  ['profiler', 'supportsProfiler', 'Supports Profiler'],
  ['dataDiff', 'supportsDataDiff', 'Supports Data Diff Extraction.'],
  ['usage', 'supportsUsageExtraction', 'Supports Usage Extraction'],
  ['lineage', 'supportsLineageExtraction', 'Supports Lineage Extraction'],
];

type Json = Record<string, unknown>;

const secret = (title: string, description: string): Json => ({ title, description, type: 'string', format: 'password' });
const text = (title: string, description: string): Json => ({ title, description, type: 'string' });

/** Connection address: `host:port` for SQLAlchemy and Kafka-like brokers, a URL otherwise. */
function addressOf(profile: OpenMetadataProfile, features: Features) {
  const port = profile.defaultPort;
  if (profile.serviceType === 'messaging') {
    return { key: 'bootstrapServers', uri: false, sample: `localhost:${port ?? 9092}`, default: port ? `localhost:${port}` : undefined };
  }
  if (features.sqlalchemy) {
    return { key: 'hostPort', uri: false, sample: `localhost:${port ?? 5432}`, default: port ? `localhost:${port}` : undefined };
  }
  return { key: 'hostPort', uri: true, sample: `http://localhost:${port ?? 8080}`, default: port ? `http://localhost:${port}` : undefined };
}

/** Credentials held as plain connection properties (every auth type without a shared schema here). */
function credentialProperties(profile: OpenMetadataProfile, display: string, database: boolean): Json {
  const props: Json = {};
  const has = (a: OmAuthType): boolean => profile.authTypes.includes(a);
  if (!database && has('basic')) {
    props.username = text('Username', `Username to connect to ${display}.`);
    props.password = secret('Password', `Password to connect to ${display}.`);
  }
  if (!database && has('iam')) {
    props.awsConfig = { title: 'AWS Credentials Configuration', $ref: AWS_REF };
  }
  if (!database && has('azure')) {
    props.azureConfig = { title: 'Azure Credentials Configuration', $ref: AZURE_REF };
  }
  if (!database && has('jwt')) {
    props.jwt = secret('JWT', `JSON Web Token to authenticate with ${display}.`);
  }
  if (has('token')) {
    props.token = secret('API Token', `API token to authenticate with ${display}.`);
  }
  if (has('oauth')) {
    props.clientId = text('Client ID', `OAuth client ID registered with ${display}.`);
    props.clientSecret = secret('Client Secret', `OAuth client secret registered with ${display}.`);
    props.tokenUrl = { title: 'Token URL', description: `URL that issues OAuth access tokens for ${display}.`, type: 'string', format: 'uri' };
  }
  return props;
}

export function connectionSchema(profile: OpenMetadataProfile): Json {
  const names = openMetadataNames(profile);
  const features = featuresOf(profile);
  const display = profile.displayName;
  const database = profile.serviceType === 'database';
  const typeDef = `${names.stem}Type`;
  const definitions: Json = {
    [typeDef]: { description: 'Service type.', type: 'string', enum: [names.typeValue], default: names.typeValue },
  };
  const properties: Json = {
    type: { title: 'Service Type', description: 'Service Type', $ref: `#/definitions/${typeDef}`, default: names.typeValue },
  };
  const address = addressOf(profile, features);
  const addressProperty: Json = address.uri
    ? { expose: true, title: 'Host and Port', description: `URL of the ${display} instance, e.g. https://host:port.`, type: 'string', format: 'uri' }
    : address.key === 'bootstrapServers'
      ? text('Bootstrap Servers', `Comma-separated host:port list of ${display} brokers.`)
      : text('Host and Port', `Host and port of the ${display} service.`);
  if (address.default) addressProperty.default = address.default;

  const required: string[] = [];
  if (features.sqlalchemy) {
    const schemeDef = `${names.stem}Scheme`;
    const scheme = profile.scheme || profile.name;
    definitions[schemeDef] = { description: 'SQLAlchemy driver scheme options.', type: 'string', enum: [scheme], default: scheme };
    properties.scheme = { title: 'Connection Scheme', description: 'SQLAlchemy driver scheme options.', $ref: `#/definitions/${schemeDef}`, default: scheme };
  }
  if (database && (features.sqlalchemy || profile.authTypes.some((a) => a === 'basic' || a === 'iam'))) {
    properties.username = text('Username', `Username to connect to ${display}. It needs read access to the metadata.`);
    if (features.sqlalchemy) required.push('username');
  }
  const authRefs = database ? profile.authTypes.flatMap((a) => (DATABASE_AUTH_REFS[a] ? [{ $ref: DATABASE_AUTH_REFS[a] }] : [])) : [];
  if (authRefs.length > 0) {
    properties.authType = { title: 'Auth Configuration Type', description: 'Choose Auth Config Type.', mask: true, oneOf: authRefs };
  }
  Object.assign(properties, credentialProperties(profile, display, database));
  properties[address.key] = addressProperty;
  required.unshift(address.key);
  if (database) {
    properties.databaseName = text('Database Name', 'Name of the database in OpenMetadata when the source has a single one. Leave empty for "default".');
  }
  if (features.sqlalchemy) {
    properties.databaseSchema = text('Database Schema', 'Restrict the metadata reading to a single schema. Leave empty to read every schema.');
    properties.sslConfig = { title: 'SSL', description: 'SSL Configuration details.', $ref: SSL_REF };
    properties.connectionOptions = { title: 'Connection Options', $ref: `${BASIC}connectionOptions` };
    properties.connectionArguments = { title: 'Connection Arguments', $ref: `${BASIC}connectionArguments` };
  }
  const filters = [...FILTER_PATTERNS[profile.serviceType]];
  if (features.storedProcedures) filters.push(['storedProcedureFilterPattern', 'Default Stored Procedure Filter Pattern', 'stored procedures']);
  for (const [key, title, what] of filters) {
    properties[key] = { title, description: `Regex to only include/exclude ${what} that match the pattern.`, $ref: FILTER_REF };
  }
  if (profile.capabilities.includes('metadata')) {
    properties.supportsMetadataExtraction = { title: 'Supports Metadata Extraction', $ref: `${BASIC}supportsMetadataExtraction` };
  }
  if (features.sqlalchemy) {
    // As upstream SQLAlchemy databases do: dbt runs on top of any database service, query comments on any engine.
    properties.supportsDBTExtraction = { $ref: `${BASIC}supportsDBTExtraction` };
    properties.supportsQueryComment = { title: 'Supports Query Comment', $ref: `${BASIC}supportsQueryComment` };
  }
  for (const [feature, flag, title] of CAPABILITY_FLAGS) {
    if (features[feature]) properties[flag] = { title, $ref: `${BASIC}${flag}` };
  }
  if (features.profiler) {
    properties.sampleDataStorageConfig = { title: 'Storage Config for Sample Data', $ref: `${BASIC}sampleDataStorageConfig` };
  }
  return {
    $id: `https://open-metadata.org/schema/entity/services/connections/${profile.serviceType}/${names.stem}Connection.json`,
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `${names.typeValue}Connection`,
    description: profile.description || `${display} Connection Config`,
    type: 'object',
    javaType: `org.openmetadata.schema.services.connections.${profile.serviceType}.${names.typeValue}Connection`,
    definitions,
    properties,
    additionalProperties: false,
    required,
  };
}

// ---------------------------------------------------------------------------------------------
// Test connection definition

export interface TestStep {
  name: string;
  description: string;
  errorMessage: string;
  mandatory: boolean;
  shortCircuit?: boolean;
  /** the client method that runs the step (client-based connectors) */
  method?: string;
  todo?: string;
}

export function testConnectionSteps(profile: OpenMetadataProfile): TestStep[] {
  const features = featuresOf(profile);
  const display = profile.displayName;
  const fill = (s: string): string => s.replace('{name}', display);
  const errorFor = (name: string): string =>
    name === 'CheckAccess'
      ? `Failed to connect to ${display}: check the host, the credentials and the network access.`
      : `The ${name} step failed against ${display}: check the permissions of the user.`;
  if (features.sqlalchemy) {
    const steps = [...SQLALCHEMY_BUILTIN_STEPS, ...(features.queryLog ? [GET_QUERIES_STEP] : [])];
    return steps.map((s) => ({
      name: s.name,
      description: fill(s.description),
      errorMessage: s.name === 'GetQueries' ? `Cannot read the query log of ${display}: lineage and usage will be empty.` : errorFor(s.name),
      ...(('shortCircuit' in s && s.shortCircuit) ? { shortCircuit: true } : {}),
      mandatory: s.mandatory,
    }));
  }
  return CLIENT_STEPS[profile.serviceType].map((s: StepFact) => ({
    name: s.name,
    description: fill(s.description),
    errorMessage: errorFor(s.name),
    ...(s.shortCircuit ? { shortCircuit: true } : {}),
    mandatory: s.mandatory,
    method: s.method,
    todo: s.todo,
  }));
}

export function testConnectionDefinition(profile: OpenMetadataProfile): Json {
  const names = openMetadataNames(profile);
  return {
    name: names.typeValue,
    displayName: `${profile.displayName} Test Connection`,
    description: `Checks that OpenMetadata can reach ${profile.displayName} and read the metadata it ingests.`,
    steps: testConnectionSteps(profile).map(({ method: _method, todo: _todo, ...step }) => step),
  };
}

// ---------------------------------------------------------------------------------------------
// Python

/** A `# TODO: ...` comment wrapped at the line length. */
export function todoComment(indent: string, textBody: string, prefix = 'TODO: '): string {
  const words = `${prefix}${textBody}`.split(/\s+/);
  const lines: string[] = [];
  let line = `${indent}#`;
  for (const word of words) {
    const candidate = `${line} ${word}`;
    if (candidate.length > LINE_LENGTH && line !== `${indent}#`) {
      lines.push(line);
      line = `${indent}#   ${word}`;
    } else {
      line = candidate;
    }
  }
  lines.push(line);
  return lines.join('\n');
}

const TYPING = ['Any', 'Dict', 'Iterable', 'List', 'Optional', 'Tuple'];
const typingUsed = (...annotations: string[]): string[] =>
  TYPING.filter((t) => annotations.some((a) => new RegExp(`\\b${t}\\b`).test(a)));

/** One stub per abstract method: a TODO comment and an empty body. */
export function renderStub(method: AbstractMethod): string {
  const signature = defLine(I1, method.name, ['self', ...method.params], method.returns);
  const body = method.generator ? `${I2}yield from ()` : `${I2}return ${method.empty}`;
  return `${signature}\n${todoComment(I2, method.todo)}\n${body}`;
}

/** `create`: validates the workflow source and rejects another connection type. */
function createMethod(className: string, connectionClass: string): string {
  return [
    `${I1}@classmethod`,
    defLine(I1, 'create', ['cls', 'config_dict: dict', 'metadata: OpenMetadata', 'pipeline_name: Optional[str] = None'], pyString(className)),
    `${I2}config: WorkflowSource = WorkflowSource.model_validate(config_dict)`,
    `${I2}connection = config.serviceConnection.root.config`,
    isinstanceLine(I2, 'connection', connectionClass),
    callLine(I3, 'raise InvalidSourceException', [`f"Expected ${connectionClass}, but got {connection}"`]),
    `${I2}return cls(config, metadata)`,
  ].join('\n');
}

/** Auth handling lines of a REST client's __init__ (8-space indent). */
function restAuthLines(profile: OpenMetadataProfile): string[] {
  const database = profile.serviceType === 'database';
  const lines: string[] = [];
  const has = (a: OmAuthType): boolean => profile.authTypes.includes(a);
  const bearer = (expr: string): string[] => [
    `${I2}if ${expr} is not None:`,
    `${I3}token = ${expr}.get_secret_value()`,
    `${I3}self.session.headers["Authorization"] = f"Bearer {token}"`,
  ];
  if (has('basic')) {
    if (database) {
      lines.push(
        `${I2}password = getattr(config.authType, "password", None)`,
        `${I2}if config.username and password is not None:`,
        `${I3}self.session.auth = (config.username, password.get_secret_value())`,
      );
    } else {
      lines.push(
        `${I2}if config.username and config.password is not None:`,
        `${I3}self.session.auth = (config.username, config.password.get_secret_value())`,
      );
    }
  }
  if (has('token')) lines.push(...bearer('config.token'));
  if (has('jwt') && !database) lines.push(...bearer('config.jwt'));
  const todo: string[] = [];
  if (has('jwt') && database) todo.push('jwt: send config.authType.jwt as a bearer token');
  if (has('oauth')) todo.push('oauth: fetch an access token from config.tokenUrl with clientId/clientSecret and send it as a bearer token');
  if (has('iam')) todo.push(`iam: sign the requests with the AWS credentials (${database ? 'config.authType.awsConfig' : 'config.awsConfig'})`);
  if (has('azure')) todo.push(`azure: get an Azure AD token from ${database ? 'config.authType.azureConfig' : 'config.azureConfig'}`);
  for (const item of todo) lines.push(todoComment(I2, item));
  return lines;
}

type DictEntries = Array<[string, string | DictEntries]>;

/** A Python dict literal, exploded one entry per line with trailing commas (black keeps it so). */
function pyDict(indent: string, entries: DictEntries): string {
  if (entries.length === 0) return '{}';
  const lines = ['{'];
  for (const [key, val] of entries) {
    const rendered = typeof val === 'string' ? val : pyDict(`${indent}${I1}`, val);
    const subscript = /^([A-Za-z_][\w.]*)\[(.+)\]$/.exec(rendered);
    const line = `${indent}${I1}${pyString(key)}: ${rendered},`;
    if (line.length > LINE_LENGTH && subscript) {
      lines.push(bracketed(`${indent}${I1}`, `${pyString(key)}: ${subscript[1]}`, '[', [subscript[2]!], ']', ','));
    } else {
      lines.push(line);
    }
  }
  lines.push(`${indent}}`);
  return lines.join('\n');
}

/** A connection field the integration tests fill in, by where its value comes from. */
interface IntegrationField {
  /** path in the connection config, e.g. ['authType', 'password'] */
  path: string[];
  envVar: string;
  /** Python expression of the value in the Docker variant */
  docker: string;
  secret: boolean;
}

function setPath(entries: DictEntries, path: string[], valueExpr: string): void {
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) {
    entries.push([head, valueExpr]);
    return;
  }
  let child = entries.find(([k]) => k === head)?.[1] as DictEntries | undefined;
  if (!child || typeof child === 'string') {
    child = [];
    entries.push([head, child]);
  }
  setPath(child, rest, valueExpr);
}

function integrationFields(profile: OpenMetadataProfile, features: Features, prefix: string): IntegrationField[] {
  const address = addressOf(profile, features);
  const database = profile.serviceType === 'database';
  const hostExpr = address.uri ? 'f"http://{host}:{port}"' : 'f"{host}:{port}"';
  const fields: IntegrationField[] = [
    { path: [address.key], envVar: `${prefix}_${address.key === 'hostPort' ? 'HOST_PORT' : 'BOOTSTRAP_SERVERS'}`, docker: hostExpr, secret: false },
  ];
  const first = profile.authTypes[0];
  const needsUser = features.sqlalchemy || first === 'basic';
  if (needsUser) fields.push({ path: ['username'], envVar: `${prefix}_USERNAME`, docker: 'USERNAME', secret: false });
  if (first === 'basic') {
    fields.push({ path: database ? ['authType', 'password'] : ['password'], envVar: `${prefix}_PASSWORD`, docker: 'PASSWORD', secret: true });
  } else if (first === 'token') {
    fields.push({ path: ['token'], envVar: `${prefix}_TOKEN`, docker: 'TOKEN', secret: true });
  } else if (first === 'jwt') {
    fields.push({ path: database ? ['authType', 'jwt'] : ['jwt'], envVar: `${prefix}_JWT`, docker: 'TOKEN', secret: true });
  } else if (first === 'oauth') {
    fields.push(
      { path: ['clientId'], envVar: `${prefix}_CLIENT_ID`, docker: 'CLIENT_ID', secret: false },
      { path: ['clientSecret'], envVar: `${prefix}_CLIENT_SECRET`, docker: 'CLIENT_SECRET', secret: true },
    );
  }
  return fields;
}

function pythonData(profile: OpenMetadataProfile) {
  const names = openMetadataNames(profile);
  const features = featuresOf(profile);
  const modules = modulesOf(profile, names);
  const camel = names.typeValue;
  const connectionClass = `${camel}Connection`;
  const sourceClass = `${camel}Source`;
  const clientClass = `${camel}Client`;
  const prefix = constantPrefix(profile.name);
  const base = baseClassFor(profile.serviceType, features.sqlalchemy);
  const steps = testConnectionSteps(profile);
  const constants = {
    testGetQueries: `${prefix}_TEST_GET_QUERIES`,
    sqlStatement: `${prefix}_SQL_STATEMENT`,
    storedProcedures: `${prefix}_GET_STORED_PROCEDURES`,
  };

  // metadata.py -------------------------------------------------------------------------
  const extraMethods: AbstractMethod[] = features.sqlalchemy && features.storedProcedures
    ? ABSTRACT_METHODS.DatabaseServiceSource!.filter((m) => m.name === 'get_stored_procedures' || m.name === 'yield_stored_procedure').map((m) =>
        m.name === 'get_stored_procedures'
          ? { ...m, todo: `run ${constants.storedProcedures} (queries.py) for the schema in self.context.get().database_schema and yield one item per procedure` }
          : m,
      )
    : [];
  const stubs = [...base.abstractMethods, ...extraMethods];
  const restDatabase = profile.serviceType === 'database' && !features.sqlalchemy;
  const annotations = stubs.flatMap((m) => [...m.params, m.returns]);
  const metadataImports: PyImport[] = [
    { module: 'typing', names: ['Optional', ...typingUsed(...annotations)] },
    { module: modules.schema, names: [connectionClass] },
    { module: 'metadata.ingestion.api.steps', names: ['InvalidSourceException', 'OpenMetadata'] },
    { module: base.module, names: [base.name] },
    { module: WORKFLOW_SOURCE_MODULE[base.name]!, names: ['WorkflowSource'] },
    { module: 'metadata.utils.logger', names: ['ingestion_logger'] },
  ];
  if (annotations.some((a) => a.includes('Either'))) metadataImports.push({ module: 'metadata.ingestion.api.models', names: ['Either'] });
  if (restDatabase) {
    metadataImports.push(
      { module: 'metadata.ingestion.connections.test_connections', names: ['raise_test_connection_exception'] },
      // the module, looked up at call time, so a test can patch connection.get_connection
      { module: modules.package, names: ['connection'], alias: 'source_connection' },
    );
  }

  // connection.py -----------------------------------------------------------------------
  const connectionImports: PyImport[] = features.sqlalchemy
    ? [
        { module: 'typing', names: ['Any', 'Optional'] },
        { module: 'sqlalchemy.engine', names: ['Engine'] },
        { module: modules.schema, names: [connectionClass], alias: `${connectionClass}Config` },
        { module: 'metadata.ingestion.connections.builders', names: ['create_generic_db_connection', 'get_connection_args_common', 'get_connection_url_common'] },
        { module: 'metadata.ingestion.connections.connection', names: ['BaseConnection'] },
        { module: 'metadata.ingestion.connections.test_connections', names: ['THREE_MIN', 'OpenMetadata', 'test_connection_db_schema_sources'] },
        ...(features.queryLog ? [{ module: modules.queries, names: [constants.testGetQueries] }] : []),
      ]
    : [
        { module: 'typing', names: ['Any', 'Optional'] },
        { module: modules.schema, names: [connectionClass] },
        { module: 'metadata.ingestion.connections.test_connections', names: ['THREE_MIN', 'OpenMetadata', 'test_connection_steps'] },
        { module: modules.client, names: [clientClass] },
      ];
  const hasAuthType = profile.authTypes.some((a) => ['basic', 'iam', 'azure', 'jwt'].includes(a));
  const engineTodo = [
    'the default URL is scheme://username:password@hostPort/databaseSchema with connectionOptions in the query string and connectionArguments passed to the driver.',
    hasAuthType
      ? 'get_connection_url_common reads the password from authType (basic, IAM and Azure tokens); handle the other auth types here.'
      : 'This connection has no authType, which get_connection_url_common expects: pass your own get_connection_url_fn that adds the credentials.',
  ].join(' ');

  // client.py ---------------------------------------------------------------------------
  const rest = profile.connectionType === 'rest_api' && profile.serviceType !== 'messaging';
  const clientImports: PyImport[] = [
    { module: 'typing', names: ['Any', 'List'] },
    { module: modules.schema, names: [connectionClass] },
    { module: 'metadata.utils.logger', names: ['ingestion_logger'] },
    ...(rest ? [{ module: 'requests' }] : []),
  ];
  const clientMethods = steps.filter((s) => s.method).map((s) => ({
    name: s.method!,
    step: s.name,
    def: defLine(I1, s.method!, ['self'], s.name === 'CheckAccess' ? 'None' : 'List[Any]'),
    todo: todoComment(I2, s.todo!),
    isCheck: s.name === 'CheckAccess',
  }));

  // query-log files ---------------------------------------------------------------------
  const queryParserClass = `${camel}QueryParserSource`;
  const workflowFromQueryParser = 'metadata.ingestion.source.database.query_parser_source';
  const queryParserImports: PyImport[] = [
    { module: 'abc', names: ['ABC'] },
    { module: 'typing', names: ['Optional'] },
    { module: modules.schema, names: [connectionClass] },
    { module: 'metadata.ingestion.api.steps', names: ['InvalidSourceException', 'OpenMetadata'] },
    { module: modules.queries, names: [constants.sqlStatement] },
    { module: workflowFromQueryParser, names: ['QueryParserSource', 'WorkflowSource'] },
  ];
  const lineageImports: PyImport[] = [
    { module: 'metadata.ingestion.source.database.lineage_source', names: ['LineageSource'] },
    { module: modules.queryParser, names: [queryParserClass] },
  ];
  const usageImports: PyImport[] = [
    { module: 'metadata.ingestion.source.database.usage_source', names: ['UsageSource'] },
    { module: modules.queryParser, names: [queryParserClass] },
  ];

  // service_spec.py ---------------------------------------------------------------------
  const specArgs: Array<[string, string]> = [['metadata_source_class', sourceClass]];
  const specImports: PyImport[] = [{ module: modules.metadata, names: [sourceClass] }];
  if (features.sqlalchemy) {
    if (features.lineage) {
      specArgs.push(['lineage_source_class', `${camel}LineageSource`]);
      specImports.push({ module: modules.lineage, names: [`${camel}LineageSource`] });
    }
    if (features.usage) {
      specArgs.push(['usage_source_class', `${camel}UsageSource`]);
      specImports.push({ module: modules.usage, names: [`${camel}UsageSource`] });
    }
    specArgs.push(['connection_class', connectionClass]);
    specImports.push(
      { module: modules.connection, names: [connectionClass] },
      { module: 'metadata.utils.service_spec.default', names: ['DefaultDatabaseSpec'] },
    );
  } else {
    specImports.push({ module: 'metadata.utils.service_spec', names: ['BaseSpec'] });
  }

  // tests -------------------------------------------------------------------------------
  const address = addressOf(profile, features);
  const workflowConnection: DictEntries = [['type', pyString(camel)]];
  const schema = connectionSchema(profile);
  for (const key of schema.required as string[]) {
    workflowConnection.push([key, pyString(key === address.key ? address.sample : key)]);
  }
  const unitConfig = pyDict('', [
    ['type', pyString(names.packageName)],
    ['serviceName', pyString(`local_${profile.name}`)],
    ['serviceConnection', [['config', workflowConnection]]],
    ['sourceConfig', [['config', [['type', pyString(METADATA_PIPELINE_TYPE[profile.serviceType])]]]]],
  ]);
  const unitImports: PyImport[] = [
    { module: 'unittest', names: ['TestCase'] },
    { module: 'unittest.mock', names: ['MagicMock', 'patch'] },
    { module: modules.schema, names: [connectionClass] },
    { module: modules.package, names: ['connection'] },
    { module: modules.metadata, names: [sourceClass] },
  ];
  const unitPatches = [
    callLine(I1, '@patch.object', [sourceClass, pyString('test_connection')]),
    callLine(I1, '@patch.object', ['connection', pyString('get_connection')]),
    ...(features.sqlalchemy ? [callLine(I1, '@patch.object', [`connection.${connectionClass}`, pyString('_get_client')])] : []),
  ];
  const unitPatchArgs = features.sqlalchemy ? ['self', '_get_client', 'get_connection', '_test_connection'] : ['self', 'get_connection', '_test_connection'];

  const fields = integrationFields(profile, features, prefix);
  const docker = profile.dockerImage ? { image: pyString(profile.dockerImage), port: String(profile.dockerPort) } : undefined;
  const envConfig: DictEntries = [['type', pyString(camel)]];
  const dockerConfig: DictEntries = [['type', pyString(camel)]];
  for (const field of fields) {
    setPath(envConfig, field.path, `os.environ[${pyString(field.envVar)}]`);
    setPath(dockerConfig, field.path, field.docker);
  }
  const dockerConstants = [...new Set(fields.map((f) => f.docker).filter((d) => /^[A-Z_]+$/.test(d)))];
  const serviceEntity = SERVICE_ENTITY_CLASS[profile.serviceType];
  const containerFixture = 'source_container';
  const commonIntegrationImports: PyImport[] = [
    { module: 'pytest' },
    { module: '_openmetadata_testutils.ometa', names: ['OM_JWT', 'int_admin_ometa'] },
    { module: modules.schema, names: [connectionClass] },
  ];
  const conftestImports: PyImport[] = docker
    ? [
        ...commonIntegrationImports,
        { module: 'testcontainers.core.container', names: ['DockerContainer'] },
        { module: '_openmetadata_testutils.helpers.docker', names: ['try_bind'] },
      ]
    : [{ module: 'os' }, ...commonIntegrationImports];
  const connectionTestImports: PyImport[] = [
    ...(docker ? [] : [{ module: 'os' }]),
    { module: 'pytest' },
    { module: '_openmetadata_testutils.ometa', names: ['int_admin_ometa'] },
    ...(docker
      ? [
          { module: 'testcontainers.core.container', names: ['DockerContainer'] },
          { module: '_openmetadata_testutils.helpers.docker', names: ['try_bind'] },
        ]
      : []),
    { module: modules.schema, names: [connectionClass] },
    // the module, not its functions: pytest would collect an imported test_connection as a test
    { module: modules.package, names: ['connection'] },
  ];
  const metadataTestImports: PyImport[] = [
    { module: modules.serviceSchema, names: [serviceEntity] },
    { module: 'metadata.workflow.metadata', names: ['MetadataWorkflow'] },
  ];
  const workflowSource = pyDict(I2, [
    ['type', pyString(names.packageName)],
    ['serviceName', 'SERVICE_NAME'],
    ['serviceConnection', [['config', 'connection_config']]],
    ['sourceConfig', [['config', [['type', pyString(METADATA_PIPELINE_TYPE[profile.serviceType])]]]]],
  ]);

  return {
    classes: { connection: connectionClass, source: sourceClass, client: clientClass, queryParser: queryParserClass, base: base.name },
    constants,
    metadata: {
      imports: importBlock(metadataImports),
      classLine: classLine(sourceClass, [base.name]),
      create: createMethod(sourceClass, connectionClass),
      stubs: stubs.map(renderStub),
      restDatabase,
      runTestConnection: callLine(I2, 'result = source_connection.test_connection', ['self.metadata', 'self.client', 'self.service_connection']),
      workflowSourceNote: WORKFLOW_SOURCE_MODULE[base.name] !== base.module,
    },
    connection: {
      imports: importBlock(connectionImports),
      classLine: genericClassLine(connectionClass, 'BaseConnection', [`${connectionClass}Config`, 'Engine']),
      returnClient: callLine(I1, `return ${connectionClass}`, ['connection'], '.client'),
      getConnectionDef: defLine('', 'get_connection', [`connection: ${features.sqlalchemy ? `${connectionClass}Config` : connectionClass}`], features.sqlalchemy ? 'Engine' : clientClass),
      engineTodo: todoComment(I2, engineTodo),
      testQueries: features.queryLog ? pyDict('', [['GetQueries', constants.testGetQueries]]) : '{}',
      testFn: pyDict(I1, steps.filter((s) => s.method).map((s) => [s.name, `client.${s.method}`] as [string, string])),
      clientParam: `client: ${clientClass}`,
      serviceConnectionParam: `service_connection: ${features.sqlalchemy ? `${connectionClass}Config` : connectionClass}`,
      notImplemented: callLine(I2, 'raise NotImplementedError', [pyString(`get_connection_dict is not implemented for ${camel}`)]),
    },
    client: {
      imports: importBlock(clientImports),
      classLine: classLine(clientClass, []).replace('():', ':'),
      initDef: defLine(I1, '__init__', ['self', `config: ${connectionClass}`]),
      rest,
      addressKey: address.key,
      authLines: restAuthLines(profile),
      methods: clientMethods,
    },
    queries: {
      needsTextwrap: features.queryLog || features.storedProcedures,
    },
    queryParser: {
      imports: importBlock(queryParserImports),
      classLine: classLine(queryParserClass, ['QueryParserSource', 'ABC']),
      create: createMethod(queryParserClass, connectionClass),
    },
    lineage: { imports: importBlock(lineageImports), classLine: classLine(`${camel}LineageSource`, [queryParserClass, 'LineageSource']) },
    usage: { imports: importBlock(usageImports), classLine: classLine(`${camel}UsageSource`, [queryParserClass, 'UsageSource']) },
    serviceSpec: {
      imports: importBlock(specImports),
      call: features.sqlalchemy ? 'DefaultDatabaseSpec' : 'BaseSpec',
      args: specArgs.map(([k, v]) => `${I1}${k}=${v},`),
    },
    unitTest: {
      imports: importBlock(unitImports),
      config: unitConfig,
      classLine: classLine(`${camel}SourceTest`, ['TestCase']),
      patches: unitPatches,
      setUpDef: defLine(I1, 'setUp', unitPatchArgs),
      createSource: callLine(I2, `self.source = ${sourceClass}.create`, ['CONFIG', 'MagicMock()']),
      assertions: [
        callLine(I2, 'self.assertIsInstance', ['self.source', sourceClass]),
        callLine(I2, 'self.assertIsInstance', ['self.source.service_connection', connectionClass]),
        callLine(I2, 'self.assertEqual', ['self.source.service_connection.type.value', pyString(camel)]),
      ],
      sqlalchemy: features.sqlalchemy,
    },
    integration: {
      conftestImports: importBlock(conftestImports),
      connectionTestImports: importBlock(connectionTestImports),
      metadataTestImports: importBlock(metadataTestImports),
      docker,
      containerFixture,
      containerParam: containerFixture,
      envConfig: pyDict(I1, envConfig),
      dockerConfig: pyDict(I1, dockerConfig),
      dockerConfigNested: pyDict(I2, dockerConfig),
      dockerConstants,
      envVars: fields.map((f) => f.envVar),
      requiredEnv: `REQUIRED_ENV = ${pyListLiteral(fields.map((f) => pyString(f.envVar)))}`,
      workflowSource,
      serviceEntity,
      serviceName: pyString(`integration_${profile.name}`),
      validateConnectionConfig: callLine(I1, `return ${connectionClass}.model_validate`, ['connection_config']),
      validateConfig: callLine(I1, `return ${connectionClass}.model_validate`, ['config']),
      yieldValidatedConfig: callLine(I2, `yield ${connectionClass}.model_validate`, ['config']),
      deleteCall: callLine(I3, 'metadata.delete', [`entity=${serviceEntity}`, 'entity_id=service.id', 'recursive=True', 'hard_delete=True']),
      getByName: callLine(I1, 'service = metadata.get_by_name', [`entity=${serviceEntity}`, 'fqn=service_name']),
    },
  };
}

/** A list literal: one line if short, else one element per line with a trailing comma. */
function pyListLiteral(items: string[]): string {
  if (items.length === 0) return '[]';
  const oneLine = `[${items.join(', ')}]`;
  if (`REQUIRED_ENV = ${oneLine}`.length <= LINE_LENGTH) return oneLine;
  return ['[', ...items.map((i) => `${I1}${i},`), ']'].join('\n');
}

// ---------------------------------------------------------------------------------------------
// The brief

const code = (s: string): string => `\`${s}\``;
/** Marks a per-file TODO entry as nested under the previous one. */
const SUB = '\u0000';

/** How a stub reads in the brief: `name(params) -> returns`. */
export const methodSignature = (m: AbstractMethod): string => `${m.name}(${['self', ...m.params].join(', ')}) -> ${m.returns}`;

const AUTH_NOTES: Record<OmAuthType, string> = {
  basic: 'basic: username and password',
  iam: 'iam: AWS credentials (IAM)',
  azure: 'azure: Azure AD credentials',
  jwt: 'jwt: a JSON Web Token',
  token: 'token: an API token (property `token`, masked)',
  oauth: 'oauth: client credentials (`clientId`, `clientSecret`, `tokenUrl`)',
};

function briefValues(profile: OpenMetadataProfile, py: ReturnType<typeof pythonData>) {
  const names = openMetadataNames(profile);
  const features = featuresOf(profile);
  const modules = modulesOf(profile, names);
  const base = baseClassFor(profile.serviceType, features.sqlalchemy);
  const folder = `${INGESTION_SOURCE}/${profile.serviceType}/${names.packageName}`;
  const schemaFile = `${SPEC_SERVICES}/connections/${profile.serviceType}/${names.stem}Connection.json`;
  const testConnectionFile = `${TEST_CONNECTIONS}/${profile.serviceType}/${names.stem}.json`;
  const steps = testConnectionSteps(profile);
  const references = [REFERENCE_CONNECTORS[profile.serviceType], ...(profile.serviceType === 'database' && !features.sqlalchemy ? [DATABASE_CLIENT_REFERENCE] : [])];

  const profileRows: Array<[string, string]> = [
    ['Connector name', code(profile.name)],
    ['Display name', markdownInline(profile.displayName)],
    ['Description', profile.description ? markdownInline(profile.description) : '_none_'],
    ['Service type', code(profile.serviceType)],
    ['Service type value (enum, `type` const)', code(names.typeValue)],
    ['Workflow source `type`', code(names.packageName)],
    ['Python package', code(modules.package)],
    ['Schema / test-connection file stem', code(names.stem)],
    ['Connection type', code(profile.connectionType)],
    ...(features.sqlalchemy ? ([['SQLAlchemy scheme', code(profile.scheme || profile.name)]] as Array<[string, string]>) : []),
    ['Default port', profile.defaultPort ? code(String(profile.defaultPort)) : '_none_'],
    ['Auth types', profile.authTypes.map(code).join(', ')],
    ['Capabilities', profile.capabilities.map(code).join(', ')],
    ['Base class', code(base.name)],
    ['Docker image for integration tests', profile.dockerImage ? `${code(profile.dockerImage)} (port ${code(String(profile.dockerPort))})` : '_none_'],
  ];

  // The TODO texts are the generator's own (facts.ts), not user text: printed as they are.
  const methodList = base.abstractMethods.map((m) => `${code(methodSignature(m))}: ${m.todo}`);
  const perFile: Array<{ file: string; todos: string[] }> = [];
  const push = (file: string, ...todos: string[]): void => {
    perFile.push({ file, todos });
  };
  push(
    schemaFile,
    'Check every property against the source: add the settings users need (regions, projects, API versions...) and remove the ones that do not apply.',
    `Keep ${code('type')}, ${code('additionalProperties: false')} and the ${code('required')} list in line with what ${code('connection.py')} reads.`,
    ...(profile.authTypes.includes('token') || profile.authTypes.includes('oauth')
      ? ['Token and OAuth credentials are plain properties (no shared schema exists for them); keep them `format: password` so they stay masked.']
      : []),
  );
  push(
    testConnectionFile,
    `Step names must stay equal to the keys of ${code('test_fn')} in ${code('connection.py')}${features.sqlalchemy ? ' (CheckAccess, GetSchemas, GetTables and GetViews come from `test_connection_db_schema_sources`; the others from `TEST_CONNECTION_QUERIES`)' : ''}.`,
    'Reword descriptions and error messages so a user knows which permission is missing.',
  );
  if (features.sqlalchemy) {
    push(
      `${folder}/connection.py`,
      `${code('_get_client')}: check the URL ${code('get_connection_url_common')} builds against the driver; pass your own URL or argument builder when the driver needs more.`,
      `${code('get_connection_dict')}: return the connection settings as a dict when a feature needs them, else leave it raising.`,
      ...(features.queryLog ? [`${code('TEST_CONNECTION_QUERIES')}: the GetQueries step runs ${code(py.constants.testGetQueries)} from queries.py.`] : []),
    );
    push(
      `${folder}/queries.py`,
      ...(features.queryLog
        ? [
            `${code(py.constants.sqlStatement)}: read the query log; keep the column names, they are read by name. It is formatted with start_time, end_time, filters and result_limit.`,
            `${code(py.constants.testGetQueries)}: a cheap read of the same log for the GetQueries step.`,
          ]
        : []),
      ...(features.storedProcedures ? [`${code(py.constants.storedProcedures)}: list the stored procedures of one schema with their definitions.`] : []),
      'Add any SQL the inspector cannot answer (comments, partitions, owners).',
    );
    push(
      `${folder}/metadata.py`,
      `${code(base.name)} implements the whole database topology through the SQLAlchemy inspector; override only what the dialect gets wrong (e.g. ${code('get_database_names')}, ${code('get_table_description')}, ${code('query_table_names_and_types')}).`,
      ...(features.storedProcedures
        ? [`Stored procedures: implement ${code('get_stored_procedures')} and ${code('yield_stored_procedure')}; the pipeline's includeStoredProcedures option turns them on (connectionBasicType has no capability flag for them).`]
        : []),
    );
    if (features.queryLog) {
      push(`${folder}/query_parser.py`, `${code(py.classes.queryParser)} reads the log with ${code('sql_stmt')}; override ${code('get_sql_statement(self, start_time, end_time)')} when the statement needs more parameters.`);
    }
    if (features.lineage) push(`${folder}/lineage.py`, `${code('filters')}: SQL that keeps the statements that move data (CREATE TABLE AS, INSERT ... SELECT, MERGE).`);
    if (features.usage) push(`${folder}/usage.py`, `${code('filters')}: SQL that keeps the statements worth counting (SELECT, and whatever else counts as use).`);
  } else {
    push(
      `${folder}/client.py`,
      ...steps.filter((s) => s.method).map((s) => `${code(s.method!)} (step ${s.name}): ${s.todo!}.`),
      'Add the calls metadata.py needs; handle pagination, rate limits and errors here, not in the source.',
    );
    push(`${folder}/connection.py`, `${code('get_connection')} builds the client; ${code('test_connection')} maps every step to a client method.`);
    push(
      `${folder}/metadata.py`,
      `Implement every abstract method of ${code(base.name)} (each stub yields or returns nothing until then):`,
      ...methodList.map((line) => `${SUB}${line}`),
      ...(profile.serviceType === 'database'
        ? ['`__init__` builds the client through connection.get_connection and runs the test connection; `prepare` and `close` are there for setup and teardown.']
        : []),
    );
  }
  push(`${folder}/service_spec.py`, 'Nothing to do unless classes are renamed or added (lineage, usage, profiler).');
  push(`ingestion/tests/unit/topology/${profile.serviceType}/test_${profile.name}.py`, 'Add tests per method with the client (or engine) mocked and sample responses from the source docs.');
  push(
    `ingestion/tests/integration/${profile.name}/conftest.py`,
    profile.dockerImage
      ? 'Set the environment the image needs (users, passwords), wait until it accepts connections, and load sample data.'
      : `Export ${py.integration.envVars.map(code).join(', ')} to point the tests at a running ${markdownInline(profile.displayName)}.`,
  );
  push(`ingestion/tests/integration/${profile.name}/test_metadata.py`, 'Assert on the entities the ingestion created (names, columns, descriptions).');

  const fileTodos = perFile
    .map(({ file, todos }) => [`- ${code(file)}`, ...todos.map((t) => (t.startsWith(SUB) ? `    - ${t.slice(SUB.length)}` : `  - ${t}`))].join('\n'))
    .join('\n');

  return {
    profileTable: profileRows.map(([k, v]) => `| ${k} | ${v} |`).join('\n'),
    description: profile.description ? markdownInline(profile.description) : '_none_',
    sdkPackage: profile.sdkPackage ? code(profile.sdkPackage.replace(/`/g, "'").replace(/[\r\n]+/g, ' ')) : '_none_',
    authNotes: profile.authTypes.map((a) => `- ${AUTH_NOTES[a]}`).join('\n'),
    references: references
      .map((r) => [`- ${r.label}: ${code(r.folder)}`, ...r.files.map((f) => `  - ${code(f)}`)].join('\n'))
      .join('\n'),
    baseClass: code(base.name),
    baseModule: code(base.module),
    baseFile: code(base.file),
    abstractMethods: methodList.length > 0 ? methodList.map((l) => `- ${l}`).join('\n') : `_none: ${code(base.name)} implements every abstract method of DatabaseServiceSource through SQLAlchemy_`,
    fileTodos,
    steps: steps.map((s) => `- ${code(s.name)}${s.mandatory ? ' (mandatory)' : ''}${s.method ? `: ${code(`client.${s.method}`)}` : ''}`).join('\n'),
    unsupported:
      features.unsupported.length > 0
        ? `Not generated for a ${code(profile.connectionType)} database: ${features.unsupported.map(code).join(', ')}. OpenMetadata runs query-log lineage and usage, the profiler and data diff through SQLAlchemy; implement them by hand (e.g. lineage in metadata.py) or switch the connection type.`
        : '',
    workflowSourceNote: py.metadata.workflowSourceNote
      ? `${code('WorkflowSource')} is ${code('metadata.generated.schema.metadataIngestion.workflow.Source')}; metadata.py imports it from ${code(WORKFLOW_SOURCE_MODULE[base.name]!)}, which re-exports it. Import it from its home module if you prefer.`
      : '',
    schemaFile: code(schemaFile),
    testConnectionFile: code(testConnectionFile),
    folder: code(folder),
    sourceType: code(names.packageName),
    unitTest: code(`ingestion/tests/unit/topology/${profile.serviceType}/test_${profile.name}.py`),
    unitTestRun: code(`pytest tests/unit/topology/${profile.serviceType}/test_${profile.name}.py`),
    integrationFolder: code(`ingestion/tests/integration/${profile.name}/`),
    connectionTest: code(`ingestion/tests/integration/connections/test_${profile.name}_connection.py`),
  };
}

export function templateData(profile: OpenMetadataProfile): Record<string, unknown> {
  const names = openMetadataNames(profile);
  const features = featuresOf(profile);
  const py = pythonData(profile);
  return {
    profile,
    names,
    features,
    modules: modulesOf(profile, names),
    connectionSchemaJson: `${JSON.stringify(connectionSchema(profile), null, 2)}\n`,
    testConnectionJson: `${JSON.stringify(testConnectionDefinition(profile), null, 2)}\n`,
    py,
    md: briefValues(profile, py),
  };
}

