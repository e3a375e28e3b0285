/**
 * connection.py on the checks API (2.0, where the reference connector of the
 * kind uses it): an ErrorPack of the driver's common failures, a checks class
 * with one `@check(<Step>)` method per test-connection step, and the
 * BaseConnection subclass whose `checks()` hands the runner that class over a
 * borrowed client. The runner (BaseConnection.test_connection) does the rest.
 */
import { defined } from '../../../../core/invariant.js';
import { I1, I2, type PyImport } from '../../python.js';
import type { ChecksApiUse } from '../../facts/index.js';
import type { TestStep } from '../test-connection.js';
import type { PythonContext } from './context.js';
import { PENDING_TODO_MARK, pendingQueryLogTodo } from './query-log.js';
import { driverOf, errorRulesOf, signalModules, type ErrorRule, type Signal } from './error-pack.js';

/** A Python string literal as ruff writes it: double quotes, single when the text holds a double quote. */
function pyText(value: string): string {
  if (/[\\\n\r]/.test(value) || (value.includes('"') && value.includes("'"))) throw new Error(`not a plain value for a Python literal: ${value}`);
  return value.includes('"') ? `'${value}'` : `"${value}"`;
}

/** The Python matcher of one signal; single phrases of a rule are merged into one _says_any. */
function signalExpressions(signals: Signal[]): string[] {
  const single = signals.flatMap((s) => ('phrases' in s && s.phrases.length === 1 ? s.phrases : []));
  const expressions: string[] = [];
  let merged = false;
  for (const signal of signals) {
    if ('phrases' in signal) {
      if (signal.phrases.length > 1) expressions.push(`_says_all(${signal.phrases.map(pyText).join(', ')})`);
      else if (!merged) {
        expressions.push(`_says_any(${single.map(pyText).join(', ')})`);
        merged = true;
      }
    } else if ('errno' in signal) expressions.push(`Matchers.errno(${signal.errno.join(', ')})`);
    else if ('httpStatus' in signal) expressions.push(`http_status(${signal.httpStatus})`);
    else expressions.push(`Matchers.exception(${signal.exception})`);
  }
  return expressions;
}

const matcherOf = (rule: ErrorRule): string => {
  const expressions = signalExpressions(rule.signals);
  const [only, ...others] = expressions;
  return only !== undefined && others.length === 0 ? only : `Matchers.any_of(${expressions.join(', ')})`;
};

/** `NAME = ErrorPack(when(...).diagnose(...), ...).including(NETWORK_ERRORS)`, one rule per entry, as ruff lays it out. */
function errorPackLines(ctx: PythonContext, name: string, rules: ErrorRule[], network: string): string {
  const lineLength = ctx.layout.style.lineLength;
  const lines = [`${name} = ErrorPack(`];
  for (const rule of rules) {
    const head = `${I1}when(${matcherOf(rule)}).diagnose(`;
    // the formatter would wrap a longer head differently: keep the data short enough instead
    if (head.length > lineLength) throw new Error(`error rule "${rule.title}": its matcher is too long for one line (${head.length} > ${lineLength})`);
    lines.push(head, `${I2}${pyText(rule.title)},`, `${I2}fix=${pyText(rule.fix)},`, `${I1}),`);
  }
  lines.push(`).including(${network})`);
  return lines.join('\n');
}

const snake = (step: string): string => step.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** What a list step counts, singular: GetPipelines -> "pipeline", ListBuckets -> "bucket". */
const nounOf = (step: string): string =>
  snake(step)
    .replace(/^(get|list)_/, '')
    .replace(/_/g, ' ')
    .replace(/s$/, '');

interface CheckMethod {
  decorator: string;
  def: string;
  body: string;
}

