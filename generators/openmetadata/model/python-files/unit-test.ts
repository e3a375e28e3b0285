/**
 * tests/unit/topology/<type>/test_<name>.py: the source loads from a workflow config, with the connection
 * mocked; each --api-endpoints method of the client calls its path (the session mocked), and each stub an
 * endpoint serves returns what the client's method answers.
 */
import { BODY_METHODS, fillPlaceholders, type ApiEndpoint } from '../../../../core/profile/api-endpoints.js';
import { I1, I2, pyString, type DictEntries, type PyImport } from '../../python.js';
import { requiredProperties } from '../connection-schema.js';
import { addressOf } from '../features.js';
import { classInTestFile, type PythonContext } from './context.js';
import { workflowSourceEntries } from './workflow-config.js';

export function unitTestValues(ctx: PythonContext) {
  const L = ctx.layout;
  const { features, typeValue, inTests } = ctx;
  const source = inTests.source.ref;
  const { served } = ctx.endpoints;
  const client = clientTestValues(ctx);
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
    keepsClient: served.length > 0,
    servedStubTests: served.map(({ stub, endpoint }) => ({
      name: `test_${stub.name}_returns_what_${endpoint.methodName}_answers`,
      arrange: `${I2}self.client.${endpoint.methodName}.return_value = SAMPLE_ITEMS`,
      assertion: L.callLine(I2, 'self.assertEqual', [stub.generator ? `list(self.source.${stub.name}())` : `self.source.${stub.name}()`, 'SAMPLE_ITEMS']),
    })),
    sampleItems: served.length > 0 || client !== undefined,
    sampleBody: client?.sendsBody ?? false,
    client,
  };
}

/** The client's endpoint methods, each called with sample arguments; undefined without endpoints. */
function clientTestValues(ctx: PythonContext) {
  const { methods } = ctx.endpoints;
  if (methods.length === 0) return undefined;
  const L = ctx.layout;
  const client = clientInTestFile(ctx);
  return {
    classLine: L.classLine(`${ctx.typeValue}ClientTest`, ['TestCase']),
    config: L.callLine(I2, `config = ${ctx.inTests.connection.ref}.model_validate`, ['CONFIG["serviceConnection"]["config"]']),
    build: L.callLine(I2, `self.client = ${client.ref}`, ['config']),
    sendsBody: methods.some((e) => BODY_METHODS.includes(e.method)),
    assertCalled: L.callLine(I2, 'self.client.session.request.assert_called_once_with', ['method', 'f"{self.client.base_url}{path}"', 'json=body', 'timeout=ANY']),
    tests: methods.map((e) => endpointTest(ctx, e)),
  };
}

const clientInTestFile = (ctx: PythonContext) => classInTestFile(ctx.modules.client, ctx.classes.client);

/** A sample argument per path parameter (with a slash, which the client must escape) and the body a method sends. */
function endpointTest(ctx: PythonContext, endpoint: ApiEndpoint) {
  const L = ctx.layout;
  const sendsBody = BODY_METHODS.includes(endpoint.method);
  const args = [...endpoint.params.map((p) => pyString(`${p.name}/1`)), ...(sendsBody ? ['SAMPLE_BODY'] : [])];
  const calledPath = fillPlaceholders(endpoint, (param) => `${param.name}%2F1`);
  return {
    name: `test_${endpoint.methodName}_calls_its_endpoint`,
    act: L.callLine(I2, `answer = self.client.${endpoint.methodName}`, args),
    assert: L.callLine(I2, 'self.assert_requested', [pyString(endpoint.method), pyString(calledPath), ...(sendsBody ? ['SAMPLE_BODY'] : [])]),
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

function unitTestImports(ctx: PythonContext): PyImport[] {
  const { modules, inTests } = ctx;
  const clientTests = ctx.endpoints.methods.length > 0;
  return [
    { module: 'unittest', names: ['TestCase'] },
    { module: 'unittest.mock', names: ['MagicMock', 'patch', ...(clientTests ? ['ANY'] : [])] },
    inTests.connection.import,
    { module: modules.package, names: ['connection'] },
    inTests.source.import,
    ...(clientTests ? [clientInTestFile(ctx).import] : []),
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
