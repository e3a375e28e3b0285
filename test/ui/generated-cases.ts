/**
 * The UI layer's inputs: every case of the OpenMetadata matrix, generated once per release into a
 * checkout that holds the fixtures' json/schema tree (the generated schema's $ref closure) and the UI's
 * utils/ folder (so the UI registration edits are made), copied into a temporary folder, never into the
 * repository. A release whose output the UI layer judges (the connection schema and its $ref closure,
 * the example config, the edited UI files and the connection guide) comes out byte-identical to the one
 * before it is judged once: the case stands for both (`releases`).
 */
import { createHash } from 'node:crypto';
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { OPENMETADATA_RELEASES } from '../../generators/openmetadata/profile/fields.js';
import { openMetadataNames, type OpenMetadataProfile } from '../../generators/openmetadata/profile/spec.js';
import { FILES, openMetadataFile } from '../../generators/openmetadata/plan.js';
import { uiFiles } from '../../generators/openmetadata/ui/index.js';
import { schemaClosure } from '../java/java-layer.js';
import { CASES } from '../openmetadata/matrix.js';
import { SCHEMA_DIR, seedCheckout } from '../support/checkouts.js';
import { fixturePath } from '../support/fixtures.js';
import { runGenerator, tempDir } from '../support/generate.js';
import { storedProfileIn } from '../support/hosts.js';

/** What the fixtures' checkout gives the generated one, besides the service files seedCheckout copies. */
export const UI_UTILS = 'openmetadata-ui/src/main/resources/ui/src/utils';
const FROM_FIXTURES = [SCHEMA_DIR, UI_UTILS];

export interface GeneratedCase {
  /** the matrix case's id */
  id: string;
  /** the release it was generated for */
  release: string;
  /** every release whose output this one stands for (what the UI layer judges is the same) */
  releases: string[];
  profile: OpenMetadataProfile;
  /** the checkout root */
  root: string;
  /** root/openmetadata-spec/src/main/resources/json/schema */
  schemaRoot: string;
  /** the connection schema, a path under schemaRoot */
  schemaFile: string;
  serviceType: string;
  typeValue: string;
  /** the example workflow's source.serviceConnection.config */
  exampleConfig: Record<string, unknown> | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** source.serviceConnection.config of the generated example workflow. */
function exampleConfigOf(root: string, profile: OpenMetadataProfile): Record<string, unknown> | undefined {
  const workflow: unknown = yaml.load(readFileSync(path.join(root, openMetadataFile(profile, FILES.workflow)), 'utf8'));
  const source = isRecord(workflow) ? workflow.source : undefined;
  const connection = isRecord(source) ? source.serviceConnection : undefined;
  const config = isRecord(connection) ? connection.config : undefined;
  return isRecord(config) ? config : undefined;
}

/** A hash of what the UI layer judges: the connection schema and its $ref closure, the example config, the edited UI files, the guide. */
function judgedOutputHash(c: GeneratedCase): string {
  const hash = createHash('sha256');
  for (const file of schemaClosure(c.schemaRoot, c.schemaFile)) hash.update(file).update(readFileSync(path.join(c.schemaRoot, file)));
  const { serviceUtils, serviceIcons } = uiFiles(c.profile);
  for (const file of [serviceUtils, serviceIcons, openMetadataFile(c.profile, FILES.connectionGuide)])
    hash.update(file).update(readFileSync(path.join(c.root, file)));
  return hash.update(JSON.stringify(c.exampleConfig)).digest('hex');
}

async function generate(id: string, options: Record<string, unknown>, release: string): Promise<GeneratedCase> {
  const root = seedCheckout('openmetadata', tempDir(`connector-ui-${id}-`));
  for (const inside of FROM_FIXTURES) cpSync(fixturePath(`openmetadata/${inside}`), path.join(root, inside), { recursive: true });
  await runGenerator('openmetadata', { openmetadataVersion: release, ...options }, { cwd: root });
  // what the generator stores is the whole checked profile (storedProfileIn types it as partial, for every host)
  const profile = storedProfileIn(root, 'openmetadata', String(options.name)) as unknown as OpenMetadataProfile | undefined;
  if (!profile) throw new Error(`${id} (${release}): no profile stored in .yo-rc.json`);
  const schemaRoot = path.join(root, SCHEMA_DIR);
  return {
    id,
    release,
    releases: [release],
    profile,
    root,
    schemaRoot,
    schemaFile: path.relative(schemaRoot, path.join(root, openMetadataFile(profile, FILES.connectionSchema))),
    serviceType: profile.serviceType,
    typeValue: openMetadataNames(profile).typeValue,
    exampleConfig: exampleConfigOf(root, profile),
  };
}

let cached: Promise<GeneratedCase[]> | undefined;

/** Every matrix case per release, a release left out where it changes nothing the UI layer judges (generated once per process). */
export function generatedCases(): Promise<GeneratedCase[]> {
  cached ??= (async () => {
    const cases: GeneratedCase[] = [];
    for (const c of CASES) {
      let previous: { generated: GeneratedCase; hash: string } | undefined;
      for (const release of OPENMETADATA_RELEASES) {
        const generated = await generate(c.id, c.options, release);
        const hash = judgedOutputHash(generated);
        if (previous?.hash === hash) previous.generated.releases.push(release);
        else cases.push((previous = { generated, hash }).generated);
      }
    }
    return cases;
  })();
  return cached;
}

/** A case's label in test titles and file names: the id, and the releases it stands for. */
export const caseLabel = (c: GeneratedCase): string => `${c.id} (${c.releases.join(', ')})`;
