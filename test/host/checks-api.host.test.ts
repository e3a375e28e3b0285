/**
 * The host layer on 2.0's test-connection checks API: where the release's reference
 * connector of a service type tests its connection through checks
 * (generators/openmetadata/facts/2.0.json, checksApi and referenceConnector.testConnectionApi),
 * the generated connector must too. Judged by the installed openmetadata-ingestion:
 * the facts the generator assumes, a checks provider with one @check per step of the
 * generated definition (each named by the type's step enum), Source.create, and the
 * test connection run as the server's automation workflow runs it
 * (metadata.automations.execute_runner.execute), against the real PostgreSQL, with the
 * right password and with a wrong one. Only the OpenMetadata client is a stand-in.
 *
 * The request built here is a narrower copy of the one openmetadata.host.test.ts
 * builds (that file registers its own suites, so it cannot be imported).
 */
import assert from 'node:assert/strict';
import type { OpenMetadataProfile } from '../../generators/openmetadata/profile/spec.js';
import { checksApiFor, releaseFacts, type ChecksApiUse } from '../../generators/openmetadata/facts/index.js';
import { errorRulesOf, sqlDriverOf } from '../../generators/openmetadata/model/python-files/error-pack.js';
import { tempDir } from '../support/generate.js';
import { storedProfileIn } from '../support/hosts.js';
import { caseRequest } from './case-request.js';
import { generateInHost, installedReleases, omhost, overlaysOf, type HostRelease } from './support.js';

const POSTGRES_URL_VARIABLE = 'GC_TEST_POSTGRES_URL';

interface ChecksCase {
  id: string;
  options: Record<string, unknown>;
  /** run the automation path against the real PostgreSQL */
  server: boolean;
}

/** One case per checks-API service type: a SQLAlchemy database on psycopg2, a REST pipeline, a REST storage. */
const CASES: ChecksCase[] = [
  {
    id: 'checks-database-postgres',
    options: { name: 'pg_gate', serviceType: 'database', scheme: 'postgresql+psycopg2', defaultPort: 5432, authTypes: ['basic'] },
    server: true,
  },
  { id: 'checks-pipeline-rest', options: { name: 'flow_gate', serviceType: 'pipeline', authTypes: ['basic'] }, server: false },
  { id: 'checks-storage-rest', options: { name: 'bucket_gate', serviceType: 'storage', authTypes: ['basic'] }, server: false },
];

interface Part<T> {
  ok: boolean;
  value?: T;
  error?: string;
}

interface ProviderAnswer {
  connectionClass: string;
  checksClass: string;
  definitionSteps: string[];
  checkSteps: string[];
  decorated: number;
  notEnumMembers: string[];
  hasErrorPack: string;
}

interface StepAnswer {
  name: string;
  passed: boolean;
  status: string | null;
  mandatory: boolean;
  errorLog: string | null;
  skipReason: string | null;
  diagnosis: { title: string; remediation: string | null } | null;
  summary: string | null;
}

interface AutomationAnswer {
  workflowStatus: string;
  status: string;
  reports: number;
  steps: StepAnswer[];
}

interface Answers {
  provider: Part<ProviderAnswer>;
  automation?: Part<AutomationAnswer>;
  automationWrongPassword?: Part<AutomationAnswer>;
  create: Part<string>;
}

/** Releases whose facts name a checks API (2.0 on). */
const releases = installedReleases().filter((r) => releaseFacts(r.line).checksApi);

function noServer(ctx: Mocha.Context): void {
  const why = `no PostgreSQL server: ${POSTGRES_URL_VARIABLE} is not set (.ci/postgres.sh start prints it)`;
  if (process.env.CI === 'true') throw new Error(`${why}; in CI, .ci/run starts the server before the host layer`);
  console.log(`      ${why}`);
  ctx.skip();
}

async function judge(release: HostRelease, c: ChecksCase, serverUrl: string | undefined): Promise<{ answers: Answers; use: ChecksApiUse }> {
  const checkout = await generateInHost(release, c.options, `host-checks-${c.id}-`);
  const profile = storedProfileIn(checkout, 'openmetadata', String(c.options.name)) as unknown as OpenMetadataProfile;
  const facts = releaseFacts(release.line);
  const use = checksApiFor(facts, profile.serviceType, profile.connectionType === 'sqlalchemy');
  if (!use) throw new Error(`${c.id}: the facts of ${release.line} give ${profile.serviceType} no checks API`);
  const request = caseRequest(checkout, profile);
  const work = tempDir(`host-checks-work-${c.id}-`);
  const [models] = overlaysOf(release, [{ ...request, checkout, work }]);
  if (!models?.overlay) throw new Error(`model generation failed: ${models?.error}`);
  const server = c.server && serverUrl ? { url: serverUrl } : undefined;
  const answers = omhost<Answers>(release, 'checks-api', { ...request, work, server, stepEnum: use.stepEnum }, { OMHOST_OVERLAY: models.overlay }).value;
  return { answers, use };
}

