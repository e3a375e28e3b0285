/**
 * A generated API source syncs end to end, as mage-ai runs it: the source's
 * script on the stand-in mage_integrations (its HTTP client sends with the
 * real requests, its messages come from the real singer-python) against a
 * local HTTP API with 150 rows, for each auth type. A full sync pages through
 * every row; an incremental sync from a bookmark asks the API for newer rows
 * only and writes the last row's bookmark; test connection passes with the
 * right credentials and fails with wrong ones; OAuth2 exchanges the refresh
 * token once per run.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { runGenerator, tempDir } from '../support/generate.js';
import { requireMageTools, stubTree } from './support.js';
import type { MageAuthType } from '../../core/profile/fields-mage.js';

const ROWS = Array.from({ length: 150 }, (_, i) => ({
  id: String(i + 1),
  updated_at: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(),
}));

const CREDENTIALS: Record<Exclude<MageAuthType, 'none'>, Record<string, string>> = {
  api_key: { api_key: 'k-123' },
  bearer: { access_token: 't-456' },
  basic: { username: 'ada', password: 's3cret' },
  oauth2: { client_id: 'cid', client_secret: 'csecret', refresh_token: 'r-789' },
};

const OAUTH_ACCESS_TOKEN = 'granted-access';

/** The Authorization/X-API-Key header the API accepts for each auth type. */
function authorised(auth: keyof typeof CREDENTIALS, request: IncomingMessage): boolean {
  const header = request.headers.authorization;
  switch (auth) {
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

interface FakeApi {
  server: Server;
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
async function startApi(auth: keyof typeof CREDENTIALS): Promise<FakeApi> {
  const api: FakeApi = { server: createServer(), url: '', pageRequests: [], tokenRequests: [] };
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
    const rows = since ? ROWS.filter((r) => r.updated_at >= since) : ROWS;
    const page = Number(url.searchParams.get('page'));
    const size = Number(url.searchParams.get('per_page'));
    reply(response, 200, { data: rows.slice((page - 1) * size, page * size) });
  });
  await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve));
  api.url = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
  return api;
}

interface SingerMessage {
  type: string;
  record?: { id: string; updated_at: string };
  value?: { bookmarks?: Record<string, { updated_at?: string }> };
}

const messagesOf = (stdout: string): SingerMessage[] =>
  stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as SingerMessage);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the source's script without blocking this process (the API answers from here). */
async function runSource(tools: string, tree: string, script: string, args: string[]): Promise<Run> {
  const env = { ...process.env, PYTHONPATH: tree, PYTHONDONTWRITEBYTECODE: '1' };
  try {
    const { stdout, stderr } = await promisify(execFile)(path.join(tools, 'python'), [script, ...args], { cwd: tree, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

interface CatalogStream {
  tap_stream_id: string;
  metadata: Array<{ breadcrumb: string[]; metadata: Record<string, unknown> }>;
}

/** The catalog a user saves in mage's UI: the stream and its columns selected, with the replication chosen. */
const selected = (stream: CatalogStream, replication: Record<string, string>) => ({
  streams: [
    {
      ...stream,
      ...replication,
      metadata: stream.metadata.map((m) => ({ ...m, metadata: { ...m.metadata, selected: true } })),
    },
  ],
});

describe('mage API source: an end-to-end sync against a local HTTP API, for each auth type', function () {
  this.timeout(120_000);

  for (const auth of Object.keys(CREDENTIALS) as Array<keyof typeof CREDENTIALS>) {
    it(`${auth}: test connection, full sync over two pages, incremental sync from a bookmark`, async function () {
      const tools = requireMageTools(this);
      const api = await startApi(auth);
      try {
        const name = `sync_${auth}`;
        const dir = tempDir('connector-mage-api-sync-');
        await runGenerator('mage', { name, connectorType: 'api', streams: ['users'], authTypes: [auth] }, { cwd: dir });
        const tree = stubTree(tempDir('connector-mage-api-sync-tree-'), dir, name);
        const script = `mage_integrations/sources/${name}/__init__.py`;
        const config = { base_url: api.url, ...CREDENTIALS[auth], ...(auth === 'oauth2' ? { token_url: `${api.url}/token` } : {}) };
        const source = (cfg: object, ...args: string[]) => runSource(tools, tree, script, ['--config_json', JSON.stringify(cfg), ...args]);

        const connected = await source(config, '--test_connection');
        assert.equal(connected.code, 0, connected.stderr);
        const wrong = Object.fromEntries(Object.entries(CREDENTIALS[auth]).map(([k, v]) => [k, `${v}-wrong`]));
        const refused = await source({ ...config, ...wrong }, '--test_connection');
        assert.notEqual(refused.code, 0, 'test connection passed with wrong credentials');

        const discovered = await source(config, '--discover');
        assert.equal(discovered.code, 0, discovered.stderr);
        const stream = (JSON.parse(discovered.stdout) as { streams: CatalogStream[] }).streams[0]!;

        api.pageRequests.length = 0;
        api.tokenRequests.length = 0;
        const full = await source(config, '--catalog_json', JSON.stringify(selected(stream, { replication_method: 'FULL_TABLE' })));
        assert.equal(full.code, 0, full.stderr);
        const fullIds = messagesOf(full.stdout).filter((m) => m.type === 'RECORD').map((m) => m.record!.id);
        assert.deepEqual(fullIds, ROWS.map((r) => r.id), 'a full sync sends every row once, in order');
        assert.deepEqual(api.pageRequests.map((p) => p.get('page')), ['1', '2']);
        if (auth === 'oauth2') assert.equal(api.tokenRequests.length, 1, 'one token exchange per run');

        const since = ROWS[119]!.updated_at;
        const state = path.join(tempDir('connector-mage-api-sync-state-'), 'state.json');
        writeFileSync(state, JSON.stringify({ bookmarks: { users: { updated_at: since } } }));
        api.pageRequests.length = 0;
        const catalog = selected(stream, { replication_method: 'INCREMENTAL', replication_key: 'updated_at' });
        const incremental = await source(config, '--catalog_json', JSON.stringify(catalog), '--state', state);
        assert.equal(incremental.code, 0, incremental.stderr);
        const messages = messagesOf(incremental.stdout);
        const ids = messages.filter((m) => m.type === 'RECORD').map((m) => m.record!.id);
        assert.deepEqual(ids, ROWS.slice(119).map((r) => r.id), 'only rows at or after the bookmark');
        assert.deepEqual(api.pageRequests.map((p) => p.get('updated_since')), [since], 'the bookmark reached the API');
        const last = messages.filter((m) => m.type === 'STATE').pop();
        assert.equal(last?.value?.bookmarks?.users?.updated_at, ROWS[149]!.updated_at);
      } finally {
        api.server.close();
      }
    });
  }
});
