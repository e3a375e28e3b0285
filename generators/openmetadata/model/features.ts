/** What a profile implies for the generated files: features, Python modules, the connection address. */
import type { Capability } from '../profile/fields.js';
import type { OpenMetadataNames, OpenMetadataProfile } from '../profile/spec.js';

export interface Features {
  sqlalchemy: boolean;
  /** client.py holds a requests session (REST APIs; messaging sources speak their broker's protocol) */
  restClient: boolean;
  /** lineage or usage from the query log (SQLAlchemy databases only) */
  queryLog: boolean;
  lineage: boolean;
  usage: boolean;
  profiler: boolean;
  dataDiff: boolean;
  storedProcedures: boolean;
  /** capabilities asked for that a database of this connection type cannot serve (reported in the brief; other service types: ProfileContext.serviceCapabilities) */
  unsupported: Capability[];
}

export function featuresOf(profile: OpenMetadataProfile): Features {
  const sqlalchemy = profile.connectionType === 'sqlalchemy';
  const has = (c: Capability): boolean => profile.capabilities.includes(c);
  // Query-log lineage/usage, the profiler and data diff run through SQLAlchemy in OpenMetadata.
  const sqlOnly: Capability[] = ['lineage', 'usage', 'profiler', 'data_diff'];
  return {
    sqlalchemy,
    restClient: profile.connectionType === 'rest_api' && profile.serviceType !== 'messaging',
    lineage: sqlalchemy && has('lineage'),
    usage: sqlalchemy && has('usage'),
    queryLog: sqlalchemy && (has('lineage') || has('usage')),
    profiler: sqlalchemy && has('profiler'),
    dataDiff: sqlalchemy && has('data_diff'),
    storedProcedures: profile.serviceType === 'database' && has('stored_procedures'),
    unsupported: profile.serviceType === 'database' && !sqlalchemy ? sqlOnly.filter(has) : [],
  };
}

/** Python module paths of the generated package and of the generated connection schema. */
export function modulesOf(profile: OpenMetadataProfile, names: OpenMetadataNames) {
  const pkg = `metadata.ingestion.source.${profile.serviceType}.${names.packageName}`;
  return {
    package: pkg,
    connection: `${pkg}.connection`,
    client: `${pkg}.client`,
    metadata: `${pkg}.metadata`,
    queries: `${pkg}.queries`,
    queryParser: `${pkg}.query_parser`,
    lineage: `${pkg}.lineage`,
    usage: `${pkg}.usage`,
    schema: `metadata.generated.schema.entity.services.connections.${profile.serviceType}.${names.stem}Connection`,
    serviceSchema: `metadata.generated.schema.entity.services.${profile.serviceType}Service`,
  };
}

export type Modules = ReturnType<typeof modulesOf>;

export interface Address {
  /** the connection property that holds it */
  key: 'hostPort' | 'bootstrapServers';
  /** a URL (REST and SDK sources) rather than `host:port` */
  uri: boolean;
  /** a value for tests and examples */
  sample: string;
  /** the schema default, when the profile has a default port */
  default: string | undefined;
}

/** Connection address: `host:port` for SQLAlchemy and Kafka-like brokers, a URL otherwise. */
export function addressOf(profile: OpenMetadataProfile, features: Features): Address {
  const port = profile.defaultPort;
  if (profile.serviceType === 'messaging') {
    return { key: 'bootstrapServers', uri: false, sample: `localhost:${port ?? 9092}`, default: port ? `localhost:${port}` : undefined };
  }
  if (features.sqlalchemy) {
    return { key: 'hostPort', uri: false, sample: `localhost:${port ?? 5432}`, default: port ? `localhost:${port}` : undefined };
  }
  const url = `${urlScheme(port)}://localhost:${port ?? 8080}`;
  return { key: 'hostPort', uri: true, sample: url, default: port ? url : undefined };
}

/** The scheme of a URL on `port`: https on 443, the HTTPS port, http otherwise. */
export const urlScheme = (port: number | undefined): 'http' | 'https' => (port === 443 ? 'https' : 'http');

/** The SQLAlchemy URL scheme: the profile's, else the connector name. */
export const schemeOf = (profile: OpenMetadataProfile): string => profile.scheme || profile.name;