function valueOf<T>(part: Part<T> | undefined, name: string): T {
  assert.ok(part, `${name} did not run`);
  assert.ok(part.ok, `${name}: ${part.error}`);
  return part.value!;
}

const only = process.env.HOST_CASES ? new RegExp(process.env.HOST_CASES) : undefined;

for (const release of releases) {
  describe(`host ${release.release}: the test-connection checks API`, function () {
    this.timeout(15 * 60_000);
    const facts = releaseFacts(release.line);

    it(`the checks-API facts of ${release.line} (modules, names, step enums) hold in the installed package`, function () {
      const problems = omhost<string[]>(release, 'checks-api', { factsOnly: true, checksApi: facts.checksApi }).value;
      assert.deepEqual(problems, []);
    });

    for (const c of CASES.filter((x) => !only || only.test(x.id))) {
      describe(c.id, function () {
        const serverUrl = process.env[POSTGRES_URL_VARIABLE];
        let judged: { answers: Answers; use: ChecksApiUse } | undefined;
        let failure: unknown;

        before(async function () {
          try {
            judged = await judge(release, c, serverUrl);
          } catch (error) {
            failure = error;
          }
        });

        const answers = (): Answers => {
          if (!judged) throw failure instanceof Error ? failure : new Error(String(failure));
          return judged.answers;
        };

        it('the service spec names a connection class whose checks() has one @check per step, each a member of the step enum', function () {
          const provider = valueOf(answers().provider, 'provider');
          const stepEnum = judged!.use.stepEnum;
          assert.deepEqual(provider.checkSteps, provider.definitionSteps, 'the @check steps are not the steps of the definition');
          assert.equal(provider.decorated, provider.definitionSteps.length, 'more @check methods than steps');
          assert.deepEqual(provider.notEnumMembers, [], `steps not named by ${stepEnum.name}`);
          assert.ok(provider.definitionSteps.every((s) => stepEnum.members.includes(s)));
          assert.equal(provider.hasErrorPack, 'ErrorPack');
          console.log(`        ${provider.checksClass}: ${provider.checkSteps.map((s) => `@check(${stepEnum.name}.${s})`).join(', ')}`);
        });

        it('Source.create builds the source through the connection class', function () {
          valueOf(answers().create, 'create');
        });

        if (!c.server) return;

        it("the server's automation path (execute_runner.execute) passes every step against the real PostgreSQL", function () {
          if (!serverUrl) noServer(this);
          const result = valueOf(answers().automation, 'automation');
          const failed = result.steps.filter((s) => !s.passed).map((s) => `${s.name}: ${s.errorLog}`);
          assert.deepEqual(failed, []);
          assert.equal(result.status, 'Successful');
          assert.equal(result.workflowStatus, 'Successful');
          console.log(`        ${result.steps.map((s) => `${s.name} ${s.status} (${s.summary})`).join('; ')}`);
        });

        it('with a wrong password the result names the failed step and carries the generated diagnosis and fix', function () {
          if (!serverUrl) noServer(this);
          const result = valueOf(answers().automationWrongPassword, 'automation with a wrong password');
          assert.equal(result.status, 'Failed');
          assert.equal(result.workflowStatus, 'Failed');
          const failed = result.steps.filter((s) => !s.passed && s.status === 'Failed');
          assert.deepEqual(failed.map((s) => s.name), ['CheckAccess'], 'the gate step should be the one that failed');
          // what the generator wrote for psycopg2's authentication failure is what the runner reports
          const expected = errorRulesOf(sqlDriverOf(String(c.options.scheme))).find((r) => r.title === 'Authentication failed')!;
          assert.deepEqual(failed[0]!.diagnosis, { title: expected.title, remediation: expected.fix });
          assert.match(failed[0]!.errorLog ?? '', /password authentication failed/);
          assert.ok(result.steps.slice(1).every((s) => s.skipReason === 'ConnectionNotEstablished'), 'the steps after the gate should be skipped');
          console.log(`        ${failed[0]!.name} ${failed[0]!.status}: ${failed[0]!.diagnosis.title}: ${failed[0]!.diagnosis.remediation}`);
          console.log(`        errorLog: ${(failed[0]!.errorLog ?? '').split('\n')[0]}`);
          console.log(`        then: ${result.steps.slice(1).map((s) => `${s.name} ${s.status} (${s.skipReason})`).join(', ')}`);
        });
      });
    }
  });
}

// no release with the API installed: fail rather than pass with nothing judged
if (releases.length === 0) {
  describe('host: the test-connection checks API', function () {
    it('needs a release whose facts name a checks API', function () {
      assert.fail('no installed release has checksApi in its facts (test/host/releases.json pins 2.0.x)');
    });
  });
}
