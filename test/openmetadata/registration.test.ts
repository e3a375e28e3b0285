/**
 * Registration in an OpenMetadata checkout, as a specification: the real
 * `<type>Service.json` files (copied from the shared fixtures into a
 * temporary checkout, never into the repository) get the service type value
 * in their enum and javaEnums and the connection schema in their config
 * oneOf, by text edits that leave every other line as it was; a second run
 * changes nothing; values already taken are refused; odd files are skipped.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { requireFixtures } from '../support/fixtures.js';
import { diffTrees, isEmptyDiff, rejection, runBin, runGenerator, snapshotTree, tempDir } from '../support/generate.js';
import { seedCheckout, SERVICES_DIR } from '../support/checkouts.js';
import { insertionDiff } from './support.js';

/** `<t>` of the service schema's definitions (`<t>ServiceType`, `<t>Connection`), as the checkout's own file names them. */
function definitionPrefix(serviceFileText: string): string {
  const definitions = Object.keys((JSON.parse(serviceFileText) as { definitions: Record<string, unknown> }).definitions);
  const serviceType = definitions.find((name) => name.endsWith('ServiceType'));
  if (!serviceType) throw new Error(`no <t>ServiceType definition among ${definitions.join(', ')}`);
  return serviceType.slice(0, -'ServiceType'.length);
}

const serviceRel = (serviceType: string): string => `${SERVICES_DIR}/${serviceType}Service.json`;

const checkout = (): string => seedCheckout('openmetadata', tempDir('connector-om-checkout-'));

interface Registered {
  enum: string[];
  javaEnums: Array<{ name: string }>;
  oneOf: Array<{ $ref: string }>;
}

function registered(text: string, prefix: string): Registered {
  const schema = JSON.parse(text) as {
    definitions: Record<string, { enum: string[]; javaEnums: Array<{ name: string }>; properties: { config: { oneOf: Array<{ $ref: string }> } } }>;
  };
  return {
    enum: schema.definitions[`${prefix}ServiceType`]!.enum,
    javaEnums: schema.definitions[`${prefix}ServiceType`]!.javaEnums,
    oneOf: schema.definitions[`${prefix}Connection`]!.properties.config.oneOf,
  };
}

const CASES = [
  { serviceType: 'database', name: 'warehouse_db', value: 'WarehouseDb', stem: 'warehouseDb' },
  { serviceType: 'dashboard', name: 'bi_tool', value: 'BiTool', stem: 'biTool' },
  { serviceType: 'pipeline', name: 'flow_runner', value: 'FlowRunner', stem: 'flowRunner' },
  // one-line enum
  { serviceType: 'messaging', name: 'event_bus', value: 'EventBus', stem: 'eventBus' },
  // mlModel prefix and a one-line enum
  { serviceType: 'mlmodel', name: 'model_hub', value: 'ModelHub', stem: 'modelHub' },
  // refs written without "./"
  { serviceType: 'storage', name: 'blob_store', value: 'BlobStore', stem: 'blobStore' },
  { serviceType: 'search', name: 'find_it', value: 'FindIt', stem: 'findIt' },
  { serviceType: 'api', name: 'web_hooks', value: 'WebHooks', stem: 'webHooks' },
];

