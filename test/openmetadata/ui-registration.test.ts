/**
 * Registration in the checkout's UI, as a specification, for every service type of the matrix on
 * every release: the real UI files (copied from the shared fixtures into a temporary checkout, never
 * into the repository) get the connection schema loader in the category's service utils and the
 * icon key in ServiceIconUtils.ts, exactly those lines and every other line byte-identical; the
 * edited files type-check in isolation; a second run changes nothing; a file of another shape is
 * skipped with the reason and left as it was. The connection guide beside the form has one section
 * per field of the form and the docs notes as its requirements.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OPENMETADATA_RELEASES } from '../../generators/openmetadata/profile/fields.js';
import { openMetadataNames, type OpenMetadataProfile } from '../../generators/openmetadata/profile/spec.js';
import { FILES, openMetadataFile } from '../../generators/openmetadata/plan.js';
import { releaseFacts } from '../../generators/openmetadata/facts/index.js';
import { quicktypeEnumMember } from '../../generators/openmetadata/ui/enum-members.js';
import { SERVICES_DIR, seedCheckout } from '../support/checkouts.js';
import { fixturePath, requireFixtures } from '../support/fixtures.js';
import { diffTrees, isEmptyDiff, runBin, runGenerator, snapshotTree, tempDir } from '../support/generate.js';
import { storedProfileIn } from '../support/hosts.js';
import { visibleBlocks } from '../support/markdown.js';
import { CASES, HOSTILE } from './matrix.js';
import { typeCheckInIsolation } from './ui-typecheck.js';
import { guideProblems, type GuideSchema } from './ui/connection-guide.js';

const UI_SRC = 'openmetadata-ui/src/main/resources/ui/src';
const UTILS = `${UI_SRC}/utils`;
const ICONS = `${UTILS}/ServiceIconUtils.ts`;
const CLASS_BASE = `${UTILS}/ServiceUtilClassBase.ts`;

/** Notes over several lines, one of them what would open a block of the UI's Markdown. */
const NOTES = 'The account needs read access to every catalog.\n\n$$note\nRate limited to 10 requests per second.';

/** A checkout with the service files and the UI's utils/ folder of the fixtures. */
function uiCheckout(): string {
  const root = seedCheckout('openmetadata', tempDir('connector-om-ui-'));
  const source = fixturePath(`openmetadata/${UTILS}`);
  mkdirSync(path.join(root, UTILS), { recursive: true });
  for (const file of readdirSync(source)) copyFileSync(path.join(source, file), path.join(root, UTILS, file));
  return root;
}

const read = (root: string, rel: string): string => readFileSync(path.join(root, rel), 'utf8');

