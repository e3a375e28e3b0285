/**
 * What the generated OpenMetadata connector depends on in the host, as data:
 * one JSON file per release line in this folder, read through
 * core/host-facts.ts. 1.12.json holds every fact (checkout paths, base classes
 * and their abstract methods, test-connection steps, filter patterns,
 * reference connectors, UI files, Python layout and formatter); 2.0.json
 * extends it with what 2.0 changed. model/ turns the facts of the profile's
 * release (`openmetadataVersion`) into template values; the brief reads the same.
 *
 * Adding a release, say 2.1, is one file 2.1.json here: `"extends": "2.0"` (the
 * release it differs least from) and the facts that changed: objects merge key
 * by key, arrays and other values replace the inherited one (null clears it).
 * OPENMETADATA_RELEASES (profile/fields.ts), the choices of --openmetadata-version,
 * is read from this folder; the newest line is the default.
 * The host layer judges the release once test/host/releases.json pins its
 * openmetadata-ingestion: it checks these facts against the installed package.
 */
import { fileURLToPath } from 'node:url';

import type { PyStyle } from '../python.js';
import type { ModelGenerationFacts } from '../pydantic-models.js';
import { loadHostFacts } from '../../../core/host-facts.js';
import { OPENMETADATA_RELEASES, type Capability, type OpenMetadataRelease, type ServiceType } from '../profile/fields.js';

/** One abstract method of a base class, and the stub the generator writes for it. */
export interface AbstractMethod {
  name: string;
  /** parameters after self, with annotations the generated module can import (typing names only) */
  params: string[];
  returns: string;
  /** generators get `yield from ()`; the others return `empty` */
  generator: boolean;
  empty?: string;
  /** what the implementation must do: the stub's TODO comment and the brief's entry */
  todo: string;
  /** what a GET endpoint without parameters lists (its last segment) when its response is what this stub returns */
  servedBy?: string[];
}

/**
 * A base class of metadata sources. Request types (CreateTableRequest...) live in
 * generated modules, so the stubs annotate with `Either` and `Any`; each TODO
 * names the request type to build.
 */
export interface BaseClassFacts {
  module: string;
  /**
   * Where metadata.py takes `WorkflowSource` from: its home module has no schema
   * in the fixtures, so a module that imports it (the base module when it does).
   */
  workflowSourceModule: string;
  /** the abstract methods the generated source stubs, in the base class's order */
  abstractMethods: AbstractMethod[];
  /** the attribute its __init__ keeps the client of get_connection in (self.client, self.connection) */
  clientAttribute?: string;
  /** abstract methods the metadata.py template writes itself (1.12's DatabaseServiceSource.close); the host layer checks them too */
  templateImplements?: string[];
  /**
   * Methods with a default in the base class that a source overrides to add what its service type
   * offers (data models, usage, owners...): the brief lists them; metadata.py stubs one when a
   * capability asked for names it (serviceTypes.<type>.capabilities). Signatures are checked as the stubs'.
   */
  optionalMethods?: AbstractMethod[];
}

export interface BaseClass extends BaseClassFacts {
  name: string;
  /** the base class file in an OpenMetadata checkout */
  file: string;
}

/** One step of the test-connection definition, and the client method it runs (client-based connectors). */
export interface StepFact {
  name: string;
  /** what the step checks; `{name}` stands for the display name */
  description: string;
  mandatory: boolean;
  shortCircuit?: boolean;
  method: string;
  /** what the client method must do */
  todo: string;
  /** what a GET endpoint without parameters lists (its last segment) when its answer is what the step reads */
  servedBy?: string[];
}

/** A step OpenMetadata's SQLAlchemy helpers run themselves. */
export type SqlalchemyStepFact = Omit<StepFact, 'method' | 'todo'>;

export interface FilterPatternFact {
  property: string;
  title: string;
  /** what it filters, plural: the description says "Regex to only include/exclude <filters> ..." */
  filters: string;
}

/** An upstream connector worth reading before implementing; files relative to its folder and the schema folders. */
export interface ReferenceConnectorFact {
  label: string;
  folder: string;
  sourceFiles: string[];
  connectionSchema: string;
  testConnection?: string;
  /** how its connection.py runs the test connection: the module-level functions (legacy, the default) or 2.0's checks API */
  testConnectionApi?: 'legacy' | 'checks';
}

