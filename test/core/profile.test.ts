/**
 * The profile composer as a spec, run through the real generators (yeoman-test):
 * which source wins (flags > profile file > stored answers), what is asked,
 * and every refused input, reported all at once with nothing written.
 */
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { readText, rejection, runGenerator, snapshotTree, tempDir } from '../support/generate.js';
import { HOST_CASES, briefPathOf, generatorBuilt, completeProfile, storedProfileIn, type HostCase } from '../support/hosts.js';

type KeyStyle = 'camel' | 'dashed' | 'snake';

const spell = (key: string, style: KeyStyle): string =>
  style === 'camel' ? key : key.replace(/[A-Z]/g, (c) => `${style === 'dashed' ? '-' : '_'}${c.toLowerCase()}`);

/** Writes a profile file (JSON or YAML) in its own folder, so the target folder stays untouched. */
function profileFile(values: Record<string, unknown>, format: 'json' | 'yaml' | 'yml', style: KeyStyle = 'camel'): string {
  const spelled = Object.fromEntries(Object.entries(values).map(([k, v]) => [spell(k, style), v]));
  const file = path.join(tempDir('connector-profile-'), `profile.${format}`);
  writeFileSync(file, format === 'json' ? JSON.stringify(spelled, null, 2) : yaml.dump(spelled));
  return file;
}


/** The minimal profile's second field (serviceType / connectorType): the one besides the name. */
const secondField = (c: HostCase): [string, unknown] => {
  const entry = Object.entries(c.minimal).find(([k]) => k !== 'name');
  assert.ok(entry, `${c.host}: the minimal profile needs a field besides name`);
  return entry;
};

const fieldNames = (c: HostCase): Set<string> => new Set(c.spec.fields.map((f) => f.name));

interface Refusal {
  label: string;
  /** options merged over the minimal profile */
  options: Record<string, unknown>;
  /** the flags the error must name */
  flags: string[];
  /** what the error must say (beyond naming the flag) */
  says?: RegExp;
}

const NAME_REFUSALS: Refusal[] = [
  ...['My-DB', 'my__db', 'db_', '1db'].map((name) => ({ label: `name ${JSON.stringify(name)}`, options: { name }, flags: ['--name'] })),
  // valid snake_case, refused for being a keyword: the message says so, not the snake_case rule
  ...['class', 'match'].map((name) => ({
    label: `name ${JSON.stringify(name)}, a Python keyword, with that reason`,
    options: { name },
    flags: ['--name'],
    says: new RegExp(`^  --name: is a Python keyword [^\\n]*\\(got "${name}"\\)$`, 'm'),
  })),
];

const COMMON_REFUSALS: Refusal[] = [
  ...NAME_REFUSALS,
  ...[0, 70000, 'abc'].map((port) => ({ label: `port ${JSON.stringify(port)}`, options: { defaultPort: String(port) }, flags: ['--default-port'] })),
  { label: 'auth type outside the choices', options: { authTypes: ['kerberos'] }, flags: ['--auth-types'] },
];

const HOST_REFUSALS: Record<HostCase['host'], Refusal[]> = {
  openmetadata: [
    { label: 'service type outside the choices', options: { serviceType: 'warehouse' }, flags: ['--service-type'] },
    { label: 'connection type outside the choices', options: { connectionType: 'odbc' }, flags: ['--connection-type'] },
    { label: 'capability outside the choices', options: { serviceType: 'database', capabilities: ['teleport'] }, flags: ['--capabilities'] },
    { label: 'sqlalchemy for a non-database service', options: { serviceType: 'dashboard', connectionType: 'sqlalchemy' }, flags: ['--connection-type'] },
    { label: '--docker-image without --docker-port', options: { dockerImage: 'postgres:16' }, flags: ['--docker-port'] },
  ],
  mage: [
    { label: 'connector type outside the choices', options: { connectorType: 'graphql' }, flags: ['--connector-type'] },
    { label: 'a stream id that is a Python keyword', options: { streams: ['class'] }, flags: ['--streams'] },
    { label: 'a base URL with a quote', options: { baseUrl: "https://api.example.com/'x" }, flags: ['--base-url'] },
  ],
};

