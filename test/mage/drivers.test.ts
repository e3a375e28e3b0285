/**
 * The SQL connection a Mage source gets connects with each DB-API driver the
 * template knows, for real: the driver from PyPI (the tools venv of
 * test/mage/tools-requirements.txt), a real server started by .ci/run
 * (.ci/postgres.sh, .ci/mariadb.sh), and `SELECT 1` through the generated
 * connection class (psycopg 3 refuses `database=`, which psycopg2 accepts).
 * Then the generated source runs as mage-ai starts it, a script in the real
 * mage_integrations with mage-ai's singer-python: --discover, a sync
 * with an incremental catalog and a state file (Singer messages on stdout),
 * and --load_sample_data on an empty table.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { skipWithReason } from '../support/fixtures.js';
import { runGenerator, tempDir } from '../support/generate.js';
import { mageTree } from './support.js';
import { mageNames } from '../../generators/mage/profile/spec.js';

interface Driver {
  package: string;
  server: 'GC_TEST_POSTGRES_URL' | 'GC_TEST_MARIADB_URL';
}

const DRIVERS: Driver[] = [
  { package: 'psycopg2-binary==2.9.10', server: 'GC_TEST_POSTGRES_URL' },
  { package: 'psycopg[binary]==3.2.3', server: 'GC_TEST_POSTGRES_URL' },
  { package: 'PyMySQL==1.1.1', server: 'GC_TEST_MARIADB_URL' },
  { package: 'mysql-connector-python==9.1.0', server: 'GC_TEST_MARIADB_URL' },
];

/**
 * Connects through the generated connection class (argv: module, class, url, sql...), runs the
 * statements given (the tables the sync reads), commits, and prints the row of `SELECT 1`.
 */
const CONNECT_AND_SEED = `
import json, sys
from importlib import import_module
from urllib.parse import unquote, urlsplit

module, class_name, url = sys.argv[1:4]
parts = urlsplit(url)
connection = getattr(import_module(module), class_name)(
    database=parts.path.lstrip("/"),
    host=parts.hostname,
    password=unquote(parts.password),
    username=unquote(parts.username),
    port=parts.port,
)
conn = connection.build_connection()
cursor = conn.cursor()
for statement in sys.argv[4:]:
    cursor.execute(statement)
conn.commit()
cursor.execute("SELECT 1")
print(json.dumps({"row": list(cursor.fetchone()), "driver": type(conn).__module__}))
conn.close()
`;

const TABLES = [
  'DROP TABLE IF EXISTS gc_orders',
  'DROP TABLE IF EXISTS gc_empty',
  'CREATE TABLE gc_orders (id INTEGER PRIMARY KEY, note TEXT, created_at TIMESTAMP NULL)',
  "INSERT INTO gc_orders (id, note, created_at) VALUES (1, 'old', '2024-01-01 00:00:00'), (2, 'new', '2024-01-03 00:00:00')",
  'CREATE TABLE gc_empty (id INTEGER PRIMARY KEY)',
];

interface SingerMessage {
  type: string;
  stream?: string;
  record?: Record<string, unknown>;
  key_properties?: string[];
  value?: { bookmarks?: Record<string, Record<string, unknown>> };
}

interface CatalogStream {
  tap_stream_id: string;
  key_properties: string[];
  replication_method: string;
  replication_key?: string;
  metadata: Array<{ breadcrumb: string[]; metadata: Record<string, unknown> }>;
}

/** What a user does in mage's UI before a sync: select the stream and all its columns. */
function selectAll(stream: CatalogStream): CatalogStream {
  return { ...stream, metadata: stream.metadata.map((entry) => ({ ...entry, metadata: { ...entry.metadata, selected: true } })) };
}

/** ... and choose incremental replication on a bookmark column. */
const selectIncremental = (stream: CatalogStream, bookmark: string): CatalogStream => ({
  ...selectAll(stream),
  replication_method: 'INCREMENTAL',
  replication_key: bookmark,
});

const singerMessages = (stdout: string): SingerMessage[] =>
  stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as SingerMessage);

