/**
 * End to end as mage-ai runs a data integration: the generated source's script
 * (--config_json, --catalog_json, --state_json, as mage_integrations' own
 * parse_args reads them) with its stdout piped into mage_integrations' own
 * PostgreSQL destination (destinations/postgresql/__init__.py, --config_json
 * and --state, the file it writes the final state to), writing into the real
 * PostgreSQL, one schema per test. Then PostgreSQL is asked what landed: the
 * rows, the column types, the primary key, and the destination's final state.
 * A second run from that state, after newer rows appeared at the source, moves
 * only the rows at or after the bookmark.
 *
 * Sources: an API source against the local paginated API of fake-api.ts, for
 * each auth type; a SQL source for each driver the generator knows the
 * connect() keywords of, on the real PostgreSQL and MariaDB.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { skipWithReason } from '../support/fixtures.js';
import { runGenerator, tempDir } from '../support/generate.js';
import { CREDENTIALS, ROWS, runSource, selected, startApi, type CatalogStream } from './fake-api.js';
import { mageTree } from './support.js';
import type { MageAuthType } from '../../generators/mage/profile/fields.js';

type ServerVar = 'GC_TEST_POSTGRES_URL' | 'GC_TEST_MARIADB_URL';

/** The tools venv and the servers a case needs, or why the case cannot run (pending locally, failing in CI). */
function requireEnv(ctx: Mocha.Context, servers: ServerVar[]): { tools: string; urls: Record<ServerVar, string> } {
  const tools = process.env.GC_MAGE_TOOLS;
  const missing = [...(tools ? [] : ['GC_MAGE_TOOLS (the tools venv)']), ...servers.filter((s) => !process.env[s]).map((s) => `${s} (the server)`)];
  if (missing.length > 0) {
    const why = `${missing.join(' and ')} not set; .ci/run builds and starts them`;
    if (process.env.CI === 'true') throw new Error(why);
    skipWithReason(ctx, why);
  }
  const urls = Object.fromEntries(servers.map((s) => [s, process.env[s]!])) as Record<ServerVar, string>;
  return { tools: tools!, urls };
}

/** host, port, database, username, password of a server URL, as mage_integrations' configs name them. */
function serverConfig(url: string): { host: string; port: number; database: string; username: string; password: string } {
  const parts = new URL(url);
  return {
    host: parts.hostname,
    port: Number(parts.port),
    database: parts.pathname.slice(1),
    username: decodeURIComponent(parts.username),
    password: decodeURIComponent(parts.password),
  };
}

interface PipeResult {
  sourceCode: number | null;
  destinationCode: number | null;
  /** the source's stdout: the Singer messages the destination read */
  messages: Array<{ type: string; stream?: string; record?: Record<string, unknown> }>;
  stderr: string;
}

/**
 * Runs `source | destination` as mage-ai does: the source's stdout goes to the destination's
 * stdin (and is kept, to see which records were moved); the destination writes its final state
 * to `stateFile`.
 */
function pipe(tools: string, tree: string, sourceArgs: string[], destinationConfig: object, stateFile: string): Promise<PipeResult> {
  const env = { ...process.env, PYTHONPATH: tree, PYTHONDONTWRITEBYTECODE: '1' };
  const python = path.join(tools, 'python');
  const source = spawn(python, sourceArgs, { cwd: tree, env });
  const destination = spawn(
    python,
    ['mage_integrations/destinations/postgresql/__init__.py', '--config_json', JSON.stringify(destinationConfig), '--state', stateFile],
    { cwd: tree, env },
  );
  let stdout = '';
  let stderr = '';
  source.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    destination.stdin.write(chunk);
  });
  source.stdout.on('end', () => destination.stdin.end());
  source.stderr.on('data', (chunk: Buffer) => (stderr += `[source] ${chunk.toString()}`));
  destination.stderr.on('data', (chunk: Buffer) => (stderr += `[destination] ${chunk.toString()}`));
  destination.stdout.on('data', (chunk: Buffer) => (stderr += `[destination stdout] ${chunk.toString()}`));
  const exited = (child: ReturnType<typeof spawn>) => new Promise<number | null>((resolve) => child.on('close', resolve));
  return Promise.all([exited(source), exited(destination)]).then(([sourceCode, destinationCode]) => ({
    sourceCode,
    destinationCode,
    stderr,
    messages: stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as PipeResult['messages'][number]),
  }));
}

