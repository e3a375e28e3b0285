/**
 * Registration of a new source in a mage-ai checkout. Every edit is computed
 * from the file on disk as text: it inserts lines and leaves every other byte
 * as it was, finds an existing entry instead of adding a second one, and is
 * skipped with a reason (touching nothing) when the file is missing or has a
 * shape it does not recognise.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readCheckoutFile } from '../../core/host-checkout.js';
import { insertIntoArray, JsonEditError, nodeAt, parseJson, valueOf, type JsonNode } from '../../core/json-edit.js';
import type { PartialProfile } from '../../core/profile/field.js';
import { mageNames, type MageProfile } from '../../core/profile/mage.js';
import type { Problem } from '../../core/profile/validate.js';
import { skipped, type RegistrationEdit, type RegistrationReport } from '../../core/registration.js';
import { markdownInline, pythonSingleQuoted } from '../../core/text.js';
import { eolOf, indentOfLine, insertAt, lineEnd, lineStart } from '../../core/text-edit.js';
import { codeSpan, normaliseRequirement, requirementName } from './model.js';
import { docsPage, SOURCES_FOLDER } from './plan.js';

export const CHECKOUT_MARKER = SOURCES_FOLDER;
export const CONSTANTS_FILE = 'mage_ai/data_integrations/sources/constants.py';
export const DOCS_JSON = 'docs/docs.json';
/** where older mage-ai checkouts keep the docs navigation (same groups and pages) */
export const DOCS_MINT_JSON = 'docs/mint.json';
export const OVERVIEW_FILE = 'docs/data-integrations/overview.mdx';
export const REQUIREMENTS_FILE = 'mage_integrations/requirements.txt';

/** flake8's limit in mage-ai: a longer entry is written one keyword per line. */
const MAX_LINE = 100;

/** The outcome of one text edit. */
export type TextEdit = { outcome: 'added'; contents: string } | { outcome: 'present' } | { outcome: 'skipped'; reason: string };

/** Case-insensitive order of display names, page names and package names. */
const after = (a: string, b: string): boolean => a.toLowerCase() > b.toLowerCase();

// ---------------------------------------------------------------------------------------------
// Python: the SOURCES and SQL_SOURCES lists of constants.py