/** The SQLAlchemy steps, each on the release's helper for it; GetQueries runs the connector's own query-log probe. */
function sqlalchemyCheck(ctx: PythonContext, step: TestStep, enumName: string): CheckMethod {
  const L = ctx.layout;
  const engine = 'self._engine.client';
  const calls: Record<string, string[]> = {
    CheckAccess: ['ping', engine],
    GetSchemas: ['list_schemas', engine],
    GetTables: ['list_tables', engine, 'self._schema', 'self.SYSTEM_SCHEMAS'],
    GetViews: ['list_views', engine, 'self._schema', 'self.SYSTEM_SCHEMAS'],
    GetQueries: ['run_sql', engine, ctx.constants.testGetQueries, 'lambda _: "query log readable"'],
  };
  const decorator = `${I1}@check(${enumName}.${step.name})`;
  const def = L.defLine(I1, snake(step.name), ['self'], 'Evidence');
  if (step.name === 'GetQueries' && !ctx.queryLog) {
    // no SQL reads a query history nobody knows: the step fails with what to write instead
    const todo = pendingQueryLogTodo(ctx);
    return { decorator, def, body: `${L.todoComment(I2, PENDING_TODO_MARK)}\n${L.callLine(I2, 'raise NotImplementedError', [pyText(todo)])}` };
  }
  const call = calls[step.name];
  if (!call) throw new Error(`no checks-API helper known for the SQLAlchemy step ${step.name}`);
  const [helper, ...args] = call as [string, ...string[]];
  return { decorator, def, body: L.callLine(I2, `return ${helper}`, args) };
}

/** A client step: the access step proves the credentials, the others count what the client lists. */
function clientCheck(ctx: PythonContext, step: TestStep, enumName: string): CheckMethod {
  const L = ctx.layout;
  const clientMethod = defined(step.method, `the step ${step.name} of a client-based connector names its client method (clientSteps)`);
  const method = `self._client.client.${clientMethod}`;
  const command = `command=${pyText(`${ctx.classes.client}.${clientMethod}()`)}`;
  const access = step.name === 'CheckAccess';
  return {
    decorator: `${I1}@check(${enumName}.${step.name})`,
    def: L.defLine(I1, snake(step.name), ['self'], 'Evidence'),
    body: access
      ? L.callLine(I2, 'return verify_access', [method, command])
      : L.callLine(I2, 'return fetch_list', [method, pyText(nounOf(step.name)), command]),
  };
}

/** Every step of the definition must be a member of the release's step enum: a check names its step by it. */
function assertInEnum(steps: TestStep[], use: ChecksApiUse): void {
  const missing = steps.map((s) => s.name).filter((name) => !use.stepEnum.members.includes(name));
  if (missing.length > 0) throw new Error(`test-connection steps ${missing.join(', ')} are not members of ${use.stepEnum.name}`);
}

export function checksValues(ctx: PythonContext, use: ChecksApiUse) {
  const L = ctx.layout;
  const { features, classes, prefix } = ctx;
  const sqlalchemy = features.sqlalchemy;
  const rules = errorRulesOf(driverOf(ctx.profile, sqlalchemy, features.restClient));
  const packName = `${prefix}_ERRORS`;
  assertInEnum(ctx.steps, use);
  const config = `${classes.connection}Config`;
  const clientType = sqlalchemy ? 'Engine' : classes.client;
  const phrases = rules.flatMap((r) => r.signals).filter((s): s is { phrases: string[] } => 'phrases' in s);
  return {
    imports: L.importBlock(checksImports(ctx, use, rules)),
    errorPack: errorPackLines(ctx, packName, rules, use.api.networkErrors.name),
    packName,
    saysAny: phrases.some((s) => s.phrases.length === 1),
    saysAll: phrases.some((s) => s.phrases.length > 1),
    checksClass: `${classes.connection.replace(/Connection$/, '')}Checks`,
    initDef: L.defLine(
      I1,
      '__init__',
      sqlalchemy ? ['self', `engine: ${use.api.borrowed.name}[Engine]`, 'schema: Optional[str]'] : ['self', `client: ${use.api.borrowed.name}[${classes.client}]`],
      'None',
    ),
    checkMethods: ctx.steps.map((s) => (sqlalchemy ? sqlalchemyCheck(ctx, s, use.stepEnum.name) : clientCheck(ctx, s, use.stepEnum.name))),
    classLine: L.genericClassLine(classes.connection, 'BaseConnection', [config, clientType]),
    checksCall: sqlalchemy
      ? L.callLine(I2, `return ${classes.connection.replace(/Connection$/, '')}Checks`, ['self.borrow()', 'self.service_connection.databaseSchema'])
      : `${I2}return ${classes.connection.replace(/Connection$/, '')}Checks(self.borrow())`,
    getConnectionDef: L.defLine('', 'get_connection', [`connection: ${config}`], clientType),
    returnClient: sqlalchemy ? L.callLine(I1, `return ${classes.connection}`, ['connection'], '.client') : `${I1}return ${classes.client}(connection)`,
    clientType,
    stepEnum: use.stepEnum.name,
    registersTeardown: ctx.release.baseConnection.registersTeardown,
  };
}

