/**
 * 2.0's test-connection checks API: where the release's reference connector of a
 * service type uses it (facts/2.0.json), the generated connection.py does too, with
 * one @check(<Enum>.<Step>) per step of the generated definition and the
 * connection class in the service spec; 1.12 and the legacy types keep the
 * module-level functions. The host layer (test/host/checks-api.host.test.ts) runs
 * the result in the real package.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SERVICE_TYPES } from '../../generators/openmetadata/profile/fields.js';
import { checksApiFor, releaseFacts } from '../../generators/openmetadata/facts/index.js';
import { errorRulesOf, sqlDriverOf } from '../../generators/openmetadata/model/python-files/error-pack.js';
import { runGenerator } from '../support/generate.js';

const read = (dir: string, file: string): string => readFileSync(path.join(dir, file), 'utf8');

interface Generated {
  connection: string;
  serviceSpec: string;
  steps: string[];
}

async function generate(options: Record<string, unknown>, version: string, type: string, pkg: string, stem: string): Promise<Generated> {
  const { dir } = await runGenerator('openmetadata', { ...options, openmetadataVersion: version });
  const source = `ingestion/src/metadata/ingestion/source/${type}/${pkg}`;
  const definition = JSON.parse(read(dir, `openmetadata-service/src/main/resources/json/data/testConnections/${type}/${stem}.json`)) as {
    steps: Array<{ name: string }>;
  };
  return {
    connection: read(dir, `${source}/connection.py`),
    serviceSpec: read(dir, `${source}/service_spec.py`),
    steps: definition.steps.map((s) => s.name),
  };
}

const checksOf = (connection: string): string[] => [...connection.matchAll(/^ {4}@check\((\w+)\.(\w+)\)$/gm)].map((m) => `${m[1]}.${m[2]}`);

const CASES = [
  {
    type: 'database',
    options: { name: 'ck_db', serviceType: 'database', capabilities: ['metadata', 'usage'] },
    pkg: 'ckdb',
    stem: 'ckDb',
    enumName: 'DatabaseStep',
  },
  { type: 'pipeline', options: { name: 'ck_flow', serviceType: 'pipeline' }, pkg: 'ckflow', stem: 'ckFlow', enumName: 'PipelineStep' },
  { type: 'storage', options: { name: 'ck_store', serviceType: 'storage' }, pkg: 'ckstore', stem: 'ckStore', enumName: 'StorageStep' },
];

describe('OpenMetadata generator: the test-connection checks API of 2.0', function () {
  this.timeout(60_000);
  it('the facts put database (SQLAlchemy), pipeline and storage on the checks API in 2.0, none in 1.12', function () {
    const on = (line: string) => SERVICE_TYPES.filter((t) => checksApiFor(releaseFacts(line), t, t === 'database'));
    assert.deepEqual(on('2.0'), ['database', 'pipeline', 'storage']);
    assert.deepEqual(on('1.12'), []);
    assert.equal(checksApiFor(releaseFacts('2.0'), 'database', false), undefined, 'a REST database follows salesforce, which is legacy');
  });

  for (const c of CASES) {
    it(`${c.type}: one @check(${c.enumName}.<Step>) per step of the definition, and the connection class in the service spec`, async function () {
      const generated = await generate(c.options, '2.0', c.type, c.pkg, c.stem);
      assert.deepEqual(
        checksOf(generated.connection),
        generated.steps.map((s) => `${c.enumName}.${s}`),
      );
      assert.match(generated.connection, /^ {4}def checks\(self\) -> ChecksProvider:$/m);
      assert.match(generated.connection, /_ERRORS = ErrorPack\(/);
      assert.match(generated.connection, /\.including\(NETWORK_ERRORS\)$/m);
      assert.doesNotMatch(generated.connection, /test_connection_steps|test_connection_db_schema_sources|^def test_connection/m);
      assert.match(generated.serviceSpec, /connection_class=\w+Connection,/);
    });

    it(`${c.type} on 1.12 keeps the module-level test connection`, async function () {
      const generated = await generate(c.options, '1.12', c.type, c.pkg, c.stem);
      assert.deepEqual(checksOf(generated.connection), []);
      assert.match(generated.connection, /^def test_connection\($/m);
    });
  }

  it('a REST database stays on the module-level test connection in 2.0 (its reference, salesforce, does)', async function () {
    const { connection } = await generate(
      { name: 'ck_rest', serviceType: 'database', connectionType: 'rest_api' },
      '2.0',
      'database',
      'ckrest',
      'ckRest',
    );
    assert.deepEqual(checksOf(connection), []);
    assert.match(connection, /test_connection_steps/);
  });

  it("the error pack follows the scheme's driver: psycopg2's messages, PyMySQL's error numbers, words otherwise", async function () {
    assert.equal(sqlDriverOf('postgresql+psycopg2'), 'psycopg2');
    assert.equal(sqlDriverOf('postgresql'), 'psycopg2');
    assert.equal(sqlDriverOf('mysql+pymysql'), 'pymysql');
    assert.equal(sqlDriverOf('clickhouse+native'), 'generic-sql');
    const pg = await generate({ name: 'ck_pg', serviceType: 'database', scheme: 'postgresql+psycopg2' }, '2.0', 'database', 'ckpg', 'ckPg');
    assert.match(
      pg.connection,
      /when\(Matchers\.any_of\(_says_any\("password authentication failed"\), _says_all\('role "', "does not exist"\)\)\)\.diagnose\(\n {8}"Authentication failed",/,
    );
    const my = await generate({ name: 'ck_my', serviceType: 'database', scheme: 'mysql+pymysql' }, '2.0', 'database', 'ckmy', 'ckMy');
    assert.match(my.connection, /when\(Matchers\.errno\(1045\)\)\.diagnose\(\n {8}"Authentication failed",/);
    for (const driver of ['psycopg2', 'pymysql', 'generic-sql'] as const) {
      const titles = errorRulesOf(driver).map((r) => r.title);
      for (const needed of ['Authentication failed', 'Database not found', 'TLS/SSL connection error'])
        assert.ok(titles.includes(needed), `${driver}: no ${needed}`);
      assert.ok(
        titles.some((t) => t.startsWith('Cannot reach')),
        `${driver}: no unreachable-host rule`,
      );
    }
    for (const driver of ['requests', 'sdk'] as const) {
      const titles = errorRulesOf(driver).map((r) => r.title);
      assert.deepEqual(titles.slice(0, 3), ['Authentication failed', 'Access denied', 'Endpoint not found']);
    }
  });
});
