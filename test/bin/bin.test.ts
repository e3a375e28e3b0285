/**
 * The bin (`node bin/connector.js`), run as a child process without a terminal,
 * as the current user (root in CI): help, flag parsing, failures with a
 * non-zero exit, and a good run writing the same files as an in-process run.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { dashed } from '../../core/profile/field.js';
import { readTree, runBin, runGenerator, snapshotTree, tempDir } from '../support/generate.js';
import { HOST_CASES, generatorBuilt, storedProfileIn, type HostCase } from '../support/hosts.js';

const output = (r: { stdout: string; stderr: string }): string => `${r.stdout}\n${r.stderr}`;

/** A one-word list flag per host (yeoman's Array option coercion nests those values), repeated and comma-separated. */
const LIST_FLAGS: Record<HostCase['host'], { args: string[]; field: string; expected: string[] }> = {
  openmetadata: {
    args: ['--service-type', 'database', '--capabilities', 'lineage,usage', '--capabilities', 'profiler'],
    field: 'capabilities',
    expected: ['lineage', 'usage', 'profiler'],
  },
  mage: {
    args: ['--connector-type', 'api', '--streams', 'orders,customers', '--streams', 'refunds'],
    field: 'streams',
    expected: ['orders', 'customers', 'refunds'],
  },
};

describe('bin/connector.js', function () {
  it('--help (and no arguments) lists every generator', function () {
    for (const args of [['--help'], []]) {
      const result = runBin(args, { cwd: tempDir() });
      assert.equal(result.status, 0, output(result));
      for (const name of ['openmetadata', 'mage', 'context-doc', 'app']) {
        assert.match(result.stdout, new RegExp(`^\\s+${name}\\s`, 'm'), `${name} missing from:\n${result.stdout}`);
      }
    }
  });

  it('an unknown generator exits non-zero and names it', function () {
    const dir = tempDir();
    const result = runBin(['warehouse', '--name', 'x_db'], { cwd: dir });
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /Unknown generator 'warehouse'/);
    assert.equal(snapshotTree(dir).size, 0);
  });

  for (const c of HOST_CASES) {
    describe(`${c.generator}`, function () {
      before(function () {
        assert.ok(generatorBuilt(c), `${c.generator} generator is not built: dist/generators/${c.generator}/index.js is missing (unfinished?)`);
      });

      it('--help shows every profile field as a dashed flag, and the run options', function () {
        const result = runBin([c.generator, '--help'], { cwd: tempDir() });
        assert.equal(result.status, 0, output(result));
        const flags = [...c.spec.fields.map((f) => `--${dashed(f.name)}`), '--profile', '--force', '--dry-run', '--interactive'];
        for (const flag of flags) assert.match(result.stdout, new RegExp(`^\\s+${flag}[ ,]`, 'm'), `${flag} missing from:\n${result.stdout}`);
        assert.doesNotMatch(result.stdout, /^\s+--[a-z]+[A-Z]/m, 'a camelCase flag is shown');
      });

      it('--help says what the generator writes, lists its own flags first with required ones marked and defaults shown, and leaves out install options', function () {
        const text = runBin([c.generator, '--help'], { cwd: tempDir() }).stdout;
        assert.match(text, /^Writes a new /m);
        assert.ok(text.indexOf('--name') < text.indexOf('Run flags:'), 'the connector flags come first');
        for (const field of c.spec.fields.filter((f) => f.required)) assert.match(text, new RegExp(`--${dashed(field.name)} <[^>]+>[\\s\\S]*?required`));
        const withDefault = c.spec.fields.find((f) => Array.isArray(f.defaultFor?.({})) && (f.defaultFor?.({}) as unknown[]).length > 0 && !f.defaultHelp);
        if (withDefault) assert.match(text, new RegExp(`--${dashed(withDefault.name)} [\\s\\S]*?default: ${(withDefault.defaultFor!({}) as string[]).join(', ')}`));
        assert.match(text, /--dry-run\s+Print the plan[\s\S]*?write nothing/);
        for (const install of ['--skip-install', '--force-install', '--skip-cache', '--local-config-only']) assert.ok(!text.includes(install), `${install} shown`);
      });

      it('an unknown flag is rejected with a non-zero exit and nothing written', function () {
        const dir = tempDir();
        const result = runBin([c.generator, ...c.flags, '--favourite-colour', 'blue'], { cwd: dir });
        assert.notEqual(result.status, 0, output(result));
        assert.match(output(result), /unknown option '--favourite-colour'/);
        assert.equal(snapshotTree(dir).size, 0);
      });

      it('a bad profile exits non-zero, lists every problem, and writes nothing', function () {
        const dir = tempDir();
        const file = path.join(tempDir(), 'bad.json');
        writeFileSync(file, JSON.stringify({ ...c.minimal, 'default-port': 70000, favourite_colour: 'blue' }));
        const result = runBin([c.generator, '--profile', file, '--name', 'My-DB', '--auth-types', 'kerberos'], { cwd: dir });
        assert.notEqual(result.status, 0, output(result));
        for (const flag of ['--name', '--default-port', '--auth-types', 'profile file field favourite_colour']) {
          assert.match(output(result), new RegExp(`^\\s+${flag}: `, 'm'), `${flag} missing from:\n${output(result)}`);
        }
        assert.match(output(result), /nothing was written/);
        assert.equal(snapshotTree(dir).size, 0);
      });

      it('a list flag given several times and comma-separated keeps every value', function () {
        const list = LIST_FLAGS[c.host];
        const dir = tempDir();
        const result = runBin([c.generator, '--name', c.minimal.name as string, ...list.args], { cwd: dir });
        assert.equal(result.status, 0, output(result));
        assert.deepEqual(storedProfileIn(dir, c.host, c.minimal.name as string)?.[list.field], list.expected);
      });

      it(`a good run exits 0 as the current user (uid ${process.getuid?.()}) and writes what an in-process run writes`, async function () {
        const dir = tempDir();
        const extra = ['--docs-notes', 'Run through the bin', '--api-endpoints', 'GET /a', 'GET /b'];
        const result = runBin([c.generator, ...c.flags, ...extra], { cwd: dir });
        assert.equal(result.status, 0, output(result));
        const viaBin = readTree(dir);
        assert.ok(viaBin.size > 1, 'files were written');
        const { dir: direct } = await runGenerator(c.generator, {
          ...c.minimal,
          docsNotes: 'Run through the bin',
          apiEndpoints: ['GET /a', 'GET /b'],
        });
        assert.deepEqual([...viaBin.keys()], [...readTree(direct).keys()]);
        assert.deepEqual(viaBin, readTree(direct));
      });
    });
  }
});
