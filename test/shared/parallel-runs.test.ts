/**
 * Runs side by side in one checkout (agents adding connectors in parallel): every run that exits 0
 * is registered in the host's files and remembered in .yo-rc.json, and every host file still parses.
 * The commit is one critical section per checkout (core/checkout-lock.ts); a lock left by a killed
 * run is broken, and a run that cannot get the lock in time fails naming it, having written nothing.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, diffTrees, isEmptyDiff, snapshotTree, tempDir } from '../support/generate.js';
import { REPO_ROOT, requireFixtures, requireHostCheckout } from '../support/fixtures.js';
import { seedCheckout, SERVICES_DIR } from '../support/checkouts.js';
import { compileErrors } from '../support/python.js';
import { spawnTool } from '../support/spawn.js';
import { storedProfileIn } from '../support/hosts.js';
import { openMetadataNames } from '../../generators/openmetadata/profile/spec.js';
import { checkoutLockPath } from '../../core/checkout-lock.js';

const RUNS = 8;

interface Outcome {
  name: string;
  status: number | null;
  output: string;
}

/** Starts the bin without waiting (runBin waits), stdin not a terminal. */
function startBin(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): { child: ChildProcess; done: Promise<{ status: number | null; output: string }> } {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_UPDATE_NOTIFIER: '1', FORCE_COLOR: '0', NO_COLOR: '1', ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const done = new Promise<{ status: number | null; output: string }>((resolve) => {
    child.on('close', (status) => {
      resolve({ status, output });
    });
  });
  return { child, done };
}

async function runAtOnce(cwd: string, runs: Array<{ name: string; args: string[] }>): Promise<Outcome[]> {
  const started = runs.map((r) => ({ name: r.name, run: startBin(r.args, cwd) }));
  return Promise.all(started.map(async ({ name, run }) => ({ name, ...(await run.done) })));
}

const gitInit = (dir: string): void => {
  const init = spawnTool('git', ['init', '-q', dir]);
  assert.equal(init.status, 0, init.stderr);
};

/** The mage-ai host files registration edits, copied from a real checkout (read only) into `dir`. */
const MAGE_HOST_FILES = [
  'mage_ai/data_integrations/sources/constants.py',
  'docs/docs.json',
  'docs/data-integrations/overview.mdx',
  'mage_integrations/requirements.txt',
  'mage_integrations/mage_integrations/sources/__init__.py',
];
function seedFromMageCheckout(checkout: string, dir: string): string {
  for (const file of MAGE_HOST_FILES.filter((f) => existsSync(path.join(checkout, f)))) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    copyFileSync(path.join(checkout, file), path.join(dir, file));
  }
  mkdirSync(path.join(dir, 'mage_integrations/mage_integrations/sources'), { recursive: true });
  return dir;
}

/** The runs, every one of which must have exited 0: a failure names each run that did not, with its output. */
function allExitedZero(outcomes: Outcome[]): Outcome[] {
  const failed = outcomes.filter((o) => o.status !== 0);
  assert.equal(outcomes.length - failed.length, RUNS, `runs that failed:\n${failed.map((o) => `${o.name} (${o.status}): ${o.output}`).join('\n')}`);
  return outcomes;
}

describe('runs side by side in one checkout', function () {
  this.timeout(240_000);

  it(`openmetadata: ${RUNS} database connectors at once are all registered and remembered`, async function () {
    requireFixtures(this, `openmetadata/${SERVICES_DIR}`);
    const dir = tempDir('parallel-om-');
    seedCheckout('openmetadata', dir);
    gitInit(dir); // the lock goes to .git/generator-connector/
    const names = Array.from({ length: RUNS }, (_, i) => `par_db_${String.fromCharCode(97 + i)}`);
    const outcomes = await runAtOnce(
      dir,
      names.map((name) => ({ name, args: ['openmetadata', '--name', name, '--service-type', 'database'] })),
    );
    const ok = allExitedZero(outcomes);
    const serviceFile = path.join(dir, SERVICES_DIR, 'databaseService.json');
    const service = JSON.parse(readFileSync(serviceFile, 'utf8')) as {
      definitions: { databaseServiceType: { enum: string[]; javaEnums: Array<{ name: string }> } };
    };
    const missing = ok.flatMap(({ name }) => {
      const value = openMetadataNames({ name, serviceType: 'database', serviceTypeValue: '' }).typeValue;
      const problems: string[] = [];
      if (!service.definitions.databaseServiceType.enum.includes(value)) problems.push(`${value} not in databaseServiceType.enum`);
      if (!service.definitions.databaseServiceType.javaEnums.some((e) => e.name === value)) problems.push(`${value} not in javaEnums`);
      if (!storedProfileIn(dir, 'openmetadata', name)) problems.push(`${name} not in .yo-rc.json`);
      return problems;
    });
    assert.deepEqual(missing, []);
    JSON.parse(readFileSync(path.join(dir, '.yo-rc.json'), 'utf8'));
    assert.ok(
      !readFileSync(path.join(dir, '.git/info/exclude'), 'utf8')
        .split('\n')
        .filter((l) => l === '/.yo-rc.json')
        .slice(1).length,
      '.yo-rc.json listed once in .git/info/exclude',
    );
  });

  it(`mage: ${RUNS} sources at once are all registered and remembered`, async function () {
    const checkout = requireHostCheckout(this, 'mage');
    // the real host files (GC_MAGE_CHECKOUT); no .git: the lock goes to the checkout root
    const dir = seedFromMageCheckout(checkout, tempDir('parallel-mage-'));
    const names = Array.from({ length: RUNS }, (_, i) => `par_api_${String.fromCharCode(97 + i)}`);
    const outcomes = await runAtOnce(
      dir,
      names.map((name) => ({ name, args: ['mage', '--name', name, '--connector-type', 'api'] })),
    );
    const ok = allExitedZero(outcomes);
    const constants = path.join(dir, 'mage_ai/data_integrations/sources/constants.py');
    assert.deepEqual(compileErrors(path.dirname(constants), [path.basename(constants)]), [], 'constants.py compiles');
    const text = readFileSync(constants, 'utf8');
    const missing = ok.flatMap(({ name }) => [
      ...(text.includes(`uuid='${name}'`) ? [] : [`${name} not in constants.py`]),
      ...(storedProfileIn(dir, 'mage', name) ? [] : [`${name} not in .yo-rc.json`]),
    ]);
    assert.deepEqual(missing, []);
    JSON.parse(readFileSync(path.join(dir, 'docs/docs.json'), 'utf8'));
    JSON.parse(readFileSync(path.join(dir, '.yo-rc.json'), 'utf8'));
  });
});

