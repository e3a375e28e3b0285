/** A UI file of the checkout, parsed: its syntax tree, and the text edits this module makes to it. */
import type { TS } from './typescript.js';
import { typescript } from './typescript.js';

export interface Parsed {
  ts: typeof TS;
  text: string;
  file: TS.SourceFile;
}

/** The file parsed, or why it cannot be: a syntax error means a shape nothing here should edit. */
export function parse(fileName: string, text: string): Parsed | { error: string } {
  const ts = typescript();
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  // syntax only: the file's imports are not there to resolve
  const { diagnostics } = ts.transpileModule(text, { fileName, reportDiagnostics: true, compilerOptions: { jsx: ts.JsxEmit.Preserve } });
  const first = diagnostics?.[0];
  if (first) return { error: `it does not parse (${ts.flattenDiagnosticMessageText(first.messageText, ' ')})` };
  return { ts, text, file };
}

/** Every node of the tree, depth first. */
export function* nodesOf(ts: typeof TS, root: TS.Node): Generator<TS.Node> {
  const stack: TS.Node[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    yield node;
    const children: TS.Node[] = [];
    ts.forEachChild(node, (child) => {
      children.push(child);
    });
    stack.push(...children.reverse());
  }
}

/** The name a property is written with (`a`, `'a'`, `[E.a]` gives `E.a`). */
export function propertyKey(ts: typeof TS, parsed: Parsed, property: TS.ObjectLiteralElementLike): string | undefined {
  const name = property.name;
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name)) return name.expression.getText(parsed.file);
  return undefined;
}

/** The leading whitespace of the line a position is on. */
export function indentAt(text: string, position: number): string {
  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

/**
 * The text with `entry` added as the last element of a list (an object literal's properties, an array's
 * elements): on a line of its own, indented as the last element, with a trailing comma when the list has one.
 */
export function appendToList(parsed: Parsed, list: TS.NodeArray<TS.Node>, entry: string): string {
  const { text } = parsed;
  const last = list[list.length - 1];
  if (!last) throw new Error('appendToList: the list is empty (a caller that found no element to follow)');
  const indent = indentAt(text, last.getStart(parsed.file));
  if (list.hasTrailingComma) {
    const comma = text.indexOf(',', last.end);
    return `${text.slice(0, comma + 1)}\n${indent}${entry},${text.slice(comma + 1)}`;
  }
  return `${text.slice(0, last.end)},\n${indent}${entry}${text.slice(last.end)}`;
}
