/**
 * A local paginated HTTP API the generated API sources sync from (api-sync and pipeline specs):
 * GET /users?page&per_page[&updated_since] behind each auth type, calls with a path parameter
 * (GET /orders/{id}/items, GET /accounts/{id}/notes), POST /token for OAuth2's
 * refresh grant; and what a run of a source gives back (Singer messages, the catalog a user saves).
 */
import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import type { MageAuthType } from '../../generators/mage/profile/fields.js';

export const ROWS = Array.from({ length: 150 }, (_, i) => ({
  id: String(i + 1),
  updated_at: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(),
}));

export const CREDENTIALS: Record<Exclude<MageAuthType, 'none'>, Record<string, string>> = {
  api_key: { api_key: 'k-123' },
  bearer: { access_token: 't-456' },
  basic: { username: 'ada', password: 's3cret' },
  oauth2: { client_id: 'cid', client_secret: 'csecret', refresh_token: 'r-789' },
};

const OAUTH_ACCESS_TOKEN = 'granted-access';

/** The Authorization/X-API-Key header the API accepts for each auth type. */
function authorised(auth: MageAuthType, request: IncomingMessage): boolean {
  const header = request.headers.authorization;
  switch (auth) {
    case 'none':
      return true;
    case 'api_key':
      return request.headers['x-api-key'] === CREDENTIALS.api_key.api_key;
    case 'bearer':
      return header === `Bearer ${CREDENTIALS.bearer.access_token}`;
    case 'basic':
      return header === `Basic ${Buffer.from('ada:s3cret').toString('base64')}`;
    case 'oauth2':
      return header === `Bearer ${OAUTH_ACCESS_TOKEN}`;
  }
}

/** Orders, each with two items: GET /orders and GET /orders/{id}/items, a call with a path parameter. */
export const ORDERS = ['1', '2', '3'].map((id) => ({ id, updated_at: ROWS[Number(id)]!.updated_at }));
export const itemsOf = (orderId: string) => [1, 2].map((n) => ({ id: `${orderId}-${n}`, order_id: orderId, updated_at: ROWS[n]!.updated_at }));
/** The one account with notes (a slash and a space in its id: the path must carry it encoded): GET /accounts/{id}/notes. */
export const ACCOUNT = 'eu/acc 1';
export const NOTES = [{ id: 'n-1', updated_at: ROWS[0]!.updated_at }];

export interface FakeApi {
  server: Server;
  /** the rows the API serves, in order; a test may append to it between runs */
  rows: Array<{ id: string; updated_at: string }>;
  url: string;
  pageRequests: URLSearchParams[];
  tokenRequests: URLSearchParams[];
  /** the path of every authorised GET, as it arrived (percent-encoding kept) */
  paths: string[];
}

/** The rows of a GET path: /users, /orders, /orders/{id}/items, /accounts/{ACCOUNT}/notes; undefined for any other. */
function rowsAt(api: FakeApi, pathname: string): Array<{ id: string; updated_at: string }> | undefined {
  if (pathname === '/users') return api.rows;
  if (pathname === '/orders') return ORDERS;
  const items = /^\/orders\/([^/]+)\/items$/.exec(pathname);
  if (items && ORDERS.some((o) => o.id === items[1])) return itemsOf(items[1]!);
  if (pathname === `/accounts/${encodeURIComponent(ACCOUNT)}/notes`) return NOTES;
  return undefined;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      resolve(body);
    });
  });
}

const reply = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

/**
 * A paginated API: GET /users (and the orders, their items and an account's notes)?page&per_page[&updated_since],
 * and POST /token for OAuth2's refresh grant.
 */
export async function startApi(auth: MageAuthType): Promise<FakeApi> {
  const api: FakeApi = { server: createServer(), rows: [...ROWS], url: '', pageRequests: [], tokenRequests: [], paths: [] };
  api.server.on('request', (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/token' && request.method === 'POST') {
      void readBody(request).then((body) => {
        const form = new URLSearchParams(body);
        api.tokenRequests.push(form);
        const granted = form.get('grant_type') === 'refresh_token' && form.get('refresh_token') === CREDENTIALS.oauth2.refresh_token;
        reply(response, granted ? 200 : 400, granted ? { access_token: OAUTH_ACCESS_TOKEN } : { message: 'bad grant' });
      });
      return;
    }
    const served = rowsAt(api, url.pathname);
    if (!served) {
      reply(response, 404, { message: 'no such path' });
      return;
    }
    if (!authorised(auth, request)) {
      reply(response, 401, { message: 'bad credentials' });
      return;
    }
    if (url.pathname === '/users') api.pageRequests.push(url.searchParams);
    api.paths.push(url.pathname);
    const since = url.searchParams.get('updated_since');
    const rows = since ? served.filter((r) => r.updated_at >= since) : served;
    const page = Number(url.searchParams.get('page'));
    const size = Number(url.searchParams.get('per_page'));
    reply(response, 200, { data: rows.slice((page - 1) * size, page * size) });
  });
  await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve));
  api.url = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
  return api;
}

export interface SingerMessage {
  type: string;
  record?: { id: string; updated_at: string };
  value?: { bookmarks?: Record<string, { updated_at?: string }> };
}

export const messagesOf = (stdout: string): SingerMessage[] =>
  stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as SingerMessage);

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the source's script without blocking this process (the API answers from here). */
export async function runSource(tools: string, tree: string, script: string, args: string[]): Promise<Run> {
  const env = { ...process.env, PYTHONPATH: tree, PYTHONDONTWRITEBYTECODE: '1' };
  try {
    const { stdout, stderr } = await promisify(execFile)(path.join(tools, 'python'), [script, ...args], { cwd: tree, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

export interface CatalogStream {
  tap_stream_id: string;
  key_properties?: string[];
  metadata: Array<{ breadcrumb: string[]; metadata: Record<string, unknown> }>;
}

/** The catalog a user saves in mage's UI: the stream and its columns selected, with the replication chosen. */
export const selected = (stream: CatalogStream, replication: Record<string, string | string[]>) => ({
  streams: [
    {
      ...stream,
      ...replication,
      metadata: stream.metadata.map((m) => ({ ...m, metadata: { ...m.metadata, selected: true } })),
    },
  ],
});
