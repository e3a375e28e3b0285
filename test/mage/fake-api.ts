/**
 * A local paginated HTTP API the generated API sources sync from (api-sync and pipeline specs):
 * GET /users?page&per_page[&updated_since] behind each auth type, POST /token for OAuth2's
 * refresh grant; and what a run of a source gives back (Singer messages, the catalog a user saves).
 */
import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import type { MageAuthType } from '../../core/profile/fields-mage.js';

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

export interface FakeApi {
  server: Server;
  /** the rows the API serves, in order; a test may append to it between runs */
  rows: Array<{ id: string; updated_at: string }>;
  url: string;
  pageRequests: URLSearchParams[];
  tokenRequests: URLSearchParams[];
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => resolve(body));
  });
}

const reply = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

/** A paginated API: GET /users?page&per_page[&updated_since], and POST /token for OAuth2's refresh grant. */
export async function startApi(auth: MageAuthType): Promise<FakeApi> {
  const api: FakeApi = { server: createServer(), rows: [...ROWS], url: '', pageRequests: [], tokenRequests: [] };
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
    if (url.pathname !== '/users') return reply(response, 404, { message: 'no such path' });
    if (!authorised(auth, request)) return reply(response, 401, { message: 'bad credentials' });
    api.pageRequests.push(url.searchParams);
    const since = url.searchParams.get('updated_since');
    const rows = since ? api.rows.filter((r) => r.updated_at >= since) : api.rows;
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
