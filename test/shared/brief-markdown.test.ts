/**
 * The brief as a reader sees it and as an agent reads it. Rendered by a
 * CommonMark parser (markdown-it, with GFM tables and strike-through, as
 * GitHub shows it), every profile value the brief quotes reads exactly as the
 * profile has it: no emphasis, link, HTML, heading or list that the text did
 * not mean. And the raw file keeps plain text plain: `next_cursor`, `{id}` and
 * `->` appear as typed, without the backslashes that rendering hides.
 */
import assert from 'node:assert/strict';
import { withDefaults } from '../../core/profile/compose.js';
import type { Field, PartialProfile } from '../../core/profile/field.js';
import { findProblems } from '../../core/profile/validate.js';
import { readText, runGenerator } from '../support/generate.js';
import { HOST_CASES, briefPathOf, storedProfileIn, type HostCase } from '../support/hosts.js';
import { HOSTILE } from '../support/hostile.js';
import { foldSpaces, quoteAfter, visibleBlocks, type VisibleBlock } from '../support/markdown.js';

/** Text that Markdown would turn into something else, beside the shared hostile strings. */
const MARKDOWN_HOSTILE: readonly string[] = [
  ...HOSTILE,
  '*starred* and **bold** and _under_ and ~~struck~~',
  '[a link](https://example.com) and ![an image](x.png)',
  '<https://example.com> and <mail@example.com> and <b>bold</b>',
  '&amp; &#65; &copy;',
  '1. not a list',
  '- not a bullet',
  '> not a quote',
  '---',
  '[x] not a task',
  'ends with a star*',
  '`code` stays code',
];

/** What a plain identifier, path or arrow looks like: none of it may gain a backslash. */
const PLAIN = 'Paginate with next_cursor: GET /orders/{order_id}/items -> page_size <= 100, a * b';
const PLAIN_PIECES = ['next_cursor', '{order_id}', 'page_size', '->', '<= 100', 'a * b'];

/** Every value of `candidates` the field accepts in an otherwise minimal profile. */
function accepted(c: HostCase, field: string, candidates: readonly unknown[]): unknown[] {
  return candidates.filter((value) => findProblems(c.spec, withDefaults(c.spec, { ...c.minimal, [field]: value })).length === 0);
}

const urlOf = (text: string): string => `https://example.com/${text.replace(/\s+/g, '')}`;

/** Hostile values per field: one-line fields get what they accept, URL fields URL-shaped variants, lists one entry each. */
function hostileValues(c: HostCase): Map<string, unknown[]> {
  const values = new Map<string, unknown[]>();
  const fieldNamed = (name: string): Field | undefined => c.spec.fields.find((f) => f.name === name);
  for (const name of ['displayName', 'description', 'sdkPackage', 'docsNotes', 'docsUrl', 'baseUrl', 'apiEndpoints']) {
    const field = fieldNamed(name);
    if (!field) continue;
    const texts = [...MARKDOWN_HOSTILE, PLAIN];
    const candidates = field.kind === 'list' ? texts.map((t) => [t]) : /url/i.test(name) ? texts.map(urlOf) : texts;
    values.set(name, accepted(c, name, candidates));
  }
  return values;
}

/** The visible text of the block after the table cell `label`, in the first table row that has it. */
const cellAfter = (blocks: VisibleBlock[], label: string): string | undefined => {
  const at = blocks.findIndex((b) => b.kind === 'td_open' && b.text === label);
  return at === -1 ? undefined : blocks[at + 1]?.text;
};

/** The first list item whose text starts with `prefix`. */
const itemStarting = (blocks: VisibleBlock[], prefix: string): VisibleBlock | undefined =>
  blocks.find((b) => b.within.includes('list_item_open') && b.text.startsWith(prefix));

/** The rest of the first list item whose text starts with `prefix`. */
const itemAfter = (blocks: VisibleBlock[], prefix: string): string | undefined => itemStarting(blocks, prefix)?.text.slice(prefix.length);

/** The SDK line shows one code span, or _none_. */
const sdkSeen = (item: VisibleBlock | undefined): string | undefined =>
  item?.codes.length === 1 && item.text.endsWith('`') ? item.codes[0] : item?.text.slice('Python SDK or driver: '.length);

/** The list items between the block reading `lead` and the next heading. */
function itemBlocksAfter(blocks: VisibleBlock[], lead: string): VisibleBlock[] {
  const at = blocks.findIndex((b) => b.text === lead);
  assert.ok(at !== -1, `no "${lead}" in the brief`);
  const next = blocks.findIndex((b, i) => i > at && b.kind === 'heading_open');
  return blocks.slice(at + 1, next === -1 ? undefined : next).filter((b) => b.within.includes('list_item_open'));
}

const itemsAfter = (blocks: VisibleBlock[], lead: string): string[] => itemBlocksAfter(blocks, lead).map((b) => b.text);

