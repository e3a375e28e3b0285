/**
 * Generated REST connectors inside the real openmetadata-ingestion of each release, against
 * a local fake of their source API (test/host/python/omhost/fake_api.py: bearer token,
 * paginated lists). The host runs the test connection inside Source.create(), so a
 * connector whose steps are not wired cannot even be created: with --api-endpoints the
 * steps call the endpoint methods and create() succeeds; without, it fails with the TODO
 * of the first mandatory step. Nothing of the connector is patched; only the OpenMetadata
 * client is mocked. Run by `npm run test:host` (HOST_CASES=<regex> narrows it too).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { testModuleName } from '../../core/profile/names.js';
import { openMetadataNames, type OpenMetadataProfile } from '../../generators/openmetadata/profile/spec.js';
import { clientStepFacts, releaseFacts } from '../../generators/openmetadata/facts/index.js';
import { runGenerator, tempDir } from '../support/generate.js';
import { storedProfileIn } from '../support/hosts.js';
import { completedTree, installedReleases, makeCheckout, omhost, overlaysOf, specTreeOf, withVenv, type HostRelease, type SpecTree } from './support.js';

const TOKEN = 'fake-source-token';

/** Items of a listed resource: more than one page of the fake (two per page). */
const items = (kind: string): Array<Record<string, string>> => [1, 2, 3].map((n) => ({ id: `${kind}-${n}`, name: `${kind} ${n}` }));

interface RestCase {
  id: string;
  options: Record<string, unknown>;
  /** path -> what the fake lists there; each endpoint given is one of them */
  routes: Record<string, unknown[]>;
  /** the paths the test connection must call, besides / (CheckAccess); none: a step is left raising */
  stepPaths: string[];
}

const rest = (serviceType: string, name: string, paths: string[]): RestCase => ({
  id: `${serviceType}-served`,
  options: { name, serviceType, authTypes: ['token'], apiEndpoints: paths.map((p) => `GET ${p}`) },
  routes: Object.fromEntries(paths.map((p) => [p, items(p.split('/').pop()!)])),
  stepPaths: paths,
});

const CASES: RestCase[] = [
  rest('dashboard', 'fake_dash', ['/dashboards', '/charts']),
  rest('pipeline', 'fake_flow', ['/api/v1/pipelines']),
  rest('mlmodel', 'fake_models', ['/models']),
  rest('storage', 'fake_store', ['/buckets']),
  rest('search', 'fake_search', ['/indices']),
  rest('api', 'fake_api', ['/collections']),
  // the same dashboard connector without endpoints: its steps are left to write
  { id: 'dashboard-unfilled', options: { name: 'fake_dash_todo', serviceType: 'dashboard', authTypes: ['token'] }, routes: {}, stepPaths: [] },
];

interface StepResult {
  name: string;
  passed: boolean;
  mandatory: boolean;
  errorLog: string | null;
}

interface LoggedRequest {
  method: string;
  path: string;
  query: string;
  authorized: boolean;
  status: number;
}

interface Run {
  created: string | null;
  error: string | null;
  steps: StepResult[];
}

interface RestResult {
  testConnection: { steps: StepResult[]; error: string | null };
  create: Run;
  createRequests: LoggedRequest[];
  wrongToken: Run;
  requests: LoggedRequest[];
}

interface Prepared {
  c: RestCase;
  profile: OpenMetadataProfile;
  request: ReturnType<typeof restRequest>;
}

/** A checkout of the release under test, made from its completed schema tree (the models step follows every $ref). */
function releaseCheckout(tree: SpecTree, dir: string): string {
  return makeCheckout(tree, dir);
}

/** The case generated as the host layer generates every case: with --generate-models and the release's venv active. */
const generateCase = (release: HostRelease, options: Record<string, unknown>, checkout: string) =>
  withVenv(release, () => runGenerator('openmetadata', { ...options, openmetadataVersion: release.line, generateModels: true }, { cwd: checkout }));

const pascal = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** What omhost needs of a generated case: where its files are, its names, its models' inputs. */
function restRequest(checkout: string, profile: OpenMetadataProfile, routes: RestCase['routes']) {
  const names = openMetadataNames(profile);
  const type = profile.serviceType;
  return {
    checkout,
    serviceType: type,
    package: names.packageName,
    typeValue: names.typeValue,
    sourceType: names.packageName,
    sourceDir: path.join(checkout, `ingestion/src/metadata/ingestion/source/${type}/${names.packageName}`),
    serviceEnumMember: pascal(names.definitionPrefix),
    unitTest: path.join(checkout, `ingestion/tests/unit/topology/${type}/${testModuleName(names.testName)}.py`),
    testConnectionJson: path.join(checkout, `openmetadata-service/src/main/resources/json/data/testConnections/${type}/${names.stem}.json`),
    changedSchemas: [`entity/services/connections/${type}/${names.stem}Connection.json`, `entity/services/${type}Service.json`],
    work: tempDir(`rest-work-${names.packageName}-`),
    apiToken: TOKEN,
    routes,
  };
}

