/** tests/unit/topology/<type>/test_<name>.py: the source loads from a workflow config, with the connection mocked. */
import { I1, I2, pyString, type DictEntries, type PyImport } from '../../python.js';
import { requiredProperties } from '../connection-schema.js';
import { addressOf } from '../features.js';
import type { PythonContext } from './context.js';
import { workflowSourceEntries } from './workflow-config.js';

export function unitTestValues(ctx: PythonContext) {
  const L = ctx.layout;
  const { features, typeValue, inTests } = ctx;
  const source = inTests.source.ref;
  return {
    imports: L.importBlock(unitTestImports(ctx)),
    config: L.pyDict('', workflowSourceEntries(ctx, pyString(`local_${ctx.profile.name}`), sampleConnection(ctx))),
    classLine: L.classLine(`${typeValue}SourceTest`, ['TestCase']),
    patches: patchDecorators(ctx),
    setUpDef: L.defLine(I1, 'setUp', features.sqlalchemy ? ['self', '_get_client', 'get_connection', '_test_connection'] : ['self', 'get_connection', '_test_connection']),
    createSource: L.callLine(I2, `self.source = ${source}.create`, ['CONFIG', 'MagicMock()']),
    assertions: [
      L.callLine(I2, 'self.assertIsInstance', ['self.source', source]),
      L.callLine(I2, 'self.assertIsInstance', ['self.source.service_connection', inTests.connection.ref]),
      L.callLine(I2, 'self.assertEqual', ['self.source.service_connection.type.value', pyString(typeValue)]),
    ],
    sqlalchemy: features.sqlalchemy,
  };
}

/** The connection config: the type and every required property, with a sample address. */
function sampleConnection({ profile, features, typeValue }: PythonContext): DictEntries {
  const address = addressOf(profile, features);
  const entries: DictEntries = [['type', pyString(typeValue)]];
  for (const key of requiredProperties(profile)) {
    entries.push([key, pyString(key === address.key ? address.sample : key)]);
  }
  return entries;
}

function unitTestImports({ modules, inTests }: PythonContext): PyImport[] {
  return [
    { module: 'unittest', names: ['TestCase'] },
    { module: 'unittest.mock', names: ['MagicMock', 'patch'] },
    inTests.connection.import,
    { module: modules.package, names: ['connection'] },
    inTests.source.import,
  ];
}

/** The test connection, get_connection and (SQLAlchemy) the engine are patched out; setUp takes them bottom-up. */
function patchDecorators({ classes, features, inTests, layout: L }: PythonContext): string[] {
  return [
    L.callLine(I1, '@patch.object', [inTests.source.ref, pyString('test_connection')]),
    L.callLine(I1, '@patch.object', ['connection', pyString('get_connection')]),
    ...(features.sqlalchemy ? [L.callLine(I1, '@patch.object', [`connection.${classes.connection}`, pyString('_get_client')])] : []),
  ];
}
