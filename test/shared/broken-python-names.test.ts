/**
 * Names and values that were valid input but gave broken Python (issue 17 §3), each pinned by a case:
 * OpenMetadata names whose package folder is a keyword, Mage names whose class is a keyword or
 * ambiguous, a Mage base URL and a config key too long for 100 columns, and 60-character OpenMetadata
 * names under each release's formatter. test/shared/profile-properties.test.ts covers the space around them.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { OpenMetadataRelease } from '../../generators/openmetadata/profile/fields.js';
import { MAGE_FACTS } from '../../generators/mage/facts/index.js';
import { skipWithReason } from '../support/fixtures.js';
import { readText, runBin, tempDir } from '../support/generate.js';
import { requireMageTools } from '../mage/support.js';
import { listFiles } from '../support/files.js';
import { compileErrors, pythonModules } from '../support/python.js';
import { hostVenvBin, mageFlake8Problems, releaseFormatterProblems } from '../support/release-tools.js';

const output = (r: { stdout: string; stderr: string }): string => r.stdout + r.stderr;

/** The bin folder of a release's host venv; pending locally without it, a failure under CI=true. */
function requireHostVenv(ctx: Mocha.Context, line: OpenMetadataRelease): string {
  const found = hostVenvBin(line);
  if ('bin' in found) return found.bin;
  if (process.env.CI === 'true') throw new Error(found.missing);
  return skipWithReason(ctx, found.missing);
}

