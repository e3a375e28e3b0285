/**
 * Free text from the user, made safe for each output language (Markdown,
 * shell words, Python literals). Templates print these results as they are;
 * they never escape anything themselves.
 */

/** Characters that can start code, emphasis, links, HTML, headings, table cells or strike-through anywhere in a line. */
const MARKDOWN_SPECIAL = /[\\`*_{}[\]<>#|~]/g;
/** What only matters at the start of a line: list markers (`-`, `+`, `1.`) and setext underlines (`===`, `---`). */
const MARKDOWN_LINE_START = /^([-+=]|\d+(?=[.)]))/;

/** One line of Markdown that renders as the literal text: no headings, code, HTML or table breaks. */
export const markdownInline = (text: string): string =>
  text
    .replace(/[\r\n\t]+/g, ' ')
    .trim()
    .replace(MARKDOWN_SPECIAL, (c) => `\\${c}`)
    .replace(MARKDOWN_LINE_START, (start) => (/\d/.test(start) ? `${start}\\` : `\\${start}`));

/** A Markdown blockquote of the literal text, line by line (blank lines at either end dropped); `_none_` when empty. */
export function markdownQuote(text: string): string {
  const lines = text.trim().split(/\r\n|\r|\n/).map((line) => line.trimEnd());
  if (lines.every((line) => line === '')) return '_none_';
  return lines.map((line) => (line === '' ? '>' : `> ${markdownInline(line)}`)).join('\n');
}

/** A bullet list of literal entries; `_none_` when empty. */
export const markdownBullets = (items: readonly string[]): string =>
  items.length === 0 ? '_none_' : items.map((item) => `- ${markdownInline(item)}`).join('\n');

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

/** A JSON string literal, for templates that print a value inside JSON. */
export const jsonString = (text: string): string => JSON.stringify(text);