/** What a capability beyond metadata means for a source of a service type other than database. */
export interface CapabilityFact {
  /** the base-class methods that implement it (abstract ones are stubbed anyway; optional ones get a stub when it is asked for) */
  methods: string[];
  /** how the host runs them, or why nothing is left to write */
  how: string;
}

export interface ServiceTypeFacts {
  /** the base class of a client-based source; databases read through SQLAlchemy subclass `sqlalchemyBaseClass` */
  baseClass: string;
  sqlalchemyBaseClass?: string;
  /** the service entity class of `entity/services/<type>Service.json` (its title, PascalCased) */
  serviceEntityClass: string;
  /** `sourceConfig.config.type` of a metadata workflow */
  metadataPipelineType: string;
  /** client-based connectors: the first step, when not testConnection.clientCheckAccess (a step enum without CheckAccess) */
  accessStep?: StepFact;
  /** client-based connectors: the steps after the access step, each run by a client method */
  listSteps: StepFact[];
  filterPatterns: FilterPatternFact[];
  storedProcedureFilterPattern?: FilterPatternFact;
  /**
   * Non-database types: the capabilities beyond metadata the base class serves; the others are
   * accepted (as upstream's scaffold accepts every capability for every type) and reported as not generated.
   * Databases read lineage and usage from the query log instead (queryLogs).
   */
  capabilities?: Partial<Record<Capability, CapabilityFact>>;
  referenceConnector: ReferenceConnectorFact;
  /** the reference for a source of this type reached without SQLAlchemy (databases) */
  clientReferenceConnector?: ReferenceConnectorFact;
  ui: {
    /** the UI file mapping service types to connection schemas, relative to paths.uiSrc */
    serviceUtils: string;
    /** folder of the connection guide the UI shows beside the form, under locales/en-US/ */
    docsFolder: string;
    /** the key of paths.uiServiceIcons' map whose icon a new connector of the type shows until it has its own */
    iconFallbackKey: string;
  };
}

export interface ReleaseFacts {
  line: OpenMetadataRelease;
  label: string;
  /** folders of an OpenMetadata checkout, from its root */
  paths: {
    ingestionSource: string;
    specServices: string;
    testConnections: string;
    uiSrc: string;
    uiPublic: string;
    /** the map from lower-case service types to icons, relative to uiSrc */
    uiServiceIcons: string;
    /** the class that lists `unSupportedServices` (types the UI hides), relative to uiSrc */
    uiServiceUtilClassBase: string;
    /** the example workflows `metadata ingest -c` runs */
    exampleWorkflows: string;
    /** unit tests of sources, one folder per service type */
    unitTopologyTests: string;
    /** integration tests: connections/ and one folder per connector */
    integrationTests: string;
    /** the server's secrets converters (ClassConverter and its subclasses): a generated converter class goes here */
    serviceConverters: string;
    /** the factory that maps connection classes to converters (where the typing of oneOf fields is registered) */
    converterFactory: string;
    /** its test, whose @ValueSource list names every registered class */
    converterFactoryTest: string;
  };
  /** what a generated server-side converter class (openmetadata-service) names */
  serverJava: {
    /** the JsonUtils the release's ClassConverter maps objects with */
    jsonUtils: string;
  };
  /** how the release's formatter lays out Python */
  python: PyStyle;
  /** the formatter `make py_format` runs, and the repository's settings for it (the host layer applies them) */
  pythonFormatting: {
    tool: 'isort+black' | 'ruff';
    command: string;
    summary: string;
    isort?: { profile: string; knownFirstParty: string[] } | null;
    ruff?: {
      targetVersion: string;
      select: string[];
      ignore: string[];
      perFileIgnores: Record<string, string[]>;
      knownFirstParty: string[];
      maxComplexity: number;
      banRelativeImports: string;
    };
  };
  /** how the host's `make generate` turns schemas into models: --generate-models and the host layer run it (pydantic-models.ts) */
  modelGeneration: ModelGenerationFacts;
  /** BaseConnection (metadata.ingestion.connections.connection): what a subclass must implement */
  baseConnection: { abstractMethods: string[]; registersTeardown: boolean };
  testConnection: {
    /** the category the gate step carries (2.0), or none (1.12 rejects the field) */
    gateCategory: string | null;
    /** the first step of every client-based connector */
    clientCheckAccess: StepFact;
    /** the steps test_connection_db_schema_sources maps itself (inspector calls) */
    sqlalchemySteps: SqlalchemyStepFact[];
    /** the step that runs the SQL the connector passes in its `queries` dict, when the query log is read */
    queryLogStep: SqlalchemyStepFact;
  };
  /** the query histories lineage and usage read, for the SQL families whose history is known */
  queryLogs: QueryLogFacts;
  baseClasses: Record<string, BaseClassFacts>;
  /**
   * `<BaseClass>.<method>` -> the installed package's signature as `str(inspect.signature(...))`
   * prints it, for every method the templates write (the stubs and templateImplements). The
   * host layer compares it whole (names, kinds, defaults, annotations as text), and the
   * stubs' `params` against it (names, kinds, defaults; the stubs annotate with typing names).
   */
  upstreamSignatures: Record<string, string>;
  serviceTypes: Record<ServiceType, ServiceTypeFacts>;
  /** the test-connection checks API (2.0); absent in releases without it */
  checksApi?: ChecksApiFacts;
}

