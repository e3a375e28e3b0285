/** client.py: the client for the source system, one method per test-connection step and per --api-endpoints call. */
import type { OmAuthType } from '../../profile/fields.js';
import type { OpenMetadataProfile } from '../../profile/spec.js';
import { BODY_METHODS, fillPlaceholders, type ApiEndpoint } from '../../../../core/profile/api-endpoints.js';
import { addressOf } from '../features.js';
import { I1, I2, I3, pyString, type PyImport, type PyLayout } from '../../python.js';
import type { PythonContext } from './context.js';
import type { ServedStep } from '../endpoints.js';
import { isClientStep, type ClientTestStep } from '../test-connection.js';

export function clientValues(ctx: PythonContext) {
  const L = ctx.layout;
  const { profile, classes } = ctx;
  const rest = ctx.features.restClient;
  return {
    imports: L.importBlock(clientImports(ctx, rest)),
    classLine: L.classLine(classes.client, []).replace('():', ':'),
    initDef: L.defLine(I1, '__init__', ['self', `config: ${classes.connection}`]),
    rest,
    addressKey: addressOf(profile, ctx.features).key,
    authLines: restAuthLines(L, profile),
    requestCall: L.callLine(I2, 'response = self.session.request', ['method', 'f"{self.base_url}{path}"', 'json=body', 'timeout=TIMEOUT_SECONDS']),
    methods: clientMethods(ctx),
    endpointMethods: ctx.endpoints.methods.map((e) => endpointMethod(L, e)),
    escapesSegments: hasPathParameters(ctx),
  };
}

const hasPathParameters = (ctx: PythonContext): boolean => ctx.endpoints.methods.some((e) => e.params.length > 0);

/** The Python expression of an endpoint's path: a string, or an f-string escaping each parameter into one segment. */
function pathExpression(endpoint: ApiEndpoint): string {
  if (endpoint.params.length === 0) return pyString(endpoint.path);
  const filled = fillPlaceholders(endpoint, (param) => `{_segment(${param.name})}`);
  return `f${pyString(filled)}`;
}

/** `def get_chart(self, id: str) -> Any:` calling its path; the body-sending methods take the JSON body. */
function endpointMethod(L: PyLayout, endpoint: ApiEndpoint) {
  const sendsBody = BODY_METHODS.includes(endpoint.method);
  const params = [...endpoint.params.map((p) => `${p.name}: str`), ...(sendsBody ? ['body: Any = None'] : [])];
  const args = [pyString(endpoint.method), pathExpression(endpoint), ...(sendsBody ? ['body'] : [])];
  return {
    def: L.defLine(I1, endpoint.methodName, ['self', ...params], 'Any'),
    docstring: `${I2}"""${endpoint.method} ${endpoint.path}: the decoded JSON response."""`,
    call: L.callLine(I2, 'return self._request', args),
  };
}

function clientImports(ctx: PythonContext, rest: boolean): PyImport[] {
  const { modules, classes, layout: L } = ctx;
  return [
    ...L.typingImports('Any', 'List[Any]'),
    { module: modules.schema, names: [classes.connection] },
    { module: 'metadata.utils.logger', names: ['ingestion_logger'] },
    ...(rest ? [{ module: 'requests' }] : []),
    ...(hasPathParameters(ctx) ? [{ module: 'urllib.parse', names: ['quote'] }] : []),
  ];
}

/**
 * One method per client-run step: CheckAccess returns nothing, the others a list. A step an
 * endpoint serves returns that endpoint's answer; the others raise with their TODO, so the
 * test connection (which the host runs inside Source.create()) says what is left to write.
 */
function clientMethods(ctx: PythonContext) {
  const L = ctx.layout;
  return ctx.steps.filter(isClientStep).map((s) => {
    const served = ctx.endpoints.servedSteps.find((x) => x.method === s.method);
    return {
      name: s.method,
      step: s.name,
      def: L.defLine(I1, s.method, ['self'], s.name === 'CheckAccess' ? 'None' : 'List[Any]'),
      body: served ? servedStepBody(L, served) : todoStepBody(L, s, ctx.features.restClient),
    };
  });
}

