/**
 * `npm run bench`: the cold start of the published bin, whole process, for each case.
 * Each run of a case is paired with a run of a bare `node -e ''` in the same loop
 * (alternating), and a case is judged by the ratio of its median to the bare
 * node's median: on a shared machine the load slows both alike.
 * Fails (exit 1) when a ratio or the peak memory misses its target.
 * `BENCH_RUNS=<n>` changes the number of runs per case (default 11).
 *
 * Then, per OpenMetadata release whose host venv is built (.ci/host-venvs.py), the time from
 * the run to an importable connector, reported as a ratio (no target): our run with
 * --generate-models (models of the new and edited schemas only) against upstream's path, the
 * same run followed by `make generate`'s datamodel-codegen over the whole schema tree, with the
 * same options and the same datamodel-codegen (the venv's). `BENCH_MODEL_RUNS=<n>` (default 3).
 * Last, the profile property runs (BENCH_PROPERTY_RUNS cases, default 200; see the end of this file).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { releaseFacts } from '../generators/openmetadata/facts/index.js';
import { codegenCommand, findToolchain, ruffCommand, type Command } from '../generators/openmetadata/pydantic-models.js';
import { installedReleases, makeCheckout, omhost, SCHEMA_DIR, specTreeOf, type HostRelease } from '../test/host/support.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where package.json says the published bin is. */
function publishedBin(): string {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin?: Record<string, string | undefined> };
  const bin = manifest.bin?.['generator-connector'];
  if (bin === undefined) throw new Error('package.json publishes no generator-connector bin');
  return bin;
}

/** the bin the package publishes */
const BIN = path.join(ROOT, publishedBin());
const USAGE_HOOK = path.join(ROOT, 'bench/report-usage.mjs');
const RUNS = Number(process.env.BENCH_RUNS ?? 11);
/** runs per case with the peak-memory hook loaded, kept apart so the hook is not in the timings */
const MEMORY_RUNS = 3;
const TARGET_RSS_MB = 100;

interface Case {
  label: string;
  args: string[];
  /** the most the case's median may be, as a multiple of the bare node's median */
  targetRatio: number;
  /** exit status the case must end with: a refused profile exits 1 */
  status: number;
  /** a run that must have written the same output once before, in the same folder */
  rerun?: boolean;
}

const OPENMETADATA = ['openmetadata', '--profile', path.join(ROOT, 'example/clickhouse.yaml')];
const MAGE = ['mage', '--name', 'bench_api', '--connector-type', 'api', '--streams', 'users,orders,events'];

const CASES: Case[] = [
  { label: 'openmetadata first run', args: OPENMETADATA, targetRatio: 6, status: 0 },
  { label: 'openmetadata re-run', args: OPENMETADATA, targetRatio: 6, status: 0, rerun: true },
  { label: 'mage first run', args: MAGE, targetRatio: 6, status: 0 },
  { label: 'refused profile', args: ['openmetadata', '--name', 'My-DB', '--default-port', '70000'], targetRatio: 4, status: 1 },
  { label: '--help', args: ['--help'], targetRatio: 2, status: 0 },
  { label: 'openmetadata --help', args: ['openmetadata', '--help'], targetRatio: 2, status: 0 },
  { label: 'mage --help', args: ['mage', '--help'], targetRatio: 2, status: 0 },
];

interface Run {
  ms: number;
  stdout: string;
  stderr: string;
  status: number | null;
}

function run(nodeArgs: string[], cwd: string): Run {
  const started = performance.now();
  const child = spawnSync(process.execPath, nodeArgs, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
  });
  return { ms: performance.now() - started, stdout: child.stdout, stderr: child.stderr, status: child.status };
}

