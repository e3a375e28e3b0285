/**
 * The host layer's plumbing: which releases are installed (what .ci/host-venvs.py
 * built), a temp checkout made from a release's schema tree, and the Python side
 * (test/host/python/omhost) run in that release's venv.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixturePath, hostCheckout, REPO_ROOT } from '../support/fixtures.js';

export const SCHEMA_DIR = 'openmetadata-spec/src/main/resources/json/schema';
const PYTHON_DIR = path.join(REPO_ROOT, 'test/host/python');
const RESULT_MARK = '__OMHOST_RESULT__';

export interface HostRelease {
  release: string;
  line: string;
  venv: string;
  devPins: Record<string, string>;
  resolved: Record<string, string>;
  /** json/schema of the release's openmetadata-spec jar, when Maven Central serves it */
  spec: string | null;
  specSource: string | null;
}

export const cacheRoot = (): string =>
  process.env.GENERATOR_CONNECTOR_CACHE ?? path.join(os.homedir(), '.cache/generator-connector/host');

/** The releases .ci/host-venvs.py built for the current pins; throws with the fix when there are none. */
export function installedReleases(): HostRelease[] {
  const index = path.join(cacheRoot(), 'current.json');
  if (!existsSync(index)) {
    throw new Error(`no host venvs under ${cacheRoot()}: run python3 .ci/host-venvs.py first (.ci/run does)`);
  }
  const pins = JSON.parse(readFileSync(path.join(REPO_ROOT, 'test/host/releases.json'), 'utf8')) as {
    releases: Array<{ ingestion: string }>;
  };
  const built = JSON.parse(readFileSync(index, 'utf8')) as Record<string, string>;
  return pins.releases.map(({ ingestion }) => {
    const file = built[ingestion];
    if (!file || !existsSync(file)) throw new Error(`host ${ingestion} is not built: run python3 .ci/host-venvs.py`);
    return JSON.parse(readFileSync(file, 'utf8')) as HostRelease;
  });
}

export interface SpecTree {
  /** folder holding openmetadata-spec/ (and, from the fixtures, openmetadata-service/) */
  root: string;
  source: string;
}

/**
 * The release's schema tree: its jar when served, else the OpenMetadata checkout the tests read
 * (GC_OPENMETADATA_CHECKOUT, default ../shared/fixtures/openmetadata; said in `source`).
 * `fromCheckout`: the describe must requireFixtures(this, 'openmetadata/openmetadata-spec') first.
 */
export function specTreeOf(release: HostRelease): SpecTree & { fromCheckout: boolean } {
  if (release.spec) return { root: release.spec, source: release.specSource ?? 'jar', fromCheckout: false };
  const checkout = hostCheckout('openmetadata');
  return {
    root: fixturePath('openmetadata'),
    source: `${checkout.root} (${checkout.fromVariable ? checkout.variable : `../shared/fixtures/openmetadata; ${checkout.variable} chooses another checkout`}; openmetadata-spec ${release.release} is not served by Maven Central)`,
    fromCheckout: true,
  };
}

/**
 * A new checkout: the release's schema files at their repository paths. From a checkout, only its
 * schema tree: its openmetadata-spec/pom.xml names the checkout's own release, which would refuse
 * the cases of the other release (and a real checkout's openmetadata-spec holds far more).
 */
export function makeCheckout(tree: SpecTree, dir: string): string {
  mkdirSync(dir, { recursive: true });
  if (existsSync(path.join(tree.root, SCHEMA_DIR))) {
    cpSync(path.join(tree.root, SCHEMA_DIR), path.join(dir, SCHEMA_DIR), { recursive: true });
  } else {
    cpSync(tree.root, path.join(dir, SCHEMA_DIR), { recursive: true });
  }
  return dir;
}

export interface PythonRun<T> {
  value: T;
  stdout: string;
  stderr: string;
}

/** Runs `python -m omhost <command>` in the release's venv with `request` on stdin. */
export function omhost<T>(release: HostRelease, command: string, request: unknown, env: NodeJS.ProcessEnv = {}): PythonRun<T> {
  const run = spawnSync(path.join(release.venv, 'bin/python'), ['-m', 'omhost', command], {
    input: JSON.stringify(request),
    encoding: 'utf8',
    cwd: PYTHON_DIR,
    env: { ...process.env, PYTHONPATH: PYTHON_DIR, PYTHONDONTWRITEBYTECODE: '1', ...env },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 5 * 60_000,
  });
  const line = run.stdout.split('\n').find((l) => l.startsWith(RESULT_MARK));
  if (!line) {
    throw new Error(`omhost ${command} on ${release.release} gave no result (exit ${run.status}):\n${tail(run.stderr)}\n${tail(run.stdout)}`);
  }
  return { value: JSON.parse(line.slice(RESULT_MARK.length)) as T, stdout: run.stdout, stderr: run.stderr };
}

export const tail = (text: string, lines = 40): string => text.split('\n').slice(-lines).join('\n');
