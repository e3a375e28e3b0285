/**
 * Property-based runs over the profile space of both hosts (and both OpenMetadata releases): random
 * valid profiles must give Python that compiles and that the release's tools leave as it is, JSON and
 * YAML that parse, and a second identical run that reports every file identical; random invalid ones
 * (a valid profile with one field broken) must be refused with an error naming that flag, with nothing
 * written. No run may print a stack trace.
 *
 * Cases are drawn with fast-check from a seed (`fc.sample`), every case runs through the published bin
 * (a profile file holds the inputs, so any text can be passed), and the Python checks then run once per
 * tool over the trees of all cases: one process per tool, not per case. A failing case is reported with
 * its whole profile, which is the counterexample to replay (`npx generator-connector <host> --profile`).
 * test/shared/profile-properties.test.ts runs a few with a fixed seed; `npm run bench` runs many more.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import yaml from 'js-yaml';
import {
  CREDENTIALS_BY_AUTH,
  MAGE_AUTH_TYPES,
  missingConfigKeys,
  RESERVED_SOURCE_NAMES,
  RESERVED_STREAM_IDS,
  SQL_REQUIRED_KEYS,
} from '../../generators/mage/profile/fields.js';
import {
  CAPABILITIES,
  OM_AUTH_TYPES,
  NEWEST_OPENMETADATA_RELEASE,
  OPENMETADATA_RELEASES,
  SERVICE_TYPES,
  type OpenMetadataRelease,
} from '../../generators/openmetadata/profile/fields.js';
import { streamClassName } from '../../generators/mage/profile/spec.js';
import { isPythonReserved, pascalCase } from '../../core/profile/names.js';
import { MAGE_FACTS } from '../../generators/mage/facts/index.js';
import { BIN, diffTrees, isEmptyDiff, snapshotTree, statusOf } from './generate.js';
import { listFiles } from './files.js';
import { compileErrors } from './python.js';
import { mageFlake8Problems, releaseFormatterProblems, type ReleaseTools } from './release-tools.js';

export type Host = 'openmetadata' | 'mage';
type Profile = Record<string, unknown>;

export interface PropertyCase {
  host: Host;
  profile: Profile;
  format: 'json' | 'yaml';
  /** for an invalid case: what was broken, and the label the error must name (a flag, or `profile file field x`) */
  broken?: { what: string; label: string };
}

// ---------------------------------------------------------------------------------------------
// Building blocks

/** Characters that break naive templates: quotes, escapes, EJS, Markdown, braces, non-ASCII, a JS line separator. */
const HOSTILE_UNITS = [
  'a',
  'Z',
  '0',
  ' ',
  '"',
  "'",
  '\\',
  '`',
  '<%',
  '%>',
  '#',
  '|',
  '{',
  '}',
  '$',
  '*',
  '_',
  'é',
  '😀',
  '\u2028',
  '"""',
  "'''",
  '%s',
  '\t',
];
const LINE_BREAKS = ['\n', '\r\n'];

