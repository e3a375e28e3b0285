/**
 * A checkout for the converter registration: the seeded one (the service files) plus, from the
 * fixtures' checkout, the whole json/schema tree (the $ref closure of a generated connection) and
 * the converter sources and tests of openmetadata-service. Copied into a temporary folder, never
 * into the repository. The converter paths are the release's facts, as the generator reads them.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fixturePath } from '../../support/fixtures.js';
import { SCHEMA_DIR, seedCheckout } from '../../support/checkouts.js';
import { tempDir } from '../../support/generate.js';
import { releaseFacts } from '../../../generators/openmetadata/facts/index.js';
import { NEWEST_OPENMETADATA_RELEASE } from '../../../generators/openmetadata/profile/fields.js';

/** The converter files of a release's checkout, from its facts (the newest release unless named). */
export function converterPaths(release: string = NEWEST_OPENMETADATA_RELEASE): { folder: string; factory: string; factoryTest: string } {
  const { serviceConverters, converterFactory, converterFactoryTest } = releaseFacts(release).paths;
  return { folder: serviceConverters, factory: converterFactory, factoryTest: converterFactoryTest };
}

export const { factory: FACTORY, factoryTest: FACTORY_TEST } = converterPaths();
/** What the copied checkout needs from the fixtures (each a path inside the checkout). */
export const CONVERTER_FIXTURES = [SCHEMA_DIR, converterPaths().folder, path.posix.dirname(FACTORY_TEST)];

/** How the checkout's ClassConverterFactory registers converters: as the fixture has it, or only the plain converterMap. */
export type FactoryShape = 'nested' | 'plain';

export function converterCheckout(shape: FactoryShape = 'nested'): string {
  const root = seedCheckout('openmetadata', tempDir('connector-om-java-'));
  for (const inside of CONVERTER_FIXTURES) cpSync(fixturePath(`openmetadata/${inside}`), path.join(root, inside), { recursive: true });
  if (shape === 'plain') {
    const file = path.join(root, FACTORY);
    writeFileSync(file, plainFactory(readFileSync(file, 'utf8')));
  }
  return root;
}

/**
 * The fixture's factory as the older releases had it, before NESTED_CONFIG_CONVERTERS: derived here
 * at run time (no copy is kept) by removing that map's declaration (with its javadoc) and its merge
 * into converterMap, and the imports only the map used (google-java-format would remove them).
 * Fails loudly when the fixture no longer has the shape this expects.
 */
export function plainFactory(nested: string): string {
  const declaration =
    /\n {2}\/\*\*(?:(?!\*\/)[\s\S])*\*\/\n {2}private static final Map<Class<\?>, ClassConverter> NESTED_CONFIG_CONVERTERS =[\s\S]*?\)\);\n/;
  const merge = /^ *converters\.putAll\(NESTED_CONFIG_CONVERTERS\);\n/m;
  if (!declaration.test(nested) || !merge.test(nested))
    throw new Error('the fixture factory has no NESTED_CONFIG_CONVERTERS declaration and merge to remove');
  const without = nested.replace(declaration, '').replace(merge, '');
  const body = without.replace(/^import .*\n/gm, '');
  const used = (line: string): boolean => {
    const simple = /([\w]+);$/.exec(line)?.[1] ?? '';
    return new RegExp(`\\b${simple}\\b`).test(body);
  };
  return without.replace(/^import (?!static).*\n/gm, (line) => (used(line.trimEnd()) ? line : ''));
}
