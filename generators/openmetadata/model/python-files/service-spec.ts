/** service_spec.py: tells OpenMetadata which classes implement the connector. */
import { I1, type PyImport } from '../../python.js';
import type { PythonContext } from './context.js';

export function serviceSpecValues(ctx: PythonContext) {
  const L = ctx.layout;
  const { args, imports } = ctx.features.sqlalchemy ? sqlalchemySpec(ctx) : clientSpec(ctx);
  return {
    imports: L.importBlock(imports),
    call: ctx.features.sqlalchemy ? 'DefaultDatabaseSpec' : 'BaseSpec',
    args: args.map(([k, v]) => `${I1}${k}=${v},`),
  };
}

interface Spec {
  /** keyword arguments of the spec call */
  args: Array<[string, string]>;
  imports: PyImport[];
}

/** BaseSpec: the source, and on the checks API the connection class whose checks() the test connection runs. */
function clientSpec({ modules, classes, checksApi }: PythonContext): Spec {
  return {
    args: [['metadata_source_class', classes.source], ...(checksApi ? [['connection_class', classes.connection] as [string, string]] : [])],
    imports: [
      { module: modules.metadata, names: [classes.source] },
      ...(checksApi ? [{ module: modules.connection, names: [classes.connection] }] : []),
      { module: 'metadata.utils.service_spec', names: ['BaseSpec'] },
    ],
  };
}

/** DefaultDatabaseSpec: the source, the query-log sources asked for, and the connection class. */
function sqlalchemySpec({ modules, classes, features }: PythonContext): Spec {
  const spec: Spec = {
    args: [['metadata_source_class', classes.source]],
    imports: [{ module: modules.metadata, names: [classes.source] }],
  };
  if (features.lineage) {
    spec.args.push(['lineage_source_class', classes.lineage]);
    spec.imports.push({ module: modules.lineage, names: [classes.lineage] });
  }
  if (features.usage) {
    spec.args.push(['usage_source_class', classes.usage]);
    spec.imports.push({ module: modules.usage, names: [classes.usage] });
  }
  spec.args.push(['connection_class', classes.connection]);
  spec.imports.push(
    { module: modules.connection, names: [classes.connection] },
    { module: 'metadata.utils.service_spec.default', names: ['DefaultDatabaseSpec'] },
  );
  return spec;
}
