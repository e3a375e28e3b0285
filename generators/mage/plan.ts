/**
 * The Mage file plan: which templates a profile needs, and where each lands. The folders come from the
 * facts (paths); templates/ mirrors them, so a template path is its destination with placeholders.
 * Everything else that names a generated file looks it up here by id.
 */
import path from 'node:path';
import { BRIEF, destinationOf, planOf, plannedPath, type PlanEntry, type PlannedFile } from '../../core/file-plan.js';
import { testModuleName } from '../../core/profile/names.js';
import type { MageProfile } from './profile/spec.js';
import { MAGE_FACTS } from './facts/index.js';
import { streamModels } from './model/streams.js';

const { paths } = MAGE_FACTS;
const SOURCE = `${paths.sources}/[uuid]`;
const CONNECTION = `${paths.connections}/[uuid]`;
const TESTS = `${paths.sourceTests}/[uuid]`;

/** Ids of the files other modules name (the brief, the next steps, registration). */
export const FILES = {
  source: 'source',
  connection: 'connection',
  unitTest: 'unitTest',
  docsPage: 'docsPage',
  brief: BRIEF,
} as const;

const SOURCE_PURPOSE: Record<MageProfile['connectorType'], string> = {
  sql: 'The source: connection, discover query over information_schema, column quoting; runnable as a script',
  api: 'The source: load_data per stream through the client; key properties and replication from the stream classes; runnable as a script',
  file: 'The source: test_connection and load_data (read_rows to implement); runnable as a script',
};

export function magePlan(profile: MageProfile): PlannedFile[] {
  const type = profile.connectorType;
  const entries: PlanEntry[] = [
    { id: FILES.source, template: `${SOURCE}/__init__.py.${type}.ejs`, purpose: SOURCE_PURPOSE[type] },
    { id: 'readme', template: `${SOURCE}/README.md.ejs`, purpose: 'What users enter: the config keys with descriptions and samples' },
    { id: 'configTemplate', template: `${SOURCE}/templates/config.json.ejs`, purpose: 'The config template Mage shows (one key per config key)' },
    {
      id: 'client',
      template: `${SOURCE}/client.py.ejs`,
      purpose: 'HTTP client: base URL, auth headers, default query parameters',
      wanted: type === 'api',
    },
    { id: 'streams', template: `${SOURCE}/streams/__init__.py.ejs`, purpose: 'STREAMS: stream id -> stream class', wanted: type === 'api' },
    {
      id: 'baseStream',
      template: `${SOURCE}/streams/base.py.ejs`,
      purpose: 'Base stream: class attributes and the paginating load_data',
      wanted: type === 'api',
    },
    { id: FILES.connection, template: `${CONNECTION}/__init__.py.ejs`, purpose: 'DB-API connection used by the SQL source', wanted: type === 'sql' },
    // per-stream files go right after the source's own files, in the order the streams were given
    ...(type === 'sql' ? [] : streamEntries(profile)),
    { id: 'testPackage', template: `${TESTS}/__init__.py.ejs`, purpose: 'Test package marker' },
    {
      id: FILES.unitTest,
      template: `${TESTS}/[testModule].py.${type}.ejs`,
      purpose: 'Unit tests (unittest; client or connection mocked, no network)',
    },
    { id: FILES.docsPage, template: `${paths.docs}/${paths.sourcePages}/[uuid].mdx.ejs`, purpose: 'Docs page: configuration table' },
    // last: its file index lists every file above, and it is rendered with what this run registers
    { id: FILES.brief, template: `${SOURCE}/CONNECTOR_CONTEXT.md.ejs`, purpose: 'This brief' },
  ];
  return planOf(entries, { uuid: profile.name, testModule: testModuleName(profile.name) });
}

/** A stream's class (API sources) and JSON Schema, the template rendering the stream it is given. */
function streamEntries(profile: MageProfile): PlanEntry[] {
  return streamModels(profile).flatMap((stream): PlanEntry[] => {
    const values = { stream: stream.id };
    const schema = {
      id: `schema:${stream.id}`,
      template: `${SOURCE}/schemas/[stream].json.ejs`,
      purpose: `JSON Schema of the ${stream.id} stream`,
      values,
      data: { stream },
    };
    const streamClass = {
      id: `stream:${stream.id}`,
      template: `${SOURCE}/streams/[stream].py.ejs`,
      purpose: `The ${stream.id} stream: table name, keys, URL path`,
      values,
      data: { stream },
    };
    return profile.connectorType === 'api' ? [streamClass, schema] : [schema];
  });
}

/** The destination of one of the profile's planned files, from the checkout root. */
export const mageFile = (profile: MageProfile, id: string): string => plannedPath(magePlan(profile), id);

/** The folder of a source named so (mage_integrations/.../sources/<uuid>), from the checkout root: all a name needs to be checked against the checkout. */
export const sourceFolder = (name: string): string => destinationOf(SOURCE, { uuid: name });

/** The docs page of a source as docs.json names it: relative to the docs site, no extension. */
export const docsPage = (profile: MageProfile): string => path.posix.relative(paths.docs, mageFile(profile, FILES.docsPage)).replace(/\.mdx$/, '');

/** The unit test as `python3 -m unittest` names it from the project folder: mage_integrations.tests.sources.<uuid>.<module>. */
export const unitTestModule = (profile: MageProfile): string =>
  path.posix.relative(paths.integrationsProject, mageFile(profile, FILES.unitTest)).replace(/\.py$/, '').replaceAll('/', '.');
