/** Inputs of a Mage AI (mage_integrations) source. */
import type { Field, PartialProfile, SchemaValue } from '../../../core/profile/field.js';
import {
  apiEndpointsField,
  choiceField,
  choicesField,
  displayNameField,
  docsNotesField,
  docsUrlField,
  nameField,
  portField,
  snakeCaseNameSchema,
} from '../../../core/profile/fields-common.js';
import type { JsonSchema } from '../../../core/profile/json-schema.js';
import { pathParameterKeys } from './streams.js';
import { PYTHON_RESERVED } from '../../../core/profile/names.js';

export const MAGE_CONNECTOR_TYPES = ['sql', 'api', 'file'] as const;
export const MAGE_AUTH_TYPES = ['api_key', 'bearer', 'basic', 'oauth2', 'none'] as const;

export type MageAuthType = (typeof MAGE_AUTH_TYPES)[number];

export const CONFIG_KEY = '^[a-z_][a-z0-9_]*$';

/** One config key of a source: the name its code reads, and what the docs and the config template say of it. */
const CONFIG_KEY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['key'],
  properties: {
    key: {
      type: 'string',
      pattern: CONFIG_KEY,
      maxLength: 60,
      not: { enum: [...PYTHON_RESERVED] },
      errorMessage: 'at most 60 lowercase letters, digits and underscores, ' + 'not starting with a digit and not a Python keyword',
    },
    sample: {
      type: ['string', 'number'],
      maxLength: 500,
      errorMessage: 'a sample value must be text of at most 500 characters or a number',
    },
    secret: { type: 'boolean' },
    description: { type: 'string', maxLength: 2000 },
  },
  errorMessage: {
    required: 'each config key needs a key name',
    additionalProperties: 'a config key has only key, sample, secret and description',
  },
} as const;

export type ConfigKey = SchemaValue<typeof CONFIG_KEY_SCHEMA>;

/** `password:secret=abc` -> { key: 'password', secret: true, sample: 'abc' }; numbers stay numbers. */
export function parseConfigKey(text: string): ConfigKey {
  const [head = '', ...sampleParts] = text.split('=');
  const [key = '', ...markers] = head.split(':');
  const sampleText = sampleParts.join('=');
  const entry: ConfigKey = { key: key.trim() };
  if (markers.some((m) => m.trim() === 'secret')) entry.secret = true;
  if (sampleParts.length > 0) entry.sample = /^\d+$/.test(sampleText) ? Number(sampleText) : sampleText;
  return entry;
}

/**
 * Source names that would clash inside mage_integrations: modules and helper
 * packages of `mage_integrations.sources` (a `sources/base/` folder would shadow
 * `sources/base.py`), and names whose class (`Source`, `Dict`, `Client`...) would
 * shadow a name the generated modules import.
 */
export const RESERVED_SOURCE_NAMES = [
  'base',
  'catalog',
  'constants',
  'messages',
  'query',
  'utils',
  'http',
  'sql',
  'tests',
  'source',
  'client',
  'connection',
  'dict',
  'list',
  'generator',
  'any',
  'optional',
  'magic_mock',
  'main',
] as const;

/** Module names a stream id may not take: files and packages of the generated source folder. */
export const RESERVED_STREAM_IDS = ['base', 'streams', 'schemas', 'client', 'templates', 'tests', 'main'] as const;

const STREAM_ID = '^[a-z][a-z0-9_]*$';

/** Config keys the generated code reads for each API auth type (client.py builds the headers from them). */
export const CREDENTIALS_BY_AUTH: Record<MageAuthType, readonly ConfigKey[]> = {
  api_key: [{ key: 'api_key', secret: true, description: 'API key, sent in a request header' }],
  bearer: [{ key: 'access_token', secret: true, description: 'Access token, sent as a bearer token' }],
  basic: [
    { key: 'username', description: 'User name for HTTP basic auth' },
    { key: 'password', secret: true, description: 'Password for HTTP basic auth' },
  ],
  oauth2: [
    { key: 'client_id', description: 'OAuth 2.0 client id' },
    { key: 'client_secret', secret: true, description: 'OAuth 2.0 client secret' },
    { key: 'refresh_token', secret: true, description: 'OAuth 2.0 refresh token, exchanged for an access token' },
    { key: 'token_url', description: 'OAuth 2.0 token endpoint (URL)' },
  ],
  none: [],
};

