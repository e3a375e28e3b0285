/**
 * The real `yo` (node_modules/yo, yo 7) finds and runs the package, as a
 * NON-ROOT user (yo refuses to work as root). As root, a system user `yotest`
 * is created with useradd when missing and each command runs with runuser;
 * as a normal user, yo runs as that user. The package is made visible to yo's
 * lookup as `<tmp>/node_modules/generator-connector` (a symlink to this
 * checkout, or a copy when the checkout is not readable by the user), and yo
 * runs in `<tmp>/work` without a terminal.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, cpSync, mkdirSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { skipWithReason, REPO_ROOT } from '../support/fixtures.js';
import { readTree, runGenerator, snapshotTree, diffTrees, isEmptyDiff, tempDir } from '../support/generate.js';
import { HOST_CASES, generatorBuilt } from '../support/hosts.js';

const USER = 'yotest';
const isRoot = process.getuid?.() === 0;

interface Account {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

const run = (command: string, args: string[], cwd?: string) =>
  spawnSync(command, args, { cwd, encoding: 'utf8', input: '', timeout: 120_000 });

function account(name: string): Account | undefined {
  const entry = run('getent', ['passwd', name]);
  if (entry.status !== 0) return undefined;
  const [, , uid, gid, , home] = entry.stdout.trim().split(':');
  return { name, uid: Number(uid), gid: Number(gid), home: home ?? `/home/${name}` };
}

/** The non-root account yo runs as, or the reason there is none. */
function yoAccount(): Account | string {
  if (!isRoot) {
    const name = run('id', ['-un']).stdout.trim();
    return account(name) ?? { name, uid: process.getuid!(), gid: process.getgid!(), home: process.env.HOME ?? '/tmp' };
  }
  if (run('which', ['runuser']).status !== 0) return 'running as root and runuser is not available to switch to a non-root user';
  const existing = account(USER);
  if (existing) return existing;
  if (run('which', ['useradd']).status !== 0) return `running as root, user ${USER} does not exist and useradd is not available`;
  const created = run('useradd', ['-m', '-s', '/bin/sh', USER]);
  if (created.status !== 0) return `useradd -m ${USER} failed: ${created.stderr.trim()}`;
  return account(USER) ?? `useradd created ${USER} but getent does not find it`;
}

/** Runs a command as the account (directly when we are that user), in `cwd`, with stdin empty (no terminal). */
function runAs(user: Account, cwd: string, command: string[], env: Record<string, string> = {}) {
  const vars = Object.entries({ HOME: user.home, NO_UPDATE_NOTIFIER: '1', CI: 'true', FORCE_COLOR: '0', ...env }).map(([k, v]) => `${k}=${v}`);
  const [program, args] = isRoot
    ? ['runuser', ['-u', user.name, '--', 'env', ...vars, ...command]]
    : ['env', [...vars, ...command]];
  const result = run(program, args, cwd);
  return { status: result.status, out: `${result.stdout}\n${result.stderr}` };
}

const readableBy = (user: Account, file: string): boolean => runAs(user, '/', ['test', '-r', file]).status === 0;

