/**
 * The Mage generator over a matrix of profiles: every connector type with one
 * and several streams, every API auth type alone and combined, the longest
 * names the profile allows, and free text full of quotes and Markdown. Each
 * case is generated once (into its own copy of the small mage-ai host, run
 * from a subfolder); the checks parse, lint, compile and resolve what came out.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { testModuleName } from '../../core/profile/names.js';
import { mageNames } from '../../generators/mage/profile/spec.js';
import { listFiles } from '../support/files.js';
import { requireFixtures } from '../support/fixtures.js';
import { tempDir } from '../support/generate.js';
import {
  blackCheck,
  compileErrors,
  flake8Errors,
  isortCheck,
  missingPythonTools,
  pythonClasses,
  pythonFunctions,
  pythonImports,
  pythonModules,
  pythonPrints,
  pythonStdlib,
  unusedImports,
  type PyModule,
} from '../support/python.js';
import { skipWithReason } from '../support/fixtures.js';
import {
  blackMageConfigCheck,
  generateCase,
  readManifest,
  requireMageTools,
  runPython,
  selectedColumns,
  mageTree,
  tableKeys,
  type GeneratedCase,
} from './support.js';
import { CASES } from './matrix.js';
import { parseMarkdown } from '../support/markdown.js';

interface Batch {
  root: string;
  cases: GeneratedCase[];
  /** every generated .py file, relative to root */
  py: string[];
  modules: Record<string, PyModule>;
}

const SOURCE = (c: GeneratedCase): string => `${c.id}/mage_integrations/mage_integrations/sources/${c.profile.name}`;
const CONNECTION = (c: GeneratedCase): string => `${c.id}/mage_integrations/mage_integrations/connections/${c.profile.name}`;
const TESTS = (c: GeneratedCase): string => `${c.id}/mage_integrations/mage_integrations/tests/sources/${c.profile.name}`;
const DOCS = (c: GeneratedCase): string => `${c.id}/docs/data-integrations/sources/${c.profile.name}.mdx`;
const ownFile =
  (c: GeneratedCase) =>
  (file: string): boolean =>
    [SOURCE(c), CONNECTION(c), TESTS(c)].some((folder) => file.startsWith(`${folder}/`));

const read = (batch: Batch, rel: string): string => readFileSync(path.join(batch.root, rel), 'utf8');

