/**
 * core/python-scan.ts, the reading of Python source as text that registration edits rely on: the
 * top-level items of a bracketed expression (strings and comments skipped), and the values of simple
 * string literals. What the scanner does not follow makes it give up (undefined), so an edit is
 * refused rather than made in the wrong place.
 */
import assert from 'node:assert/strict';
import { keywordValue, pythonStringValue, scanPythonBrackets } from '../../core/python-scan.js';

/** The items of the bracketed expression that starts at the first `bracket` of `text`, as texts. */
function itemsOf(text: string, bracket = '['): string[] | undefined {
  return scanPythonBrackets(text, text.indexOf(bracket))?.items.map((item) => item.text);
}

describe('core/python-scan', function () {
  describe('the items between brackets', function () {
    it('are the top-level comma-separated items, without the whitespace around them', function () {
      assert.deepEqual(itemsOf('X = [a, b,\n    c]'), ['a', 'b', 'c']);
    });

    it('give the offset of the closing bracket and of each item, so an edit can insert beside them', function () {
      const text = 'X = (first, second)\n';
      const scan = scanPythonBrackets(text, text.indexOf('('));
      assert.ok(scan, 'the scanner gave up');
      assert.equal(scan.close, text.indexOf(')'));
      assert.deepEqual(
        scan.items.map(({ start, end }) => text.slice(start, end)),
        ['first', 'second'],
      );
      assert.deepEqual(scan.items[1], { start: text.indexOf('second'), end: text.indexOf(')'), text: 'second' });
    });

    it('keep nested brackets inside one item, of any kind', function () {
      assert.deepEqual(itemsOf('X = [f(a, b), {"k": [1, 2]}, (c, d)]'), ['f(a, b)', '{"k": [1, 2]}', '(c, d)']);
    });

    it('end at the closing bracket, a trailing comma adding no item, and an empty pair has none', function () {
      assert.deepEqual(itemsOf('X = [\n    a,\n    b,\n]\nY = [z]'), ['a', 'b']);
      assert.deepEqual(itemsOf('X = []'), []);
    });

    it('skip comments, with the brackets and commas in them', function () {
      assert.deepEqual(itemsOf('X = [\n    a,  # not ], not, an item\n    # c,\n    b,\n]'), ['a', 'b']);
    });

    it('skip strings, with the brackets, commas, quotes and # in them', function () {
      assert.deepEqual(itemsOf(`X = ["a, ]", 'b # (', "it's", 'say "hi"', "back\\"slash, ]"]`), [
        '"a, ]"',
        "'b # ('",
        `"it's"`,
        `'say "hi"'`,
        '"back\\"slash, ]"',
      ]);
    });

    it('skip triple-quoted strings, over several lines', function () {
      assert.deepEqual(itemsOf('X = ["""one,\n]two""", b]'), ['"""one,\n]two"""', 'b']);
    });

    it('take a string with a prefix as one item (r, f, b)', function () {
      assert.deepEqual(itemsOf(`X = [r"a\\d,", f'{x}]', b"z"]`), [`r"a\\d,"`, `f'{x}]'`, 'b"z"']);
    });

    it('give up on what they do not follow: an unterminated string, a bracket that does not match, no closing bracket', function () {
      assert.equal(scanPythonBrackets('X = ["a, b]\n', 4), undefined, 'a string cut by the end of its line');
      assert.equal(scanPythonBrackets('X = [f(a], b)', 4), undefined, 'brackets crossed');
      assert.equal(scanPythonBrackets('X = [a, b', 4), undefined, 'never closed');
      assert.equal(scanPythonBrackets('X = ["""never closed', 4), undefined, 'a triple-quoted string never closed');
    });
  });

  describe('the value of a simple string literal', function () {
    it('is the text between single or double quotes, with the whitespace around the literal left out', function () {
      assert.equal(pythonStringValue("'Mysql'"), 'Mysql');
      assert.equal(pythonStringValue('  "Mysql"\n'), 'Mysql');
      assert.equal(pythonStringValue('""'), '');
    });

    it('reads the escapes of newline, tab, carriage return, backslash and quotes, and keeps any other as written', function () {
      assert.equal(pythonStringValue(String.raw`"a\nb\tc\rd\\e\'f\"g"`), 'a\nb\tc\rd\\e\'f"g');
      assert.equal(pythonStringValue(String.raw`"\d\x41"`), String.raw`\d\x41`);
    });

    it('keeps every backslash of a raw string, and reads a u string as a plain one', function () {
      assert.equal(pythonStringValue(String.raw`r"\d+\n"`), String.raw`\d+\n`);
      assert.equal(pythonStringValue(String.raw`R'\w'`), String.raw`\w`);
      assert.equal(pythonStringValue(String.raw`u"a\tb"`), 'a\tb');
    });

    it('is undefined for anything else: f-strings, bytes, triple quotes, concatenations, names, unterminated literals', function () {
      for (const literal of ['f"{x}"', 'b"x"', '"""x"""', '"a" "b"', '"a" + b', 'NAME', '"open', `"a'`, '"line\nbreak"']) {
        assert.equal(pythonStringValue(literal), undefined, literal);
      }
    });
  });

  describe('the value of a keyword argument in a call', function () {
    it('is the string given to the keyword, quoted either way, with or without spaces around =', function () {
      assert.equal(keywordValue('dict(name=\'A\', type="B")', 'name'), 'A');
      assert.equal(keywordValue('dict(name=\'A\', type="B")', 'type'), 'B');
      assert.equal(keywordValue('Entry(\n    name = "spaced",\n)', 'name'), 'spaced');
    });

    it('matches the keyword as a whole word: display_name is not name', function () {
      assert.equal(keywordValue('dict(display_name="Shown", name="real")', 'name'), 'real');
      assert.equal(keywordValue('dict(display_name="Shown")', 'name'), undefined);
    });

    it('is undefined when the keyword is absent or its value is not a simple string', function () {
      assert.equal(keywordValue('dict(type="B")', 'name'), undefined);
      assert.equal(keywordValue('dict(name=NAME)', 'name'), undefined);
      assert.equal(keywordValue('dict(name=f"{x}")', 'name'), undefined);
    });

    it('reads the escapes and prefixes of the literal as pythonStringValue does', function () {
      assert.equal(keywordValue(String.raw`dict(pattern=r"\d+", label='it\'s')`, 'pattern'), String.raw`\d+`);
      assert.equal(keywordValue(String.raw`dict(pattern=r"\d+", label='it\'s')`, 'label'), "it's");
    });
  });
});
