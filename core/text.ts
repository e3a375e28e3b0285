/**
 * Free text from the user, made safe for each output language. Templates
 * print these results as they are; they never escape anything themselves.
 */

const MARKDOWN_SPECIAL = /[\\`*_{}[\]()<>#+\-.!|~]/g;

/** One line of Markdown that renders as the literal text: no headings, code, HTML or table breaks. */
export const markdownInline = (text: string): string =>
  text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(MARKDOWN_SPECIAL, (c) => `\\${c}`)
    .trim();

/** A Markdown blockquote of the literal text, line by line; `_none_` when empty. */
export function markdownQuote(text: string): string {
  const lines = text.split(/\r\n|\r|\n/).map((line) => line.trimEnd());
  if (lines.every((line) => line === '')) return '_none_';
  return lines.map((line) => (line === '' ? '>' : `> ${markdownInline(line)}`)).join('\n');
}

/** A bullet list of literal entries; `_none_` when empty. */
export const markdownBullets = (items: readonly string[]): string =>
  items.length === 0 ? '_none_' : items.map((item) => `- ${markdownInline(item)}`).join('\n');

/** A Python single-quoted string literal (flake8-clean; never needs black's quote normalisation). */
export const pythonSingleQuoted = (text: string): string =>
  `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;

/** A JSON string literal, for templates that print a value inside JSON. */
export const jsonString = (text: string): string => JSON.stringify(text);