/** Asks PostgreSQL (psycopg2, argv: url, schema, table, key) what the destination wrote. */
const LANDED = `
import json, sys
import psycopg2

url, schema, table, key = sys.argv[1:5]
conn = psycopg2.connect(url)
cursor = conn.cursor()
cursor.execute(
    "SELECT column_name, data_type FROM information_schema.columns"
    " WHERE table_schema = %s AND table_name = %s",
    (schema, table),
)
columns = dict(cursor.fetchall())
cursor.execute(
    "SELECT k.column_name FROM information_schema.table_constraints t"
    " JOIN information_schema.key_column_usage k"
    " ON k.constraint_schema = t.constraint_schema AND k.constraint_name = t.constraint_name"
    " WHERE t.constraint_type = 'PRIMARY KEY' AND t.table_schema = %s AND t.table_name = %s"
    " ORDER BY k.ordinal_position",
    (schema, table),
)
primary_key = [row[0] for row in cursor.fetchall()]
cursor.execute(f'SELECT row_to_json(t) FROM "{schema}"."{table}" t ORDER BY "{key}"')
rows = [row[0] for row in cursor.fetchall()]
print(json.dumps({"columns": columns, "primaryKey": primary_key, "rows": rows}))
`;

interface Landed {
  columns: Record<string, string>;
  primaryKey: string[];
  rows: Array<Record<string, unknown>>;
}

