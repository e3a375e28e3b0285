/**
 * The category's service utils: the map from service type to the loader of its connection schema,
 * in either form a checkout has it (`[XServiceType.Y]: () => loadConnectionSchema('connections/...')`
 * or a lazy `import('../jsons/connectionSchemas/connections/...')`). The new entry is a copy of the
 * map's last one with the type and the schema file changed, so it is laid out as its neighbours are.
 */
import type { TextEdit } from '../../../core/registration.js';
import type { TS } from './typescript.js';
import { appendToList, nodesOf, parse, type Parsed } from './source.js';

export interface SchemaLoaderTarget {
  serviceType: string;
  /** the enum member the generated TypeScript gives the service type value */
  member: string;
  /** the connection schema file name, e.g. myDbConnection.json */
  schemaFile: string;
}

interface LoaderEntry {
  property: TS.PropertyAssignment;
  enumName: string;
  member: string;
  /** the string literal naming the schema file */
  path: TS.StringLiteralLike;
}

/** `[E.M]: () => loader('.../connections/<type>/x.json')` (the loader any call with one string argument). */
function loaderEntry(ts: typeof TS, property: TS.ObjectLiteralElementLike, serviceType: string): LoaderEntry | undefined {
  if (!ts.isPropertyAssignment(property) || !ts.isComputedPropertyName(property.name)) return undefined;
  const key = property.name.expression;
  if (!ts.isPropertyAccessExpression(key) || !ts.isIdentifier(key.expression)) return undefined;
  const arrow = property.initializer;
  if (!ts.isArrowFunction(arrow) || arrow.parameters.length > 0 || !ts.isCallExpression(arrow.body)) return undefined;
  const [path] = arrow.body.arguments;
  if (arrow.body.arguments.length !== 1 || !path || !ts.isStringLiteralLike(path)) return undefined;
  if (!path.text.includes(`connections/${serviceType}/`)) return undefined;
  return { property, enumName: key.expression.text, member: key.name.text, path };
}

/** The object literal whose every property is a loader entry of the service type. */
function loaderMap(parsed: Parsed, serviceType: string): LoaderEntry[] | undefined {
  const { ts, file } = parsed;
  for (const node of nodesOf(ts, file)) {
    if (!ts.isObjectLiteralExpression(node) || node.properties.length === 0) continue;
    const entries = node.properties.map((p) => loaderEntry(ts, p, serviceType));
    if (entries.every((e): e is LoaderEntry => e !== undefined)) return entries;
  }
  return undefined;
}

/** The switch of the older UI (`case XServiceType.Y: schema = ...`), recognised to say why it is left by hand. */
function hasTypeSwitch(parsed: Parsed): boolean {
  const { ts, file } = parsed;
  for (const node of nodesOf(ts, file)) {
    if (ts.isCaseClause(node) && ts.isPropertyAccessExpression(node.expression) && /ServiceType$/.test(node.expression.expression.getText(file)))
      return true;
  }
  return false;
}

export function addSchemaLoader(fileName: string, text: string, target: SchemaLoaderTarget): TextEdit {
  const parsed = parse(fileName, text);
  if ('error' in parsed) return { outcome: 'skipped', reason: `${fileName}: ${parsed.error}; add the entry by hand` };
  const entries = loaderMap(parsed, target.serviceType);
  if (!entries) {
    const why = hasTypeSwitch(parsed)
      ? 'maps service types to schemas with a switch (the older UI), which this generator does not edit'
      : `has no map from ${target.serviceType} service types to connection schema loaders`;
    return { outcome: 'skipped', reason: `${fileName} ${why}; add ${target.member} by hand` };
  }
  const present = entries.some((e) => e.member === target.member || e.path.text.endsWith(`/${target.schemaFile}`));
  if (present) return { outcome: 'present' };
  const last = entries[entries.length - 1];
  if (!last) return { outcome: 'skipped', reason: `${fileName}: the loader map is empty; add ${target.member} by hand` };
  const file = parsed.file;
  const start = last.property.getStart(file);
  const keyName = (last.property.name as TS.ComputedPropertyName).expression as TS.PropertyAccessExpression;
  const newPath = last.path.text.replace(/[^/]+$/, target.schemaFile);
  // the last entry's text, with its member and its file name replaced (quotes and line breaks kept)
  const pieces = [
    text.slice(start, keyName.name.getStart(file)),
    target.member,
    text.slice(keyName.name.end, last.path.getStart(file) + 1),
    newPath,
    text.slice(last.path.end - 1, last.property.end),
  ];
  return { outcome: 'added', contents: appendToList(parsed, last.property.parent.properties, pieces.join('')) };
}
