/**
 * The generated sources held against the 48 real ones, as
 * ../shared/fixtures/mage/sources-index.json describes them: the hooks a
 * source may override, the layout of the API sources, the README table, the
 * config template values, and the registration rule for module names.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mageNames } from '../../generators/mage/profile/spec.js';
import { MAGE_FACTS, MAGE_RELEASE } from '../../generators/mage/facts/index.js';
import { constantsEntry } from '../../generators/mage/register/constants.js';
import { listFiles } from '../support/files.js';
import { fixturePath, requireFixtures } from '../support/fixtures.js';
import { tempDir } from '../support/generate.js';
import { pythonClasses, pythonImports, pythonModules } from '../support/python.js';
import { generateCase, SOURCES_INDEX_PATH, type GeneratedCase } from './support.js';

interface IndexedSource {
  has_client: boolean;
  has_streams: boolean;
  streams_layout: string | null;
  has_streams_base: boolean;
  has_schemas: boolean;
  main_class?: { name: string; bases: string[] };
  config_template?: { value_kinds: Record<string, number> };
  registration?: { in_SOURCES: boolean; entry: { name: string; uuid?: string } | null; ui_module_name: string | null };
}

interface SourcesIndex {
  _meta: { commit: string; Source_methods: string[]; SQLSource_methods: string[] };
  summary: {
    readme_key_table_headers: Record<string, number>;
    matches_design_note: { members: { api_extended_layout_exact: string[] } };
  };
  sources: Record<string, IndexedSource>;
}

/** Methods a generated class adds beyond the base classes' hooks, on purpose. */
const OWN_HELPERS: Record<string, string[]> = { sql: [], api: [], file: ['read_rows'] };