/** One run of a case in a fresh folder (after a first run there, for a re-run). */
function runCase(c: Case, nodeArgs: string[] = []): Run {
  const dir = mkdtempSync(path.join(tmpdir(), 'connector-bench-'));
  try {
    const argv = [...nodeArgs, BIN, ...c.args];
    if (c.rerun) check(c, run(argv, dir));
    return check(c, run(argv, dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function check(c: Case, result: Run): Run {
  if (result.status !== c.status) {
    throw new Error(`${c.label}: exit ${result.status}, expected ${c.status}:\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

function peakMb(c: Case): number {
  const peaks = Array.from({ length: MEMORY_RUNS }, () => {
    const { stderr } = runCase(c, ['--import', USAGE_HOOK]);
    return Number(/BENCH_MAX_RSS_KB=(\d+)/.exec(stderr)?.[1] ?? NaN) / 1024;
  });
  return Math.max(...peaks);
}

let missed = 0;
console.log(`${RUNS} runs per case, each after a bare node -e '' run; ratio = case median / node median`);
for (const c of CASES) {
  const caseMs: number[] = [];
  const nodeMs: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    nodeMs.push(run(['-e', ''], ROOT).ms);
    caseMs.push(runCase(c).ms);
  }
  const ratio = median(caseMs) / median(nodeMs);
  const rss = peakMb(c);
  const ok = ratio <= c.targetRatio && rss <= TARGET_RSS_MB;
  if (!ok) missed += 1;
  console.log(
    `${ok ? 'ok  ' : 'MISS'} ${c.label.padEnd(24)} median ${median(caseMs).toFixed(0).padStart(5)} ms, ` +
      `node -e '' ${median(nodeMs).toFixed(0).padStart(3)} ms, ratio ${ratio.toFixed(2).padStart(5)}x (target ${c.targetRatio}x), ` +
      `peak ${rss.toFixed(0)} MB (target ${TARGET_RSS_MB})`,
  );
}

const MODEL_RUNS = Number(process.env.BENCH_MODEL_RUNS ?? 3);
const CONNECTOR = ['openmetadata', '--name', 'bench_db', '--service-type', 'database', '--capabilities', 'metadata,lineage'];

function timed(step: Command, cwd: string, env: NodeJS.ProcessEnv, okCodes: readonly number[] = [0]): number {
  const started = performance.now();
  const child = spawnSync(step.command, step.args, { cwd, encoding: 'utf8', env: { ...process.env, NO_UPDATE_NOTIFIER: '1', ...env }, maxBuffer: 64 * 1024 * 1024 });
  if (!okCodes.includes(child.status ?? -1)) throw new Error(`${step.command} ${step.args.slice(0, 3).join(' ')}: exit ${child.status}\n${child.stderr}`);
  return performance.now() - started;
}

/** The fixture checkout made complete for the release (omhost/tree.py): the whole tree datamodel-codegen can run on here. */
function benchCheckout(release: HostRelease): { root: string; files: number } {
  const root = makeCheckout(specTreeOf(release), mkdtempSync(path.join(tmpdir(), 'connector-bench-tree-')));
  // the fixtures' pom.xml names another release; the run writes for this one
  rmSync(path.join(root, 'openmetadata-spec/pom.xml'), { force: true });
  const { standIns } = omhost<{ standIns: string[] }>(release, 'complete', { specRoot: path.join(root, SCHEMA_DIR) }).value;
  const files = spawnSync('find', [path.join(root, SCHEMA_DIR), '-name', '*.json'], { encoding: 'utf8' }).stdout.trim().split('\n').length;
  console.log(`  ${release.release}: fixture tree + ${standIns.length} stand-ins = ${files} schemas`);
  return { root, files };
}

/** Ours and upstream's path, alternating, each in a fresh copy of the checkout; medians in ms. */
function importableConnector(release: HostRelease): { ours: number; upstream: number } {
  const facts = releaseFacts(release.line).modelGeneration;
  const env = { VIRTUAL_ENV: release.venv };
  const found = findToolchain(facts, undefined, { ...env, PATH: process.env.PATH });
  if ('missing' in found) throw new Error(found.missing);
  const { root } = benchCheckout(release);
  const bin = (extra: string[]): Command => ({ command: process.execPath, args: [BIN, ...CONNECTOR, '--openmetadata-version', release.line, ...extra] });
  const ours: number[] = [];
  const upstream: number[] = [];
  for (let i = 0; i < MODEL_RUNS; i += 1) {
    const mine = mkdtempSync(path.join(tmpdir(), 'connector-bench-ours-'));
    const theirs = mkdtempSync(path.join(tmpdir(), 'connector-bench-upstream-'));
    try {
      cpSync(root, mine, { recursive: true });
      cpSync(root, theirs, { recursive: true });
      ours.push(timed(bin(['--generate-models']), mine, env));
      // upstream: the same run, then make generate's datamodel-codegen over the whole tree (and 2.0's ruff clean-up)
      const output = path.join(theirs, facts.modelsRoot);
      if (facts.isortFirstPartyMetadata) writeFileSync(path.join(theirs, 'pyproject.toml'), '[tool.isort]\nprofile = "black"\nknown_first_party = ["metadata"]\n');
      let ms = timed(bin([]), theirs, env);
      // make generate: mkdir -p ingestion/src/metadata/generated, then the script writes generated/schema
      mkdirSync(path.dirname(output), { recursive: true });
      ms += timed(codegenCommand(facts, found.toolchain.python, path.join(theirs, SCHEMA_DIR), output), theirs, env);
      const cleanUp = found.toolchain.ruff ? ruffCommand(facts, found.toolchain.ruff.path, output) : undefined;
      if (cleanUp) ms += timed(cleanUp, theirs, env, [0, 1]);
      upstream.push(ms);
    } finally {
      rmSync(mine, { recursive: true, force: true });
      rmSync(theirs, { recursive: true, force: true });
    }
  }
  rmSync(root, { recursive: true, force: true });
  return { ours: median(ours), upstream: median(upstream) };
}

console.log(`\ntime to an importable connector (${MODEL_RUNS} runs each): --generate-models vs the run + make generate's datamodel-codegen over the whole tree`);
let releases: HostRelease[] = [];
try {
  releases = installedReleases();
} catch (error) {
  console.log(`  skipped: ${error instanceof Error ? error.message : String(error)}`);
}
for (const release of releases) {
  const { ours, upstream } = importableConnector(release);
  console.log(
    `  ${release.release}: ours ${(ours / 1000).toFixed(1)} s, upstream's path ${(upstream / 1000).toFixed(1)} s, ` +
      `ratio ${(ours / upstream).toFixed(2)} (ours / upstream)`,
  );
}

// The profile property (test/shared/profile-properties.test.ts) with many more cases than npm test runs:
// BENCH_PROPERTY_RUNS cases (default 200, 0 to leave it out) from BENCH_PROPERTY_SEED (default: a new
// seed each time, printed so a failure replays with PROPERTY_SEED=<it> PROPERTY_RUNS=<n> npm test).
const PROPERTY_RUNS = Number(process.env.BENCH_PROPERTY_RUNS ?? 200);
if (PROPERTY_RUNS > 0) {
  const { releaseTools } = await import('../test/support/release-tools.js');
  const { describeFailure, runProfileProperty } = await import('../test/support/profile-properties.js');
  const tools = releaseTools();
  if ('missing' in tools) {
    console.log(`MISS profile property: cannot run: ${tools.missing}`);
    missed += 1;
  } else {
    const seed = Number(process.env.BENCH_PROPERTY_SEED ?? Date.now() % 2 ** 31);
    const root = mkdtempSync(path.join(tmpdir(), 'connector-bench-property-'));
    try {
      const report = await runProfileProperty({ seed, numRuns: PROPERTY_RUNS, root, tools });
      const ok = report.failures.length === 0;
      if (!ok) missed += 1;
      console.log(
        `${ok ? 'ok  ' : 'MISS'} profile property        ${report.cases} cases from seed ${seed} (${report.valid} valid, ${report.invalid} invalid, ` +
          `${report.pythonFiles} Python files) in ${(report.ms / 1000).toFixed(0)} s: ${report.failures.length} failing`,
      );
      for (const failure of report.failures) console.log(`\n${describeFailure(failure)}`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
}
process.exitCode = missed > 0 ? 1 : 0;
