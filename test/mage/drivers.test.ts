/**
 * The SQL connection a Mage source gets connects with each DB-API driver the
 * template knows, for real: the driver from PyPI (the tools venv of
 * test/mage/tools-requirements.txt), a real server started by .ci/run
 * (.ci/postgres.sh, .ci/mariadb.sh), and `SELECT 1` through the generated
 * connection class. psycopg 3 refuses `database=`, which psycopg2 accepts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { skipWithReason } from '../support/fixtures.js';
import { runGenerator, tempDir } from '../support/generate.js';
import { stubTree } from './support.js';
import { mageNames } from '../../core/profile/mage.js';

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

const CONNECT = `
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
cursor.execute("SELECT 1")
print(json.dumps({"row": list(cursor.fetchone()), "driver": type(conn).__module__}))
conn.close()
`;

/** Discovery and an incremental filter through the generated source, on a seeded table. */
const SYNC = `
import json, sys
from importlib import import_module
from urllib.parse import unquote, urlsplit

module, class_name, url, schema = sys.argv[1:5]
parts = urlsplit(url)
database = parts.path.lstrip("/")
config = dict(
    database=database,
    host=parts.hostname,
    password=unquote(parts.password),
    username=unquote(parts.username),
    port=parts.port,
    schema=schema or database,
)
source = getattr(import_module(module), class_name)(config=config)
conn = source.build_connection().build_connection()
cursor = conn.cursor()
cursor.execute("DROP TABLE IF EXISTS gc_orders")
cursor.execute("CREATE TABLE gc_orders (id INTEGER PRIMARY KEY, note TEXT, created_at TIMESTAMP NULL)")
cursor.execute(
    "INSERT INTO gc_orders (id, note, created_at) VALUES "
    "(1, 'old', '2024-01-01 00:00:00'), (2, 'new', '2024-01-03 00:00:00')"
)
conn.commit()
cursor.execute(source.build_discover_query(streams=["gc_orders"]))
keys = sorted(row[3] for row in cursor.fetchall() if row[2] and "PRI" in row[2])
predicate = source.bookmark_predicate("created_at", "2024-01-02T00:00:00", "string", "date-time")
cursor.execute("SELECT id FROM gc_orders WHERE " + predicate)
after = [row[0] for row in cursor.fetchall()]
cursor.execute("DROP TABLE gc_orders")
conn.commit()
conn.close()
print(json.dumps({"keys": keys, "after": after, "predicate": predicate}))
`;

describe('Mage SQL connections with real drivers and servers', function () {
  this.timeout(120_000);

  for (const driver of DRIVERS) {
    it(`${driver.package}: the generated connection connects, discovery reads the primary key, a timestamp bookmark filters`, async function () {
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
      const tree = stubTree(tempDir('connector-mage-driver-tree-'), dir, name);
      const result = spawnSync(path.join(tools!, 'python'), ['-c', CONNECT, `mage_integrations.connections.${name}`, mageNames({ name }).className, url!], {
        cwd: tree,
        encoding: 'utf8',
        env: { ...process.env, PYTHONPATH: tree, PYTHONDONTWRITEBYTECODE: '1' },
      });
      assert.equal(result.status, 0, result.stderr);
      const answer = JSON.parse(result.stdout.trim().split('\n').pop()!) as { row: number[] };
      assert.deepEqual(answer.row, [1]);

      // discovery marks the primary key; an incremental sync on a timestamp bookmark compares timestamps
      const schema = driver.server === 'GC_TEST_POSTGRES_URL' ? 'public' : '';
      const sync = spawnSync(path.join(tools!, 'python'), ['-c', SYNC, `mage_integrations.sources.${name}`, mageNames({ name }).className, url!, schema], {
        cwd: tree,
        encoding: 'utf8',
        env: { ...process.env, PYTHONPATH: tree, PYTHONDONTWRITEBYTECODE: '1' },
      });
      assert.equal(sync.status, 0, sync.stderr);
      const synced = JSON.parse(sync.stdout.trim().split('\n').pop()!) as { keys: string[]; after: number[]; predicate: string };
      assert.deepEqual(synced.keys, ['id'], 'discovery did not read the primary key');
      assert.deepEqual(synced.after, [2], `the bookmark filter ${synced.predicate} kept ${JSON.stringify(synced.after)}`);
    });
  }
});
