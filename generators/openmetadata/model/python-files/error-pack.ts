/**
 * The diagnoses of a generated ErrorPack (2.0's checks API): which failures of
 * the connector's driver or client each rule recognises, and the fix it tells
 * the user. The runner gives a failed step the first rule that matches its
 * error or any error in its cause chain; the release's network pack comes last.
 *
 * What a driver raises is a fact of the driver, not of OpenMetadata, so it is
 * kept here by driver: psycopg2 (PostgreSQL) says it in libpq's messages without
 * a SQLSTATE at connect time; PyMySQL puts the server's error number first in
 * the exception's args; other drivers are matched on the words most of them use.
 */
import type { OpenMetadataProfile } from '../../profile/spec.js';

/** What a rule looks for in a failure. */
export type Signal =
  /** every phrase (lower case) appears in the message of the error or of one of its causes */
  | { phrases: string[] }
  /** the driver's error number (PyMySQL: args[0], also on SQLAlchemy's .orig) */
  | { errno: number[] }
  /** the error or a cause is an instance of this Python class (a name the module imports) */
  | { exception: string; from?: string }
  /** the HTTP status of a requests-shaped error */
  | { httpStatus: number };

export interface ErrorRule {
  title: string;
  fix: string;
  /** any one of them is enough */
  signals: Signal[];
}

export type DriverFamily = 'psycopg2' | 'pymysql' | 'generic-sql' | 'requests' | 'sdk';

/** The driver a SQLAlchemy scheme loads: `postgresql` and `postgresql+psycopg2` load psycopg2, `mysql+pymysql` PyMySQL. */
export function sqlDriverOf(scheme: string | undefined): DriverFamily {
  const [dialect, driver] = (scheme ?? '').split('+');
  if ((dialect === 'postgresql' || dialect === 'postgres') && (driver === undefined || driver === 'psycopg2')) return 'psycopg2';
  if ((dialect === 'mysql' || dialect === 'mariadb') && driver === 'pymysql') return 'pymysql';
  return 'generic-sql';
}

export function driverOf(profile: OpenMetadataProfile, sqlalchemy: boolean, restClient: boolean): DriverFamily {
  if (sqlalchemy) return sqlDriverOf(profile.scheme);
  return restClient ? 'requests' : 'sdk';
}

const HOST = 'Check hostPort, that the server is running and listening there, and that the network lets ingestion reach it.';

const RULES: Record<DriverFamily, ErrorRule[]> = {
  psycopg2: [
    {
      title: 'Authentication failed',
      fix: 'Check the username and the password in authType, and that this role may log in.',
      signals: [{ phrases: ['password authentication failed'] }, { phrases: ['role "', 'does not exist'] }],
    },
    {
      title: 'Connection not allowed by pg_hba.conf',
      fix: 'Ask the administrator for a pg_hba.conf entry for this user, database and host (with SSL if the entry requires it).',
      signals: [{ phrases: ['no pg_hba.conf entry'] }],
    },
    {
      title: 'Database not found',
      fix: 'Check databaseName: the database must exist on the server and the user must be allowed to connect to it.',
      signals: [{ phrases: ['database "', 'does not exist'] }],
    },
    {
      title: 'Cannot reach the PostgreSQL server',
      fix: HOST,
      signals: [{ phrases: ['connection refused'] }, { phrases: ['could not translate host name'] }, { phrases: ['timeout expired'] }],
    },
    {
      title: 'TLS/SSL connection error',
      fix: "Check sslConfig and the sslmode in connectionArguments against the server's SSL settings and certificate.",
      signals: [{ phrases: ['ssl'] }, { phrases: ['certificate'] }],
    },
  ],
  pymysql: [
    {
      title: 'Authentication failed',
      fix: 'Check the username and the password in authType, and that this user may connect from the ingestion host.',
      signals: [{ errno: [1045] }],
    },
    {
      title: 'No access to the database',
      fix: 'Grant the user access to the configured databaseSchema.',
      signals: [{ errno: [1044] }],
    },
    {
      title: 'Database not found',
      fix: 'Check databaseSchema: the database must exist and the user must be able to see it.',
      signals: [{ errno: [1049] }],
    },
    { title: 'Cannot reach the MySQL server', fix: HOST, signals: [{ errno: [2003] }] },
    {
      title: 'TLS/SSL connection error',
      fix: "Check sslConfig against the server's TLS settings and certificate.",
      signals: [{ errno: [2026, 3159] }, { phrases: ['ssl'] }],
    },
  ],
  'generic-sql': [
    {
      title: 'Authentication failed',
      fix: 'Check the username and the credentials in authType.',
      signals: [
        { phrases: ['authentication failed'] },
        { phrases: ['access denied'] },
        { phrases: ['login failed'] },
        { phrases: ['invalid password'] },
      ],
    },
    {
      title: 'Database not found',
      fix: 'Check databaseName and databaseSchema: they must exist and the user must be able to see them.',
      signals: [{ phrases: ['unknown database'] }, { phrases: ['database', 'does not exist'] }],
    },
    {
      title: 'Cannot reach the server',
      fix: HOST,
      signals: [{ exception: 'ConnectionRefusedError' }, { phrases: ['connection refused'] }],
    },
    {
      title: 'TLS/SSL connection error',
      fix: "Check sslConfig against the server's TLS settings and certificate.",
      signals: [{ exception: 'ssl.SSLError', from: 'ssl' }, { phrases: ['ssl'] }, { phrases: ['certificate'] }],
    },
  ],
  requests: [
    ...httpRules(),
    {
      title: 'TLS verification failed',
      fix: "The server's certificate could not be verified: check hostPort (https) and the certificate the server presents.",
      signals: [{ exception: 'requests.exceptions.SSLError', from: 'requests' }],
    },
    {
      title: 'Cannot reach the API',
      fix: HOST,
      signals: [{ exception: 'requests.exceptions.ConnectionError', from: 'requests' }],
    },
  ],
  sdk: [
    ...httpRules(),
    {
      title: 'TLS/SSL connection error',
      fix: 'Check hostPort and the certificate the server presents; the SDK could not set up TLS.',
      signals: [{ exception: 'ssl.SSLError', from: 'ssl' }],
    },
    {
      title: 'Cannot reach the server',
      fix: HOST,
      signals: [{ exception: 'ConnectionRefusedError' }, { phrases: ['connection refused'] }],
    },
  ],
};

function httpRules(): ErrorRule[] {
  return [
    {
      title: 'Authentication failed',
      fix: 'The API rejected the credentials (HTTP 401): check them and that they have not expired.',
      signals: [{ httpStatus: 401 }],
    },
    {
      title: 'Access denied',
      fix: 'The credentials are valid but may not read this (HTTP 403): grant the user read access to the API.',
      signals: [{ httpStatus: 403 }],
    },
    {
      title: 'Endpoint not found',
      fix: 'The API answered 404: check that hostPort is the base URL of the API, with its path prefix.',
      signals: [{ httpStatus: 404 }],
    },
  ];
}

export const errorRulesOf = (driver: DriverFamily): ErrorRule[] => RULES[driver];

/** The Python modules a set of rules needs imported (`ssl`, `requests`). */
export const signalModules = (rules: ErrorRule[]): string[] => [
  ...new Set(rules.flatMap((r) => r.signals.flatMap((s) => ('from' in s && s.from ? [s.from] : [])))),
];
