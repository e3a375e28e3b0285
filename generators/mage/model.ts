/**
 * Values the Mage templates render. Everything is computed here: templates
 * print these strings and loop over these lists. User free text reaches
 * Python only through pythonString (the quotes black keeps), JSON only through JSON.stringify,
 * Markdown only through core/text.ts.
 */
import type { ConfigKey, MageAuthType } from '../../core/profile/fields-mage.js';
import { mageNames, streamClassName, type MageProfile } from '../../core/profile/mage.js';
import { testModuleName } from '../../core/profile/names.js';
import { markdownInline, pythonString } from '../../core/text.js';

/** Black's line length: longer import lines are wrapped the way isort (profile black) wraps them. */
const LINE_LENGTH = 88;

/** `from module import a, b`, or isort's vertical hanging indent when the line is too long. */
export function pyFromImport(module: string, names: readonly string[]): string {
  const line = `from ${module} import ${names.join(', ')}`;
  if (line.length <= LINE_LENGTH) return line;
  return [`from ${module} import (`, ...names.map((n) => `    ${n},`), ')'].join('\n');
}

/** isort's order of module names (case-insensitive, numbers compared as numbers). */
export function isortModuleOrder(a: string, b: string): number {
  const chunks = (s: string): Array<string | number> =>
    (s.toLowerCase().match(/\d+|\D+/g) ?? []).map((c) => (/^\d+$/.test(c) ? Number(c) : c));
  const ca = chunks(a);
  const cb = chunks(b);
  for (let i = 0; i < Math.min(ca.length, cb.length); i += 1) {
    const x = ca[i]!;
    const y = cb[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return ca.length - cb.length;
}

/** A shell word: single-quoted, with embedded single quotes closed, escaped and reopened. */
export const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/** A Markdown code span of the literal text, whatever backticks it holds. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/** A Markdown code fence longer than any backtick run in the text, so the text cannot close it. */
export function codeBlock(text: string, info = ''): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${text}\n${fence}`;
}

const SOURCES = 'mage_integrations/mage_integrations/sources';

export interface ConfigRow {
  key: string;
  /** Markdown table row: | `key` | description | sample | */
  tableRow: string;
  /** a Python dict entry for the generated tests: 'key': value, */
  pyTestEntry: string;
}

export interface StreamModel {
  id: string;
  className: string;
  /** Python literals */
  idLiteral: string;
  urlPathLiteral: string;
  /** schemas/<id>.json */
  schemaJson: string;
}

const describeKey = (key: ConfigKey): string => {
  if (key.description) return key.description;
  const words = key.key.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const hasSample = (key: ConfigKey): boolean => key.sample !== undefined && key.sample !== '';

/** templates/config.json: a flat object, "" for text and secrets, numbers for numeric samples. */
export function configTemplate(keys: readonly ConfigKey[]): Record<string, string | number> {
  return Object.fromEntries(keys.map((k) => [k.key, typeof k.sample === 'number' && !k.secret ? k.sample : '']));
}

/** What the generated unit tests put in the config: numbers stay numbers, text becomes a recognisable dummy. */
const testValue = (key: ConfigKey): string => (typeof key.sample === 'number' ? String(key.sample) : pythonString(`test-${key.key}`));

export function configRows(keys: readonly ConfigKey[]): ConfigRow[] {
  return keys.map((k) => ({
    key: k.key,
    tableRow: `| \`${k.key}\` | ${markdownInline(describeKey(k))}${k.secret ? ' (secret)' : ''} | ${hasSample(k) ? markdownInline(String(k.sample)) : ''} |`,
    pyTestEntry: `${pythonString(k.key)}: ${testValue(k)},`,
  }));
}

