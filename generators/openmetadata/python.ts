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

/** Modules that isort files under the standard library section. */
const STDLIB_ROOTS = new Set(['abc', 'collections', 'datetime', 'functools', 'os', 'ssl', 'textwrap', 'typing', 'unittest', 'urllib']);

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

/**
 * Packages isort files as first-party in an OpenMetadata checkout: both live in
 * ingestion/src, and upstream code keeps them in their own section after the
 * third-party imports.
 */
const FIRST_PARTY_ROOTS = new Set(['metadata', '_openmetadata_testutils']);

type Section = 'stdlib' | 'thirdParty' | 'firstParty';

function sectionOf(module: string): Section {
  const root = module.split('.')[0]!;
  if (STDLIB_ROOTS.has(root)) return 'stdlib';
  return FIRST_PARTY_ROOTS.has(root) ? 'firstParty' : 'thirdParty';
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
export function pythonLayout(style: PyStyle) {
  const fromLine = (module: string, names: string[]): string => pyFromImport(module, names, style.lineLength);

  /**
   * The import block as `isort --profile black` writes it in an OpenMetadata
   * checkout: standard library, third party, then first party (metadata);
   * plain imports before from-imports; modules and names sorted.
   */
  function importBlock(imports: PyImport[]): string {
    const merged = new Map<string, Set<string>>();
    const plain = new Set<string>();
    const aliased: Array<{ module: string; line: string }> = [];
    for (const entry of imports) {
      if (entry.alias) {
        aliased.push({ module: entry.module, line: fromLine(entry.module, [`${entry.names![0]} as ${entry.alias}`]) });
      } else if (!entry.names || entry.names.length === 0) {
        plain.add(entry.module);
      } else {
        const names = merged.get(entry.module) ?? new Set<string>();
        entry.names.forEach((n) => names.add(n));
        merged.set(entry.module, names);
      }
    }
    const section = (wanted: Section): string[] => {
      const straight = [...plain].filter((m) => sectionOf(m) === wanted).sort((a, b) => compare(a.toLowerCase(), b.toLowerCase()));
      const froms: Array<{ key: string; order: number; line: string }> = [];
      for (const [module, names] of merged) {
        if (sectionOf(module) !== wanted) continue;
        const sorted = [...names].sort((a, b) => compare(nameKey(a), nameKey(b)));
        froms.push({ key: module.toLowerCase(), order: 0, line: fromLine(module, sorted) });
      }
      for (const { module, line } of aliased) {
        if (sectionOf(module) === wanted) froms.push({ key: module.toLowerCase(), order: 1, line });
      }
      froms.sort((a, b) => compare(a.key, b.key) || a.order - b.order);
      return [...straight.map((m) => `import ${m}`), ...froms.map((f) => f.line)];
    };
    return [section('stdlib'), section('thirdParty'), section('firstParty')]
      .filter((lines) => lines.length > 0)
      .map((lines) => lines.join('\n'))
      .join('\n\n');
  }

  /**
   * A bracketed construct as black lays it out: on one line when it fits; else
   * the contents on their own indented line; else one item per line with a
   * trailing comma. `head` ends just before the bracket, `tail` follows it.
   */
  function bracketed(
    indent: string,
    head: string,
    open: string,
    items: string[],
    close: string,
    tail: string,
    isDef = false,
  ): string {
    const oneLine = `${indent}${head}${open}${items.join(', ')}${close}${tail}`;
    if (oneLine.length <= style.lineLength) return oneLine;
    const rhs = isDef || tail !== '' ? undefined : RHS_HEAD.exec(head);
    if (rhs && `${indent}${head}${open}`.length > style.lineLength) {
      // black (and ruff format) wrap the value of a return or an assignment in parentheses of their own
      // when the line up to the bracket does not fit, provided every line then fits
      const value = bracketed(`${indent}${INDENT}`, head.slice(rhs[0].length), open, items, close, '');
      const wrapped = `${indent}${rhs[0]}(\n${value}\n${indent})`;
      if (wrapped.split('\n').every((line) => line.length <= style.lineLength)) return wrapped;
    }
    const inner = `${indent}${INDENT}${items.join(', ')}`;
    if (items.length === 1 || inner.length <= style.lineLength) {
      // black gives a split signature without commas (one parameter) a trailing comma
      const comma = isDef && items.length === 1 ? ',' : '';
      return `${indent}${head}${open}\n${inner}${comma}\n${indent}${close}${tail}`;
    }
    return [`${indent}${head}${open}`, ...items.map((item) => `${indent}${INDENT}${item},`), `${indent}${close}${tail}`].join('\n');
  }

  /** `def name(params) -> returns:` at the given indent. */
  const defLine = (indent: string, name: string, params: string[], returns?: string): string =>
    bracketed(indent, `def ${name}`, '(', params.map(annotation), ')', returns ? ` -> ${annotation(returns)}:` : ':', true);

  /** `class Name(Base, Other):` */
  const classLine = (name: string, bases: string[]): string => bracketed('', `class ${name}`, '(', bases, ')', ':');

  /**
   * `class Name(Generic[A, B]):` with one subscripted base; when even the base
   * alone is too long, black splits inside its brackets as well.
   */
  function genericClassLine(name: string, generic: string, params: string[]): string {
    const base = `${generic}[${params.join(', ')}]`;
    const simple = classLine(name, [base]);
    if (simple.split('\n').every((line) => line.length <= style.lineLength)) return simple;
    return [`class ${name}(`, bracketed(INDENT, generic, '[', params, ']', ''), '):'].join('\n');
  }

  /** `if not isinstance(value, Class):` */
  const isinstanceLine = (indent: string, value: string, cls: string): string =>
    bracketed(indent, 'if not isinstance', '(', [value, cls], ')', ':');

  /** A call with positional arguments, e.g. `raise X(f"...")` or `@patch.object(A, "b")`. */
  const callLine = (indent: string, callee: string, args: string[], tail = ''): string =>
    bracketed(indent, callee, '(', args, ')', tail);

  /** A `# TODO: ...` comment wrapped at the line length. */
  function todoComment(indent: string, textBody: string, prefix = 'TODO: '): string {
    const words = `${prefix}${textBody}`.split(/\s+/);
    const lines: string[] = [];
    let line = `${indent}#`;
    for (const word of words) {
      const candidate = `${line} ${word}`;
      if (candidate.length > style.lineLength && line !== `${indent}#`) {
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
  function pyDict(indent: string, entries: DictEntries): string {
    if (entries.length === 0) return '{}';
    const lines = ['{'];
    for (const [key, val] of entries) {
      const rendered = typeof val === 'string' ? val : pyDict(`${indent}${I1}`, val);
      const subscript = /^([A-Za-z_][\w.]*)\[(.+)\]$/.exec(rendered);
      const line = `${indent}${I1}${pyString(key)}: ${rendered},`;
      if (line.length > style.lineLength && subscript) {
        lines.push(bracketed(`${indent}${I1}`, `${pyString(key)}: ${subscript[1]}`, '[', [subscript[2]!], ']', ','));
      } else {
        lines.push(line);
      }
    }
    lines.push(`${indent}}`);
    return lines.join('\n');
  }

  /** `NAME = [...]` at module level: one line if short, else one element per line with a trailing comma. */
  function listAssignment(name: string, items: string[]): string {
    const head = `${name} = `;
    if (items.length === 0) return `${head}[]`;
    const oneLine = `[${items.join(', ')}]`;
    if (`${head}${oneLine}`.length <= style.lineLength) return `${head}${oneLine}`;
    return `${head}${['[', ...items.map((i) => `${I1}${i},`), ']'].join('\n')}`;
  }

  /**
   * The value of `NAME = value` (at `indent`): in parentheses on a line of its own when the assignment
   * is too long and the value then fits, as black and ruff format lay it out; else as it is (they cannot split it).
   */
  function assignedValue(name: string, value: string, indent = ''): string {
    if (`${indent}${name} = ${value}`.length <= style.lineLength) return value;
    if (`${indent}${INDENT}${value}`.length <= style.lineLength) return `(\n${indent}${INDENT}${value}\n${indent})`;
    return value;
  }

  /** Annotations in `text` as the release spells them: unchanged, or `list[Any] | None` for `Optional[List[Any]]`. */
  function annotation(text: string): string {
    return style.modernTyping ? modernizeAnnotations(text) : text;
  }

  /** The imports the (legacy-spelled) annotations need in the release's spelling. */
  function typingImports(...annotations: string[]): PyImport[] {
    const used = LEGACY_TYPING.filter((t) => annotations.some((a) => new RegExp(`\\b${t}\\b`).test(a)));
    if (!style.modernTyping) return used.length > 0 ? [{ module: 'typing', names: used }] : [];
    const imports: PyImport[] = [];
    if (used.includes('Any')) imports.push({ module: 'typing', names: ['Any'] });
    if (used.includes('Iterable')) imports.push({ module: 'collections.abc', names: ['Iterable'] });
    return imports;
  }

  /** What follows a module docstring before the code. */
  const docstringGap = style.blankLineAfterDocstring ? '\n' : '';

  return {
    style,
    importBlock,
    bracketed,
    defLine,
    classLine,
    genericClassLine,
    isinstanceLine,
    callLine,
    todoComment,
    pyDict,
    listAssignment,
    assignedValue,
    annotation,
    typingImports,
    docstringGap,
  };
}

export type PyLayout = ReturnType<typeof pythonLayout>;

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
  const [, head, inside] = match as unknown as [string, string, string];
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

