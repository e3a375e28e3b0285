/**
 * The connection JSON Schema: the fields users fill in. Properties come in
 * the order upstream schemas list them: type, scheme, credentials, address,
 * database settings, filter patterns, then the `supports...` flags.
 */
import type { OmAuthType } from '../profile/fields.js';
import { openMetadataNames, type OpenMetadataNames, type OpenMetadataProfile } from '../profile/spec.js';
import { releaseFacts } from '../facts/index.js';
import { addressOf, featuresOf, schemeOf, type Features } from './features.js';

export type Json = Record<string, unknown>;

const BASIC = '../connectionBasicType.json#/definitions/';
const FILTER_REF = '../../../../type/filterPattern.json#/definitions/filterPattern';
const SSL_REF = '../../../../security/ssl/verifySSLConfig.json#/definitions/sslConfig';
const AWS_REF = '../../../../security/credentials/awsCredentials.json';
const AZURE_REF = '../../../../security/credentials/azureCredentials.json';
/** `authType` schemas that exist only under connections/database/common/. */
const DATABASE_AUTH_REFS: Partial<Record<OmAuthType, string>> = {
  basic: './common/basicAuth.json',
  iam: './common/iamAuthConfig.json',
  azure: './common/azureConfig.json',
  jwt: './common/jwtAuth.json',
};

/** connectionBasicType flag per capability (stored procedures have none: see the brief). */
const CAPABILITY_FLAGS: Array<[keyof Features, string, string]> = [
  ['profiler', 'supportsProfiler', 'Supports Profiler'],
  ['dataDiff', 'supportsDataDiff', 'Supports Data Diff Extraction.'],
  ['usage', 'supportsUsageExtraction', 'Supports Usage Extraction'],
  ['lineage', 'supportsLineageExtraction', 'Supports Lineage Extraction'],
];

const secret = (title: string, description: string): Json => ({ title, description, type: 'string', format: 'password' });
const text = (title: string, description: string): Json => ({ title, description, type: 'string' });

/** What every part of the schema looks at. */
interface SchemaInput {
  profile: OpenMetadataProfile;
  names: OpenMetadataNames;
  features: Features;
  /** the display name, as schema descriptions print it */
  display: string;
  database: boolean;
}

export function connectionSchema(profile: OpenMetadataProfile): Json {
  const input: SchemaInput = {
    profile,
    names: openMetadataNames(profile),
    features: featuresOf(profile),
    display: profile.displayName,
    database: profile.serviceType === 'database',
  };
  const { names } = input;
  return {
    $id: `https://open-metadata.org/schema/entity/services/connections/${profile.serviceType}/${names.stem}Connection.json`,
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `${names.typeValue}Connection`,
    description: profile.description || `${input.display} Connection Config`,
    type: 'object',
    javaType: `org.openmetadata.schema.services.connections.${profile.serviceType}.${names.typeValue}Connection`,
    definitions: definitions(input),
    properties: properties(input),
    additionalProperties: false,
    required: requiredProperties(profile),
  };
}

/** The address, and the username the SQLAlchemy URL needs. */
export function requiredProperties(profile: OpenMetadataProfile): string[] {
  const features = featuresOf(profile);
  const username = profile.serviceType === 'database' && features.sqlalchemy;
  return [addressOf(profile, features).key, ...(username ? ['username'] : [])];
}

/** The `type` enum, and the `scheme` enum of SQLAlchemy connectors. */
function definitions({ profile, names, features }: SchemaInput): Json {
  const typeValue = names.typeValue;
  const scheme = schemeOf(profile);
  return {
    [`${names.stem}Type`]: { description: 'Service type.', type: 'string', enum: [typeValue], default: typeValue },
    ...(features.sqlalchemy
      ? { [`${names.stem}Scheme`]: { description: 'SQLAlchemy driver scheme options.', type: 'string', enum: [scheme], default: scheme } }
      : {}),
  };
}

function properties(input: SchemaInput): Json {
  return {
    ...typeAndSchemeProperties(input),
    ...usernameProperty(input),
    ...authTypeProperty(input),
    ...credentialProperties(input),
    ...addressProperty(input),
    ...databaseProperties(input),
    ...filterPatternProperties(input),
    ...supportsFlags(input),
  };
}

function typeAndSchemeProperties({ profile, names, features }: SchemaInput): Json {
  const scheme = schemeOf(profile);
  return {
    type: { title: 'Service Type', description: 'Service Type', $ref: `#/definitions/${names.stem}Type`, default: names.typeValue },
    ...(features.sqlalchemy
      ? {
          scheme: {
            title: 'Connection Scheme',
            description: 'SQLAlchemy driver scheme options.',
            $ref: `#/definitions/${names.stem}Scheme`,
            default: scheme,
          },
        }
      : {}),
  };
}

/** Databases keep the username beside `authType`, which holds the secret. */
function usernameProperty({ profile, features, display, database }: SchemaInput): Json {
  const wanted = database && (features.sqlalchemy || profile.authTypes.some((a) => a === 'basic' || a === 'iam'));
  return wanted ? { username: text('Username', `Username to connect to ${display}. It needs read access to the metadata.`) } : {};
}

/** Database auth types with a shared schema under connections/database/common/, as `authType` options. */
function authTypeProperty({ profile, database }: SchemaInput): Json {
  const refs = database ? profile.authTypes.flatMap((a) => (DATABASE_AUTH_REFS[a] ? [{ $ref: DATABASE_AUTH_REFS[a] }] : [])) : [];
  if (refs.length === 0) return {};
  return { authType: { title: 'Auth Configuration Type', description: 'Choose Auth Config Type.', mask: true, oneOf: refs } };
}