describe('names and values that gave broken Python (issue 17)', function () {
  this.timeout(300_000);

  describe('OpenMetadata: a name whose package folder (the type value lower-cased) is a Python keyword', function () {
    for (const [name, typeValue, packageName] of [
      ['f_or', 'FOr', 'for'],
      ['i_f', 'IF', 'if'],
      ['cl_ass', 'ClAss', 'class'],
      ['la_mbda', 'LaMbda', 'lambda'],
    ] as const) {
      it(`--name ${name} is refused on --name with the reason and a --service-type-value that works; nothing written`, function () {
        const dir = tempDir('connector-keyword-package-');
        const refused = runBin(['openmetadata', '--name', name, '--service-type', 'mlmodel'], { cwd: dir });
        assert.equal(refused.status, 1, output(refused));
        assert.match(
          output(refused),
          new RegExp(`--name: gives the service type value ${typeValue} and so the package name '${packageName}'.*a Python keyword`),
        );
        assert.deepEqual(readdirSync(dir), [], 'nothing was written');
        const suggested = new RegExp(`--service-type-value with a value whose lower case is not a keyword \\(e\\.g\\. (${typeValue}Custom)\\)`).exec(
          output(refused),
        )?.[1];
        assert.ok(suggested, `the error suggests a --service-type-value:\n${output(refused)}`);

        const accepted = runBin(['openmetadata', '--name', name, '--service-type', 'mlmodel', '--service-type-value', suggested], { cwd: dir });
        assert.equal(accepted.status, 0, output(accepted));
        const py = listFiles(dir, { ext: 'py' });
        assert.ok(
          py.some((f) => f.includes(`/mlmodel/${suggested.toLowerCase()}/`)),
          py.join('\n'),
        );
        assert.deepEqual(compileErrors(dir, py), []);
      });
    }
  });

  describe('Mage: a name whose source class is a keyword or a name flake8 calls ambiguous', function () {
    for (const [name, reason] of [
      ['none', /--name: gives the source class name None, a Python keyword/],
      ['true', /--name: gives the source class name True, a Python keyword/],
      ['false', /--name: gives the source class name False, a Python keyword/],
      ['i', /--name: gives the source class name I, which flake8 refuses as ambiguous \(E742\)/],
      ['o', /--name: gives the source class name O, which flake8 refuses as ambiguous \(E742\)/],
    ] as const) {
      it(`--name ${name} is refused on --name with the reason; nothing written`, function () {
        const dir = tempDir('connector-mage-class-');
        const refused = runBin(['mage', '--name', name, '--connector-type', 'api'], { cwd: dir });
        assert.equal(refused.status, 1, output(refused));
        assert.match(output(refused), reason);
        assert.deepEqual(readdirSync(dir), [], 'nothing was written');
      });
    }
  });

  describe("Mage: values too long for mage-ai's 100 columns", function () {
    const longUrl = `https://api.example.com/${'segment/'.repeat(9)}${'x'.repeat(95)}/v1/items?limit=100`;
    const longKey = `k${'e'.repeat(58)}y`;

    it('a long --base-url: client.py passes flake8 and BASE_URL is still the URL', function () {
      const tools = requireMageTools(this);
      const dir = tempDir('connector-mage-url-');
      const result = runBin(['mage', '--name', 'long_url', '--connector-type', 'api', '--base-url', longUrl], { cwd: dir });
      assert.equal(result.status, 0, output(result));
      const py = listFiles(dir, { ext: 'py' });
      assert.deepEqual(mageFlake8Problems(tools, dir, py, MAGE_FACTS.flake8MaxLineLength), []);
      const client = py.find((f) => f.endsWith('/long_url/client.py'))!;
      assert.ok(!readText(dir, client).includes('noqa'), 'no # noqa needed');
      assert.equal(pythonModules(dir, [client])[client]?.assignments.BASE_URL, longUrl);
    });

    it('a 60-character config key, and a 40-character file source name: the unit tests pass flake8', function () {
      const tools = requireMageTools(this);
      const dir = tempDir('connector-mage-key-');
      for (const [name, args] of [
        ['long_key_api', ['--connector-type', 'api', '--auth-types', 'api_key', '--config-keys', 'api_key:secret', 'base_url', longKey]],
        ['long_key_sql', ['--connector-type', 'sql', '--config-keys', 'host', 'database', 'username', 'password:secret', `${longKey}=some sample`]],
        ['long_key_file', ['--connector-type', 'file', '--config-keys', 'file_path', longKey]],
        // a 40-character name without underscores gives a 40-character class: the file source's build_source passed 100 columns
        [`f${'i'.repeat(38)}e`, ['--connector-type', 'file']],
      ] as const) {
        mkdirSync(path.join(dir, name));
        const result = runBin(['mage', '--name', name, ...args], { cwd: path.join(dir, name) });
        assert.equal(result.status, 0, output(result));
      }
      const py = listFiles(dir, { ext: 'py' });
      assert.ok(py.filter((f) => f.includes('/tests/')).length >= 3, py.join('\n'));
      assert.deepEqual(mageFlake8Problems(tools, dir, py, MAGE_FACTS.flake8MaxLineLength), []);
    });
  });

  describe("OpenMetadata: 60-character names under each release's formatter", function () {
    const NAME_60 = `${'abcdefghi_'.repeat(5)}abcdefghij`;
    const VALUE_60 = `A${'b'.repeat(59)}`;
    const variants: Array<[string, string[]]> = [
      [
        'database',
        ['--service-type', 'database', '--capabilities', 'metadata,lineage,usage', '--docker-image', 'postgres:16', '--docker-port', '5432'],
      ],
      ['dashboard', ['--service-type', 'dashboard', '--api-endpoints', 'GET /dashboards, GET /charts/{id}, POST /search']],
      ['messaging', ['--service-type', 'messaging', '--connection-type', 'sdk_client', '--docker-image', 'redpanda:1', '--docker-port', '9092']],
      ['mlmodel', ['--service-type', 'mlmodel']],
    ];

    for (const line of ['1.12', '2.0'] as const) {
      it(`${line}: a 60-character --name and --service-type-value leave nothing for the release's tools to change`, function () {
        const bin = requireHostVenv(this, line);
        assert.equal(NAME_60.length, 60);
        assert.equal(VALUE_60.length, 60);
        const root = tempDir(`connector-long-${line}-`);
        for (const [label, args] of variants) {
          for (const [which, names] of [
            ['name', ['--name', NAME_60]],
            ['value', ['--name', 'short', '--service-type-value', VALUE_60]],
          ] as const) {
            const dir = path.join(root, `${label}-${which}`);
            mkdirSync(dir);
            const result = runBin(['openmetadata', '--openmetadata-version', line, ...names, ...args], { cwd: dir });
            assert.equal(result.status, 0, output(result));
          }
        }
        const py = listFiles(root, { ext: 'py' });
        assert.deepEqual(compileErrors(root, py), []);
        assert.deepEqual(releaseFormatterProblems(line, bin, root, py), []);
      });
    }
  });
});