function landed(tools: string, url: string, schema: string, table: string, key: string): Landed {
  const result = spawnSync(path.join(tools, 'python'), ['-c', LANDED, url, schema, table, key], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as Landed;
}

/** Runs SQL statements on a server through a DB-API driver of the tools venv (argv: url, statements...). */
const EXECUTE = `
import sys
from urllib.parse import unquote, urlsplit

url = sys.argv[1]
parts = urlsplit(url)
if parts.scheme.startswith("postgres"):
    import psycopg2
    conn = psycopg2.connect(url)
else:
    import pymysql
    conn = pymysql.connect(host=parts.hostname, port=parts.port, user=unquote(parts.username),
                           password=unquote(parts.password), database=parts.path.lstrip("/"))
cursor = conn.cursor()
for statement in sys.argv[2:]:
    cursor.execute(statement)
conn.commit()
conn.close()
`;

function execute(tools: string, url: string, ...statements: string[]): void {
  const result = spawnSync(path.join(tools, 'python'), ['-c', EXECUTE, url, ...statements], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
}

const readState = (file: string): { bookmarks?: Record<string, Record<string, unknown>> } => {
  assert.ok(existsSync(file), 'the destination wrote no final state');
  return JSON.parse(readFileSync(file, 'utf8')) as { bookmarks?: Record<string, Record<string, unknown>> };
};

const recordsOf = (result: PipeResult) => result.messages.filter((m) => m.type === 'RECORD').map((m) => m.record!);

/**
 * What a user saves in mage's UI: incremental on a bookmark, rows with the same key updated, not
 * repeated. The key is the one discovery offers in the stream's metadata (table-key-properties):
 * the base class's build_catalog_entry leaves the entry's own key_properties for the user to set,
 * unless the source discovers them itself (the SQL base does).
 */
function incremental(stream: CatalogStream, bookmark: string) {
  const offered = stream.metadata.find((m) => m.breadcrumb.length === 0)?.metadata['table-key-properties'] as string[] | undefined;
  const key = stream.key_properties?.length ? stream.key_properties : (offered ?? []);
  return selected(stream, {
    replication_method: 'INCREMENTAL',
    replication_key: bookmark,
    unique_conflict_method: 'UPDATE',
    key_properties: key,
    unique_constraints: key,
  });
}

let schemaCounter = 0;
/** A fresh destination schema per test (created by the destination, dropped first in case of a re-run). */
function destinationSchema(tools: string, url: string, label: string): string {
  const schema = `gc_pipe_${label}_${process.pid}_${++schemaCounter}`.toLowerCase();
  execute(tools, url, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  return schema;
}

describe("Mage pipe: generated sources piped into mage_integrations' PostgreSQL destination", function () {
  this.timeout(240_000);

  describe('API source (local paginated API) for each auth type', function () {
    const AUTHS: MageAuthType[] = ['none', ...(Object.keys(CREDENTIALS) as Array<keyof typeof CREDENTIALS>)];
    for (const auth of AUTHS) {
      it(`${auth}: 150 rows land with their types, key and final state; a second run moves only rows from the bookmark on`, async function () {
        const { tools, urls } = requireEnv(this, ['GC_TEST_POSTGRES_URL']);
        const pg = urls.GC_TEST_POSTGRES_URL;
        const api = await startApi(auth);
        try {
          const name = `pipe_${auth}`;
          const dir = tempDir('connector-mage-pipe-');
          await runGenerator('mage', { name, connectorType: 'api', streams: ['users'], authTypes: [auth] }, { cwd: dir });
          const tree = mageTree(tools, tempDir('connector-mage-pipe-tree-'), dir, name);
          const script = `mage_integrations/sources/${name}/__init__.py`;
          const credentials = auth === 'none' ? {} : CREDENTIALS[auth];
          const config = { base_url: api.url, ...credentials, ...(auth === 'oauth2' ? { token_url: `${api.url}/token` } : {}) };
          const discovered = await runSource(tools, tree, script, ['--config_json', JSON.stringify(config), '--discover']);
          assert.equal(discovered.code, 0, discovered.stderr);
          const stream = (JSON.parse(discovered.stdout) as { streams: CatalogStream[] }).streams[0]!;
          const catalog = JSON.stringify(incremental(stream, 'updated_at'));

          const schema = destinationSchema(tools, pg, auth);
          const destination = { ...serverConfig(pg), schema, table: 'users' };
          const state = path.join(tempDir('connector-mage-pipe-state-'), 'state.json');
          const sourceArgs = (stateJson: string) => [
            script,
            '--config_json',
            JSON.stringify(config),
            '--catalog_json',
            catalog,
            '--state_json',
            stateJson,
          ];

          const first = await pipe(tools, tree, sourceArgs('{}'), destination, state);
          assert.equal(first.sourceCode, 0, first.stderr.slice(-4000));
          assert.equal(first.destinationCode, 0, first.stderr.slice(-4000));
          const table = landed(tools, pg, schema, 'users', 'updated_at');
          assert.deepEqual(
            table.rows.map((r) => r.id),
            ROWS.map((r) => r.id),
            'every row landed once, in bookmark order',
          );
          assert.equal(table.columns.id, 'text');
          // the destination stores a date-time string as a timestamp with its time zone
          assert.equal(table.columns.updated_at, 'timestamp with time zone');
          assert.deepEqual(table.primaryKey, ['id']);
          assert.equal(new Date(String(table.rows[149]!.updated_at)).toISOString(), ROWS[149]!.updated_at);
          const firstState = readState(state);
          assert.equal(firstState.bookmarks?.users?.updated_at, ROWS[149]!.updated_at, 'the final state holds the last bookmark');

          // ten newer rows appear at the source; the second run starts from the destination's state
          const newer = Array.from({ length: 10 }, (_, i) => ({
            id: String(151 + i),
            updated_at: new Date(Date.UTC(2024, 0, 8) + i * 3_600_000).toISOString(),
          }));
          api.rows.push(...newer);
          const second = await pipe(tools, tree, sourceArgs(readFileSync(state, 'utf8')), destination, state);
          assert.equal(second.sourceCode, 0, second.stderr.slice(-4000));
          assert.equal(second.destinationCode, 0, second.stderr.slice(-4000));
          assert.deepEqual(
            recordsOf(second).map((r) => r.id),
            ['150', ...newer.map((r) => r.id)],
            'only the bookmark row and the newer rows moved',
          );
          const after = landed(tools, pg, schema, 'users', 'updated_at');
          assert.deepEqual(
            after.rows.map((r) => r.id),
            [...ROWS, ...newer].map((r) => r.id),
            'the newer rows were added, none repeated',
          );
          assert.equal(readState(state).bookmarks?.users?.updated_at, newer[9]!.updated_at);
        } finally {
          api.server.close();
        }
      });
    }
  });

  describe('SQL source for each driver, on the real servers', function () {
    interface SqlCase {
      driver: string;
      server: ServerVar;
      /** the source table's DDL on that server */
      create: string;
      /** how `active BOOLEAN` lands: MariaDB's BOOLEAN is TINYINT(1), which discovery reads as an integer */
      active: { type: string; value: boolean | number };
    }
    const POSTGRES_TABLE =
      'CREATE TABLE {table} (id INTEGER PRIMARY KEY, note TEXT, amount DOUBLE PRECISION, active BOOLEAN, created_at TIMESTAMP NOT NULL)';
    const MARIADB_TABLE = 'CREATE TABLE {table} (id INTEGER PRIMARY KEY, note TEXT, amount DOUBLE, active BOOLEAN, created_at DATETIME NOT NULL)';
    const CASES: SqlCase[] = [
      { driver: 'psycopg2-binary==2.9.10', server: 'GC_TEST_POSTGRES_URL', create: POSTGRES_TABLE, active: { type: 'boolean', value: true } },
      { driver: 'psycopg[binary]==3.2.3', server: 'GC_TEST_POSTGRES_URL', create: POSTGRES_TABLE, active: { type: 'boolean', value: true } },
      { driver: 'PyMySQL==1.1.1', server: 'GC_TEST_MARIADB_URL', create: MARIADB_TABLE, active: { type: 'bigint', value: 1 } },
      { driver: 'mysql-connector-python==9.1.0', server: 'GC_TEST_MARIADB_URL', create: MARIADB_TABLE, active: { type: 'bigint', value: 1 } },
    ];
    const seedRows = (from: number, to: number, day: number) =>
      Array.from(
        { length: to - from + 1 },
        (_, i) =>
          `(${from + i}, 'note ${from + i}', ${(from + i) * 1.5}, ${(from + i) % 2 === 0 ? 'TRUE' : 'FALSE'}, '2024-01-${String(day).padStart(2, '0')} 0${i % 10}:00:00')`,
      ).join(', ');

    for (const c of CASES) {
      it(`${c.driver}: the table's rows land with their types, key and final state; a second run moves only rows from the bookmark on`, async function () {
        const { tools, urls } = requireEnv(this, [...new Set<ServerVar>(['GC_TEST_POSTGRES_URL', c.server])]);
        const pg = urls.GC_TEST_POSTGRES_URL;
        const sourceUrl = urls[c.server];
        const label = c.driver
          .replace(/[^a-z0-9]+/gi, '_')
          .toLowerCase()
          .slice(0, 12)
          .replace(/_+$/, '');
        const name = `pipe_${label}`;
        const table = `gc_pipe_${label}`;
        const sourceServer = serverConfig(sourceUrl);
        const sourceSchema = c.server === 'GC_TEST_POSTGRES_URL' ? 'public' : sourceServer.database;
        execute(
          tools,
          sourceUrl,
          `DROP TABLE IF EXISTS ${table}`,
          c.create.replace('{table}', table),
          `INSERT INTO ${table} VALUES ${seedRows(1, 20, 1)}`,
        );

        const dir = tempDir('connector-mage-pipe-');
        await runGenerator('mage', { name, connectorType: 'sql', pipPackages: [c.driver] }, { cwd: dir });
        const tree = mageTree(tools, tempDir('connector-mage-pipe-tree-'), dir, name);
        const script = `mage_integrations/sources/${name}/__init__.py`;
        const config = JSON.stringify({ ...sourceServer, schema: sourceSchema });
        const discovered = await runSource(tools, tree, script, [
          '--config_json',
          config,
          '--discover',
          '--selected_streams_json',
          JSON.stringify([table]),
        ]);
        assert.equal(discovered.code, 0, discovered.stderr);
        const stream = (JSON.parse(discovered.stdout) as { streams: CatalogStream[] }).streams.find((s) => s.tap_stream_id === table)!;
        assert.ok(stream, `discover found ${table}`);
        const catalog = JSON.stringify(incremental(stream, 'created_at'));

        const schema = destinationSchema(tools, pg, label);
        const destination = { ...serverConfig(pg), schema, table };
        const state = path.join(tempDir('connector-mage-pipe-state-'), 'state.json');
        const sourceArgs = (stateJson: string) => [script, '--config_json', config, '--catalog_json', catalog, '--state_json', stateJson];

        const first = await pipe(tools, tree, sourceArgs('{}'), destination, state);
        assert.equal(first.sourceCode, 0, first.stderr.slice(-4000));
        assert.equal(first.destinationCode, 0, first.stderr.slice(-4000));
        const landedFirst = landed(tools, pg, schema, table, 'id');
        assert.deepEqual(
          landedFirst.rows.map((r) => r.id),
          Array.from({ length: 20 }, (_, i) => i + 1),
        );
        assert.deepEqual(landedFirst.rows[1], { ...landedFirst.rows[1], note: 'note 2', amount: 3, active: c.active.value });
        assert.deepEqual(
          {
            id: landedFirst.columns.id,
            note: landedFirst.columns.note,
            amount: landedFirst.columns.amount,
            active: landedFirst.columns.active,
            created_at: landedFirst.columns.created_at,
          },
          { id: 'bigint', note: 'text', amount: 'double precision', active: c.active.type, created_at: 'timestamp with time zone' },
        );
        assert.deepEqual(landedFirst.primaryKey, ['id']);
        assert.match(String(readState(state).bookmarks?.[table]?.created_at), /^2024-01-01T09:00:00/, 'the final state holds the latest created_at');

        execute(tools, sourceUrl, `INSERT INTO ${table} VALUES ${seedRows(21, 25, 2)}`);
        const second = await pipe(tools, tree, sourceArgs(readFileSync(state, 'utf8')), destination, state);
        assert.equal(second.sourceCode, 0, second.stderr.slice(-4000));
        assert.equal(second.destinationCode, 0, second.stderr.slice(-4000));
        // the bookmark compares with >=, so the rows at the bookmark (ids 10 and 20) come again and are updated in place
        assert.deepEqual(
          recordsOf(second)
            .map((r) => r.id)
            .sort((a, b) => Number(a) - Number(b)),
          [10, 20, 21, 22, 23, 24, 25],
        );
        const landedSecond = landed(tools, pg, schema, table, 'id');
        assert.deepEqual(
          landedSecond.rows.map((r) => r.id),
          Array.from({ length: 25 }, (_, i) => i + 1),
          'the newer rows were added, none repeated',
        );
        assert.match(String(readState(state).bookmarks?.[table]?.created_at), /^2024-01-02T04:00:00/);
      });
    }
  });
});
