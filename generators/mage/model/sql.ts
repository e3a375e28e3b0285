/** The SQL source's __init__.py and its connection module (connections/<uuid>/__init__.py): driver, connect() keywords, casts, keys. */
import { pythonString } from '../../../core/text.js';
import type { MageContext } from './context.js';
import { castTypes, connectKeywords } from './drivers.js';

export function sqlValues({ profile, driver }: MageContext) {
  const keyNames = new Set(profile.configKeys.map((k) => k.key));
  return {
    baseUrlLiteral: '',
    driverModuleLiteral: driver ? pythonString(driver) : 'None',
    hasDriver: driver !== undefined,
    connect: connectKeywords(driver),
    cast: castTypes(driver),
    driverPackage: profile.pipPackages[0] ?? '',
    defaultPortLiteral: profile.defaultPort !== undefined ? String(profile.defaultPort) : 'None',
    /** discover filters on this config key: the schema when there is one, else the database */
    schemaKeyLiteral: pythonString(keyNames.has('schema') ? 'schema' : 'database'),
    hasSchemaKey: keyNames.has('schema'),
    hasPortKey: keyNames.has('port'),
  };
}
