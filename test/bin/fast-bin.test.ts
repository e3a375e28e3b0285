/**
 * The published bin is a bundle (build/bundle.ts: dist/connector.js, some dependencies left out);
 * the plain path runs the generators from their own files with Yeoman from node_modules, as yo
 * and yeoman-test do. For every case of both matrices, each is given the same profile file in a
 * folder of its own, and the two trees must hold the same files, byte for byte.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CASES as MAGE_CASES } from '../mage/matrix.js';
import { CASES as OPENMETADATA_CASES } from '../openmetadata/matrix.js';
import { seedCheckout } from '../support/checkouts.js';
import { BIN, diffTrees, forgetRecords, runGenerator, snapshotTree, tempDir, type GeneratorName, type TreeSnapshot } from '../support/generate.js';

interface BinCase {
  label: string;
  generator: GeneratorName;
  options: Record<string, unknown>;
  /** makes the folder a run writes into (a host checkout for Mage) and returns where the run starts */
  prepare: (dir: string) => string;
}

const MAGE_START = path.join('mage_ai', 'data_integrations');

const CASES: BinCase[] = [
  ...OPENMETADATA_CASES.map((c) => ({ label: `openmetadata ${c.id}`, generator: 'openmetadata' as const, options: c.options, prepare: (dir: string) => dir })),
  // in a copy of the mage-ai checkout fixture, started from a subfolder: registration edits the host's files
  ...MAGE_CASES.map((c) => ({
    label: `mage ${c.id}`,
    generator: 'mage' as const,
    options: c.options,
    prepare: (dir: string) => path.join(seedCheckout('mage', dir), MAGE_START),
  })),
];

/** Runs the published bin without a terminal; rejects with its output when it fails. */
function runFastBin(args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_UPDATE_NOTIFIER: '1' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => {
      if (status === 0) resolve();
      else reject(new Error(`${BIN} ${args.join(' ')} exited ${status}:\n${output}`));
    });
  });
}

/** Runs `tasks` with at most `limit` of them at a time. */
async function inPool(tasks: Array<() => Promise<void>>, limit: number): Promise<void> {
  const queue = [...tasks];
  const worker = async (): Promise<void> => {
    for (let task = queue.shift(); task; task = queue.shift()) await task();
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

describe('the published bin (a bundle) and the plain path write the same trees', function () {
  this.timeout(180_000);
  const trees = new Map<string, { fast: TreeSnapshot; plain: TreeSnapshot }>();

  before(async function () {
    this.timeout(180_000);
    forgetRecords();
    const root = tempDir('connector-fast-bin-');
    const runs = CASES.map((c, index) => {
      const caseRoot = path.join(root, String(index));
      mkdirSync(caseRoot);
      const profile = path.join(caseRoot, 'profile.json');
      writeFileSync(profile, JSON.stringify(c.options));
      const fastDir = path.join(caseRoot, 'fast');
      const plainDir = path.join(caseRoot, 'plain');
      return { c, profile, fastDir, plainDir, fastStart: c.prepare(fastDir), plainStart: c.prepare(plainDir) };
    });
    for (const run of runs) mkdirSync(run.fastStart, { recursive: true });
    // the bin's runs are child processes, the plain ones run in this process meanwhile
    const fast = inPool(
      runs.map((run) => () => runFastBin([run.c.generator, '--profile', run.profile], run.fastStart)),
      Math.max(1, os.availableParallelism() - 1),
    );
    for (const run of runs) await runGenerator(run.c.generator, { profile: run.profile }, { cwd: run.plainStart });
    await fast;
    for (const run of runs) trees.set(run.c.label, { fast: snapshotTree(run.fastDir), plain: snapshotTree(run.plainDir) });
  });

  for (const c of CASES) {
    it(`${c.label}: the same files, byte for byte`, function () {
      const { fast, plain } = trees.get(c.label)!;
      assert.ok(plain.size > 1, `the plain path wrote ${plain.size} files`);
      const diff = diffTrees(plain, fast);
      assert.deepEqual(diff, { added: [], removed: [], changed: [] }, `files the bin wrote differently from the plain path`);
    });
  }
});