/** Credentials held as plain connection properties (every auth type without a shared schema here). */
function credentialProperties({ profile, display, database }: SchemaInput): Json {
  const props: Json = {};
  const has = (a: OmAuthType): boolean => profile.authTypes.includes(a);
  if (!database && has('basic')) {
    props.username = text('Username', `Username to connect to ${display}.`);
    props.password = secret('Password', `Password to connect to ${display}.`);
  }
  if (!database && has('iam')) props.awsConfig = awsConfigProperty(profile);
  if (!database && has('azure')) {
    props.azureConfig = { title: 'Azure Credentials Configuration', $ref: AZURE_REF };
  }
  if (!database && has('jwt')) {
    props.jwt = secret('JWT', `JSON Web Token to authenticate with ${display}.`);
  }
  if (has('token')) {
    props.token = secret('API Token', `API token to authenticate with ${display}.`);
  }
  if (has('oauth')) {
    props.clientId = text('Client ID', `OAuth client ID registered with ${display}.`);
    props.clientSecret = secret('Client Secret', `OAuth client secret registered with ${display}.`);
    props.tokenUrl = { title: 'Token URL', description: `URL that issues OAuth access tokens for ${display}.`, type: 'string', format: 'uri' };
  }
  return props;
}

/** The title of awsConfig's option that holds no AWS credentials. */
export const NO_AWS_CREDENTIALS = 'No AWS Credentials';

/**
 * awsConfig of a non-database connection. Beside other auth types it is a choice with an empty option,
 * as upstream's sampleDataStorageConfig.config is: the UI's form fills the defaults of an optional nested
 * object (awsCredentials.json's assumeRoleSessionName), after which its required awsRegion blocks the save
 * of a user who authenticates otherwise. With IAM the only auth type the credentials are the point: a $ref.
 */
function awsConfigProperty(profile: OpenMetadataProfile): Json {
  const title = 'AWS Credentials Configuration';
  if (profile.authTypes.every((a) => a === 'iam')) return { title, $ref: AWS_REF };
  return {
    title,
    description: `The AWS credentials and region the connector signs its requests with, when it authenticates with IAM; else ${NO_AWS_CREDENTIALS}.`,
    oneOf: [
      { title, $ref: AWS_REF },
      { title: NO_AWS_CREDENTIALS, type: 'object', additionalProperties: false },
    ],
  };
}

/** `hostPort` (a URL or host:port) or, for messaging, `bootstrapServers`. */
function addressProperty({ profile, features, display }: SchemaInput): Json {
  const address = addressOf(profile, features);
  const property: Json = address.uri
    ? { expose: true, title: 'Host and Port', description: `URL of the ${display} instance, e.g. https://host:port.`, type: 'string', format: 'uri' }
    : address.key === 'bootstrapServers'
      ? text('Bootstrap Servers', `Comma-separated host:port list of ${display} brokers.`)
      : text('Host and Port', `Host and port of the ${display} service.`);
  if (address.default) property.default = address.default;
  return { [address.key]: property };
}

/** The database name, and what SQLAlchemy databases share: schema, SSL, driver options. */
function databaseProperties({ features, database }: SchemaInput): Json {
  const props: Json = {};
  if (database) {
    props.databaseName = text('Database Name', 'Name of the database in OpenMetadata when the source has a single one. Leave empty for "default".');
  }
  if (features.sqlalchemy) {
    props.databaseSchema = text('Database Schema', 'Restrict the metadata reading to a single schema. Leave empty to read every schema.');
    props.sslConfig = { title: 'SSL', description: 'SSL Configuration details.', $ref: SSL_REF };
    props.connectionOptions = { title: 'Connection Options', $ref: `${BASIC}connectionOptions` };
    props.connectionArguments = { title: 'Connection Arguments', $ref: `${BASIC}connectionArguments` };
  }
  return props;
}

function filterPatternProperties({ profile, features }: SchemaInput): Json {
  const type = releaseFacts(profile.openmetadataVersion).serviceTypes[profile.serviceType];
  const storedProcedures = features.storedProcedures ? type.storedProcedureFilterPattern : undefined;
  const props: Json = {};
  for (const { property, title, filters } of [...type.filterPatterns, ...(storedProcedures ? [storedProcedures] : [])]) {
    props[property] = { title, description: `Regex to only include/exclude ${filters} that match the pattern.`, $ref: FILTER_REF };
  }
  return props;
}

/** connectionBasicType's `supports...` flags for the capabilities, and the profiler's sample data storage. */
function supportsFlags({ profile, features }: SchemaInput): Json {
  const props: Json = {};
  if (profile.capabilities.includes('metadata')) {
    props.supportsMetadataExtraction = { title: 'Supports Metadata Extraction', $ref: `${BASIC}supportsMetadataExtraction` };
  }
  if (features.sqlalchemy) {
    // As upstream SQLAlchemy databases do: dbt runs on top of any database service, query comments on any engine.
    props.supportsDBTExtraction = { $ref: `${BASIC}supportsDBTExtraction` };
    props.supportsQueryComment = { title: 'Supports Query Comment', $ref: `${BASIC}supportsQueryComment` };
  }
  for (const [feature, flag, title] of CAPABILITY_FLAGS) {
    if (features[feature]) props[flag] = { title, $ref: `${BASIC}${flag}` };
  }
  if (features.profiler) {
    props.sampleDataStorageConfig = { title: 'Storage Config for Sample Data', $ref: `${BASIC}sampleDataStorageConfig` };
  }
  return props;
}
