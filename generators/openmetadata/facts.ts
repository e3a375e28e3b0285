/**
 * Facts about OpenMetadata that the generated files depend on, as data:
 * base classes and their abstract methods, test-connection steps, filter
 * patterns, reference connectors, UI paths. Sources: hosts.md and the import
 * manifest in the shared fixtures (module names, abstract methods and their
 * signatures). model/ turns them into template values; the brief and the
 * Python stubs read the same lists.
 */
import type { ServiceType } from '../../core/profile/fields-openmetadata.js';

export const INGESTION_SOURCE = 'ingestion/src/metadata/ingestion/source';
export const SPEC_SCHEMA = 'openmetadata-spec/src/main/resources/json/schema';
export const SPEC_SERVICES = `${SPEC_SCHEMA}/entity/services`;
export const TEST_CONNECTIONS = 'openmetadata-service/src/main/resources/json/data/testConnections';
export const UI_SRC = 'openmetadata-ui/src/main/resources/ui/src';
export const UI_PUBLIC = 'openmetadata-ui/src/main/resources/ui/public';

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
}

export interface BaseClass {
  name: string;
  module: string;
  /** the base class file in an OpenMetadata checkout */
  file: string;
  abstractMethods: AbstractMethod[];
}

const gen = (name: string, params: string[], returns: string, todo: string): AbstractMethod => ({
  name,
  params,
  returns,
  generator: true,
  todo,
});
const value = (name: string, params: string[], returns: string, empty: string, todo: string): AbstractMethod => ({
  name,
  params,
  returns,
  generator: false,
  empty,
  todo,
});

const EITHER = 'Iterable[Either]';

/**
 * Abstract methods per base class, as the import manifest records them
 * (`modules[*].abstract_methods`). Request types (CreateTableRequest...) live
 * in generated modules the fixtures do not back, so the stubs annotate with
 * `Either` and `Any`; each TODO names the request type to build.
 */
