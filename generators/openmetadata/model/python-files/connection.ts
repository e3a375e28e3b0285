/** connection.py: builds the engine or client and maps the test-connection steps to what runs them. */
import type { OpenMetadataProfile } from '../../../../core/profile/openmetadata.js';
import { callLine, defLine, genericClassLine, I1, I2, importBlock, pyDict, pyString, todoComment, type PyImport } from '../../python.js';
import type { PythonContext } from './context.js';

export function connectionValues(ctx: PythonContext) {
  const { features, classes, constants } = ctx;
  // SQLAlchemy connection.py names its BaseConnection subclass after the connection, so it imports the schema model as ...Config.
  const schemaClass = features.sqlalchemy ? `${classes.connection}Config` : classes.connection;
  const clientSteps = ctx.steps.filter((s) => s.method);
  return {
    imports: importBlock(features.sqlalchemy ? sqlalchemyImports(ctx) : clientImports(ctx)),
    classLine: genericClassLine(classes.connection, 'BaseConnection', [`${classes.connection}Config`, 'Engine']),
    returnClient: callLine(I1, `return ${classes.connection}`, ['connection'], '.client'),
    getConnectionDef: defLine('', 'get_connection', [`connection: ${schemaClass}`], features.sqlalchemy ? 'Engine' : classes.client),
    engineTodo: todoComment(I2, engineTodo(ctx.profile)),
    testQueries: features.queryLog ? pyDict('', [['GetQueries', constants.testGetQueries]]) : '{}',
    testFn: pyDict(I1, clientSteps.map((s) => [s.name, `client.${s.method}`] as [string, string])),
    clientParam: `client: ${classes.client}`,
    serviceConnectionParam: `service_connection: ${schemaClass}`,
    notImplemented: callLine(I2, 'raise NotImplementedError', [pyString(`get_connection_dict is not implemented for ${ctx.typeValue}`)]),
  };
}

function sqlalchemyImports({ modules, classes, constants, features }: PythonContext): PyImport[] {
  return [
    { module: 'typing', names: ['Any', 'Optional'] },
    { module: 'sqlalchemy.engine', names: ['Engine'] },
    { module: modules.schema, names: [classes.connection], alias: `${classes.connection}Config` },
    { module: 'metadata.ingestion.connections.builders', names: ['create_generic_db_connection', 'get_connection_args_common', 'get_connection_url_common'] },
    { module: 'metadata.ingestion.connections.connection', names: ['BaseConnection'] },
    { module: 'metadata.ingestion.connections.test_connections', names: ['THREE_MIN', 'OpenMetadata', 'test_connection_db_schema_sources'] },
    ...(features.queryLog ? [{ module: modules.queries, names: [constants.testGetQueries] }] : []),
  ];
}

function clientImports({ modules, classes }: PythonContext): PyImport[] {
  return [
    { module: 'typing', names: ['Any', 'Optional'] },
    { module: modules.schema, names: [classes.connection] },
    { module: 'metadata.ingestion.connections.test_connections', names: ['THREE_MIN', 'OpenMetadata', 'test_connection_steps'] },
    { module: modules.client, names: [classes.client] },
  ];
}

/** What `_get_client` must check: the URL get_connection_url_common builds, and where it finds the credentials. */
function engineTodo(profile: OpenMetadataProfile): string {
  const hasAuthType = profile.authTypes.some((a) => ['basic', 'iam', 'azure', 'jwt'].includes(a));
  return [
    'the default URL is scheme://username:password@hostPort/databaseSchema with connectionOptions in the query string and connectionArguments passed to the driver.',
    hasAuthType
      ? 'get_connection_url_common reads the password from authType (basic, IAM and Azure tokens); handle the other auth types here.'
      : 'This connection has no authType, which get_connection_url_common expects: pass your own get_connection_url_fn that adds the credentials.',
  ].join(' ');
}
