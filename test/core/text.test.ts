/**
 * core/text.ts, the escaping helpers every template relies on for free text:
 * the Python literals evaluate back to the exact text and survive black;
 * markdownInline (MDX pages) keeps to one line with every special character
 * escaped; the brief's helpers (markdownLiteral, markdownQuote,
 * markdownBullets) render, through a CommonMark parser, as the exact text,
 * with a backslash only where Markdown would change the meaning.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import {
  markdownBullets,
  markdownInline,
  markdownLiteral,
  markdownQuote,
  pythonSingleQuoted,
  pythonString,
  type MarkdownPlace,
} from '../../core/text.js';
import { foldSpaces, visibleBlocks } from '../support/markdown.js';
import { skipWithReason } from '../support/fixtures.js';
import { tempDir } from '../support/generate.js';
import { blackCheck, compileErrors, flake8Errors, missingPythonTools, pythonModules } from '../support/python.js';
import { HOSTILE } from '../support/hostile.js';

const TEXTS: readonly string[] = [
  ...HOSTILE,
  '',
  'plain',
  "only 'single'",
  'only "double"',
  `one ' two " "`,
  `two '' one "`,
  'tab\there',
  'bell \x07 escape \x1b del \x7f',
  'unicode: é ü 日本 \u2028 end',
];

/** The VALUES list of a Python file in `dir`, as Python evaluates it. */
const evaluate = (dir: string, file: string): unknown => pythonModules(dir, [file])[file]?.assignments.VALUES;

const pythonFile = (dir: string, name: string, literals: string[]): string => {
  writeFileSync(path.join(dir, name), `VALUES = [\n${literals.map((l) => `    ${l},\n`).join('')}]\n`);
  return name;
};

