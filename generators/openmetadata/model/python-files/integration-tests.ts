/**
 * tests/integration/: conftest.py, test_metadata.py and the connection test.
 * The source comes from a testcontainers container (Docker image given) or
 * from environment variables pointing at a running instance.
 */
import type { OmAuthType } from '../../profile/fields.js';
import { I1, I2, I3, pyString, setPath, type DictEntries, type PyImport } from '../../python.js';
import { addressOf, urlScheme } from '../features.js';
import type { PythonContext } from './context.js';
import { workflowSourceEntries } from './workflow-config.js';

/** A connection field the integration tests fill in, by where its value comes from. */
interface IntegrationField {
  /** path in the connection config, e.g. ['authType', 'password'] */
  path: string[];
  envVar: string;
  /** Python expression of the value in the Docker variant */
  docker: string;
  secret: boolean;
}

export function integrationValues(ctx: PythonContext) {
  const L = ctx.layout;
  const { profile } = ctx;
  const connectionClass = ctx.inTests.connection.ref;
  const fields = integrationFields(ctx);
  const docker = profile.dockerImage
    ? { image: L.assignedValue('IMAGE', pyString(profile.dockerImage)), port: String(profile.dockerPort) }
    : undefined;
  const dockerConfig = connectionConfig(ctx, fields, (f) => f.docker);
  const serviceEntity = serviceEntityOf(ctx);
  const containerFixture = 'source_container';
  return {
    conftestImports: L.importBlock(conftestImports(ctx, Boolean(docker))),
    connectionTestImports: L.importBlock(connectionTestImports(ctx, Boolean(docker))),
    metadataTestImports: L.importBlock(metadataTestImports(ctx)),
    docker,
    containerFixture,
    containerParam: containerFixture,
    envConfig: L.pyDict(
      I1,
      connectionConfig(ctx, fields, (f) => `os.environ[${pyString(f.envVar)}]`),
    ),
    dockerConfig: L.pyDict(I1, dockerConfig),
    dockerConfigNested: L.pyDict(I2, dockerConfig),
    // the module constants (USERNAME, PASSWORD...) the Docker variant defines
    dockerConstants: [...new Set(fields.map((f) => f.docker).filter((d) => /^[A-Z_]+$/.test(d)))],
    envVars: fields.map((f) => f.envVar),
    requiredEnv: L.listAssignment(
      'REQUIRED_ENV',
      fields.map((f) => pyString(f.envVar)),
    ),
    workflowSource: L.pyDict(I2, workflowSourceEntries(ctx, 'SERVICE_NAME', 'connection_config')),
    serviceEntity,
    serviceName: L.assignedValue('SERVICE_NAME', pyString(`integration_${profile.name}`)),
    validateConnectionConfig: L.callLine(I1, `return ${connectionClass}.model_validate`, ['connection_config']),
    validateConfig: L.callLine(I1, `return ${connectionClass}.model_validate`, ['config']),
    yieldValidatedConfig: L.callLine(I2, `yield ${connectionClass}.model_validate`, ['config']),
    deleteCall: L.callLine(I3, 'metadata.delete', [`entity=${serviceEntity}`, 'entity_id=service.id', 'recursive=True', 'hard_delete=True']),
    getByName: L.callLine(I1, 'service = metadata.get_by_name', [`entity=${serviceEntity}`, 'fqn=service_name']),
    runTestConnection: runTestConnectionLines(ctx),
  };
}

/**
 * How the test runs the test connection: through the connection class on the
 * checks API (its runner, closing the client after), else the module functions.
 */
function runTestConnectionLines(ctx: PythonContext): string {
  if (ctx.checksApi) {
    return [`${I1}with connection.${ctx.classes.connection}(service_connection) as owned:`, `${I2}result = owned.test_connection(metadata)`].join(
      '\n',
    );
  }
  return [
    `${I1}client = connection.get_connection(service_connection)`,
    `${I1}result = connection.test_connection(metadata, client, service_connection)`,
  ].join('\n');
}

