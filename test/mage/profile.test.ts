/**
 * The Mage profile: what it refuses (every problem in one report, nothing
 * written) and the defaults each connector type gets.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { coerceValue, fieldsToAsk, questionFor, withDefaults } from '../../core/profile/compose.js';
import type { PartialProfile } from '../../core/profile/field.js';
import { CREDENTIALS_BY_AUTH, MAGE_AUTH_TYPES } from '../../generators/mage/profile/fields.js';
import { mageSpec } from '../../generators/mage/profile/spec.js';
import { findProblems } from '../../core/profile/validate.js';
import { readText, rejection, runBin, runGenerator, snapshotTree, tempDir } from '../support/generate.js';
import { storedProfileIn } from '../support/hosts.js';

const complete = (p: PartialProfile): PartialProfile => withDefaults(mageSpec, p);
const problemsOf = (p: PartialProfile) => findProblems(mageSpec, complete(p));
const configKeysField = mageSpec.fields.find((f) => f.name === 'configKeys')!;
const keys = (...specs: string[]) => coerceValue(configKeysField, specs);

describe('mage profile', function () {
  it('refuses reserved, invalid and duplicate stream ids, bad config keys and a missing credential, all at once, through the bin', function () {
    const dir = tempDir('connector-mage-refused-');
    const result = runBin(
      [
        'mage', '--name', 'shop_api', '--connector-type', 'api', '--auth-types', 'basic',
        '--streams', 'orders,base,orders,class,Bad-Id',
        '--config-keys', '1st_key', 'password:secret=hunter2', 'base_url', 'base_url',
      ],
      { cwd: dir },
    );
    assert.notEqual(result.status, 0);
    const text = result.stderr + result.stdout;
    for (const expected of [
      /--streams: "base", "class" and "Bad-Id" are not valid stream ids: at most 40 lowercase letters/,
      /--streams: must list each stream id once/,
      /--config-keys: "1st_key" is not a valid config key: at most 60 lowercase letters/,
      /--config-keys: base_url appear more than once/,
      /--config-keys: secret keys take no sample value .*: password/,
      /--config-keys: must include username: the generated client reads it for the chosen --auth-types\. Pass it with the keys you set, e\.g\. --config-keys password:secret base_url username\b/,
    ]) {
      assert.match(text, expected);
    }
    assert.match(text, /The connector profile has 6 problems; nothing was written/);
    assert.deepEqual(readdirSync(dir), [], 'nothing was written');
  });

  it("a bad name's error gives a source name as its example, not a database's, and the Mage length limit", function () {
    const messages = problemsOf({ name: 'My-Api', connectorType: 'api' }).filter((p) => p.field === 'name').map((p) => p.message);
    assert.equal(messages.length, 1, messages.join('\n'));
    assert.match(messages[0]!, /must be snake_case: .*\(e\.g\. my_api\), at most 40 characters/);
    assert.doesNotMatch(messages[0]!, /my_db|60 characters/);
    const reserved = problemsOf({ name: 'http', connectorType: 'api' }).filter((p) => p.field === 'name');
    assert.deepEqual(reserved.map((p) => p.message.split(':')[0]), ['must not be one of base, catalog, constants, messages, query, utils, http, sql, tests, source, client, connection, dict, list, generator, any, optional, magic_mock, main']);
  });

  it('a bad stream list states the rule once and names each bad item; bad config keys too', function () {
    const problems = problemsOf({ name: 'x_api', connectorType: 'api', streams: ['Bad', 'ok', '2x', 'class'], configKeys: keys('api_key:secret', '1a', 'B', 'base_url') });
    const streams = problems.filter((p) => p.field === 'streams').map((p) => p.message);
    assert.equal(streams.length, 1, streams.join('\n'));
    assert.match(streams[0]!, /^"Bad", "2x" and "class" are not valid stream ids: at most 40 lowercase letters, digits and underscores/);
    assert.equal(streams[0]!.split('not a Python keyword').length, 2, 'the rule is stated once');
    assert.doesNotMatch(streams[0]!, /"ok"/);
    const configKeys = problems.filter((p) => p.field === 'configKeys').map((p) => p.message);
    assert.deepEqual(configKeys, ['"1a" and "B" are not valid config keys: at most 60 lowercase letters, digits and underscores, not starting with a digit and not a Python keyword']);
    assert.match(problemsOf({ name: 'x_api', connectorType: 'api', streams: ['ok', 'Bad'] })[0]!.message, /^"Bad" is not a valid stream id: /);
  });

  it('asks for the endpoints of api sources only, in the METHOD /path form', function () {
    const endpointsAsked = (connectorType: string) =>
      fieldsToAsk(mageSpec, { name: 'x_src', connectorType }).some((f) => f.name === 'apiEndpoints');
    assert.deepEqual([endpointsAsked('sql'), endpointsAsked('file'), endpointsAsked('api')], [false, false, true]);
    const field = mageSpec.fields.find((f) => f.name === 'apiEndpoints')!;
    assert.match(questionFor(field, { connectorType: 'api' }).message, /as METHOD \/path, e\.g\. GET \/orders/);
  });

  it('refuses names that clash with mage_integrations modules or generated names, and over-long names', function () {
    for (const name of ['base', 'http', 'sql', 'source', 'client', 'dict']) {
      assert.ok(problemsOf({ name, connectorType: 'api' }).some((p) => p.field === 'name'), name);
    }
    assert.ok(problemsOf({ name: 'a'.repeat(41), connectorType: 'api' }).some((p) => p.field === 'name'));
    assert.deepEqual(problemsOf({ name: 'a'.repeat(40), connectorType: 'api' }), []);
  });

  it('refuses stream ids that would share a class name, streams for sql, auth types outside api', function () {
    assert.match(problemsOf({ name: 'x_api', connectorType: 'api', streams: ['a_1b', 'a1b'] }).map((p) => p.message).join('\n'), /a_1b and a1b would share one stream class name/);
    assert.ok(problemsOf({ name: 'x_db', connectorType: 'sql', streams: ['t'] }).some((p) => p.field === 'streams'));
    assert.ok(problemsOf({ name: 'x_file', connectorType: 'file', authTypes: ['basic'] }).some((p) => p.field === 'authTypes'));
    assert.ok(problemsOf({ name: 'x_api', connectorType: 'api', authTypes: [] }).some((p) => p.field === 'authTypes'));
  });

  it('sql needs host, database, username and password among its config keys', function () {
    const problems = problemsOf({ name: 'x_db', connectorType: 'sql', configKeys: keys('host', 'port=5432') });
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /^must include database, username, password: the generated SQL connection reads them/);
  });

  it('asks, per connector type, only the questions that apply (sql: port and driver; api: streams, auth, base URL; file: streams)', async function () {
    const asked: Record<string, string[]> = {};
    const answers: Record<string, Record<string, unknown>> = {
      sql: { connectorType: 'sql', defaultPort: '5432', pipPackages: 'pymysql==1.1.0' },
      api: { connectorType: 'api', streams: 'orders, users', authTypes: ['bearer'], baseUrl: 'https://api.example.com/v1' },
      file: { connectorType: 'file', streams: 'rows' },
    };
    for (const [type, answer] of Object.entries(answers)) {
      const name = `asked_${type}`;
      const { dir, result } = await runGenerator('mage', { interactive: true }, { answers: { name, displayName: `Asked ${type}`, ...answer } });
      asked[type] = result.askedQuestions.map((q) => q.name);
      const stored = storedProfileIn(dir, 'mage', name)!;
      assert.equal(stored.connectorType, type);
      if (type === 'sql') assert.deepEqual([stored.defaultPort, stored.pipPackages], [5432, ['pymysql==1.1.0']]);
      if (type === 'api') assert.deepEqual([stored.streams, stored.authTypes], [['orders', 'users'], ['bearer']]);
    }
    const only = (type: string, fields: string[]) => fields.filter((f) => asked[type]!.includes(f));
    assert.deepEqual(only('sql', ['streams', 'authTypes', 'baseUrl', 'defaultPort', 'pipPackages']), ['defaultPort', 'pipPackages']);
    assert.deepEqual(only('api', ['streams', 'authTypes', 'baseUrl', 'defaultPort', 'pipPackages']), ['streams', 'authTypes', 'baseUrl']);
    assert.deepEqual(only('file', ['streams', 'authTypes', 'baseUrl', 'defaultPort', 'pipPackages']), ['streams']);
    assert.equal(asked.api![0], 'name');
  });

  it('takes config keys as objects from a YAML profile file (samples with spaces, descriptions), flags still winning', function () {
    const dir = tempDir('connector-mage-profile-file-');
    const file = `${dir}/source.profile.yaml`;
    writeFileSync(
      file,
      [
        'name: yaml_api',
        'connector-type: api',
        'auth_types: [basic]',
        'streams: [orders]',
        'config_keys:',
        '  - { key: username, description: Account e-mail }',
        '  - { key: password, secret: true }',
        '  - { key: region, sample: eu west 1, description: Data centre }',
        '  - { key: page_size, sample: 250 }',
        'display_name: From the file',
      ].join('\n'),
    );
    const result = runBin(['mage', '--profile', file, '--display-name', 'From the flag'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    const src = `${dir}/mage_integrations/mage_integrations/sources/yaml_api`;
    const readme = readFileSync(`${src}/README.md`, 'utf8');
    assert.match(readme, /^# From the flag$/m);
    assert.match(readme, /^\| `region` \| Data centre \| eu west 1 \|$/m);
    assert.deepEqual(JSON.parse(readFileSync(`${src}/templates/config.json`, 'utf8')), { username: '', password: '', region: '', page_size: 250 });
  });

  it('defaults: sql keys with the default port as a number, api credentials of each auth type plus base_url and start_date, file a path', function () {
    const sql = complete({ name: 'x_db', connectorType: 'sql', defaultPort: 5439 });
    assert.deepEqual((sql.configKeys as Array<{ key: string }>).map((k) => k.key), ['host', 'port', 'database', 'schema', 'username', 'password']);
    assert.equal((sql.configKeys as Array<{ key: string; sample?: unknown }>)[1]!.sample, 5439);
    for (const auth of MAGE_AUTH_TYPES) {
      const api = complete({ name: 'x_api', connectorType: 'api', authTypes: [auth], baseUrl: 'https://api.example.com' });
      const expected = [...CREDENTIALS_BY_AUTH[auth].map((k) => k.key), 'base_url', 'start_date'];
      assert.deepEqual((api.configKeys as Array<{ key: string }>).map((k) => k.key), expected, auth);
      assert.deepEqual(findProblems(mageSpec, api), [], auth);
    }
    const all = complete({ name: 'x_api', connectorType: 'api', authTypes: [...MAGE_AUTH_TYPES] });
    const allKeys = (all.configKeys as Array<{ key: string }>).map((k) => k.key);
    assert.equal(new Set(allKeys).size, allKeys.length, 'shared keys appear once');
    assert.deepEqual(complete({ name: 'x_file', connectorType: 'file' }).streams, ['records']);
  });

  describe('config keys on a re-run: derived keys follow the answers, keys the user set stay theirs', function () {
    const SOURCE = 'mage_integrations/mage_integrations/sources/keys_api';
    const keyNames = (dir: string) => (storedProfileIn(dir, 'mage', 'keys_api')!.configKeys as Array<{ key: string }>).map((k) => k.key);
    const configJson = (dir: string) => Object.keys(JSON.parse(readText(dir, `${SOURCE}/templates/config.json`)) as object);
    const rcFile = (dir: string) => path.join(dir, '.yo-rc.json');

    it('keys derived from the defaults follow new --auth-types on each re-run, without a flag for them', async function () {
      const { dir } = await runGenerator('mage', { name: 'keys_api', connectorType: 'api', streams: ['orders'] });
      assert.deepEqual(keyNames(dir), ['api_key', 'base_url', 'start_date']);
      await runGenerator('mage', { name: 'keys_api', authTypes: ['api_key', 'bearer'] }, { cwd: dir });
      assert.deepEqual(keyNames(dir), ['api_key', 'access_token', 'base_url', 'start_date']);
      assert.deepEqual(configJson(dir), ['api_key', 'access_token', 'base_url', 'start_date']);
      await runGenerator('mage', { name: 'keys_api', authTypes: ['basic'] }, { cwd: dir });
      assert.deepEqual(keyNames(dir), ['username', 'password', 'base_url', 'start_date'], 'the keys of the dropped auth types went with them');
      const rc = JSON.parse(readFileSync(rcFile(dir), 'utf8')) as { 'generator-connector': { derived: Record<string, string[]> } };
      assert.deepEqual(rc['generator-connector'].derived, { 'mage:keys_api': ['configKeys'] });
    });

    it('a .yo-rc.json stored before derived keys were noted: keys equal to the derived ones follow too', async function () {
      const { dir } = await runGenerator('mage', { name: 'keys_api', connectorType: 'api', streams: ['orders'] });
      const rc = JSON.parse(readFileSync(rcFile(dir), 'utf8')) as { 'generator-connector': Record<string, unknown> };
      delete rc['generator-connector'].derived;
      writeFileSync(rcFile(dir), JSON.stringify(rc, null, 2));
      await runGenerator('mage', { name: 'keys_api', authTypes: ['bearer'] }, { cwd: dir });
      assert.deepEqual(keyNames(dir), ['access_token', 'base_url', 'start_date']);
    });

    it('keys the user set lacking one the new auth types need: refused naming --config-keys and the fix, nothing written', async function () {
      const { dir } = await runGenerator('mage', { name: 'keys_api', connectorType: 'api', streams: ['orders'], configKeys: ['api_key:secret', 'base_url', 'region=eu'] });
      const before = snapshotTree(dir);
      const error = await rejection(runGenerator('mage', { name: 'keys_api', authTypes: ['api_key', 'bearer'] }, { cwd: dir }));
      assert.match(
        error.message,
        /--config-keys: must include access_token: the generated client reads it for the chosen --auth-types\. Pass it with the keys you set, e\.g\. --config-keys api_key:secret base_url region=eu access_token:secret \(.*in a terminal the run offers to add it\)/,
      );
      assert.deepEqual(snapshotTree(dir), before);
    });

    it('interactively, the missing keys are offered as an addition to the keys the user set; declined, the run fails', async function () {
      const { dir } = await runGenerator('mage', { name: 'keys_api', connectorType: 'api', streams: ['orders'], configKeys: ['api_key:secret', 'base_url', 'region=eu'] });
      const declined = await rejection(
        runGenerator('mage', { name: 'keys_api', authTypes: ['api_key', 'bearer'], interactive: true }, { cwd: dir, answers: { configKeysFix: false } }),
      );
      assert.match(declined.message, /--config-keys: must include access_token/);
      const messages: string[] = [];
      const { result } = await runGenerator('mage', { name: 'keys_api', authTypes: ['api_key', 'bearer'], interactive: true }, {
        cwd: dir,
        answers: { configKeysFix: true },
        answerCallback: (answer, question) => (messages.push(String(question.message)), answer),
      });
      assert.deepEqual(result.askedQuestions.map((q) => q.name), ['configKeysFix'], 'only the fix was asked');
      assert.match(messages[0]!, /^The config keys you set do not include access_token: the generated client reads it for the chosen auth types\. Add it\?$/);
      assert.deepEqual(keyNames(dir), ['api_key', 'base_url', 'region', 'access_token']);
      const added = (storedProfileIn(dir, 'mage', 'keys_api')!.configKeys as Array<{ key: string; secret?: boolean; description?: string }>).at(-1);
      assert.deepEqual(added, CREDENTIALS_BY_AUTH.bearer[0], 'the added key is declared as the defaults declare it');
      // still the user's keys: a later change of auth types does not replace them with derived ones
      await runGenerator('mage', { name: 'keys_api', authTypes: ['bearer'] }, { cwd: dir });
      assert.deepEqual(keyNames(dir), ['api_key', 'base_url', 'region', 'access_token']);
    });
  });
});
