/**
 * Small Python layout helpers for the OpenMetadata templates.
 *
 * Generated Python must come out unchanged by the formatter of the release it
 * is written into: isort (profile black) and black at 88 columns for 1.12,
 * ruff format and ruff check (120 columns, PEP 604/585 annotations) for 2.0.
 * Lines whose length depends on the connector's names (imports, class
 * headers, signatures, single-argument calls) are laid out here the way those
 * tools would, so a 60-character connector name is as clean as a short one.
 * Everything printed here is built from validated identifiers and constants,
 * never from free text. `pythonLayout(style)` binds the helpers to a release's
 * style; the style comes from the release's facts file.
 */
import { pyFromImport } from '../../core/python-imports.js';
import { PYTHON_STDLIB_MODULES } from '../../core/python-stdlib.js';

/** How the release's formatter lays out Python (generators/openmetadata/facts/<line>.json, `python`). */
export interface PyStyle {
  lineLength: number;
  /** `X | None`, `list[X]` and `collections.abc.Iterable` instead of typing's Optional, List, Iterable */
  modernTyping: boolean;
  /** a blank line between the module docstring and the code (ruff format) */
  blankLineAfterDocstring: boolean;
}

const INDENT = '    ';

/** `return ` or `target = ` before a call: a value black may parenthesize on its own (a bare call or a def may not). */
const RHS_HEAD = /^(return |[A-Za-z_][\w.]* = )/;
/** Indents of one, two and three levels. */
export const I1 = INDENT;
export const I2 = INDENT.repeat(2);
export const I3 = INDENT.repeat(3);

export interface PyImport {
  module: string;
  /** names for `from module import ...`; empty for `import module` */
  names?: string[];
  /** `from module import name as alias` (one name) */
  alias?: string;
}