export const ABSTRACT_METHODS: Record<string, AbstractMethod[]> = {
  CommonDbSourceService: [],
  DatabaseServiceSource: [
    gen('get_database_names', [], 'Iterable[str]', 'yield the name of each database; a source with one database yields the connection\'s databaseName or "default"'),
    gen('get_database_schema_names', [], 'Iterable[str]', 'yield the schema names of the database in self.context.get().database, skipping those schemaFilterPattern excludes'),
    gen('get_tables_name_and_type', [], 'Optional[Iterable[Tuple[str, Any]]]', 'yield (table name, TableType) pairs of the schema in self.context.get().database_schema, skipping those tableFilterPattern excludes'),
    gen('yield_database', ['database_name: str'], EITHER, 'yield Either(right=CreateDatabaseRequest(...)) for the database'),
    gen('yield_database_schema', ['schema_name: str'], EITHER, 'yield Either(right=CreateDatabaseSchemaRequest(...)) for the schema'),
    gen('yield_tag', ['schema_name: str'], EITHER, 'yield Either(right=OMetaTagAndClassification(...)) for each tag of the schema; nothing when the source has no tags'),
    gen('yield_table', ['table_name_and_type: Tuple[str, Any]'], EITHER, 'yield Either(right=CreateTableRequest(...)) with the columns of the table'),
    gen('get_stored_procedures', [], 'Iterable[Any]', 'yield the stored procedures of the current schema; nothing when the source has none'),
    gen('yield_stored_procedure', ['stored_procedure: Any'], EITHER, 'yield Either(right=CreateStoredProcedureRequest(...)) for the procedure'),
  ],
  DashboardServiceSource: [
    gen('yield_dashboard', ['dashboard_details: Any'], EITHER, 'yield Either(right=CreateDashboardRequest(...)) for the dashboard, with its charts'),
    gen('yield_dashboard_lineage_details', ['dashboard_details: Any', 'db_service_name: str'], EITHER, 'yield Either(right=AddLineageRequest(...)) from the tables the dashboard reads to the dashboard or its data models'),
    gen('yield_dashboard_chart', ['dashboard_details: Any'], EITHER, 'yield Either(right=CreateChartRequest(...)) for each chart of the dashboard'),
    value('get_dashboards_list', [], 'Optional[List[Any]]', '[]', 'return every dashboard the credentials can see (one item per dashboard)'),
    value('get_dashboard_name', ['dashboard: Any'], 'str', '""', 'return the name of a dashboard from get_dashboards_list (used by dashboardFilterPattern)'),
    value('get_dashboard_details', ['dashboard: Any'], 'Any', 'None', 'return the full details of a dashboard (fetch them when the list item is a summary)'),
  ],
  PipelineServiceSource: [
    gen('yield_pipeline', ['pipeline_details: Any'], EITHER, 'yield Either(right=CreatePipelineRequest(...)) with the tasks of the pipeline'),
    gen('yield_pipeline_lineage_details', ['pipeline_details: Any'], EITHER, 'yield Either(right=AddLineageRequest(...)) between the tables the pipeline reads and writes; nothing when unknown'),
    value('get_pipelines_list', [], 'Optional[List[Any]]', '[]', 'return every pipeline the credentials can see'),
    value('get_pipeline_name', ['pipeline_details: Any'], 'str', '""', 'return the name of a pipeline from get_pipelines_list (used by pipelineFilterPattern)'),
    gen('yield_pipeline_status', ['pipeline_details: Any'], EITHER, 'yield Either(right=OMetaPipelineStatus(...)) for the recent runs of the pipeline and its tasks'),
  ],
  MessagingServiceSource: [
    gen('yield_topic', ['topic_details: Any'], EITHER, 'yield Either(right=CreateTopicRequest(...)) with partitions, replication and schema of the topic'),
    value('get_topic_list', [], 'Optional[List[Any]]', '[]', 'return every topic the credentials can see'),
    value('get_topic_name', ['topic_details: Any'], 'str', '""', 'return the name of a topic from get_topic_list (used by topicFilterPattern)'),
  ],
  MlModelServiceSource: [
    gen('get_mlmodels', ['*args', '**kwargs'], 'Iterable[Any]', 'yield each ML model (with the version to ingest) the credentials can see'),
    gen('yield_mlmodel', ['*args', '**kwargs'], EITHER, 'yield Either(right=CreateMlModelRequest(...)) for the model, using the helpers below'),
    value('_get_hyper_params', ['*args', '**kwargs'], 'Optional[List[Any]]', 'None', 'return the hyper-parameters of the model as MlHyperParameter objects'),
    value('_get_ml_store', ['*args', '**kwargs'], 'Optional[Any]', 'None', 'return where the model is stored as an MlStore'),
    value('_get_ml_features', ['*args', '**kwargs'], 'Optional[List[Any]]', 'None', 'return the features the model uses as MlFeature objects'),
    value('_get_algorithm', ['*args', '**kwargs'], 'str', '""', 'return the name of the algorithm of the model'),
  ],
  StorageServiceSource: [
    gen('get_containers', [], 'Iterable[Any]', 'yield each container (bucket, folder) to ingest, skipping those containerFilterPattern excludes'),
    gen('yield_create_container_requests', ['container_details: Any'], EITHER, 'yield Either(right=CreateContainerRequest(...)) for the container, with its data model when known'),
  ],
  SearchServiceSource: [
    gen('yield_search_index', ['search_index_details: Any'], EITHER, 'yield Either(right=CreateSearchIndexRequest(...)) with the fields of the index'),
    value('get_search_index_list', [], 'Optional[List[Any]]', '[]', 'return every search index the credentials can see'),
    value('get_search_index_name', ['search_index_details: Any'], 'str', '""', 'return the name of an index from get_search_index_list (used by searchIndexFilterPattern)'),
  ],
  ApiServiceSource: [
    gen('get_api_collections', ['*args', '**kwargs'], 'Iterable[Any]', 'yield each API collection (group of endpoints) to ingest'),
    gen('yield_api_collection', ['*args', '**kwargs'], EITHER, 'yield Either(right=CreateAPICollectionRequest(...)) for the collection'),
    gen('yield_api_endpoint', ['*args', '**kwargs'], EITHER, 'yield Either(right=CreateAPIEndpointRequest(...)) for each endpoint of the collection'),
  ],
};

