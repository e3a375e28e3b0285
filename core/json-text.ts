/**
 * Editing a JSON file as text: a parser that records where every value sits,
 * and insertions after the last element of an array that copy the array's
 * layout (one line or one element per line, indentation, key separator, line
 * endings). The rest of the file stays byte for byte.
 */
import { eolOf, indentBefore, insertAt } from './text-edit.js';

export interface JsonEntry {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: JsonNode;
}

export type JsonNode =
  | { kind: 'object'; start: number; end: number; entries: JsonEntry[] }
  | { kind: 'array'; start: number; end: number; items: JsonNode[] }
  | { kind: 'scalar'; start: number; end: number; value: string | number | boolean | null };

export type JsonObject = Extract<JsonNode, { kind: 'object' }>;
export type JsonArray = Extract<JsonNode, { kind: 'array' }>;

export class JsonTextError extends Error {}

const LITERAL = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/;

/** Parses JSON text into located nodes; throws JsonTextError on invalid JSON. */
export function parseLocated(text: string): JsonNode {
  let pos = 0;
  const fail = (what: string): never => {
    const line = text.slice(0, pos).split('\n').length;
    throw new JsonTextError(`invalid JSON at line ${line}: ${what}`);
  };
  const skip = (): void => {
    while (pos < text.length && /[ \t\r\n\ufeff]/.test(text[pos]!)) pos++;
  };
  /** Consumes `close` (after optional space) and says whether it was there. */
  const closes = (close: string): boolean => {
    skip();
    if (text[pos] !== close) return false;
    pos++;
    return true;
  };
  /** Consumes the `,` between two members, or the closing bracket (then returns true). */
  const nextOrClose = (close: string): boolean => {
    skip();
    if (text[pos] === ',') {
      pos++;
      return false;
    }
    if (text[pos] === close) {
      pos++;
      return true;
    }
    return fail(`expected "," or "${close}"`);
  };
  const readString = (): string => {
    const start = pos;
    pos++;
    while (pos < text.length && text[pos] !== '"') pos += text[pos] === '\\' ? 2 : 1;
    if (pos >= text.length) fail('unterminated string');
    pos++;
    return JSON.parse(text.slice(start, pos)) as string;
  };
  const entry = (): JsonEntry => {
    skip();
    if (text[pos] !== '"') fail('expected a key');
    const keyStart = pos;
    const key = readString();
    const keyEnd = pos;
    skip();
    if (text[pos] !== ':') fail('expected ":"');
    pos++;
    return { key, keyStart, keyEnd, value: value() };
  };
  const object = (start: number): JsonNode => {
    pos++;
    const entries: JsonEntry[] = [];
    for (let done = closes('}'); !done; done = nextOrClose('}')) entries.push(entry());
    return { kind: 'object', start, end: pos, entries };
  };
  const array = (start: number): JsonNode => {
    pos++;
    const items: JsonNode[] = [];
    for (let done = closes(']'); !done; done = nextOrClose(']')) items.push(value());
    return { kind: 'array', start, end: pos, items };
  };
  const scalar = (start: number): JsonNode => {
    if (text[pos] === '"') {
      const str = readString();
      return { kind: 'scalar', start, end: pos, value: str };
    }
    const match = LITERAL.exec(text.slice(pos));
    if (!match) return fail('unexpected character');
    pos += match[0].length;
    return { kind: 'scalar', start, end: pos, value: JSON.parse(match[0]) as string | number | boolean | null };
  };
  const value = (): JsonNode => {
    skip();
    if (text[pos] === '{') return object(pos);
    if (text[pos] === '[') return array(pos);
    return scalar(pos);
  };
  const root = value();
  skip();
  if (pos !== text.length) fail('text after the JSON value');
  return root;
}

/** The node at a path of object keys, or undefined. */
export function nodeAt(root: JsonNode, path: string[]): JsonNode | undefined {
  let node: JsonNode | undefined = root;
  for (const key of path) {
    if (node?.kind !== 'object') return undefined;
    node = node.entries.find((e) => e.key === key)?.value;
  }
  return node;
}

/** The plain value of a node. */
export function valueOf(node: JsonNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'array') return node.items.map(valueOf);
  return Object.fromEntries(node.entries.map((e) => [e.key, valueOf(e.value)]));
}

/** Inserts `element` (JSON text) on a line of its own after the array element that ends at `end`, indented by `indent`. */
export const insertElementLineAfter = (text: string, end: number, indent: string, element: string): string =>
  insertAt(text, end, `,${eolOf(text)}${indent}${element}`);

type Item = string | Record<string, string>;

/** What stands between a key and its value in `node`'s first entry; ': ' when `node` is not an object with entries. */
const keySeparator = (text: string, node: JsonNode): string => {
  const first = node.kind === 'object' ? node.entries[0] : undefined;
  return first ? text.slice(first.keyEnd, first.value.start) : ': ';
};

const member = (key: string, value: string, separator: string): string => `${JSON.stringify(key)}${separator}${JSON.stringify(value)}`;

/** `item` on one line. */
const compact = (item: Item, separator: string): string =>
  typeof item === 'string'
    ? JSON.stringify(item)
    : `{${Object.entries(item).map(([k, v]) => member(k, v, separator)).join(', ')}}`;

/** `item` laid out like `last`: an object over several lines when `last` is one, else on one line. */
function renderLike(text: string, last: JsonNode, item: Item, separator: string, indent: string): string {
  if (typeof item === 'string' || last.kind !== 'object' || !text.slice(last.start, last.end).includes('\n')) {
    return compact(item, separator);
  }
  const firstKey = last.entries[0];
  const innerIndent = firstKey ? indentBefore(text, firstKey.keyStart) : undefined;
  if (innerIndent === undefined) throw new JsonTextError('cannot tell the indentation inside the last element');
  const eol = eolOf(text);
  const lines = Object.entries(item).map(([k, v]) => `${innerIndent}${member(k, v, separator)}`);
  return `{${eol}${lines.join(`,${eol}`)}${eol}${indent}}`;
}

/**
 * Inserts `item` (a string, or an object of string values) after the last
 * element of `array`, in the array's layout. Throws JsonTextError when the
 * array is empty or its layout cannot be copied.
 */
export function appendToArray(text: string, array: JsonNode, item: Item): string {
  if (array.kind !== 'array') throw new JsonTextError('not an array');
  const last = array.items[array.items.length - 1];
  if (!last) throw new JsonTextError('the array is empty, so there is no layout to copy');
  const separator = keySeparator(text, last);
  const onePerLine = text.slice(array.start, array.items[0]!.start).includes('\n');
  if (!onePerLine) return insertAt(text, last.end, `, ${compact(item, separator)}`);
  const indent = indentBefore(text, last.start);
  if (indent === undefined) throw new JsonTextError('the last element does not start its own line');
  return insertElementLineAfter(text, last.end, indent, renderLike(text, last, item, separator, indent));
}