/** isort's order_by_type: CONSTANTS, then Classes, then functions and modules; case-insensitive inside each group. */
function nameKey(name: string): string {
  const group = name.length > 1 && name === name.toUpperCase() && /[A-Z]/.test(name) ? 'A' : /^[A-Z]/.test(name) ? 'B' : 'C';
  return `${group}${name.toLowerCase()}`;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

type Section = 'stdlib' | 'thirdParty' | 'firstParty';

/**
 * The section isort (1.12) or ruff (2.0) files an import under: the standard library, the packages the
 * release's formatter settings name first-party (the release's facts: metadata, _openmetadata_testutils...,
 * kept after the third-party imports), or third party.
 */
function sectionOf(module: string, firstParty: ReadonlySet<string>): Section {
  const root = module.split('.')[0] ?? module;
  if (PYTHON_STDLIB_MODULES.has(root)) return 'stdlib';
  return firstParty.has(root) ? 'firstParty' : 'thirdParty';
}

/** A Python string literal black leaves alone: double quotes (the values are identifiers, paths and URLs). */
export function pyString(value: string): string {
  if (/["\\\n\r]/.test(value)) throw new Error(`not a plain value for a Python literal: ${value}`);
  return `"${value}"`;
}

/** `MY_DB` from `my_db`: prefix of module constants. */
export const constantPrefix = (name: string): string => name.toUpperCase();

/** Entries of a Python dict literal: key, then a Python expression or a nested dict. */
export type DictEntries = Array<[string, string | DictEntries]>;

/** Puts `valueExpr` at `path` in nested dict entries, creating the inner dicts on the way. */
export function setPath(entries: DictEntries, path: string[], valueExpr: string): void {
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) {
    entries.push([head, valueExpr]);
    return;
  }
  let child = entries.find(([k]) => k === head)?.[1] as DictEntries | undefined;
  if (!child || typeof child === 'string') {
    child = [];
    entries.push([head, child]);
  }
  setPath(child, rest, valueExpr);
}

/**
 * The layout helpers for one release's style. Annotations are written the
 * 1.12 way in the builders (`Optional[List[Any]]`) and turned into the
 * release's spelling by `annotation`; `typingImports` imports what they use.
 */
export interface PyLayout {
  style: PyStyle;
  /** The import block as `isort --profile black` writes it in an OpenMetadata checkout (importBlock). */
  importBlock(imports: PyImport[]): string;
  /** A bracketed construct as black lays it out (see Bracketed); `isDef`: a signature. */
  bracketed(indent: string, head: string, open: string, items: string[], close: string, tail: string, isDef?: boolean): string;
  /** `def name(params) -> returns:` at the given indent. */
  defLine(indent: string, name: string, params: string[], returns?: string): string;
  /** `class Name(Base, Other):` */
  classLine(name: string, bases: string[]): string;
  /** `class Name(Generic[A, B]):` with one subscripted base. */
  genericClassLine(name: string, generic: string, params: string[]): string;
  /** `if not isinstance(value, Class):` */
  isinstanceLine(indent: string, value: string, cls: string): string;
  /** A call with positional arguments, e.g. `raise X(f"...")` or `@patch.object(A, "b")`. */
  callLine(indent: string, callee: string, args: string[], tail?: string): string;
  /** A `# TODO: ...` comment wrapped at the line length. */
  todoComment(indent: string, textBody: string, prefix?: string): string;
  /** A Python dict literal, exploded one entry per line with trailing commas. */
  pyDict(indent: string, entries: DictEntries): string;
  /** `NAME = [...]` at module level: one line if short, else one element per line with a trailing comma. */
  listAssignment(name: string, items: string[]): string;
  /** The value of `NAME = value` (at `indent`), in parentheses of its own when black and ruff format would put it so. */
  assignedValue(name: string, value: string, indent?: string): string;
  /** Annotations in `text` as the release spells them: unchanged, or `list[Any] | None` for `Optional[List[Any]]`. */
  annotation(text: string): string;
  /** The imports the (legacy-spelled) annotations need in the release's spelling. */
  typingImports(...annotations: string[]): PyImport[];
  /** What follows a module docstring before the code. */
  docstringGap: string;
}

/** The helpers of pythonLayout, bound to the release's style and the packages its formatter counts as first-party. */
export function pythonLayout(style: PyStyle, firstParty: readonly string[]): PyLayout {
  const width = style.lineLength;
  const sections = new Set(firstParty);
  return {
    style,
    importBlock: (imports) => importBlock(imports, sections, width),
    bracketed: (indent, head, open, items, close, tail, isDef = false) => bracketed({ indent, head, open, items, close, tail, isDef }, width),
    defLine: (indent, name, params, returns) => defLine(style, indent, name, params, returns),
    classLine: (name, bases) => classLine(name, bases, width),
    genericClassLine: (name, generic, params) => genericClassLine(name, generic, params, width),
    isinstanceLine: (indent, value, cls) => bracketed(call(indent, 'if not isinstance', [value, cls], ':'), width),
    callLine: (indent, callee, args, tail = '') => bracketed(call(indent, callee, args, tail), width),
    todoComment: (indent, textBody, prefix = 'TODO: ') => todoComment(`${prefix}${textBody}`, indent, width),
    pyDict: (indent, entries) => pyDict(entries, indent, width),
    listAssignment: (name, items) => listAssignment(name, items, width),
    assignedValue: (name, value, indent = '') => assignedValue(name, value, indent, width),
    annotation: (text) => annotation(style, text),
    typingImports: (...annotations) => typingImports(style, annotations),
    docstringGap: style.blankLineAfterDocstring ? '\n' : '',
  };
}

// ---------------------------------------------------------------------------------------------
// The import block

/** The imports of a module, merged: plain `import m`, the names of `from m import ...`, and the aliased ones. */
interface ImportGroups {
  plain: Set<string>;
  names: Map<string, Set<string>>;
  aliased: Array<{ module: string; name: string; alias: string }>;
}

function groupImports(imports: PyImport[]): ImportGroups {
  const groups: ImportGroups = { plain: new Set(), names: new Map(), aliased: [] };
  for (const entry of imports) {
    if (entry.alias) {
      const [name] = entry.names ?? [];
      if (name === undefined)
        throw new Error(`Internal error: an aliased import names its one name (from ${entry.module} import ? as ${entry.alias})`);
      groups.aliased.push({ module: entry.module, name, alias: entry.alias });
    } else if (!entry.names || entry.names.length === 0) {
      groups.plain.add(entry.module);
    } else {
      const names = groups.names.get(entry.module) ?? new Set<string>();
      entry.names.forEach((n) => names.add(n));
      groups.names.set(entry.module, names);
    }
  }
  return groups;
}

/**
 * The import block as `isort --profile black` writes it in an OpenMetadata
 * checkout: standard library, third party, then first party (metadata);
 * plain imports before from-imports; modules and names sorted.
 */
function importBlock(imports: PyImport[], firstParty: ReadonlySet<string>, width: number): string {
  const groups = groupImports(imports);
  return (['stdlib', 'thirdParty', 'firstParty'] as const)
    .map((section) => sectionLines(groups, (module) => sectionOf(module, firstParty) === section, width))
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.join('\n'))
    .join('\n\n');
}

/** One section of the block: its `import m` lines, then its from-imports, each sorted by module. */
function sectionLines(groups: ImportGroups, inSection: (module: string) => boolean, width: number): string[] {
  const plain = [...groups.plain].filter(inSection).sort((a, b) => compare(a.toLowerCase(), b.toLowerCase()));
  return [...plain.map((m) => `import ${m}`), ...fromImportLines(groups, inSection, width)];
}

/** The from-imports of the modules `inSection` accepts: by module, the merged names of a module before its aliased ones. */
function fromImportLines(groups: ImportGroups, inSection: (module: string) => boolean, width: number): string[] {
  const froms: Array<{ key: string; order: number; line: string }> = [];
  for (const [module, names] of groups.names) {
    if (!inSection(module)) continue;
    const sorted = [...names].sort((a, b) => compare(nameKey(a), nameKey(b)));
    froms.push({ key: module.toLowerCase(), order: 0, line: pyFromImport(module, sorted, width) });
  }
  for (const { module, name, alias } of groups.aliased) {
    if (inSection(module)) froms.push({ key: module.toLowerCase(), order: 1, line: pyFromImport(module, [`${name} as ${alias}`], width) });
  }
  froms.sort((a, b) => compare(a.key, b.key) || a.order - b.order);
  return froms.map((f) => f.line);
}

// ---------------------------------------------------------------------------------------------
// Brackets, as black and ruff format split them

/** A bracketed construct: `head` ends just before the bracket `open`, `tail` follows `close`. */
interface Bracketed {
  indent: string;
  head: string;
  open: string;
  items: string[];
  close: string;
  tail: string;
  /** a signature: never wrapped as a value, and a trailing comma after a lone parameter */
  isDef: boolean;
}

/** A call with positional arguments: `callee(args)tail`. */
const call = (indent: string, callee: string, items: string[], tail: string): Bracketed => ({
  indent,
  head: callee,
  open: '(',
  items,
  close: ')',
  tail,
  isDef: false,
});

const fits = (text: string, width: number): boolean => text.split('\n').every((line) => line.length <= width);

/**
 * A bracketed construct as black lays it out: on one line when it fits; else
 * the contents on their own indented line; else one item per line with a
 * trailing comma.
 */
function bracketed(construct: Bracketed, width: number): string {
  const line = oneLine(construct);
  if (line.length <= width) return line;
  const wrapped = valueInParentheses(construct, width);
  if (wrapped !== undefined) return wrapped;
  const inner = `${construct.indent}${INDENT}${construct.items.join(', ')}`;
  return construct.items.length === 1 || inner.length <= width ? contentsOnTheirOwnLine(construct, inner) : oneItemPerLine(construct);
}

const oneLine = ({ indent, head, open, items, close, tail }: Bracketed): string => `${indent}${head}${open}${items.join(', ')}${close}${tail}`;

/**
 * black (and ruff format) wrap the value of a return or an assignment in parentheses of their own
 * when the line up to the bracket does not fit, provided every line then fits; undefined otherwise.
 */
function valueInParentheses(construct: Bracketed, width: number): string | undefined {
  const { indent, head, open, items, close, tail, isDef } = construct;
  const rhs = isDef || tail !== '' ? undefined : RHS_HEAD.exec(head);
  if (!rhs || `${indent}${head}${open}`.length <= width) return undefined;
  const value = bracketed({ indent: `${indent}${INDENT}`, head: head.slice(rhs[0].length), open, items, close, tail: '', isDef: false }, width);
  const wrapped = `${indent}${rhs[0]}(\n${value}\n${indent})`;
  return fits(wrapped, width) ? wrapped : undefined;
}

function contentsOnTheirOwnLine({ indent, head, open, items, close, tail, isDef }: Bracketed, inner: string): string {
  // black gives a split signature without commas (one parameter) a trailing comma
  const comma = isDef && items.length === 1 ? ',' : '';
  return `${indent}${head}${open}\n${inner}${comma}\n${indent}${close}${tail}`;
}

const oneItemPerLine = ({ indent, head, open, items, close, tail }: Bracketed): string =>
  [`${indent}${head}${open}`, ...items.map((item) => `${indent}${INDENT}${item},`), `${indent}${close}${tail}`].join('\n');

function defLine(style: PyStyle, indent: string, name: string, params: string[], returns: string | undefined): string {
  const tail = returns ? ` -> ${annotation(style, returns)}:` : ':';
  return bracketed(
    { indent, head: `def ${name}`, open: '(', items: params.map((p) => annotation(style, p)), close: ')', tail, isDef: true },
    style.lineLength,
  );
}

const classLine = (name: string, bases: string[], lineLength: number): string => bracketed(call('', `class ${name}`, bases, ':'), lineLength);

/** `class Name(Generic[A, B]):`; when even the base alone is too long, black splits inside its brackets as well. */
function genericClassLine(name: string, generic: string, params: string[], lineLength: number): string {
  const simple = classLine(name, [`${generic}[${params.join(', ')}]`], lineLength);
  if (fits(simple, lineLength)) return simple;
  const base = bracketed({ indent: INDENT, head: generic, open: '[', items: params, close: ']', tail: '', isDef: false }, lineLength);
  return [`class ${name}(`, base, '):'].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Comments, literals and assignments

/** `# <text>` wrapped at the line length, words whole, continued under `#   `. */
function todoComment(text: string, indent: string, lineLength: number): string {
  const lines: string[] = [];
  const start = `${indent}#`;
  let line = start;
  for (const word of text.split(/\s+/)) {
    const candidate = `${line} ${word}`;
    if (candidate.length > lineLength && line !== start) {
      lines.push(line);
      line = `${indent}#   ${word}`;
    } else {
      line = candidate;
    }
  }
  lines.push(line);
  return lines.join('\n');
}

/** A Python dict literal, exploded one entry per line with trailing commas (black keeps it so). */
function pyDict(entries: DictEntries, indent: string, lineLength: number): string {
  if (entries.length === 0) return '{}';
  const lines = entries.map(([key, value]) =>
    dictEntry(key, typeof value === 'string' ? value : pyDict(value, `${indent}${I1}`, lineLength), indent, lineLength),
  );
  return ['{', ...lines, `${indent}}`].join('\n');
}

/** `"key": value,` one level in from `indent`; a too long subscript value split inside its brackets. */
function dictEntry(key: string, rendered: string, indent: string, lineLength: number): string {
  const line = `${indent}${I1}${pyString(key)}: ${rendered},`;
  const subscript = /^([A-Za-z_][\w.]*)\[(.+)\]$/.exec(rendered);
  if (line.length <= lineLength || !subscript) return line;
  const [, subscripted = '', inner = ''] = subscript;
  return bracketed(
    { indent: `${indent}${I1}`, head: `${pyString(key)}: ${subscripted}`, open: '[', items: [inner], close: ']', tail: ',', isDef: false },
    lineLength,
  );
}

function listAssignment(name: string, items: string[], lineLength: number): string {
  const head = `${name} = `;
  if (items.length === 0) return `${head}[]`;
  const literal = `[${items.join(', ')}]`;
  if (`${head}${literal}`.length <= lineLength) return `${head}${literal}`;
  return `${head}${['[', ...items.map((i) => `${I1}${i},`), ']'].join('\n')}`;
}

/**
 * The value of `NAME = value` (at `indent`): in parentheses on a line of its own when the assignment
 * is too long and the value then fits, as black and ruff format lay it out; else as it is (they cannot split it).
 */
function assignedValue(name: string, value: string, indent: string, lineLength: number): string {
  if (`${indent}${name} = ${value}`.length <= lineLength) return value;
  if (`${indent}${INDENT}${value}`.length <= lineLength) return `(\n${indent}${INDENT}${value}\n${indent})`;
  return value;
}

// ---------------------------------------------------------------------------------------------
// Annotations

/** Annotations in `text` as the release spells them: unchanged, or `list[Any] | None` for `Optional[List[Any]]`. */
const annotation = (style: PyStyle, text: string): string => (style.modernTyping ? modernizeAnnotations(text) : text);

/** The imports the (legacy-spelled) annotations need in the release's spelling. */
function typingImports(style: PyStyle, annotations: string[]): PyImport[] {
  const used = LEGACY_TYPING.filter((t) => annotations.some((a) => new RegExp(`\\b${t}\\b`).test(a)));
  if (!style.modernTyping) return used.length > 0 ? [{ module: 'typing', names: used }] : [];
  const imports: PyImport[] = [];
  if (used.includes('Any')) imports.push({ module: 'typing', names: ['Any'] });
  if (used.includes('Iterable')) imports.push({ module: 'collections.abc', names: ['Iterable'] });
  return imports;
}

const LEGACY_TYPING = ['Any', 'Dict', 'Iterable', 'List', 'Optional', 'Tuple'];
const BUILTIN_GENERIC: Record<string, string> = { List: 'list', Dict: 'dict', Tuple: 'tuple' };

/** Every typing subscript in `text` (a parameter, a return type) in PEP 604/585 spelling. */
export function modernizeAnnotations(text: string): string {
  const start = /\b(Optional|List|Dict|Tuple)\[/.exec(text);
  if (!start) return text;
  let depth = 0;
  let end = start.index;
  for (; end < text.length; end += 1) {
    if (text[end] === '[') depth += 1;
    if (text[end] === ']' && --depth === 0) break;
  }
  const subscript = text.slice(start.index, end + 1);
  return `${text.slice(0, start.index)}${modernAnnotation(subscript)}${modernizeAnnotations(text.slice(end + 1))}`;
}

/** PEP 604/585 spelling of one typing annotation: Optional[X] -> X | None, List[X] -> list[X]. */
function modernAnnotation(legacy: string): string {
  const match = /^([A-Za-z_][\w.]*)\[(.*)\]$/.exec(legacy.trim());
  if (!match) return legacy.trim();
  // both groups take part in every match: the defaults are never used
  const [, head = '', inside = ''] = match;
  const args = splitTopLevel(inside).map(modernAnnotation);
  if (head === 'Optional') return `${args[0]} | None`;
  return `${BUILTIN_GENERIC[head] ?? head}[${args.join(', ')}]`;
}

/** `a, b[c, d]` -> [`a`, `b[c, d]`]: commas outside brackets. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '[') depth += 1;
    if (ch === ']') depth -= 1;
    if (ch === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}