/** Free text: hostile characters, line breaks and control characters (escaped where they land in code). */
const freeText = fc.oneof(
  fc.constant(''),
  fc.string({ unit: fc.constantFrom(...HOSTILE_UNITS, ...LINE_BREAKS), maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom("it's", 'say "hi"', 'trailing backslash\\', '```\nfenced\n```', '<% evil %>', 'x'.repeat(3000)),
);

/** One line without control characters: display names (at most 80 code points). */
const oneLine = fc.string({ unit: fc.constantFrom(...HOSTILE_UNITS.filter((u) => u !== '\t')), minLength: 1, maxLength: 26 });

/** Characters a URL field accepts (no whitespace): quotes and backslashes where the schema lets them through. */
const urlUnits = (withQuotes: boolean) =>
  fc.constantFrom(
    'a',
    'b',
    'z',
    '0',
    '9',
    '/',
    '-',
    '_',
    '.',
    '~',
    '%',
    '?',
    '=',
    '&',
    '#',
    '{',
    '}',
    '<%',
    'é',
    ...(withQuotes ? ['"', "'", '\\'] : []),
  );

/** A part of a snake_case name: lowercase letters and digits. */
const namePart = fc.stringMatching(/^[a-z0-9]{1,9}$/);
const firstPart = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);

/** snake_case names: short, long (up to the limit), test_-prefixed, and names built around keywords. */
function snakeName(maxLength: number) {
  const built = fc.tuple(firstPart, fc.array(namePart, { maxLength: 7 })).map(([head, rest]) => [head, ...rest].join('_'));
  const long = fc
    .array(fc.stringMatching(/^[a-z][a-z0-9]{3,9}$/), { minLength: 6, maxLength: 10 })
    .map((parts) => parts.join('_').slice(0, maxLength).replace(/_+$/, ''));
  const keywordish = fc.constantFrom(
    'none',
    'true',
    'false',
    'i',
    'o',
    'l',
    'for_x',
    'x_if',
    'class_name',
    'self',
    'cls',
    'type_x',
    'async_db',
    'id',
    'str',
    'list_x',
    'print',
  );
  const prefixed = built.map((n) => `test_${n}`.slice(0, maxLength).replace(/_+$/, ''));
  return fc.oneof(built, long, keywordish, prefixed).filter((n) => n.length <= maxLength && /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(n));
}

const port = fc.integer({ min: 1, max: 65535 });
const docsUrl = fc.oneof(
  fc.constant(''),
  fc.webUrl(),
  fc.string({ unit: urlUnits(true), minLength: 1, maxLength: 60 }).map((s) => `https://example.com/${s}`),
);

/** --api-endpoints: calls with path parameters (some named like keywords or method parameters) and free notes. */
const apiEndpoints = (() => {
  const segment = fc.oneof(
    fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/),
    fc.constantFrom('{id}', '{class}', '{for}', '{self}', '{body}', '{memberId}', '{_x}', '{None}', 'v1', 'api'),
  );
  const call = fc
    .tuple(
      fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
      fc.uniqueArray(segment, { minLength: 1, maxLength: 4 }),
      fc.option(fc.constantFrom('?limit=10', '?q=a&b=c'), { nil: undefined }),
    )
    .map(([method, segments, query]) => `${method} /${segments.join('/')}${query ?? ''}`);
  // "note:" never parses as METHOD /path, so a note is free text whatever follows it
  const note = freeText.map((t) => `note: ${t}`);
  return fc.uniqueArray(fc.oneof(call, note), {
    maxLength: 4,
    // one call per METHOD and path (the parser refuses a call listed twice)
    selector: (entry) => entry.replace(/\?.*$/, '').replace(/\{[^}]*\}/g, '{}'),
  });
})();

const withoutUndefined = (profile: Profile): Profile => Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== undefined));

// ---------------------------------------------------------------------------------------------
// OpenMetadata

const omName = snakeName(60).filter((n) => !isPythonReserved(n) && !isPythonReserved(pascalCase(n).toLowerCase()));
const serviceTypeValue = fc
  .oneof(fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,14}$/), fc.stringMatching(/^[A-Z][a-z]{50,59}$/))
  .filter((v) => v.length <= 60 && !isPythonReserved(v.toLowerCase()));
const scheme = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9_]{0,20}(\+[a-z][a-z0-9_]{0,20})?$/), fc.stringMatching(/^[a-z]{30}\+[a-z]{29}$/));

