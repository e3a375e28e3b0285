/**
 * The host layer: every case of the OpenMetadata matrix generated into a checkout
 * made from each release's schema tree, then judged by that release's real
 * openmetadata-ingestion: models generated as `make generate` makes them, modules
 * imported, the source found through the host's own loaders, the workflow config
 * accepted, the test connection run by the host's runner, the source created,
 * and the generated unit tests run under pytest. Run by `npm run test:host`.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { testModuleName } from '../../core/profile/names.js';
import { openMetadataNames, type OpenMetadataProfile } from '../../core/profile/openmetadata.js';
import { runGenerator, tempDir } from '../support/generate.js';
import { storedProfileIn } from '../support/hosts.js';
import { CASES, type Case } from '../openmetadata/matrix.js';
import { requireFixtures } from '../support/fixtures.js';
import { installedReleases, makeCheckout, omhost, SCHEMA_DIR, specTreeOf, tail, type HostRelease } from './support.js';
import { baseClassFor, releaseFacts, type ReleaseFacts } from '../../generators/openmetadata/facts/index.js';
import { SERVICE_TYPES } from '../../core/profile/fields-openmetadata.js';

interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

interface Generated {
  case: Case;
  checkout: string;
  work: string;
  request: ReturnType<typeof caseRequest> & {
    checkout: string;
    pythonFiles: string[];
    formatting: ReleaseFacts['pythonFormatting'];
    lineLength: number;
    server: { url: string } | undefined;
  };
}

interface Models {
  overlay?: string;
  standIns?: string[];
  missing?: string[];
  error?: string;
}

const CHECK_NAMES = ['imports', 'registered value', 'service spec', 'workflow config', 'test connection', 'create', 'formatting', 'pytest'];
const SERVER_CHECK_NAMES = ['server test connection', 'server topology'];
const CHECK_TITLES: Record<string, string> = {
  pytest: 'generated unit tests pass under pytest',
  formatting: "the release's formatter leaves the Python unchanged",
  'server test connection': 'every test-connection step passes against the real server',
  'server topology': 'Source.create and get_database_names .. yield_table over a seeded schema yield the expected requests, no Either.left',
};

/** A case judged against a real database server as well, the one .ci/postgres.sh starts. */
interface ServerCase extends Case {
  serverUrl: string | undefined;
}

const POSTGRES_URL_VARIABLE = 'GC_TEST_POSTGRES_URL';

const SERVER_CASES: ServerCase[] = [
  {
    id: 'database-postgres-real-server',
    options: { name: 'pg_warehouse', serviceType: 'database', scheme: 'postgresql+psycopg2', defaultPort: 5432, authTypes: ['basic'] },
    serverUrl: process.env[POSTGRES_URL_VARIABLE],
  },
];

const serverOf = (c: Case): { url: string } | undefined => {
  const url = (c as Partial<ServerCase>).serverUrl;
  return url ? { url } : undefined;
};
const needsServer = (c: Case): boolean => 'serverUrl' in c;
/** Against a server, test connection and create run there (server test connection, server topology). */
const checksWithServer = (): string[] => [...CHECK_NAMES.filter((n) => n !== 'test connection' && n !== 'create'), ...SERVER_CHECK_NAMES];

const pascal = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function pythonFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.py'));
}

function firstClass(file: string, suffix: string): string {
  const match = new RegExp(`^class (\\w+${suffix})\\b`, 'm').exec(readFileSync(file, 'utf8'));
  if (!match) throw new Error(`no class ending in ${suffix} in ${file}`);
  return match[1]!;
}

/** What the Python checks need to know of a generated case, read from the generated files. */
function caseRequest(checkout: string, profile: OpenMetadataProfile) {
  const names = openMetadataNames(profile);
  const type = profile.serviceType;
  const sourceRel = `ingestion/src/metadata/ingestion/source/${type}/${names.packageName}`;
  const sourceDir = path.join(checkout, sourceRel);
  const sourcePackage = `metadata.ingestion.source.${type}.${names.packageName}`;
  const sqlalchemy = type === 'database' && profile.connectionType === 'sqlalchemy';
  const connectionPy = readFileSync(path.join(sourceDir, 'connection.py'), 'utf8');
  const schema = JSON.parse(
    readFileSync(path.join(checkout, SCHEMA_DIR, `entity/services/connections/${type}/${names.stem}Connection.json`), 'utf8'),
  ) as { title: string };
  return {
    serviceType: type,
    package: names.packageName,
    typeValue: names.typeValue,
    sourceType: names.packageName,
    sourceDir,
    sourcePackage,
    sourceModules: pythonFilesUnder(sourceDir).map((f) => `${sourcePackage}.${f.replace(/\.py$/, '').replace(/\//g, '.')}`.replace(/\.__init__$/, '')),
    sourceClass: firstClass(path.join(sourceDir, 'metadata.py'), 'Source'),
    clientClass: sqlalchemy ? null : firstClass(path.join(sourceDir, 'client.py'), 'Client'),
    stepMethods: sqlalchemy ? [] : [...connectionPy.matchAll(/client\.(\w+),/g)].map((m) => m[1]!),
    connectionClass: schema.title,
    connectionModule: `metadata.generated.schema.entity.services.connections.${type}.${names.stem}Connection`,
    serviceModule: `metadata.generated.schema.entity.services.${type}Service`,
    serviceTypeEnum: `${pascal(names.definitionPrefix)}ServiceType`,
    serviceEnumMember: pascal(names.definitionPrefix),
    capabilities: { lineage: profile.capabilities.includes('lineage'), usage: profile.capabilities.includes('usage') },
    sqlalchemy,
    unitTest: path.join(checkout, `ingestion/tests/unit/topology/${type}/${testModuleName(names.testName)}.py`),
    testConnectionJson: path.join(checkout, `openmetadata-service/src/main/resources/json/data/testConnections/${type}/${names.stem}.json`),
    changedSchemas: [`entity/services/connections/${type}/${names.stem}Connection.json`, `entity/services/${type}Service.json`],
  };
}