/** The first mandatory list step of a service type: the one create() stops at when nothing is wired. */
/** The first step of the connector's test connection: CheckAccess, or the type's own gate (2.0's storage: ListBuckets). */
const accessStepOf = (profile: OpenMetadataProfile) => clientStepFacts(releaseFacts(profile.openmetadataVersion), profile.serviceType)[0]!;

function firstMandatoryStep(profile: OpenMetadataProfile) {
  return clientStepFacts(releaseFacts(profile.openmetadataVersion), profile.serviceType).find((s) => s.name !== 'CheckAccess' && s.mandatory)!;
}

const failedSteps = (steps: StepResult[]): string[] => steps.filter((s) => !s.passed).map((s) => `${s.name}: ${s.errorLog}`);

const only = process.env.HOST_CASES ? new RegExp(process.env.HOST_CASES) : undefined;
const cases = CASES.filter((c) => !only || only.test(`rest-${c.id}`));

for (const release of cases.length > 0 ? installedReleases() : []) {
  describe(`host ${release.release}: REST connectors against a local fake source API`, function () {
    this.timeout(15 * 60_000);
    const results = new Map<string, RestResult | Error>();
    const prepared = new Map<string, Prepared>();

    before(async function () {
      const { tree } = completedTree(release, specTreeOf(release));
      for (const c of cases) {
        const checkout = releaseCheckout(tree, tempDir(`rest-${release.line}-${c.id}-`));
        await generateCase(release, c.options, checkout);
        const profile = storedProfileIn(checkout, 'openmetadata', String(c.options.name)) as unknown as OpenMetadataProfile;
        prepared.set(c.id, { c, profile, request: restRequest(checkout, profile, c.routes) });
      }
      const all = [...prepared.values()];
      // one process for every case's models: importing the package is most of the cost
      const models = overlaysOf(release, all.map((p) => p.request));
      all.forEach((p, i) => {
        const m = models[i]!;
        try {
          if (!m.overlay) throw new Error(`model generation failed: ${m.error}`);
          results.set(p.c.id, omhost<RestResult>(release, 'rest', p.request, { OMHOST_OVERLAY: m.overlay }).value);
        } catch (error) {
          results.set(p.c.id, error instanceof Error ? error : new Error(String(error)));
        }
      });
    });

    const resultOf = (id: string): RestResult => {
      const result = results.get(id);
      if (!result) throw new Error(`${id} did not run`);
      if (result instanceof Error) throw result;
      return result;
    };

    for (const c of cases.filter((x) => x.stepPaths.length > 0)) {
      describe(`rest-${c.id} (${(c.options.apiEndpoints as string[]).join(',')})`, function () {
        it("the host's test connection passes every step, each GET sent with the token", function () {
          const r = resultOf(c.id);
          const { profile } = prepared.get(c.id)!;
          assert.equal(r.testConnection.error, null);
          const expected = clientStepFacts(releaseFacts(profile.openmetadataVersion), profile.serviceType).map((s) => s.name);
          assert.deepEqual(r.testConnection.steps.map((s) => s.name), expected);
          assert.deepEqual(failedSteps(r.testConnection.steps), []);
          console.log(`        steps passed: ${r.testConnection.steps.map((s) => s.name).join(', ')}`);
        });

        it('Source.create() runs the test connection against the fake and builds the source', function () {
          const r = resultOf(c.id);
          const { profile } = prepared.get(c.id)!;
          assert.equal(r.create.error, null);
          assert.equal(r.create.created, `${openMetadataNames(profile).typeValue}Source`);
          assert.deepEqual(failedSteps(r.create.steps), []);
          // every step reached the API, all with the right token: each endpoint, and the root when the access step is
          // CheckAccess (a REST client checks access with GET /; 2.0's storage gates on its list step, ListBuckets)
          const root = accessStepOf(profile).method === 'check_access' ? ['/'] : [];
          const called = [...new Set(r.createRequests.map((q) => `${q.method} ${q.path} ${q.status}`))].sort();
          assert.deepEqual(called, [...root, ...c.stepPaths].map((p) => `GET ${p} 200`).sort());
          assert.ok(r.createRequests.every((q) => q.authorized), 'a request without the token');
          console.log(`        create sent ${r.createRequests.length} requests: ${called.join(', ')}`);
        });

        it('with a wrong token, create() fails at the access step (the fake answers 401)', function () {
          const r = resultOf(c.id);
          const access = accessStepOf(prepared.get(c.id)!.profile).name;
          assert.match(r.wrongToken.error ?? '', new RegExp(`SourceConnectionException: .*${access}`));
          const step = r.wrongToken.steps.find((s) => s.name === access);
          assert.match(step?.errorLog ?? '', /401/);
        });
      });
    }

    for (const c of cases.filter((x) => x.stepPaths.length === 0)) {
      describe(`rest-${c.id} (no --api-endpoints)`, function () {
        it("Source.create() fails at the first mandatory list step, with that step's TODO", function () {
          const r = resultOf(c.id);
          const { profile } = prepared.get(c.id)!;
          const step = firstMandatoryStep(profile);
          assert.match(r.create.error ?? '', new RegExp(`^SourceConnectionException: .*${step.name}`));
          assert.equal(r.create.created, null);
          const failed = r.create.steps.find((s) => s.name === step.name);
          assert.ok(failed && !failed.passed, `${step.name} did not fail: ${JSON.stringify(r.create.steps)}`);
          assert.ok(failed.errorLog?.includes(step.todo), `${step.name} failed with ${failed.errorLog}, not its TODO "${step.todo}"`);
          // CheckAccess itself reached the fake with the token: only the unwritten step fails
          assert.ok(r.create.steps.find((s) => s.name === 'CheckAccess')?.passed, 'CheckAccess failed');
          console.log(`        create: ${r.create.error}; ${step.name}: ${failed.errorLog}`);
        });
      });
    }
  });
}