const omValid = fc.constantFrom(...SERVICE_TYPES).chain((serviceType) => {
  const database = serviceType === 'database';
  return fc
    .record(
      {
        name: omName,
        openmetadataVersion: fc.constantFrom(...OPENMETADATA_RELEASES),
        serviceType: fc.constant(serviceType),
        serviceTypeValue,
        connectionType: fc.constantFrom(...(database ? ['sqlalchemy', 'rest_api', 'sdk_client'] : ['rest_api', 'sdk_client'])),
        scheme,
        defaultPort: port,
        authTypes: fc.uniqueArray(fc.constantFrom(...OM_AUTH_TYPES), { minLength: 1 }),
        // every service type takes every capability, as upstream's scaffold does
        capabilities: fc.uniqueArray(fc.constantFrom(...CAPABILITIES.filter((c) => c !== 'metadata'))).map((c) => ['metadata', ...c]),
        displayName: oneLine,
        description: freeText,
        docsUrl,
        sdkPackage: freeText,
        apiEndpoints,
        docsNotes: freeText,
        dockerImage: fc.oneof(fc.constant(''), fc.stringMatching(/^[a-z0-9][a-z0-9._/-]{0,30}(:[a-z0-9.]{1,10})?$/)),
        dockerPort: port,
      },
      { requiredKeys: ['name', 'serviceType', 'openmetadataVersion'] },
    )
    .map((p): Profile => {
      // an image needs the port it listens on: the default port stands in for it, else give one
      if (p.dockerImage && p.dockerPort === undefined && p.defaultPort === undefined) return { ...p, dockerPort: 5432 };
      return p;
    });
});

// ---------------------------------------------------------------------------------------------
// Mage

const mageName = snakeName(40).filter((n) => {
  const className = pascalCase(n);
  return (
    !isPythonReserved(n) &&
    !(RESERVED_SOURCE_NAMES as readonly string[]).includes(n) &&
    !isPythonReserved(className) &&
    !['I', 'O', 'l'].includes(className)
  );
});
const streamId = fc
  .oneof(
    fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/),
    fc.stringMatching(/^[a-z][a-z0-9_]{39}$/),
    fc.constantFrom('none', 'self', 'records', 'data', 'id', 'stream', 'a_'),
  )
  .filter((s) => !isPythonReserved(s) && !(RESERVED_STREAM_IDS as readonly string[]).includes(s));
const streams = fc.uniqueArray(streamId, { minLength: 1, maxLength: 4, selector: streamClassName });
const configKeyName = fc
  .oneof(
    fc.stringMatching(/^[a-z_][a-z0-9_]{0,15}$/),
    fc.stringMatching(/^[a-z][a-z0-9_]{59}$/),
    fc.constantFrom('_', '__init__', 'self', 'config', 'dict', 'timeout', 'start_date', 'base_url'),
  )
  .filter((k) => !isPythonReserved(k));
