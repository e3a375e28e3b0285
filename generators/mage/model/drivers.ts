/**
 * The DB-API driver of a SQL source, from its first pip package: the module
 * it imports, the keyword names of connect(), and the CAST targets of its SQL
 * family (generators/mage/facts/). A driver the facts do not know gets the
 * generic names, and the templates say to check them.
 */
import { pythonString } from '../../../core/text.js';
import { MAGE_FACTS } from '../facts/index.js';

/** `clickhouse-driver[lz4]==0.2.9` -> `clickhouse-driver` */
export const requirementName = (spec: string): string => /^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(spec)?.[0] ?? spec;

/** PEP 503 normalised name: case and runs of -_. do not matter. */
export const normaliseRequirement = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, '-');

/** The import name of the first pip package's module, guessed when the facts do not list it; the generated code says to check it. */
export function driverModule(pipPackages: readonly string[]): string | undefined {
  const first = pipPackages[0];
  if (!first) return undefined;
  const name = normaliseRequirement(requirementName(first));
  return MAGE_FACTS.driverModules[name] ?? name.replace(/-/g, '_');
}

/** CAST targets for bookmarks, as Python literals. */
export function castTypes(driver: string | undefined) {
  const known = Boolean(driver && MAGE_FACTS.driverFamily[driver]);
  const family = MAGE_FACTS.castTypes[(driver && MAGE_FACTS.driverFamily[driver]) || 'ansi'];
  const literal = (type: string): string => pythonString(type);
  return {
    dialect: family.dialect,
    datetime: literal(family.datetime),
    boolean: literal(family.boolean),
    integer: literal(family.integer),
    number: literal(family.number),
    quoteKnown: known,
    quoteLiteral: literal(family.quote),
    quoteTwiceLiteral: literal(family.quote + family.quote),
  };
}

/** The keyword names of connect(); `known` false: the generic names. */
export function connectKeywords(driver: string | undefined) {
  const known = driver ? MAGE_FACTS.connectKeywords[driver] : undefined;
  return { known: known !== undefined, database: known?.database ?? 'database', host: known?.host ?? 'host' };
}
