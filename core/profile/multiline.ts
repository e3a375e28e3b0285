/**
 * Text of several lines typed at a one-line prompt: `\n` stands for a line
 * break and `\\` for a backslash; any other backslash is itself (so `C:\temp`
 * and `\x00` stay as typed). The default a prompt shows is encoded the same
 * way, so accepting it gives back the stored text exactly.
 */

/** The prompt line of a text: line breaks as `\n`, a backslash doubled only where it would read as part of an escape. */
export function encodePromptLine(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n');
  let out = '';
  for (const [i, c] of lines.split('').entries()) {
    if (c === '\n') out += '\\n';
    // before `n`, a backslash or a line break (which becomes `\n`), a lone backslash would start an escape
    else if (c === '\\' && (lines[i + 1] === 'n' || lines[i + 1] === '\\' || lines[i + 1] === '\n')) out += '\\\\';
    else out += c;
  }
  return out;
}

/** The text a prompt line stands for: `\n` a line break, `\\` a backslash, every other character as typed. */
export function decodePromptLine(line: string): string {
  return line.replace(/\\([n\\])/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
}
