/**
 * Positions and insertions in the text of a host file. Registration edits
 * insert lines and leave every other byte as it was, so they work on offsets
 * into the text rather than on parsed values.
 */

/** The line ending of a file: CRLF when it has one anywhere, else LF. */
export const eolOf = (text: string): string => (text.includes('\r\n') ? '\r\n' : '\n');

/** Offset of the first character of the line that holds `offset`. */
export const lineStart = (text: string, offset: number): number => text.lastIndexOf('\n', offset - 1) + 1;

/** Offset just past the line ending of the line that holds `offset` (the end of the text on a last line without one). */
export const lineEnd = (text: string, offset: number): number => {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : end + 1;
};

/** The spaces and tabs that start the line holding `offset`. */
export const indentOfLine = (text: string, offset: number): string => /^[ \t]*/.exec(text.slice(lineStart(text, offset)))?.[0] ?? '';

/** The spaces and tabs before `offset` when nothing else precedes it on its line; undefined otherwise. */
export const indentBefore = (text: string, offset: number): string | undefined => {
  const prefix = text.slice(lineStart(text, offset), offset);
  return /^[ \t]*$/.test(prefix) ? prefix : undefined;
};

/** `text` with `insert` inserted at `offset`. */
export const insertAt = (text: string, offset: number, insert: string): string => text.slice(0, offset) + insert + text.slice(offset);
