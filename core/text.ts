/**
 * Free text from the user, made safe for each output language (Markdown,
 * shell words, Python literals). Templates print these results as they are;
 * they never escape anything themselves.
 */

/** Characters that can start code, emphasis, links, HTML, headings, table cells or strike-through anywhere in a line. */
const MARKDOWN_SPECIAL = /[\\`*_{}[\]<>#|~]/g;
/** What only matters at the start of a line: list markers (`-`, `+`, `1.`) and setext underlines (`===`, `---`). */
const MARKDOWN_LINE_START = /^([-+=]|\d+(?=[.)]))/;

/** One line with every special character escaped, also `{` and `}`: for MDX pages (and the Markdown beside them), where braces are code. */
export const markdownInline = (text: string): string =>
  oneLine(text)
    .replace(MARKDOWN_SPECIAL, (c) => `\\${c}`)
    .replace(MARKDOWN_LINE_START, (start) => (/\d/.test(start) ? `${start}\\` : `\\${start}`));

/** Line breaks and tabs as single spaces, no space at either end. */
const oneLine = (text: string): string => text.replace(/[\r\n\t]+/g, ' ').trim();

/**
 * Where CommonMark text sits, which decides what can change its meaning: `inline` inside a line (after
 * other text), `lineStart` at the start of a block (a list item, a quote line), where `#`, `-`, `>` or `1.`
 * would start a heading, list or quote, and `tableCell` inside a (GFM) table cell, where `|` ends the cell.
 */
export type MarkdownPlace = 'inline' | 'lineStart' | 'tableCell';

/**
 * One line of CommonMark that renders as the literal text, with a backslash only where Markdown would
 * otherwise change the meaning (people and agents read the raw file): `next_cursor`, `{id}`, `->` and
 * `a * b` stay as typed. Backticks the text pairs itself stay a code span, as the user wrote them.
 */
export function markdownLiteral(text: string, place: MarkdownPlace = 'inline'): string {
  const line = oneLine(text);
  const escaped = new Set<number>([...inlineEscapes(line), ...(place === 'lineStart' ? lineStartEscapes(line) : [])]);
  // GFM splits a table row at every unescaped pipe before anything else, inside code spans too
  if (place === 'tableCell') for (let i = 0; i < line.length; i += 1) if (line[i] === '|') escaped.add(i);
  // by UTF-16 unit, as the indexes are: a backslash only ever goes before an ASCII character
  return line
    .split('')
    .map((c, i) => (escaped.has(i) ? `\\${c}` : c))
    .join('');
}

/**
 * A Markdown blockquote of the literal text, one paragraph per line, so every line renders on a line of its
 * own (blank lines only separate them); `_none_` when empty.
 */
export function markdownQuote(text: string): string {
  const lines = text.split(/\r\n|\r|\n/).map(oneLine).filter((line) => line !== '');
  if (lines.length === 0) return '_none_';
  return lines.map((line) => `> ${markdownLiteral(line, 'lineStart')}`).join('\n>\n');
}

/** A bullet list of literal entries; `_none_` when empty. */
export const markdownBullets = (items: readonly string[]): string =>
  items.length === 0 ? '_none_' : items.map((item) => `- ${markdownLiteral(item, 'lineStart')}`).join('\n');

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
// CommonMark 0.31: Unicode punctuation is the P and S categories; whitespace the Zs category and tab, line feed, form feed, carriage return
const isPunctuation = (c: string | undefined): boolean => c !== undefined && /[\p{P}\p{S}]/u.test(c);
const isWhitespace = (c: string | undefined): boolean => c === undefined || /[\s\p{Zs}]/u.test(c);

/** Index ranges [start, end) of the code spans the text's own backticks make, by CommonMark's pairing, and the backticks no run closes. */
function backtickRuns(line: string): { spans: Array<[number, number]>; unmatched: number[] } {
  const runs = [...line.matchAll(/`+/g)].map((m) => ({ start: m.index, length: m[0].length }));
  const spans: Array<[number, number]> = [];
  const unmatched: number[] = [];
  // the runs up to this index are inside (or close) the span just found
  let closedAt = -1;
  for (const [i, open] of runs.entries()) {
    if (i <= closedAt) continue;
    const close = runs.findIndex((r, j) => j > i && r.length === open.length);
    const closing = runs[close];
    if (closing === undefined) {
      for (let k = 0; k < open.length; k += 1) unmatched.push(open.start + k);
    } else {
      spans.push([open.start, closing.start + open.length]);
      closedAt = close;
    }
  }
  return { spans, unmatched };
}

/** Whether a run of `*`, `_` or `~` can open or close emphasis (or strike-through), by CommonMark's flanking rules. */
function delimiterActs(delimiter: string, before: string | undefined, after: string | undefined): boolean {
  const left = !isWhitespace(after) && (!isPunctuation(after) || isWhitespace(before) || isPunctuation(before));
  const right = !isWhitespace(before) && (!isPunctuation(before) || isWhitespace(after) || isPunctuation(after));
  if (delimiter !== '_') return left || right;
  // an underscore inside a word (next_cursor) neither opens nor closes
  return (left && (!right || isPunctuation(before))) || (right && (!left || isPunctuation(after)));
}

const ENTITY = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/;
/** What after `<` makes raw HTML (a tag, a closing tag, a comment, a declaration) or an autolink (a scheme, an e-mail address). */
const HTML_OR_AUTOLINK = /^<(?:[A-Za-z/!?]|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@)/;

/** The characters outside the text's code spans that need a backslash wherever the line sits. */
function inlineEscapes(line: string): number[] {
  const { spans, unmatched } = backtickRuns(line);
  const inSpan = (i: number): boolean => spans.some(([start, end]) => i >= start && i < end);
  const escapes = [...unmatched];
  for (let i = 0; i < line.length; i += 1) {
    const c = line.charAt(i);
    if (inSpan(i)) continue;
    const rest = line.slice(i);
    if (c === '\\') {
      // before punctuation it would escape it; at the end, the template's next character may be punctuation
      if (i === line.length - 1 || ASCII_PUNCTUATION.test(line.charAt(i + 1))) escapes.push(i);
    } else if (c === '*' || c === '_' || c === '~') {
      let end = i;
      while (line[end] === c) end += 1;
      // at either end of the text the neighbour is the template's: such a run is escaped whatever it is
      if (i === 0 || end === line.length || delimiterActs(c, line[i - 1], line[end])) for (let k = i; k < end; k += 1) escapes.push(k);
      i = end - 1;
    } else if (c === '<') {
      if (HTML_OR_AUTOLINK.test(rest)) escapes.push(i);
    } else if (c === '&') {
      if (ENTITY.test(rest)) escapes.push(i);
    } else if (c === '[') {
      // an inline link needs `](` (or a `]` at the end, where the template goes on)
      if (/\](?:\(|$)/.test(rest)) escapes.push(i);
    }
  }
  return escapes;
}

/** What starts a block at the start of a line: a heading, a quote, a list item, a thematic break, a link definition, a task box. */
function lineStartEscapes(line: string): number[] {
  if (/^(?:#{1,6}(?:\s|$)|>|[-+](?:\s|$)|-(?:\s*-){2,}\s*$|\[[^\]]*\]:|\[[ xX]\](?:\s|$))/.test(line)) return [0];
  const ordered = /^\d{1,9}(?=[.)](?:\s|$))/.exec(line);
  return ordered ? [ordered[0].length] : [];
}

const longestBacktickRun = (text: string): number => Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));

/** A Markdown code span of the literal text, whatever backticks it holds. */
export function codeSpan(text: string): string {
  const ticks = '`'.repeat(longestBacktickRun(text) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/** A Markdown code fence longer than any backtick run in the text, so the text cannot close it. */
export function codeBlock(text: string, info = ''): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
  return `${fence}${info}\n${text}\n${fence}`;
}

/** A shell word: single-quoted, with embedded single quotes closed, escaped and reopened. */
export const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * A Python single-quoted string literal (flake8-clean). black (default settings) rewrites it in double
 * quotes unless the text holds more double than single quotes: use pythonString where black must not
 * change the file, this where the surrounding code keeps single quotes (black --skip-string-normalization).
 */
export const pythonSingleQuoted = (text: string): string =>
  `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;

const pythonEscapes = (text: string, quote: string): string =>
  // eslint-disable-next-line no-control-regex -- the control characters are what this escapes
  text.replace(/[\\\x00-\x1f\x7f]|['"]/g, (c) => {
    if (c === '\\') return '\\\\';
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    if (c === "'" || c === '"') return c === quote ? `\\${c}` : c;
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });

/**
 * A Python string literal in the quotes black (default settings) keeps: double quotes, or single
 * quotes when the text holds more double quotes than single quotes (fewer escapes). Control
 * characters are escaped, so the literal is always one line.
 */
export const pythonString = (text: string): string => {
  const doubles = (text.match(/"/g) ?? []).length;
  const singles = (text.match(/'/g) ?? []).length;
  const quote = doubles > singles ? "'" : '"';
  return `${quote}${pythonEscapes(text, quote)}${quote}`;
};