/** The address, the username where one is needed, and the credentials of the first auth type. */
function integrationFields({ profile, features, prefix }: PythonContext): IntegrationField[] {
  const address = addressOf(profile, features);
  // the container's port decides the scheme; the test reaches it on the port Docker maps it to
  const hostExpr = address.uri ? `f"${urlScheme(profile.dockerPort)}://{host}:{port}"` : 'f"{host}:{port}"';
  const fields: IntegrationField[] = [
    { path: [address.key], envVar: `${prefix}_${address.key === 'hostPort' ? 'HOST_PORT' : 'BOOTSTRAP_SERVERS'}`, docker: hostExpr, secret: false },
  ];
  const first = profile.authTypes[0];
  if (features.sqlalchemy || first === 'basic') fields.push({ path: ['username'], envVar: `${prefix}_USERNAME`, docker: 'USERNAME', secret: false });
  return [...fields, ...credentialFields(first, profile.serviceType === 'database', prefix)];
}

/** Databases keep the basic and JWT secrets in `authType`; other services beside the username. */
function credentialFields(authType: OmAuthType | undefined, database: boolean, prefix: string): IntegrationField[] {
  switch (authType) {
    case 'basic':
      return [{ path: database ? ['authType', 'password'] : ['password'], envVar: `${prefix}_PASSWORD`, docker: 'PASSWORD', secret: true }];
    case 'token':
      return [{ path: ['token'], envVar: `${prefix}_TOKEN`, docker: 'TOKEN', secret: true }];
    case 'jwt':
      return [{ path: database ? ['authType', 'jwt'] : ['jwt'], envVar: `${prefix}_JWT`, docker: 'TOKEN', secret: true }];
    case 'oauth':
      return [
        { path: ['clientId'], envVar: `${prefix}_CLIENT_ID`, docker: 'CLIENT_ID', secret: false },
        { path: ['clientSecret'], envVar: `${prefix}_CLIENT_SECRET`, docker: 'CLIENT_SECRET', secret: true },
      ];
    default:
      return [];
  }
}

/** The connection config dict: the type, then each field at its path with the value `valueOf` gives. */
function connectionConfig({ typeValue }: PythonContext, fields: IntegrationField[], valueOf: (f: IntegrationField) => string): DictEntries {
  const entries: DictEntries = [['type', pyString(typeValue)]];
  for (const field of fields) setPath(entries, field.path, valueOf(field));
  return entries;
}

function commonImports({ inTests }: PythonContext): PyImport[] {
  return [{ module: 'pytest' }, { module: '_openmetadata_testutils.ometa', names: ['OM_JWT', 'int_admin_ometa'] }, inTests.connection.import];
}

const DOCKER_IMPORTS: PyImport[] = [
  { module: 'testcontainers.core.container', names: ['DockerContainer'] },
  { module: '_openmetadata_testutils.helpers.docker', names: ['try_bind'] },
];

function conftestImports(ctx: PythonContext, docker: boolean): PyImport[] {
  return docker ? [...commonImports(ctx), ...DOCKER_IMPORTS] : [{ module: 'os' }, ...commonImports(ctx)];
}

function connectionTestImports({ modules, inTests }: PythonContext, docker: boolean): PyImport[] {
  return [
    ...(docker ? [] : [{ module: 'os' }]),
    { module: 'pytest' },
    { module: '_openmetadata_testutils.ometa', names: ['int_admin_ometa'] },
    ...(docker ? DOCKER_IMPORTS : []),
    inTests.connection.import,
    // the module, not its functions: pytest would collect an imported test_connection as a test
    { module: modules.package, names: ['connection'] },
  ];
}

const serviceEntityOf = ({ release, profile }: PythonContext): string => release.serviceTypes[profile.serviceType].serviceEntityClass;

function metadataTestImports(ctx: PythonContext): PyImport[] {
  return [
    { module: ctx.modules.serviceSchema, names: [serviceEntityOf(ctx)] },
    { module: 'metadata.workflow.metadata', names: ['MetadataWorkflow'] },
  ];
}