/** Config keys the generated SQL connection needs: the arguments of its constructor. */
export const SQL_REQUIRED_KEYS = ['host', 'database', 'username', 'password'] as const;

const authTypesOf = (p: PartialProfile): MageAuthType[] =>
  (Array.isArray(p.authTypes) ? p.authTypes : ['api_key']).filter((a): a is MageAuthType => a in CREDENTIALS_BY_AUTH);

/** The credentials the chosen auth types need, each key once. */
export function credentialKeys(authTypes: readonly MageAuthType[]): ConfigKey[] {
  const credentials = authTypes.flatMap((a) => CREDENTIALS_BY_AUTH[a]);
  return credentials.filter((c, i) => credentials.findIndex((o) => o.key === c.key) === i);
}

export const defaultConfigKeys = (p: PartialProfile): ConfigKey[] => {
  switch (p.connectorType) {
    case 'sql':
      return [
        { key: 'host', sample: 'localhost', description: 'Host name of the database server' },
        {
          key: 'port',
          ...(typeof p.defaultPort === 'number' ? { sample: p.defaultPort } : {}),
          description: 'Port of the database server',
        },
        { key: 'database', description: 'Database to read from' },
        { key: 'schema', description: 'Schema whose tables become streams' },
        { key: 'username', description: 'Database user' },
        { key: 'password', secret: true, description: 'Password of the database user' },
      ];
    case 'api':
      return [
        ...credentialKeys(authTypesOf(p)),
        {
          key: 'base_url',
          ...(typeof p.baseUrl === 'string' && p.baseUrl !== '' ? { sample: p.baseUrl } : {}),
          description: 'Base URL of the API',
        },
        { key: 'start_date', sample: '2024-01-01T00:00:00Z', description: 'Earliest record date to sync (ISO 8601)' },
        // a path parameter that no parent stream fills is the config's (GET /orders/{id}/items: order_id)
        ...pathParameterKeys(p),
      ].filter((k, i, keys) => keys.findIndex((o) => o.key === k.key) === i);
    case 'file':
      return [{ key: 'file_path', description: 'Path or URL of the file to read' }];
    default:
      return [];
  }
};

const mageNameField = {
  ...nameField,
  help: 'Source name in snake_case: the uuid and folder name, e.g. my_api',
  schema: {
    allOf: [
      snakeCaseNameSchema('my_api', 40, ' (generated import lines must fit 100 columns)'),
      {
        not: { enum: [...RESERVED_SOURCE_NAMES] },
        errorMessage: `must not be one of ${RESERVED_SOURCE_NAMES.join(', ')}: they clash with mage_integrations modules or generated names`,
      },
    ],
  },
} as const satisfies Field;

