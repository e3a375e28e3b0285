/** The query-log files of SQLAlchemy databases: queries.py, query_parser.py, lineage.py and usage.py. */

import { I1 } from '../../python.js';
import type { PythonContext } from './context.js';
import { CREATE_PIPELINE_NAME, createMethod } from './metadata.js';

export const queriesValues = ({ features }: PythonContext) => ({
  needsTextwrap: features.queryLog || features.storedProcedures,
});

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
