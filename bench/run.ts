/**
 * `npm run bench`: how long a generation takes and how much memory it needs,
 * through the real bin, for each host. Fails (exit 1) when a target is missed.
 * Targets: a first run and a re-run (all files identical) each under 2 s wall
 * time (median of 5) and 250 MB peak RSS on the 2-core CI machine (measured
 * 2026-11-21: about 1.0 s and 140 MB; most of it is loading yeoman-environment).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin/connector.js');
const USAGE_HOOK = path.join(ROOT, 'bench/report-usage.mjs');
const RUNS = 5;
const TARGET_MS = 2000;
const TARGET_RSS_MB = 250;

const CASES: Record<string, string[]> = {
  'openmetadata (example profile)': ['openmetadata', '--profile', path.join(ROOT, 'example/clickhouse.yaml')],
  'mage (api, 3 streams)': ['mage', '--name', 'bench_api', '--connector-type', 'api', '--streams', 'users,orders,events'],
};

interface Sample {
  ms: number;
  rssMb: number;
}

function runOnce(args: string[], cwd: string): Sample {
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--import', USAGE_HOOK, BIN, ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
  });
  const ms = performance.now() - started;
  if (child.status !== 0) throw new Error(`generator-connector ${args.join(' ')} failed:\n${child.stdout}\n${child.stderr}`);
  const rssKb = Number(/BENCH_MAX_RSS_KB=(\d+)/.exec(child.stderr)?.[1] ?? NaN);
  return { ms, rssMb: rssKb / 1024 };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

let missed = 0;
for (const [label, args] of Object.entries(CASES)) {
  for (const phase of ['first run', 're-run'] as const) {
    const samples: Sample[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const dir = mkdtempSync(path.join(tmpdir(), 'connector-bench-'));
      try {
        if (phase === 're-run') runOnce(args, dir);
        samples.push(runOnce(args, dir));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const ms = median(samples.map((s) => s.ms));
    const rss = Math.max(...samples.map((s) => s.rssMb));
    const ok = ms <= TARGET_MS && rss <= TARGET_RSS_MB;
    if (!ok) missed += 1;
    console.log(
      `${ok ? 'ok  ' : 'MISS'} ${label}, ${phase}: median ${ms.toFixed(0)} ms (target ${TARGET_MS}), ` +
        `peak ${rss.toFixed(0)} MB (target ${TARGET_RSS_MB})`,
    );
  }
}
process.exitCode = missed > 0 ? 1 : 0;