/** The module and class of `<type>_service.py` for each non-database service type. */
const SERVICE_BASES: Record<Exclude<ServiceType, 'database'>, string> = {
  dashboard: 'DashboardServiceSource',
  pipeline: 'PipelineServiceSource',
  messaging: 'MessagingServiceSource',
  mlmodel: 'MlModelServiceSource',
  storage: 'StorageServiceSource',
  search: 'SearchServiceSource',
  api: 'ApiServiceSource',
};

const moduleFile = (module: string): string => `ingestion/src/${module.replace(/\./g, '/')}.py`;

function base(name: string, module: string): BaseClass {
  return { name, module, file: moduleFile(module), abstractMethods: ABSTRACT_METHODS[name]! };
}

export function baseClassFor(serviceType: ServiceType, sqlalchemy: boolean): BaseClass {
  if (serviceType === 'database') {
    return sqlalchemy
      ? base('CommonDbSourceService', 'metadata.ingestion.source.database.common_db_source')
      : base('DatabaseServiceSource', 'metadata.ingestion.source.database.database_service');
  }
  return base(SERVICE_BASES[serviceType], `metadata.ingestion.source.${serviceType}.${serviceType}_service`);
}

/**
 * Where metadata.py takes `WorkflowSource` from. Its home,
 * metadata.generated.schema.metadataIngestion.workflow, has no schema in the
 * fixtures, so the generated code imports the name from a module the import
 * manifest lists it in: the base module when it does, else common_db_source.
 */
export const WORKFLOW_SOURCE_MODULE: Record<string, string> = {
  CommonDbSourceService: 'metadata.ingestion.source.database.common_db_source',
  DatabaseServiceSource: 'metadata.ingestion.source.database.common_db_source',
  DashboardServiceSource: 'metadata.ingestion.source.dashboard.dashboard_service',
  PipelineServiceSource: 'metadata.ingestion.source.pipeline.pipeline_service',
  MessagingServiceSource: 'metadata.ingestion.source.messaging.messaging_service',
  MlModelServiceSource: 'metadata.ingestion.source.mlmodel.mlmodel_service',
  StorageServiceSource: 'metadata.ingestion.source.database.common_db_source',
  SearchServiceSource: 'metadata.ingestion.source.database.common_db_source',
  ApiServiceSource: 'metadata.ingestion.source.api.api_service',
};

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
}

const CHECK_ACCESS: StepFact = {
  name: 'CheckAccess',
  description: 'Reach {name} and authenticate with the given credentials.',
  mandatory: true,
  shortCircuit: true,
  method: 'check_access',
  todo: 'make one cheap call that needs valid credentials (e.g. the current user) and raise on failure',
};

const listStep = (name: string, what: string, method: string, mandatory = true): StepFact => ({
  name,
  description: `List the ${what} the credentials can see.`,
  mandatory,
  method,
  todo: `return the ${what} (first page is enough for the test); raise when the call fails`,
});

