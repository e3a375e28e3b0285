/** connection.py: builds the engine or client and maps the test-connection steps to what runs them. */
import type { OpenMetadataProfile } from '../../profile/spec.js';
import { I1, I2, pyString, type PyImport } from '../../python.js';
import { checksValues } from './checks.js';
import type { PythonContext } from './context.js';
import { PENDING_TODO_MARK, pendingQueryLogTodo } from './query-log.js';

export function connectionValues(ctx: PythonContext) {
  const L = ctx.layout;
  const { features, classes, constants } = ctx;
  // SQLAlchemy connection.py names its BaseConnection subclass after the connection, so it imports the schema model as ...Config.
  const schemaClass = features.sqlalchemy ? `${classes.connection}Config` : classes.connection;
  const clientSteps = ctx.steps.filter((s) => s.method);
  return {
    imports: L.importBlock(features.sqlalchemy ? sqlalchemyImports(ctx) : clientImports(ctx)),
    classLine: L.genericClassLine(classes.connection, 'BaseConnection', [`${classes.connection}Config`, 'Engine']),
    returnClient: L.callLine(I1, `return ${classes.connection}`, ['connection'], '.client'),
    newClient: L.callLine(I1, `return ${classes.client}`, ['connection']),
    getConnectionDef: L.defLine('', 'get_connection', [`connection: ${schemaClass}`], features.sqlalchemy ? 'Engine' : classes.client),
    engineTodo: L.todoComment(I2, engineTodo(ctx.profile)),
    testQueries: features.queryLog ? L.pyDict('', [['GetQueries', constants.testGetQueries]]) : '{}',
    pendingQueryLog: pendingQueryLogValues(ctx),
    testFn: L.pyDict(
      I1,
      clientSteps.map((s) => [s.name, `client.${s.method}`] as [string, string]),
    ),
    clientParam: `client: ${classes.client}`,
    serviceConnectionParam: `service_connection: ${schemaClass}`,
    notImplemented: L.callLine(I2, 'raise NotImplementedError', [pyString(`get_connection_dict is not implemented for ${ctx.typeValue}`)]),
    automationParam: L.annotation(AUTOMATION_PARAM),
    timeoutParam: L.annotation(TIMEOUT_PARAM),
    // get_connection_dict is abstract in the releases that list it (1.12); 2.0 dropped it
    connectionDict: ctx.release.baseConnection.abstractMethods.includes('get_connection_dict'),
    registersTeardown: ctx.release.baseConnection.registersTeardown,
  };
}

/** connection.py on the release's checks API, when the connection uses it (connection.py.*_checks). */
export const connectionChecksValues = (ctx: PythonContext) => (ctx.checksApi ? checksValues(ctx, ctx.checksApi) : undefined);

/** The optional parameters of every test_connection the host calls. */
const AUTOMATION_PARAM = 'automation_workflow: Optional[Any] = None';
const TIMEOUT_PARAM = 'timeout_seconds: Optional[int] = THREE_MIN';

function sqlalchemyImports(ctx: PythonContext): PyImport[] {
  const { modules, classes, constants, features, layout: L } = ctx;
  const pending = isQueryLogPending(ctx);
  return [
    ...(pending ? [{ module: 'functools', names: ['partial'] }] : []),
    ...L.typingImports(AUTOMATION_PARAM, TIMEOUT_PARAM),
    { module: 'sqlalchemy.engine', names: ['Engine'] },
    { module: modules.schema, names: [classes.connection], alias: `${classes.connection}Config` },
    {
      module: 'metadata.ingestion.connections.builders',
      names: ['create_generic_db_connection', 'get_connection_args_common', 'get_connection_url_common'],
    },
    { module: 'metadata.ingestion.connections.connection', names: ['BaseConnection'] },
    {
      module: 'metadata.ingestion.connections.test_connections',
      names: ['THREE_MIN', 'OpenMetadata', ...(pending ? PENDING_STEP_HELPERS : ['test_connection_db_schema_sources'])],
    },
    ...(features.queryLog && !pending ? [{ module: modules.queries, names: [constants.testGetQueries] }] : []),
  ];
}

/** A SQLAlchemy connection that reads the query log, when the scheme's history is unknown (see pendingQueryLogValues). */
const isQueryLogPending = (ctx: PythonContext): boolean => ctx.features.queryLog && !ctx.queryLog;

/** What the host's runner and step checks are called in connection.py when it maps the steps itself. */
const PENDING_STEP_HELPERS = ['execute_inspector_func', 'test_connection_engine_step', 'test_connection_steps'];

/**
 * The legacy test connection (1.12) while the query history is unknown: test_connection_db_schema_sources
 * runs a step beyond the inspector's only as SQL, and there is no SQL that reads an unknown log, so
 * connection.py maps the steps itself (as upstream connectors with a step of their own do): the host's
 * engine and inspector checks, and a GetQueries step that raises with its TODO.
 */
function pendingQueryLogValues(ctx: PythonContext) {
  if (!isQueryLogPending(ctx)) return undefined;
  const L = ctx.layout;
  const todo = pendingQueryLogTodo(ctx);
  return {
    todo: L.todoComment(I1, PENDING_TODO_MARK),
    raise: L.callLine(I1, 'raise NotImplementedError', [pyString(todo)]),
    steps: L.pyDict(I1, [
      ['CheckAccess', 'partial(test_connection_engine_step, engine)'],
      ['GetSchemas', 'partial(execute_inspector_func, engine, "get_schema_names")'],
      ['GetTables', 'partial(execute_inspector_func, engine, "get_table_names")'],
      ['GetViews', 'partial(execute_inspector_func, engine, "get_view_names")'],
      ['GetQueries', 'partial(read_query_log, engine)'],
    ]),
  };
}

function clientImports({ modules, classes, layout: L }: PythonContext): PyImport[] {
  return [
    ...L.typingImports(AUTOMATION_PARAM, TIMEOUT_PARAM),
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
