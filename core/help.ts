/**
 * `--help` of a connector generator, from the field declarations: what the
 * generator writes, its own flags first (required ones marked, defaults
 * shown), then the flags of a run. The bin prints it without loading Yeoman;
 * under yo the generator's help() returns it.
 */
import { dashed, type Field } from './profile/field.js';

/** The flags every connector run takes, besides the profile's fields. */
export const RUN_FLAGS: ReadonlyArray<[flag: string, help: string]> = [
  ['--profile <file>', 'Profile file (JSON or YAML) with any of the flags above; flags win over it'],
  ['--interactive, --no-interactive', 'Ask for what is missing and at conflicts (default: when stdin is a terminal)'],
  ['--ask-answered', 'Ask the stored answers again, each with the stored value as its default'],
  ['--dry-run', 'Print the plan (each file with its status: create, identical, update, keep, merge, conflict, change, delete, obsolete or absent; and the registration edits); write nothing'],
  ['--force', 'Replace every file that differs with what this run generates: no question, no merge'],
  ['--write-conflict-markers', 'Without a terminal, write a merge that conflicts, with its conflict markers, instead of failing'],
  ['--skip-register', "Do not edit the host's files to register the connector; the brief lists the edits"],
  ['--no-color', 'No colour in the output (there is none when the output is not a terminal)'],
  ['-h, --help', 'This help'],
];

const WIDTH = 100;

function defaultShown(field: Field): string | undefined {
  if (field.defaultHelp) return field.defaultHelp;
  const value = field.defaultFor?.({});
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return undefined;
  if (Array.isArray(value)) return value.join(', ');
  // a default is text, a number or a flag (or a list of them); anything else is shown as JSON, not as [object Object]
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

function fieldHelp(field: Field): string {
  const parts = [field.help];
  if (field.choices) parts.push(`one${field.kind === 'choices' ? ' or more' : ''} of: ${field.choices.join(', ')}`);
  if (field.required) parts.push('required');
  const fallback = field.kind === 'boolean' ? undefined : defaultShown(field);
  if (fallback) parts.push(`default: ${fallback}`);
  return parts.join('; ');
}

const valueOf = (field: Field): string =>
  field.kind === 'boolean' ? '' : field.kind === 'choices' || field.kind === 'list' || field.kind === 'records' ? ' <values...>' : ' <value>';
const flagOf = (field: Field): string => `--${dashed(field.name)}${valueOf(field)}`;

/** Words joined into lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

/** Two columns, the second wrapped at WIDTH; `left` is the width of the first. */
function table(rows: ReadonlyArray<[string, string]>, left: number): string {
  const indent = ' '.repeat(2 + left);
  return rows.map(([flag, text]) => `  ${flag.padEnd(left)}${wrap(text, WIDTH - indent.length).join(`\n${indent}`)}`).join('\n');
}

export interface HelpLayout {
  /** the heading of the generator's own flags */
  heading: string;
  /** the flags of a run it takes, after its own run-only fields */
  runFlags: ReadonlyArray<[flag: string, help: string]>;
}

const CONNECTOR_LAYOUT: HelpLayout = { heading: 'Connector flags (anything missing is asked in a terminal):', runFlags: RUN_FLAGS };

export function helpText(usage: string, writes: string, fields: readonly Field[], layout: HelpLayout = CONNECTOR_LAYOUT): string {
  const own = fields.filter((f) => !f.runOnly).map((f): [string, string] => [flagOf(f), fieldHelp(f)]);
  // a host's own run flags (declared as fields, validated as fields) come first among the run flags
  const run = [...fields.filter((f) => f.runOnly).map((f): [string, string] => [flagOf(f), fieldHelp(f)]), ...layout.runFlags];
  const left = Math.max(...[...own, ...run].map(([flag]) => flag.length)) + 2;
  return [
    `Usage: ${usage} [flags]`,
    '',
    ...wrap(writes, WIDTH),
    '',
    layout.heading,
    table(own, left),
    '',
    'Run flags:',
    table(run, left),
  ].join('\n');
}
