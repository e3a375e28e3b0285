/** The Mage file plan: which templates a profile needs, and where each lands. */
import { destinationOf, type PlannedFile } from '../../core/file-plan.js';
import type { MageProfile } from '../../core/profile/mage.js';
import { testModuleName } from '../../core/profile/names.js';
import { MAGE_FACTS } from './facts/index.js';
import { streamModels } from './model/streams.js';

const { paths } = MAGE_FACTS;
// template paths mirror the output tree: these are where the files land in a checkout
const SOURCE = `${paths.sources}/[uuid]`;
const CONNECTION = `${paths.connections}/[uuid]`;
const TESTS = `${paths.sourceTests}/[uuid]`;

export const sourceFolder = (profile: Pick<MageProfile, 'name'>): string => `${paths.sources}/${profile.name}`;

export const briefDestination = (profile: Pick<MageProfile, 'name'>): string => `${sourceFolder(profile)}/CONNECTOR_CONTEXT.md`;

/** The docs page of a source, as docs.json names it (no extension). */
export const docsPage = (profile: Pick<MageProfile, 'name'>): string => `${paths.sourcePages}/${profile.name}`;

type Entry = [template: string, purpose: string, wanted?: boolean];

export function magePlan(profile: MageProfile): PlannedFile[] {
  const type = profile.connectorType;
  const values = { uuid: profile.name, testModule: testModuleName(profile.name) };
  const purposes: Record<typeof type, string> = {
    sql: 'The source: connection, discover query over information_schema, column quoting; runnable as a script',
    api: 'The source: load_data per stream through the client; key properties and replication from the stream classes; runnable as a script',
    file: 'The source: test_connection and load_data (read_rows to implement); runnable as a script',
  };
  const entries: Entry[] = [
    [`${SOURCE}/__init__.py.${type}.ejs`, purposes[type]],
    [`${SOURCE}/README.md.ejs`, 'What users enter: the config keys with descriptions and samples'],
    [`${SOURCE}/templates/config.json.ejs`, 'The config template Mage shows (one key per config key)'],
    [`${SOURCE}/client.py.ejs`, 'HTTP client: base URL, auth headers, default query parameters', type === 'api'],
    [`${SOURCE}/streams/__init__.py.ejs`, 'STREAMS: stream id -> stream class', type === 'api'],
    [`${SOURCE}/streams/base.py.ejs`, 'Base stream: class attributes and the paginating load_data', type === 'api'],
    [`${CONNECTION}/__init__.py.ejs`, 'DB-API connection used by the SQL source', type === 'sql'],
    [`${TESTS}/__init__.py.ejs`, 'Test package marker'],
    [`${TESTS}/[testModule].py.${type}.ejs`, 'Unit tests (unittest; client or connection mocked, no network)'],
    [`docs/${paths.sourcePages}/[uuid].mdx.ejs`, 'Docs page: configuration table'],
  ];
  const files: PlannedFile[] = entries
    .filter(([, , wanted]) => wanted !== false)
    .map(([template, purpose]) => ({ template, destination: destinationOf(template, values), purpose }));
  if (type !== 'sql') {
    // Per-stream files go right after the source's own files, in the order the streams were given.
    const perStream = streamModels(profile).flatMap((stream): PlannedFile[] => {
      const streamValues = { ...values, stream: stream.id };
      const planned: Array<[string, string]> = [[`${SOURCE}/schemas/[stream].json.ejs`, `JSON Schema of the ${stream.id} stream`]];
      if (type === 'api') planned.unshift([`${SOURCE}/streams/[stream].py.ejs`, `The ${stream.id} stream: table name, keys, URL path`]);
      return planned.map(([template, purpose]) => ({ template, destination: destinationOf(template, streamValues), purpose, data: { stream } }));
    });
    const after = files.findIndex((f) => f.template.startsWith(TESTS));
    files.splice(after, 0, ...perStream);
  }
  return files;
}
