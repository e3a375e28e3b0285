/**
 * --api-endpoints in a Mage API source: each stream reads the GET call named after it (or whose path
 * ends in its id), its path parameters filled from a parent stream's records when another stream reads
 * the path before the last parameter, else from config keys, which the config keys then include. The
 * runs against a local API are in api-sync.test.ts.
 */
import assert from 'node:assert/strict';
import { withDefaults } from '../../core/profile/compose.js';
import type { PartialProfile } from '../../core/profile/field.js';
import { mageSpec } from '../../generators/mage/profile/spec.js';
import { streamCalls } from '../../generators/mage/profile/streams.js';
import { findProblems } from '../../core/profile/validate.js';
import { readText, rejection, runGenerator } from '../support/generate.js';

const SOURCE = (name: string) => `mage_integrations/mage_integrations/sources/${name}`;
const complete = (p: PartialProfile): PartialProfile => withDefaults(mageSpec, p);
const keyNames = (p: PartialProfile): string[] => (complete(p).configKeys as Array<{ key: string }>).map((k) => k.key);

describe('mage API streams read the --api-endpoints calls', function () {
  it('GET /orders/{id}/items gives the order_items stream its path, {id} from the config key order_id', async function () {
    const options = { name: 'items_api', connectorType: 'api', streams: ['order_items'], apiEndpoints: ['GET /orders/{id}/items'] };
    const { dir } = await runGenerator('mage', options);
    const stream = readText(dir, `${SOURCE('items_api')}/streams/order_items.py`);
    assert.match(stream, /^ {4}URL_PATH = "\/orders\/\{id\}\/items"$/m);
    assert.doesNotMatch(stream, /"\/order_items"|TODO: the endpoint/);
    assert.match(stream, /^ {4}PATH_CONFIG = \{\n {8}"id": "order_id",\n {4}\}$/m);
    assert.doesNotMatch(stream, /PARENT/);
    assert.ok(Object.keys(JSON.parse(readText(dir, `${SOURCE('items_api')}/templates/config.json`)) as object).includes('order_id'));
    const base = readText(dir, `${SOURCE('items_api')}/streams/base.py`);
    assert.match(base, /def config_values\(self\)/);
    assert.doesNotMatch(base, /parent_values|^import re$/m, 'no parent code without a parent');
  });

  it('a stream reading the path before the last parameter is the parent: one call per record, test connection on a stream that needs none', async function () {
    const options = {
      name: 'nested_api',
      connectorType: 'api',
      streams: ['order_items', 'orders'],
      apiEndpoints: ['GET /v1/orders/{id}/items', 'GET /v1/orders'],
    };
    const { dir } = await runGenerator('mage', options);
    const child = readText(dir, `${SOURCE('nested_api')}/streams/order_items.py`);
    assert.match(child, /^from \.base import BaseStream\nfrom \.orders import OrdersStream$/m);
    assert.match(child, /^ {4}URL_PATH = "\/v1\/orders\/\{id\}\/items"\n[\s\S]*^ {4}PARENT = OrdersStream\n {4}PARENT_FIELD = "id"$/m);
    assert.doesNotMatch(child, /PATH_CONFIG/);
    assert.match(readText(dir, `${SOURCE('nested_api')}/streams/orders.py`), /^ {4}URL_PATH = "\/v1\/orders"$/m);
    assert.deepEqual(keyNames(options), ['api_key', 'base_url', 'start_date'], 'the parent fills {id}: no config key for it');
    assert.match(readText(dir, `${SOURCE('nested_api')}/streams/base.py`), /def parent_values\(self\)/);
    assert.match(readText(dir, `${SOURCE('nested_api')}/__init__.py`), /stream_class = STREAMS\["orders"\]/);
    const brief = readText(dir, `${SOURCE('nested_api')}/CONNECTOR_CONTEXT.md`);
    assert.match(brief, /^- `GET \/v1\/orders\/\{id\}\/items`: the `order_items` stream, once per record of `orders`, `\{id\}` taking its `id`$/m);
  });

  it('matches a stream by its name first, then by the last segment of a list path; other calls are read by no stream', function () {
    const calls = streamCalls({
      connectorType: 'api',
      streams: ['items', 'orders', 'users', 'search'],
      apiEndpoints: ['GET /orders/{id}', 'GET /orders/{orderId}/items', 'POST /search', 'GET /users?active=true', 'note: the export call'],
    });
    assert.deepEqual(
      [...calls.values()].map((c) => [c.streamId, c.endpoint.text]),
      [
        ['items', 'GET /orders/{orderId}/items'],
        ['users', 'GET /users?active=true'],
      ],
      'GET /orders/{id} returns one order, and POST /search is not a read',
    );
    assert.deepEqual(calls.get('items')?.fromConfig, [{ placeholder: 'orderId', key: 'order_id' }]);
    assert.deepEqual(streamCalls({ connectorType: 'sql', streams: ['orders'], apiEndpoints: ['GET /orders'] }).size, 0);
  });

  it('keys the user set lacking a path parameter are refused naming --config-keys and --api-endpoints', async function () {
    const error = await rejection(
      runGenerator('mage', {
        name: 'keys_paths',
        connectorType: 'api',
        authTypes: ['none'],
        streams: ['notes'],
        apiEndpoints: ['GET /accounts/{id}/notes'],
        configKeys: ['base_url'],
      }),
    );
    assert.match(
      error.message,
      /--config-keys: must include account_id: the streams fill path parameters of --api-endpoints with it\. .*e\.g\. --config-keys base_url account_id/,
    );
  });

  it('refuses a path parameter written wrong and one too long for the generated lines, naming --api-endpoints', function () {
    const problems = findProblems(
      mageSpec,
      complete({ name: 'bad_paths', connectorType: 'api', streams: ['a'], apiEndpoints: ['GET /a/{1x}', `GET /b/{${'p'.repeat(41)}}`] }),
    );
    assert.deepEqual(
      problems.map((p) => [p.field, p.message.split(':')[0]]),
      [
        ['apiEndpoints', '"GET /a/{1x}"'],
        ['apiEndpoints', `"GET /b/{${'p'.repeat(41)}}"`],
      ],
    );
    assert.match(problems[1]!.message, /longer than 40 characters/);
  });
});