async function generate(release: HostRelease, c: Case, tree: ReturnType<typeof specTreeOf>): Promise<Generated> {
  const checkout = makeCheckout(tree, tempDir(`host-${release.line}-${c.id}-`));
  await runGenerator('openmetadata', { ...c.options, openmetadataVersion: release.line }, { cwd: checkout });
  const profile = storedProfileIn(checkout, 'openmetadata', String(c.options.name)) as unknown as OpenMetadataProfile;
  const request = {
    ...caseRequest(checkout, profile),
    checkout,
    pythonFiles: pythonFilesUnder(path.join(checkout, 'ingestion')).map((f) => path.join(checkout, 'ingestion', f)),
    formatting: releaseFacts(release.line).pythonFormatting,
    lineLength: releaseFacts(release.line).python.lineLength,
    server: serverOf(c),
  };
  return { case: c, checkout, work: tempDir(`host-work-${c.id}-`), request };
}

/** The models of every case, in one process: importing the installed package once is most of the cost. */
function modelsOf(release: HostRelease, generated: Generated[]): Models[] {
  const modelStep = releaseFacts(release.line).modelGeneration;
  const cases = generated.map((g) => ({ ...g.request, work: g.work, specRoot: path.join(g.checkout, SCHEMA_DIR), modelStep }));
  return omhost<Models[]>(release, 'models', { cases }).value;
}

/** Shipped models regenerated by the parity gate; basicAuth has no $ref, so its input is the same in every release. */
const PARITY_SCHEMAS = [
  'entity/services/connections/database/mysqlConnection.json',
  'entity/services/databaseService.json',
  'entity/services/connections/database/common/basicAuth.json',
];

interface ParityResult {
  schema: string;
  identical: boolean;
  diff: string;
  /** files the schema refers to that the release has no module for: the schema is another commit's */
  missing: string[];
}

/** The base classes the generator subclasses, with the abstract methods it stubs for this release. */
function assumedBases(facts: ReleaseFacts) {
  const bases = new Map<string, { name: string; module: string; methods: string[] }>();
  for (const serviceType of SERVICE_TYPES) {
    for (const sqlalchemy of serviceType === 'database' ? [true, false] : [false]) {
      const base = baseClassFor(facts, serviceType, sqlalchemy);
      const methods = [...base.abstractMethods.map((m) => m.name), ...(base.templateImplements ?? [])];
      bases.set(base.name, { name: base.name, module: base.module, methods });
    }
  }
  return [
    ...bases.values(),
    { name: 'BaseConnection', module: 'metadata.ingestion.connections.connection', methods: facts.baseConnection.abstractMethods },
    { name: 'LineageSource', module: 'metadata.ingestion.source.database.lineage_source', methods: [] },
    { name: 'UsageSource', module: 'metadata.ingestion.source.database.usage_source', methods: [] },
  ];
}

/** Everything the templates call or fill in, as the generator assumes it for this release. */
function assumedFacts(facts: ReleaseFacts) {
  const step = 'metadata.generated.schema.entity.services.connections.testConnectionDefinition.TestConnectionStep';
  return {
    bases: assumedBases(facts),
    calls: [
      { function: 'metadata.ingestion.connections.test_connections.test_connection_steps', params: ['metadata', 'test_fn', 'service_type', 'automation_workflow', 'timeout_seconds'] },
      {
        function: 'metadata.ingestion.connections.test_connections.test_connection_db_schema_sources',
        params: ['metadata', 'engine', 'service_connection', 'automation_workflow', 'queries', 'timeout_seconds'],
      },
      { function: 'metadata.ingestion.connections.builders.create_generic_db_connection', params: ['connection', 'get_connection_url_fn', 'get_connection_args_fn'] },
      { function: 'metadata.ingestion.connections.connection.BaseConnection.test_connection', params: ['metadata', 'automation_workflow', 'timeout_seconds'] },
    ],
    models: [
      {
        model: step,
        present: ['name', 'description', 'errorMessage', 'mandatory', 'shortCircuit', ...(facts.testConnection.gateCategory ? ['category'] : [])],
        absent: facts.testConnection.gateCategory ? [] : ['category'],
      },
      { model: 'metadata.utils.service_spec.default.DefaultDatabaseSpec', present: ['metadata_source_class', 'lineage_source_class', 'usage_source_class', 'connection_class'] },
    ],
    attributes: [{ owner: 'metadata.ingestion.connections.connection.BaseConnection', name: '_on_close', present: facts.baseConnection.registersTeardown }],
  };
}