export const mageFields = [
  mageNameField,
  displayNameField,
  choiceField('connectorType', 'Kind of source: a SQL database, an HTTP API, or files', MAGE_CONNECTOR_TYPES, {
    choiceHelp: {
      sql: "a database reached with a Python DB-API driver; tables are discovered from the database's catalog",
      api: 'an HTTP API: one stream per endpoint, with pagination, bookmarks and the auth types you pick',
      file: 'files (local paths or URLs), one stream per kind of file',
    },
    defaultFor: () => 'api',
  }),
  {
    name: 'streams',
    kind: 'list',
    help: 'Stream ids (endpoints or files) the source emits (api and file; several allowed)',
    question: 'Stream ids the source emits, e.g. orders, customers',
    askWhen: (p) => p.connectorType !== 'sql',
    defaultFor: (p) => (p.connectorType === 'sql' ? [] : ['records']),
    defaultHelp: 'records (api and file)',
    itemRule: { noun: 'stream id' },
    schema: {
      type: 'array',
      uniqueItems: true,
      items: {
        type: 'string',
        pattern: STREAM_ID,
        maxLength: 40,
        not: { enum: [...PYTHON_RESERVED, ...RESERVED_STREAM_IDS] },
        errorMessage:
          'at most 40 lowercase letters, digits and underscores, starting with a letter; ' +
          `not a Python keyword and not one of ${RESERVED_STREAM_IDS.join(', ')}`,
      },
      errorMessage: { type: 'must be a list of stream ids', uniqueItems: 'must list each stream id once' },
    },
  },
  {
    ...choicesField('authTypes', 'Authentication of the API (api only; several allowed)', MAGE_AUTH_TYPES, {
      question: 'Authentication of the API (several allowed)',
      choiceHelp: {
        api_key: 'a key sent in a header or the query string',
        bearer: 'a token sent as Authorization: Bearer',
        basic: 'username and password (HTTP basic)',
        oauth2: 'OAuth 2 client credentials or a refresh token, renewed as it expires',
        none: 'a public API',
      },
      askWhen: (p) => p.connectorType === 'api',
      defaultFor: (p) => (p.connectorType === 'api' ? ['api_key'] : []),
      defaultHelp: 'api_key (api)',
    }),
    // empty for sql and file; the api rule below asks for at least one
    schema: {
      type: 'array',
      uniqueItems: true,
      items: { type: 'string', enum: [...MAGE_AUTH_TYPES] },
      errorMessage: `must be distinct values of: ${MAGE_AUTH_TYPES.join(', ')}`,
    },
  },
  {
    name: 'baseUrl',
    kind: 'text',
    help: 'Base URL of the API (api only)',
    question: 'Base URL of the API',
    askWhen: (p) => p.connectorType === 'api',
    defaultFor: (p) => (p.connectorType === 'api' ? 'https://api.example.com' : ''),
    defaultHelp: 'https://api.example.com (api)',
    schema: {
      type: 'string',
      maxLength: 2000,
      pattern: '^(https?://[^\\s\'"\\\\]+)?$',
      errorMessage: 'must be empty or an http(s) URL without spaces, quotes or backslashes',
    },
  },
  { ...portField('defaultPort', 'Default port of the database (sql only)'), askWhen: (p) => p.connectorType === 'sql' },
  {
    name: 'configKeys',
    kind: 'records',
    parseItem: parseConfigKey,
    help: 'Configuration keys as key[:secret][=sample], e.g. host=localhost password:secret',
    askWhen: () => false,
    defaultFor: defaultConfigKeys,
    defaultHelp: 'the usual keys of the connector type',
    itemRule: { noun: 'config key', property: 'key' },
    // derived keys follow the connector type and auth types a re-run changes; keys the user set stay theirs
    rederived: true,
    fixFor: (p) => {
      const missing = missingConfigKeys(p);
      if (missing.length === 0) return undefined;
      const names = missing.map((k) => k.key).join(', ');
      return {
        question: `The config keys you set do not include ${names}: ${missingKeysReason(p, missing, false)}. Add ${missing.length === 1 ? 'it' : 'them'}?`,
        value: [...configKeysOf(p), ...missing],
      };
    },
    schema: {
      type: 'array',
      minItems: 1,
      items: CONFIG_KEY_SCHEMA,
      errorMessage: {
        type: 'must be a list of keys written key[:secret][=sample]',
        minItems: 'needs at least one config key',
      },
    },
  },
  {
    name: 'pipPackages',
    kind: 'list',
    help: 'New Python requirements for mage_integrations (the first is the SQL driver), e.g. clickhouse-driver==0.2.9',
    askWhen: (p) => p.connectorType === 'sql',
    defaultFor: () => [],
    schema: {
      type: 'array',
      uniqueItems: true,
      items: {
        type: 'string',
        maxLength: 90,
        pattern:
          '^[A-Za-z0-9][A-Za-z0-9._-]*(\\[[A-Za-z0-9,._-]+\\])?((==|>=|<=|~=|!=|<|>)[A-Za-z0-9.*+!-]+)?(,(==|>=|<=|~=|!=|<|>)[A-Za-z0-9.*+!-]+)*$',
      },
      errorMessage: 'must be distinct requirement specifiers of at most 90 characters such as requests==2.31.0 (no spaces or URLs)',
    },
  },
  docsUrlField,
  {
    ...apiEndpointsField,
    help: 'API endpoints the streams read, as METHOD /path (api only; several allowed)',
    question: 'API endpoints the streams read, as METHOD /path, e.g. GET /orders, GET /orders/{id}/items',
    // a SQL source discovers its tables and a file source reads files: neither calls an endpoint
    askWhen: (p) => p.connectorType === 'api',
  },
  docsNotesField,
] as const satisfies readonly Field[];

