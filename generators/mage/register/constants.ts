/**
 * The SOURCES and SQL_SOURCES lists of mage-ai's constants.py: an entry
 * `dict(name='Display Name', uuid='<uuid>')` inserted in display-name order,
 * in the layout of the entries around it.
 */
import { mageNames, type MageProfile } from '../profile/spec.js';
import { keywordValue, scanPythonBrackets, type PyItem } from '../../../core/python-scan.js';
import { asRegistrationEdit, skipped, type RegistrationEdit, type TextEdit } from '../../../core/registration.js';
import { codeSpan, pythonSingleQuoted } from '../../../core/text.js';
import { eolOf, indentOfLine, insertAt, lineEnd, lineStart } from '../../../core/text-edit.js';
import { readCheckoutFile } from '../../../core/host-checkout.js';
import { MAGE_FACTS } from '../facts/index.js';
import { sortsAfter } from './order.js';

type ListName = 'SOURCES' | 'SQL_SOURCES';

interface SourceEntry extends PyItem {
  name: string;
  uuid?: string;
}

/** Mage's own rule (mage_ai/data_integrations/utils/settings.py get_uuid): the uuid, else the name lowercased with _ for spaces. */
const uuidOfEntry = (entry: SourceEntry): string => entry.uuid ?? entry.name.toLowerCase().replace(/ /g, '_');

interface PyList {
  /** offset of `[` and of its `]` */
  open: number;
  close: number;
  entries: SourceEntry[];
  /** the whole right-hand side of the assignment, e.g. `sorted([...] + SQL_SOURCES, key=...)` */
  expression: string;
}

