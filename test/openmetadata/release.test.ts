/**
 * The output follows the OpenMetadata release it is written into: read from
 * the checkout, else chosen by --openmetadata-version (newest by default).
 * The host layer (npm run test:host) runs each release's output in that
 * release's real package; this spec checks which release a run picks.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { factReleases } from '../../core/host-facts.js';
import { OPENMETADATA_RELEASES, SERVICE_TYPES, type ServiceType } from '../../generators/openmetadata/profile/fields.js';
import { openMetadataSpec } from '../../generators/openmetadata/profile/spec.js';
import { baseClassFor, writtenMethods, clientStepFacts, factsFolder, releaseFacts, type ServiceTypeFacts } from '../../generators/openmetadata/facts/index.js';
import { rejection, runBin, runGenerator, tempDir } from '../support/generate.js';

const PROFILE = { name: 'release_db', serviceType: 'database' };
const CONNECTION_PY = 'ingestion/src/metadata/ingestion/source/database/releasedb/connection.py';
const TEST_CONNECTION = 'openmetadata-service/src/main/resources/json/data/testConnections/database/releaseDb.json';

/** A checkout root (openmetadata-spec/ marks it) whose ingestion package declares `version`. */
function checkoutOf(version: string | undefined): string {
  const root = tempDir('connector-release-');
  mkdirSync(path.join(root, 'openmetadata-spec'), { recursive: true });
  if (version) {
    mkdirSync(path.join(root, 'ingestion'));
    writeFileSync(path.join(root, 'ingestion/pyproject.toml'), `[project]\nname = "openmetadata-ingestion"\nversion = "${version}"\n`);
  }
  return root;
}

const gateCategory = (root: string): unknown =>
  (JSON.parse(readFileSync(path.join(root, TEST_CONNECTION), 'utf8')) as { steps: Array<{ category?: string }> }).steps[0]!.category;

const brief = (root: string): string =>
  readFileSync(path.join(root, 'ingestion/src/metadata/ingestion/source/database/releasedb/CONNECTOR_CONTEXT.md'), 'utf8');

