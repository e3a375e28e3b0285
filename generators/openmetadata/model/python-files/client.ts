/** client.py: the client for the source system, one method per test-connection step. */
import type { OmAuthType } from '../../../../core/profile/fields-openmetadata.js';
import type { OpenMetadataProfile } from '../../../../core/profile/openmetadata.js';
import { addressOf } from '../features.js';
import { I1, I2, I3, type PyImport, type PyLayout } from '../../python.js';
import type { PythonContext } from './context.js';

export function clientValues(ctx: PythonContext) {
  const L = ctx.layout;
  const { profile, classes } = ctx;
  const rest = isRestClient(profile);
  return {
    imports: L.importBlock(clientImports(ctx, rest)),
    classLine: L.classLine(classes.client, []).replace('():', ':'),
    initDef: L.defLine(I1, '__init__', ['self', `config: ${classes.connection}`]),
    rest,
    addressKey: addressOf(profile, ctx.features).key,
    authLines: restAuthLines(L, profile),
    methods: clientMethods(ctx),
  };
}

/** A REST client holds a requests session (messaging sources speak their own protocol). */
const isRestClient = (profile: OpenMetadataProfile): boolean => profile.connectionType === 'rest_api' && profile.serviceType !== 'messaging';

function clientImports({ modules, classes, layout: L }: PythonContext, rest: boolean): PyImport[] {
  return [
    ...L.typingImports('Any', 'List[Any]'),
    { module: modules.schema, names: [classes.connection] },
    { module: 'metadata.utils.logger', names: ['ingestion_logger'] },
    ...(rest ? [{ module: 'requests' }] : []),
  ];
}

/** One method per client-run step: CheckAccess returns nothing, the others a list. */
function clientMethods(ctx: PythonContext) {
  const L = ctx.layout;
  return ctx.steps
    .filter((s) => s.method)
    .map((s) => ({
      name: s.method!,
      step: s.name,
      def: L.defLine(I1, s.method!, ['self'], s.name === 'CheckAccess' ? 'None' : 'List[Any]'),
      todo: L.todoComment(I2, s.todo!),
      isCheck: s.name === 'CheckAccess',
    }));
}

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

/** Auth types the generated client leaves to the implementer. */
function authTodos(profile: OpenMetadataProfile): string[] {
  const database = profile.serviceType === 'database';
  const has = (a: OmAuthType): boolean => profile.authTypes.includes(a);
  const todo: string[] = [];
  if (has('jwt') && database) todo.push('jwt: send config.authType.jwt as a bearer token');
  if (has('oauth')) todo.push('oauth: fetch an access token from config.tokenUrl with clientId/clientSecret and send it as a bearer token');
  if (has('iam')) todo.push(`iam: sign the requests with the AWS credentials (${database ? 'config.authType.awsConfig' : 'config.awsConfig'})`);
  if (has('azure')) todo.push(`azure: get an Azure AD token from ${database ? 'config.authType.azureConfig' : 'config.azureConfig'}`);
  return todo;
}