/** Markdown backslash escapes removed. */
const unescapeMarkdown = (text: string): string => text.replace(/\\([\\`*_{}[\]()<>#+\-.!|~=])/g, '$1');

describe('core/text.ts escaping helpers', function () {
  let dir: string;
  before(function () {
    dir = tempDir('connector-text-');
  });

  for (const [label, literal] of [
    ['pythonString', pythonString],
    ['pythonSingleQuoted', pythonSingleQuoted],
  ] as const) {
    it(`${label}: one line, compiles, and evaluates back to the exact text`, function () {
      const literals = TEXTS.map(literal);
      for (const l of literals) assert.ok(!/[\r\n]/.test(l), `${label} gave more than one line: ${l.slice(0, 60)}`);
      const file = pythonFile(dir, `${label}.py`, literals);
      assert.deepEqual(compileErrors(dir, [file]), []);
      assert.deepEqual(evaluate(dir, file), [...TEXTS]);
    });
  }

  it('pythonString: black (default settings) and flake8 leave the literals as they are', function () {
    const missing = missingPythonTools('black', 'flake8');
    if (missing.length > 0) skipWithReason(this, `${missing.join(', ')} not installed`);
    const file = pythonFile(dir, 'black_stable.py', TEXTS.map(pythonString));
    assert.deepEqual(blackCheck(dir, [file]), []);
    assert.deepEqual(flake8Errors(dir, [file], 10_000), []);
  });

  it('markdownInline: one line, every character that is special inside a line escaped, the text otherwise intact', function () {
    for (const text of TEXTS) {
      const inline = markdownInline(text);
      assert.ok(!/[\r\n]/.test(inline), JSON.stringify(inline.slice(0, 60)));
      assert.doesNotMatch(inline, /(?<!\\)[`*_{}[\]<>#|~]/u, JSON.stringify(inline.slice(0, 80)));
      assert.equal(unescapeMarkdown(inline), text.replace(/[\r\n\t]+/g, ' ').trim());
    }
  });

  it('markdownQuote: one quote paragraph per non-blank input line; _none_ for empty text', function () {
    assert.equal(markdownQuote(''), '_none_');
    assert.equal(markdownQuote('\n\n'), '_none_');
    for (const text of TEXTS.filter((t) => t.trim() !== '')) {
      const expected = text
        .split(/\r\n|\r|\n/)
        .map(foldSpaces)
        .filter(Boolean);
      const quote = visibleBlocks(markdownQuote(text));
      assert.ok(
        quote.every((b) => b.kind === 'paragraph_open' && b.within.join() === 'blockquote_open'),
        JSON.stringify(quote).slice(0, 200),
      );
      assert.deepEqual(
        quote.map((b) => reading(b.text)),
        expected.map(reading),
        JSON.stringify(text.slice(0, 60)),
      );
    }
  });

  it('markdownBullets: one bullet per entry, reading as the entry; _none_ for no entries', function () {
    assert.equal(markdownBullets([]), '_none_');
    const entries = TEXTS.filter((t) => t.trim() !== '');
    const items = visibleBlocks(markdownBullets(entries));
    assert.deepEqual(
      items.map((b) => [b.within.join(), reading(b.text)]),
      entries.map((t) => ['bullet_list_open,list_item_open', reading(t)]),
    );
  });

  describe('markdownLiteral: CommonMark (with GFM tables) renders the exact text, with a backslash only where Markdown would change it', function () {
    /** Where a place's text lands in a document, and how to find its visible text in the rendering. */
    const PLACES: Record<
      MarkdownPlace,
      { doc: (text: string) => string; visible: (doc: string) => string | undefined; expect: (text: string) => string }
    > = {
      inline: {
        doc: (text) => `Connector: **${text}** (a database).`,
        visible: (doc) => visibleBlocks(doc)[0]?.text,
        expect: (text) => `Connector: ⟦strong_open⟧${text}⟦strong_close⟧ (a database).`,
      },
      lineStart: {
        doc: (text) => `- ${text}: no client method, see \`client.py\``,
        visible: (doc) =>
          visibleBlocks(doc)
            .map((b) => `${b.within.join()}|${b.text}`)
            .join('⟦block⟧'),
        expect: (text) => `bullet_list_open,list_item_open|${text}: no client method, see \`client.py\``,
      },
      tableCell: {
        doc: (text) => `| Field | Value |\n| --- | --- |\n| Description | ${text} |`,
        visible: (doc) =>
          visibleBlocks(doc)
            .filter((b) => b.kind === 'td_open')
            .map((b) => b.text)
            .join('⟦cell⟧'),
        expect: (text) => `Description⟦cell⟧${text}`,
      },
    };
    const HOSTILE_EDGES = [
      ...TEXTS,
      '*a*',
      '**bold**',
      '_a_',
      'x*y*z',
      '~~gone~~',
      '[a](b)',
      '![i](p)',
      '[ref]: /url',
      '[x] done',
      '<http://x.y>',
      '<a@b.cd>',
      '<b>html</b>',
      '&amp; &#65; &#x41;',
      '1. one',
      '2) two',
      '- item',
      '+ item',
      '* item',
      '> quote',
      '---',
      '***',
      '___',
      '- - -',
      '~~~',
      '```',
      '`` a ` b ``',
      '`unclosed',
      'a\\*b',
      'a\\',
      '#1 and # 2',
      '###### six',
      '####### seven',
      '| a | b |',
      'x_',
      '_x',
    ];

    for (const [place, { doc, visible, expect }] of Object.entries(PLACES) as Array<[MarkdownPlace, (typeof PLACES)[MarkdownPlace]]>) {
      it(`${place}: every hostile text reads as itself`, function () {
        for (const text of HOSTILE_EDGES.filter((t) => foldSpaces(t) !== '')) {
          const rendered = doc(markdownLiteral(text, place));
          assert.equal(reading(visible(rendered) ?? ''), reading(expect(foldSpaces(text))), `${JSON.stringify(text)} as ${JSON.stringify(rendered)}`);
        }
      });

      it(`${place}: random text of Markdown's special characters reads as itself (fast-check, seed 17)`, function () {
        const alphabet = fc.constantFrom(...'ab1 _*~`\\<>[]()!#-+.&;|:=/@"\'{}%^é…—'.split(''), 'amp', 'http:', '\n');
        fc.assert(
          fc.property(
            fc
              .array(alphabet, { maxLength: 16 })
              .map((a) => a.join(''))
              .filter((t) => foldSpaces(t) !== ''),
            (text) => {
              const rendered = doc(markdownLiteral(text, place));
              assert.equal(
                reading(visible(rendered) ?? ''),
                reading(expect(foldSpaces(text))),
                `${JSON.stringify(text)} as ${JSON.stringify(rendered)}`,
              );
            },
          ),
          { numRuns: 5000, seed: 17 },
        );
      });
    }

    it('leaves what Markdown reads literally as it is: identifiers, braces, arrows, paths, lone stars, balanced code spans', function () {
      for (const text of [
        'next_cursor',
        'snake_case_name',
        'GET /charts/{id}',
        'a -> b',
        'a => b',
        'x < y > z',
        'a * b',
        'a <= b',
        'C:\\path\\file',
        'page=1&size=10',
        '#1',
        'a | b',
        'use `code` here',
        '1.5 seconds',
      ]) {
        for (const place of ['inline', 'lineStart'] as const) assert.equal(markdownLiteral(text, place), text, `${place}: ${text}`);
      }
      assert.equal(markdownLiteral('a | b', 'tableCell'), 'a \\| b');
    });
  });
});

/** Spaces just inside a code span are not shown (CommonMark strips one each side): compare without them. */
const reading = (text: string): string => foldSpaces(text).replace(/ ?(`+) ?/g, '$1');
