/**
 * ingestion/src/metadata/examples/workflows/<package>.yaml: the metadata workflow a user runs
 * first (`metadata ingest -c <file>`). The connection block holds sample values taken from the
 * connection schema the generator writes: its defaults, the address with the profile's default
 * port, placeholders for credentials and secrets; optional settings (database name, filter
 * patterns, SSL, the `supports...` flags) are left out, as the host's defaults cover them.
 */
import yaml from 'js-yaml';

import { openMetadataNames, type OpenMetadataProfile } from '../profile/spec.js';
import { releaseFacts } from '../facts/index.js';
import { connectionSchema, type Json } from './connection-schema.js';
import { addressOf, featuresOf } from './features.js';

/** Where `metadata ingest` reaches a local OpenMetadata server (its default port). */
export const LOCAL_SERVER_API = 'http://localhost:8585/api';
/** Not a token: the user pastes the ingestion bot's JWT here (OpenMetadata UI, Settings > Bots > ingestion-bot). */
export const JWT_PLACEHOLDER = '<ingestion-bot JWT token>';

/** Properties a user must fill in although the schema gives them no default: credentials. */
const CREDENTIAL_SAMPLES: Record<string, string> = {
  username: '<username>',
  clientId: '<clientId>',
  tokenUrl: 'https://localhost/oauth/token',
};

/** `authType` options whose schema has one plain secret; the others need nested cloud credentials. */
const AUTH_TYPE_SAMPLES: Record<string, Json> = {
  './common/basicAuth.json': { password: '<password>' },
  './common/jwtAuth.json': { jwt: '<jwt>' },
};

/** driver settings upstream examples show as empty maps */
const EMPTY_MAP_REFS = ['connectionOptions', 'connectionArguments'];

export interface ExampleWorkflow {
  sourceType: string;
  serviceName: string;
  /** the serviceConnection.config mapping as YAML, indented for its place in the file */
  connectionConfig: string;
  sourceConfigType: string;
  serverHostPort: string;
  jwtToken: string;
}

export function exampleWorkflowValues(profile: OpenMetadataProfile): ExampleWorkflow {
  const names = openMetadataNames(profile);
  const release = releaseFacts(profile.openmetadataVersion);
  return {
    sourceType: scalar(names.packageName),
    serviceName: scalar(`local_${profile.name}`),
    connectionConfig: block(sampleConnectionConfig(profile), 6),
    sourceConfigType: scalar(release.serviceTypes[profile.serviceType].metadataPipelineType),
    serverHostPort: scalar(LOCAL_SERVER_API),
    jwtToken: scalar(JWT_PLACEHOLDER),
  };
}

/** One sample value per connection property a first run needs, in the schema's property order. */
export function sampleConnectionConfig(profile: OpenMetadataProfile): Json {
  const schema = connectionSchema(profile);
  const properties = schema.properties as Record<string, Json>;
  const addressKey = addressOf(profile, featuresOf(profile)).key;
  const config: Json = {};
  for (const [key, property] of Object.entries(properties)) {
    const value = key === addressKey ? addressSample(profile) : sampleOf(key, property);
    if (value !== undefined) config[key] = value;
  }
  return config;
}

function addressSample(profile: OpenMetadataProfile): string {
  return addressOf(profile, featuresOf(profile)).sample;
}

function sampleOf(key: string, property: Json): unknown {
  if (property.default !== undefined) return property.default;
  if (key === 'authType') return authTypeSample(property);
  if (property.format === 'password') return `<${key}>`;
  if (key in CREDENTIAL_SAMPLES) return CREDENTIAL_SAMPLES[key];
  const ref = typeof property.$ref === 'string' ? property.$ref : '';
  if (EMPTY_MAP_REFS.some((name) => ref.endsWith(`/${name}`))) return {};
  return undefined;
}

/** The first `authType` option with a plain secret (basic before jwt, as the schema lists them). */
function authTypeSample(property: Json): Json | undefined {
  const options = Array.isArray(property.oneOf) ? (property.oneOf as Json[]) : [];
  for (const option of options) {
    const sample = typeof option.$ref === 'string' ? AUTH_TYPE_SAMPLES[option.$ref] : undefined;
    if (sample) return sample;
  }
  return undefined;
}

/** A scalar as YAML writes it (quoted only where YAML needs it). */
const scalar = (value: string): string => yaml.dump(value, { lineWidth: -1 }).trimEnd();

/** A mapping as YAML lines, each indented by `indent` spaces. */
function block(value: Json, indent: number): string {
  const pad = ' '.repeat(indent);
  return yaml
    .dump(value, { indent: 2, lineWidth: -1, noRefs: true })
    .trimEnd()
    .split('\n')
    .map((line) => `${pad}${line}`)
    .join('\n');
}
