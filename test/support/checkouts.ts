/**
 * A host checkout for a test to generate into, made fresh in a folder: the smallest tree in which the
 * host's generator finds its checkout and makes its registration edits.
 */
import { copyFileSync, cpSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fixturePath, REPO_ROOT, type CheckoutHost } from './fixtures.js';

/** Where json/schema lives inside an OpenMetadata checkout (and inside the fixtures and generated trees). */
export const SCHEMA_DIR = 'openmetadata-spec/src/main/resources/json/schema';
export const SERVICES_DIR = `${SCHEMA_DIR}/entity/services`;

/** The small mage-ai host the repository keeps: the files a Mage registration edits, and the sources folder. */
export const MAGE_HOST_FIXTURE = path.join(REPO_ROOT, 'test/fixtures/mage-host');

/** The real OpenMetadata service files (from the fixtures' checkout), and an ingestion/ folder. */
function seedOpenMetadata(root: string): void {
  const target = path.join(root, SERVICES_DIR);
  mkdirSync(target, { recursive: true });
  const source = fixturePath(`openmetadata/${SERVICES_DIR}`);
  for (const file of readdirSync(source).filter((f) => f.endsWith('Service.json'))) copyFileSync(path.join(source, file), path.join(target, file));
  mkdirSync(path.join(root, 'ingestion'), { recursive: true });
}

/** A copy of the small mage-ai host (it has mage_integrations/mage_integrations/sources/). */
function seedMage(root: string): void {
  mkdirSync(root, { recursive: true });
  cpSync(MAGE_HOST_FIXTURE, root, { recursive: true });
}

/** Makes `dir` a checkout of the host (created when missing) and returns it, the checkout root. */
export function seedCheckout(host: CheckoutHost, dir: string): string {
  if (host === 'openmetadata') seedOpenMetadata(dir);
  else seedMage(dir);
  return dir;
}