describe('mage generator: the matrix of generated sources', function () {
  const batch: Batch = { root: '', cases: [], py: [], modules: {} };

  before(async function () {
    this.timeout(180_000);
    batch.root = tempDir('connector-mage-matrix-');
    for (const c of CASES) batch.cases.push(await generateCase(batch.root, c));
    batch.py = listFiles(batch.root, { ext: '.py' }).filter((f) => batch.cases.some((c) => ownFile(c)(f)));
    const all = listFiles(batch.root);
    for (const c of batch.cases) c.files = all.filter((f) => f.startsWith(`${c.id}/`));
    batch.modules = pythonModules(batch.root, batch.py);
  });

  it('generates the files of each connector type, and only those', function () {
    for (const c of batch.cases) {
      const own = c.files.filter(ownFile(c)).map((f) => f.slice(c.id.length + 1));
      const src = `mage_integrations/mage_integrations/sources/${c.profile.name}`;
      const has = (rel: string): boolean => own.includes(rel);
      assert.ok(has(`${src}/__init__.py`) && has(`${src}/README.md`) && has(`${src}/templates/config.json`), c.id);
      assert.ok(has(`${src}/CONNECTOR_CONTEXT.md`), `${c.id}: brief`);
      assert.ok(has(`mage_integrations/mage_integrations/tests/sources/${c.profile.name}/__init__.py`), c.id);
      assert.ok(has(`mage_integrations/mage_integrations/tests/sources/${c.profile.name}/${testModuleName(c.profile.name)}.py`), c.id);
      assert.ok(c.files.includes(DOCS(c)), `${c.id}: docs page`);
      const type = c.profile.connectorType;
      assert.equal(has(`mage_integrations/mage_integrations/connections/${c.profile.name}/__init__.py`), type === 'sql', `${c.id}: connection`);
      assert.equal(has(`${src}/client.py`), type === 'api', `${c.id}: client`);
      assert.equal(
        own.some((f) => f.startsWith(`${src}/streams/`)),
        type === 'api',
        `${c.id}: streams`,
      );
      assert.equal(
        own.some((f) => f.startsWith(`${src}/schemas/`)),
        type !== 'sql',
        `${c.id}: schemas`,
      );
    }
  });

  it('every generated .py file compiles', function () {
    assert.deepEqual(compileErrors(batch.root, batch.py), []);
  });

  it('every generated .py file passes flake8 --max-line-length 100', function () {
    const missing = missingPythonTools('flake8');
    if (missing.length > 0) skipWithReason(this, `${missing.join(', ')} not installed`);
    assert.deepEqual(flake8Errors(batch.root, batch.py, 100), []);
  });

  it('isort --profile black leaves every import block as it is', function () {
    const missing = missingPythonTools('isort');
    if (missing.length > 0) skipWithReason(this, `${missing.join(', ')} not installed`);
    assert.deepEqual(isortCheck(batch.root, batch.py), []);
  });

  it("black leaves every file as it is: default settings, and mage-ai's (line length 100, string normalization off)", function () {
    const missing = missingPythonTools('black');
    if (missing.length > 0) skipWithReason(this, `${missing.join(', ')} not installed`);
    assert.deepEqual(blackCheck(batch.root, batch.py), []);
    assert.deepEqual(blackMageConfigCheck(batch.root, batch.py), []);
  });

  it('has no unused imports and no print()', function () {
    const missing = missingPythonTools('pyflakes');
    if (missing.length > 0) skipWithReason(this, `${missing.join(', ')} not installed`);
    assert.deepEqual(unusedImports(batch.root, batch.py), []);
    assert.deepEqual(pythonPrints(batch.root, batch.py), []);
  });

  it('imports only the standard library and mage_integrations names that exist (import manifest or generated package)', function () {
    requireFixtures(this, 'mage/import-manifest.json');
    const manifest = readManifest()!;
    const stdlib = new Set(pythonStdlib().modules);
    const problems: string[] = [];
    const moduleFile = (module: string, c: GeneratedCase): string | undefined => {
      const base = `${c.id}/${module.split('.')[0]}/${module.replace(/\./g, '/')}`;
      return [`${base}.py`, `${base}/__init__.py`].find((f) => batch.py.includes(f));
    };
    for (const imp of pythonImports(batch.root, batch.py)) {
      const c = batch.cases.find((k) => imp.file.startsWith(`${k.id}/`))!;
      const where = `${imp.file}:${imp.line}`;
      if (imp.level > 0) {
        const packageDir = path.posix
          .dirname(imp.file)
          .split('/')
          .slice(0, imp.level > 1 ? -(imp.level - 1) : undefined)
          .join('/');
        const base = imp.module ? `${packageDir}/${imp.module.replace(/\./g, '/')}` : packageDir;
        const target = [`${base}.py`, `${base}/__init__.py`].find((f) => batch.py.includes(f));
        if (!target) problems.push(`${where}: relative module .${imp.module} is not a generated file`);
        else
          for (const name of imp.names) if (!batch.modules[target]?.defined.includes(name)) problems.push(`${where}: ${target} defines no ${name}`);
        continue;
      }
      const top = imp.module.split('.')[0]!;
      if (top !== 'mage_integrations') {
        if (!stdlib.has(top)) problems.push(`${where}: ${imp.module} is neither the standard library nor mage_integrations`);
        continue;
      }
      const own = [`mage_integrations.sources.${c.profile.name}`, `mage_integrations.connections.${c.profile.name}`];
      if (own.some((p) => imp.module === p || imp.module.startsWith(`${p}.`))) {
        const target = moduleFile(imp.module, c);
        if (!target) problems.push(`${where}: ${imp.module} is not a generated module`);
        else
          for (const name of imp.names)
            if (!batch.modules[target]?.defined.includes(name)) problems.push(`${where}: ${imp.module} defines no ${name}`);
        continue;
      }
      const names = manifest.modules[imp.module];
      if (!names) problems.push(`${where}: ${imp.module} is not in the import manifest`);
      else for (const name of imp.names) if (!names.includes(name)) problems.push(`${where}: ${imp.module} has no top-level ${name}`);
    }
    assert.deepEqual(problems, []);
  });

  it("each source's __init__.py ends with the __main__ guard calling main(<Class>), main from mage_integrations.sources.base", function () {
    const imports = pythonImports(batch.root, batch.py);
    for (const c of batch.cases) {
      const init = `${SOURCE(c)}/__init__.py`;
      const { className } = mageNames(c.profile);
      assert.deepEqual(batch.modules[init]?.mainGuard, [{ func: 'main', args: [className] }], init);
      assert.ok(
        imports.some((i) => i.file === init && i.module === 'mage_integrations.sources.base' && i.names.includes('main')),
        `${init} imports main from mage_integrations.sources.base`,
      );
      assert.ok(
        imports.filter((i) => i.file === init).every((i) => i.level === 0),
        `${init} uses absolute imports only`,
      );
    }
  });

  it('load_data takes stream first after self and is a generator; the class has the methods of its type', function () {
    const functions = pythonFunctions(batch.root, batch.py);
    const classes = pythonClasses(batch.root, batch.py);
    for (const c of batch.cases) {
      const init = `${SOURCE(c)}/__init__.py`;
      const { className } = mageNames(c.profile);
      const cls = classes.find((k) => k.file === init && k.name === className);
      assert.ok(cls, `${init} defines ${className}`);
      assert.deepEqual(cls.bases, ['Source'], init);
      if (c.profile.connectorType === 'sql') {
        for (const m of ['build_connection', 'build_discover_query', 'column_type_mapping', 'update_column_names', 'wrap_column_in_quotes']) {
          assert.ok(cls.methods.includes(m), `${className}.${m}`);
        }
        const discover = functions.find((f) => f.file === init && f.qualname === `${className}.build_discover_query`)!;
        assert.deepEqual(discover.args, ['self', 'streams']);
        continue;
      }
      const loadData = functions.find((f) => f.file === init && f.qualname === `${className}.load_data`);
      assert.ok(loadData, `${init}: ${className}.load_data`);
      assert.equal(loadData.args[1], 'stream', `${init}: stream is the first parameter after self`);
      assert.ok(loadData.isGenerator, `${init}: load_data yields`);
      assert.ok(cls.methods.includes('test_connection'), `${init}: test_connection`);
      if (c.profile.connectorType === 'api') {
        for (const m of ['get_table_key_properties', 'get_forced_replication_method', 'get_valid_replication_keys']) {
          assert.ok(cls.methods.includes(m), `${className}.${m}`);
        }
        const base = functions.find((f) => f.file === `${SOURCE(c)}/streams/base.py` && f.qualname === 'BaseStream.load_data');
        assert.ok(base?.isGenerator, `${c.id}: BaseStream.load_data paginates as a generator`);
      }
    }
  });

  it('sql: build_discover_query selects TABLE_NAME, COLUMN_DEFAULT, COLUMN_KEY, COLUMN_NAME, DATA_TYPE, IS_NULLABLE in order', function () {
    for (const c of batch.cases.filter((k) => k.profile.connectorType === 'sql')) {
      const sql = batch.modules[`${SOURCE(c)}/__init__.py`]!.sql;
      assert.equal(sql.length, 1, `${c.id}: one discover query`);
      assert.deepEqual(selectedColumns(sql[0]!), ['TABLE_NAME', 'COLUMN_DEFAULT', 'COLUMN_KEY', 'COLUMN_NAME', 'DATA_TYPE', 'IS_NULLABLE']);
    }
  });

  it('sql: the connection subclasses connections.sql.base.Connection with __init__(database, host, password, username, port=None, ...)', function () {
    const functions = pythonFunctions(batch.root, batch.py);
    const classes = pythonClasses(batch.root, batch.py);
    const imports = pythonImports(batch.root, batch.py);
    for (const c of batch.cases.filter((k) => k.profile.connectorType === 'sql')) {
      const file = `${CONNECTION(c)}/__init__.py`;
      const { className } = mageNames(c.profile);
      assert.deepEqual(classes.find((k) => k.file === file && k.name === className)?.bases, ['Connection'], file);
      assert.ok(imports.some((i) => i.file === file && i.module === 'mage_integrations.connections.sql.base' && i.names.includes('Connection')));
      const init = functions.find((f) => f.file === file && f.qualname === `${className}.__init__`)!;
      assert.deepEqual(init.args.slice(0, 6), ['self', 'database', 'host', 'password', 'username', 'port'], file);
      assert.ok(
        functions.some((f) => f.file === file && f.qualname === `${className}.build_connection`),
        file,
      );
      // No driver module is imported at the top: the source must import where the driver is not installed.
      assert.ok(
        imports.filter((i) => i.file === file).every((i) => ['importlib', 'mage_integrations.connections.sql.base'].includes(i.module)),
        file,
      );
      const driver = batch.modules[file]!.assignments.DRIVER_MODULE;
      assert.equal(driver === undefined, c.profile.pipPackages.length === 0, `${c.id}: DRIVER_MODULE only with a pip package`);
    }
  });

  it('api: STREAMS keys == schemas/ file names == stream TABLE names == the profile streams', function () {
    for (const c of batch.cases.filter((k) => k.profile.connectorType === 'api')) {
      const src = SOURCE(c);
      const streamsKeys = batch.modules[`${src}/streams/__init__.py`]!.dictKeys.STREAMS;
      const schemaNames = c.files.filter((f) => f.startsWith(`${src}/schemas/`)).map((f) => path.basename(f, '.json'));
      const tables = batch.py
        .filter((f) => f.startsWith(`${src}/streams/`) && !/\/(base|__init__)\.py$/.test(f))
        .flatMap((f) => Object.values(batch.modules[f]!.classAttributes).map((attrs) => attrs.TABLE));
      const sorted = (xs: unknown[]): unknown[] => [...xs].sort();
      assert.deepEqual(sorted(streamsKeys ?? []), sorted(c.profile.streams), `${c.id}: STREAMS keys`);
      assert.deepEqual(sorted(schemaNames), sorted(c.profile.streams), `${c.id}: schema files`);
      assert.deepEqual(sorted(tables), sorted(c.profile.streams), `${c.id}: TABLE attributes`);
    }
  });

  it('api: the client subclasses sources.http.client.Client and builds headers for each chosen auth type', function () {
    const classes = pythonClasses(batch.root, batch.py);
    for (const c of batch.cases.filter((k) => k.profile.connectorType === 'api')) {
      const file = `${SOURCE(c)}/client.py`;
      const { className } = mageNames(c.profile);
      const client = classes.find((k) => k.file === file && k.name === `${className}Client`);
      assert.deepEqual(client?.bases, ['Client'], file);
      assert.ok(client.methods.includes('get_headers') && client.methods.includes('get_params'), file);
      const text = read(batch, file);
      const reads: Record<string, string> = { api_key: 'api_key', bearer: 'access_token', basic: 'username', oauth2: 'refresh_token' };
      for (const [auth, key] of Object.entries(reads)) {
        assert.equal(text.includes(`self.config.get("${key}")`), c.profile.authTypes.includes(auth as never), `${c.id}: ${auth} header`);
      }
    }
  });

  it('file: one schemas/<id>.json per stream', function () {
    for (const c of batch.cases.filter((k) => k.profile.connectorType === 'file')) {
      const names = c.files.filter((f) => f.startsWith(`${SOURCE(c)}/schemas/`)).map((f) => path.basename(f, '.json'));
      assert.deepEqual([...names].sort(), [...c.profile.streams].sort(), c.id);
    }
  });

  it('every schema compiles with ajv, is type object with properties, and every property type is nullable', function () {
    // formats (date-time) are annotations here: declared, not validated
    const ajv = new Ajv({ strict: true, allowUnionTypes: true, validateFormats: false });
    for (const c of batch.cases) {
      for (const file of c.files.filter((f) => f.startsWith(`${SOURCE(c)}/schemas/`))) {
        const schema = JSON.parse(read(batch, file)) as { type: string; properties: Record<string, { type: unknown }> };
        assert.doesNotThrow(() => ajv.compile(schema), file);
        assert.equal(schema.type, 'object', file);
        assert.ok(Object.keys(schema.properties).length > 0, file);
        for (const [name, prop] of Object.entries(schema.properties)) {
          assert.ok(Array.isArray(prop.type) && prop.type.includes('null'), `${file}: ${name} is nullable`);
        }
      }
    }
  });

  it('config.json keys == README table keys == docs page table keys == profile config keys', function () {
    for (const c of batch.cases) {
      const expected = c.profile.configKeys.map((k) => k.key);
      const config = JSON.parse(read(batch, `${SOURCE(c)}/templates/config.json`)) as Record<string, unknown>;
      assert.deepEqual(Object.keys(config), expected, `${c.id}: config.json`);
      for (const k of c.profile.configKeys) {
        const value = config[k.key];
        if (typeof k.sample === 'number' && !k.secret) assert.equal(value, k.sample, `${c.id}: ${k.key} numeric sample`);
        else assert.equal(value, '', `${c.id}: ${k.key} is "" in config.json`);
      }
      assert.deepEqual(tableKeys(read(batch, `${SOURCE(c)}/README.md`)), expected, `${c.id}: README`);
      assert.deepEqual(tableKeys(read(batch, DOCS(c))), expected, `${c.id}: docs page`);
    }
  });

  it('README: # <display name>, ## Config, the credentials sentence, the Key | Description | Sample value table', function () {
    for (const c of batch.cases) {
      const lines = read(batch, `${SOURCE(c)}/README.md`).split('\n');
      assert.match(lines[0]!, /^# \S/, c.id);
      assert.ok(lines.includes('## Config'), c.id);
      assert.ok(
        lines.some((l) => /must enter the following credentials/i.test(l)),
        c.id,
      );
      assert.ok(lines.includes('| Key | Description | Sample value |'), c.id);
      // every table row has exactly the three cells: free text cannot break the table
      const rows = lines.filter((l) => l.startsWith('| `'));
      for (const row of rows) assert.equal(row.split(/(?<!\\)\|/).length - 2, 3, `${c.id}: ${row}`);
    }
  });

  it('docs page: front matter with the title, ## Configuration and the key table', function () {
    for (const c of batch.cases) {
      const text = read(batch, DOCS(c));
      const front = /^---\n([\s\S]*?)\n---\n/.exec(text);
      assert.ok(front, `${c.id}: front matter`);
      const title = /^title: (.*)$/m.exec(front[1]!)?.[1];
      assert.equal(JSON.parse(title!), c.profile.displayName, `${c.id}: title is the display name`);
      assert.match(text, /^## Configuration$/m);
    }
  });

  it('free text stays text: display name only as a Python literal, notes and endpoints escaped in Markdown', function () {
    const c = batch.cases.find((k) => k.id === 'free_text')!;
    const generatedPy = c.files.filter((f) => f.endsWith('.py') && ownFile(c)(f));
    assert.ok(generatedPy.length > 0);
    for (const file of generatedPy) assert.ok(!read(batch, file).includes('<b>'), `${file} has no raw free text`);
    const brief = read(batch, `${SOURCE(c)}/CONNECTOR_CONTEXT.md`);
    // escaped where it would be HTML: rendered, the brief holds no HTML (the text shows as text)
    const html = parseMarkdown(brief)
      .flatMap((t) => [t, ...(t.children ?? [])])
      .filter((t) => t.type.startsWith('html'));
    assert.deepEqual(
      html.map((t) => t.content),
      [],
      'no raw HTML in the brief',
    );
    assert.ok(!/^# not a heading/m.test(brief), 'a # in the notes does not become a heading');
    const headings = brief.split('\n').filter((l) => /^#{1,6} /.test(l));
    assert.ok(
      headings.every((h) => !h.includes('closing fence')),
      'the notes opened no heading',
    );
    const readme = read(batch, `${SOURCE(c)}/README.md`);
    assert.equal(readme.split('\n').filter((l) => /^#{1,6} /.test(l)).length, 2, 'README has its two headings only');
  });

  describe("run in the real mage_integrations (mage-ai 5640c79, with mage-ai's singer-python; no network)", function () {
    // every case is one python process per check, each importing the real package (pandas among it)
    this.timeout(600_000);
    const trees = new Map<string, string>();
    let tools = '';
    before(function () {
      tools = requireMageTools(this);
      for (const c of batch.cases) trees.set(c.id, mageTree(tools, tempDir(`connector-mage-tree-${c.id}-`), c.dir, c.profile.name));
    });

    it('the generated unit tests pass (python3 -m unittest mage_integrations.tests.sources.<uuid>.test_<uuid>)', function () {
      const failures: string[] = [];
      for (const c of batch.cases) {
        const result = runPython(tools, trees.get(c.id)!, [
          '-m',
          'unittest',
          `mage_integrations.tests.sources.${c.profile.name}.${testModuleName(c.profile.name)}`,
        ]);
        if (result.status !== 0 || !/^OK/m.test(result.stderr)) failures.push(`${c.id}:\n${result.stderr.slice(-3000)}`);
        else assert.match(result.stderr, /Ran [3-9] tests/, `${c.id}: the generated tests ran`);
      }
      assert.deepEqual(failures, []);
    });

    it('each source runs as a script: --show_templates serves config.json, --discover lists the streams (api, file), stdout is only JSON', function () {
      for (const c of batch.cases) {
        const script = `mage_integrations/sources/${c.profile.name}/__init__.py`;
        const templates = runPython(tools, trees.get(c.id)!, [script, '--config_json', '{}', '--show_templates']);
        assert.equal(templates.status, 0, `${c.id}: ${templates.stderr}`);
        const served = JSON.parse(templates.stdout) as { config: Record<string, unknown> };
        assert.deepEqual(
          Object.keys(served.config),
          c.profile.configKeys.map((k) => k.key),
          c.id,
        );
        if (c.profile.connectorType === 'sql') continue;
        const discover = runPython(tools, trees.get(c.id)!, [script, '--config_json', '{}', '--discover']);
        assert.equal(discover.status, 0, `${c.id}: ${discover.stderr}`);
        const catalog = JSON.parse(discover.stdout) as { streams: Array<{ tap_stream_id: string }> };
        assert.deepEqual(catalog.streams.map((s) => s.tap_stream_id).sort(), [...c.profile.streams].sort(), c.id);
      }
    });
  });

  it('the brief has its fixed sections, a shell-quoted discover command with every config key, and the file index', function () {
    for (const c of batch.cases) {
      const brief = read(batch, `${SOURCE(c)}/CONNECTOR_CONTEXT.md`);
      for (const heading of [
        '## How Mage runs a source',
        '## The load_data contract',
        '## What to implement, file by file',
        '## Registration',
        '## Run it locally',
        '## Files',
      ]) {
        assert.ok(brief.split('\n').includes(heading), `${c.id}: ${heading}`);
      }
      const command = /python3 (\S+__init__\.py) \\\n {2}--config_json ('(?:[^']|'\\'')*') \\\n {2}--discover/.exec(brief);
      assert.ok(command, `${c.id}: discover command`);
      assert.equal(command[1], `mage_integrations/mage_integrations/sources/${c.profile.name}/__init__.py`);
      const json = command[2]!.slice(1, -1).replace(/'\\''/g, "'");
      assert.deepEqual(
        Object.keys(JSON.parse(json) as object),
        c.profile.configKeys.map((k) => k.key),
        `${c.id}: config_json keys`,
      );
      for (const file of c.files.filter(ownFile(c))) {
        assert.ok(brief.includes(`| \`${file.slice(c.id.length + 1)}\` |`), `${c.id}: brief indexes ${file}`);
      }
    }
  });
});
