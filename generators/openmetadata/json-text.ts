/**
 * Editing a JSON file as text: a parser that records where every value sits,
 * and an append that inserts one element after the last element of an array,
 * copying the array's layout (one line or one element per line, indentation,
 * key separator, line endings). The rest of the file stays byte for byte.
 */

export type JsonNode =
  | { kind: 'object'; start: number; end: number; entries: Array<{ key: string; keyStart: number; keyEnd: number; value: JsonNode }> }
  | { kind: 'array'; start: number; end: number; items: JsonNode[] }
  | { kind: 'scalar'; start: number; end: number; value: string | number | boolean | null };

export class JsonTextError extends Error {}

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
  const readString = (): string => {
    const start = pos;
    pos++;
    while (pos < text.length && text[pos] !== '"') pos += text[pos] === '\\' ? 2 : 1;
    if (pos >= text.length) fail('unterminated string');
    pos++;
    return JSON.parse(text.slice(start, pos)) as string;
  };
  const value = (): JsonNode => {
    skip();
    const start = pos;
    const c = text[pos];
    if (c === '{') {
      pos++;
      const entries: Array<{ key: string; keyStart: number; keyEnd: number; value: JsonNode }> = [];
      skip();
      if (text[pos] === '}') {
        pos++;
        return { kind: 'object', start, end: pos, entries };
      }
      for (;;) {
        skip();
        if (text[pos] !== '"') fail('expected a key');
        const keyStart = pos;
        const key = readString();
        const keyEnd = pos;
        skip();
        if (text[pos] !== ':') fail('expected ":"');
        pos++;
        entries.push({ key, keyStart, keyEnd, value: value() });
        skip();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === '}') {
          pos++;
          return { kind: 'object', start, end: pos, entries };
        }
        fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      pos++;
      const items: JsonNode[] = [];
      skip();
      if (text[pos] === ']') {
        pos++;
        return { kind: 'array', start, end: pos, items };
      }
      for (;;) {
        items.push(value());
        skip();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === ']') {
          pos++;
          return { kind: 'array', start, end: pos, items };
        }
        fail('expected "," or "]"');
      }
    }
    if (c === '"') {
      const str = readString();
      return { kind: 'scalar', start, end: pos, value: str };
    }
    const match = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(pos));
    if (!match) fail('unexpected character');
    pos += match![0].length;
    return { kind: 'scalar', start, end: pos, value: JSON.parse(match![0]) as string | number | boolean | null };
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

const lineStart = (text: string, index: number): number => text.lastIndexOf('\n', index - 1) + 1;
const indentBefore = (text: string, index: number): string | undefined => {
  const prefix = text.slice(lineStart(text, index), index);
  return /^[ \t]*$/.test(prefix) ? prefix : undefined;
};

/**
 * Inserts `item` (a string, or an object of string values) after the last
 * element of `array`, in the array's layout. Throws JsonTextError when the
 * array is empty or its layout cannot be copied.
 */
export function appendToArray(text: string, array: JsonNode, item: string | Record<string, string>): string {
  if (array.kind !== 'array') throw new JsonTextError('not an array');
  const last = array.items[array.items.length - 1];
  if (!last) throw new JsonTextError('the array is empty, so there is no layout to copy');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const multiline = text.slice(array.start, array.items[0]!.start).includes('\n');
  let separator = ': ';
  if (last.kind === 'object' && last.entries[0]) {
    const first = last.entries[0];
    separator = text.slice(first.keyEnd, first.value.start);
  }
  const compact = (value: string | Record<string, string>): string =>
    typeof value === 'string'
      ? JSON.stringify(value)
      : `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}${separator}${JSON.stringify(v)}`).join(', ')}}`;
  if (!multiline) return `${text.slice(0, last.end)}, ${compact(item)}${text.slice(last.end)}`;

  const itemIndent = indentBefore(text, last.start);
  if (itemIndent === undefined) throw new JsonTextError('the last element does not start its own line');
  let rendered = compact(item);
  const lastIsMultilineObject = last.kind === 'object' && text.slice(last.start, last.end).includes('\n');
  if (typeof item !== 'string' && lastIsMultilineObject) {
    const firstKey = (last as Extract<JsonNode, { kind: 'object' }>).entries[0];
    const innerIndent = firstKey ? indentBefore(text, firstKey.keyStart) : undefined;
    if (innerIndent === undefined) throw new JsonTextError('cannot tell the indentation inside the last element');
    const lines = Object.entries(item).map(([k, v]) => `${innerIndent}${JSON.stringify(k)}${separator}${JSON.stringify(v)}`);
    rendered = `{${eol}${lines.join(`,${eol}`)}${eol}${itemIndent}}`;
  }
  return `${text.slice(0, last.end)},${eol}${itemIndent}${rendered}${text.slice(last.end)}`;
}