/** Steps per service type for client-based connectors (SQLAlchemy databases: see SQLALCHEMY_STEPS). */
export const CLIENT_STEPS: Record<ServiceType, StepFact[]> = {
  database: [
    CHECK_ACCESS,
    listStep('GetSchemas', 'schemas', 'list_schemas'),
    listStep('GetTables', 'tables of one schema', 'list_tables'),
    listStep('GetViews', 'views of one schema', 'list_views', false),
  ],
  dashboard: [CHECK_ACCESS, listStep('GetDashboards', 'dashboards', 'list_dashboards'), listStep('GetCharts', 'charts', 'list_charts', false)],
  pipeline: [CHECK_ACCESS, listStep('GetPipelines', 'pipelines', 'list_pipelines')],
  messaging: [CHECK_ACCESS, listStep('GetTopics', 'topics', 'list_topics')],
  mlmodel: [CHECK_ACCESS, listStep('GetModels', 'ML models', 'list_models')],
  storage: [CHECK_ACCESS, listStep('GetContainers', 'containers (buckets)', 'list_containers')],
  search: [CHECK_ACCESS, listStep('GetSearchIndexes', 'search indexes', 'list_search_indexes')],
  api: [CHECK_ACCESS, listStep('GetCollections', 'API collections', 'list_collections')],
};

/**
 * Steps of a SQLAlchemy database. test_connection_db_schema_sources maps the
 * first four itself (inspector calls); GetQueries runs the SQL the connector
 * passes in its `queries` dict.
 */
export const SQLALCHEMY_BUILTIN_STEPS: Array<Omit<StepFact, 'method' | 'todo'>> = [
  { name: 'CheckAccess', description: 'Connect to {name} with the given credentials.', mandatory: true, shortCircuit: true },
  { name: 'GetSchemas', description: 'List the schemas the user can see.', mandatory: true },
  { name: 'GetTables', description: 'List the tables of one schema.', mandatory: true },
  { name: 'GetViews', description: 'List the views of one schema.', mandatory: false },
];
export const GET_QUERIES_STEP = {
  name: 'GetQueries',
  description: 'Read the query log, which lineage and usage are computed from.',
  mandatory: false,
};

/** Filter patterns per service type: [property, title, what it filters]. */
export const FILTER_PATTERNS: Record<ServiceType, Array<[string, string, string]>> = {
  database: [
    ['databaseFilterPattern', 'Default Database Filter Pattern', 'databases'],
    ['schemaFilterPattern', 'Default Schema Filter Pattern', 'schemas'],
    ['tableFilterPattern', 'Default Table Filter Pattern', 'tables'],
  ],
  dashboard: [
    ['dashboardFilterPattern', 'Default Dashboard Filter Pattern', 'dashboards'],
    ['chartFilterPattern', 'Default Chart Filter Pattern', 'charts'],
    ['dataModelFilterPattern', 'Default Data Model Filter Pattern', 'data models'],
    ['projectFilterPattern', 'Default Project Filter Pattern', 'projects'],
  ],
  pipeline: [['pipelineFilterPattern', 'Default Pipeline Filter Pattern', 'pipelines']],
  messaging: [['topicFilterPattern', 'Default Topic Filter Pattern', 'topics']],
  mlmodel: [['mlModelFilterPattern', 'Default ML Model Filter Pattern', 'ML models']],
  storage: [['containerFilterPattern', 'Default Container Filter Pattern', 'containers']],
  search: [['searchIndexFilterPattern', 'Default Search Index Filter Pattern', 'search indexes']],
  api: [['apiCollectionFilterPattern', 'Default API Collection Filter Pattern', 'API collections']],
};

/** `sourceConfig.config.type` of a metadata workflow, per service type. */
export const METADATA_PIPELINE_TYPE: Record<ServiceType, string> = {
  database: 'DatabaseMetadata',
  dashboard: 'DashboardMetadata',
  pipeline: 'PipelineMetadata',
  messaging: 'MessagingMetadata',
  mlmodel: 'MlModelMetadata',
  storage: 'StorageMetadata',
  search: 'SearchMetadata',
  api: 'ApiMetadata',
};

