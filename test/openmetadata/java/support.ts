/**
 * A checkout for the converter registration: the seeded one (the service files) plus, from the
 * fixtures' checkout, the whole json/schema tree (the $ref closure of a generated connection) and
 * the converter sources and tests of openmetadata-service. Copied into a temporary folder, never
 * into the repository.
 */
import { cpSync } from 'node:fs';
import path from 'node:path';
import { fixturePath } from '../../support/fixtures.js';
import { SCHEMA_DIR, seedCheckout } from '../../support/checkouts.js';
import { tempDir } from '../../support/generate.js';

export const CONVERTER_DIR = 'org/openmetadata/service/secrets/converter';
export const FACTORY = `openmetadata-service/src/main/java/${CONVERTER_DIR}/ClassConverterFactory.java`;
export const FACTORY_TEST = `openmetadata-service/src/test/java/${CONVERTER_DIR}/ClassConverterFactoryTest.java`;
/** What the copied checkout needs from the fixtures (each a path inside the checkout). */
export const CONVERTER_FIXTURES = [
  SCHEMA_DIR,
  `openmetadata-service/src/main/java/${CONVERTER_DIR}`,
  `openmetadata-service/src/test/java/${CONVERTER_DIR}`,
];

export function converterCheckout(): string {
  const root = seedCheckout('openmetadata', tempDir('connector-om-java-'));
  for (const inside of CONVERTER_FIXTURES) cpSync(fixturePath(`openmetadata/${inside}`), path.join(root, inside), { recursive: true });
  return root;
}
