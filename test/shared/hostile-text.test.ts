/**
 * Hostile free text, for every host: quotes, triple quotes, backslashes,
 * newlines, EJS delimiters, Markdown syntax, HTML and very long strings in
 * every free-text field. The fields come from the declarations
 * (generators/<host>/profile/fields.ts), so new fields are covered automatically: each
 * text, list and configKeys field gets every hostile string its schema accepts.
 *
 * Each hostile run is compared with a benign run of the same shape: the same
 * files, the same JSON keys, the same Markdown headings, fences and table
 * shapes, no new flake8 findings; and every JSON/YAML file parses and every
 * Python file compiles and is formatter-clean.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { coerceValue, withDefaults } from '../../core/profile/compose.js';
import type { Field, PartialProfile } from '../../core/profile/field.js';
import { findProblems } from '../../core/profile/validate.js';
import { markdownInline } from '../../core/text.js';
import { skipWithReason } from '../support/fixtures.js';
import { readText, runGenerator, tempDir } from '../support/generate.js';
import { HOST_CASES, generatorBuilt, storedProfileIn, type HostCase } from '../support/hosts.js';
import { listFiles } from '../support/files.js';
import { compileErrors, flake8Errors, formatterChanges, missingPythonTools } from '../support/python.js';
import { HOSTILE } from '../support/hostile.js';

/** URL-shaped variants, for fields whose schema wants a URL: the hostile part without whitespace. */
const URL_VARIANTS = HOSTILE.map((h) => `https://example.com/${h.replace(/\s+/g, '')}`);

type Candidate = unknown;

const isAccepted = (c: HostCase, field: Field, value: unknown): boolean => {
  const profile = withDefaults(c.spec, { ...c.minimal, [field.name]: value });
  // The whole profile must stay valid: a value that needs a companion field (an image needs a port) is left out.
  return findProblems(c.spec, profile).length === 0;
};

/** Every hostile value the field's declaration accepts, in a stable order. */
function candidatesFor(c: HostCase, field: Field): Candidate[] {
  switch (field.kind) {
    case 'text': {
      const plain = HOSTILE.filter((h) => isAccepted(c, field, h));
      return plain.length > 0 ? plain : URL_VARIANTS.filter((h) => isAccepted(c, field, h));
    }
    case 'list':
      return HOSTILE.map((h) => [h]).filter((v) => isAccepted(c, field, v));
    case 'records': {
      const defaults = withDefaults(c.spec, c.minimal)[field.name];
      if (!Array.isArray(defaults) || defaults.length === 0) return [];
      return HOSTILE.map((h) =>
        (defaults as Array<Record<string, unknown>>).map((k) => ({ ...k, description: h, ...(k.secret ? {} : { sample: h }) })),
      ).filter((v) => isAccepted(c, field, v));
    }
    default:
      return [];
  }
}

/** A benign value of the same shape as a field's hostile candidates. */
function benignFor(c: HostCase, field: Field, sample: Candidate): Candidate {
  const plain = (i: number): string[] => [`Plain words ${i}`, `plain_words_${i}`, `https://example.com/plain${i}`];
  if (field.kind === 'text') {
    const value = plain(1).find((p) => isAccepted(c, field, p));
    assert.ok(value !== undefined, `${field.name}: no benign value is accepted`);
    return value;
  }
  if (field.kind === 'list') {
    const items = (sample as unknown[]).map((_, i) => plain(i + 1));
    const value = [0, 1, 2].map((k) => items.map((options) => options[k]!)).find((v) => isAccepted(c, field, v));
    assert.ok(value !== undefined, `${field.name}: no benign value is accepted`);
    return value;
  }
  return (sample as Array<Record<string, unknown>>).map((k) => ({
    ...k,
    description: 'Plain description',
    ...(k.secret ? {} : { sample: 'plain' }),
  }));
}

/** Free-text fields in the brief's sense: text or list without a pattern. They must take every hostile string. */
const isFreeText = (field: Field): boolean => {
  const schema = field.schema as { pattern?: string; items?: { pattern?: string } };
  return (field.kind === 'text' && !schema.pattern) || (field.kind === 'list' && !schema.items?.pattern);
};

interface Run {
  label: string;
  dir: string;
  profile: PartialProfile;
}

/** Splits a Markdown table row into cells at unescaped pipes. */
const cells = (row: string): number => row.trim().replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/).length;

interface MarkdownShape {
  headings: string[];
  fences: number;
  tables: number[][];
}

