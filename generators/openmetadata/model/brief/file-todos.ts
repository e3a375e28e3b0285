/**
 * The brief's "what is left" list: per generated file, the TODOs in the
 * order to do them. The texts are the generator's own; the only profile
 * text is the display name, through markdownLiteral.
 */
import { markdownLiteral } from '../../../../core/text.js';
import type { EndpointPlan } from '../endpoints.js';
import { isClientStep, type ClientTestStep } from '../test-connection.js';
import { capabilityStubs } from '../python-files/metadata.js';
import { abstractMethodLines, code, methodSignature, type BriefContext } from './context.js';

/** A TODO, or an item nested under the TODO before it. */
type Todo = string | { nested: string };

interface FileTodos {
  file: string;
  todos: Todo[];
}

export function fileTodos(b: BriefContext): string {
  const files: FileTodos[] = [
    schemaTodos(b),
    testConnectionTodos(b),
    ...(b.features.sqlalchemy ? sqlalchemySourceTodos(b) : clientSourceTodos(b)),
    { file: `${b.paths.folder}/service_spec.py`, todos: ['Nothing to do unless classes are renamed or added (lineage, usage, profiler).'] },
    ...testTodos(b),
  ];
  return files.map(renderFileTodos).join('\n');
}

function renderFileTodos({ file, todos }: FileTodos): string {
  const items = todos.map((t) => (typeof t === 'string' ? `  - ${t}` : `    - ${t.nested}`));
  return [`- ${code(file)}`, ...items].join('\n');
}

function schemaTodos({ profile, paths }: BriefContext): FileTodos {
  const plainCredentials = profile.authTypes.includes('token') || profile.authTypes.includes('oauth');
  return {
    file: paths.schemaFile,
    todos: [
      'Check every property against the source: add the settings users need (regions, projects, API versions...) and remove the ones that do not apply.',
      `Keep ${code('type')}, ${code('additionalProperties: false')} and the ${code('required')} list in line with what ${code('connection.py')} reads.`,
      ...(plainCredentials
        ? ['Token and OAuth credentials are plain properties (no shared schema exists for them); keep them `format: password` so they stay masked.']
        : []),
    ],
  };
}

function testConnectionTodos({ features, paths, py }: BriefContext): FileTodos {
  const pending = py.queries.pendingTodo !== undefined;
  if (py.checks) {
    return {
      file: paths.testConnectionFile,
      todos: [
        `Step names must stay members of ${code(py.checks.stepEnum)}, each with one ${code('@check')} method in ${code(py.checks.checksClass)} (${code('connection.py')}); a step without one is reported as skipped.`,
        'Reword descriptions and error messages so a user knows which permission is missing.',
      ],
    };
  }
  const origin = !features.sqlalchemy
    ? ''
    : pending
      ? ' (`test_steps` maps each: the host\'s engine and inspector checks, and `read_query_log` for GetQueries)'
      : ' (CheckAccess, GetSchemas, GetTables and GetViews come from `test_connection_db_schema_sources`; the others from `TEST_CONNECTION_QUERIES`)';
  return {
    file: paths.testConnectionFile,
    todos: [
      `Step names must stay equal to the keys of ${code('test_fn')} in ${code('connection.py')}${origin}.`,
      'Reword descriptions and error messages so a user knows which permission is missing.',
    ],
  };
}

/** A SQLAlchemy database: connection.py, queries.py, metadata.py and the query-log files. */
function sqlalchemySourceTodos({ features, base, py, paths, queryLog }: BriefContext): FileTodos[] {
  const { folder } = paths;
  const { constants } = py;
  const pending = py.queries.pendingTodo;
  const files: FileTodos[] = [
    {
      file: `${folder}/connection.py`,
      todos: [
        `${code('_get_client')}: check the URL ${code('get_connection_url_common')} builds against the driver; pass your own URL or argument builder when the driver needs more.`,
        ...(py.checks
          ? checksTodos(py.checks)
          : [
              `${code('get_connection_dict')}: return the connection settings as a dict when a feature needs them, else leave it raising.`,
              ...(features.queryLog && !pending ? [`${code('TEST_CONNECTION_QUERIES')}: the GetQueries step runs ${code(constants.testGetQueries)} from queries.py.`] : []),
            ]),
        ...(pending
          ? [`${code(py.checks ? 'get_queries' : 'read_query_log')} (step GetQueries) raises instead of running SQL until it is written: ${pending}.`]
          : []),
      ],
    },
    {
      file: `${folder}/queries.py`,
      todos: [
        ...(queryLog
          ? [
              `${code(constants.sqlStatement)} reads ${queryLog.label}'s query history, ${queryLog.source}; it needs ${queryLog.requires}. Check it against the servers you support${queryLog.note ? ` (${queryLog.note})` : ''}; keep the column names, they are read by name.`,
              `${code(constants.testGetQueries)}: the cheap read of the same history the GetQueries step runs.`,
            ]
          : features.queryLog
            ? [
                `${code(constants.sqlStatement)}: read the query log; keep the column names, they are read by name. It is formatted with start_time, end_time, filters and result_limit.`,
                `${code(constants.testGetQueries)}: not written yet (no query history is known for this scheme); add a cheap read of the same log and run it in the GetQueries step of ${code('connection.py')}.`,
              ]
            : []),
        ...(features.storedProcedures ? [`${code(constants.storedProcedures)}: list the stored procedures of one schema with their definitions.`] : []),
        'Add any SQL the inspector cannot answer (comments, partitions, owners).',
      ],
    },
    {
      file: `${folder}/metadata.py`,
      todos: [
        `${code(base.name)} implements the whole database topology through the SQLAlchemy inspector; override only what the dialect gets wrong (e.g. ${code('get_database_names')}, ${code('get_table_description')}, ${code('query_table_names_and_types')}).`,
        ...(features.storedProcedures
          ? [`Stored procedures: implement ${code('get_stored_procedures')} and ${code('yield_stored_procedure')}; the pipeline's includeStoredProcedures option turns them on (connectionBasicType has no capability flag for them).`]
          : []),
      ],
    },
  ];
  if (features.queryLog) {
    files.push({
      file: `${folder}/query_parser.py`,
      todos: [`${code(py.classes.queryParser)} reads the log with ${code('sql_stmt')}; override ${code('get_sql_statement(self, start_time, end_time)')} when the statement needs more parameters.`],
    });
  }
  const onText = queryLog ? ` The query text is ${code(queryLog.textColumn)}.` : '';
  if (features.lineage) {
    files.push({ file: `${folder}/lineage.py`, todos: [`${code('filters')}: SQL that keeps the statements that move data (CREATE TABLE AS, INSERT ... SELECT, MERGE).${onText}`] });
  }
  if (features.usage) {
    files.push({ file: `${folder}/usage.py`, todos: [`${code('filters')}: SQL that keeps the statements worth counting (SELECT, and whatever else counts as use).${onText}`] });
  }
  return files;
}