/** Spaces as a reader compares them (folded; those just inside a code span are not shown). */
const reading = (text: string | undefined): string => foldSpaces(text ?? '').replace(/ ?(`+) ?/g, '$1');

/** Where each host's brief quotes each profile value, and what a reader must see there. */
const READINGS: Record<
  HostCase['host'],
  (blocks: VisibleBlock[], p: PartialProfile) => Array<[where: string, seen: string | undefined, meant: string]>
> = {
  openmetadata: (blocks, p) => [
    [
      'the opening line',
      /Connector: ⟦strong_open⟧(.*)⟦strong_close⟧ \(/.exec(blocks.find((b) => b.text.startsWith('Connector: '))?.text ?? '')?.[1],
      String(p.displayName),
    ],
    ['the profile table: Display name', cellAfter(blocks, 'Display name'), String(p.displayName)],
    ['the profile table: Description', cellAfter(blocks, 'Description'), orNone(p.description)],
    ['Source documentation: Description', itemAfter(blocks, 'Description: '), orNone(p.description)],
    ['Source documentation: Documentation', itemAfter(blocks, 'Documentation: '), orNone(p.docsUrl)],
    // a code span, whatever backticks the package text holds
    ['Source documentation: SDK', sdkSeen(itemStarting(blocks, 'Python SDK or driver: ')), orNone(p.sdkPackage)],
    ['the notes', quoteAfter(blocks, 'Notes from the profile:').join('⟦paragraph⟧'), notesAsRead(String(p.docsNotes))],
    ...(p.apiEndpoints as string[]).map((entry, i): [string, string | undefined, string] => {
      const item = itemBlocksAfter(blocks, 'Key endpoints or calls:')[i];
      // anything but an HTTP call shows as the text, with why it got no client method; a call as code, then its method
      const left = item?.text.lastIndexOf(': no client method, ') ?? -1;
      return [`Key endpoints or calls: entry ${i + 1}`, left === -1 ? item?.codes[0] : item?.text.slice(0, left), entry];
    }),
  ],
  mage: (blocks, p) => [
    [
      'the opening line',
      /^Source: ⟦strong_open⟧(.*)⟦strong_close⟧\.$/.exec(blocks.find((b) => b.text.startsWith('Source: '))?.text ?? '')?.[1],
      String(p.displayName),
    ],
    ['the profile table: Display name', cellAfter(blocks, 'Display name'), String(p.displayName)],
    ['the profile table: Base URL', cellAfter(blocks, 'Base URL'), orNone(p.baseUrl)],
    [
      'Source system documentation',
      blocks.find((b) => b.text.startsWith('Documentation: '))?.text.slice('Documentation: '.length),
      orNone(p.docsUrl),
    ],
    ['the notes', quoteAfter(blocks, 'Notes').join('⟦paragraph⟧'), notesAsRead(String(p.docsNotes))],
    ['the endpoints', itemsAfter(blocks, 'Endpoints or calls to use').join('⟦item⟧'), (p.apiEndpoints as string[]).join('⟦item⟧')],
  ],
};

/** A value, or _none_ (emphasis) when it is empty. */
const orNone = (value: unknown): string => (typeof value === 'string' && foldSpaces(value) !== '' ? value : '⟦em_open⟧none⟦em_close⟧');

/** Notes read line by line: one paragraph per non-blank line, or _none_ (emphasis) when there are none. */
const notesAsRead = (notes: string): string => {
  const lines = notes
    .split(/\r\n|\r|\n/)
    .map(foldSpaces)
    .filter(Boolean);
  return lines.length > 0 ? lines.join('⟦paragraph⟧') : orNone('');
};

for (const c of HOST_CASES) {
  describe(`the brief in CommonMark (${c.host})`, function () {
    this.timeout(300_000);
    const runs: Array<{ label: string; raw: string; profile: PartialProfile }> = [];

    before(async function () {
      const values = hostileValues(c);
      const count = Math.max(...[...values.values()].map((v) => v.length));
      for (let i = 0; i < count; i += 1) {
        // run i gives each field a different value, so every field meets every value it accepts
        const options = Object.fromEntries([...values].map(([name, list], j) => [name, list[(i + j) % list.length]]));
        const { dir } = await runGenerator(c.generator, { ...c.minimal, ...options });
        const profile = storedProfileIn(dir, c.host, String(c.minimal.name));
        assert.ok(profile, `run ${i}: no stored profile`);
        runs.push({ label: `run ${i}`, raw: readText(dir, briefPathOf(c, profile)), profile });
      }
    });

    it('every profile value the brief quotes reads, rendered, exactly as the profile has it', function () {
      const problems: string[] = [];
      for (const run of runs) {
        const blocks = visibleBlocks(run.raw);
        for (const [where, seen, meant] of READINGS[c.host](blocks, run.profile)) {
          if (reading(seen) !== reading(meant))
            problems.push(
              `${run.label}, ${where}:\n    meant ${JSON.stringify(meant.slice(0, 160))}\n    read  ${JSON.stringify(seen?.slice(0, 160))}`,
            );
        }
      }
      assert.deepEqual(problems, []);
    });

    it('plain identifiers, braces and arrows appear in the raw brief as typed, without backslashes', function () {
      const plainRuns = runs.filter((run) => Object.values(run.profile).some((v) => [v].flat().includes(PLAIN)));
      assert.ok(plainRuns.length > 0, 'no run quotes the plain text');
      for (const run of plainRuns) {
        assert.ok(run.raw.includes(PLAIN), `${run.label}: the raw brief does not hold ${JSON.stringify(PLAIN)} as typed`);
        for (const piece of PLAIN_PIECES) assert.ok(run.raw.includes(piece), `${run.label}: ${piece}`);
        assert.doesNotMatch(run.raw, /next\\_cursor|\\\{|-\\>/, `${run.label}: escapes Markdown would not need`);
      }
    });
  });
}
