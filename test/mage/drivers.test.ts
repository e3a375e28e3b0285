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

describe('Mage SQL connections with real drivers and servers', function () {
  this.timeout(120_000);

  for (const driver of DRIVERS) {
    it(`${driver.package} connects through the generated connection and runs SELECT 1`, async function () {
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
    });
  }
});