/**
 * Where a family of SQL databases keeps its query history, and the SQL the
 * generated queries.py reads it with: facts of the database, written as the
 * release's QueryParserSource formats them (start_time, end_time, filters and
 * result_limit; literal braces doubled) and as its lineage and usage sources read
 * the rows (the columns by name, through SQLAlchemy's text(): no `:name` binds).
 */
export interface QueryLogFamily {
  /** the family as the brief names it */
  label: string;
  /** the SQLAlchemy dialects (a scheme's part before `+`) of the family */
  dialects: string[];
  /** where the family keeps the history */
  source: string;
  /** what the server and the user need before the history can be read */
  requires: string;
  /** what the history cannot give that a log with one row per run would */
  note?: string;
  /** the statement's expression for the query text, which the `filters` of lineage.py and usage.py test */
  textColumn: string;
  /** the query-log SELECT (sql_stmt), one line per entry */
  statement: string[];
  /** a cheap read of the same history, run as it is by the GetQueries test-connection step */
  test: string[];
}

export interface QueryLogFacts {
  families: QueryLogFamily[];
  /**
   * What the GetQueries step raises, and its TODO says, when the dialect's history is unknown;
   * `{dialect}`, `{testConstant}` and `{sqlStatement}` stand for the connector's.
   */
  unknownTodo: string;
}

/** The query-log family of a SQLAlchemy scheme (`postgresql+psycopg2` -> PostgreSQL), if its history is known. */
export function queryLogFor(facts: ReleaseFacts, scheme: string): QueryLogFamily | undefined {
  const [dialect = ''] = scheme.split('+');
  return facts.queryLogs.families.find((f) => f.dialects.includes(dialect));
}

/** A module and names imported from it. */
export interface ModuleNames {
  module: string;
  names: string[];
}

/** The step-identity enum of a service type: each @check names one of its members. */
export interface StepEnumFacts {
  module: string;
  name: string;
  members: string[];
}

/** Where the checks API keeps what a generated checks class imports. */
export interface ChecksApiFacts {
  summary: string;
  /** check, ErrorPack, Matchers, when, Evidence, ChecksProvider... */
  core: ModuleNames;
  /** the handle a checks class holds the connection's client through */
  borrowed: { module: string; name: string };
  /** the network diagnoses every pack falls back on */
  networkErrors: { module: string; name: string };
  /** verify_access, fetch_list, http_status: REST and SDK clients */
  restHelpers: ModuleNames;
  /** ping, list_schemas, list_tables, list_views, run_sql: SQLAlchemy engines */
  sqlalchemyHelpers: ModuleNames;
  stepEnums: Partial<Record<ServiceType, StepEnumFacts>>;
}

/** The checks API and the step enum a connector uses, when its reference connector does. */
export interface ChecksApiUse {
  api: ChecksApiFacts;
  stepEnum: StepEnumFacts;
}

/** This folder: the release files. */
export const factsFolder = fileURLToPath(new URL('.', import.meta.url));

