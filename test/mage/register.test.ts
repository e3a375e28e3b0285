/**
 * Registration in a mage-ai checkout: runs in copies of the small host in
 * test/fixtures/mage-host (from a subfolder), line diffs of every host file,
 * re-runs, broken and missing host files, and the text edits one by one.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { withDefaults } from '../../core/profile/compose.js';
import { mageSpec, type MageProfile } from '../../generators/mage/profile/spec.js';
import type { TextEdit } from '../../core/registration.js';
import { MAGE_FACTS } from '../../generators/mage/facts/index.js';
import { addToSourceList } from '../../generators/mage/register/constants.js';
import { addDocsPage } from '../../generators/mage/register/docs-navigation.js';
import { registrations } from '../../generators/mage/register/index.js';
import { addOverviewBullet } from '../../generators/mage/register/overview.js';
import { addRequirement } from '../../generators/mage/register/requirements.js';
import { MAGE_HOST_FIXTURE, seedCheckout } from '../support/checkouts.js';
import { skipWithReason } from '../support/fixtures.js';
import { diffTrees, isEmptyDiff, runBin, runGenerator, snapshotTree, tempDir } from '../support/generate.js';
import { flake8Errors, missingPythonTools, pythonModules } from '../support/python.js';

const {
  constants: CONSTANTS_FILE,
  docsNavigation: DOCS_JSON,
  olderDocsNavigation: DOCS_MINT_JSON,
  overview: OVERVIEW_FILE,
  requirements: REQUIREMENTS_FILE,
} = MAGE_FACTS.paths;
const HOST_FILES = [CONSTANTS_FILE, DOCS_JSON, OVERVIEW_FILE, REQUIREMENTS_FILE];

const fixture = (file: string): string => readFileSync(path.join(MAGE_HOST_FIXTURE, file), 'utf8');
const readIn = (dir: string, file: string): string => readFileSync(path.join(dir, file), 'utf8');

/** Lines of `after` that are not in `before`, when `after` is `before` with lines inserted; throws on any other change. */
function insertedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const inserted: string[] = [];
  let i = 0;
  for (const line of b) {
    if (i < a.length && a[i] === line) i += 1;
    else inserted.push(line);
  }
  assert.equal(i, a.length, `lines of the original were changed or removed:\n${a.slice(i, i + 3).join('\n')}`);
  return inserted;
}

const profileOf = (options: Record<string, unknown>): MageProfile => withDefaults(mageSpec, options) as unknown as MageProfile;

/** Every `dict(...)` entry of a list in constants.py as Python sees it: [{name, uuid, module_name}]. */
function pythonEntries(file: string, list: string): Array<Record<string, unknown>> {
  const module = pythonModules(path.dirname(file), [path.basename(file)])[path.basename(file)];
  return module?.dictCalls[list] ?? [];
}