/** The lines `after` has that `before` lacks, when they are one block and every other line is byte-identical. */
function insertedBlock(before: string, after: string): { block: string[]; at: number } {
  const a = before.split('\n');
  const b = after.split('\n');
  let prefix = 0;
  while (prefix < a.length && a[prefix] === b[prefix]) prefix += 1;
  let suffix = 0;
  while (suffix < a.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix += 1;
  assert.equal(prefix + suffix, a.length, `lines of the original changed (first difference at line ${prefix + 1}: ${JSON.stringify(b[prefix])})`);
  return { block: b.slice(prefix, b.length - suffix), at: prefix };
}

/** One case of the matrix per service type. */
const PER_SERVICE_TYPE = [...new Map(CASES.map((c) => [String(c.options.serviceType), c])).values()];

/** The loader entry in the form of the file's own entries (loadConnectionSchema, or a lazy import of the bundled schema), indented as they are. */
function expectedLoader(original: string, serviceType: string, member: string, schemaFile: string): string[] {
  const [, indent, enumName] = /^( *)\[(\w+ServiceType)\./m.exec(original)!;
  const key = `${indent}[${enumName}.${member}]: () =>`;
  const inner = `${indent}  `;
  return original.includes("loadConnectionSchema('connections/")
    ? [key, `${inner}loadConnectionSchema('connections/${serviceType}/${schemaFile}'),`]
    : [key, `${inner}import(`, `${inner}  '../jsons/connectionSchemas/connections/${serviceType}/${schemaFile}'`, `${inner}),`];
}

/**
 * The enum member the UI's types give the registered type, as the generator asked quicktype-core for it,
 * in the enum of the edited service file. This spec judges where and how the entry is written; that the
 * member is quicktype's is judged in test/ui/typescript-types.ui.test.ts, by the UI's own quicktype.
 */
function uiMember(root: string, profile: OpenMetadataProfile): string {
  const { definitionPrefix, typeValue } = openMetadataNames(profile);
  const service = JSON.parse(read(root, `${SERVICES_DIR}/${profile.serviceType}Service.json`)) as { definitions: Record<string, { enum: string[] }> };
  const member = quicktypeEnumMember(`${definitionPrefix}ServiceType`, service.definitions[`${definitionPrefix}ServiceType`]!.enum, typeValue);
  if (member instanceof Error) throw member;
  return member;
}

/** What the bin printed: the log goes to stderr. */
const printed = (run: { stdout: string; stderr: string }): string => run.stdout + run.stderr;

describe('OpenMetadata generator: registration in the UI (TypeScript) and the connection guide', function () {
  this.timeout(120_000);

  before(function () {
    requireFixtures(this, `openmetadata/${UTILS}/ServiceIconUtils.ts`);
  });

  for (const c of PER_SERVICE_TYPE) {
    for (const release of OPENMETADATA_RELEASES) {
      const serviceType = String(c.options.serviceType);
      describe(`${serviceType} (${c.id}), OpenMetadata ${release}`, function () {
        const serviceUtils = `${UI_SRC}/${releaseFacts(release).serviceTypes[serviceType as OpenMetadataProfile['serviceType']].ui.serviceUtils}`;
        const docsNotes = typeof c.options.docsNotes === 'string' ? c.options.docsNotes : NOTES;
        const options = { ...c.options, openmetadataVersion: release, docsNotes };
        let root = '';
        let profile: OpenMetadataProfile;
        const originals = new Map<string, string>();

        before(async function () {
          root = uiCheckout();
          for (const file of [serviceUtils, ICONS, CLASS_BASE]) originals.set(file, read(root, file));
          await runGenerator('openmetadata', options, { cwd: root });
          profile = storedProfileIn(root, 'openmetadata', String(c.options.name)) as OpenMetadataProfile;
        });

        it(`adds the loader of the connection schema to ${path.basename(serviceUtils)}: exactly its lines, at the end of the map`, function () {
          const names = openMetadataNames(profile);
          const original = originals.get(serviceUtils)!;
          const { block, at } = insertedBlock(original, read(root, serviceUtils));
          assert.deepEqual(block, expectedLoader(original, serviceType, uiMember(root, profile), `${names.stem}Connection.json`));
          assert.equal(read(root, serviceUtils).split('\n')[at + block.length]!.trim(), '};', 'the entry is not the last of the map');
        });

        it("maps the icon key to the category default's icon in ServiceIconUtils.ts: one line", function () {
          const { iconFallbackKey } = releaseFacts(release).serviceTypes[profile.serviceType].ui;
          const original = originals.get(ICONS)!;
          const fallback = new RegExp(`^  ${iconFallbackKey}: (\\w+),$`, 'm').exec(original)![1]!;
          const { block } = insertedBlock(original, read(root, ICONS));
          assert.deepEqual(block, [`  ${openMetadataNames(profile).typeValue.toLowerCase()}: ${fallback},`]);
        });

        it('leaves ServiceUtilClassBase.ts as it was: unSupportedServices does not list the type', function () {
          assert.equal(read(root, CLASS_BASE), originals.get(CLASS_BASE));
        });

        it('the edited files type-check in isolation, their imports stubbed (the enums as registered)', function () {
          const rel = (file: string): string => path.posix.relative(UI_SRC, file);
          const edited = [serviceUtils, ICONS].map((file) => ({ rel: rel(file), text: read(root, file) }));
          const before = [serviceUtils, ICONS].map((file) => ({ rel: rel(file), text: originals.get(file)! }));
          assert.deepEqual(typeCheckInIsolation(edited, before, [uiMember(root, profile)]), []);
        });

        it('writes the connection guide: one section per field of the form, titled and described as the schema has it', function () {
          const schema = JSON.parse(read(root, openMetadataFile(profile, FILES.connectionSchema))) as GuideSchema;
          const guide = read(root, openMetadataFile(profile, FILES.connectionGuide));
          assert.equal(
            openMetadataFile(profile, FILES.connectionGuide),
            `openmetadata-ui/src/main/resources/ui/public/locales/en-US/${releaseFacts(release).serviceTypes[profile.serviceType].ui.docsFolder}/${openMetadataNames(profile).typeValue}.md`,
          );
          assert.deepEqual(guideProblems(schema, guide), []);
        });

        it('puts the docs notes in the guide as its requirements, each line a paragraph of its own text', function () {
          const guide = read(root, openMetadataFile(profile, FILES.connectionGuide));
          const requirements = guide.slice(guide.indexOf('## Requirements'), guide.indexOf('## Connection Details'));
          const paragraphs = visibleBlocks(requirements)
            .filter((b) => b.kind === 'paragraph_open')
            .map((b) => b.text);
          const lines = docsNotes
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean);
          assert.deepEqual(paragraphs, lines);
          // a line of the notes never opens or closes a block of the UI's own Markdown
          assert.ok(!/^\$\$/m.test(requirements), requirements);
        });

        it('a second run finds every edit present and changes nothing', async function () {
          const snapshot = snapshotTree(root);
          await runGenerator('openmetadata', options, { cwd: root });
          assert.ok(isEmptyDiff(diffTrees(snapshot, snapshotTree(root))), JSON.stringify(diffTrees(snapshot, snapshotTree(root))));
        });
      });
    }
  }

  it('the hostile case keeps its notes text: no heading, no code block in the guide', async function () {
    const c = CASES.find((x) => x.options.docsNotes === HOSTILE.docsNotes)!;
    const root = uiCheckout();
    await runGenerator('openmetadata', c.options, { cwd: root });
    const profile = storedProfileIn(root, 'openmetadata', String(c.options.name)) as OpenMetadataProfile;
    const blocks = visibleBlocks(read(root, openMetadataFile(profile, FILES.connectionGuide)));
    assert.ok(!blocks.some((b) => b.kind === 'fence' || (b.kind === 'heading_open' && b.text.includes('Not a heading'))), JSON.stringify(blocks));
  });

  describe('a UI file of another shape is skipped with the reason, written nothing, and left to do in the brief', function () {
    const dashboardUtils = `${UTILS}/DashboardServiceUtils.ts`;
    const shapes: Array<{ what: string; file: string; text: (original: string) => string; reason: RegExp }> = [
      {
        what: 'the older switch instead of a loader map',
        file: dashboardUtils,
        text: () =>
          "import { DashboardServiceType } from '../generated/entity/services/dashboardService';\n" +
          "import lookerConnection from '../jsons/connectionSchemas/connections/dashboard/lookerConnection.json';\n\n" +
          'export const getDashboardConfig = (type: DashboardServiceType) => {\n  let schema = {};\n  switch (type) {\n    case DashboardServiceType.Looker: {\n      schema = lookerConnection;\n\n      break;\n    }\n  }\n\n  return schema;\n};\n',
        reason: /DashboardServiceUtils\.ts maps service types to schemas with a switch/,
      },
      {
        what: 'a file that does not parse',
        file: dashboardUtils,
        text: (original) => original.replace('const dashboardSchemaLoaders', 'const dashboardSchemaLoaders = = '),
        reason: /DashboardServiceUtils\.ts: it does not parse/,
      },
      {
        what: 'an icon map without the category default key',
        file: ICONS,
        text: (original) => original.replace(/^ {2}dashboardservice: dashboarddefault,\n/m, ''),
        reason: /ServiceIconUtils\.ts has no icon map with a dashboardservice key/,
      },
      {
        what: 'unSupportedServices listing the type',
        file: CLASS_BASE,
        text: (original) =>
          original.replace('  unSupportedServices: string[] = [\n', '  unSupportedServices: string[] = [\n    DashboardServiceType.OddBoard,\n'),
        reason: /ServiceUtilClassBase\.ts lists OddBoard in unSupportedServices/,
      },
    ];
    for (const shape of shapes) {
      it(shape.what, function () {
        const root = uiCheckout();
        const odd = shape.text(read(root, shape.file));
        assert.notEqual(odd, read(root, shape.file), 'the test did not change the file');
        writeFileSync(path.join(root, shape.file), odd);
        const run = runBin(['openmetadata', '--name', 'odd_board', '--service-type', 'dashboard'], { cwd: root });
        assert.equal(run.status, 0, run.stderr);
        const skippedLine = printed(run)
          .split('\n')
          .find((l) => l.includes(`${shape.file}: skipped`));
        assert.ok(skippedLine && shape.reason.test(skippedLine), printed(run));
        assert.equal(read(root, shape.file), odd, 'the file was written');
        const brief = read(root, 'ingestion/src/metadata/ingestion/source/dashboard/oddboard/CONNECTOR_CONTEXT.md');
        const left = brief.slice(brief.indexOf('Left to do'), brief.indexOf('## Code generation'));
        assert.match(left, new RegExp(`- \\[ \\] ${shape.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: skipped`), left);
      });
    }

    it('a checkout without the UI files: each UI edit is skipped as not found, nothing is created', async function () {
      const root = seedCheckout('openmetadata', tempDir('connector-om-no-ui-'));
      const run = runBin(['openmetadata', '--name', 'odd_board', '--service-type', 'dashboard', '--dry-run'], { cwd: root });
      assert.equal(run.status, 0, run.stderr);
      for (const file of [dashboardUtils, ICONS, CLASS_BASE])
        assert.match(printed(run), new RegExp(`register +${file.replace(/[.]/g, '\\.')}: skipped .*not found in the checkout`), printed(run));
      await runGenerator('openmetadata', { name: 'odd_board', serviceType: 'dashboard' }, { cwd: root });
      assert.deepEqual(
        [...snapshotTree(root).keys()].filter((f) => f.startsWith(`${UI_SRC}/`)),
        [],
      );
    });
  });

  it('the dry run lists every TypeScript edit and writes none', function () {
    const root = uiCheckout();
    const before = snapshotTree(root);
    const run = runBin(['openmetadata', '--name', 'bi_tool', '--service-type', 'dashboard', '--dry-run'], { cwd: root });
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      printed(run),
      /register +openmetadata-ui\/src\/main\/resources\/ui\/src\/utils\/DashboardServiceUtils\.ts: added the loader of connections\/dashboard\/biToolConnection\.json for BITool/,
    );
    assert.match(printed(run), /register +openmetadata-ui\/src\/main\/resources\/ui\/src\/utils\/ServiceIconUtils\.ts: added the icon of bitool/);
    assert.ok(isEmptyDiff(diffTrees(before, snapshotTree(root))));
  });
});