describe('mage output against the real sources (sources-index.json)', function () {
  let index: SourcesIndex;
  const cases: GeneratedCase[] = [];
  let root: string;

  before(async function () {
    requireFixtures(this, SOURCES_INDEX_PATH);
    this.timeout(60_000);
    index = JSON.parse(readFileSync(fixturePath(SOURCES_INDEX_PATH), 'utf8')) as SourcesIndex;
    root = tempDir('connector-mage-facts-');
    for (const [id, options] of [
      ['sql', { name: 'fact_db', connectorType: 'sql' }],
      ['api', { name: 'fact_api', connectorType: 'api', streams: ['orders', 'users'], authTypes: ['bearer'] }],
      ['file', { name: 'fact_file', connectorType: 'file', streams: ['rows'] }],
    ] as const) {
      cases.push(await generateCase(root, { id, options }));
    }
    const all = listFiles(root);
    for (const c of cases) c.files = all.filter((f) => f.startsWith(`${c.id}/`));
  });

  it('each generated Source class overrides only hooks its base classes define (plus named helpers)', function () {
    const init = (c: GeneratedCase): string => `${c.id}/mage_integrations/mage_integrations/sources/${c.profile.name}/__init__.py`;
    const classes = pythonClasses(root, cases.map(init));
    for (const c of cases) {
      const cls = classes.find((k) => k.file === init(c) && k.name === mageNames(c.profile).className)!;
      const hooks = new Set([...index._meta.Source_methods, ...(c.id === 'sql' ? index._meta.SQLSource_methods : [])]);
      const unknown = cls.methods.filter((m) => !hooks.has(m) && !OWN_HELPERS[c.id]!.includes(m));
      assert.deepEqual(unknown, [], `${c.id}: methods that override nothing`);
    }
  });

  it('each generated Source class has the base the real sources of its kind have', function () {
    const realBases = new Set(
      Object.values(index.sources)
        .map((s) => s.main_class?.bases[0])
        .filter(Boolean),
    );
    const imports = pythonImports(
      root,
      cases.map((c) => `${c.id}/mage_integrations/mage_integrations/sources/${c.profile.name}/__init__.py`),
    );
    for (const c of cases) {
      const source = imports.find((i) => i.file.startsWith(`${c.id}/`) && i.names.includes('Source'))!;
      const base = `${source.module}.Source`;
      assert.ok(realBases.has(base), `${c.id}: ${base} is a base real sources use`);
      assert.equal(base, c.id === 'sql' ? 'mage_integrations.sources.sql.base.Source' : 'mage_integrations.sources.base.Source');
    }
  });

  it('the api layout has every part of the real API sources the design note describes exactly', function () {
    const members = index.summary.matches_design_note.members.api_extended_layout_exact;
    assert.ok(members.length > 0);
    const api = cases.find((c) => c.id === 'api')!;
    const src = `api/mage_integrations/mage_integrations/sources/${api.profile.name}`;
    const generated = {
      has_client: api.files.includes(`${src}/client.py`),
      has_streams: api.files.includes(`${src}/streams/__init__.py`),
      streams_layout: api.files.includes(`${src}/streams/__init__.py`) ? 'package' : null,
      has_streams_base: api.files.includes(`${src}/streams/base.py`),
      has_schemas: api.files.some((f) => f.startsWith(`${src}/schemas/`)),
    };
    for (const name of members) {
      const real = index.sources[name]!;
      const { has_client, has_streams, streams_layout, has_streams_base, has_schemas } = real;
      assert.deepEqual(generated, { has_client, has_streams, streams_layout, has_streams_base, has_schemas }, name);
    }
  });

  it('README uses the key table header most real sources use; config.json values are of kinds real templates use', function () {
    const [header] = Object.entries(index.summary.readme_key_table_headers).sort((a, b) => b[1] - a[1])[0]!;
    const kinds = new Set(Object.values(index.sources).flatMap((s) => Object.keys(s.config_template?.value_kinds ?? {})));
    for (const c of cases) {
      const src = `${c.id}/mage_integrations/mage_integrations/sources/${c.profile.name}`;
      assert.ok(readFileSync(path.join(root, src, 'README.md'), 'utf8').includes(`| ${header} |`), `${c.id}: | ${header} |`);
      const config = JSON.parse(readFileSync(path.join(root, src, 'templates/config.json'), 'utf8')) as Record<string, unknown>;
      for (const value of Object.values(config)) {
        const kind = value === '' ? 'empty_string' : typeof value === 'number' ? 'number' : 'other';
        assert.ok(kinds.has(kind), `${c.id}: a ${kind} value`);
      }
    }
  });

  it('the host facts (generators/mage/facts/) were read from the mage-ai commit this index describes, and are named after it', function () {
    assert.equal(MAGE_FACTS.mageAi.commit, index._meta.commit);
    assert.ok(index._meta.commit.startsWith(MAGE_RELEASE), MAGE_RELEASE);
  });

  it('for every registered real source, the entry the generator would write gives Mage its uuid and a module name that is the class the generator would write', function () {
    const registered = Object.entries(index.sources).filter(([, s]) => s.registration?.in_SOURCES && s.registration.entry);
    assert.ok(registered.length >= 40, `${registered.length} registered sources`);
    const entries = registered.map(([uuid, s]) => constantsEntry({ name: uuid, displayName: s.registration!.entry!.name }, '    '));
    const dir = tempDir('connector-mage-entries-');
    writeFileSync(path.join(dir, 'entries.py'), `ENTRIES = [\n${entries.join('')}]\n`);
    // Mage's rules: uuid = entry uuid, else the name lowercased with _ for spaces; module = module_name, else the name without spaces.
    const derived = (pythonModules(dir, ['entries.py'])['entries.py']?.dictCalls.ENTRIES ?? []).map((entry) => {
      const name = String(entry.name);
      const uuid = typeof entry.uuid === 'string' && entry.uuid !== '' ? entry.uuid : name.toLowerCase().replaceAll(' ', '_');
      return [uuid, 'module_name' in entry ? entry.module_name : name.replaceAll(' ', '')];
    });
    assert.deepEqual(
      derived,
      registered.map(([uuid]) => [uuid, mageNames({ name: uuid }).className]),
    );
  });
});
