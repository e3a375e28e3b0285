/** Inputs of an OpenMetadata connector, spelled as upstream's `metadata scaffold-connector`. */
import type { Field } from '../../../core/profile/field.js';
import {
  apiEndpointsField,
  choiceField,
  choicesField,
  displayNameField,
  docsNotesField,
  docsUrlField,
  freeTextField,
  nameField,
  portField,
} from '../../../core/profile/fields-common.js';
import type { JsonSchema } from '../../../core/profile/json-schema.js';
import { compareReleaseLines, factReleases } from '../../../core/host-facts.js';
import { fileURLToPath } from 'node:url';

export const SERVICE_TYPES = ['database', 'dashboard', 'pipeline', 'messaging', 'mlmodel', 'storage', 'search', 'api'] as const;
export const CONNECTION_TYPES = ['sqlalchemy', 'rest_api', 'sdk_client'] as const;
export const OM_AUTH_TYPES = ['basic', 'iam', 'azure', 'jwt', 'token', 'oauth'] as const;
export const CAPABILITIES = ['metadata', 'lineage', 'usage', 'profiler', 'stored_procedures', 'data_diff'] as const;

/** A release line the generator writes for (`1.12`, `2.0`): one facts file each in generators/openmetadata/facts/. */
export type OpenMetadataRelease = string;

/** The release lines, oldest first, read from the facts folder: adding a release is adding its facts file. */
export const OPENMETADATA_RELEASES: readonly OpenMetadataRelease[] = factReleases(fileURLToPath(new URL('../facts', import.meta.url))).sort(
  compareReleaseLines,
);
// the facts folder ships with the package: without a file in it the package is broken, not the user's input
export const NEWEST_OPENMETADATA_RELEASE: OpenMetadataRelease = OPENMETADATA_RELEASES.at(-1) ?? '';

export type ServiceType = (typeof SERVICE_TYPES)[number];
export type OmAuthType = (typeof OM_AUTH_TYPES)[number];
export type Capability = (typeof CAPABILITIES)[number];

const isDatabase = (p: Record<string, unknown>): boolean => p.serviceType === 'database';