/** What the fake lists for the ingest run: three dashboards (two pages), four charts, each dashboard with two. */
const INGEST_ROUTES = {
  '/dashboards': [1, 2, 3].map((n) => ({ id: `dashboard-${n}`, name: `Dashboard ${n}`, charts: [`chart-${n}`, `chart-${n + 1}`] })),
  '/charts': [1, 2, 3, 4].map((n) => ({ id: `chart-${n}`, name: `Chart ${n}` })),
};

interface IngestCase {
  id: string;
  options: Record<string, unknown>;
  /** fill metadata.py's stubs with calls of the endpoint methods (omhost/fill.py) before the run */
  fill: boolean;
}

const INGEST_CASES: IngestCase[] = [
  { id: 'ingest-dashboard-filled', options: { name: 'fake_board', serviceType: 'dashboard', authTypes: ['token'], apiEndpoints: ['GET /dashboards', 'GET /charts'] }, fill: true },
  { id: 'ingest-dashboard-unfilled', options: { name: 'fake_board_todo', serviceType: 'dashboard', authTypes: ['token'] }, fill: false },
];

interface Entity {
  name: string;
  fullyQualifiedName: string;
  displayName?: string;
  deleted: boolean;
  sourceUrl?: string;
  charts?: Array<{ fullyQualifiedName: string; type: string }>;
  service?: { fullyQualifiedName: string };
}

interface IngestResult {
  command: string;
  exitCode: number | null;
  output: string;
  unknown: string[];
  requests: Array<{ method: string; path: string; status: number }>;
  sourceRequests: LoggedRequest[];
  services: string[];
  charts: Entity[];
  dashboards: Entity[];
}

// eslint-disable-next-line no-control-regex
const plain = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '');

/** The Errors counts of the workflow's summaries (one per step: source, sink). */
const summaryErrors = (output: string): number[] => [...plain(output).matchAll(/^.*- Errors: (\d+)\s*$/gm)].map((m) => Number(m[1]));

const ingestCases = INGEST_CASES.filter((c) => !only || only.test(`rest-${c.id}`));