export const isKnownRelease = (line: unknown): line is OpenMetadataRelease => (OPENMETADATA_RELEASES as readonly unknown[]).includes(line);

export function releaseFacts(line: string): ReleaseFacts {
  // not isKnownRelease: `line` is already a string, and its guard would narrow it to never here
  if (!OPENMETADATA_RELEASES.includes(line)) {
    throw new Error(`unknown OpenMetadata release line ${line}; known: ${OPENMETADATA_RELEASES.join(', ')}`);
  }
  // the release files in this folder are written to ReleaseFacts' shape
  return loadHostFacts(factsFolder, line) as ReleaseFacts;
}

const moduleFile = (module: string): string => `ingestion/src/${module.replace(/\./g, '/')}.py`;

/** The base class of the metadata source of a service type (SQLAlchemy databases have their own). */
export function baseClassFor(facts: ReleaseFacts, serviceType: ServiceType, sqlalchemy: boolean): BaseClass {
  const type = facts.serviceTypes[serviceType];
  const name = sqlalchemy && type.sqlalchemyBaseClass ? type.sqlalchemyBaseClass : type.baseClass;
  const base = facts.baseClasses[name];
  if (!base) throw new Error(`OpenMetadata ${facts.line} facts: no base class ${name} (serviceTypes.${serviceType})`);
  return { name, ...base, file: moduleFile(base.module) };
}

/** Every method a template writes for a base class: its abstract methods' stubs, what the template implements itself, and the optional overrides a capability stubs. */
export const writtenMethods = (base: BaseClassFacts): Array<Pick<AbstractMethod, 'name' | 'params'>> => [
  ...base.abstractMethods,
  ...(base.templateImplements ?? []).map((name) => ({ name, params: [] })),
  ...(base.optionalMethods ?? []),
];

/** The steps of a client-based connector: the access step (CheckAccess unless the type has its own), then the service type's list steps. */
export const clientStepFacts = (facts: ReleaseFacts, serviceType: ServiceType): StepFact[] => [
  facts.serviceTypes[serviceType].accessStep ?? facts.testConnection.clientCheckAccess,
  ...facts.serviceTypes[serviceType].listSteps,
];

/**
 * The checks API, when the release's reference connector of this kind uses it
 * (the generated connection follows the release's own example). SQLAlchemy
 * databases follow referenceConnector; other databases clientReferenceConnector.
 */
export function checksApiFor(facts: ReleaseFacts, serviceType: ServiceType, sqlalchemy: boolean): ChecksApiUse | undefined {
  const type = facts.serviceTypes[serviceType];
  const reference = serviceType === 'database' && !sqlalchemy ? type.clientReferenceConnector : type.referenceConnector;
  if (reference?.testConnectionApi !== 'checks') return undefined;
  const api = facts.checksApi;
  const stepEnum = api?.stepEnums[serviceType];
  if (!api || !stepEnum)
    throw new Error(`OpenMetadata ${facts.line} facts: serviceTypes.${serviceType} uses the checks API, but checksApi has no step enum for it`);
  return { api, stepEnum };
}

export interface ReferenceConnector {
  label: string;
  /** its source folder in a checkout */
  folder: string;
  /** the files to read, from the checkout root */
  files: string[];
}

/** A reference connector with its files as checkout paths. */
export function referencePaths(facts: ReleaseFacts, serviceType: ServiceType, ref: ReferenceConnectorFact): ReferenceConnector {
  const { ingestionSource, specServices, testConnections } = facts.paths;
  const source = `${ingestionSource}/${serviceType}/${ref.folder}`;
  return {
    label: ref.label,
    folder: `${source}/`,
    files: [
      ...ref.sourceFiles.map((f) => `${source}/${f}`),
      `${specServices}/connections/${serviceType}/${ref.connectionSchema}`,
      ...(ref.testConnection ? [`${testConnections}/${serviceType}/${ref.testConnection}`] : []),
    ],
  };
}

/** The packages the release's formatter files as first-party (isort's known_first_party in 1.12, ruff's in 2.0). */
export const firstPartyPackages = (release: ReleaseFacts): readonly string[] =>
  release.pythonFormatting.isort?.knownFirstParty ?? release.pythonFormatting.ruff?.knownFirstParty ?? [];