/** Index just past the string literal starting at `i` (any prefix already skipped), or -1 when unterminated. */
function skipPythonString(text: string, i: number): number {
  const quote = text[i]!;
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

interface PyItem {
  start: number;
  end: number;
  text: string;
}

/**
 * Scans Python source from an opening bracket: the index of its closing bracket,
 * and the top-level comma-separated items between them (strings and comments skipped).
 */
function scanPythonBrackets(text: string, open: number): { close: number; items: PyItem[] } | undefined {
  const pairs: Record<string, string> = { '[': ']', '(': ')', '{': '}' };
  const stack: string[] = [pairs[text[open]!]!];
  const items: PyItem[] = [];
  let itemStart = -1;
  let itemEnd = -1;
  const flush = (): void => {
    if (itemStart >= 0) items.push({ start: itemStart, end: itemEnd, text: text.slice(itemStart, itemEnd) });
    itemStart = -1;
  };
  for (let i = open + 1; i < text.length; ) {
    const c = text[i]!;
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
      const next = skipPythonString(text, i);
      if (next < 0) return undefined;
      i = next;
    } else {
      if (c in pairs) stack.unshift(pairs[c]!);
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
function pythonStringValue(literal: string): string | undefined {
  const match = /^[rRuU]?(['"])((?:\\.|(?!\1)[^\\\n])*)\1$/.exec(literal.trim());
  if (!match) return undefined;
  if (/^[rR]/.test(literal.trim())) return match[2];
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };
  return match[2]!.replace(/\\(.)/g, (_, c: string) => escapes[c] ?? `\\${c}`);
}

interface SourceEntry extends PyItem {
  name?: string;
  uuid?: string;
}

const keywordValue = (item: string, keyword: string): string | undefined => {
  const match = new RegExp(`\\b${keyword}\\s*=\\s*([rRuU]?(?:'(?:\\\\.|[^'\\\\\\n])*'|"(?:\\\\.|[^"\\\\\\n])*"))`).exec(item);
  return match ? pythonStringValue(match[1]!) : undefined;
};

/** Mage's own rule (mage_ai/data_integrations/utils/settings.py get_uuid): the uuid, else the name lowercased with _ for spaces. */
const uuidOfEntry = (entry: SourceEntry): string | undefined => entry.uuid ?? entry.name?.toLowerCase().replace(/ /g, '_');

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
  const entries = scanned.items.map((item): SourceEntry => ({ ...item, name: keywordValue(item.text, 'name'), uuid: keywordValue(item.text, 'uuid') }));
  if (entries.some((e) => !/^dict\s*\(/.test(e.text) || e.name === undefined)) {
    return `an entry of ${name} is not dict(name='...', ...)`;
  }
  return { open, close: scanned.close, entries, expression: text.slice(assignment.index + assignment[0].indexOf('=') + 1, expressionEnd) };
}

/** `dict(name='My API', uuid='my_api')`, one keyword per line when the line would pass 100 columns. */
export function constantsEntry(profile: Pick<MageProfile, 'name' | 'displayName'>, indent: string, eol = '\n'): string {
  const { className, uuid } = mageNames(profile);
  const keywords = [`name=${pythonSingleQuoted(profile.displayName)}`, `uuid=${pythonSingleQuoted(uuid)}`];
  if (className !== profile.displayName.replace(/ /g, '')) keywords.push(`module_name=${pythonSingleQuoted(className)}`);
  const oneLine = `${indent}dict(${keywords.join(', ')}),`;
  if (oneLine.length <= MAX_LINE) return oneLine + eol;
  const inner = indent.includes('\t') ? `${indent}\t` : `${indent}    `;
  return [`${indent}dict(`, ...keywords.map((k) => `${inner}${k},`), `${indent}),`].map((line) => line + eol).join('');
}

/** Adds the source to one list of constants.py, sorted by display name. */
export function addToSourceList(
  text: string,
  listName: 'SOURCES' | 'SQL_SOURCES',
  profile: Pick<MageProfile, 'name' | 'displayName'>,
  alsoIn: SourceEntry[] = [],
): TextEdit {
  const list = findSourceList(text, listName);
  if (typeof list === 'string') return { outcome: 'skipped', reason: list };
  if ([...list.entries, ...alsoIn].some((e) => uuidOfEntry(e) === profile.name)) return { outcome: 'present' };
  const eol = eolOf(text);
  const { entries } = list;
  if (entries.length === 0) {
    const between = text.slice(list.open + 1, list.close);
    if (between.trim() !== '') return { outcome: 'skipped', reason: `${listName} holds something other than entries` };
    const indent = indentOfLine(text, list.open);
    const entry = constantsEntry(profile, `${indent}    `, eol);
    return { outcome: 'added', contents: text.slice(0, list.open + 1) + eol + entry + indent + text.slice(list.close) };
  }
  const last = entries[entries.length - 1]!;
  if (lineStart(text, list.close) <= last.start || lineStart(text, entries[0]!.start) <= list.open) {
    return { outcome: 'skipped', reason: `${listName} is written on one line; add the entry by hand` };
  }
  const indent = indentOfLine(text, entries[0]!.start);
  const entry = constantsEntry(profile, indent, eol);
  const before = entries.find((e) => after(e.name!, profile.displayName));
  if (before) return { outcome: 'added', contents: insertAt(text, lineStart(text, before.start), entry) };
  // After the last entry: keep its trailing comma, or give it one.
  const hasComma = text.slice(last.end, list.close).trimStart().startsWith(',');
  const base = hasComma ? text : insertAt(text, last.end, ',');
  const endOfLast = hasComma ? text.indexOf(',', last.end) : last.end;
  return { outcome: 'added', contents: insertAt(base, lineEnd(base, endOfLast), entry) };
}

function constantsEdits(profile: MageProfile, root: string): RegistrationEdit[] {
  const file = CONSTANTS_FILE;
  const entry = constantsEntry(profile, '').trim().replace(/\s*\n\s*/g, ' ');
  // a code span: the display name inside is free text, and the brief prints changes as Markdown
  const change = (listName: string, note = ''): string => `${codeSpan(entry.replace(/,$/, ''))} in ${listName}${note}`;
  const text = readCheckoutFile(root, file);
  if (typeof text !== 'string') {
    const lists = profile.connectorType === 'sql' ? ['SQL_SOURCES', 'SOURCES'] : ['SOURCES'];
    return lists.map((l) => skipped(file, change(l), text.reason));
  }
  const edits: RegistrationEdit[] = [];
  let current = text;
  const record = (listName: 'SOURCES' | 'SQL_SOURCES', result: TextEdit, note = ''): void => {
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

// ---------------------------------------------------------------------------------------------
// JSON: the docs navigation in docs/docs.json

const SOURCES_PAGE_PREFIX = 'data-integrations/sources/';
const SOURCES_OVERVIEW_PAGE = `${SOURCES_PAGE_PREFIX}overview`;

/** The value of a string node, else undefined. */
const stringOf = (node: JsonNode): string | undefined => (node.type === 'string' ? (node.value as string) : undefined);

/** Every `"pages"` array of a `"group": "Sources"` object, depth first. */
function sourceGroups(node: JsonNode, found: JsonNode[] = []): JsonNode[] {
  if (node.type === 'object') {
    const group = nodeAt(node, ['group']);
    const pages = nodeAt(node, ['pages']);
    if (group && stringOf(group) === 'Sources' && pages?.type === 'array') found.push(pages);
  }
  // an object's children are its properties, whose last child is the value
  for (const child of node.children ?? []) sourceGroups(child.type === 'property' ? child.children![1]! : child, found);
  return found;
}

const sourcePages = (pages: JsonNode): JsonNode[] => (pages.children ?? []).filter((n) => stringOf(n)?.startsWith(SOURCES_PAGE_PREFIX));

/** Adds the docs page to the Sources group that lists the source pages (the one with sources/overview), sorted. */
export function addDocsPage(text: string, page: string): TextEdit {
  let root: JsonNode;
  try {
    root = parseJson(text);
  } catch (error) {
    return { outcome: 'skipped', reason: `not valid JSON (${(error as Error).message})` };
  }
  if (JSON.stringify(valueOf(root)).includes(JSON.stringify(page))) return { outcome: 'present' };
  const groups = sourceGroups(root).filter((g) => sourcePages(g).length > 0);
  const target =
    groups.find((g) => sourcePages(g).some((n) => stringOf(n) === SOURCES_OVERVIEW_PAGE)) ??
    [...groups].sort((a, b) => sourcePages(b).length - sourcePages(a).length)[0];
  if (!target) return { outcome: 'skipped', reason: `no "group": "Sources" with ${SOURCES_PAGE_PREFIX}* pages` };
  const items = target.children!;
  if (items.some((n, k) => k > 0 && lineStart(text, n.offset) === lineStart(text, items[k - 1]!.offset))) {
    return { outcome: 'skipped', reason: 'the Sources pages are not one per line' };
  }
  const candidates = sourcePages(target).filter((n) => stringOf(n) !== SOURCES_OVERVIEW_PAGE);
  const before = candidates.find((n) => after(stringOf(n)!, page));
  const last = candidates[candidates.length - 1] ?? sourcePages(target)[sourcePages(target).length - 1]!;
  const index = before ? items.indexOf(before) : items.indexOf(last) + 1;
  try {
    return { outcome: 'added', contents: insertIntoArray(text, target, index, page) };
  } catch (error) {
    if (!(error instanceof JsonEditError)) throw error;
    return { outcome: 'skipped', reason: `the edit would break the file's layout (${error.message})` };
  }
}

// ---------------------------------------------------------------------------------------------
// Markdown: the "Available sources" list in docs/data-integrations/overview.mdx

export function addOverviewBullet(text: string, profile: Pick<MageProfile, 'name' | 'displayName'>): TextEdit {
  const eol = eolOf(text);
  const lines = text.split(eol);
  const heading = lines.findIndex((line) => /^#{2,4}\s+Available sources\s*$/i.test(line));
  if (heading < 0) return { outcome: 'skipped', reason: 'no "### Available sources" heading' };
  let first = heading + 1;
  while (first < lines.length && lines[first]!.trim() === '') first += 1;
  let end = first;
  while (end < lines.length && /^[-*] /.test(lines[end]!)) end += 1;
  if (end === first) return { outcome: 'skipped', reason: 'no bullet list under "Available sources"' };
  const bullets = lines.slice(first, end);
  const target = `sources/${profile.name}`;
  if (bullets.some((b) => new RegExp(`${target}(?:[/)#]|/README)`).test(b))) return { outcome: 'present' };
  const marker = bullets[0]!.charAt(0);
  const bullet = `${marker} [${markdownInline(profile.displayName)}](/${SOURCES_PAGE_PREFIX}${profile.name})`;
  const links = bullets.map((b, k) => ({ k, label: /^[-*] \[(.*?)\]\(/.exec(b)?.[1] })).filter((b) => b.label !== undefined);
  const before = links.find((b) => after(b.label!, profile.displayName));
  const index = first + (before ? before.k : links.length > 0 ? links[links.length - 1]!.k + 1 : bullets.length);
  return { outcome: 'added', contents: [...lines.slice(0, index), bullet, ...lines.slice(index)].join(eol) };
}

// ---------------------------------------------------------------------------------------------
// Requirements: mage_integrations/requirements.txt

/**
 * The key mage-ai's pre-commit hook sorts requirements.txt by (pre-commit-hooks v4.5.0,
 * requirements-txt-fixer): the lowercased line up to whitespace or `;`, cut at the first
 * version comparison. Extras and separators stay: `psycopg[binary]` sorts after `psycopg2-binary`.
 */
export function fixerSortKey(line: string): string {
  const lowered = line.toLowerCase();
  const egg = /[#&]egg=/.exec(lowered);
  if (egg) return lowered.slice(egg.index + egg[0].length);
  const head = /^[^;\s]+/.exec(lowered)?.[0] ?? lowered;
  const comparison = /={2,3}|!=|~=|>=?|<=?/.exec(head);
  return comparison ? head.slice(0, comparison.index) : head;
}

/** Inserts a requirement where the hook would sort it, so its commit check finds nothing to change; present by PEP 503 name. */
export function addRequirement(text: string, spec: string): TextEdit & { listedAs?: string } {
  const eol = eolOf(text);
  const name = normaliseRequirement(requirementName(spec));
  const lines = text.split(eol);
  const requirementLines = lines
    .map((line, k) => ({ k, line, name: /^[A-Za-z0-9]/.test(line) ? normaliseRequirement(requirementName(line)) : undefined }))
    .filter((r) => r.name !== undefined);
  const existing = requirementLines.find((r) => r.name === name);
  if (existing) return { outcome: 'present', listedAs: existing.line.trim() };
  const key = fixerSortKey(spec);
  // code-unit order is the hook's byte order for the ASCII of requirement names
  const before = requirementLines.find((r) => fixerSortKey(r.line) > key);
  if (before) return { outcome: 'added', contents: [...lines.slice(0, before.k), spec, ...lines.slice(before.k)].join(eol) };
  const body = text === '' || text.endsWith(eol) ? text : text + eol;
  return { outcome: 'added', contents: `${body}${spec}${eol}` };
}

function requirementEdits(profile: MageProfile, root: string): RegistrationEdit[] {
  const file = REQUIREMENTS_FILE;
  if (profile.pipPackages.length === 0) return [];
  const text = readCheckoutFile(root, file);
  if (typeof text !== 'string') return profile.pipPackages.map((p) => skipped(file, `requirement ${p}`, text.reason));
  let current = text;
  return profile.pipPackages.map((spec): RegistrationEdit => {
    const result = addRequirement(current, spec);
    if (result.outcome === 'added') current = result.contents;
    const note = result.outcome === 'present' && result.listedAs && result.listedAs !== spec ? ` (listed as ${result.listedAs})` : '';
    return asRegistrationEdit(file, `requirement ${spec}${note}`, result);
  });
}

// ---------------------------------------------------------------------------------------------

/** The registration edit that reports the outcome of one text edit. */
function asRegistrationEdit(file: string, change: string, result: TextEdit): RegistrationEdit {
  if (result.outcome === 'added') return { file, change, outcome: 'added', contents: result.contents };
  if (result.outcome === 'present') return { file, change, outcome: 'present' };
  return skipped(file, change, result.reason);
}

function singleEdit(root: string, file: string, change: string, edit: (text: string) => TextEdit): RegistrationEdit {
  const text = readCheckoutFile(root, file);
  return typeof text === 'string' ? asRegistrationEdit(file, change, edit(text)) : skipped(file, change, text.reason);
}

/** What registration means, as steps to do by hand (outside a checkout). */
function manualRegistration(profile: MageProfile): string[] {
  const entry = constantsEntry(profile, '').trim().replace(/\s*\n\s*/g, ' ').replace(/,$/, '');
  const lists = profile.connectorType === 'sql' ? 'SQL_SOURCES (SOURCES includes it; otherwise add it to SOURCES too)' : 'SOURCES';
  return [
    `${CONSTANTS_FILE}: add ${codeSpan(entry)} to ${lists}, keeping the list sorted by name`,
    `${DOCS_JSON} (${DOCS_MINT_JSON} in older checkouts): add "${docsPage(profile)}" to the pages of the "Sources" group that lists "${SOURCES_OVERVIEW_PAGE}"`,
    `${OVERVIEW_FILE}: add a bullet linking /${docsPage(profile)} under "### Available sources"`,
    ...profile.pipPackages.map((p) => `${REQUIREMENTS_FILE}: add ${p}, keeping the file sorted`),
  ];
}

const HOST_FILES = [CONSTANTS_FILE, DOCS_JSON, DOCS_MINT_JSON, OVERVIEW_FILE, REQUIREMENTS_FILE];

/** docs/docs.json, else docs/mint.json when only that exists. */
const docsNavigationFile = (root: string): string =>
  !existsSync(path.join(root, DOCS_JSON)) && existsSync(path.join(root, DOCS_MINT_JSON)) ? DOCS_MINT_JSON : DOCS_JSON;

/**
 * A folder with mage_integrations/mage_integrations/sources/ but none of the
 * files registration edits is not a mage-ai checkout: it is the tree an
 * earlier run wrote outside a checkout, and a re-run there must do what the
 * first run did (register nothing).
 */
export const isMageCheckout = (root: string): boolean => HOST_FILES.some((file) => existsSync(path.join(root, file)));

export function registrations(profile: MageProfile, checkoutRoot: string | undefined): RegistrationReport {
  if (!checkoutRoot || !isMageCheckout(checkoutRoot)) return { edits: [], manualSteps: manualRegistration(profile) };
  const page = docsPage(profile);
  const edits: RegistrationEdit[] = [
    ...constantsEdits(profile, checkoutRoot),
    singleEdit(checkoutRoot, docsNavigationFile(checkoutRoot), `"${page}" in the Sources pages`, (text) => addDocsPage(text, page)),
    singleEdit(checkoutRoot, OVERVIEW_FILE, `a bullet linking /${page} under Available sources`, (text) => addOverviewBullet(text, profile)),
    ...requirementEdits(profile, checkoutRoot),
  ];
  const manualSteps =
    profile.pipPackages.length > 0
      ? [`install the new requirements where you run the source: pip install -r ${REQUIREMENTS_FILE}`]
      : [];
  return { checkoutRoot, edits, manualSteps };
}

/** A source folder that exists without a stored profile belongs to someone else: refuse to overwrite it. */
export function checkoutProblems(profile: PartialProfile, root: string, stored: PartialProfile | undefined): Problem[] {
  if (typeof profile.name !== 'string' || stored) return [];
  const folder = `${SOURCES_FOLDER}/${profile.name}`;
  if (!existsSync(path.join(root, folder))) return [];
  return [
    {
      field: 'name',
      message: `a source ${profile.name} already exists in this checkout (${folder}/) and was not generated here; pick another name`,
    },
  ];
}