for (const release of ingestCases.length > 0 ? installedReleases() : []) {
  describe(`host ${release.release}: metadata ingest of a REST dashboard connector's example workflow`, function () {
    this.timeout(20 * 60_000);
    const results = new Map<string, IngestResult | Error>();
    const profiles = new Map<string, OpenMetadataProfile>();

    before(async function () {
      const { tree } = completedTree(release, specTreeOf(release));
      const requests: Array<{ c: IngestCase; checkout: string; request: ReturnType<typeof restRequest> }> = [];
      for (const c of ingestCases) {
        const checkout = releaseCheckout(tree, tempDir(`rest-${release.line}-${c.id}-`));
        await generateCase(release, c.options, checkout);
        const profile = storedProfileIn(checkout, 'openmetadata', String(c.options.name)) as unknown as OpenMetadataProfile;
        profiles.set(c.id, profile);
        const request = restRequest(checkout, profile, INGEST_ROUTES);
        // before the models step, which lays the connector's files over the package
        if (c.fill) omhost<string[]>(release, 'fill', { file: path.join(request.sourceDir, 'metadata.py') });
        requests.push({ c, checkout, request });
      }
      const models = overlaysOf(release, requests.map((r) => r.request));
      requests.forEach(({ c, checkout, request }, i) => {
        try {
          const overlay = models[i]!.overlay;
          if (!overlay) throw new Error(`model generation failed: ${models[i]!.error}`);
          const names = openMetadataNames(profiles.get(c.id)!);
          const run = {
            work: path.join(request.work, 'ingest'),
            apiToken: TOKEN,
            routes: INGEST_ROUTES,
            testConnections: path.join(checkout, 'openmetadata-service/src/main/resources/json/data/testConnections'),
            workflow: path.join(checkout, `ingestion/src/metadata/examples/workflows/${names.packageName}.yaml`),
            overlay,
            timeout: 600,
          };
          results.set(c.id, omhost<IngestResult>(release, 'rest-ingest', run).value);
        } catch (error) {
          results.set(c.id, error instanceof Error ? error : new Error(String(error)));
        }
      });
    });

    const resultOf = (id: string): IngestResult => {
      const result = results.get(id);
      if (!result) throw new Error(`${id} did not run`);
      if (result instanceof Error) throw result;
      return result;
    };

    if (ingestCases.some((c) => c.fill)) {
      it('filled: exit 0, 0 errors in every summary, every OpenMetadata route the run called served', function () {
        const r = resultOf('ingest-dashboard-filled');
        assert.equal(r.exitCode, 0, plain(r.output).slice(-4000));
        const errors = summaryErrors(r.output);
        assert.ok(errors.length >= 2, `no workflow summary in the output:\n${plain(r.output).slice(-2000)}`);
        assert.deepEqual(errors, errors.map(() => 0));
        assert.deepEqual(r.unknown, []);
        console.log(`        ${r.command}: exit ${r.exitCode}; summaries' errors ${errors.join(', ')}; ${r.requests.length} requests to the stand-in`);
      });

      it('filled: the dashboards and charts of every page reach the stand-in, each dashboard linking its charts', function () {
        const r = resultOf('ingest-dashboard-filled');
        const service = `local_${profiles.get('ingest-dashboard-filled')!.name}`;
        assert.deepEqual(r.services, [service]);
        assert.deepEqual(
          r.charts.map((c) => [c.fullyQualifiedName, c.displayName, c.deleted]),
          INGEST_ROUTES['/charts'].map((c) => [`${service}.${c.id}`, c.name, false]),
        );
        assert.deepEqual(
          r.dashboards.map((d) => [d.fullyQualifiedName, d.displayName, d.deleted, (d.charts ?? []).map((c) => c.fullyQualifiedName)]),
          INGEST_ROUTES['/dashboards'].map((d) => [`${service}.${d.id}`, d.name, false, d.charts.map((c) => `${service}.${c}`)]),
        );
        // the second pages were read, with the token
        const pages = r.sourceRequests.filter((q) => q.query === 'page=2').map((q) => q.path).sort();
        assert.deepEqual(pages, ['/charts', '/dashboards']);
        assert.ok(r.sourceRequests.every((q) => q.authorized && q.status === 200), JSON.stringify(r.sourceRequests));
        console.log(`        stand-in: ${r.dashboards.length} dashboards, ${r.charts.length} charts; ${r.dashboards.map((d) => `${d.name} -> ${(d.charts ?? []).map((c) => c.fullyQualifiedName.split('.').pop()).join('+')}`).join(', ')}`);
      });
    }

    if (ingestCases.some((c) => !c.fill)) {
      it("unfilled (no endpoints): a non-zero exit, with list_dashboards' TODO in the output", function () {
        const r = resultOf('ingest-dashboard-unfilled');
        const step = firstMandatoryStep(profiles.get('ingest-dashboard-unfilled')!);
        assert.notEqual(r.exitCode, 0);
        assert.notEqual(r.exitCode, null, 'the run timed out');
        assert.ok(plain(r.output).includes(step.todo), `the output lacks "${step.todo}":\n${plain(r.output).slice(-3000)}`);
        assert.deepEqual(r.dashboards, []);
        const line = plain(r.output).split('\n').find((l) => l.includes(step.todo))!;
        console.log(`        exit ${r.exitCode}: ${line.trim().slice(0, 240)}`);
      });
    }
  });
}
