/**
 * What the generated OpenMetadata connector depends on that changes between
 * releases, one JSON file per release line. Adding a release is adding a file
 * here (and its line to OPENMETADATA_RELEASES, the choices of --openmetadata-version).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { OPENMETADATA_RELEASES, type OpenMetadataRelease } from '../../../core/profile/fields-openmetadata.js';

export interface ReleaseFacts {
  line: OpenMetadataRelease;
  label: string;
  pythonFormatting: { tool: 'isort+black' | 'ruff'; command: string; summary: string };
  /** how the host's `make generate` turns schemas into models (the host layer repeats it) */
  modelGeneration: { isortFirstPartyMetadata: boolean; ruffFix?: { select: string[]; targetVersion: string } };
}

const folder = path.dirname(fileURLToPath(import.meta.url));
const loaded = new Map<string, ReleaseFacts>();

export function releaseFacts(line: string): ReleaseFacts {
  if (!(OPENMETADATA_RELEASES as readonly string[]).includes(line)) {
    throw new Error(`unknown OpenMetadata release line ${line}; known: ${OPENMETADATA_RELEASES.join(', ')}`);
  }
  let facts = loaded.get(line);
  if (!facts) {
    facts = JSON.parse(readFileSync(path.join(folder, `${line}.json`), 'utf8')) as ReleaseFacts;
    loaded.set(line, facts);
  }
  return facts;
}
