/**
 * What a user installs: `npm pack` makes a tarball that installs with
 * `npm install -g`, and from that install both the bin and `yo connector` (as
 * a non-root user) write what an in-process run writes. A fresh clone's
 * `npm install` leaves the committed package-lock.json as it is.
 */
import assert from 'node:assert/strict';
import { chownSync, copyFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, skipWithReason } from '../support/fixtures.js';
import { readTree, runGenerator, tempDir } from '../support/generate.js';
import { HOST_CASES } from '../support/hosts.js';
import { spawnTool } from '../support/spawn.js';
import { isRoot, nonRootAccount, runAs } from '../support/users.js';

const npm = (args: string[], cwd: string) =>
  spawnTool('npm', args, { cwd, timeoutMs: 300_000, env: { NO_UPDATE_NOTIFIER: '1' } });

describe('the published package', function () {
  this.timeout(600_000);
  const c = HOST_CASES.find((h) => h.host === 'openmetadata')!;
  let prefix: string;
  /** what an in-process run writes, per host */
  const expected = new Map<string, Map<string, string>>();
  let installOutput = '';
  let packedManifest: { scripts?: Record<string, string> } = {};
  /** the tarball's files, relative to its package/ folder */
  let packedFiles: string[] = [];

  before(async function () {
    const out = tempDir('connector-pack-');
    const packed = npm(['pack', '--pack-destination', out], REPO_ROOT);
    assert.equal(packed.status, 0, packed.stderr);
    const tarball = readdirSync(out).find((f) => f.endsWith('.tgz'));
    assert.ok(tarball, `npm pack wrote no tarball: ${packed.stdout}`);
    prefix = path.join(out, 'prefix');
    // yo too, as a user installs it (npm install -g yo), at this project's pin: the non-root user runs it from
    // this prefix, which it can read wherever the clone is (a clone in a private folder is out of its reach)
    const yo = `yo@${(JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies.yo}`;
    const installed = npm(['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', path.join(out, tarball), yo], out);
    assert.equal(installed.status, 0, installed.stderr);
    installOutput = installed.stdout + installed.stderr;
    packedManifest = JSON.parse(spawnTool('tar', ['-xzOf', path.join(out, tarball), 'package/package.json']).stdout) as { scripts?: Record<string, string> };
    packedFiles = spawnTool('tar', ['-tzf', path.join(out, tarball)]).stdout.split('\n').filter(Boolean).map((file) => file.replace(/^package\//, ''));
    spawnTool('chmod', ['-R', 'a+rX', out]);
    expected.set(c.host, readTree((await runGenerator('app', c.minimal)).dir));
    for (const h of HOST_CASES.filter((h) => h !== c)) expected.set(h.host, readTree((await runGenerator(h.generator, h.minimal)).dir));
  });

  for (const h of HOST_CASES) {
    it(`npm install -g of the tarball gives a bin that writes what an in-process run writes (${h.host}: templates and host facts are packed)`, function () {
      const dir = tempDir();
      const result = spawnTool(path.join(prefix, 'bin', 'generator-connector'), [h.host, ...h.flags], { cwd: dir });
      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual(readTree(dir), expected.get(h.host));
    });
  }

  it('the tarball holds the build (dist/) and the package files, no TypeScript source', function () {
    const outside = packedFiles.filter((file) => !file.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE'].includes(file));
    assert.deepEqual(outside, [], 'files packed outside dist/');
    assert.deepEqual(packedFiles.filter((file) => file.endsWith('.ts')), [], 'TypeScript packed');
    for (const generator of ['app', 'openmetadata', 'mage', 'context-doc']) assert.ok(packedFiles.includes(`dist/generators/${generator}/index.js`), `${generator} not packed`);
  });

  it('the tarball ships no install-time script, so npm install -g runs nothing of ours and warns of nothing', function () {
    const lifecycle = ['preinstall', 'install', 'postinstall', 'prepare'].filter((s) => packedManifest.scripts?.[s] !== undefined);
    assert.deepEqual(lifecycle, [], 'the packed package.json keeps install-time scripts');
    assert.doesNotMatch(installOutput, /generator-connector@[^\n]*\((pre|post)?(install|prepare)/, installOutput);
  });

  it('yo finds the installed package: `yo connector` as a non-root user writes the same files', function () {
    const found = nonRootAccount();
    if (typeof found === 'string') skipWithReason(this, found);
    const user = found;
    const dir = tempDir('connector-pack-yo-');
    if (isRoot) chownSync(dir, user.uid, user.gid);
    const yo = [process.execPath, path.join(prefix, 'lib', 'node_modules', 'yo', 'lib', 'cli.js')];
    const result = runAs(user, dir, [...yo, 'connector', ...c.flags], { NODE_PATH: path.join(prefix, 'lib', 'node_modules') });
    assert.equal(result.status, 0, result.out);
    assert.deepEqual(readTree(dir), expected.get(c.host));
  });

  it("a fresh clone's npm install leaves package-lock.json byte-identical", function () {
    const dir = tempDir('connector-lock-');
    for (const file of ['package.json', 'package-lock.json']) copyFileSync(path.join(REPO_ROOT, file), path.join(dir, file));
    // the bin package.json names, which npm links
    mkdirSync(path.join(dir, 'dist'));
    copyFileSync(path.join(REPO_ROOT, 'dist', 'connector.js'), path.join(dir, 'dist', 'connector.js'));
    const result = npm(['install', '--package-lock-only', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], dir);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(readFileSync(path.join(dir, 'package-lock.json'), 'utf8'), readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8'));
  });
});