for (const c of HOST_CASES) {
  const [secondKey, secondValue] = secondField(c);
  const name = c.minimal.name as string;

  describe(`profile composer (${c.host})`, function () {
    before(function () {
      assert.ok(generatorBuilt(c), `${c.generator} generator is not built: dist/generators/${c.generator}/index.js is missing (unfinished?)`);
    });

    describe('flags win over the profile file, whatever its format and key spelling', function () {
      const variants: Array<[format: 'json' | 'yaml' | 'yml', style: KeyStyle]> = [
        ['json', 'camel'],
        ['json', 'dashed'],
        ['json', 'snake'],
        ['yaml', 'snake'],
        ['yaml', 'dashed'],
        ['yml', 'camel'],
      ];
      for (const [format, style] of variants) {
        it(`${format} file with ${style} keys`, async function () {
          const file = profileFile(
            { [secondKey]: secondValue, displayName: 'From File', docsNotes: 'Notes from the file' },
            format,
            style,
          );
          const { dir } = await runGenerator(c.generator, { name, displayName: 'From Flag', profile: file });
          const stored = storedProfileIn(dir, c.host, name);
          assert.ok(stored, 'the run stored its profile in .yo-rc.json');
          assert.equal(stored.displayName, 'From Flag', 'the flag wins over the file');
          assert.equal(stored.docsNotes, 'Notes from the file', 'a field only in the file is used');
          assert.equal(stored[secondKey], secondValue, `${secondKey}, spelled ${spell(secondKey, style)} in the file, is used`);
        });
      }
    });

    it('keeps each entry of a list written as a list in the profile file whole, commas included', async function () {
      const endpoints = ['GET /items?fields=id,name', 'POST /search'];
      const file = profileFile({ [secondKey]: secondValue, apiEndpoints: endpoints }, 'yaml');
      const { dir } = await runGenerator(c.generator, { name, profile: file });
      assert.deepEqual(storedProfileIn(dir, c.host, name)?.apiEndpoints, endpoints);
    });

    describe('stored answers (.yo-rc.json)', function () {
      let dir: string;
      let firstTree: Map<string, string>;
      const first = { ...c.minimal, displayName: 'Stored Name', docsNotes: 'stored notes' };

      before(async function () {
        ({ dir } = await runGenerator(c.generator, first));
        firstTree = snapshotTree(dir);
      });

      it('a re-run with only the name uses the stored answers and rewrites nothing', async function () {
        await runGenerator(c.generator, { name }, { cwd: dir });
        assert.deepEqual(storedProfileIn(dir, c.host, name), completeProfile(c, first));
        assert.deepEqual(snapshotTree(dir), firstTree);
      });

      it('an interactive re-run asks nothing the stored profile answers', async function () {
        const { result } = await runGenerator(c.generator, { name, interactive: true }, { cwd: dir });
        const stored = storedProfileIn(dir, c.host, name) ?? {};
        const askedStored = result.askedQuestions.map((q) => q.name).filter((q) => q in stored);
        assert.deepEqual(askedStored, [], 'questions about stored fields');
        assert.deepEqual(snapshotTree(dir), firstTree);
      });

      it('context-doc alone regenerates the brief from the stored profile', async function () {
        const brief = briefPathOf(c, completeProfile(c, first));
        const before = readText(dir, brief);
        rmSync(path.join(dir, brief));
        await runGenerator('context-doc', { host: c.host }, { cwd: dir });
        assert.equal(readText(dir, brief), before);
        rmSync(path.join(dir, brief));
        await runGenerator('context-doc', { host: c.host, name }, { cwd: dir });
        assert.equal(readText(dir, brief), before);
      });

      it('context-doc alone without a stored profile fails and writes nothing', async function () {
        const empty = tempDir();
        const error = await rejection(runGenerator('context-doc', { host: c.host }, { cwd: empty }));
        assert.match(error.message, /No stored/);
        assert.equal(snapshotTree(empty).size, 0);
      });

      // Runs last: it changes the stored profile.
      it('the profile file wins over the stored answers; stored answers fill the rest', async function () {
        const file = profileFile({ docsNotes: 'notes from the file' }, 'json');
        await runGenerator(c.generator, { name, profile: file }, { cwd: dir, env: { force: true } });
        const stored = storedProfileIn(dir, c.host, name);
        assert.ok(stored);
        assert.equal(stored.docsNotes, 'notes from the file');
        assert.equal(stored.displayName, 'Stored Name');
        assert.equal(stored[secondKey], secondValue);
      });
    });

    describe('prompts ask only what is missing', function () {
      it('nothing supplied by flags or the profile file is asked; answers are used', async function () {
        const file = profileFile({ docsNotes: 'from the file' }, 'yaml', 'snake');
        const { dir, result } = await runGenerator(
          c.generator,
          { ...c.minimal, profile: file, interactive: true },
          { answers: { displayName: 'Prompted Name' } },
        );
        const asked = result.askedQuestions.map((q) => q.name);
        const supplied = [...Object.keys(c.minimal), 'docsNotes'];
        assert.deepEqual(asked.filter((q) => supplied.includes(q)), [], 'supplied fields were asked');
        assert.ok(asked.includes('displayName'), `displayName was not asked (asked: ${asked.join(', ')})`);
        for (const q of asked) assert.ok(fieldNames(c).has(q), `asked ${q}, which is not a profile field`);
        const stored = storedProfileIn(dir, c.host, name);
        assert.equal(stored?.displayName, 'Prompted Name');
        assert.equal(stored.docsNotes, 'from the file');
      });

      it('the endpoints question says the form an endpoint is written in, METHOD /path', async function () {
        const messages = new Map<string, string>();
        await runGenerator(c.generator, { ...c.minimal, interactive: true }, {
          answerCallback: (answer, question) => (messages.set(String(question.name), String(question.message)), answer),
        });
        assert.ok(messages.has('apiEndpoints'), `the endpoints were not asked (asked: ${[...messages.keys()].join(', ')})`);
        assert.match(messages.get('apiEndpoints')!, /as METHOD \/path, e\.g\. GET \/\w+/);
      });

      it('with nothing supplied, the name is asked first', async function () {
        const { dir, result } = await runGenerator(c.generator, { interactive: true }, { answers: { ...c.minimal } });
        assert.equal(result.askedQuestions[0]?.name, 'name');
        assert.ok(result.askedQuestions.some((q) => q.name === secondKey), `${secondKey} was asked`);
        assert.equal(storedProfileIn(dir, c.host, name)?.[secondKey], secondValue);
      });

      it('without a terminal nothing is asked and a missing name is an error naming --name', async function () {
        const dir = tempDir();
        const rest = { ...c.minimal };
        delete rest.name;
        const error = await rejection(runGenerator(c.generator, rest, { cwd: dir }));
        assert.match(error.message, /--name/);
        assert.equal(snapshotTree(dir).size, 0);
      });
    });

    it('accepts a name starting with test_, as upstream\'s scaffold does (its examples include test_messaging)', async function () {
      const { dir } = await runGenerator(c.generator, { ...c.minimal, name: 'test_messaging' });
      assert.equal(storedProfileIn(dir, c.host, 'test_messaging')?.name, 'test_messaging');
    });

    describe('refused inputs: the error names the flag and nothing is written', function () {
      for (const refusal of [...COMMON_REFUSALS, ...HOST_REFUSALS[c.host]]) {
        it(refusal.label, async function () {
          const dir = tempDir();
          const error = await rejection(runGenerator(c.generator, { ...c.minimal, ...refusal.options }, { cwd: dir }));
          assert.equal(error.name, 'ProfileError', error.stack);
          for (const flag of refusal.flags) assert.match(error.message, new RegExp(`^  ${flag}: `, 'm'));
          if (refusal.says) assert.match(error.message, refusal.says);
          assert.match(error.message, /nothing was written/);
          assert.deepEqual([...snapshotTree(dir).keys()], [], 'files written');
        });
      }

      it('an unknown profile-file field', async function () {
        const dir = tempDir();
        const file = profileFile({ favouriteColour: 'blue' }, 'json', 'dashed');
        const error = await rejection(runGenerator(c.generator, { ...c.minimal, profile: file }, { cwd: dir }));
        assert.match(error.message, /favourite-?colour: is not a field/i);
        assert.deepEqual([...snapshotTree(dir).keys()], []);
      });

      it('an unreadable profile file', async function () {
        const dir = tempDir();
        const file = path.join(tempDir(), 'broken.json');
        writeFileSync(file, '{ "name": ');
        const error = await rejection(runGenerator(c.generator, { ...c.minimal, profile: file }, { cwd: dir }));
        assert.match(error.message, /--profile: cannot read/);
        assert.deepEqual([...snapshotTree(dir).keys()], []);
      });

      it('several problems are reported together, each naming its flag', async function () {
        const dir = tempDir();
        const hostSpecific = HOST_REFUSALS[c.host].filter((r) => !r.label.includes('without'));
        const bad = { ...c.minimal, name: 'My-DB', defaultPort: '70000', authTypes: ['kerberos'], ...hostSpecific[0]!.options };
        const file = profileFile({ favouriteColour: 'blue' }, 'yaml');
        const error = await rejection(runGenerator(c.generator, { ...bad, profile: file }, { cwd: dir }));
        const expected = ['--name', '--default-port', '--auth-types', ...hostSpecific[0]!.flags];
        for (const flag of expected) assert.match(error.message, new RegExp(`^  ${flag}: `, 'm'), `${flag} missing in:\n${error.message}`);
        assert.match(error.message, /favourite-?colour: is not a field/i);
        const count = Number(/has (\d+) problems/.exec(error.message)?.[1]);
        assert.ok(count >= expected.length + 1, `problem count ${count}`);
        assert.deepEqual([...snapshotTree(dir).keys()], []);
      });
    });
  });
}

describe('profile composer (openmetadata): capabilities', function () {
  // upstream's `metadata scaffold-connector` takes --capabilities from the same six choices for every service type
  const everyCapability = ['metadata', 'lineage', 'usage', 'profiler', 'stored_procedures', 'data_diff'];
  for (const serviceType of ['dashboard', 'pipeline', 'messaging', 'mlmodel', 'storage', 'search', 'api']) {
    it(`a ${serviceType} service takes every capability upstream's scaffold accepts, and keeps them in its profile`, async function () {
      const name = `every_${serviceType}`;
      const { dir } = await runGenerator('openmetadata', { name, serviceType, capabilities: everyCapability });
      assert.deepEqual(storedProfileIn(dir, 'openmetadata', name)?.capabilities, everyCapability);
    });
  }
});
