/**
 * The bin (`node bin/connector.js`), run as a child process without a terminal,
 * as the current user (root in CI): help, flag parsing, failures with a
 * non-zero exit, and a good run writing the same files as an in-process run.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { dashed, type Field } from '../../core/profile/field.js';
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

/** A mistyped value of a choice flag per host, and the choice it was meant to be. */
const CHOICE_TYPOS: Record<HostCase['host'], { flag: string; typed: string; meant: string }> = {
  openmetadata: { flag: '--service-type', typed: 'dashbord', meant: 'dashboard' },
  mage: { flag: '--connector-type', typed: 'fil', meant: 'file' },
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
    assert.match(result.stderr, /Unknown generator 'warehouse'\./);
    assert.equal(snapshotTree(dir).size, 0);
  });

  it('a mistyped generator name gets "did you mean", as a mistyped flag does', function () {
    for (const [typed, meant] of [['opnmetadata', 'openmetadata'], ['mag', 'mage'], ['context-dc', 'context-doc']]) {
      const result = runBin([typed!, '--name', 'x_db'], { cwd: tempDir() });
      assert.notEqual(result.status, 0);
      assert.match(result.stderr, new RegExp(`^Unknown generator '${typed}'; did you mean ${meant}\\?$`, 'm'), result.stderr);
    }
  });

  it('context-doc --help is curated as the host generators\' is: what it writes, its flags with their choices, no install options', function () {
    const result = runBin(['context-doc', '--help'], { cwd: tempDir() });
    assert.equal(result.status, 0, output(result));
    assert.match(result.stdout, /^Usage: generator-connector context-doc \[flags\]$/m);
    assert.match(result.stdout, /^Writes CONNECTOR_CONTEXT\.md/m);
    assert.match(result.stdout, /^\s+--host <value>\s+Host of the stored connector; one of: openmetadata, mage/m);
    assert.match(result.stdout, /^\s+--name <value>\s+Connector name in \.yo-rc\.json; default: the last one generated/m);
    for (const flag of ['--interactive', '--force', '--dry-run', '--no-color']) assert.match(result.stdout, new RegExp(`^\\s+${flag}[ ,]`, 'm'), `${flag} missing`);
    for (const raw of ['--skip-install', '--force-install', '--skip-cache', '--local-config-only', '--whitespace', 'display help for command']) {
      assert.ok(!result.stdout.includes(raw), `${raw} shown:\n${result.stdout}`);
    }
  });

  it('context-doc: a mistyped --host gets "did you mean", reported with a mistyped flag', function () {
    const result = runBin(['context-doc', '--host', 'opnmetadata', '--nme', 'x'], { cwd: tempDir() });
    assert.notEqual(result.status, 0);
    assert.match(output(result), /^\s+--host: must be one of openmetadata, mage; did you mean openmetadata\? \(got "opnmetadata"\)$/m);
    assert.match(output(result), /^\s+--nme: is not a flag of this generator; did you mean --name\?/m);
  });

  for (const c of HOST_CASES) {
    describe(c.generator, function () {
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
        const listDefault = (f: Field): unknown[] => {
          const value = f.defaultFor?.({});
          return Array.isArray(value) ? value : [];
        };
        const withDefault = c.spec.fields.find((f) => listDefault(f).length > 0 && !f.defaultHelp);
        if (withDefault) assert.match(text, new RegExp(`--${dashed(withDefault.name)} [\\s\\S]*?default: ${listDefault(withDefault).join(', ')}`));
        assert.match(text, /--dry-run\s+Print the plan[\s\S]*?write nothing/);
        for (const install of ['--skip-install', '--force-install', '--skip-cache', '--local-config-only']) assert.ok(!text.includes(install), `${install} shown`);
      });

      it('an unknown flag is rejected with a non-zero exit and nothing written', function () {
        const dir = tempDir();
        const result = runBin([c.generator, ...c.flags, '--favourite-colour', 'blue'], { cwd: dir });
        assert.notEqual(result.status, 0, output(result));
        assert.match(output(result), /^\s+--favourite-colour: is not a flag of this generator \(--help lists them\)$/m);
        assert.equal(snapshotTree(dir).size, 0);
      });

      it('an unknown or mistyped flag is reported with every other problem, wherever it stands on the line', function () {
        const dir = tempDir();
        const result = runBin([c.generator, '--favourite-colour', 'blue', ...c.flags, '--name', 'My-DB', '--display-nam', 'X', '--default-port', '70000'], { cwd: dir });
        assert.notEqual(result.status, 0, output(result));
        assert.match(output(result), /^\s+--favourite-colour: is not a flag of this generator/m);
        assert.match(output(result), /^\s+--display-nam: is not a flag of this generator; did you mean --display-name\?/m);
        // flags after an unknown one are read: their problems are there too
        assert.match(output(result), /^\s+--name: must be snake_case/m);
        assert.match(output(result), /^\s+--default-port: must be a whole number/m);
        assert.match(output(result), /has 4 problems; nothing was written/);
        assert.equal(snapshotTree(dir).size, 0);
      });

      it('a mistyped choice gets "did you mean", as a mistyped flag does', function () {
        const typo = CHOICE_TYPOS[c.host];
        const result = runBin([c.generator, ...c.flags, typo.flag, typo.typed], { cwd: tempDir() });
        assert.notEqual(result.status, 0, output(result));
        assert.match(output(result), new RegExp(`^\\s+${typo.flag}: must be one of: [^\\n]*; did you mean ${typo.meant}\\? \\(got "${typo.typed}"\\)$`, 'm'));
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
