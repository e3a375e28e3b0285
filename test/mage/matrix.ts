/**
 * The Mage matrix: every connector type and auth type, long names at the limits and free text.
 * The generator spec (generate.test.ts) and the fast-bin check (test/bin/fast-bin.test.ts) run the same cases.
 */
import type { MageCase } from './support.js';

const LONG_NAME = 'a_very_long_source_name_for_line_lengths'; // 40 characters, the most the profile allows
const LONG_STREAM = 'an_equally_long_stream_id_for_the_limits'; // 40 characters

export const CASES: readonly MageCase[] = [
  {
    id: 'sql_driver',
    options: { name: 'acme_db', displayName: 'Acme DB', connectorType: 'sql', defaultPort: '5439', pipPackages: ['psycopg2-binary==2.9.3'] },
  },
  {
    id: 'sql_plain',
    options: {
      name: 'ledger_sql',
      connectorType: 'sql',
      configKeys: ['host=db.local', 'port=1521', 'database', 'username', 'password:secret', 'service_name'],
    },
  },
  { id: 'api_one_api_key', options: { name: 'crm_api', connectorType: 'api', streams: ['contacts'], authTypes: ['api_key'] } },
  { id: 'api_bearer', options: { name: 'tickets', connectorType: 'api', streams: ['tickets', 'users'], authTypes: ['bearer'] } },
  { id: 'api_basic', options: { name: 'billing', connectorType: 'api', streams: ['invoices'], authTypes: ['basic'] } },
  {
    id: 'api_oauth2',
    options: { name: 'ads_api', connectorType: 'api', streams: ['campaigns', 'ad_groups', 'ads2', 'ads10'], authTypes: ['oauth2'] },
  },
  {
    id: 'api_none',
    options: { name: 'open_data', connectorType: 'api', streams: ['stations'], authTypes: ['none'], baseUrl: 'https://data.example.org/v2' },
  },
  {
    id: 'api_all_auth',
    options: {
      name: 'omni_api',
      connectorType: 'api',
      streams: ['orders', 'order_items', 'customers'],
      authTypes: ['api_key', 'bearer', 'basic', 'oauth2', 'none'],
    },
  },
  {
    // streams reading --api-endpoints calls: a child of a parent stream listed after it, path parameters from
    // the config (a query string kept), a path too long for one line, a call no stream reads
    id: 'api_endpoints',
    options: {
      name: 'shop_rest',
      connectorType: 'api',
      streams: ['order_items', 'orders', 'notes', 'reports', 'users'],
      authTypes: ['bearer'],
      apiEndpoints: [
        'GET /v1/orders/{id}/items',
        'GET /v1/orders',
        'GET /accounts/{accountId}/notes?kind=all',
        'GET /organisations/{organisation_id}/departments/{department_id}/reporting/periods/current/reports',
        'POST /search',
      ],
    },
  },
  // names may start with test_ (as OpenMetadata's scaffold allows); the test module keeps the name
  { id: 'sql_test_prefixed', options: { name: 'test_warehouse', connectorType: 'sql' } },
  { id: 'file_one', options: { name: 'csv_drop', connectorType: 'file', streams: ['rows'] } },
  {
    id: 'file_several',
    options: { name: 'sftp_files', connectorType: 'file', streams: ['daily_sales', 'returns', 'stock'], configKeys: ['path', 'delimiter=;'] },
  },
  {
    id: 'long_names',
    options: { name: LONG_NAME, connectorType: 'api', streams: [LONG_STREAM, 'short'], authTypes: ['api_key', 'basic', 'oauth2'] },
  },
  { id: 'long_sql', options: { name: LONG_NAME, connectorType: 'sql', pipPackages: ['snowflake-connector-python>=4.0.0'], defaultPort: '443' } },
  {
    id: 'free_text',
    options: {
      name: 'quirky',
      displayName: `O'Brien "Data" \\ Hub | <b>{x}</b> \`tick\``,
      connectorType: 'api',
      streams: ['events'],
      authTypes: ['bearer'],
      configKeys: [
        { key: 'access_token', secret: true },
        { key: 'note', sample: "it's | `odd` <b> \\", description: 'A | pipe, a `tick` and <i>html</i>' },
        { key: 'retries', sample: 3 },
      ],
      docsUrl: 'https://docs.example.com/a_(b)',
      apiEndpoints: ['GET /events?since=`x`', '| pipe |'],
      docsNotes: "```\nclosing fence\n# not a heading\n<script>alert('x')</script>",
    },
  },
];
