/**
 * Typing of a connection's `oneOf` fields on the server (see server-typing.ts for why it is needed).
 * OpenMetadata types them again in ClassConverterFactory; this module registers the connector there
 * the way the checkout's factory does it: an entry of NESTED_CONFIG_CONVERTERS (NestedConfigClassConverter,
 * field -> candidate classes) where the factory has that map; else, in a factory with only the plain
 * converterMap, the `Map.entry(<Name>Connection.class, new <Name>ConnectionClassConverter())` of the
 * converter class the plan generates (model/converter-class.ts), which a connection whose oneOf has an
 * empty option gets in either factory (server-typing.ts, needsConverterClass). Either way the class goes into
 * ClassConverterFactoryTest's list. Text edits, format-preserving (google-java-format's layout, see
 * java-layout.ts) and idempotent; a factory of another shape is skipped with the reason.
 * The files' paths are release facts (paths.converterFactory, paths.converterFactoryTest).
 */
import { readCheckoutFile } from '../../../core/host-checkout.js';
import { asRegistrationEdit, skipped, type RegistrationEdit, type TextEdit } from '../../../core/registration.js';
import { releaseFacts } from '../facts/index.js';
import type { OpenMetadataProfile } from '../profile/spec.js';
import { FILES, openMetadataFile } from '../plan.js';
import { JavaLayoutError, layout, type JavaExpr } from './java-layout.js';
import { connectionTyping, javaClass, NESTED_START, needsConverterClass, plainMap, type JavaClass, type OneOfField } from './server-typing.js';

// ---- imports -------------------------------------------------------------------------------------

const IMPORT = /^import ([\w.]+);$/gm;

interface ImportLine {
  cls: JavaClass;
  /** where the line starts, and where the next one does */
  start: number;
  next: number;
}

const importsOf = (text: string): ImportLine[] =>
  [...text.matchAll(IMPORT)].map((m) => ({ cls: javaClass(m[1] ?? ''), start: m.index, next: m.index + m[0].length + 1 }));

/** How the file can name `cls`: its simple name unless another class of that name is imported. */
function nameIn(text: string, cls: JavaClass): string {
  const clash = importsOf(text).some(({ cls: other }) => other.qualified !== cls.qualified && other.simple === cls.simple);
  return clash ? cls.qualified : cls.simple;
}

/** `text` with `import cls;` in google-java-format's order (ASCII, non-static block), unless it is there or would clash. */
function withImport(text: string, cls: JavaClass): string {
  const imports = importsOf(text);
  const last = imports.at(-1);
  if (!last || imports.some((i) => i.cls.qualified === cls.qualified) || nameIn(text, cls) !== cls.simple) return text;
  const at = imports.find((i) => i.cls.qualified > cls.qualified)?.start ?? last.next;
  return `${text.slice(0, at)}import ${cls.qualified};\n${text.slice(at)}`;
}

const withImports = (text: string, classes: JavaClass[]): string => classes.reduce(withImport, text);

// ---- the factory ---------------------------------------------------------------------------------

