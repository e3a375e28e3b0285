/**
 * The OpenMetadata matrix: every service type, every connection type of a
 * database, every capability, every auth type, with and without a Docker image.
 * The generator spec (generate.test.ts) and the host layer (test/host) run the same cases.
 */
export const ALL_AUTH = ['basic', 'iam', 'azure', 'jwt', 'token', 'oauth'];
export const ALL_CAPABILITIES = ['metadata', 'lineage', 'usage', 'profiler', 'stored_procedures', 'data_diff'];
export const NON_DATABASE = ['dashboard', 'pipeline', 'messaging', 'mlmodel', 'storage', 'search', 'api'];

/** Free text that must never reach Python and must survive JSON and Markdown intact. */
export const HOSTILE = {
  displayName: 'BI "Tool" \\ <%= x %> #1',
  description: 'Says """ and \'\'\' and {braces} and \\n\nnewline; DROP TABLE x; `code`',
  docsNotes: '# Not a heading\n```\nprint("pwned")\n```\n| a | b |',
  apiEndpoints: ['GET /api/v1/dashboards?limit=10', 'POST /api/"quoted"'],
  docsUrl: 'https://docs.example.com/api?x=1&y=2',
  sdkPackage: 'bi-tool-sdk`==1.0',
};

/** The list call each REST service type's `-rest` case names: the metadata stub that lists its assets returns its answer. */
export const LIST_ENDPOINTS: Record<string, string> = {
  dashboard: 'GET /dashboards',
  pipeline: 'GET /api/v1/pipelines',
  messaging: 'GET /topics',
  mlmodel: 'GET /models',
  storage: 'GET /buckets',
  search: 'GET /indices',
  api: 'GET /collections',
};

/** --api-endpoints as users write them: calls with parameters, bodies, clashing names, keywords, and free text. */
export const ENDPOINTS = [
  'GET /api/v1/dashboards',
  'GET /charts/{id}',
  'GET /charts',
  'POST /search',
  'GET /api/v2/dashboards?limit=10',
  'GET /groups/{class}/members/{memberId}',
  'DELETE /cache (clears the export cache)',
  'the export call of the SDK',
  'POST /api/"quoted"',
];

export interface Case {
  id: string;
  options: Record<string, unknown>;
}

export const CASES: Case[] = [
  {
    id: 'database-sqlalchemy-everything',
    options: {
      name: 'warehouse_db',
      serviceType: 'database',
      connectionType: 'sqlalchemy',
      scheme: 'warehouse+pywarehouse',
      defaultPort: 5439,
      capabilities: ALL_CAPABILITIES,
      authTypes: ALL_AUTH,
      dockerImage: 'postgres:16',
      dockerPort: 5432,
    },
  },
  ...ALL_CAPABILITIES.map((capability) => ({
    id: `database-sqlalchemy-${capability}`,
    options: { name: `only_${capability}`, serviceType: 'database', capabilities: [capability] },
  })),
  { id: 'database-sqlalchemy-token-only', options: { name: 'token_db', serviceType: 'database', authTypes: ['token'] } },
  {
    id: 'database-rest-all-auth',
    options: {
      name: 'rest_db',
      serviceType: 'database',
      connectionType: 'rest_api',
      authTypes: ALL_AUTH,
      capabilities: ['metadata', 'stored_procedures', 'lineage'],
      apiEndpoints: ['GET /databases/{database}/schemas', 'PUT /query', 'GET /v1/tables'],
    },
  },
  {
    id: 'database-sdk-docker',
    options: {
      name: 'doc_store',
      serviceType: 'database',
      connectionType: 'sdk_client',
      authTypes: ['oauth'],
      dockerImage: 'mongo:7',
      dockerPort: 27017,
    },
  },
  ...NON_DATABASE.map((serviceType) => ({
    id: `${serviceType}-rest`,
    options: { name: `my_${serviceType}`, serviceType, apiEndpoints: [LIST_ENDPOINTS[serviceType]] },
  })),
  {
    id: 'dashboard-rest-endpoints',
    options: {
      name: 'chart_hub',
      serviceType: 'dashboard',
      authTypes: ['token'],
      apiEndpoints: ENDPOINTS,
      defaultPort: 443,
      dockerImage: 'nginx:1.27',
      dockerPort: 443,
    },
  },
  {
    id: 'dashboard-sdk-all-auth-docker-hostile-text',
    options: {
      name: 'bi_tool',
      serviceType: 'dashboard',
      connectionType: 'sdk_client',
      authTypes: ALL_AUTH,
      defaultPort: 3000,
      dockerImage: 'metabase/metabase:v0.50.1',
      dockerPort: 3000,
      ...HOSTILE,
    },
  },
  // upstream's scaffold accepts names starting with test_ (its examples include test_messaging)
  { id: 'database-test-prefixed-name', options: { name: 'test_ledger', serviceType: 'database' } },
  { id: 'messaging-all-auth', options: { name: 'event_bus', serviceType: 'messaging', authTypes: ALL_AUTH, defaultPort: 9092 } },
  {
    id: 'pipeline-rest-token-docker',
    options: { name: 'flow_runner', serviceType: 'pipeline', authTypes: ['token', 'basic'], dockerImage: 'apache/airflow:2.9.0', dockerPort: 8080 },
  },
  {
    id: 'long-names-database',
    options: {
      name: 'extremely_long_database_connector_name_for_layout_checks_xy',
      serviceType: 'database',
      capabilities: ALL_CAPABILITIES,
      authTypes: ALL_AUTH,
      dockerImage: 'postgres:16',
      dockerPort: 5432,
    },
  },
  {
    id: 'long-names-mlmodel',
    options: { name: 'extremely_long_model_registry_connector_name_for_checks_abc', serviceType: 'mlmodel', authTypes: ['token', 'jwt'] },
  },
  {
    id: 'service-type-value',
    options: { name: 'azure_sql_like', serviceType: 'database', serviceTypeValue: 'AzureSQLLike', capabilities: ['metadata', 'lineage'] },
  },
  // every capability is accepted for every service type, as upstream's scaffold accepts them: a dashboard gets the
  // overrides lineage and usage mean for it; an ML model and (2.0) a messaging source the lineage override
  { id: 'dashboard-all-capabilities', options: { name: 'bi_usage', serviceType: 'dashboard', capabilities: ALL_CAPABILITIES } },
  { id: 'mlmodel-lineage', options: { name: 'model_lineage', serviceType: 'mlmodel', capabilities: ['metadata', 'lineage'] } },
  { id: 'messaging-lineage', options: { name: 'topic_lineage', serviceType: 'messaging', capabilities: ['metadata', 'lineage'] } },
];