/** Without a server the server checks are pending, except in CI, where .ci/run must have started one. */
function noServer(ctx: Mocha.Context): void {
  const why = `no PostgreSQL server: ${POSTGRES_URL_VARIABLE} is not set (.ci/postgres.sh start prints it)`;
  if (process.env.CI === 'true') throw new Error(`${why}; in CI, .ci/run starts the server before the host layer`);
  console.log(`      ${why}`);
  ctx.skip();
}

const releases = installedReleases();

for (const release of releases) {
  describe(`host ${release.release}`, function () {
    this.timeout(15 * 60_000);
    const tree = specTreeOf(release);

    before(function () {
      // without the checkout the whole release is pending, naming GC_OPENMETADATA_CHECKOUT (failing under CI=true)
      if (tree.fromCheckout) requireFixtures(this, 'openmetadata/openmetadata-spec');
      console.log(`    release ${release.release} (line ${release.line}); schema tree: ${tree.source}`);
      console.log(`    resolved: ${Object.entries(release.resolved).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    });

    it(`the generator's facts for ${release.line} hold in the installed package`, function () {
      const mismatches = omhost<Record<string, string[]>>(release, 'facts', assumedFacts(releaseFacts(release.line))).value;
      const problems = Object.entries(mismatches).flatMap(([kind, list]) => list.map((p) => `${release.release} ${kind}: ${p}`));
      assert.deepEqual(problems, []);
    });

    describe('parity gate: shipped models regenerated with the host toolchain equal the installed ones', function () {
      let results: ParityResult[] = [];
      before(function () {
        results = omhost<ParityResult[]>(release, 'parity', {
          schemas: PARITY_SCHEMAS,
          specRoot: path.join(makeCheckout(tree, tempDir('host-parity-')), SCHEMA_DIR),
          work: tempDir('host-parity-work-'),
          modelStep: releaseFacts(release.line).modelGeneration,
        }).value;
      });
      for (const schema of PARITY_SCHEMAS) {
        it(schema, function () {
          const result = results.find((r) => r.schema === schema)!;
          if (!result.identical && result.missing.length > 0) {
            // Not the toolchain's fault: the schema file is another commit's than the release's.
            console.log(`      not comparable on ${release.release}: ${schema} refers to ${result.missing.join(', ')}, which this release lacks`);
            this.skip();
          }
          assert.ok(result.identical, `the model step is not the host's:\n${result.diff}`);
        });
      }
    });

    const generated = new Map<string, Generated>();
    const failures = new Map<string, unknown>();
    const models = new Map<string, Models>();

    // HOST_CASES=<regex> narrows the run to matching case ids while working on a case
    const only = process.env.HOST_CASES ? new RegExp(process.env.HOST_CASES) : undefined;
    const cases: Case[] = [...CASES, ...SERVER_CASES].filter((c) => !only || only.test(c.id));

    before(async function () {
      for (const c of cases) {
        try {
          generated.set(c.id, await generate(release, c, tree));
        } catch (error) {
          failures.set(c.id, error);
        }
      }
      const all = [...generated.values()];
      try {
        modelsOf(release, all).forEach((m, i) => models.set(all[i]!.case.id, m));
      } catch (error) {
        for (const g of all) failures.set(g.case.id, error);
      }
    });

    for (const c of cases) {
      describe(c.id, function () {
        let results: CheckResult[] | undefined;
        let failure: unknown;

        before(function () {
          try {
            if (failures.has(c.id)) throw failures.get(c.id);
            const g = generated.get(c.id)!;
            const m = models.get(c.id)!;
            if (m.error || !m.overlay) throw new Error(`model generation failed: ${m.error}`);
            results = omhost<CheckResult[]>(release, 'checks', { ...g.request, work: g.work }, { OMHOST_OVERLAY: m.overlay }).value;
          } catch (error) {
            failure = error;
          }
        });

        for (const name of needsServer(c) ? checksWithServer() : CHECK_NAMES) {
          it(CHECK_TITLES[name] ?? name, function () {
            if (SERVER_CHECK_NAMES.includes(name) && !serverOf(c)) noServer(this);
            if (!results) throw failure instanceof Error ? failure : new Error(String(failure));
            const result = results.find((r) => r.name === name);
            assert.ok(result, `check ${name} did not run`);
            assert.ok(result.ok, name === 'pytest' ? tail(result.detail) : result.detail);
            if (SERVER_CHECK_NAMES.includes(name)) console.log(`        ${result.detail}`);
          });
        }
      });
    }
  });
}