/**
 * What a step's client method needs: nothing but a look when an endpoint serves it; else its
 * TODO, and for a mandatory step the consequence, since the host runs the test connection
 * inside Source.create().
 */
function stepTodo(step: ClientTestStep, endpoints: EndpointPlan, restClient: boolean): string {
  const head = `${code(step.method)} (step ${step.name})`;
  const served = endpoints.servedSteps.find((s) => s.method === step.method);
  if (served) {
    return `${head}: returns ${code(`${served.endpoint.methodName}()`)} (${code(`${served.endpoint.method} ${served.endpoint.path}`)}); check that it is a call the credentials may make.`;
  }
  // a REST client's CheckAccess calls the API's root meanwhile; it does not raise
  const raises = !(step.name === 'CheckAccess' && restClient);
  if (!raises || !step.mandatory) return `${head}: ${step.todo}.`;
  return `${head}: ${step.todo}. Until it is filled, it raises and ${code('Source.create()')} fails: OpenMetadata runs the test connection when it creates the source, and this step is mandatory.`;
}

/** A client-based source: client.py, connection.py and the metadata.py stubs. */
/** connection.py on 2.0's checks API: the checks class and the error pack are the connector's to refine. */
function checksTodos(checks: NonNullable<BriefContext['py']['checks']>): string[] {
  return [
    `${code(checks.checksClass)}: one ${code(`@check(${checks.stepEnum}.<Step>)`)} method per step, run by OpenMetadata's test-connection runner through ${code('checks()')}; make each prove what ingestion needs.`,
    `${code(checks.packName)}: the diagnosis and fix a failed step reports; check each rule against what the driver or client really raises and add the source's own failures first.`,
  ];
}

/** The overrides metadata.py stubs because a capability asked for them. */
function overrideTodos(b: BriefContext): Todo[] {
  const stubs = capabilityStubs(b);
  if (stubs.length === 0) return [];
  return [
    'Implement the overrides the capabilities asked for (each stub yields or returns nothing, as the default in the base class does):',
    ...stubs.map((m) => ({ nested: `${code(methodSignature(m))}: ${m.todo}` })),
  ];
}

function clientSourceTodos(b: BriefContext): FileTodos[] {
  const { profile, base, steps, paths, py, endpoints, features } = b;
  const { folder } = paths;
  return [
    {
      file: `${folder}/client.py`,
      todos: [
        ...steps.filter(isClientStep).map((s) => stepTodo(s, endpoints, features.restClient)),
        'Add the calls metadata.py needs; handle pagination, rate limits and errors here, not in the source.',
      ],
    },
    {
      file: `${folder}/connection.py`,
      todos: py.checks
        ? [`${code('get_connection')} builds the client the connection class owns.`, ...checksTodos(py.checks)]
        : [`${code('get_connection')} builds the client; ${code('test_connection')} maps every step to a client method.`],
    },
    {
      file: `${folder}/metadata.py`,
      todos: [
        `Implement every abstract method of ${code(base.name)} (each stub yields or returns nothing until then):`,
        ...abstractMethodLines(base).map((line) => ({ nested: line })),
        ...overrideTodos(b),
        ...(profile.serviceType === 'database'
          ? ['`__init__` builds the client through connection.get_connection and runs the test connection; `prepare` and `close` are there for setup and teardown.']
          : []),
      ],
    },
  ];
}

/** The unit test and the integration tests. */
function testTodos({ profile, py, paths }: BriefContext): FileTodos[] {
  const runningSource = profile.dockerImage
    ? 'Set the environment the image needs (users, passwords), wait until it accepts connections, and load sample data.'
    : `Export ${py.integration.envVars.map(code).join(', ')} to point the tests at a running ${markdownLiteral(profile.displayName)}.`;
  return [
    { file: paths.unitTest, todos: ['Add tests per method with the client (or engine) mocked and sample responses from the source docs.'] },
    { file: `${paths.integrationFolder}conftest.py`, todos: [runningSource] },
    { file: `${paths.integrationFolder}test_metadata.py`, todos: ['Assert on the entities the ingestion created (names, columns, descriptions).'] },
  ];
}
