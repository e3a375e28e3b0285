/** The query-log files of SQLAlchemy databases: queries.py, query_parser.py, lineage.py and usage.py. */
import { classLine, importBlock } from '../../python.js';
import type { PythonContext } from './context.js';
import { createMethod } from './metadata.js';

export const queriesValues = ({ features }: PythonContext) => ({
  needsTextwrap: features.queryLog || features.storedProcedures,
});

export function queryParserValues({ modules, classes, constants }: PythonContext) {
  return {
    imports: importBlock([
      { module: 'abc', names: ['ABC'] },
      { module: 'typing', names: ['Optional'] },
      { module: modules.schema, names: [classes.connection] },
      { module: 'metadata.ingestion.api.steps', names: ['InvalidSourceException', 'OpenMetadata'] },
      { module: modules.queries, names: [constants.sqlStatement] },
      { module: 'metadata.ingestion.source.database.query_parser_source', names: ['QueryParserSource', 'WorkflowSource'] },
    ]),
    classLine: classLine(classes.queryParser, ['QueryParserSource', 'ABC']),
    create: createMethod(classes.queryParser, classes.connection),
  };
}

export function lineageValues({ modules, classes }: PythonContext) {
  return {
    imports: importBlock([
      { module: 'metadata.ingestion.source.database.lineage_source', names: ['LineageSource'] },
      { module: modules.queryParser, names: [classes.queryParser] },
    ]),
    classLine: classLine(classes.lineage, [classes.queryParser, 'LineageSource']),
  };
}

export function usageValues({ modules, classes }: PythonContext) {
  return {
    imports: importBlock([
      { module: 'metadata.ingestion.source.database.usage_source', names: ['UsageSource'] },
      { module: modules.queryParser, names: [classes.queryParser] },
    ]),
    classLine: classLine(classes.usage, [classes.queryParser, 'UsageSource']),
  };
}
