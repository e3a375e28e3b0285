/** metadata.py: the metadata source, with a stub per abstract method of its base class. */
import type { AbstractMethod } from '../../facts/index.js';
import { I1, I2, I3, pyString, type PyImport, type PyLayout } from '../../python.js';
import type { ServedStub } from '../endpoints.js';
import type { PythonContext } from './context.js';

export function metadataValues(ctx: PythonContext) {
  const L = ctx.layout;
  const { base, classes } = ctx;
  const stubs = metadataStubs(ctx);
  return {
    imports: L.importBlock(metadataImports(ctx, stubs)),
    classLine: L.classLine(classes.source, [base.name]),
    create: createMethod(L, classes.source, classes.connection),
    stubs: stubs.map((stub) => renderStub(L, stub, ctx.endpoints.served.find((s) => s.stub.name === stub.name))),
    restDatabase: isRestDatabase(ctx),
    runTestConnection: L.callLine(I2, 'result = source_connection.test_connection', ['self.metadata', 'self.client', 'self.service_connection']),
    workflowSourceNote: base.workflowSourceModule !== base.module,
  };
}

/** A database read through a client rather than SQLAlchemy: its source builds the client and tests the connection itself. */
const isRestDatabase = (ctx: PythonContext): boolean => ctx.profile.serviceType === 'database' && !ctx.features.sqlalchemy;

/** The base class's abstract methods, plus the overrides the capabilities ask for (stored procedures of a SQLAlchemy database, a dashboard's usage...). */
function metadataStubs(ctx: PythonContext): AbstractMethod[] {
  return [...ctx.base.abstractMethods, ...storedProcedureStubs(ctx), ...capabilityStubs(ctx)];
}

/** The optional methods of the base class a capability asked for names (serviceTypes.<type>.capabilities). */
export function capabilityStubs({ base, serviceCapabilities }: Pick<PythonContext, 'base' | 'serviceCapabilities'>): AbstractMethod[] {
  const named = new Set(serviceCapabilities.uses.flatMap((u) => u.methods));
  return (base.optionalMethods ?? []).filter((m) => named.has(m.name));
}

function storedProcedureStubs(ctx: PythonContext): AbstractMethod[] {
  if (!(ctx.features.sqlalchemy && ctx.features.storedProcedures)) return [];
  const todo = `run ${ctx.constants.storedProcedures} (queries.py) for the schema in self.context.get().database_schema and yield one item per procedure`;
  const database = ctx.release.baseClasses.DatabaseServiceSource;
  if (!database) throw new Error(`OpenMetadata ${ctx.release.line} facts: no base class DatabaseServiceSource (stored procedures)`);
  return database.abstractMethods.filter((m) => m.name === 'get_stored_procedures' || m.name === 'yield_stored_procedure').map((m) =>
    m.name === 'get_stored_procedures' ? { ...m, todo } : m,
  );
}

function metadataImports(ctx: PythonContext, stubs: AbstractMethod[]): PyImport[] {
  const { base, modules, classes, layout: L } = ctx;
  const annotations = stubs.flatMap((m) => [...m.params, m.returns]);
  const imports: PyImport[] = [
    ...L.typingImports(CREATE_PIPELINE_NAME, ...annotations),
    { module: modules.schema, names: [classes.connection] },
    { module: 'metadata.ingestion.api.steps', names: ['InvalidSourceException', 'OpenMetadata'] },
    { module: base.module, names: [base.name] },
    { module: base.workflowSourceModule, names: ['WorkflowSource'] },
    { module: 'metadata.utils.logger', names: ['ingestion_logger'] },
  ];
  if (annotations.some((a) => a.includes('Either'))) imports.push({ module: 'metadata.ingestion.api.models', names: ['Either'] });
  if (isRestDatabase(ctx)) {
    imports.push(
      { module: 'metadata.ingestion.connections.test_connections', names: ['raise_test_connection_exception'] },
      // the module, looked up at call time, so a test can patch connection.get_connection
      { module: modules.package, names: ['connection'], alias: 'source_connection' },
    );
  }
  return imports;
}

/**
 * One stub per abstract method: a TODO comment and an empty body, or, when an
 * endpoint serves it, the body that returns (or yields) what the client's call answers.
 */
export function renderStub(L: PyLayout, method: AbstractMethod, served?: ServedStub): string {
  const signature = L.defLine(I1, method.name, ['self', ...method.params], method.returns);
  if (served) {
    const call = `${served.client}.${served.endpoint.methodName}()`;
    const todo = `${method.todo}: ${served.endpoint.methodName}() returns the decoded response of ${served.endpoint.method} ${served.endpoint.path}; unwrap the items if they are not at its top level`;
    return `${signature}\n${L.todoComment(I2, todo)}\n${I2}${method.generator ? 'yield from' : 'return'} ${call}`;
  }
  const body = method.generator ? `${I2}yield from ()` : `${I2}return ${method.empty}`;
  return `${signature}\n${L.todoComment(I2, method.todo)}\n${body}`;
}

/** The last parameter of every source's `create` (its annotation needs Optional in 1.12). */
export const CREATE_PIPELINE_NAME = 'pipeline_name: Optional[str] = None';

/** `create`: validates the workflow source and rejects another connection type (metadata.py and query_parser.py). */
export function createMethod(L: PyLayout, className: string, connectionClass: string): string {
  return [
    `${I1}@classmethod`,
    L.defLine(I1, 'create', ['cls', 'config_dict: dict', 'metadata: OpenMetadata', CREATE_PIPELINE_NAME], pyString(className)),
    `${I2}config: WorkflowSource = WorkflowSource.model_validate(config_dict)`,
    `${I2}connection = config.serviceConnection.root.config`,
    L.isinstanceLine(I2, 'connection', connectionClass),
    L.callLine(I3, 'raise InvalidSourceException', [`f"Expected ${connectionClass}, but got {connection}"`]),
    `${I2}return cls(config, metadata)`,
  ].join('\n');
}