/** A process that takes the checkout's lock and holds it until killed; resolves once it holds it. */
async function holdLock(root: string): Promise<ChildProcess> {
  const module = path.join(REPO_ROOT, 'dist/core/checkout-lock.js');
  const script = `import { withCheckoutLock } from ${JSON.stringify(module)};
await withCheckoutLock(${JSON.stringify(root)}, { info: () => {} }, async () => { console.log('HELD'); setInterval(() => {}, 1000); await new Promise(() => {}); });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('HELD')) resolve();
    });
    child.on('exit', (code) => {
      reject(new Error(`the lock holder exited (${code}) before taking the lock`));
    });
  });
  return child;
}

describe('the checkout lock', function () {
  this.timeout(120_000);
  const mageArgs = (name: string): string[] => ['mage', '--name', name, '--connector-type', 'api'];
  const registered = (dir: string, name: string): boolean =>
    readFileSync(path.join(dir, 'mage_ai/data_integrations/sources/constants.py'), 'utf8').includes(`uuid='${name}'`);

  it('a lock left by a killed run is broken, saying whose it was', async function () {
    const dir = seedCheckout('mage', tempDir('lock-killed-'));
    const holder = await holdLock(dir);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    const { status, output } = await startBin(mageArgs('after_kill'), dir).done;
    assert.equal(status, 0, output);
    const lock = checkoutLockPath(dir);
    assert.match(output, new RegExp(`waiting for ${lock.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} held by pid ${holder.pid}\\b.*no longer running`));
    assert.ok(registered(dir, 'after_kill'));
  });

  it('a lock not refreshed for longer than the stale time is broken (a run on another machine that died)', async function () {
    const dir = seedCheckout('mage', tempDir('lock-stale-'));
    const lock = checkoutLockPath(dir);
    mkdirSync(lock);
    writeFileSync(
      `${lock}.owner.json`,
      JSON.stringify({ pid: 1, host: 'elsewhere', command: 'generator-connector mage', since: '2026-01-01T00:00:00Z' }),
    );
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    const { status, output } = await startBin(mageArgs('after_stale'), dir).done;
    assert.equal(status, 0, output);
    assert.ok(registered(dir, 'after_stale'));
  });

  it('a run that cannot get the lock in time fails naming it and the holder, with nothing written', async function () {
    const dir = seedCheckout('mage', tempDir('lock-timeout-'));
    const holder = await holdLock(dir);
    try {
      const before = snapshotTree(dir);
      const started = Date.now();
      const { status, output } = await startBin(mageArgs('too_late'), dir, { GENERATOR_CONNECTOR_LOCK_TIMEOUT: '2' }).done;
      assert.notEqual(status, 0, output);
      const lock = checkoutLockPath(dir);
      assert.ok(output.includes(`waiting for ${lock} held by pid ${holder.pid}`), output);
      assert.ok(output.includes(`Timed out after 2 s waiting for the lock ${lock}`), output);
      assert.match(output, /Nothing was written/);
      assert.ok(Date.now() - started < 30_000, 'the timeout applies');
      // the holder's own lock files are the only difference
      const diff = diffTrees(before, snapshotTree(dir));
      assert.ok(isEmptyDiff(diff), `the run changed the tree: ${JSON.stringify(diff)}`);
    } finally {
      holder.kill('SIGKILL');
    }
  });
});