/** `NAME = [` or `NAME = sorted([` at the start of a line. */
function findSourceList(text: string, name: string): PyList | string {
  const assignment = new RegExp(`^${name}[ \\t]*=[ \\t]*(sorted\\(\\s*)?\\[`, 'm').exec(text);
  if (!assignment) return `no "${name} = [" or "${name} = sorted([" assignment`;
  const open = assignment.index + assignment[0].length - 1;
  const scanned = scanPythonBrackets(text, open);
  if (!scanned) return `the ${name} list is not closed`;
  let expressionEnd = lineEnd(text, scanned.close);
  if (assignment[1]) {
    const sortedOpen = assignment.index + assignment[0].indexOf('(');
    const call = scanPythonBrackets(text, sortedOpen);
    if (!call) return `the sorted( call of ${name} is not closed`;
    expressionEnd = call.close + 1;
  }
  const entries: SourceEntry[] = [];
  for (const item of scanned.items) {
    const entryName = keywordValue(item.text, 'name');
    if (!/^dict\s*\(/.test(item.text) || entryName === undefined) return `an entry of ${name} is not dict(name='...', ...)`;
    entries.push({ ...item, name: entryName, uuid: keywordValue(item.text, 'uuid') });
  }
  return { open, close: scanned.close, entries, expression: text.slice(assignment.index + assignment[0].indexOf('=') + 1, expressionEnd) };
}

/** `dict(name='My API', uuid='my_api')`, one keyword per line when the line would pass flake8's limit. */
export function constantsEntry(profile: Pick<MageProfile, 'name' | 'displayName'>, indent: string, eol = '\n'): string {
  const { className, uuid } = mageNames(profile);
  const keywords = [`name=${pythonSingleQuoted(profile.displayName)}`, `uuid=${pythonSingleQuoted(uuid)}`];
  if (className !== profile.displayName.replace(/ /g, '')) keywords.push(`module_name=${pythonSingleQuoted(className)}`);
  const oneLine = `${indent}dict(${keywords.join(', ')}),`;
  if (oneLine.length <= MAGE_FACTS.flake8MaxLineLength) return oneLine + eol;
  const inner = indent.includes('\t') ? `${indent}\t` : `${indent}    `;
  return [`${indent}dict(`, ...keywords.map((k) => `${inner}${k},`), `${indent}),`].map((line) => line + eol).join('');
}

/** The entry on one line without its trailing comma, as the brief and the manual steps quote it. */
export const constantsEntryLine = (profile: Pick<MageProfile, 'name' | 'displayName'>): string =>
  constantsEntry(profile, '').trim().replace(/\s*\n\s*/g, ' ').replace(/,$/, '');

/** Adds the source to one list of constants.py, sorted by display name. */
export function addToSourceList(text: string, listName: ListName, profile: Pick<MageProfile, 'name' | 'displayName'>, alsoIn: SourceEntry[] = []): TextEdit {
  const list = findSourceList(text, listName);
  if (typeof list === 'string') return { outcome: 'skipped', reason: list };
  if ([...list.entries, ...alsoIn].some((e) => uuidOfEntry(e) === profile.name)) return { outcome: 'present' };
  const eol = eolOf(text);
  const { entries } = list;
  const [first] = entries;
  const last = entries.at(-1);
  if (first === undefined || last === undefined) {
    const between = text.slice(list.open + 1, list.close);
    if (between.trim() !== '') return { outcome: 'skipped', reason: `${listName} holds something other than entries` };
    const indent = indentOfLine(text, list.open);
    const entry = constantsEntry(profile, `${indent}    `, eol);
    return { outcome: 'added', contents: text.slice(0, list.open + 1) + eol + entry + indent + text.slice(list.close) };
  }
  if (lineStart(text, list.close) <= last.start || lineStart(text, first.start) <= list.open) {
    return { outcome: 'skipped', reason: `${listName} is written on one line; add the entry by hand` };
  }
  const indent = indentOfLine(text, first.start);
  const entry = constantsEntry(profile, indent, eol);
  const before = entries.find((e) => sortsAfter(e.name, profile.displayName));
  if (before) return { outcome: 'added', contents: insertAt(text, lineStart(text, before.start), entry) };
  // After the last entry: keep its trailing comma, or give it one.
  const hasComma = text.slice(last.end, list.close).trimStart().startsWith(',');
  const base = hasComma ? text : insertAt(text, last.end, ',');
  const endOfLast = hasComma ? text.indexOf(',', last.end) : last.end;
  return { outcome: 'added', contents: insertAt(base, lineEnd(base, endOfLast), entry) };
}

/** The constants.py edits: SQL_SOURCES for a SQL source (and SOURCES unless it includes SQL_SOURCES), else SOURCES. */
export function constantsEdits(profile: MageProfile, root: string): RegistrationEdit[] {
  const file = MAGE_FACTS.paths.constants;
  // a code span: the display name inside is free text, and the brief prints changes as Markdown
  const change = (listName: string, note = ''): string => `${codeSpan(constantsEntryLine(profile))} in ${listName}${note}`;
  const text = readCheckoutFile(root, file);
  if (typeof text !== 'string') {
    const lists = profile.connectorType === 'sql' ? ['SQL_SOURCES', 'SOURCES'] : ['SOURCES'];
    return lists.map((l) => skipped(file, change(l), text.reason));
  }
  const edits: RegistrationEdit[] = [];
  let current = text;
  const record = (listName: ListName, result: TextEdit, note = ''): void => {
    if (result.outcome === 'added') current = result.contents;
    edits.push(asRegistrationEdit(file, change(listName, note), result));
  };
  const sources = findSourceList(text, 'SOURCES');
  const sqlSources = findSourceList(text, 'SQL_SOURCES');
  const sourcesIncludeSql = typeof sources !== 'string' && /\bSQL_SOURCES\b/.test(sources.expression);
  const sqlEntries = typeof sqlSources === 'string' || !sourcesIncludeSql ? [] : sqlSources.entries;
  if (profile.connectorType === 'sql') {
    record('SQL_SOURCES', addToSourceList(current, 'SQL_SOURCES', profile), sourcesIncludeSql ? ' (SOURCES includes SQL_SOURCES)' : '');
    if (!sourcesIncludeSql) record('SOURCES', addToSourceList(current, 'SOURCES', profile));
  } else {
    record('SOURCES', addToSourceList(current, 'SOURCES', profile, sqlEntries));
  }
  return edits;
}