describe('Mage SQL connections with real drivers and servers', function () {
  this.timeout(120_000);

  for (const driver of DRIVERS) {
    it(`${driver.package}: connects; discover finds the primary key; an incremental sync from a timestamp bookmark sends only newer rows; an empty stream samples as an empty batch`, async function () {
      const tools = process.env.GC_MAGE_TOOLS;
      const url = process.env[driver.server];
      const missing = !tools ? 'GC_MAGE_TOOLS (the drivers venv)' : !url ? `${driver.server} (the server)` : undefined;
      if (missing) {
        const why = `${missing} is not set; .ci/run builds and starts them`;
        if (process.env.CI === 'true') throw new Error(why);
        skipWithReason(this, why);
      }
      const name = `drv_${driver.package.replace(/[^a-z0-9]+/gi, '_').toLowerCase().slice(0, 20).replace(/_+$/, '')}`;
      const dir = tempDir('connector-mage-driver-');
      await runGenerator('mage', { name, connectorType: 'sql', pipPackages: [driver.package] }, { cwd: dir });
      const tree = mageTree(tools!, tempDir('connector-mage-driver-tree-'), dir, name);
      const env = { ...process.env, PYTHONPATH: tree, PYTHONDONTWRITEBYTECODE: '1' };
      const className = mageNames({ name }).className;
      const connectionModule = `mage_integrations.connections.${name}`;
      const result = spawnSync(path.join(tools!, 'python'), ['-c', CONNECT_AND_SEED, connectionModule, className, url!, ...TABLES], { cwd: tree, encoding: 'utf8', env });
      assert.equal(result.status, 0, result.stderr);
      const answer = JSON.parse(result.stdout.trim().split('\n').pop()!) as { row: number[] };
      assert.deepEqual(answer.row, [1]);

      // the source as mage-ai runs it: a script with --discover, then a sync with the chosen catalog and a state
      const script = `mage_integrations/sources/${name}/__init__.py`;
      const parts = new URL(url!);
      const database = parts.pathname.slice(1);
      const config = JSON.stringify({
        database,
        host: parts.hostname,
        password: decodeURIComponent(parts.password),
        username: decodeURIComponent(parts.username),
        port: Number(parts.port),
        schema: driver.server === 'GC_TEST_POSTGRES_URL' ? 'public' : database,
      });
      const source = (...args: string[]) => spawnSync(path.join(tools!, 'python'), [script, '--config_json', config, ...args], { cwd: tree, encoding: 'utf8', env });

      const discovered = source('--discover', '--selected_streams_json', '["gc_orders", "gc_empty"]');
      assert.equal(discovered.status, 0, discovered.stderr);
      const streams = (JSON.parse(discovered.stdout) as { streams: CatalogStream[] }).streams;
      const orders = streams.find((s) => s.tap_stream_id === 'gc_orders');
      assert.deepEqual(orders?.key_properties, ['id'], 'discovery did not read the primary key');

      const state = path.join(tempDir('connector-mage-driver-state-'), 'state.json');
      writeFileSync(state, JSON.stringify({ bookmarks: { gc_orders: { created_at: '2024-01-02T00:00:00' } } }));
      const catalog = JSON.stringify({ streams: [selectIncremental(orders, 'created_at')] });
      const synced = source('--catalog_json', catalog, '--state', state);
      assert.equal(synced.status, 0, synced.stderr);
      const messages = singerMessages(synced.stdout);
      assert.deepEqual(messages.find((m) => m.type === 'SCHEMA')?.key_properties, ['id']);
      const records = messages.filter((m) => m.type === 'RECORD').map((m) => m.record?.id);
      assert.deepEqual(records, [2], 'the timestamp bookmark keeps only the newer row');
      const lastState = messages.filter((m) => m.type === 'STATE').pop();
      assert.match(String(lastState?.value?.bookmarks?.gc_orders?.created_at), /^2024-01-03/);

      // sampling an empty stream: mage-ai takes next() of load_data, which must yield an empty batch
      const empty = streams.find((s) => s.tap_stream_id === 'gc_empty')!;
      const sampled = source('--load_sample_data', '--selected_streams_json', '["gc_empty"]', '--catalog_json', JSON.stringify({ streams: [selectAll(empty)] }));
      assert.equal(sampled.status, 0, sampled.stderr);
      // the real Source.process writes the batch as a pandas DataFrame's to_json(): '{}' for no rows
      const sample = JSON.parse(sampled.stdout.trim().split('\n').pop()!) as { stream_id: string; sample_data: string; type: string };
      assert.deepEqual({ ...sample, sample_data: JSON.parse(sample.sample_data) as unknown }, { stream_id: 'gc_empty', sample_data: {}, type: 'SAMPLE_DATA' });
    });
  }
});
