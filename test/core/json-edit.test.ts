/**
 * core/json-edit.ts, the insertions registration makes into JSON host files:
 * the result parses to the array with the item in place, every byte of the
 * original is still there around the inserted ones, the new element copies
 * the layout of its neighbours (indentation unit, tabs, CRLF, the separator
 * of a one-line array), and arrays whose layout cannot be copied are refused.
 */
import assert from 'node:assert/strict';
import { insertIntoArray, JsonEditError, nodeAt, parseJson } from '../../core/json-edit.js';

/** `text` with `item` inserted at `index` of the array at `path`. */
function insert(text: string, path: string[], index: number, item: unknown): string {
  return insertIntoArray(text, nodeAt(parseJson(text), path)!, index, item);
}

/** The bytes `after` has in addition to `before`, when it is `before` with one run of bytes inserted. */
function insertedBytes(before: string, after: string): string {
  let head = 0;
  while (head < before.length && before[head] === after[head]) head++;
  assert.equal(after.slice(after.length - (before.length - head)), before.slice(head), 'bytes of the original changed');
  return after.slice(head, after.length - (before.length - head));
}

describe('core/json-edit: insertions that keep the layout of the array', function () {
  it('appends on a line of its own, objects spread over lines at the indentation unit of the file (2 spaces, 4 spaces)', function () {
    for (const unit of ['  ', '    ']) {
      const text = `${JSON.stringify({ list: [{ name: 'A' }, { name: 'B' }] }, null, unit)}\n`;
      const after = insert(text, ['list'], 2, { name: 'C' });
      assert.deepEqual((JSON.parse(after) as { list: unknown[] }).list.at(-1), { name: 'C' });
      const d = unit.repeat(2);
      assert.equal(insertedBytes(text, after), `,\n${d}{\n${d}${unit}"name": "C"\n${d}}`);
    }
  });

  it('keeps tabs and CRLF line endings', function () {
    const text = '{\r\n\t"pages": [\r\n\t\t"a",\r\n\t\t"c"\r\n\t]\r\n}\r\n';
    const after = insert(text, ['pages'], 1, 'b');
    assert.deepEqual((JSON.parse(after) as { pages: string[] }).pages, ['a', 'b', 'c']);
    assert.equal(after, '{\r\n\t"pages": [\r\n\t\t"a",\r\n\t\t"b",\r\n\t\t"c"\r\n\t]\r\n}\r\n');
  });

  it('inserts before the first element on a line of its own', function () {
    const text = '{\n  "pages": [\n    "b"\n  ]\n}\n';
    assert.equal(insert(text, ['pages'], 0, 'a'), '{\n  "pages": [\n    "a",\n    "b"\n  ]\n}\n');
  });

  it('in a one-line array, uses the separator the elements have between them', function () {
    assert.equal(insert('{"e": ["A", "B"]}', ['e'], 2, 'C'), '{"e": ["A", "B", "C"]}');
    assert.equal(insert('{"e":["A","B"]}', ['e'], 2, 'C'), '{"e":["A","B","C"]}');
  });

  it('leaves a neighbour written on one line as it is', function () {
    const text = '[\n  {"name": "A"}\n]\n';
    const after = insert(text, [], 1, { name: 'B' });
    assert.ok(after.startsWith('[\n  {"name": "A"},\n'), after);
    assert.deepEqual(JSON.parse(after), [{ name: 'A' }, { name: 'B' }]);
  });

  it('keeps a closing bracket on the line of the last element where it was', function () {
    const after = insert('{\n  "e": [\n    "A",\n    "B"]\n}\n', ['e'], 2, 'C');
    assert.equal(after, '{\n  "e": [\n    "A",\n    "B",\n    "C"]\n}\n');
  });

  it('refuses an empty array, an array that mixes both layouts, and elements indented unlike their bracket', function () {
    assert.throws(() => insert('{"e": []}', ['e'], 0, 'A'), JsonEditError);
    assert.throws(() => insert('{"e": ["A",\n  "B"\n]}', ['e'], 2, 'C'), /elements on one line and elements on lines of their own/);
    assert.throws(() => insert('{\n  "e": [\n  "A"\n  ]\n}', ['e'], 1, 'C'), /indentation/);
  });

  it('refuses text that is not strict JSON, naming the line', function () {
    assert.throws(() => parseJson('{\n  // note\n  "a": 1\n}'), /line 2/);
    assert.throws(() => parseJson('{"a": [1,]}'), JsonEditError);
    assert.throws(() => parseJson(''), JsonEditError);
  });
});
