/**
 * The connection schema as the OpenMetadata UI's form receives it: parseSchemas.js runs
 * @apidevtools/json-schema-ref-parser (continueOnError, circular references allowed) over each
 * connection file from the file's own folder, parses it, dereferences it, bundles the result and
 * removes every `$id` key before writing the JSON the UI imports. Done the same way here, with the
 * parser at the UI's pin loaded from the UI tools' folder.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

/** The part of json-schema-ref-parser 9 used here (it is a tool of the UI layer, not a dependency of this package: no types). */
interface RefParser {
  parse(file: string): Promise<object>;
  dereference(schema: object): Promise<object>;
  bundle(schema: object): Promise<object>;
}
type RefParserClass = new (options: object) => RefParser;

const PARSER_OPTIONS = { continueOnError: true, dereference: { circular: true } };

/** Every `key` property removed, at any depth (the UI's removeObjectByKey; it also walks into arrays). */
function withoutKey(value: unknown, key: string, seen = new Set<object>()): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  const record = value as Record<string, unknown>;
  for (const prop of Object.keys(record)) {
    if (prop === key) Reflect.deleteProperty(record, prop);
    else withoutKey(record[prop], key, seen);
  }
}

/** The dereferenced connection schema (plain JSON, as the UI's build writes it) of `schemaFile` under `schemaRoot`. */
export async function dereferencedSchema(toolsFolder: string, schemaRoot: string, schemaFile: string): Promise<Record<string, unknown>> {
  const load = createRequire(path.join(toolsFolder, 'package.json'));
  // loaded at run time from the tools' folder; the interface above is what this module relies on
  const Parser = load('@apidevtools/json-schema-ref-parser') as RefParserClass;
  const parser = new Parser(PARSER_OPTIONS);
  const file = path.join(schemaRoot, schemaFile);
  const previous = process.cwd();
  // relative $refs of the parsed object resolve against the working folder, as in parseSchemas.js
  process.chdir(path.dirname(file));
  try {
    const parsed = await parser.parse(path.basename(file));
    const dereferenced = await parser.dereference(parsed);
    const bundled = await parser.bundle(dereferenced);
    withoutKey(bundled, '$id');
    return JSON.parse(JSON.stringify(bundled)) as Record<string, unknown>;
  } finally {
    process.chdir(previous);
  }
}