/** JSON indented by two spaces, with arrays of plain values on one line (`"type": ["null", "string"]`). */
export function prettyJson(value: unknown, indent = ''): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    return `[\n${value.map((v) => inner + prettyJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${prettyJson(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** The JSON Schema of a generated stream: a placeholder record with nullable types, replaced by the implementer. */
export function streamSchema(): Record<string, unknown> {
  return {
    type: 'object',
    properties: {
      id: { type: ['null', 'string'] },
      updated_at: { type: ['null', 'string'], format: 'date-time' },
    },
  };
}

export function streamModels(profile: MageProfile): StreamModel[] {
  return profile.streams.map((id) => ({
    id,
    className: streamClassName(id),
    idLiteral: pythonString(id),
    urlPathLiteral: pythonString(`/${id}`),
    schemaJson: prettyJson(streamSchema()),
  }));
}

/** The import name of a pip package's module, guessed; the generated code says to check it. */
const KNOWN_DRIVER_MODULES: Record<string, string> = {
  'psycopg2-binary': 'psycopg2',
  'psycopg-binary': 'psycopg',
  'mysql-connector-python': 'mysql.connector',
  'snowflake-connector-python': 'snowflake.connector',
  'redshift-connector': 'redshift_connector',
  'clickhouse-driver': 'clickhouse_driver.dbapi',
  'clickhouse-connect': 'clickhouse_connect.dbapi',
  'ibm-db': 'ibm_db_dbi',
  'pymysql': 'pymysql',
  'pyodbc': 'pyodbc',
  'pymssql': 'pymssql',
  'oracledb': 'oracledb',
  'trino': 'trino.dbapi',
  'teradatasql': 'teradatasql',
  'duckdb': 'duckdb',
  'pg8000': 'pg8000.dbapi',
  'vertica-python': 'vertica_python',
  'pyhive': 'pyhive.hive',
};

/** `clickhouse-driver[lz4]==0.2.9` -> `clickhouse-driver` */
export const requirementName = (spec: string): string => (/^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(spec)?.[0] ?? spec);

/** PEP 503 normalised name: case and runs of -_. do not matter. */
export const normaliseRequirement = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, '-');

export function driverModule(pipPackages: readonly string[]): string | undefined {
  const first = pipPackages[0];
  if (!first) return undefined;
  const name = normaliseRequirement(requirementName(first));
  return KNOWN_DRIVER_MODULES[name] ?? name.replace(/-/g, '_');
}

/**
 * The keyword names of connect() for the DB-API drivers whose signatures are known: psycopg 3 takes
 * only libpq's `dbname` (psycopg2 also accepts `database`), pymssql calls the host `server`.
 * `known` false: the generic names, and the template says to check them.
 */
const CONNECT_KEYWORDS: Record<string, { database: string; host: string }> = {
  psycopg2: { database: 'dbname', host: 'host' },
  psycopg: { database: 'dbname', host: 'host' },
  pymysql: { database: 'database', host: 'host' },
  'mysql.connector': { database: 'database', host: 'host' },
  'clickhouse_driver.dbapi': { database: 'database', host: 'host' },
  redshift_connector: { database: 'database', host: 'host' },
  pymssql: { database: 'database', host: 'server' },
};

/** CAST targets per SQL family, for bookmarks (MySQL and MariaDB cast to SIGNED, not BIGINT or BOOLEAN). */
const CAST_TYPES = {
  postgres: { dialect: 'PostgreSQL', quote: '"', datetime: 'TIMESTAMP', boolean: 'BOOLEAN', integer: 'BIGINT', number: 'DOUBLE PRECISION' },
  // MySQL reads "x" as a string, not a column, unless ANSI_QUOTES is set
  mysql: { dialect: 'MySQL and MariaDB', quote: '`', datetime: 'DATETIME', boolean: 'SIGNED', integer: 'SIGNED', number: 'DOUBLE' },
  mssql: { dialect: 'SQL Server', quote: '"', datetime: 'DATETIME2', boolean: 'BIT', integer: 'BIGINT', number: 'FLOAT' },
  ansi: {
    dialect: 'standard SQL; check it against your database',
    quote: '"',
    datetime: 'TIMESTAMP',
    boolean: 'BOOLEAN',
    integer: 'BIGINT',
    number: 'DOUBLE PRECISION',
  },
};
const DRIVER_FAMILY: Record<string, keyof typeof CAST_TYPES> = {
  psycopg2: 'postgres',
  psycopg: 'postgres',
  redshift_connector: 'postgres',
  pymysql: 'mysql',
  'mysql.connector': 'mysql',
  pymssql: 'mssql',
};

