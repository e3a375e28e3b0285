/**
 * core/text.ts, the escaping helpers every template relies on for free text:
 * the Python literals evaluate back to the exact text and survive black; the
 * Markdown helpers keep to one line (or one quote line per input line) with
 * every special character escaped.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { markdownBullets, markdownInline, markdownQuote, pythonSingleQuoted, pythonString } from '../../core/text.js';
import { skipWithReason } from '../support/fixtures.js';
import { tempDir } from '../support/generate.js';
import { blackCheck, compileErrors, flake8Errors, missingPythonTools } from '../support/python.js';
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

/** Evaluates a Python file's VALUES list and returns it as JSON-decoded strings. */
function evaluate(file: string): string[] {
  const script = 'import ast, json, sys\nsource = open(sys.argv[1]).read()\ntree = ast.parse(source)\nprint(json.dumps(ast.literal_eval(tree.body[0].value)))';
  const result = spawnSync('python3', ['-c', script, file], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as string[];
}

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
      assert.deepEqual(evaluate(path.join(dir, file)), [...TEXTS]);
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

  it('markdownQuote: one quote line per input line; _none_ for empty text', function () {
    assert.equal(markdownQuote(''), '_none_');
    assert.equal(markdownQuote('\n\n'), '_none_');
    for (const text of TEXTS.filter((t) => t.trim() !== '')) {
      const lines = markdownQuote(text).split('\n');
      assert.equal(lines.length, text.trim().split(/\r\n|\r|\n/).length, JSON.stringify(text.slice(0, 60)));
      for (const line of lines) assert.match(line, /^>( |$)/);
    }
  });

  it('markdownBullets: one bullet line per entry; _none_ for no entries', function () {
    assert.equal(markdownBullets([]), '_none_');
    const lines = markdownBullets(TEXTS).split('\n');
    assert.equal(lines.length, TEXTS.length);
    for (const line of lines) assert.match(line, /^- /);
  });
});
