/**
 * Format-preserving insertions into JSON host files, on jsonc-parser (the
 * parser VS Code edits settings with). jsonc-parser computes the edit; this
 * module only tells it the file's layout (indentation unit, one element per
 * line or all on one line) and refuses an edit that would touch any byte
 * other than the ones it inserts.
 */
import { applyEdits, format, getNodePath, modify, parseTree, printParseErrorCode, type FormattingOptions, type Node, type ParseError } from 'jsonc-parser';
import { eolOf, indentBefore, indentOfLine } from './text-edit.js';

export type { Node as JsonNode } from 'jsonc-parser';
export { findNodeAtLocation as nodeAt, getNodeValue as valueOf } from 'jsonc-parser';

export class JsonEditError extends Error {}

/** Host files are plain JSON: comments and trailing commas count as errors. */
const STRICT = { allowTrailingComma: false, disallowComments: true };

/** The parsed tree of `text`; throws JsonEditError naming the line of the first error. */
export function parseJson(text: string): Node {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, STRICT);
  const [first] = errors;
  if (first || !root) {
    const line = text.slice(0, first?.offset ?? 0).split('\n').length;
    throw new JsonEditError(`invalid JSON at line ${line}: ${first ? printParseErrorCode(first.error) : 'no value'}`);
  }
  return root;
}

/** The indentation step of the array's elements relative to the line that opens it, as jsonc-parser's formatter takes it. */
function indentationOf(text: string, array: Node, first: Node): FormattingOptions {
  const outer = indentOfLine(text, array.offset);
  const inner = indentBefore(text, first.offset);
  const step = inner?.startsWith(outer) ? inner.slice(outer.length) : '';
  if (/^ +$/.test(step)) return { insertSpaces: true, tabSize: step.length, eol: eolOf(text) };
  if (/^\t+$/.test(step)) return { insertSpaces: false, tabSize: 4, eol: eolOf(text) };
  throw new JsonEditError('cannot tell the indentation of the array elements');
}

type Layout = 'one line' | 'one per line';

function layoutOf(text: string, array: Node, elements: Node[]): Layout {
  const last = elements.at(-1);
  if (!last) throw new JsonEditError('the array is empty, so there is no layout to copy');
  if (!text.slice(array.offset, last.offset + last.length).includes('\n')) return 'one line';
  if (elements.every((element) => indentBefore(text, element.offset) !== undefined)) return 'one per line';
  throw new JsonEditError('the array has elements on one line and elements on lines of their own');
}

/**
 * `item` inserted at `index` of `array` (a node of `text`'s tree), laid out
 * like the array's elements: on a line of its own (objects spread over lines)
 * when they are one per line, else after the separator they have between
 * them. Every other byte stays. Throws JsonEditError when the array is empty
 * (no layout to copy) or mixes both layouts.
 */
export function insertIntoArray(text: string, array: Node, index: number, item: unknown): string {
  const elements = array.children ?? [];
  const [first, second] = elements;
  if (array.type !== 'array' || !first) throw new JsonEditError('the array is empty, so there is no layout to copy');
  // jsonc-parser's edit, unformatted: `,<item>` after the element before `index`, or `<item>,` after `[`
  const [edit] = modify(text, [...getNodePath(array), index], item, { isArrayInsertion: true });
  if (!edit) throw new JsonEditError('jsonc-parser found nothing to insert');
  const comma = index === 0 ? /,$/ : /^,/;
  if (layoutOf(text, array, elements) === 'one line') {
    const separator = second ? text.slice(first.offset + first.length, second.offset) : ', ';
    return checkedInsertion(text, applyEdits(text, [{ ...edit, content: edit.content.replace(comma, separator) }]));
  }
  // A line break where the item's line starts, then jsonc-parser's formatter over the inserted bytes only
  // (modify()'s own formatting would also reformat the line of the element before, e.g. a one-line object).
  const options = indentationOf(text, array, first);
  const content = index === 0 ? `${options.eol}${edit.content}` : edit.content.replace(comma, `,${options.eol}`);
  const inserted = applyEdits(text, [{ ...edit, content }]);
  const range = { offset: edit.offset, length: content.length };
  return checkedInsertion(text, applyEdits(inserted, format(inserted, range, options)));
}

/** `edited`, once it is `text` with bytes inserted at one place and still valid JSON. */
function checkedInsertion(text: string, edited: string): string {
  let head = 0;
  while (head < text.length && text[head] === edited[head]) head++;
  if (edited.length <= text.length || !edited.endsWith(text.slice(head))) throw new JsonEditError('the edit would change bytes around the insertion');
  parseJson(edited);
  return edited;
}
