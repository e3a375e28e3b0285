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
import { ACCOUNT, CREDENTIALS, itemsOf, messagesOf, NOTES, ORDERS, ROWS, runSource, selected, startApi, type CatalogStream } from './fake-api.js';
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

  it('streams whose --api-endpoints calls have a path parameter: per record of a parent stream, or from a config key', async function () {
    const tools = requireMageTools(this);
    const api = await startApi('api_key');
    try {
      const name = 'sync_paths';
      const dir = tempDir('connector-mage-api-paths-');
      // the child first: test connection must still take a stream that needs no parent
      const endpoints = ['GET /orders/{id}/items', 'GET /orders', 'GET /accounts/{accountId}/notes'];
      await runGenerator('mage', { name, connectorType: 'api', streams: ['order_items', 'orders', 'notes'], authTypes: ['api_key'], apiEndpoints: endpoints }, { cwd: dir });
      const tree = mageTree(tools, tempDir('connector-mage-api-paths-tree-'), dir, name);
      const script = `mage_integrations/sources/${name}/__init__.py`;
      const withoutAccount = { base_url: api.url, ...CREDENTIALS.api_key };
      const config = { ...withoutAccount, account_id: ACCOUNT };
      const source = (cfg: object, ...args: string[]) => runSource(tools, tree, script, ['--config_json', JSON.stringify(cfg), ...args]);

      const connected = await source(config, '--test_connection');
      assert.equal(connected.code, 0, connected.stderr);
      const discovered = await source(config, '--discover');
      assert.equal(discovered.code, 0, discovered.stderr);
      const streams = (JSON.parse(discovered.stdout) as { streams: CatalogStream[] }).streams;
      const stream = (id: string) => streams.find((s) => s.tap_stream_id === id)!;
      const sync = async (id: string, cfg: object) => {
        api.paths.length = 0;
        const run = await source(cfg, '--catalog_json', JSON.stringify(selected(stream(id), { replication_method: 'FULL_TABLE' })));
        return { ...run, ids: messagesOf(run.stdout).filter((m) => m.type === 'RECORD').map((m) => m.record!.id) };
      };

      const items = await sync('order_items', config);
      assert.equal(items.code, 0, items.stderr);
      assert.deepEqual(items.ids, ORDERS.flatMap((o) => itemsOf(o.id).map((i) => i.id)), 'every item of every order, once, in order');
      assert.deepEqual(api.paths, ['/orders', ...ORDERS.map((o) => `/orders/${o.id}/items`)], 'the orders once, then one call per order');

      const notes = await sync('notes', config);
      assert.equal(notes.code, 0, notes.stderr);
      assert.deepEqual(notes.ids, NOTES.map((n) => n.id));
      assert.deepEqual(api.paths, [`/accounts/${encodeURIComponent(ACCOUNT)}/notes`], 'the config value, encoded as one path segment');

      const unset = await sync('notes', withoutAccount);
      assert.notEqual(unset.code, 0, 'a sync without the config key passed');
      assert.match(unset.stderr, /the path of notes needs account_id in the config/);
      assert.deepEqual(api.paths, [], 'no request went out without the value');
    } finally {
      api.server.close();
    }
  });
});