export const openMetadataFields = [
  nameField,
  choiceField('openmetadataVersion', 'OpenMetadata release line to write for', OPENMETADATA_RELEASES, {
    defaultFor: () => NEWEST_OPENMETADATA_RELEASE,
    defaultHelp: `${NEWEST_OPENMETADATA_RELEASE}, or the release of the checkout the run is in`,
    askWhen: () => false,
  }),
  choiceField('serviceType', 'Service type', SERVICE_TYPES, { required: true }),
  {
    name: 'serviceTypeValue',
    kind: 'text',
    optional: true,
    help: 'Service type enum value when plain capitalisation of the name is wrong, e.g. AzureSQL',
    // asked only when the name's own value is taken in the checkout (the run offers it then)
    question: 'Service type enum value (its lower case names the package folder)',
    askWhen: () => false,
    schema: {
      type: 'string',
      pattern: '^[A-Z][A-Za-z0-9]*$',
      maxLength: 60,
      errorMessage: 'must start with an uppercase letter and contain only letters and digits, e.g. AzureSQL',
    },
  },
  choiceField('connectionType', 'How the connector reaches the source', CONNECTION_TYPES, {
    choiceHelp: {
      sqlalchemy: "a SQL database through a SQLAlchemy dialect: OpenMetadata's common database source reads the catalog",
      rest_api: 'an HTTP API: the connector gets a small requests-based client to fill in',
      sdk_client: "the vendor's Python SDK or driver (--sdk-package) makes the calls",
    },
    defaultFor: (p) => (isDatabase(p) ? 'sqlalchemy' : 'rest_api'),
    defaultHelp: 'sqlalchemy for a database, rest_api otherwise',
    choicesFor: (p) => (isDatabase(p) ? CONNECTION_TYPES : CONNECTION_TYPES.filter((t) => t !== 'sqlalchemy')),
  }),
  {
    name: 'scheme',
    kind: 'text',
    // sqlalchemy connectors only
    optional: true,
    help: 'SQLAlchemy URL scheme (driver), e.g. clickhouse+native',
    askWhen: (p) => p.connectionType === 'sqlalchemy',
    defaultFor: (p) => (p.connectionType === 'sqlalchemy' ? p.name : undefined),
    defaultHelp: 'the name (sqlalchemy only)',
    schema: {
      type: 'string',
      pattern: '^[a-z][a-z0-9_]*(\\+[a-z][a-z0-9_]*)?$',
      maxLength: 60,
      errorMessage: 'must be a SQLAlchemy scheme such as mysql+pymysql: lowercase dialect, optionally +driver',
    },
  },
  portField('defaultPort', 'Default port of the source system (optional)'),
  choicesField('authTypes', 'Authentication types', OM_AUTH_TYPES, {
    defaultFor: () => ['basic'],
    choiceHelp: {
      basic: 'username and password',
      iam: 'AWS IAM credentials (access key, role) instead of a password',
      azure: 'Azure AD (Entra ID) client credentials instead of a password',
      jwt: 'a signed JSON Web Token the user pastes',
      token: 'a static API key or personal access token',
      oauth: 'OAuth 2 client id and client secret',
    },
  }),
  // Every service type takes every capability, as upstream's scaffold does: for a database lineage and usage
  // read the query log; for the others they are base-class overrides, and what the type lacks is reported in the brief.
  choicesField(
    'capabilities',
    'Capabilities beyond metadata (databases read lineage and usage from the query log; other types get base-class overrides)',
    CAPABILITIES,
    {
      question: 'Capabilities beyond metadata',
      alwaysIncluded: ['metadata'],
      choiceHelp: {
        lineage: 'table lineage read from the query log',
        usage: 'query counts and frequently joined tables, from the query log',
        profiler: 'row counts and column statistics, computed by running queries',
        stored_procedures: 'stored procedures, and lineage from their SQL',
        data_diff: 'compare a table with one in another service (data quality)',
      },
      defaultFor: () => ['metadata'],
      askWhen: isDatabase,
    },
  ),
  displayNameField,
  freeTextField('description', 'One-line description of the connector'),
  docsUrlField,
  freeTextField('sdkPackage', 'Python SDK or driver package the connector uses (optional)'),
  apiEndpointsField,
  docsNotesField,
  {
    name: 'dockerImage',
    kind: 'text',
    help: 'Docker image for integration tests with testcontainers, e.g. clickhouse/clickhouse-server:24.3',
    defaultFor: () => '',
    schema: {
      type: 'string',
      maxLength: 255,
      pattern: '^([a-z0-9][a-z0-9._/:@-]*)?$',
      errorMessage: 'must be empty or an image reference such as postgres:16 (lowercase, no spaces)',
    },
  },
  {
    ...portField('dockerPort', 'Port the Docker image listens on', (p) => (p.dockerImage ? p.defaultPort : undefined)),
    askWhen: (p) => Boolean(p.dockerImage),
    defaultHelp: 'the default port, when a Docker image is given',
  },
  {
    name: 'generateModels',
    kind: 'boolean',
    optional: true,
    help:
      "After writing, generate the pydantic models of the new and edited schemas with the checkout's datamodel-codegen " +
      "(its env/bin, then $VIRTUAL_ENV/bin, then PATH) and the release's make generate options, so the connector imports at once",
    runOnly: true,
    askWhen: () => false,
    // off unless given: no default value, so the composed profile (and what is stored) has no such key
    schema: { type: 'boolean', errorMessage: 'must be true or false (on the command line: --generate-models or nothing)' },
  },
] as const satisfies readonly Field[];

/** Rules that relate fields to each other; each names the field to fix. */
export const openMetadataRules: readonly JsonSchema[] = [
  {
    if: { properties: { serviceType: { not: { const: 'database' } } }, required: ['serviceType'] },
    then: {
      properties: {
        connectionType: {
          type: 'string',
          not: { const: 'sqlalchemy' },
          errorMessage: 'sqlalchemy is for databases only; use rest_api or sdk_client',
        },
      },
    },
  },
  {
    if: { properties: { dockerImage: { type: 'string', minLength: 1 } }, required: ['dockerImage'] },
    then: {
      required: ['dockerPort'],
      errorMessage: { required: { dockerPort: 'is required with --docker-image: the port the container listens on' } },
    },
  },
];
