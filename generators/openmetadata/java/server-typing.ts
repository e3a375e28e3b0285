/**
 * The `oneOf` fields of a connection, as the server sees them. jsonschema2pojo ignores `oneOf`, so
 * such a field (authType, and sslConfig through its $ref) is a plain `Object`; Jackson leaves a map
 * in it, and neither the password masker nor the secrets manager walks into a map, so the secrets
 * below it stay in the clear until a converter types it again. This module names those fields and
 * their candidate classes (the options' javaType), and the shape of the checkout's
 * ClassConverterFactory that registers the converter. It knows nothing of the file plan, so that
 * the plan (which needs the shape to plan a generated converter class) can read it.
 */
import path from 'node:path';
import { readCheckoutFile } from '../../../core/host-checkout.js';
import { connectionSchema, type Json } from '../model/connection-schema.js';
import type { OpenMetadataProfile } from '../profile/spec.js';

/** A Java class by its fully qualified name. */
export interface JavaClass {
  qualified: string;
  simple: string;
}
export const javaClass = (qualified: string): JavaClass => ({ qualified, simple: qualified.slice(qualified.lastIndexOf('.') + 1) });

/** A property jsonschema2pojo types as `Object`, and the classes its `oneOf` allows, in schema order. */
export interface OneOfField {
  property: string;
  candidates: JavaClass[];
  /**
   * The oneOf has an empty option (an object allowing no property, upstream's "No ... Config"), which arrives
   * as `{}`: converting that into a candidate would fill the candidate's defaults into it, so a converter
   * must leave an empty map as it is (NestedConfigClassConverter cannot: such a field needs a converter class).
   */
  allowsEmpty: boolean;
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

/** An option that allows no property: the user's way to give none of the config. */
export const isEmptyOption = (option: Json): boolean =>
  option.type === 'object' && option.additionalProperties === false && (!isRecord(option.properties) || Object.keys(option.properties).length === 0);

type Candidates = { classes: JavaClass[]; allowsEmpty: boolean };

/** The oneOf options of `schema` (followed through one $ref) as classes, or why they cannot be named. */
function oneOfCandidates(schema: Json, file: string, read: SchemaReader): Candidates | undefined | string {
  let holder = { node: schema, file };
  if (!Array.isArray(schema.oneOf) && typeof schema.$ref === 'string') {
    const resolved = resolveRef(schema.$ref, file, read);
    if (typeof resolved === 'string') return resolved;
    holder = resolved;
  }
  const options: unknown = holder.node.oneOf;
  if (!Array.isArray(options)) return undefined;
  const classes: JavaClass[] = [];
  let allowsEmpty = false;
  for (const option of options) {
    if (isRecord(option) && option.$ref === undefined && isEmptyOption(option)) {
      allowsEmpty = true;
      continue;
    }
    if (!isRecord(option) || typeof option.$ref !== 'string') return `a oneOf option in ${holder.file} is neither a $ref nor an empty object`;
    const target = resolveRef(option.$ref, holder.file, read);
    if (typeof target === 'string') return target;
    if (typeof target.node.javaType !== 'string') return `${option.$ref} (from ${holder.file}) has no javaType`;
    classes.push(javaClass(target.node.javaType));
  }
  return { classes, allowsEmpty };
}

/** The connection's `Object` fields, in property order; a string says why they cannot be known. */
export function oneOfFields(schema: Json, schemaFile: string, read: SchemaReader): OneOfField[] | string {
  const fields: OneOfField[] = [];
  for (const [property, value] of Object.entries(isRecord(schema.properties) ? schema.properties : {})) {
    if (!isRecord(value)) continue;
    const candidates = oneOfCandidates(value, schemaFile, read);
    if (typeof candidates === 'string') return candidates;
    if (candidates?.classes.length) fields.push({ property, candidates: candidates.classes, allowsEmpty: candidates.allowsEmpty });
  }
  return fields;
}

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

/** The generated connection's class, and its oneOf fields (or why they cannot be known) read through the checkout. */
export function connectionTyping(
  profile: OpenMetadataProfile,
  checkoutRoot: string,
  schemaFile: string,
): { connection: JavaClass; fields: OneOfField[] | string } {
  const schema = connectionSchema(profile);
  const fields = oneOfFields(schema, schemaFile, checkoutReader(checkoutRoot, { file: schemaFile, schema }));
  return { connection: javaClass(String(schema.javaType)), fields };
}

// ---- the factory's shape -------------------------------------------------------------------------

/**
 * How the checkout's ClassConverterFactory registers converters: `nested` when it has the
 * NESTED_CONFIG_CONVERTERS map (an entry is enough), `plain` when it has only the converterMap's
 * `Map.ofEntries(Map.entry(X.class, new XClassConverter()), ...)` (a converter class per
 * connection), `unknown` for anything else (nothing is edited; the reason is reported).
 */
export type FactoryForm = 'nested' | 'plain' | 'unknown';

export const NESTED_START = /^ *private static final Map<Class<\?>, ClassConverter> NESTED_CONFIG_CONVERTERS =\n *Map\.ofEntries\(\n/m;
/** the converterMap's Map.ofEntries( and its first entry, `Map.entry(X.class, new YClassConverter())` on a line or broken */
const PLAIN_START = /^ *Map\.ofEntries\(\n *Map\.entry\(\s*[\w.]+\.class,\s*new \w+ClassConverter\(\)\)/m;

export function factoryForm(text: string): FactoryForm {
  if (NESTED_START.test(text)) return 'nested';
  return /\bconverterMap\b/.test(text) && plainMap(text) ? 'plain' : 'unknown';
}

/**
 * Whether the connection gets a converter class of its own, registered in the plain converterMap: always in
 * a factory with only that map; in one with NESTED_CONFIG_CONVERTERS too when a field has an empty option,
 * which NestedConfigClassConverter would fill with a candidate's defaults (OneOfField.allowsEmpty).
 */
export function needsConverterClass(factory: string, fields: OneOfField[]): boolean {
  const form = factoryForm(factory);
  if (form === 'plain') return fields.length > 0;
  return form === 'nested' && fields.some((f) => f.allowsEmpty) && plainMap(factory) !== undefined;
}

export interface PlainMap {
  /** the `Map.entry(...)` arguments of Map.ofEntries(, each with the class it maps and where its text starts and ends */
  entries: Array<{ name: string; start: number; end: number }>;
  indent: number;
}

/** The top-level arguments of the call whose `(` is at `open`, as [start, end) ranges (the text between commas, trimmed). */
function callArguments(text: string, open: number): Array<[number, number]> | undefined {
  const args: Array<[number, number]> = [];
  let depth = 0;
  let from = open + 1;
  for (let i = open; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === '(') depth += 1;
    else if (ch === ')' || (ch === ',' && depth === 1)) {
      if (ch === ')' && --depth > 0) continue;
      const raw = text.slice(from, i);
      const lead = raw.length - raw.trimStart().length;
      if (raw.trim()) args.push([from + lead, from + raw.trimEnd().length]);
      from = i + 1;
      if (ch === ')') return args;
    }
  }
  return undefined;
}

/** The converterMap's Map.ofEntries( of `Map.entry(X.class, new YClassConverter())` entries, when the file has it. */
export function plainMap(text: string): PlainMap | undefined {
  const start = PLAIN_START.exec(text);
  if (!start) return undefined;
  const open = text.indexOf('(', start.index);
  const ranges = callArguments(text, open);
  const entries = (ranges ?? []).map(([from, to]) => {
    const entry = /^Map\.entry\(\s*([\w.]+)\.class,\s*new \w+\(\s*\)\)$/.exec(text.slice(from, to));
    return { name: entry?.[1] ?? '', start: from, end: to };
  });
  const first = entries[0];
  if (!first || entries.some((e) => !e.name)) return undefined;
  return { entries, indent: first.start - text.lastIndexOf('\n', first.start) - 1 };
}
