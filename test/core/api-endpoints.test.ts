/** --api-endpoints read as HTTP calls: method names, path parameters, and what stays free text. */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseApiEndpoints, singular } from '../../core/profile/api-endpoints.js';
import { rejection, runGenerator, tempDir } from '../support/generate.js';

const only = (entry: string) => {
  const { endpoints } = parseApiEndpoints([entry]);
  assert.equal(endpoints.length, 1, `${entry} is not parsed`);
  return endpoints[0]!;
};

describe('--api-endpoints as client methods', function () {
  it('names a method after the HTTP method and the path, a segment before a parameter in the singular', function () {
    assert.equal(only('GET /dashboards').methodName, 'get_dashboards');
    assert.equal(only('GET /charts/{id}').methodName, 'get_chart');
    assert.equal(only('POST /search').methodName, 'post_search');
    assert.equal(only('get /dataSources/{sourceId}/tables').methodName, 'get_data_source_tables');
    assert.deepEqual(['categories', 'indexes', 'charts', 'status'].map(singular), ['category', 'index', 'chart', 'status']);
  });

  it('leaves api and version segments out of the name but calls the whole path, query string included', function () {
    const e = only('GET /api/v2/dashboards?limit=10');
    assert.deepEqual([e.methodName, e.path, e.resource], ['get_dashboards', '/api/v2/dashboards?limit=10', 'dashboards']);
    assert.equal(only('GET /api/v1').methodName, 'get_root');
  });

  it('turns path parameters into Python parameters: snake_case, keywords and self get a trailing underscore, repeats a number', function () {
    const e = only('GET /groups/{class}/members/{memberId}/{self}/{type}/{type}/{_}');
    assert.deepEqual(
      e.params.map((p) => p.name),
      ['class_', 'member_id', 'self_', 'type_', 'type_2', 'value'],
    );
    assert.deepEqual(
      e.params.map((p) => p.placeholder),
      ['class', 'memberId', 'self', 'type', 'type', '_'],
    );
  });

  it('numbers methods whose names clash', function () {
    const { endpoints } = parseApiEndpoints(['GET /v1/charts', 'GET /v2/charts', 'GET /charts/all']);
    assert.deepEqual(
      endpoints.map((e) => e.methodName),
      ['get_charts', 'get_charts_2', 'get_charts_all'],
    );
  });

  it('keeps entries that are no HTTP call as free text, with the reason, and ignores words after the path', function () {
    const { endpoints, unparsed, errors } = parseApiEndpoints([
      'the export call of the SDK',
      'FETCH /x',
      'POST /api/"quoted"',
      'GET /q?x={y}',
      'GET /indexes (paged)',
    ]);
    assert.deepEqual(
      endpoints.map((e) => e.path),
      ['/indexes'],
    );
    assert.deepEqual(
      unparsed.map((u) => u.text),
      ['the export call of the SDK', 'FETCH /x', 'POST /api/"quoted"', 'GET /q?x={y}'],
    );
    assert.ok(unparsed.every((u) => u.reason.length > 0));
    assert.deepEqual(errors, []);
  });

  it('refuses a malformed path parameter and a call listed twice, naming --api-endpoints and the fix, and writes nothing', async function () {
    const cwd = tempDir('connector-endpoints-');
    const error = await rejection(
      runGenerator(
        'openmetadata',
        { name: 'chart_hub', serviceType: 'dashboard', apiEndpoints: ['GET /charts/{id', 'GET /a/{x}', 'GET /a/{y}', 'GET /b/{1st}'] },
        { cwd },
      ),
    );
    assert.match(error.message, /--api-endpoints: "GET \/charts\/\{id": \{id: a path parameter is \{name\}/);
    assert.match(error.message, /--api-endpoints: "GET \/a\/\{y\}": GET \/a\/\{y\} is listed twice; keep one/);
    assert.match(error.message, /--api-endpoints: "GET \/b\/\{1st\}": \{1st\}: a path parameter is/);
    assert.match(error.message, /has 3 problems; nothing was written/);
    assert.equal(existsSync(path.join(cwd, 'ingestion')), false);
  });
});