/** The body of a step an endpoint serves: a note of what it calls, and the call. */
function servedStepBody(L: PyLayout, served: ServedStep): string[] {
  const { endpoint } = served;
  return [
    L.todoComment(
      I2,
      `${endpoint.method} ${endpoint.path} through ${endpoint.methodName}(): a refused or failed call raises, which fails the step`,
      '',
    ),
    `${I2}return self.${endpoint.methodName}()`,
  ];
}

/**
 * The body of a step left to write: its TODO, and a raise that carries the TODO's text; a REST
 * client's CheckAccess calls the API's root meanwhile, which is cheap and usually needs credentials.
 */
function todoStepBody(L: PyLayout, step: ClientTestStep, rest: boolean): string[] {
  const { method, todo } = step;
  if (step.name === 'CheckAccess' && rest) return [L.todoComment(I2, todo), `${I2}self._request("GET", "/")`];
  return [L.todoComment(I2, todo), L.callLine(I2, 'raise NotImplementedError', [pyString(stepTodoMessage(method, todo))])];
}

/** What a step left to write raises (the host logs it as the step's error). */
export const stepTodoMessage = (method: string, todo: string): string => `${method} is not implemented yet: ${todo}`;

/** Auth handling lines of a REST client's __init__ (8-space indent): code where the scheme is simple, TODOs where it is not. */
function restAuthLines(L: PyLayout, profile: OpenMetadataProfile): string[] {
  const database = profile.serviceType === 'database';
  const has = (a: OmAuthType): boolean => profile.authTypes.includes(a);
  const lines: string[] = [];
  if (has('basic')) lines.push(...basicAuthLines(database));
  if (has('token')) lines.push(...bearerLines('config.token'));
  if (has('jwt') && !database) lines.push(...bearerLines('config.jwt'));
  for (const item of authTodos(profile)) lines.push(L.todoComment(I2, item));
  return lines;
}

/** Databases keep the password in `authType` (basicAuth.json), other services beside the username. */
function basicAuthLines(database: boolean): string[] {
  if (database) {
    return [
      `${I2}password = getattr(config.authType, "password", None)`,
      `${I2}if config.username and password is not None:`,
      `${I3}self.session.auth = (config.username, password.get_secret_value())`,
    ];
  }
  return [
    `${I2}if config.username and config.password is not None:`,
    `${I3}self.session.auth = (config.username, config.password.get_secret_value())`,
  ];
}

const bearerLines = (expr: string): string[] => [
  `${I2}if ${expr} is not None:`,
  `${I3}token = ${expr}.get_secret_value()`,
  `${I3}self.session.headers["Authorization"] = f"Bearer {token}"`,
];

/** Where the client finds the AWS credentials: beside other auth types, awsConfig is a choice whose empty option holds none. */
function awsCredentialsOf(profile: OpenMetadataProfile): string {
  if (profile.serviceType === 'database') return 'config.authType.awsConfig';
  if (profile.authTypes.every((a) => a === 'iam')) return 'config.awsConfig';
  return 'config.awsConfig when it is an AWSCredentials; its empty option, No AWS Credentials, means another auth type';
}

/** Auth types the generated client leaves to the implementer. */
function authTodos(profile: OpenMetadataProfile): string[] {
  const database = profile.serviceType === 'database';
  const has = (a: OmAuthType): boolean => profile.authTypes.includes(a);
  const todo: string[] = [];
  if (has('jwt') && database) todo.push('jwt: send config.authType.jwt as a bearer token');
  if (has('oauth')) todo.push('oauth: fetch an access token from config.tokenUrl with clientId/clientSecret and send it as a bearer token');
  if (has('iam')) todo.push(`iam: sign the requests with the AWS credentials (${awsCredentialsOf(profile)})`);
  if (has('azure')) todo.push(`azure: get an Azure AD token from ${database ? 'config.authType.azureConfig' : 'config.azureConfig'}`);
  return todo;
}
