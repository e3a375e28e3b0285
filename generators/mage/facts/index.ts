/**
 * What a mage-ai checkout looks like, as data: one JSON file per mage-ai
 * state the facts were read from, named after it. hosts.md names no mage-ai
 * version, so the file is named after the commit ../shared/fixtures/mage was
 * read from (its `_meta.commit`). A later state is a new file that may
 * `extend` this one (core/host-facts.ts).
 */
import { fileURLToPath } from 'node:url';
import { loadHostFacts } from '../../../core/host-facts.js';

/** CAST targets of one SQL family, for bookmarks. */
export interface CastFamily {
  dialect: string;
  /** the identifier quote; MySQL reads "x" as a string, not a column, unless ANSI_QUOTES is set, hence its backtick */
  quote: string;
  datetime: string;
  /** MySQL and MariaDB cast to SIGNED, not BIGINT or BOOLEAN */
  boolean: string;
  integer: string;
  number: string;
}

export interface MageFacts {
  mageAi: { repository: string; commit: string };
  paths: {
    /** a folder of this is what marks a checkout root */
    sources: string;
    connections: string;
    sourceTests: string;
    /** SOURCES and SQL_SOURCES */
    constants: string;
    requirements: string;
    docsNavigation: string;
    /** where older checkouts keep the docs navigation (same groups and pages) */
    olderDocsNavigation: string;
    /** the "Available sources" list */
    overview: string;
    /** the docs pages of sources, as the navigation names them (no extension) */
    sourcePages: string;
    /** the docs site, which the navigation's page names are relative to */
    docs: string;
    /** the Python project `pip install -e` installs, which its test modules are named from */
    integrationsProject: string;
  };
  /** flake8's limit in mage-ai: a longer constants.py entry is written one keyword per line */
  flake8MaxLineLength: number;
  /** where the generated import lines wrap, as isort (profile black) wraps them */
  importLineLength: number;
  /** the import name of a pip package's DB-API module (a package not listed: its name with _ for -) */
  driverModules: Record<string, string>;
  /** the keyword names of connect() for the drivers whose signatures are known (psycopg 3 takes only libpq's dbname; pymssql calls the host server) */
  connectKeywords: Record<string, { database: string; host: string }>;
  /** CAST targets per SQL family; `ansi` for drivers of no known family */
  castTypes: Record<'postgres' | 'mysql' | 'mssql' | 'ansi', CastFamily>;
  driverFamily: Record<string, 'postgres' | 'mysql' | 'mssql'>;
  /** config keys that name the file (or URL) a file source reads, in the order they are looked for */
  pathKeys: string[];
}

/** The mage-ai state the generator writes for. */
export const MAGE_RELEASE = '5640c79';

// the release files in this folder are written to MageFacts' shape
export const MAGE_FACTS = loadHostFacts(fileURLToPath(new URL('.', import.meta.url)), MAGE_RELEASE) as MageFacts;
