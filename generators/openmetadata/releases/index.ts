/**
 * What the generated OpenMetadata connector depends on that changes between
 * releases, one JSON file per release line. Adding a release is adding a file
 * here (and its line to OPENMETADATA_RELEASES, the choices of --openmetadata-version).
 */
import { fileURLToPath } from 'node:url';

import type { PyStyle } from '../python.js';
import { loadHostFacts } from '../../../core/host-facts.js';
import { OPENMETADATA_RELEASES, type OpenMetadataRelease } from '../../../core/profile/fields-openmetadata.js';

export interface ReleaseFacts {
  line: OpenMetadataRelease;
  label: string;
  /** how the release's formatter lays out Python */
  python: PyStyle;
  /** the formatter `make py_format` runs, and the repository's settings for it (the host layer applies them) */
  pythonFormatting: {
    tool: 'isort+black' | 'ruff';
    command: string;
    summary: string;
    isort?: { profile: string; knownFirstParty: string[] };
    ruff?: {
      targetVersion: string;
      select: string[];
      ignore: string[];
      perFileIgnores: Record<string, string[]>;
      knownFirstParty: string[];
      maxComplexity: number;
      banRelativeImports: string;
    };
  };
  /** BaseConnection (metadata.ingestion.connections.connection): what a subclass must implement */
  baseConnection: { abstractMethods: string[]; registersTeardown: boolean };
  /** the test-connection definition: the category the gate step carries (2.0), or none (1.12 rejects the field) */
  testConnection: { gateCategory: string | null };
  /** abstract methods a base class has in this release beyond those in facts.ts (checked by the host layer) */
  extraAbstractMethods: Record<string, string[]>;
  /** how the host's `make generate` turns schemas into models (the host layer repeats it) */
  modelGeneration: { isortFirstPartyMetadata: boolean; ruffFix?: { select: string[]; targetVersion: string } };
}

const folder = fileURLToPath(new URL('.', import.meta.url));

export function releaseFacts(line: string): ReleaseFacts {
  if (!(OPENMETADATA_RELEASES as readonly string[]).includes(line)) {
    throw new Error(`unknown OpenMetadata release line ${line}; known: ${OPENMETADATA_RELEASES.join(', ')}`);
  }
  return loadHostFacts<ReleaseFacts>(folder, line);
}
