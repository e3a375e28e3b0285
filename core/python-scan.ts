/**
 * Reading Python source as text, for registration edits that insert lines
 * into a host's Python files: the items of a bracketed expression (strings
 * and comments skipped) and the values of simple string literals. No Python
 * runs; anything the scanner does not follow makes it give up (undefined).
 */
import { lineEnd } from './text-edit.js';

/** Index just past the string literal starting at `i` with `quote` (any prefix already skipped), or -1 when unterminated. */
function skipPythonString(text: string, i: number, quote: string): number {
  const triple = text.startsWith(quote.repeat(3), i);
  const close = triple ? quote.repeat(3) : quote;
  let j = i + close.length;
  while (j < text.length) {
    if (text[j] === '\\') j += 2;
    else if (text.startsWith(close, j)) return j + close.length;
    else if (!triple && text[j] === '\n') return -1;
    else j += 1;
  }
  return -1;
}

/** One top-level item between brackets: its offsets and text. */
export interface PyItem {
  start: number;
  end: number;
  text: string;
}

/**
 * Scans Python source from an opening bracket: the index of its closing bracket,
 * and the top-level comma-separated items between them (strings and comments skipped).
 */
export function scanPythonBrackets(text: string, open: number): { close: number; items: PyItem[] } | undefined {
  const pairs: Record<string, string> = { '[': ']', '(': ')', '{': '}' };
  const closer = pairs[text.charAt(open)];
  // not at an opening bracket: nothing to follow
  if (closer === undefined) return undefined;
  const stack: string[] = [closer];
  const items: PyItem[] = [];
  let itemStart = -1;
  let itemEnd = -1;
  const flush = (): void => {
    if (itemStart >= 0) items.push({ start: itemStart, end: itemEnd, text: text.slice(itemStart, itemEnd) });
    itemStart = -1;
  };
  for (let i = open + 1; i < text.length; ) {
    const c = text.charAt(i);
    if (c === '#') {
      i = lineEnd(text, i);
      continue;
    }
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    if (stack.length === 1 && c === ',') {
      flush();
      i += 1;
      continue;
    }
    if (stack.length === 1 && c === stack[0]) {
      flush();
      return { close: i, items };
    }
    if (itemStart < 0) itemStart = i;
    if (c === '"' || c === "'") {
      const next = skipPythonString(text, i, c);
      if (next < 0) return undefined;
      i = next;
    } else {
      const opened = pairs[c];
      if (opened !== undefined) stack.unshift(opened);
      else if (c === ')' || c === ']' || c === '}') {
        if (c !== stack[0]) return undefined;
        stack.shift();
      }
      i += 1;
    }
    itemEnd = i;
  }
  return undefined;
}

/** The value of a simple Python string literal ('...' or "..."), or undefined. */
export function pythonStringValue(literal: string): string | undefined {
  const match = /^[rRuU]?(['"])((?:\\.|(?!\1)[^\\\n])*)\1$/.exec(literal.trim());
  if (!match) return undefined;
  const [, , body = ''] = match;
  if (/^[rR]/.test(literal.trim())) return body;
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };
  return body.replace(/\\(.)/g, (_, c: string) => escapes[c] ?? `\\${c}`);
}

/** The string value of `keyword=...` in a call's text, e.g. `name` in `dict(name='A')`; undefined when absent or not a simple string. */
export const keywordValue = (call: string, keyword: string): string | undefined => {
  const match = new RegExp(`\\b${keyword}\\s*=\\s*([rRuU]?(?:'(?:\\\\.|[^'\\\\\\n])*'|"(?:\\\\.|[^"\\\\\\n])*"))`).exec(call);
  const literal = match?.[1];
  return literal === undefined ? undefined : pythonStringValue(literal);
};
