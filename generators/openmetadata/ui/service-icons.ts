/**
 * The icon map (ServiceIconUtils.ts): lower-case service type -> icon. A new connector gets the icon the
 * map gives its category's default key (e.g. `databaseservice: databasedefault`), as upstream's custom
 * connectors do: nothing to import, no image to make up. Its real icon is left to do (the brief says so).
 */
import type { TextEdit } from '../../../core/registration.js';
import { appendToList, nodesOf, parse, propertyKey } from './source.js';

export interface IconTarget {
  /** the key getServiceIcon looks up: the type value in lower case, without `_` and `-` */
  key: string;
  /** the key whose icon the new one shares until it has its own */
  fallbackKey: string;
}

export function addServiceIcon(fileName: string, text: string, target: IconTarget): TextEdit {
  const parsed = parse(fileName, text);
  if ('error' in parsed) return { outcome: 'skipped', reason: `${fileName}: ${parsed.error}; map ${target.key} to an icon by hand` };
  const { ts, file } = parsed;
  for (const node of nodesOf(ts, file)) {
    if (!ts.isObjectLiteralExpression(node)) continue;
    const fallback = node.properties.find((p) => propertyKey(ts, parsed, p) === target.fallbackKey);
    if (!fallback || !ts.isPropertyAssignment(fallback)) continue;
    if (node.properties.some((p) => propertyKey(ts, parsed, p) === target.key)) return { outcome: 'present' };
    const key = /^[A-Za-z_$][\w$]*$/.test(target.key) ? target.key : `'${target.key}'`;
    return { outcome: 'added', contents: appendToList(parsed, node.properties, `${key}: ${fallback.initializer.getText(file)}`) };
  }
  return { outcome: 'skipped', reason: `${fileName} has no icon map with a ${target.fallbackKey} key; map ${target.key} to an icon by hand` };
}
