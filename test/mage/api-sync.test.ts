/**
 * A generated API source syncs end to end, as mage-ai runs it: the source's
 * script in the real mage_integrations (its HTTP client sends with requests,
 * its messages come from mage-ai's singer-python) against a
 * local HTTP API with 150 rows, for each auth type. A full sync pages through
 * every row; an incremental sync from a bookmark asks the API for newer rows
 * only and writes the last row's bookmark; test connection passes with the
 * right credentials and fails with wrong ones; OAuth2 exchanges the refresh
 * token once per run.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { runGenerator, tempDir } from '../support/generate.js';
import { CREDENTIALS, messagesOf, ROWS, runSource, selected, startApi, type CatalogStream } from './fake-api.js';
import { mageTree, requireMageTools } from './support.js';

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
        const tree = mageTree(tools, tempDir('connector-mage-api-sync-tree-'), dir, name);
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