function checksImports(ctx: PythonContext, use: ChecksApiUse, rules: ErrorRule[]): PyImport[] {
  const { modules, classes, constants, features } = ctx;
  const { api, stepEnum } = use;
  const sqlalchemy = features.sqlalchemy;
  const signals = rules.flatMap((r) => r.signals);
  const phrases = signals.some((s) => 'phrases' in s);
  const coreNames = ['ChecksProvider', 'ErrorPack', 'Evidence', 'check', 'when'];
  if (signals.some((s) => 'errno' in s || 'exception' in s) || rules.some((r) => r.signals.length > 1)) coreNames.push('Matchers');
  if (phrases) coreNames.push('Matcher', 'chain_text');
  const missing = coreNames.filter((n) => !api.core.names.includes(n));
  if (missing.length > 0) throw new Error(`checksApi.core does not list ${missing.join(', ')}`);
  const helpers = sqlalchemy
    ? ['ping', 'list_schemas', 'list_tables', 'list_views', ...(ctx.queryLog ? ['run_sql'] : [])]
    : [...(ctx.steps.some((s) => s.name === 'CheckAccess') ? ['verify_access'] : []), ...(ctx.steps.some((s) => s.name !== 'CheckAccess') ? ['fetch_list'] : [])];
  const restNames = [...(sqlalchemy ? [] : helpers), ...(signals.some((s) => 'httpStatus' in s) ? ['http_status'] : [])];
  return [
    ...ctx.layout.typingImports(sqlalchemy ? 'Optional[str]' : ''),
    ...signalModules(rules).map((module) => ({ module })),
    ...(sqlalchemy ? [{ module: 'sqlalchemy.engine', names: ['Engine'] }] : []),
    { module: api.borrowed.module, names: [api.borrowed.name] },
    { module: api.core.module, names: coreNames },
    { module: stepEnum.module, names: [stepEnum.name, ...(sqlalchemy ? helpers : [])] },
    ...(restNames.length > 0 ? [{ module: api.restHelpers.module, names: restNames }] : []),
    { module: api.networkErrors.module, names: [api.networkErrors.name] },
    { module: modules.schema, names: [classes.connection], alias: `${classes.connection}Config` },
    ...(sqlalchemy
      ? [{ module: 'metadata.ingestion.connections.builders', names: ['create_generic_db_connection', 'get_connection_args_common', 'get_connection_url_common'] }]
      : []),
    { module: 'metadata.ingestion.connections.connection', names: ['BaseConnection'] },
    ...(sqlalchemy && ctx.queryLog ? [{ module: modules.queries, names: [constants.testGetQueries] }] : []),
    ...(sqlalchemy ? [] : [{ module: modules.client, names: [classes.client] }]),
  ];
}