describe('OpenMetadata generator: registration in <type>Service.json', function () {
  before(function () {
    requireFixtures(this, `openmetadata/${SERVICES_DIR}`);
  });

  for (const c of CASES) {
    describe(`${c.serviceType} (${c.value})`, function () {
      let root = '';
      let original = '';
      let after = '';

      before(async function () {
        root = checkout();
        original = readFileSync(path.join(root, serviceRel(c.serviceType)), 'utf8');
        // from a subfolder: the generator finds the checkout root above it
        await runGenerator('openmetadata', { name: c.name, serviceType: c.serviceType }, { cwd: path.join(root, 'ingestion') });
        after = readFileSync(path.join(root, serviceRel(c.serviceType)), 'utf8');
      });

      it('writes the connector at the checkout root, not in the folder it ran from', function () {
        const tree = snapshotTree(root);
        assert.ok(tree.has(`${SERVICES_DIR}/connections/${c.serviceType}/${c.stem}Connection.json`), [...tree.keys()].join('\n'));
        assert.ok(![...tree.keys()].some((f) => f.startsWith('ingestion/openmetadata-spec/')));
      });

      it('adds the value to the enum and javaEnums, and the connection schema to the config oneOf', function () {
        const before = registered(original, definitionPrefix(original));
        const now = registered(after, definitionPrefix(original));
        assert.deepEqual(now.enum, [...before.enum, c.value]);
        assert.deepEqual(now.javaEnums, [...before.javaEnums, { name: c.value }]);
        assert.deepEqual(now.oneOf, [...before.oneOf, { $ref: `./connections/${c.serviceType}/${c.stem}Connection.json` }]);
      });

      it('leaves every other line byte-identical and writes the new lines in the style of their neighbours', function () {
        const { inserted, problems } = insertionDiff(original, after, [`, "${c.value}"`]);
        assert.deepEqual(problems, []);
        const expected = [`"${c.value}"`, `"name": "${c.value}"`, `"$ref": "./connections/${c.serviceType}/${c.stem}Connection.json"`];
        for (const piece of expected)
          assert.ok(
            inserted.some((line) => line.includes(piece)),
            `no inserted line with ${piece}:\n${inserted.join('\n')}`,
          );
        // only the new entries (and their braces) were inserted
        assert.ok(
          inserted.every((line) => expected.some((piece) => line.includes(piece)) || /^\s*[{}],?$/.test(line)),
          inserted.join('\n'),
        );
        // the new object entries are indented like the entries before them
        const lines = after.split('\n');
        const nameLine = lines.findIndex((l) => l.includes(`"name": "${c.value}"`));
        const previousName = lines
          .slice(0, nameLine)
          .reverse()
          .find((l) => l.includes('"name": '))!;
        assert.equal(lines[nameLine]!.search(/\S/), previousName.search(/\S/));
        assert.equal(after.endsWith('\n'), original.endsWith('\n'));
      });

      it('changes nothing on a second run', async function () {
        const snapshot = snapshotTree(root);
        await runGenerator('openmetadata', { name: c.name, serviceType: c.serviceType }, { cwd: path.join(root, 'ingestion') });
        assert.ok(isEmptyDiff(diffTrees(snapshot, snapshotTree(root))), JSON.stringify(diffTrees(snapshot, snapshotTree(root))));
      });
    });
  }

  it('reports the registration in the brief: what was done, the UI edits it could not make, and the real icon and screenshots left to do', async function () {
    const root = checkout();
    await runGenerator('openmetadata', { name: 'bi_tool', serviceType: 'dashboard' }, { cwd: root });
    const brief = readFileSync(path.join(root, 'ingestion/src/metadata/ingestion/source/dashboard/bitool/CONNECTOR_CONTEXT.md'), 'utf8');
    const section = brief.slice(brief.indexOf('## Registration'), brief.indexOf('## Code generation'));
    for (const piece of [
      `${serviceRel('dashboard')}: BiTool in definitions.dashboardServiceType.enum`,
      // this checkout has no UI files: the UI edits are left to do, each with its file
      'openmetadata-ui/src/main/resources/ui/src/utils/DashboardServiceUtils.ts: skipped',
      'openmetadata-ui/src/main/resources/ui/src/utils/ServiceIconUtils.ts: skipped',
      'openmetadata-ui/src/main/resources/ui/src/assets/img/service-icon-bitool.png',
      'openmetadata-ui/src/main/resources/ui/public/locales/en-US/Dashboard/BiTool.md',
    ]) {
      assert.ok(section.includes(piece), `the registration section lacks ${piece}:\n${section}`);
    }
    // the locale files hold no per-connector names: no step for them
    assert.ok(!section.includes('locale/languages'), section);
  });

  it('with --skip-register leaves every service file untouched and lists the edits as left to do in the brief', async function () {
    const root = checkout();
    const serviceFiles = (): string[] => readdirSync(path.join(root, SERVICES_DIR)).filter((f) => f.endsWith('Service.json'));
    const read = (): string[] => serviceFiles().map((f) => readFileSync(path.join(root, SERVICES_DIR, f), 'utf8'));
    const before = read();
    await runGenerator('openmetadata', { name: 'bi_tool', serviceType: 'dashboard', skipRegister: true }, { cwd: root });
    assert.deepEqual(read(), before, 'a service file changed');
    const brief = readFileSync(path.join(root, 'ingestion/src/metadata/ingestion/source/dashboard/bitool/CONNECTOR_CONTEXT.md'), 'utf8');
    const left = brief.slice(brief.indexOf('Left to do'), brief.indexOf('## Code generation'));
    assert.ok(left.includes(`${serviceRel('dashboard')}: skipped BiTool in definitions.dashboardServiceType.enum (--skip-register)`), left);
  });

  it('refuses a service type value the checkout already has, naming the file and the fix; nothing is written', async function () {
    const root = checkout();
    const before = snapshotTree(root);
    const error = await rejection(runGenerator('openmetadata', { name: 'mysql', serviceType: 'database' }, { cwd: root }));
    assert.match(error.message, /--name/);
    assert.match(error.message, /Mysql/);
    assert.ok(error.message.includes(serviceRel('database')), error.message);
    assert.match(error.message, /--service-type-value/);
    assert.ok(isEmptyDiff(diffTrees(before, snapshotTree(root))));
  });

  it('refuses a value equal to an existing one but for case (both would use the same package folder)', async function () {
    const root = checkout();
    const error = await rejection(runGenerator('openmetadata', { name: 'my_sql', serviceType: 'database' }, { cwd: root }));
    assert.match(error.message, /Mysql/);
    assert.match(error.message, /mysql/);
  });

  it('blames --service-type-value when the user set the taken value', async function () {
    const root = checkout();
    const error = await rejection(
      runGenerator('openmetadata', { name: 'azure_sql', serviceType: 'database', serviceTypeValue: 'AzureSQL' }, { cwd: root }),
    );
    assert.match(error.message, /--service-type-value: AzureSQL is already/);
  });

  it('registers a --service-type-value override (AzureSQL-like capitalisation) and names files and package after it', async function () {
    const root = checkout();
    await runGenerator('openmetadata', { name: 'azure_sql_like', serviceType: 'database', serviceTypeValue: 'AzureSQLLike' }, { cwd: root });
    const now = registered(readFileSync(path.join(root, serviceRel('database')), 'utf8'), 'database');
    assert.equal(now.enum.at(-1), 'AzureSQLLike');
    assert.deepEqual(now.javaEnums.at(-1), { name: 'AzureSQLLike' });
    assert.deepEqual(now.oneOf.at(-1), { $ref: './connections/database/azureSQLLikeConnection.json' });
    const tree = snapshotTree(root);
    assert.ok(tree.has(`${SERVICES_DIR}/connections/database/azureSQLLikeConnection.json`));
    assert.ok(tree.has('ingestion/src/metadata/ingestion/source/database/azuresqllike/connection.py'));
    assert.ok(tree.has('openmetadata-service/src/main/resources/json/data/testConnections/database/azureSQLLike.json'));
  });

  it('keeps Windows line endings of a service file', async function () {
    const root = checkout();
    const file = path.join(root, serviceRel('storage'));
    const crlf = readFileSync(file, 'utf8').replace(/\r?\n/g, '\r\n');
    writeFileSync(file, crlf);
    await runGenerator('openmetadata', { name: 'blob_store', serviceType: 'storage' }, { cwd: root });
    const after = readFileSync(file, 'utf8');
    assert.ok(!/[^\r]\n/.test(after), 'a bare \\n was written');
    assert.deepEqual(registered(after, 'storage').enum.at(-1), 'BlobStore');
    assert.deepEqual(insertionDiff(crlf.replace(/\r/g, ''), after.replace(/\r/g, '')).problems, []);
  });

  it('skips a service file of an unexpected shape with the reason, and leaves it untouched', function () {
    const root = checkout();
    const file = path.join(root, serviceRel('pipeline'));
    const schema = JSON.parse(readFileSync(file, 'utf8')) as { definitions: { pipelineServiceType: Record<string, unknown> } };
    delete schema.definitions.pipelineServiceType.javaEnums;
    const odd = `${JSON.stringify(schema, null, 2)}\n`;
    writeFileSync(file, odd);
    const result = runBin(['openmetadata', '--name', 'flow_runner', '--service-type', 'pipeline'], { cwd: root });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.equal(readFileSync(file, 'utf8'), odd);
    assert.match(result.stdout + result.stderr, /skipped .*javaEnums.*definitions\.pipelineServiceType\.javaEnums/);
    const brief = readFileSync(path.join(root, 'ingestion/src/metadata/ingestion/source/pipeline/flowrunner/CONNECTOR_CONTEXT.md'), 'utf8');
    assert.match(brief, /- \[ \] .*pipelineService\.json: skipped FlowRunner in definitions\.pipelineServiceType\.enum/);
  });
});

describe('OpenMetadata generator: registration without the service files', function () {
  it('skips when the checkout has no service file for the type', function () {
    const root = tempDir('connector-om-partial-');
    mkdirSync(path.join(root, 'openmetadata-spec'), { recursive: true });
    const result = runBin(['openmetadata', '--name', 'find_it', '--service-type', 'search'], { cwd: root });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout + result.stderr, /Registration skipped: no OpenMetadata checkout with .*searchService\.json above the destination/);
  });

  it('outside a checkout: writes the files where it runs and says that registration was skipped', function () {
    const dir = tempDir('connector-om-outside-');
    const result = runBin(['openmetadata', '--name', 'bi_tool', '--service-type', 'dashboard'], { cwd: dir });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout + result.stderr, /Registration skipped: no OpenMetadata checkout/);
    assert.ok(snapshotTree(dir).has(`${SERVICES_DIR}/connections/dashboard/biToolConnection.json`));
    assert.ok(!snapshotTree(dir).has(serviceRel('dashboard')));
  });
});
