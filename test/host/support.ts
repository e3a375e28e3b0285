/**
 * The host layer's plumbing: which releases are installed (what .ci/host-venvs.py
 * built), a temp checkout made from a release's schema tree, and the Python side
 * (test/host/python/omhost) run in that release's venv.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SCHEMA_DIR } from '../support/checkouts.js';
import { fixturePath, hostCheckout, REPO_ROOT } from '../support/fixtures.js';
import { releaseFacts } from '../../generators/openmetadata/facts/index.js';
import { moduleOf } from '../../generators/openmetadata/pydantic-models.js';
import { runGenerator } from '../support/generate.js';
import { spawnTool } from '../support/spawn.js';

export { SCHEMA_DIR };
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

export const cacheRoot = (): string => process.env.GENERATOR_CONNECTOR_CACHE ?? path.join(os.homedir(), '.cache/generator-connector/host');

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
  const run = spawnTool(path.join(release.venv, 'bin/python'), ['-m', 'omhost', command], {
    input: JSON.stringify(request),
    cwd: PYTHON_DIR,
    env: { PYTHONPATH: PYTHON_DIR, PYTHONDONTWRITEBYTECODE: '1', ...env },
    timeoutMs: 5 * 60_000,
  });
  const line = run.stdout.split('\n').find((l) => l.startsWith(RESULT_MARK));
  if (!line) {
    throw new Error(`omhost ${command} on ${release.release} gave no result (exit ${run.status}):\n${tail(run.stderr)}\n${tail(run.stdout)}`);
  }
  return { value: JSON.parse(line.slice(RESULT_MARK.length)) as T, stdout: run.stdout, stderr: run.stderr };
}

export const tail = (text: string, lines = 40): string => text.split('\n').slice(-lines).join('\n');

/** What omhost's `complete` added to a partial schema tree (omhost/tree.py). */
export interface CompletedTree {
  standIns: string[];
  /** per schema, the files it referred to that the release has no module for (the references were dropped) */
  dropped: Record<string, string[]>;
}

/**
 * The release's schema tree made complete once (omhost/tree.py: a stand-in for every file it refers
 * to but lacks), so --generate-models finds every $ref; every case's checkout copies it.
 */
export function completedTree(release: HostRelease, tree: SpecTree): { tree: SpecTree; completed: CompletedTree } {
  const root = makeCheckout(tree, mkdtempSync(path.join(os.tmpdir(), `host-tree-${release.line}-`)));
  const completed = omhost<CompletedTree>(release, 'complete', { specRoot: path.join(root, SCHEMA_DIR) }).value;
  return { tree: { root, source: tree.source }, completed };
}

const completedTrees = new Map<string, { tree: SpecTree; completed: CompletedTree }>();

/** completedTree, made once per release for this process. */
export function completedTreeOnce(release: HostRelease): { tree: SpecTree; completed: CompletedTree } {
  const made = completedTrees.get(release.release) ?? completedTree(release, specTreeOf(release));
  completedTrees.set(release.release, made);
  return made;
}

/**
 * A connector generated as the host layer generates every case: into a checkout of the release's
 * completed schema tree, with --generate-models and the release's venv active. Returns the checkout.
 */
export async function generateInHost(release: HostRelease, options: Record<string, unknown>, prefix: string): Promise<string> {
  const checkout = makeCheckout(completedTreeOnce(release).tree, mkdtempSync(path.join(os.tmpdir(), prefix)));
  await withVenv(release, () =>
    runGenerator('openmetadata', { ...options, openmetadataVersion: release.line, generateModels: true }, { cwd: checkout }),
  );
  return checkout;
}

/** The release's venv as the active one: --generate-models finds its datamodel-codegen (and ruff) in $VIRTUAL_ENV/bin. */
export const venvEnv = (release: HostRelease): NodeJS.ProcessEnv => ({ VIRTUAL_ENV: release.venv, PATH: process.env.PATH });

/** The generator runs in this process: the venv is the active one for the run's length. */
export async function withVenv<T>(release: HostRelease, run: () => Promise<T>): Promise<T> {
  const previous = process.env.VIRTUAL_ENV;
  process.env.VIRTUAL_ENV = release.venv;
  try {
    return await run();
  } finally {
    if (previous === undefined) delete process.env.VIRTUAL_ENV;
    else process.env.VIRTUAL_ENV = previous;
  }
}

/** A generated case as the overlay step needs it: its checkout, work folder, package and changed schemas. */
export interface OverlayCase {
  checkout: string;
  work: string;
  serviceType: string;
  package: string;
  sourceDir: string;
  changedSchemas: string[];
}

/** Every case's overlay, in one process: the models --generate-models wrote and the connector's package. */
export function overlaysOf(release: HostRelease, cases: OverlayCase[]): Array<{ overlay?: string; error?: string }> {
  const modelsRoot = releaseFacts(release.line).modelGeneration.modelsRoot;
  const requests = cases.map((c) => ({ ...c, modelsRoot: path.join(c.checkout, modelsRoot), models: c.changedSchemas.map(moduleOf) }));
  return omhost<Array<{ overlay?: string; error?: string }>>(release, 'overlay', { cases: requests }).value;
}
