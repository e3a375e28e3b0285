/**
 * Typing of a connection's `oneOf` fields on the server. jsonschema2pojo ignores `oneOf`, so such a
 * field (authType, and sslConfig through its $ref) is a plain `Object`; Jackson leaves a map in it,
 * and neither the password masker nor the secrets manager walks into a map, so the secrets below it
 * stay in the clear. OpenMetadata types them again in ClassConverterFactory; this module registers
 * the connector there the way the checkout's factory does it: an entry of NESTED_CONFIG_CONVERTERS
 * (NestedConfigClassConverter, field -> candidate classes), plus the class in
 * ClassConverterFactoryTest's list. Text edits, format-preserving (google-java-format's layout, see
 * java-layout.ts) and idempotent; a factory of another shape is skipped with the reason.
 */
import path from 'node:path';
import { readCheckoutFile } from '../../../core/host-checkout.js';
import { asRegistrationEdit, skipped, type RegistrationEdit, type TextEdit } from '../../../core/registration.js';
import { connectionSchema, type Json } from '../model/connection-schema.js';
import type { OpenMetadataProfile } from '../profile/spec.js';
import { FILES, openMetadataFile } from '../plan.js';
import { JavaLayoutError, layout, type JavaExpr } from './java-layout.js';

const CONVERTER_DIR = 'org/openmetadata/service/secrets/converter';
export const FACTORY_FILE = `openmetadata-service/src/main/java/${CONVERTER_DIR}/ClassConverterFactory.java`;
export const FACTORY_TEST_FILE = `openmetadata-service/src/test/java/${CONVERTER_DIR}/ClassConverterFactoryTest.java`;

/** A Java class by its fully qualified name. */
export interface JavaClass {
  qualified: string;
  simple: string;
}
const javaClass = (qualified: string): JavaClass => ({ qualified, simple: qualified.slice(qualified.lastIndexOf('.') + 1) });

/** A property jsonschema2pojo types as `Object`, and the classes its `oneOf` allows, in schema order. */
export interface OneOfField {
  property: string;
  candidates: JavaClass[];
}

/** Reads a schema file of the checkout (a path from its root), or says why it cannot. */
export type SchemaReader = (file: string) => Json | string;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The node a `$ref` names, and the file it sits in (refs inside it are relative to that file). */
function resolveRef(ref: string, fromFile: string, read: SchemaReader): { node: Json; file: string } | string {
  const [target = '', fragment = ''] = ref.split('#');
  const file = target ? path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), target)) : fromFile;
  const schema = read(file);
  if (typeof schema === 'string') return schema;
  let node: unknown = schema;
  for (const key of fragment.split('/').filter(Boolean)) node = isRecord(node) ? node[key] : undefined;
  return isRecord(node) ? { node, file } : `${ref} (from ${fromFile}) names nothing`;
}

/** The oneOf options of `schema` (followed through one $ref) as classes, or why they cannot be named. */
function oneOfCandidates(schema: Json, file: string, read: SchemaReader): JavaClass[] | undefined | string {
  let holder = { node: schema, file };
  if (!Array.isArray(schema.oneOf) && typeof schema.$ref === 'string') {
    const resolved = resolveRef(schema.$ref, file, read);
    if (typeof resolved === 'string') return resolved;
    holder = resolved;
  }
  const options: unknown = holder.node.oneOf;
  if (!Array.isArray(options)) return undefined;
  const classes: JavaClass[] = [];
  for (const option of options) {
    if (!isRecord(option) || typeof option.$ref !== 'string') return `a oneOf option in ${holder.file} is not a $ref`;
    const target = resolveRef(option.$ref, holder.file, read);
    if (typeof target === 'string') return target;
    if (typeof target.node.javaType !== 'string') return `${option.$ref} (from ${holder.file}) has no javaType`;
    classes.push(javaClass(target.node.javaType));
  }
  return classes;
}

/** The connection's `Object` fields, in property order; a string says why they cannot be known. */
export function oneOfFields(schema: Json, schemaFile: string, read: SchemaReader): OneOfField[] | string {
  const fields: OneOfField[] = [];
  for (const [property, value] of Object.entries(isRecord(schema.properties) ? schema.properties : {})) {
    if (!isRecord(value)) continue;
    const candidates = oneOfCandidates(value, schemaFile, read);
    if (typeof candidates === 'string') return candidates;
    if (candidates?.length) fields.push({ property, candidates });
  }
  return fields;
}

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

const NESTED_START = /^ *private static final Map<Class<\?>, ClassConverter> NESTED_CONFIG_CONVERTERS =\n *Map\.ofEntries\(\n/m;
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
  if (!NESTED_START.test(text)) {
    const reason = `no NESTED_CONFIG_CONVERTERS = Map.ofEntries( map (a factory without it needs a generated converter class, not done yet); ${BY_HAND}`;
    return { outcome: 'skipped', reason };
  }
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

/** Reads JSON schema files from the checkout, with the generated connection schema served from memory. */
function checkoutReader(root: string, generated: { file: string; schema: Json }): SchemaReader {
  return (file) => {
    if (file === generated.file) return generated.schema;
    const text = readCheckoutFile(root, file);
    if (typeof text !== 'string') return text.reason;
    try {
      const parsed: unknown = JSON.parse(text);
      return isRecord(parsed) ? parsed : `${file} is not a JSON object`;
    } catch (error) {
      return `${file} is not valid JSON (${(error as Error).message})`;
    }
  };
}

/**
 * The converter edits for a checkout; none when the connection has no `Object` field, or when the
 * checkout has no openmetadata-service converter folder (a partial checkout, as the tests seed).
 */
export function converterRegistrations(profile: OpenMetadataProfile, checkoutRoot: string): RegistrationEdit[] {
  const schemaFile = openMetadataFile(profile, FILES.connectionSchema);
  const schema = connectionSchema(profile);
  const factory = readCheckoutFile(checkoutRoot, FACTORY_FILE);
  if (typeof factory !== 'string' && factory.missing) return [];
  const connection = javaClass(String(schema.javaType));
  const fields = oneOfFields(schema, schemaFile, checkoutReader(checkoutRoot, { file: schemaFile, schema }));
  if (Array.isArray(fields) && fields.length === 0) return [];
  const described = Array.isArray(fields) ? fields.map((f) => `${f.property} -> ${f.candidates.map((c) => c.simple).join(', ')}`).join('; ') : '';
  const change = `${connection.simple} in NESTED_CONFIG_CONVERTERS (${described})`;
  const testChange = `${connection.simple}.class in testClassConverterIsSet`;
  if (typeof fields === 'string') return [skipped(FACTORY_FILE, `${connection.simple} in NESTED_CONFIG_CONVERTERS`, fields)];
  if (typeof factory !== 'string') return [skipped(FACTORY_FILE, change, factory.reason)];
  const factoryEdit = asRegistrationEdit(FACTORY_FILE, change, addNestedConverter(factory, connection, fields));
  const test = readCheckoutFile(checkoutRoot, FACTORY_TEST_FILE);
  // the test list only follows a factory entry; a checkout without the test has nothing to list
  if (typeof test !== 'string' || factoryEdit.outcome === 'skipped') return [factoryEdit];
  return [factoryEdit, asRegistrationEdit(FACTORY_TEST_FILE, testChange, addFactoryTestClass(test, connection))];
}