describe('yo (the real binary) as a non-root user', function () {
  this.timeout(180_000);
  let user: Account;
  let work: string;
  let yo: string[];

  /** A fresh folder owned by the user, beside the package's node_modules so yo's lookup finds it. */
  let root: string;
  const freshWork = (name: string): string => {
    const dir = path.join(root, name);
    mkdirSync(dir);
    if (isRoot) chownSync(dir, user.uid, user.gid);
    return dir;
  };

  before(function () {
    const found = yoAccount();
    if (typeof found === 'string') skipWithReason(this, found);
    user = found;
    root = tempDir('connector-yo-');
    chmodSync(root, 0o755);
    mkdirSync(path.join(root, 'node_modules'));
    const packageDir = path.join(root, 'node_modules', 'generator-connector');
    let packageRoot = REPO_ROOT;
    if (!process.env.YO_TEST_COPY && readableBy(user, path.join(REPO_ROOT, 'generators', 'app', 'index.js')) && readableBy(user, path.join(REPO_ROOT, 'node_modules', 'yo', 'lib', 'cli.js'))) {
      symlinkSync(REPO_ROOT, packageDir, 'dir');
    } else {
      // The checkout is not readable by the user (e.g. under /root): copy the built package with its dependencies.
      cpSync(REPO_ROOT, packageDir, { recursive: true, filter: (src) => !src.includes(`${path.sep}.git`) });
      packageRoot = packageDir;
      run('chmod', ['-R', 'a+rX', packageDir]);
    }
    yo = [process.execPath, path.join(packageRoot, 'node_modules', 'yo', 'lib', 'cli.js')];
    work = freshWork('work');
  });

  it('lists the connector generators (yo --generators)', function () {
    const result = runAs(user, work, [...yo, '--generators']);
    assert.equal(result.status, 0, result.out);
    assert.match(result.out, /^\s+connector$/m, result.out);
    for (const sub of ['openmetadata', 'context-doc', 'mage']) assert.match(result.out, new RegExp(`^\\s+${sub}$`, 'm'), `${sub} missing:\n${result.out}`);
  });

  it('`yo connector` writes the same files as an in-process run, owned by the user', async function () {
    const c = HOST_CASES.find((h) => h.host === 'openmetadata')!;
    const extra = { description: 'Generated by yo', apiEndpoints: ['GET /reports'] };
    const result = runAs(user, work, [...yo, 'connector', ...c.flags, '--description', extra.description, '--api-endpoints', 'GET /reports']);
    assert.equal(result.status, 0, result.out);
    const viaYo = readTree(work);
    assert.ok(viaYo.size > 1, `no files written:\n${result.out}`);
    for (const file of viaYo.keys()) assert.equal(statSync(path.join(work, file)).uid, user.uid, `${file} is not owned by ${user.name}`);
    const { dir } = await runGenerator('app', { ...c.minimal, ...extra });
    assert.deepEqual([...viaYo.keys()], [...readTree(dir).keys()]);
    assert.deepEqual(viaYo, readTree(dir));
  });

  it('without a terminal, a conflict makes yo exit non-zero, listing the file, with nothing changed', function () {
    const c = HOST_CASES.find((h) => h.host === 'openmetadata')!;
    const files = [...snapshotTree(work).keys()].filter((f) => f.endsWith('.py'));
    assert.ok(files.length > 0, 'the previous test generated Python files');
    const edited = files[0]!;
    appendFileSync(path.join(work, edited), '\n# edited\n');
    const before = snapshotTree(work);
    const result = runAs(user, work, [...yo, 'connector', ...c.flags, '--description', 'Generated by yo', '--api-endpoints', 'GET /reports']);
    assert.notEqual(result.status, 0, result.out);
    assert.ok(result.out.includes(edited), `${edited} not listed:\n${result.out}`);
    assert.ok(isEmptyDiff(diffTrees(before, snapshotTree(work))));
  });

  it('an invalid profile makes yo exit non-zero with every problem and nothing written', function () {
    const dir = freshWork('invalid');
    const result = runAs(user, dir, [...yo, 'connector', '--name', 'My-DB', '--service-type', 'warehouse']);
    assert.notEqual(result.status, 0, result.out);
    assert.match(result.out, /^\s+--name: /m);
    assert.match(result.out, /^\s+--service-type: /m);
    assert.equal(snapshotTree(dir).size, 0);
  });

  it('`yo connector:mage` writes the Mage source', function () {
    const c = HOST_CASES.find((h) => h.host === 'mage')!;
    assert.ok(generatorBuilt(c), 'generators/mage/index.js is missing (the Mage generator is unfinished?)');
    const dir = freshWork('mage');
    const result = runAs(user, dir, [...yo, 'connector:mage', ...c.flags]);
    assert.equal(result.status, 0, result.out);
    const written = [...snapshotTree(dir).keys()];
    assert.ok(written.some((f) => f.endsWith('.py')), `no Python files written:\n${written.join('\n')}\n${result.out}`);
  });
});