describe('OpenMetadata generator: the release it writes for', function () {
  it('writes 1.12 in a checkout whose ingestion package is 1.12.x, whatever the default', async function () {
    const { dir } = await runGenerator('openmetadata', PROFILE, { cwd: checkoutOf('1.12.14.2') });
    const connection = readFileSync(path.join(dir, CONNECTION_PY), 'utf8');
    assert.match(connection, /def get_connection_dict\(self\) -> dict:/, '1.12 BaseConnection has get_connection_dict abstract');
    assert.match(connection, /Optional\[int\] = THREE_MIN/);
    assert.equal(gateCategory(dir), undefined, "1.12's TestConnectionStep forbids a category");
    assert.match(brief(dir), /Written for \*\*OpenMetadata 1\.12\*\*/);
  });

  it('writes 2.0 in a 2.0 checkout: teardown registered, PEP 604 annotations, the gate step categorised', async function () {
    const { dir } = await runGenerator('openmetadata', PROFILE, { cwd: checkoutOf('2.0.0.0.dev0') });
    const connection = readFileSync(path.join(dir, CONNECTION_PY), 'utf8');
    assert.match(connection, /self\._on_close\(engine\.dispose\)/);
    assert.doesNotMatch(connection, /get_connection_dict|Optional\[/);
    assert.equal(gateCategory(dir), 'ConnectionGate');
  });

  it('refuses a named release that contradicts the checkout, naming the file, and writes nothing', async function () {
    const root = checkoutOf('1.12.3.0');
    const error = await rejection(runGenerator('openmetadata', { ...PROFILE, openmetadataVersion: '2.0' }, { cwd: root }));
    assert.match(error.message, /--openmetadata-version: the checkout is OpenMetadata 1\.12\.3\.0 \(ingestion\/pyproject\.toml\)/);
  });

  it('warns, in the run and in the brief, when the checkout is a release it does not support, naming that release and the line written for', function () {
    const root = checkoutOf('1.9.3.0');
    const run = runBin(['openmetadata', '--name', PROFILE.name, '--service-type', PROFILE.serviceType], { cwd: root });
    assert.equal(run.status, 0, run.stderr);
    const said = /the checkout is OpenMetadata 1\.9\.3\.0 \(ingestion\/pyproject\.toml\), a release this generator does not support .*written for OpenMetadata 2\.0/;
    assert.match(run.stdout + run.stderr, new RegExp(`Warning: ${said.source}`));
    assert.match(brief(root), new RegExp(`> \\*\\*Warning:\\*\\* ${said.source}`));
  });

  it("tells a 2.0 dashboard to register each chart (2.0 deletes charts a run did not register; 1.12 has no such step)", async function () {
    const metadataPy = async (openmetadataVersion: string): Promise<string> => {
      const { dir } = await runGenerator('openmetadata', { name: 'chart_board', serviceType: 'dashboard', openmetadataVersion });
      return readFileSync(path.join(dir, 'ingestion/src/metadata/ingestion/source/dashboard/chartboard/metadata.py'), 'utf8');
    };
    assert.match(await metadataPy('2.0'), /self\.register_record_chart\(chart_request=\.\.\.\)/);
    assert.doesNotMatch(await metadataPy('1.12'), /register_record_chart/);
  });

  it('outside a release-marked checkout takes --openmetadata-version, else the newest (2.0)', async function () {
    const chosen = await runGenerator('openmetadata', { ...PROFILE, openmetadataVersion: '1.12' }, { cwd: checkoutOf(undefined) });
    assert.equal(gateCategory(chosen.dir), undefined);
    const newest = await runGenerator('openmetadata', PROFILE, { cwd: checkoutOf(undefined) });
    assert.equal(gateCategory(newest.dir), 'ConnectionGate');
  });

  it('refuses an unknown release line, listing the known ones', async function () {
    const error = await rejection(runGenerator('openmetadata', { ...PROFILE, openmetadataVersion: '1.9' }, { cwd: checkoutOf(undefined) }));
    assert.match(error.message, /--openmetadata-version: must be one of: 1\.12, 2\.0/);
  });
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Paths of the values a release file sets to what the release it extends already has. */
function repeated(own: Json, inherited: Json | undefined, at: string): string[] {
  const isObject = (v: Json | undefined): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(own) && isObject(inherited)) return Object.entries(own).flatMap(([k, v]) => repeated(v, inherited[k], `${at}.${k}`));
  return JSON.stringify(own) === JSON.stringify(inherited) ? [at] : [];
}

const rawFacts = (line: string): { [key: string]: Json } => JSON.parse(readFileSync(path.join(factsFolder, `${line}.json`), 'utf8')) as { [key: string]: Json };

describe('OpenMetadata facts: one data file per release line', function () {
  it('offers the release lines of the facts files as --openmetadata-version, oldest first, the newest as the default; each file names its own line', function () {
    assert.deepEqual([...OPENMETADATA_RELEASES].sort(), factReleases(factsFolder));
    assert.deepEqual(OPENMETADATA_RELEASES, ['1.12', '2.0']);
    assert.equal(openMetadataSpec.fields.find((f) => f.name === 'openmetadataVersion')?.defaultFor?.({}), '2.0');
    for (const line of OPENMETADATA_RELEASES) assert.equal(releaseFacts(line).line, line);
  });

  it('gives every service type of every release a base class with facts, test-connection steps, filters and a reference', function () {
    const problems: string[] = [];
    for (const line of OPENMETADATA_RELEASES) {
      const facts = releaseFacts(line);
      // the facts are data, read from the release files: what their type promises is what this spec checks
      const serviceTypes: Partial<Record<ServiceType, Partial<ServiceTypeFacts>>> = facts.serviceTypes;
      for (const type of SERVICE_TYPES) {
        const service = serviceTypes[type];
        if (!service) {
          problems.push(`${line} ${type}: no facts`);
          continue;
        }
        for (const sqlalchemy of type === 'database' ? [true, false] : [false]) {
          try {
            baseClassFor(facts, type, sqlalchemy);
          } catch (error) {
            problems.push(`${line} ${type}: ${(error as Error).message}`);
          }
        }
        if (clientStepFacts(facts, type).some((s) => !s.name || !s.method)) problems.push(`${line} ${type}: a client step without name or method`);
        if ((service.filterPatterns ?? []).length === 0) problems.push(`${line} ${type}: no filter pattern`);
        if (!service.referenceConnector?.folder) problems.push(`${line} ${type}: no reference connector`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it("gives every method a template writes the installed signature, which the host layer's facts check compares whole", function () {
    const unsigned = OPENMETADATA_RELEASES.flatMap((line) => {
      const facts = releaseFacts(line);
      return Object.entries(facts.baseClasses).flatMap(([name, base]) =>
        writtenMethods(base)
          .map((m) => `${name}.${m.name}`)
          .filter((key) => !facts.upstreamSignatures[key])
          .map((key) => `${line} ${key}`),
      );
    });
    assert.deepEqual(unsigned, []);
  });

  it('keeps in a release file that extends another only what differs from it', function () {
    const problems: string[] = [];
    for (const line of OPENMETADATA_RELEASES) {
      const { extends: parent, ...own } = rawFacts(line);
      // every file names its own line and label: not a repetition
      delete own.line;
      delete own.label;
      if (typeof parent !== 'string') continue;
      const inherited = releaseFacts(parent) as unknown as { [key: string]: Json };
      problems.push(...Object.entries(own).flatMap(([key, value]) => repeated(value, inherited[key], `${line}.json ${key}`)));
    }
    assert.deepEqual(problems, [], `values equal to the release they extend: ${problems.join(', ')}`);
  });
});