describe('mage registration in a checkout', function () {
  const api = { name: 'acme_crm', displayName: 'Acme CRM', connectorType: 'api', streams: ['orders'], pipPackages: ['requests-oauthlib==1.3.1', 'backoff>=2'] };
  let dir: string;

  before(async function () {
    this.timeout(60_000);
    dir = seedCheckout('mage', tempDir('connector-mage-register-'));
    await runGenerator('mage', api, { cwd: path.join(dir, 'docs', 'data-integrations') });
  });

  it('adds exactly the expected lines to each host file, every other line byte-identical', function () {
    const constants = insertedLines(fixture(CONSTANTS_FILE), readIn(dir, CONSTANTS_FILE));
    assert.deepEqual(constants, ["    dict(name='Acme CRM', uuid='acme_crm', module_name='AcmeCrm'),"]);
    const docs = insertedLines(fixture(DOCS_JSON), readIn(dir, DOCS_JSON));
    assert.deepEqual(docs, ['                      "data-integrations/sources/acme_crm",']);
    const overview = insertedLines(fixture(OVERVIEW_FILE), readIn(dir, OVERVIEW_FILE));
    assert.deepEqual(overview, ['- [Acme CRM](/data-integrations/sources/acme_crm)']);
    // backoff is already listed (unpinned): present, not added twice
    const requirements = insertedLines(fixture(REQUIREMENTS_FILE), readIn(dir, REQUIREMENTS_FILE));
    assert.deepEqual(requirements, ['requests-oauthlib==1.3.1']);
  });

  it('puts each entry in order: sorted SOURCES, the Sources group of the docs (not the Pro one), the available sources list, requirements', function () {
    const sources = pythonEntries(path.join(dir, CONSTANTS_FILE), 'SOURCES').map((e) => String(e.name));
    assert.deepEqual(sources, [...sources].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    const docs = JSON.parse(readIn(dir, DOCS_JSON)) as { navigation: { tabs: Array<{ tab: string; groups: unknown[] }> } };
    const text = JSON.stringify(docs.navigation.tabs.find((t) => t.tab === 'Documentation'));
    assert.ok(text.includes('"data-integrations/sources/acme_crm"'), 'in the Documentation tab');
    assert.ok(!JSON.stringify(docs.navigation.tabs.find((t) => t.tab === 'Mage Pro')).includes('acme_crm'), 'not in the Pro group');
    const pages = text.match(/"data-integrations\/sources\/[a-z0-9_]+"/g)!.map((p) => JSON.parse(p) as string);
    assert.equal(pages[0], 'data-integrations/sources/overview');
    assert.deepEqual(pages.slice(1), [...pages.slice(1)].sort());
    // requirements-txt-fixer's order: the lowercased line up to ; or a space, cut at the version comparison
    const reqs = readIn(dir, REQUIREMENTS_FILE).split('\n').filter(Boolean).map((l) => l.toLowerCase().split(/[;\s]/)[0]!.split(/={2,3}|!=|~=|>=?|<=?/)[0]!);
    assert.deepEqual(reqs, [...reqs].sort());
  });

  it('the edited constants.py is valid Python that flake8 (100 columns) accepts', function () {
    const missing = missingPythonTools('flake8');
    if (missing.length > 0) skipWithReason(this, 'flake8 not installed');
    assert.deepEqual(flake8Errors(dir, [CONSTANTS_FILE], 100), []);
  });

  it('the brief lists what was registered and what is left', function () {
    const brief = readIn(dir, 'mage_integrations/mage_integrations/sources/acme_crm/CONNECTOR_CONTEXT.md');
    const section = brief.slice(brief.indexOf('## Registration'), brief.indexOf('## Run it locally'));
    for (const file of HOST_FILES) assert.ok(section.includes(`- ${file}: `), `${file} in the registration section`);
    assert.match(section, /pip install -r mage_integrations\/requirements\.txt/);
  });

  it('a second run from another subfolder changes nothing and reports every edit present', function () {
    const before = snapshotTree(dir);
    const result = runBin(['mage', '--name', 'acme_crm'], { cwd: path.join(dir, 'mage_integrations') });
    const first = `${result.stdout}\n${result.stderr}`;
    assert.equal(result.status, 0, first);
    assert.ok(isEmptyDiff(diffTrees(before, snapshotTree(dir))), JSON.stringify(diffTrees(before, snapshotTree(dir))));
    assert.equal((first.match(/already present/g) ?? []).length, 5, first);
  });
});

describe('mage registration of a SQL source', function () {
  let dir: string;
  const options = { name: 'acme_db', displayName: 'Acme DB', connectorType: 'sql', pipPackages: ['clickhouse-driver==0.2.9'] };

  before(async function () {
    dir = seedCheckout('mage', tempDir('connector-mage-register-sql-'));
    await runGenerator('mage', options, { cwd: dir });
  });

  it('adds the source to SQL_SOURCES only, since SOURCES already includes SQL_SOURCES', function () {
    const sql = pythonEntries(path.join(dir, CONSTANTS_FILE), 'SQL_SOURCES');
    assert.deepEqual(sql.filter((e) => e.uuid === 'acme_db'), [{ name: 'Acme DB', uuid: 'acme_db', module_name: 'AcmeDb' }]);
    const direct = readIn(dir, CONSTANTS_FILE).split('SQL_SOURCES_MAPPING')[1]!;
    assert.ok(!direct.includes('acme_db'), 'not added to SOURCES a second time');
    assert.deepEqual(insertedLines(fixture(CONSTANTS_FILE), readIn(dir, CONSTANTS_FILE)), [
      "    dict(name='Acme DB', uuid='acme_db', module_name='AcmeDb'),",
    ]);
  });

  it('adds the driver to requirements.txt in order', function () {
    assert.deepEqual(insertedLines(fixture(REQUIREMENTS_FILE), readIn(dir, REQUIREMENTS_FILE)), ['clickhouse-driver==0.2.9']);
  });

  it('refuses a name whose source folder exists but was not generated here', function () {
    const result = runBin(['mage', '--name', 'stripe', '--connector-type', 'api'], { cwd: dir });
    assert.notEqual(result.status, 0);
    assert.match(result.stderr + result.stdout, /--name: a source stripe already exists in this checkout/);
  });
});

/** The line just before `line` in `text`. */
const lineBefore = (text: string, line: string): string | undefined => {
  const lines = text.split('\n');
  return lines[lines.indexOf(line) - 1];
};

describe('mage registration with broken or missing host files', function () {
  let dir: string;
  let output: string;

  before(function () {
    dir = seedCheckout('mage', tempDir('connector-mage-register-broken-'));
    writeFileSync(path.join(dir, DOCS_JSON), '{ "navigation": [ broken');
    rmSync(path.join(dir, OVERVIEW_FILE));
    const result = runBin(['mage', '--name', 'acme_crm', '--connector-type', 'api'], { cwd: path.join(dir, 'docs') });
    output = `${result.stdout}\n${result.stderr}`;
    assert.equal(result.status, 0, output);
  });

  it('skips each broken or missing file with a reason, and leaves it as it was', function () {
    assert.match(output, /docs\/docs\.json: skipped .* \(not valid JSON/);
    assert.match(output, /docs\/data-integrations\/overview\.mdx: skipped .* \(docs\/data-integrations\/overview\.mdx not found in the checkout\)/);
    assert.equal(readIn(dir, DOCS_JSON), '{ "navigation": [ broken');
    assert.ok(!existsSync(path.join(dir, OVERVIEW_FILE)));
  });

  it('still makes the other edits and writes the source', function () {
    assert.deepEqual(insertedLines(fixture(CONSTANTS_FILE), readIn(dir, CONSTANTS_FILE)), [
      "    dict(name='Acme Crm', uuid='acme_crm'),",
    ]);
    assert.ok(existsSync(path.join(dir, 'mage_integrations/mage_integrations/sources/acme_crm/__init__.py')));
    assert.ok(existsSync(path.join(dir, 'docs/data-integrations/sources/acme_crm.mdx')));
  });

  it('lists the skipped edits as left to do in the brief', function () {
    const brief = readIn(dir, 'mage_integrations/mage_integrations/sources/acme_crm/CONNECTOR_CONTEXT.md');
    const left = brief.slice(brief.indexOf('Left to do:'), brief.indexOf('## Run it locally'));
    assert.match(left, /- \[ \] docs\/docs\.json: skipped/);
    assert.match(left, /- \[ \] docs\/data-integrations\/overview\.mdx: skipped/);
  });
});

describe('mage registration in an older checkout (docs/mint.json, tab-indented)', function () {
  it('adds the page to the Sources group of docs/mint.json, keeping the tabs', function () {
    const dir = seedCheckout('mage', tempDir('connector-mage-mint-'));
    rmSync(path.join(dir, DOCS_JSON));
    const mint = '{\n\t"navigation": [{\n\t\t"group": "Sources",\n\t\t"pages": [\n\t\t\t"data-integrations/sources/overview",\n\t\t\t"data-integrations/sources/postgresql"\n\t\t]\n\t}]\n}\n';
    writeFileSync(path.join(dir, DOCS_MINT_JSON), mint);
    const report = registrations(profileOf({ name: 'acme_crm', connectorType: 'api' }), dir);
    const edit = report.edits.find((e) => e.file === DOCS_MINT_JSON)!;
    assert.equal(edit.outcome, 'added');
    assert.deepEqual(insertedLines(mint, edit.contents!), ['\t\t\t"data-integrations/sources/acme_crm",']);
    assert.ok(!report.edits.some((e) => e.file === DOCS_JSON));
  });
});

describe('mage generator outside a checkout', function () {
  it('writes the same tree under the current folder, registers nothing and says so', function () {
    const dir = tempDir('connector-mage-outside-');
    const result = runBin(['mage', '--name', 'lonely_api', '--connector-type', 'api'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout + result.stderr, /Registration skipped/);
    assert.ok(existsSync(path.join(dir, 'mage_integrations/mage_integrations/sources/lonely_api/__init__.py')));
    for (const file of HOST_FILES) assert.ok(!existsSync(path.join(dir, file)), `${file} not created`);
    const brief = readIn(dir, 'mage_integrations/mage_integrations/sources/lonely_api/CONNECTOR_CONTEXT.md');
    for (const file of [CONSTANTS_FILE, DOCS_JSON, OVERVIEW_FILE]) {
      assert.ok(brief.split('\n').some((l) => l.startsWith(`- [ ] ${file}`) && l.includes(': add ')), `manual step for ${file}`);
    }
    // The tree it wrote has mage_integrations/mage_integrations/sources/, but it is no checkout: a re-run from below does the same.
    const before = snapshotTree(dir);
    const again = runBin(['mage', '--name', 'lonely_api'], { cwd: path.join(dir, 'mage_integrations', 'mage_integrations') });
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout + again.stderr, /Registration skipped/);
    assert.ok(isEmptyDiff(diffTrees(before, snapshotTree(dir))), JSON.stringify(diffTrees(before, snapshotTree(dir))));
  });
});

describe('mage registration text edits', function () {
  const acme = { name: 'acme_crm', displayName: 'Acme CRM' };
  const contents = (edit: TextEdit): string => {
    assert.equal(edit.outcome, 'added', JSON.stringify(edit));
    return (edit as { contents: string }).contents;
  };

  it('constants.py: an existing uuid (explicit or derived from the name) is present, not added again', function () {
    const text = fixture(CONSTANTS_FILE);
    assert.equal(addToSourceList(text, 'SQL_SOURCES', { name: 'mssql', displayName: 'SQL Server' }).outcome, 'present');
    assert.equal(addToSourceList(text, 'SOURCES', { name: 'google_sheets', displayName: 'Sheets' }).outcome, 'present');
    const once = contents(addToSourceList(text, 'SOURCES', acme));
    assert.equal(addToSourceList(once, 'SOURCES', acme).outcome, 'present');
  });

  it('constants.py: a display name with quotes and backslashes stays one Python string; long entries go one keyword per line', function () {
    const name = `O'Brien "Data" \\ Hub ${'x'.repeat(60)}`;
    const edited = contents(addToSourceList(fixture(CONSTANTS_FILE), 'SOURCES', { name: 'obrien', displayName: name }));
    const dir = tempDir('connector-mage-constants-');
    writeFileSync(path.join(dir, 'constants.py'), edited);
    assert.deepEqual(pythonEntries(path.join(dir, 'constants.py'), 'SOURCES').filter((e) => e.uuid === 'obrien'), [
      { name, uuid: 'obrien', module_name: 'Obrien' },
    ]);
    assert.ok(edited.split('\n').every((line) => line.length <= 100));
    if (missingPythonTools('flake8').length === 0) assert.deepEqual(flake8Errors(dir, ['constants.py'], 100), []);
  });

  it('constants.py: appends after the last entry (adding its missing comma), fills an empty list, skips odd shapes', function () {
    const noComma = "SOURCES = [\n    dict(name='Api')\n]\n";
    assert.equal(contents(addToSourceList(noComma, 'SOURCES', { name: 'zoo', displayName: 'Zoo' })), "SOURCES = [\n    dict(name='Api'),\n    dict(name='Zoo', uuid='zoo'),\n]\n");
    assert.equal(contents(addToSourceList('SOURCES = []\n', 'SOURCES', { name: 'zoo', displayName: 'Zoo' })), "SOURCES = [\n    dict(name='Zoo', uuid='zoo'),\n]\n");
    assert.equal(addToSourceList("SOURCES = [dict(name='A'), dict(name='B')]\n", 'SOURCES', acme).outcome, 'skipped');
    assert.equal(addToSourceList("SOURCES = [\n    'a',\n]\n", 'SOURCES', acme).outcome, 'skipped');
    assert.equal(addToSourceList('OTHER = []\n', 'SOURCES', acme).outcome, 'skipped');
  });

  it('constants.py: a SQL source goes into SOURCES too when SOURCES does not include SQL_SOURCES', function () {
    const dir = seedCheckout('mage', tempDir('connector-mage-plain-sources-'));
    writeFileSync(path.join(dir, CONSTANTS_FILE), "SQL_SOURCES = [\n    dict(name='MySQL'),\n]\n\nSOURCES = [\n    dict(name='Api'),\n]\n");
    const report = registrations(profileOf({ name: 'acme_db', displayName: 'Acme DB', connectorType: 'sql' }), dir);
    const constants = report.edits.filter((e) => e.file === CONSTANTS_FILE);
    assert.deepEqual(constants.map((e) => [e.outcome, e.change.split(' in ')[1]]), [['added', 'SQL_SOURCES'], ['added', 'SOURCES']]);
    const final = constants[1]!.contents!;
    assert.equal(final, "SQL_SOURCES = [\n    dict(name='Acme DB', uuid='acme_db', module_name='AcmeDb'),\n    dict(name='MySQL'),\n]\n\nSOURCES = [\n    dict(name='Acme DB', uuid='acme_db', module_name='AcmeDb'),\n    dict(name='Api'),\n]\n");
  });

  it('docs.json: appends as the last page with a comma on the page before, keeps CRLF, skips pages not one per line', function () {
    const text = '{\r\n  "group": "Sources",\r\n  "pages": [\r\n    "data-integrations/sources/overview",\r\n    "data-integrations/sources/api"\r\n  ]\r\n}\r\n';
    const edited = contents(addDocsPage(text, 'data-integrations/sources/zoo'));
    assert.deepEqual((JSON.parse(edited) as { pages: string[] }).pages, ['data-integrations/sources/overview', 'data-integrations/sources/api', 'data-integrations/sources/zoo']);
    assert.ok(!/[^\r]\n/.test(edited), 'CRLF kept');
    assert.equal(addDocsPage('{"group": "Sources", "pages": ["data-integrations/sources/a", "data-integrations/sources/b"]}', 'data-integrations/sources/c').outcome, 'skipped');
    assert.equal(addDocsPage('{"navigation": []}', 'data-integrations/sources/c').outcome, 'skipped');
    assert.equal(addDocsPage(edited, 'data-integrations/sources/zoo').outcome, 'present');
  });

  it('overview.mdx: present when the list already links the source (docs page or README), skipped without the heading', function () {
    const text = fixture(OVERVIEW_FILE);
    assert.equal(addOverviewBullet(text, { name: 'stripe', displayName: 'Stripe' }).outcome, 'present');
    const once = contents(addOverviewBullet(text, { name: 'zulu', displayName: 'Zulu' }));
    const lines = once.split('\n');
    assert.equal(lines[lines.indexOf('- [Zulu](/data-integrations/sources/zulu)') + 1], '- _Shopify (coming soon)_', 'before the coming-soon items');
    assert.equal(addOverviewBullet(once, { name: 'zulu', displayName: 'Zulu' }).outcome, 'present');
    assert.equal(addOverviewBullet('# Overview\n\nNo list here.\n', acme).outcome, 'skipped');
    const escaped = contents(addOverviewBullet(text, { name: 'odd', displayName: 'A [link](x) *b*' }));
    assert.ok(escaped.includes('- [A \\[link\\](x) \\*b\\*](/data-integrations/sources/odd)'), escaped);
  });

  it("requirements.txt: in requirements-txt-fixer's order (extras and separators count), present whatever the pin or spelling, appended with a newline", function () {
    const original = fixture(REQUIREMENTS_FILE);
    assert.equal(lineBefore(contents(addRequirement(original, 'psycopg[binary]==3.1.18')), 'psycopg[binary]==3.1.18'), 'psycopg2-binary==2.9.3');
    assert.equal(lineBefore(contents(addRequirement(original, 'requests-oauthlib==1.3.1')), 'requests-oauthlib==1.3.1'), 'requests~=2.31.0');
    const text = fixture(REQUIREMENTS_FILE);
    const present = addRequirement(text, 'Requests_Mock>=2');
    assert.deepEqual(present, { outcome: 'present', listedAs: 'requests_mock==1.10.0' });
    assert.deepEqual(insertedLines(text, contents(addRequirement(text, 'PyMySQL==1.1.0'))), ['PyMySQL==1.1.0']);
    const edited = contents(addRequirement(text, 'zzz-last==1'));
    assert.ok(edited.endsWith('zenpy==2.0.25\nzzz-last==1\n'));
    assert.equal(contents(addRequirement('a==1', 'b==2')), 'a==1\nb==2\n');
  });
});