const ENTRY_START = /^( *)Map\.entry\(\n *([\w.]+)\.class,/gm;

interface NestedMap {
  /** where the statement's `;` is: the `)` before it closes Map.ofEntries( */
  end: number;
  entries: Array<{ name: string; indent: number; start: number }>;
}

/** The NESTED_CONFIG_CONVERTERS statement, when the file has it in the layout the edit knows. */
function nestedMap(text: string): NestedMap | undefined {
  const start = NESTED_START.exec(text);
  if (!start) return undefined;
  const bodyStart = start.index + start[0].length;
  const end = text.indexOf(';\n', bodyStart);
  const body = text.slice(bodyStart, end);
  const entries = [...body.matchAll(ENTRY_START)].map((m) => ({ name: m[2] ?? '', indent: (m[1] ?? '').length, start: bodyStart + m.index }));
  return entries.length > 0 && body.endsWith(')') ? { end, entries } : undefined;
}

/** The NESTED_CONFIG_CONVERTERS entry of `connection`, laid out at `indent`, ending with `suffix`. */
export function nestedEntry(text: string, connection: JavaClass, fields: OneOfField[], indent: number, suffix: string): string[] {
  const own = `${nameIn(text, connection)}.class`;
  const map: JavaExpr = {
    callee: 'Map.of',
    pairs: true,
    args: fields.flatMap((f) => [JSON.stringify(f.property), { callee: 'List.of', args: f.candidates.map((c) => `${nameIn(text, c)}.class`) }]),
  };
  return layout({ callee: 'Map.entry', args: [own, { callee: 'new NestedConfigClassConverter', args: [own, map] }] }, indent, suffix);
}

const BY_HAND = 'add the converter by hand';

/** ClassConverterFactory.java with the NESTED_CONFIG_CONVERTERS entry of `connection` (ASCII order of class names). */
export function addNestedConverter(text: string, connection: JavaClass, fields: OneOfField[]): TextEdit {
  if (!NESTED_START.test(text)) return { outcome: 'skipped', reason: `no NESTED_CONFIG_CONVERTERS = Map.ofEntries( map; ${BY_HAND}` };
  const found = nestedMap(text);
  if (!found) return { outcome: 'skipped', reason: `NESTED_CONFIG_CONVERTERS has no Map.entry( entries of the known layout; ${BY_HAND}` };
  if (found.entries.some(({ name }) => name === connection.simple || name === connection.qualified)) return { outcome: 'present' };
  const withClasses = withImports(text, [connection, ...fields.flatMap((f) => f.candidates)]);
  // the imports moved the map: find it again in the new text
  const map = nestedMap(withClasses);
  const first = map?.entries[0];
  if (!map || !first) return { outcome: 'skipped', reason: `NESTED_CONFIG_CONVERTERS was lost adding the imports; ${BY_HAND}` };
  const before = map.entries.find(({ name }) => javaClass(name).simple > connection.simple);
  try {
    if (before) {
      const lines = nestedEntry(withClasses, connection, fields, first.indent, ',');
      return { outcome: 'added', contents: `${withClasses.slice(0, before.start)}${lines.join('\n')}\n${withClasses.slice(before.start)}` };
    }
    // last: the previous last entry gets the comma, ours closes Map.ofEntries( and the statement
    const lines = nestedEntry(withClasses, connection, fields, first.indent, ');');
    return { outcome: 'added', contents: `${withClasses.slice(0, map.end - 1)},\n${lines.join('\n')}${withClasses.slice(map.end + 1)}` };
  } catch (error) {
    if (error instanceof JavaLayoutError) return { outcome: 'skipped', reason: `${error.message}; ${BY_HAND}` };
    throw error;
  }
}

// ---- the plain converterMap -----------------------------------------------------------------------

/** The converter class the plan generates for `connection` in a factory with the plain map. */
export const converterClassName = (connection: JavaClass): string => `${connection.simple}ClassConverter`;

/** ClassConverterFactory.java with `Map.entry(<connection>.class, new <connection>ClassConverter())` in the plain converterMap (ASCII order of class names). */
export function addPlainConverter(text: string, connection: JavaClass): TextEdit {
  if (!plainMap(text)) {
    return {
      outcome: 'skipped',
      reason: `neither NESTED_CONFIG_CONVERTERS nor a converterMap = Map.ofEntries( of Map.entry(X.class, new XClassConverter()) entries; ${BY_HAND}`,
    };
  }
  // the converter class sits in the factory's package: only the connection class is imported
  const withClass = withImport(text, connection);
  const map = plainMap(withClass);
  const last = map?.entries.at(-1);
  if (!map || !last) return { outcome: 'skipped', reason: `the converterMap was lost adding the import; ${BY_HAND}` };
  if (map.entries.some(({ name }) => name === connection.simple || name === connection.qualified)) return { outcome: 'present' };
  const own = `${nameIn(withClass, connection)}.class`;
  const expr: JavaExpr = { callee: 'Map.entry', args: [own, { callee: `new ${converterClassName(connection)}`, args: [] }] };
  const before = map.entries.find(({ name }) => javaClass(name).simple > connection.simple);
  try {
    if (before) {
      const lineStart = before.start - map.indent;
      return {
        outcome: 'added',
        contents: `${withClass.slice(0, lineStart)}${layout(expr, map.indent, ',').join('\n')}\n${withClass.slice(lineStart)}`,
      };
    }
    // last: after the previous last entry, which gets the comma; what closed the map follows ours
    return { outcome: 'added', contents: `${withClass.slice(0, last.end)},\n${layout(expr, map.indent, '').join('\n')}${withClass.slice(last.end)}` };
  } catch (error) {
    if (error instanceof JavaLayoutError) return { outcome: 'skipped', reason: `${error.message}; ${BY_HAND}` };
    throw error;
  }
}

// ---- the factory's test --------------------------------------------------------------------------

const VALUE_SOURCE = /@ValueSource\(\n *classes = \{\n((?: *[\w.]+\.class,\n)+) *\}\)/;

/** The classes testClassConverterIsSet lists, where the next one goes, and its indent. */
function testClassList(text: string): { items: string[]; end: number; indent: string } | undefined {
  const list = VALUE_SOURCE.exec(text);
  const lines = list?.[1];
  if (!list || !lines) return undefined;
  const end = list.index + list[0].indexOf(lines) + lines.length;
  return { items: lines.split('\n').map((l) => l.trim()), end, indent: /^ */.exec(lines)?.[0] ?? '' };
}

/** ClassConverterFactoryTest.java with `connection` in testClassConverterIsSet's classes (at the end, as the list grows). */
export function addFactoryTestClass(text: string, connection: JavaClass): TextEdit {
  const list = testClassList(text);
  if (!list) return { outcome: 'skipped', reason: 'no @ValueSource(classes = {...}) list of the known layout; add the class by hand' };
  if (list.items.includes(`${connection.simple}.class,`) || list.items.includes(`${connection.qualified}.class,`)) return { outcome: 'present' };
  const withClass = withImport(text, connection);
  const again = testClassList(withClass);
  if (!again) return { outcome: 'skipped', reason: 'the @ValueSource list was lost adding the import; add the class by hand' };
  const item = `${again.indent}${nameIn(withClass, connection)}.class,\n`;
  return { outcome: 'added', contents: `${withClass.slice(0, again.end)}${item}${withClass.slice(again.end)}` };
}

// ---- the registration edits ----------------------------------------------------------------------

/** The factory edit the checkout's factory shape calls for, and what it says it adds. */
function factoryEdit(factory: string, connection: JavaClass, fields: OneOfField[]): { change: string; edit: TextEdit } {
  const described = fields.map((f) => `${f.property} -> ${f.candidates.map((c) => c.simple).join(', ')}`).join('; ');
  if (needsConverterClass(factory, fields)) {
    return {
      change: `${connection.simple} -> ${converterClassName(connection)} in converterMap (${described})`,
      edit: addPlainConverter(factory, connection),
    };
  }
  return { change: `${connection.simple} in NESTED_CONFIG_CONVERTERS (${described})`, edit: addNestedConverter(factory, connection, fields) };
}

/**
 * The converter edits for a checkout; none when the connection has no `Object` field, or when the
 * checkout has no openmetadata-service converter folder (a partial checkout, as the tests seed).
 */
export function converterRegistrations(profile: OpenMetadataProfile, checkoutRoot: string): RegistrationEdit[] {
  const { converterFactory, converterFactoryTest } = releaseFacts(profile.openmetadataVersion).paths;
  const factory = readCheckoutFile(checkoutRoot, converterFactory);
  if (typeof factory !== 'string' && factory.missing) return [];
  const { connection, fields } = connectionTyping(profile, checkoutRoot, openMetadataFile(profile, FILES.connectionSchema));
  if (Array.isArray(fields) && fields.length === 0) return [];
  const typing = `the typing of ${connection.simple}'s oneOf fields`;
  if (typeof fields === 'string') return [skipped(converterFactory, typing, fields)];
  if (typeof factory !== 'string') return [skipped(converterFactory, typing, factory.reason)];
  const { change, edit } = factoryEdit(factory, connection, fields);
  const registered = asRegistrationEdit(converterFactory, change, edit);
  const test = readCheckoutFile(checkoutRoot, converterFactoryTest);
  // the test list only follows a factory entry; a checkout without the test has nothing to list
  if (typeof test !== 'string' || registered.outcome === 'skipped') return [registered];
  const testChange = `${connection.simple}.class in testClassConverterIsSet`;
  return [registered, asRegistrationEdit(converterFactoryTest, testChange, addFactoryTestClass(test, connection))];
}