/** The service entity class of `entity/services/<type>Service.json` (its title, PascalCased). */
export const SERVICE_ENTITY_CLASS: Record<ServiceType, string> = {
  database: 'DatabaseService',
  dashboard: 'DashboardService',
  pipeline: 'PipelineService',
  messaging: 'MessagingService',
  mlmodel: 'MlModelService',
  storage: 'StorageService',
  search: 'SearchService',
  api: 'ApiService',
};

export interface ReferenceConnector {
  label: string;
  folder: string;
  files: string[];
}

const ref = (label: string, type: ServiceType, folder: string, schema: string, files: string[], testConnection?: string): ReferenceConnector => ({
  label,
  folder: `${INGESTION_SOURCE}/${type}/${folder}/`,
  files: [
    ...files.map((f) => `${INGESTION_SOURCE}/${type}/${folder}/${f}`),
    `${SPEC_SERVICES}/connections/${type}/${schema}`,
    ...(testConnection ? [`${TEST_CONNECTIONS}/${type}/${testConnection}`] : []),
  ],
});

/** Upstream connectors worth reading before implementing, per service type. */
export const REFERENCE_CONNECTORS: Record<ServiceType, ReferenceConnector> = {
  database: ref('MySQL (SQLAlchemy)', 'database', 'mysql', 'mysqlConnection.json', ['connection.py', 'metadata.py', 'queries.py', 'query_parser.py', 'lineage.py', 'usage.py', 'service_spec.py'], 'mysql.json'),
  dashboard: ref('Metabase', 'dashboard', 'metabase', 'metabaseConnection.json', ['client.py', 'connection.py', 'metadata.py'], 'metabase.json'),
  pipeline: ref('Airflow', 'pipeline', 'airflow', 'airflowConnection.json', ['connection.py', 'metadata.py']),
  messaging: ref('Kafka', 'messaging', 'kafka', 'kafkaConnection.json', ['connection.py', 'metadata.py']),
  mlmodel: ref('MLflow', 'mlmodel', 'mlflow', 'mlflowConnection.json', ['connection.py', 'metadata.py']),
  storage: ref('S3', 'storage', 's3', 's3Connection.json', ['connection.py', 'metadata.py']),
  search: ref('Elasticsearch', 'search', 'elasticsearch', 'elasticSearchConnection.json', ['connection.py', 'metadata.py']),
  api: ref('REST', 'api', 'rest', 'restConnection.json', ['connection.py', 'metadata.py']),
};

/** A database reached without SQLAlchemy: Salesforce subclasses DatabaseServiceSource. */
export const DATABASE_CLIENT_REFERENCE: ReferenceConnector = ref('Salesforce (REST, no SQLAlchemy)', 'database', 'salesforce', 'salesforceConnection.json', ['connection.py', 'metadata.py']);

/** UI file mapping service types to connection schemas, per service type. */
export const UI_SERVICE_UTILS: Record<ServiceType, string> = {
  database: `${UI_SRC}/utils/DatabaseServiceUtils.tsx`,
  dashboard: `${UI_SRC}/utils/DashboardServiceUtils.ts`,
  pipeline: `${UI_SRC}/utils/PipelineServiceUtils.ts`,
  messaging: `${UI_SRC}/utils/MessagingServiceUtils.ts`,
  mlmodel: `${UI_SRC}/utils/MlmodelServiceUtils.ts`,
  storage: `${UI_SRC}/utils/StorageServiceUtils.ts`,
  search: `${UI_SRC}/utils/SearchServiceUtils.ts`,
  api: `${UI_SRC}/utils/APIServiceUtils.ts`,
};

/** Folder of the connector documentation the UI shows beside the connection form. */
export const UI_DOCS_FOLDER: Record<ServiceType, string> = {
  database: 'Database',
  dashboard: 'Dashboard',
  pipeline: 'Pipeline',
  messaging: 'Messaging',
  mlmodel: 'MlModel',
  storage: 'Storage',
  search: 'Search',
  api: 'API',
};
