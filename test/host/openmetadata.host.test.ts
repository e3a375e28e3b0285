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
import { openMetadataNames, type OpenMetadataProfile } from '../../core/profile/openmetadata.js';
import { runGenerator, tempDir } from '../support/generate.js';
import { storedProfileIn } from '../support/hosts.js';
import { CASES, type Case } from '../openmetadata/matrix.js';
import { installedReleases, makeCheckout, omhost, pytest, SCHEMA_DIR, specTreeOf, tail, type HostRelease } from './support.js';
import { releaseFacts } from '../../generators/openmetadata/releases/index.js';

interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

interface Prepared {
  checkout: string;
  work: string;
  overlay: string;
  checks: CheckResult[];
  pytest: { ok: boolean; output: string };
  standIns: string[];
  missing: string[];
}

const CHECK_NAMES = ['imports', 'registered value', 'service spec', 'workflow config', 'test connection', 'create'];

const pascal = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function pythonFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.py'));
}

function firstClass(file: string, suffix: string): string {
  const match = new RegExp(`^class (\\w+${suffix})\\(`, 'm').exec(readFileSync(file, 'utf8'));
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
    unitTest: path.join(checkout, `ingestion/tests/unit/topology/${type}/test_${profile.name}.py`),
    testConnectionJson: path.join(checkout, `openmetadata-service/src/main/resources/json/data/testConnections/${type}/${names.stem}.json`),
    changedSchemas: [`entity/services/connections/${type}/${names.stem}Connection.json`, `entity/services/${type}Service.json`],
  };
}

async function prepare(release: HostRelease, c: Case, tree: ReturnType<typeof specTreeOf>): Promise<Prepared & { request: ReturnType<typeof caseRequest> }> {
  const checkout = makeCheckout(tree, tempDir(`host-${release.line}-${c.id}-`));
  await runGenerator('openmetadata', { ...c.options, openmetadataVersion: release.line }, { cwd: checkout });
  const profile = storedProfileIn(checkout, 'openmetadata', String(c.options.name)) as unknown as OpenMetadataProfile;
  const request = caseRequest(checkout, profile);
  const work = tempDir(`host-work-${c.id}-`);
  const models = omhost<{ overlay: string; standIns: string[]; missing: string[] }>(release, 'models', {
    ...request,
    work,
    specRoot: path.join(checkout, SCHEMA_DIR),
    modelStep: releaseFacts(release.line).modelGeneration,
  }).value;
  const checks = omhost<CheckResult[]>(release, 'checks', request, { OMHOST_OVERLAY: models.overlay }).value;
  const unit = pytest(release, [request.unitTest], models.overlay, work);
  return { checkout, work, overlay: models.overlay, checks, pytest: unit, standIns: models.standIns, missing: models.missing, request };
}

const releases = installedReleases();

for (const release of releases) {
  describe(`host ${release.release}`, function () {
    this.timeout(15 * 60_000);
    const tree = specTreeOf(release);

    before(function () {
      console.log(`    release ${release.release} (line ${release.line}); schema tree: ${tree.source}`);
      console.log(`    resolved: ${Object.entries(release.resolved).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    });

    for (const c of CASES) {
      describe(c.id, function () {
        let prepared: Prepared | undefined;
        let failure: unknown;

        before(async function () {
          try {
            prepared = await prepare(release, c, tree);
          } catch (error) {
            failure = error;
          }
        });

        const ready = (): Prepared => {
          if (!prepared) throw failure instanceof Error ? failure : new Error(String(failure));
          return prepared;
        };

        for (const name of CHECK_NAMES) {
          it(name, function () {
            const result = ready().checks.find((r) => r.name === name);
            assert.ok(result, `check ${name} did not run`);
            assert.ok(result.ok, result.detail);
          });
        }

        it('generated unit tests pass under pytest', function () {
          const run = ready().pytest;
          assert.ok(run.ok, tail(run.output));
        });
      });
    }
  });
}