const sampleValue = fc.oneof(
  freeText.map((t) => t.slice(0, 500)),
  fc.integer({ min: -1000, max: 100000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const extraKey = fc
  .record(
    { key: configKeyName, sample: sampleValue, secret: fc.boolean(), description: freeText.map((t) => t.slice(0, 2000)) },
    { requiredKeys: ['key'] },
  )
  .map((k) => (k.secret ? { ...k, sample: undefined } : k));

/** Explicit config keys: the ones the generated code reads, then extras; each key once. */
const configKeysWith = (required: ReadonlyArray<{ key: string; secret?: boolean }>) =>
  fc.array(extraKey, { maxLength: 4 }).map((extras) => {
    const keys = [...required.map((r) => ({ key: r.key, ...(r.secret ? { secret: true } : {}) })), ...extras.map(withoutUndefined)];
    return keys.filter((k, i) => keys.findIndex((o) => o.key === k.key) === i);
  });

const baseUrl = fc.oneof(
  fc.constant(''),
  fc.webUrl(),
  fc.string({ unit: urlUnits(false), minLength: 1, maxLength: 300 }).map((s) => `https://api.example.com/${s}`),
  fc.stringMatching(/^[a-z]{60,120}$/).map((host) => `https://${host}.example.com/v1`),
);
const pipPackage = fc.constantFrom(
  'clickhouse-driver==0.2.9',
  'psycopg2-binary',
  'PyMySQL>=1.0,<2',
  'foo[bar,baz]==1.0',
  'snowflake-connector-python~=3.0',
  'a'.repeat(80),
);

const mageCommon = { name: mageName, displayName: oneLine, docsUrl, apiEndpoints, docsNotes: freeText };

/** One call per METHOD and path, as the parser wants (the same selector as apiEndpoints'). */
const oneCallEach = (entries: readonly string[]): string[] => {
  const shape = (entry: string) => entry.replace(/\?.*$/, '').replace(/\{[^}]*\}/g, '{}');
  return entries.filter((e, i) => entries.findIndex((o) => shape(o) === shape(e)) === i);
};

/** Calls the streams read: a list, a child of the first stream, a path parameter from the config (issue 17). */
const streamReads = (ids: readonly string[]) =>
  fc.subarray(ids.flatMap((id, i) => [`GET /${id}`, ...(i > 0 ? [`GET /${ids[0]}/{id}/${id}`] : []), `GET /accounts/{accountId}/${id}?limit=10`]));

/** Explicit config keys also hold what the streams' path parameters need, as a user's must. */
const withPathKeys = (p: Profile): Profile =>
  // an api source without streams gets the one stream records
  Array.isArray(p.configKeys) ? { ...p, configKeys: [...(p.configKeys as object[]), ...missingConfigKeys({ streams: ['records'], ...p })] } : p;

const mageValid = fc.constantFrom('api', 'sql', 'file').chain((connectorType): fc.Arbitrary<Profile> => {
  if (connectorType === 'api') {
    return fc.uniqueArray(fc.constantFrom(...MAGE_AUTH_TYPES), { minLength: 1 }).chain((authTypes) =>
      fc
        .record(
          {
            ...mageCommon,
            connectorType: fc.constant('api'),
            streams,
            authTypes: fc.constant(authTypes),
            baseUrl,
            configKeys: configKeysWith(authTypes.flatMap((a) => CREDENTIALS_BY_AUTH[a])),
          },
          { requiredKeys: ['name', 'connectorType', 'authTypes'] },
        )
        .chain((p) =>
          streamReads(p.streams ?? ['records']).map((reads) =>
            withPathKeys({ ...p, apiEndpoints: oneCallEach([...reads, ...(p.apiEndpoints ?? [])]) }),
          ),
        ),
    );
  }
  if (connectorType === 'sql') {
    return fc.record(
      {
        ...mageCommon,
        connectorType: fc.constant('sql'),
        defaultPort: port,
        configKeys: configKeysWith(SQL_REQUIRED_KEYS.map((key) => ({ key, secret: key === 'password' }))),
        pipPackages: fc.uniqueArray(pipPackage, { maxLength: 2 }),
      },
      { requiredKeys: ['name', 'connectorType'] },
    );
  }
  return fc.record(
    { ...mageCommon, connectorType: fc.constant('file'), streams, configKeys: configKeysWith([{ key: 'file_path' }]) },
    { requiredKeys: ['name', 'connectorType'] },
  );
});

// ---------------------------------------------------------------------------------------------
// Invalid profiles: a valid one with one field broken, and the label its error must carry

interface Breakage {
  what: string;
  label: string;
  apply: (p: Profile) => Profile;
}

/** A value as a breakage names it: JSON, cut short; `undefined` as itself (JSON.stringify gives it no text). */
const shownValue = (value: unknown): string => (value === undefined ? 'undefined' : JSON.stringify(value).slice(0, 60));

const set = (field: string, value: unknown, label: string, extra: Profile = {}): Breakage => ({
  what: `${field} = ${shownValue(value)}`,
  label,
  apply: (p) => ({ ...p, ...extra, [field]: value }),
});

const COMMON_BREAKAGES: Breakage[] = [
  ...['My-DB', '1abc', 'a__b', 'abc_', 'for', 'x'.repeat(61), '', 'é'].map((v) => set('name', v, '--name')),
  ...['a\nb', 'x'.repeat(81), '', 'tab\there'].map((v) => set('displayName', v, '--display-name')),
  ...['ftp://x', 'https://a b', 'example.com'].map((v) => set('docsUrl', v, '--docs-url')),
  set('docsNotes', 'x'.repeat(20_001), '--docs-notes'),
  set('bogus', 1, 'profile file field bogus'),
];

const OM_BREAKAGES: Breakage[] = [
  ...COMMON_BREAKAGES,
  // package folders that are Python keywords (issue 17): the name must be refused
  ...['f_or', 'i_f', 'cl_ass', 'la_mbda', 'wh_ile', 'no_t'].map((v) => set('name', v, '--name', { serviceTypeValue: undefined })),
  ...['azure', 'For', 'A-b', 'Lambda', 'x'.repeat(61)].map((v) => set('serviceTypeValue', v, '--service-type-value')),
  set('serviceType', 'nosql', '--service-type'),
  set('connectionType', 'sqlalchemy', '--connection-type', { serviceType: 'dashboard', capabilities: ['metadata'] }),
  set('connectionType', 'odbc', '--connection-type'),
  set('capabilities', ['teleport'], '--capabilities'),
  ...['Bad Scheme', 'my+sql+x', '9db'].map((v) => set('scheme', v, '--scheme')),
  // a string of digits is a port: a profile file's values are read as the flags' are
  ...[0, 70_000, 1.5, -1, '80x'].map((v) => set('defaultPort', v, '--default-port')),
  ...[[], ['kerberos'], ['basic', 'basic']].map((v) => set('authTypes', v, '--auth-types')),
  set('dockerImage', 'Bad Image', '--docker-image'),
  set('dockerImage', 'postgres:16', '--docker-port', { dockerPort: undefined, defaultPort: undefined }),
  set('dockerPort', 0, '--docker-port', { dockerImage: 'postgres:16' }),
  set('openmetadataVersion', '3.0', '--openmetadata-version'),
  set('apiEndpoints', ['GET /a/{1x}'], '--api-endpoints'),
  set('apiEndpoints', ['GET /a', 'GET /a'], '--api-endpoints'),
];

const MAGE_BREAKAGES: Breakage[] = [
  ...COMMON_BREAKAGES,
  set('apiEndpoints', ['GET /a/{1x}'], '--api-endpoints'),
  set('apiEndpoints', [`GET /a/{${'p'.repeat(41)}}`], '--api-endpoints', {
    connectorType: 'api',
    streams: ['records'],
    authTypes: ['none'],
    configKeys: undefined,
  }),
  // class names that are keywords or that flake8 calls ambiguous (issue 17)
  ...['none', 'true', 'false', 'i', 'o'].map((v) => set('name', v, '--name')),
  ...['base', 'sql', 'client', 'a'.repeat(41)].map((v) => set('name', v, '--name')),
  set('connectorType', 'graphql', '--connector-type'),
  ...[['class'], ['base'], ['a', 'a'], ['a_1b', 'a1b'], [], ['Bad-Id']].map((v) =>
    set('streams', v, '--streams', { connectorType: 'api', authTypes: ['none'], configKeys: undefined }),
  ),
  set('streams', ['t'], '--streams', { connectorType: 'sql', authTypes: undefined, configKeys: undefined, baseUrl: undefined }),
  set('authTypes', ['basic'], '--auth-types', { connectorType: 'sql', streams: undefined, configKeys: undefined, baseUrl: undefined }),
  set('authTypes', [], '--auth-types', { connectorType: 'api', streams: ['records'], configKeys: undefined }),
  set('authTypes', ['magic'], '--auth-types', { connectorType: 'api', streams: ['records'], configKeys: undefined }),
  ...['https://a"b', 'ftp://x', 'https://a b', 'https://a\\b'].map((v) =>
    set('baseUrl', v, '--base-url', { connectorType: 'api', streams: ['records'], authTypes: ['none'], configKeys: undefined }),
  ),
  ...[
    [{ key: '1st' }],
    [{ key: 'a' }, { key: 'a' }],
    [{ key: 'password', secret: true, sample: 'hunter2' }],
    [{ key: 'class' }],
    [{ key: 'x'.repeat(61) }],
    [],
  ].map((v) => set('configKeys', v, '--config-keys', { connectorType: 'file', streams: ['records'], authTypes: undefined, baseUrl: undefined })),
  set('configKeys', [{ key: 'base_url' }], '--config-keys', { connectorType: 'api', streams: ['records'], authTypes: ['api_key'] }),
  ...[['bad pkg'], ['https://x/y.whl'], ['a'.repeat(91)]].map((v) =>
    set('pipPackages', v, '--pip-packages', {
      connectorType: 'sql',
      streams: undefined,
      authTypes: undefined,
      configKeys: undefined,
      baseUrl: undefined,
    }),
  ),
  set('defaultPort', 70_000, '--default-port', {
    connectorType: 'sql',
    streams: undefined,
    authTypes: undefined,
    configKeys: undefined,
    baseUrl: undefined,
  }),
];

const broken = (host: Host, valid: fc.Arbitrary<Profile>, breakages: Breakage[]): fc.Arbitrary<PropertyCase> =>
  fc.tuple(valid, fc.constantFrom(...breakages), fc.constantFrom<'json' | 'yaml'>('json', 'yaml')).map(([p, b, format]) => ({
    host,
    profile: withoutUndefined(b.apply(p)),
    format,
    broken: { what: b.what, label: b.label },
  }));

const valid = (host: Host, arb: fc.Arbitrary<Profile>): fc.Arbitrary<PropertyCase> =>
  fc.tuple(arb, fc.constantFrom<'json' | 'yaml'>('json', 'yaml')).map(([profile, format]) => ({ host, profile: withoutUndefined(profile), format }));

/** Valid and invalid profiles of both hosts: valid ones more often, their checks find more. */
export const propertyCase: fc.Arbitrary<PropertyCase> = fc.oneof(
  { weight: 3, arbitrary: valid('openmetadata', omValid) },
  { weight: 3, arbitrary: valid('mage', mageValid) },
  { weight: 1, arbitrary: broken('openmetadata', omValid, OM_BREAKAGES) },
  { weight: 1, arbitrary: broken('mage', mageValid, MAGE_BREAKAGES) },
);

// ---------------------------------------------------------------------------------------------
// Running the cases

export type PropertyTools = ReleaseTools;

export interface Failure {
  case: PropertyCase;
  problems: string[];
}

export interface PropertyReport {
  cases: number;
  valid: number;
  invalid: number;
  pythonFiles: number;
  failures: Failure[];
  ms: number;
}

interface Spawned {
  status: number | null;
  output: string;
}

function runBinAsync(args: string[], cwd: string): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_UPDATE_NOTIFIER: '1', FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}

/** A stack frame or an uncaught JavaScript error in the output: never shown to a user. */
const STACK_TRACE = /^\s+at .+(\(.*:\d+:\d+\)|:\d+:\d+)$|^(Type|Reference|Range|Syntax)Error\b|^Error: /m;

/** The problem lines of a refusal: `  --flag: message` or `  profile file field x: message`. */
const problemLines = (output: string): string[] => output.split('\n').filter((l) => /^ {2}\S/.test(l));

function profileFile(folder: string, c: PropertyCase): string {
  const file = path.join(folder, `profile.${c.format}`);
  // YAML: one document; the dumper quotes what needs quoting (line breaks, colons, hostile characters)
  writeFileSync(file, c.format === 'json' ? JSON.stringify(c.profile, null, 2) : yaml.dump(c.profile, { lineWidth: -1 }));
  return file;
}

async function runValid(dir: string, args: string[]): Promise<string[]> {
  const problems: string[] = [];
  const first = await runBinAsync(args, dir);
  if (STACK_TRACE.test(first.output)) problems.push(`stack trace in the output:\n${first.output.slice(0, 3000)}`);
  if (first.status !== 0) return [...problems, `valid profile refused (exit ${first.status}):\n${first.output.slice(0, 3000)}`];
  const before = snapshotTree(dir);
  const second = await runBinAsync(args, dir);
  if (second.status !== 0) problems.push(`second run exit ${second.status}:\n${second.output.slice(0, 3000)}`);
  if (STACK_TRACE.test(second.output)) problems.push(`stack trace in the second run:\n${second.output.slice(0, 3000)}`);
  const written = [...before.keys()].filter((f) => f !== '.yo-rc.json');
  const notIdentical = written.filter((f) => statusOf(second.output, f) !== 'identical');
  if (notIdentical.length > 0)
    problems.push(`second identical run: not reported identical: ${notIdentical.join(', ')}\n${second.output.slice(0, 2000)}`);
  const diff = diffTrees(before, snapshotTree(dir));
  if (!isEmptyDiff(diff)) problems.push(`second identical run changed the tree: ${JSON.stringify(diff)}`);
  return problems;
}

async function runInvalid(c: PropertyCase, dir: string, args: string[]): Promise<string[]> {
  const problems: string[] = [];
  const result = await runBinAsync(args, dir);
  if (STACK_TRACE.test(result.output)) problems.push(`stack trace in the output:\n${result.output.slice(0, 3000)}`);
  if (result.status !== 1) problems.push(`exit ${result.status}, expected 1 (refused)`);
  if (!/nothing was written/.test(result.output)) problems.push('the refusal does not say nothing was written');
  const lines = problemLines(result.output);
  if (!lines.some((l) => l.startsWith(`  ${c.broken!.label}:`))) problems.push(`no problem names ${c.broken!.label}`);
  const unnamed = lines.filter((l) => !/^ {2}(--[a-z-]+|profile file field \S+|profile):/.test(l));
  if (unnamed.length > 0) problems.push(`problems without a flag: ${unnamed.join(' | ')}`);
  const left = snapshotTree(dir);
  if (left.size > 0) problems.push(`files written: ${[...left.keys()].join(', ')}`);
  return problems.length > 0 ? [...problems, `output:\n${result.output.slice(0, 3000)}`] : [];
}

/** Runs `tasks` with at most `limit` at a time (the machine's cores), in order of start. */
async function pool<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

const caseFolder = (i: number): string => `case-${String(i).padStart(4, '0')}`;

/** Every .json, .yaml and .yml file under `dir` parses (the stored answers too). */
function dataFileProblems(dir: string): string[] {
  const problems: string[] = [];
  for (const ext of ['json', 'yaml', 'yml']) {
    for (const rel of listFiles(dir, { ext })) {
      const text = readFileSync(path.join(dir, rel), 'utf8');
      try {
        if (ext === 'json') JSON.parse(text);
        else yaml.load(text);
      } catch (error) {
        problems.push(`${rel}: does not parse: ${(error as Error).message.split('\n')[0]}`);
      }
    }
  }
  return problems;
}

/** Problems reported as "<case folder>/<file>...": attributed to the case whose folder starts the line or names the file. */
function attribute(problems: string[], byCase: Map<string, string[]>): void {
  for (const problem of problems) {
    const folder = /case-\d{4}/.exec(problem)?.[0];
    const target = folder && byCase.has(folder) ? folder : '(unattributed)';
    byCase.set(target, [...(byCase.get(target) ?? []), problem]);
  }
}

/** Tool output split per file where the tool prints one block per file (ruff format --diff, black --diff, isort --diff). */
function perCase(output: string[], cases: string[]): string[] {
  const split: string[] = [];
  for (const block of output) {
    const named = cases.filter((c) => block.includes(`${c}/`));
    if (named.length === 0 || !block.includes('\n')) {
      split.push(block);
      continue;
    }
    for (const c of named) {
      // keep the lines about this case, with the tool's name
      const lines = block.split('\n');
      const mine = lines.filter((l) => l.includes(`${c}/`));
      split.push(`${c}: ${lines[0]}\n${mine.slice(0, 20).join('\n')}\n${excerptFor(block, c)}`);
    }
  }
  return split;
}

/** The diff hunks of a tool's output that follow a header naming the case's folder. */
function excerptFor(block: string, c: string): string {
  const start = block.indexOf(`${c}/`);
  const otherCase = new RegExp(`case-(?!${c.slice(5)})\\d{4}/`, 'g');
  otherCase.lastIndex = start;
  const end = otherCase.exec(block)?.index ?? block.length;
  return block.slice(Math.max(0, start - 4), Math.min(end, start + 2500));
}

/**
 * Draws `numRuns` cases from `seed`, runs each through the bin in its own folder under `root`, then
 * judges all the generated trees with one process per tool. Returns the failures (empty: the property holds).
 */
export async function runProfileProperty(options: {
  seed: number;
  numRuns: number;
  root: string;
  tools: PropertyTools;
  concurrency?: number;
}): Promise<PropertyReport> {
  const started = performance.now();
  const cases = fc.sample(propertyCase, { seed: options.seed, numRuns: options.numRuns });
  const folders = cases.map((_, i) => caseFolder(i));
  const problems = new Map<string, string[]>(folders.map((f) => [f, []]));
  const tasks = cases.map((c, i) => async () => {
    const dir = path.join(options.root, folders[i]!);
    const inputs = path.join(options.root, 'inputs', folders[i]!);
    mkdirSync(dir, { recursive: true });
    mkdirSync(inputs, { recursive: true });
    const args = [c.host, '--profile', profileFile(inputs, c)];
    const found = c.broken ? await runInvalid(c, dir, args) : await runValid(dir, args);
    problems.get(folders[i]!)!.push(...found);
  });
  await pool(tasks, options.concurrency ?? 2);

  // The trees of the valid cases that ran, grouped by the tools that judge them.
  const groups = new Map<string, { files: string[]; judge: (files: string[]) => string[] }>();
  const group = (key: string, judge: (files: string[]) => string[]) => {
    if (!groups.has(key)) groups.set(key, { files: [], judge });
    return groups.get(key)!;
  };
  let pythonFiles = 0;
  cases.forEach((c, i) => {
    if (c.broken) return;
    const folder = folders[i]!;
    problems.get(folder)!.push(...dataFileProblems(path.join(options.root, folder)));
    const files = listFiles(path.join(options.root, folder), { ext: 'py' }).map((f) => `${folder}/${f}`);
    pythonFiles += files.length;
    group('compile', (fs) => compileErrors(options.root, fs, { python: options.tools.python })).files.push(...files);
    if (c.host === 'mage') {
      group('mage flake8', (fs) => mageFlake8Problems(options.tools.mage, options.root, fs, MAGE_FACTS.flake8MaxLineLength)).files.push(...files);
    } else {
      const line = (c.profile.openmetadataVersion as OpenMetadataRelease | undefined) ?? NEWEST_OPENMETADATA_RELEASE;
      const bin = options.tools.openmetadata[line];
      if (bin === undefined) throw new Error(`no host venv for OpenMetadata ${line} among the release tools`);
      group(`openmetadata ${line}`, (fs) => releaseFormatterProblems(line, bin, options.root, fs)).files.push(...files);
    }
  });
  for (const { files, judge } of groups.values()) attribute(perCase(judge(files), folders), problems);

  const failures: Failure[] = [];
  for (const [folder, found] of problems) {
    if (found.length === 0) continue;
    const index = folders.indexOf(folder);
    failures.push({ case: index >= 0 ? cases[index]! : { host: 'openmetadata', profile: {}, format: 'json' }, problems: [`(${folder})`, ...found] });
  }
  return {
    cases: cases.length,
    valid: cases.filter((c) => !c.broken).length,
    invalid: cases.filter((c) => c.broken).length,
    pythonFiles,
    failures,
    ms: Math.round(performance.now() - started),
  };
}

/** A failure as a reader replays it: the host, the profile file, what was broken, and the problems. */
export function describeFailure(f: Failure): string {
  const profile = JSON.stringify(f.case.profile, null, 2);
  const what = f.case.broken ? `invalid (${f.case.broken.what}; must name ${f.case.broken.label})` : 'valid';
  return [
    `${f.case.host} ${what}, profile (${f.case.format}):`,
    profile.length > 4000 ? `${profile.slice(0, 4000)}...` : profile,
    ...f.problems.map((p) => p.slice(0, 4000)),
  ].join('\n');
}