function castTypes(driver: string | undefined) {
  const known = Boolean(driver && DRIVER_FAMILY[driver]);
  const family = CAST_TYPES[(driver && DRIVER_FAMILY[driver]) || 'ansi'];
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

function connectKeywords(driver: string | undefined) {
  const known = driver ? CONNECT_KEYWORDS[driver] : undefined;
  return { known: known !== undefined, database: known?.database ?? 'database', host: known?.host ?? 'host' };
}

/** The credential checks of client.py, in the order get_headers applies them (later ones win on Authorization). */
const AUTH_ORDER: readonly MageAuthType[] = ['api_key', 'bearer', 'basic', 'oauth2'];

export interface AuthModel {
  apiKey: boolean;
  bearer: boolean;
  basic: boolean;
  oauth2: boolean;
  none: boolean;
  /** header-building auth types, in get_headers order */
  active: MageAuthType[];
}

export function authModel(profile: MageProfile): AuthModel {
  const chosen = new Set(profile.connectorType === 'api' ? profile.authTypes : []);
  return {
    apiKey: chosen.has('api_key'),
    bearer: chosen.has('bearer'),
    basic: chosen.has('basic'),
    oauth2: chosen.has('oauth2'),
    none: chosen.has('none'),
    active: AUTH_ORDER.filter((a) => chosen.has(a)),
  };
}

/** The imports of each generated Python module, already sorted and wrapped as isort (profile black) would. */
function imports(profile: MageProfile, className: string, auth: AuthModel, driver: string | undefined) {
  const uuid = profile.name;
  const sourcePackage = `mage_integrations.sources.${uuid}`;
  const block = (...groups: string[][]): string => groups.filter((g) => g.length > 0).map((g) => g.join('\n')).join('\n\n');
  /** a section of `from` imports, ordered by module as isort orders them */
  const fromSection = (...lines: Array<[module: string, names: string[]]>): string[] =>
    [...lines].sort(([a], [b]) => isortModuleOrder(a, b)).map(([module, names]) => pyFromImport(module, names));
  const stdlibClient = [
    ...(auth.basic ? ['import base64'] : []),
    ...(auth.oauth2 ? ['import json'] : []),
    'from typing import Dict',
    ...(auth.oauth2 ? ['from urllib.parse import urlencode', 'from urllib.request import Request, urlopen'] : []),
  ];
  return {
    sourceInit: {
      sql: block(
        ['from typing import List'],
        fromSection(
          [`mage_integrations.connections.${uuid}`, [`${className} as ${className}Connection`]],
          ['mage_integrations.sources.base', ['main']],
          ['mage_integrations.sources.constants', ['COLUMN_FORMAT_DATETIME', 'COLUMN_TYPE_BOOLEAN', 'COLUMN_TYPE_INTEGER', 'COLUMN_TYPE_NUMBER']],
          ['mage_integrations.sources.sql.base', ['Source']],
        ),
      ),
      api: block(
        ['from typing import Dict, Generator, List'],
        fromSection(
          ['mage_integrations.sources.base', ['Source', 'main']],
          [`${sourcePackage}.client`, [`${className}Client`]],
          [`${sourcePackage}.streams`, ['STREAMS']],
        ),
      ),
      file: block(
        [...(filePathKey(profile) ? ['import os'] : []), 'from typing import Dict, Generator, List'],
        [pyFromImport('mage_integrations.sources.base', ['Source', 'main'])],
      ),
    },
    client: block(stdlibClient, [
      pyFromImport('mage_integrations.sources.http.client', auth.oauth2 ? ['REQUEST_TIMEOUT', 'Client'] : ['Client']),
    ]),
    streamsBase: block(
      ['from typing import Dict, Generator, List, Optional'],
      [pyFromImport('mage_integrations.sources.constants', ['REPLICATION_METHOD_FULL_TABLE'])],
    ),
    streamsInit: [...profile.streams]
      .sort(isortModuleOrder)
      .map((id) => pyFromImport(`.${id}`, [streamClassName(id)]))
      .join('\n'),
    connection: block(
      driver ? ['from importlib import import_module'] : [],
      [pyFromImport('mage_integrations.connections.sql.base', ['Connection'])],
    ),
    test: {
      sql: block(
        ['import unittest', 'from unittest.mock import MagicMock, patch'],
        fromSection(
          [`mage_integrations.connections.${uuid}`, [`${className} as ${className}Connection`]],
          [sourcePackage, [className]],
        ),
      ),
      api: block(
        ['import unittest', 'from unittest.mock import MagicMock, patch'],
        fromSection(
          ['mage_integrations.sources.constants', ['REPLICATION_METHOD_FULL_TABLE']],
          [sourcePackage, [className]],
          [`${sourcePackage}.client`, [`${className}Client`]],
          [`${sourcePackage}.streams`, ['STREAMS']],
        ),
      ),
      file: block(
        [...(filePathKey(profile) ? ['import tempfile'] : []), 'import unittest', 'from unittest.mock import MagicMock, patch'],
        [pyFromImport(sourcePackage, [className])],
      ),
    },
  };
}

/** The config a local discover run starts from: samples where given, "" elsewhere. */
export function localConfig(keys: readonly ConfigKey[]): Record<string, string | number> {
  return Object.fromEntries(keys.map((k) => [k.key, k.secret ? '' : (k.sample ?? '')]));
}

const code = (text: string): string => `\`${text}\``;
const listOrNone = (items: readonly string[]): string => (items.length > 0 ? items.join(', ') : '_none_');

/** The brief's profile table: identifiers in code spans, free text through markdownInline. */
function profileTable(profile: MageProfile, className: string): string {
  const rows: Array<[string, string]> = [
    ['Source uuid and folder', code(profile.name)],
    ['Source class', code(className)],
    ['Display name', markdownInline(profile.displayName)],
    ['Connector type', code(profile.connectorType)],
  ];
  if (profile.connectorType !== 'sql') rows.push(['Streams', listOrNone(profile.streams.map(code))]);
  if (profile.connectorType === 'api') {
    rows.push(['Auth types', listOrNone(profile.authTypes.map(code))]);
    rows.push(['Base URL', profile.baseUrl ? markdownInline(profile.baseUrl) : '_none_']);
  }
  if (profile.connectorType === 'sql') {
    rows.push(['Default port', profile.defaultPort !== undefined ? code(String(profile.defaultPort)) : '_none_']);
  }
  rows.push(['Config keys', listOrNone(profile.configKeys.map((k) => code(k.key) + (k.secret ? ' (secret)' : '')))]);
  rows.push(['New pip packages', listOrNone(profile.pipPackages.map(code))]);
  return ['| Field | Value |', '| --- | --- |', ...rows.map(([field, value]) => `| ${field} | ${value} |`)].join('\n');
}

/** Config keys that name the file (or URL) a file source reads, in the order they are looked for. */
const PATH_KEYS = ['file_path', 'path', 'filepath', 'file', 'url', 'location'];

export const filePathKey = (profile: Pick<MageProfile, 'connectorType' | 'configKeys'>): string | undefined =>
  profile.connectorType === 'file' ? PATH_KEYS.find((key) => profile.configKeys.some((k) => k.key === key)) : undefined;

export function templateData(profile: MageProfile): Record<string, unknown> {
  const names = mageNames(profile);
  const { className, uuid } = names;
  const auth = authModel(profile);
  const driver = profile.connectorType === 'sql' ? driverModule(profile.pipPackages) : undefined;
  const keys = profile.configKeys;
  const keyNames = new Set(keys.map((k) => k.key));
  const rows = configRows(keys);
  const streams = streamModels(profile);
  const scriptPath = `${SOURCES}/${uuid}/__init__.py`;
  const configJsonLine = JSON.stringify(localConfig(keys));
  const command = (flag: string): string => `python3 ${scriptPath} \\\n  --config_json ${shellQuote(configJsonLine)} \\\n  ${flag}`;
  return {
    profile,
    names,
    uuid,
    className,
    connectorType: profile.connectorType,
    streams,
    firstStream: streams[0],
    auth,
    imports: imports(profile, className, auth, driver),
    /** templates/config.json */
    configJson: JSON.stringify(configTemplate(keys), null, 2),
    configTable: rows.map((r) => r.tableRow).join('\n'),
    configRows: rows,
    /** Python list entries of every config key, for a required-keys check */
    configKeyLiterals: keys.map((k) => pythonString(k.key)),
    /** the config key naming the file a file source reads, which test_connection checks */
    file: { pathKey: filePathKey(profile), pathKeyLiteral: pythonString(filePathKey(profile) ?? '') },
    markdown: {
      title: markdownInline(profile.displayName),
      docsUrl: profile.docsUrl ? markdownInline(profile.docsUrl) : '',
    },
    /** YAML front matter values: JSON strings are valid YAML double-quoted scalars */
    frontMatter: {
      title: JSON.stringify(profile.displayName),
      description: JSON.stringify(`Configure the ${profile.displayName} source.`),
    },
    sql: {
      baseUrlLiteral: '',
      driverModuleLiteral: driver ? pythonString(driver) : 'None',
      hasDriver: driver !== undefined,
      connect: connectKeywords(driver),
      cast: castTypes(driver),
      driverPackage: profile.pipPackages[0] ?? '',
      defaultPortLiteral: profile.defaultPort !== undefined ? String(profile.defaultPort) : 'None',
      /** discover filters on this config key: the schema when there is one, else the database */
      schemaKeyLiteral: pythonString(keyNames.has('schema') ? 'schema' : 'database'),
      hasSchemaKey: keyNames.has('schema'),
      hasPortKey: keyNames.has('port'),
    },
    api: {
      baseUrlLiteral: pythonString(profile.baseUrl),
    },
    context: {
      profileTable: profileTable(profile, className),
      discoverCommand: codeBlock(command('--discover'), 'sh'),
      testConnectionCommand: codeBlock(command('--test_connection'), 'sh'),
      // a subshell: the block leaves the shell at the root, where the other blocks start
      unitTestCommand: codeBlock(`(cd mage_integrations && python3 -m unittest mage_integrations.tests.sources.${uuid}.${testModuleName(uuid)})`, 'sh'),
      driverModule: driver ?? '',
    },
  };
}
