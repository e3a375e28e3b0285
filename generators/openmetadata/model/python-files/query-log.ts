/** The query-log files of SQLAlchemy databases: queries.py, query_parser.py, lineage.py and usage.py. */

import type { QueryLogFamily } from '../../facts/index.js';
import { I1 } from '../../python.js';
import { schemeOf } from '../features.js';
import type { PythonContext } from './context.js';
import { CREATE_PIPELINE_NAME, createMethod } from './metadata.js';

export function queriesValues(ctx: PythonContext) {
  const { features, queryLog, layout: L } = ctx;
  return {
    needsTextwrap: features.queryLog || features.storedProcedures,
    /** the family's query-log SQL, from the facts, when its history is known */
    queryLog: queryLog
      ? { comment: L.todoComment('', queryLogComment(queryLog), ''), statement: sqlBody(queryLog.statement), test: sqlBody(queryLog.test) }
      : undefined,
    /** what the GetQueries step raises instead of running SQL, when the history is unknown */
    pendingTodo: features.queryLog && !queryLog ? pendingQueryLogTodo(ctx) : undefined,
  };
}

function queryLogComment({ label, source, requires, note, textColumn }: QueryLogFamily): string {
  return [
    `${label} keeps its query history in ${source}. Reading it needs ${requires}.`,
    ...(note ? [`${note.charAt(0).toUpperCase()}${note.slice(1)}.`] : []),
    'OpenMetadata reads the columns by these names; the statement is formatted with start_time, end_time,',
    `filters (the lineage or usage filters, on ${textColumn}) and result_limit.`,
  ].join(' ');
}

/** SQL lines inside a triple-quoted string in textwrap.dedent(...), indented as the template's other SQL. */
function sqlBody(lines: string[]): string {
  const bad = lines.find((line) => line.includes('"""') || line.includes('\\'));
  if (bad !== undefined) throw new Error(`query-log SQL cannot sit in a triple-quoted Python string: ${bad}`);
  return lines.map((line) => `    ${line}`).join('\n');
}

/** The TODO comment over a GetQueries step that raises: the message it raises with says the rest. */
export const PENDING_TODO_MARK = 'read the query history of the source here; the message below says what to write.';

/** The TODO of the GetQueries step while the history of the scheme's dialect is unknown (the release's text). */
export function pendingQueryLogTodo({ release, profile, constants }: PythonContext): string {
  const [dialect = ''] = schemeOf(profile).split('+');
  return release.queryLogs.unknownTodo
    .replaceAll('{dialect}', dialect)
    .replaceAll('{testConstant}', constants.testGetQueries)
    .replaceAll('{sqlStatement}', constants.sqlStatement);
}

export function queryParserValues({ modules, classes, constants, layout: L }: PythonContext) {
  return {
    imports: L.importBlock([
      { module: 'abc', names: ['ABC'] },
      ...L.typingImports(CREATE_PIPELINE_NAME),
      { module: modules.schema, names: [classes.connection] },
      { module: 'metadata.ingestion.api.steps', names: ['InvalidSourceException', 'OpenMetadata'] },
      { module: modules.queries, names: [constants.sqlStatement] },
      { module: 'metadata.ingestion.source.database.query_parser_source', names: ['QueryParserSource', 'WorkflowSource'] },
    ]),
    classLine: L.classLine(classes.queryParser, ['QueryParserSource', 'ABC']),
    sqlStatement: L.assignedValue('sql_stmt', constants.sqlStatement, I1),
    create: createMethod(L, classes.queryParser, classes.connection),
  };
}

export function lineageValues({ modules, classes, layout: L }: PythonContext) {
  return {
    imports: L.importBlock([
      { module: 'metadata.ingestion.source.database.lineage_source', names: ['LineageSource'] },
      { module: modules.queryParser, names: [classes.queryParser] },
    ]),
    classLine: L.classLine(classes.lineage, [classes.queryParser, 'LineageSource']),
  };
}

export function usageValues({ modules, classes, layout: L }: PythonContext) {
  return {
    imports: L.importBlock([
      { module: 'metadata.ingestion.source.database.usage_source', names: ['UsageSource'] },
      { module: modules.queryParser, names: [classes.queryParser] },
    ]),
    classLine: L.classLine(classes.usage, [classes.queryParser, 'UsageSource']),
  };
}