function markdownShape(text: string, displayName: string): MarkdownShape {
  const masked = markdownInline(displayName);
  const lines = text.split(/\r?\n/);
  const headings = lines
    .filter((l) => l.startsWith('#'))
    .map((l) => (masked ? l.split(masked).join('<displayName>') : l));
  const fences = lines.filter((l) => /^\s*(```|~~~)/.test(l)).length;
  const tables: number[][] = [];
  let current: number[] | undefined;
  for (const line of lines) {
    if (line.trimStart().startsWith('|')) {
      current ??= [];
      current.push(cells(line));
    } else if (current) {
      tables.push(current);
      current = undefined;
    }
  }
  if (current) tables.push(current);
  return { headings: [...new Set(headings)].sort(), fences, tables };
}

/** Markdown text without fenced blocks and code spans, whose contents render literally. */
const outsideCode = (text: string): string =>
  text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');

/** Every key path of a JSON value (array indexes collapsed), for comparing structure. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return [prefix + '[]', ...value.flatMap((v) => keyPaths(v, `${prefix}[]`))];
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [`${prefix}.${k}`, ...keyPaths(v, `${prefix}.${k}`)]);
  }
  return [];
}

const uniqueSorted = (items: string[]): string[] => [...new Set(items)].sort();

for (const c of HOST_CASES) {
  describe(`hostile free text (${c.host})`, function () {
    this.timeout(240_000);
    let root: string;
    let runs: Run[];
    let benign: Run;
    let coverage: Map<string, number>;
    let candidates: Map<string, Candidate[]>;

    const filesOf = (run: Run, ext: string): string[] => listFiles(run.dir, { ext });
    const inRoot = (run: Run, files: string[]): string[] => files.map((f) => `${path.basename(run.dir)}/${f}`);
    /** The display name a run's profile ends up with: its own, or the default made from its name. */
    const displayNameOf = (profile: PartialProfile): string => {
      const { displayName } = withDefaults(c.spec, profile);
      return typeof displayName === 'string' ? displayName : '';
    };

    before(async function () {
      assert.ok(generatorBuilt(c), `${c.generator} generator is not built: dist/generators/${c.generator}/index.js is missing (unfinished?)`);
      root = tempDir(`connector-${c.host}-hostile-`);
      const fields = c.spec.fields.filter((f) => f.name !== 'name' && ['text', 'list', 'records'].includes(f.kind));
      candidates = new Map(fields.map((f) => [f.name, candidatesFor(c, f)] as const).filter(([, values]) => values.length > 0));
      coverage = new Map([...candidates].map(([name, values]) => [name, values.length]));
      const count = Math.max(...[...candidates.values()].map((v) => v.length));

      const generate = async (label: string, values: PartialProfile): Promise<Run> => {
        // isort and black judge the Python here: the 1.12 line's formatters (2.0's ruff runs in the host layer)
        const profile = { ...c.minimal, ...(c.host === 'openmetadata' ? { openmetadataVersion: '1.12' } : {}), ...values };
        const problems = findProblems(c.spec, withDefaults(c.spec, profile));
        assert.deepEqual(problems, [], `${label}: the combined profile is invalid`);
        const dir = path.join(root, label);
        mkdirSync(dir);
        await runGenerator(c.generator, profile, { cwd: dir });
        return { label, dir, profile };
      };

      const benignValues = Object.fromEntries(
        [...candidates].map(([name, values]) => [name, benignFor(c, c.spec.fields.find((f) => f.name === name)!, values[0])]),
      );
      benign = await generate('benign', benignValues);
      runs = [];
      for (let i = 0; i < count; i += 1) {
        // Run i gives each field a different hostile value, so every field meets every value it accepts.
        const values = Object.fromEntries([...candidates].map(([name, list], j) => [name, list[(i + j) % list.length]]));
        runs.push(await generate(`run-${String(i).padStart(2, '0')}`, values));
      }
    });

    it('covers every free-text field with every hostile string', function () {
      const freeText = c.spec.fields.filter((f) => f.name !== 'name' && isFreeText(f)).map((f) => f.name);
      assert.ok(freeText.length > 0, 'the host declares free-text fields');
      for (const name of freeText) {
        assert.equal(coverage.get(name), HOSTILE.length, `${name} accepts ${coverage.get(name) ?? 0} of ${HOSTILE.length} hostile strings`);
      }
    });

    it('generates the same files as a benign profile, and stores the text unchanged', function () {
      const expected = listFiles(benign.dir);
      assert.ok(expected.length > 0, 'the benign run generated files');
      for (const run of runs) {
        assert.deepEqual(listFiles(run.dir), expected, run.label);
        const stored = storedProfileIn(run.dir, c.host, c.minimal.name as string);
        // Stored as the composer reads them: list entries are also split at commas (the CLI form).
        const coerced = Object.fromEntries(
          Object.entries(run.profile).map(([k, v]) => {
            const field = c.spec.fields.find((f) => f.name === k);
            return [k, field ? coerceValue(field, v) : v];
          }),
        );
        assert.deepEqual(stored, withDefaults(c.spec, coerced), `${run.label}: .yo-rc.json`);
      }
    });

    it('every JSON file parses, with the same keys as for a benign profile', function () {
      for (const run of runs) {
        for (const file of filesOf(run, '.json')) {
          let parsed: unknown;
          assert.doesNotThrow(() => (parsed = JSON.parse(readText(run.dir, file))), `${run.label}/${file}`);
          const expected = uniqueSorted(keyPaths(JSON.parse(readText(benign.dir, file))));
          assert.deepEqual(uniqueSorted(keyPaths(parsed)), expected, `${run.label}/${file}: keys`);
        }
      }
    });

    it('every YAML file parses', function () {
      for (const run of runs) {
        for (const file of [...filesOf(run, '.yaml'), ...filesOf(run, '.yml')]) {
          assert.doesNotThrow(() => yaml.load(readText(run.dir, file)), `${run.label}/${file}`);
        }
      }
    });

    it('every Python file compiles (warnings such as invalid escapes count)', function () {
      const files = runs.flatMap((run) => inRoot(run, filesOf(run, '.py')));
      assert.ok(files.length > 0, 'Python files were generated');
      assert.deepEqual(compileErrors(root, files), []);
    });

    describe('isort --profile black and black', function () {
      let changes: string[];
      const files = (run: Run): string[] => changes.filter((p) => p.startsWith(`${run.label}/`));

      before(function () {
        const missing = missingPythonTools('isort', 'black');
        if (missing.length > 0) skipWithReason(this, `${missing.join(', ')} not installed`);
        const files = [benign, ...runs].flatMap((run) => inRoot(run, filesOf(run, '.py')));
        changes = formatterChanges(root, files, { firstParty: c.isortFirstParty });
      });

      it('leave the Python of the benign profile unchanged', function () {
        assert.deepEqual(files(benign), []);
      });

      it('leave the Python of every hostile profile unchanged', function () {
        const benignFiles = new Set(files(benign).map((p) => p.split(':')[0]!.replace(/^[^/]+\//, '')));
        const hostileOnly = runs.flatMap(files).filter((p) => !benignFiles.has(p.split(':')[0]!.replace(/^[^/]+\//, '')));
        assert.deepEqual(hostileOnly, [], 'changes that only hostile text causes');
        assert.deepEqual(runs.flatMap(files), [], 'changes (also found for the benign profile)');
      });
    });

    it('flake8 finds nothing it does not find for a benign profile', function () {
      const missing = missingPythonTools('flake8');
      if (missing.length > 0) skipWithReason(this, 'flake8 not installed');
      const all = [benign, ...runs];
      const findings = flake8Errors(root, all.flatMap((run) => inRoot(run, filesOf(run, '.py'))));
      // "run-03/path/file.py: 12:5 E501 line too long (...)" -> run label and "path/file.py E501"
      const byRun = new Map<string, string[]>(all.map((r) => [r.label, []]));
      for (const line of findings) {
        const match = /^([^/]+)\/(.+?): \d+(?::\d+)? (\w+)/.exec(line);
        assert.ok(match, `unparsed flake8 line: ${line}`);
        byRun.get(match[1]!)?.push(`${match[2]} ${match[3]}`);
      }
      const expected = (byRun.get('benign') ?? []).sort();
      for (const run of runs) {
        const extra = (byRun.get(run.label) ?? []).sort().filter((f) => !expected.includes(f));
        assert.deepEqual(extra, [], `${run.label}: new flake8 findings:\n${findings.filter((l) => l.startsWith(`${run.label}/`)).join('\n')}`);
      }
    });

    it('Markdown keeps the benign headings, fences and table shapes, and holds no raw HTML', function () {
      const mdFiles = filesOf(benign, '.md');
      assert.ok(mdFiles.length > 0, 'a Markdown brief was generated');
      for (const file of mdFiles) {
        const expected = markdownShape(readText(benign.dir, file), displayNameOf(benign.profile));
        for (const table of expected.tables) {
          assert.ok(table.every((n) => n === table[0]), `benign ${file}: a table row has a different column count: ${table.join(',')}`);
        }
        for (const run of runs) {
          const text = readText(run.dir, file);
          const shape = markdownShape(text, displayNameOf(run.profile));
          assert.deepEqual(shape.headings, expected.headings, `${run.label}/${file}: heading lines`);
          assert.equal(shape.fences, expected.fences, `${run.label}/${file}: code fence lines`);
          assert.deepEqual(shape.tables, expected.tables, `${run.label}/${file}: tables (column count per row)`);
          assert.doesNotMatch(outsideCode(text), /(?<!\\)<\/?script/i, `${run.label}/${file}: raw HTML outside code`);
        }
      }
    });
  });
}