/** A rule on one field that holds for some connector types only. */
const forConnectorTypes = (types: readonly string[], field: string, schema: JsonSchema): JsonSchema => ({
  if: { properties: { connectorType: types.length === 1 ? { const: types[0] } : { enum: types } }, required: ['connectorType'] },
  then: { properties: { [field]: schema } },
});

export const mageRules: readonly JsonSchema[] = [
  forConnectorTypes(['api', 'file'], 'streams', {
    type: 'array',
    minItems: 1,
    errorMessage: 'needs at least one stream id for api and file sources',
  }),
  forConnectorTypes(['sql'], 'streams', {
    type: 'array',
    maxItems: 0,
    errorMessage: 'applies to api and file sources only: a SQL source discovers its tables',
  }),
  forConnectorTypes(['sql', 'file'], 'authTypes', { type: 'array', maxItems: 0, errorMessage: 'applies to api sources only' }),
  forConnectorTypes(['api'], 'authTypes', {
    type: 'array',
    minItems: 1,
    errorMessage: 'needs at least one auth type for an api source (none for no auth)',
  }),
];

/** Config keys must be distinct; JSON Schema cannot say so for objects by one property. */
export const duplicateConfigKeys = (keys: readonly ConfigKey[]): string[] => {
  const seen = new Set<string>();
  const repeated = keys.map((k) => k.key).filter((k) => (seen.has(k) ? true : (seen.add(k), false)));
  return [...new Set(repeated)];
};

/** The config keys of a profile as given, leaving out entries that are not key objects (the schema reports them). */
export const configKeysOf = (p: PartialProfile): ConfigKey[] =>
  Array.isArray(p.configKeys) ? (p.configKeys as unknown[]).filter((k): k is ConfigKey => typeof k === 'object' && k !== null) : [];

/**
 * Why the generated code needs the keys a list lacks, for the messages that ask for them: with the flags'
 * names for an error, in plain words for a question.
 */
export function missingKeysReason(p: PartialProfile, missing: readonly ConfigKey[], withFlags: boolean): string {
  const names = missing.map((k) => k.key);
  const them = (group: readonly string[]): string => (group.length < names.length ? group.join(', ') : group.length === 1 ? 'it' : 'them');
  if (p.connectorType === 'sql') return `the generated SQL connection reads ${them(names)}`;
  const credentials = new Set(credentialKeys(authTypesOf(p)).map((k) => k.key));
  const forAuth = names.filter((k) => credentials.has(k));
  const forPaths = names.filter((k) => !credentials.has(k));
  return [
    ...(forAuth.length > 0 ? [`the generated client reads ${them(forAuth)} for the chosen ${withFlags ? '--auth-types' : 'auth types'}`] : []),
    ...(forPaths.length > 0
      ? [`the streams fill path parameters of ${withFlags ? '--api-endpoints' : 'their endpoints'} with ${them(forPaths)}`]
      : []),
  ].join('; ');
}

/** The required keys a profile's list lacks, as the defaults declare them (secret, description). */
export function missingConfigKeys(p: PartialProfile): ConfigKey[] {
  const present = new Set(configKeysOf(p).map((k) => k.key));
  const declared = new Map(defaultConfigKeys(p).map((k) => [k.key, k]));
  return requiredConfigKeys(p)
    .filter((key) => !present.has(key))
    .map((key) => declared.get(key) ?? { key });
}

/** Config keys the generated code reads, by connector type and auth: they must be in the profile's list. */
export function requiredConfigKeys(p: PartialProfile): string[] {
  switch (p.connectorType) {
    case 'sql':
      return [...SQL_REQUIRED_KEYS];
    case 'api':
      return [...new Set([...credentialKeys(authTypesOf(p)).map((c) => c.key), ...pathParameterKeys(p).map((k) => k.key)])];
    default:
      return [];
  }
}
