/** Inputs of a Mage AI (mage_integrations) source. */
import type { Field, PartialProfile } from './field.js';
import {
  apiEndpointsField,
  choiceField,
  choicesField,
  displayNameField,
  docsNotesField,
  docsUrlField,
  nameField,
  portField,
} from './fields-common.js';
import type { JsonSchema } from './json-schema.js';
import { PYTHON_RESERVED } from './names.js';

export const MAGE_CONNECTOR_TYPES = ['sql', 'api', 'file'] as const;
export const MAGE_AUTH_TYPES = ['api_key', 'bearer', 'basic', 'oauth2', 'none'] as const;

export type MageConnectorType = (typeof MAGE_CONNECTOR_TYPES)[number];
export type MageAuthType = (typeof MAGE_AUTH_TYPES)[number];

export interface ConfigKey {
  key: string;
  sample?: string | number;
  secret?: boolean;
  description?: string;
}

/** Module names a stream id may not take: they are files of the generated streams package. */
const RESERVED_STREAM_IDS = ['base', 'streams', 'schemas', 'client', 'templates', 'tests', 'main'];
const IDENTIFIER = '^[a-z_][a-z0-9_]*$';

const CREDENTIALS_BY_AUTH: Record<MageAuthType, ConfigKey[]> = {
  api_key: [{ key: 'api_key', secret: true, description: 'API key' }],
  bearer: [{ key: 'access_token', secret: true, description: 'Bearer access token' }],
  basic: [
    { key: 'username', description: 'User name for HTTP basic auth' },
    { key: 'password', secret: true, description: 'Password for HTTP basic auth' },
  ],
  oauth2: [
    { key: 'client_id', description: 'OAuth 2.0 client id' },
    { key: 'client_secret', secret: true, description: 'OAuth 2.0 client secret' },
    { key: 'refresh_token', secret: true, description: 'OAuth 2.0 refresh token' },
  ],
  none: [],
};

export const defaultConfigKeys = (p: PartialProfile): ConfigKey[] => {
  switch (p.connectorType) {
    case 'sql':
      return [
        { key: 'host', sample: 'localhost', description: 'Host name of the database server' },
        { key: 'port', sample: typeof p.defaultPort === 'number' ? p.defaultPort : '', description: 'Port of the database server' },
        { key: 'database', description: 'Database to read from' },
        { key: 'schema', description: 'Schema to read from' },
        { key: 'username', description: 'Database user' },
        { key: 'password', secret: true, description: 'Password of the database user' },
      ];
    case 'api': {
      const auth = (Array.isArray(p.authTypes) ? p.authTypes : ['api_key']) as MageAuthType[];
      const credentials = auth.flatMap((a) => CREDENTIALS_BY_AUTH[a] ?? []);
      const unique = credentials.filter((c, i) => credentials.findIndex((o) => o.key === c.key) === i);
      return [
        ...unique,
        { key: 'base_url', sample: typeof p.baseUrl === 'string' ? p.baseUrl : '', description: 'Base URL of the API' },
        { key: 'start_date', sample: '2024-01-01T00:00:00Z', description: 'Earliest record date to sync (ISO 8601)' },
      ];
    }
    case 'file':
      return [{ key: 'file_path', description: 'Path or URL of the file to read' }];
    default:
      return [];
  }
};

const identifierList = (what: string): JsonSchema => ({
  type: 'array',
  uniqueItems: true,
  items: {
    type: 'string',
    pattern: IDENTIFIER,
    maxLength: 60,
    not: { enum: [...PYTHON_RESERVED, ...RESERVED_STREAM_IDS] },
  },
  errorMessage:
    `must be distinct ${what}: lowercase letters, digits and underscores, not starting with a digit, ` +
    `not a Python keyword and not one of ${RESERVED_STREAM_IDS.join(', ')}`,
});

export const mageFields: readonly Field[] = [
  nameField,
  displayNameField,
  choiceField('connectorType', 'Kind of source: a SQL database, an HTTP API, or files', MAGE_CONNECTOR_TYPES, {
    defaultFor: () => 'api',
  }),
  {
    name: 'streams',
    kind: 'list',
    help: 'Stream ids (tables or endpoints) the source emits (api and file; several allowed)',
    askWhen: (p) => p.connectorType !== 'sql',
    defaultFor: (p) => (p.connectorType === 'sql' ? [] : ['records']),
    schema: identifierList('stream ids'),
  },
  choicesField('authTypes', 'Authentication of the API (api only)', MAGE_AUTH_TYPES, {
    askWhen: (p) => p.connectorType === 'api',
    defaultFor: (p) => (p.connectorType === 'api' ? ['api_key'] : []),
  }),
  {
    name: 'baseUrl',
    kind: 'text',
    help: 'Base URL of the API (api only)',
    askWhen: (p) => p.connectorType === 'api',
    defaultFor: (p) => (p.connectorType === 'api' ? 'https://api.example.com' : ''),
    schema: {
      type: 'string',
      maxLength: 2000,
      pattern: '^(https?://[^\\s\'"\\\\]+)?$',
      errorMessage: 'must be empty or an http(s) URL without spaces, quotes or backslashes',
    },
  },
  portField('defaultPort', 'Default port of the database (sql only)'),
  {
    name: 'configKeys',
    kind: 'configKeys',
    help: 'Configuration keys as key[:secret][=sample], e.g. host=localhost password:secret (defaults per type)',
    askWhen: () => false,
    defaultFor: defaultConfigKeys,
    schema: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['key'],
        properties: {
          key: { type: 'string', pattern: IDENTIFIER, maxLength: 60, not: { enum: [...PYTHON_RESERVED] } },
          sample: { type: ['string', 'number'], maxLength: 500 },
          secret: { type: 'boolean' },
          description: { type: 'string', maxLength: 2000 },
        },
      },
      errorMessage:
        'must be one or more keys written key[:secret][=sample]; each key lowercase letters, digits and ' +
        'underscores, not a Python keyword',
    },
  },
  {
    name: 'pipPackages',
    kind: 'list',
    help: 'New Python requirements for mage_integrations, e.g. requests-oauthlib==1.3.1',
    askWhen: () => false,
    defaultFor: () => [],
    schema: {
      type: 'array',
      uniqueItems: true,
      items: {
        type: 'string',
        pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*(\\[[A-Za-z0-9,._-]+\\])?((==|>=|<=|~=|!=|<|>)[A-Za-z0-9.*+!-]+)?(,(==|>=|<=|~=|!=|<|>)[A-Za-z0-9.*+!-]+)*$',
      },
      errorMessage: 'must be distinct requirement specifiers such as requests==2.31.0 (no spaces or URLs)',
    },
  },
  docsUrlField,
  apiEndpointsField,
  docsNotesField,
];

export const mageRules: readonly JsonSchema[] = [
  {
    if: { properties: { connectorType: { enum: ['api', 'file'] } }, required: ['connectorType'] },
    then: {
      properties: {
        streams: { type: 'array', minItems: 1, errorMessage: 'needs at least one stream id for api and file sources' },
      },
    },
  },
];

/** Config keys must be distinct; JSON Schema cannot say so for objects by one property. */
export const duplicateConfigKeys = (keys: readonly ConfigKey[]): string[] => {
  const seen = new Set<string>();
  return keys.map((k) => k.key).filter((k) => (seen.has(k) ? true : (seen.add(k), false)));
};
