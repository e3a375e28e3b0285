/**
 * Helpers for the Mage generator tests that test/support does not have:
 * generating a case into a copy of the small mage-ai host, black in Mage's
 * quote style, the real mage_integrations package with a generated source
 * inside, import resolution against the shared import manifest, and
 * Markdown table keys.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import type { MageProfile } from '../../generators/mage/profile/spec.js';
import { seedCheckout } from '../support/checkouts.js';
import { fixturePath, fixturesAvailable, REPO_ROOT, skipWithReason } from '../support/fixtures.js';
import { runGenerator } from '../support/generate.js';
import { storedProfileIn } from '../support/hosts.js';
import { pythonTools } from '../support/python.js';
import { PYTHON_ENV, spawnTool, type Spawned } from '../support/spawn.js';

export interface MageCase {
  id: string;
  /** yeoman-test options (camelCase) */
  options: Record<string, unknown>;
}

export interface GeneratedCase extends MageCase {
  /** the checkout root the case was generated into */
  dir: string;
  profile: MageProfile;
  /** files of this case, relative to `dir` */
  files: string[];
}

/** Generates a case into `<parent>/<id>/` (a fresh copy of the host fixture), running from a subfolder. */
export async function generateCase(parent: string, c: MageCase): Promise<GeneratedCase> {
  const dir = seedCheckout('mage', path.join(parent, c.id));
  const cwd = path.join(dir, 'mage_ai', 'data_integrations');
  await runGenerator('mage', c.options, { cwd });
  const stored = storedProfileIn(dir, 'mage', String(c.options.name));
  if (!stored) throw new Error(`${c.id}: no profile stored in ${dir}/.yo-rc.json`);
  const profile = stored as unknown as MageProfile;
  return { ...c, dir, profile, files: [] };
}

/**
 * black as mage-ai configured it (pyproject.toml [tool.black]: line-length 100,
 * skip-string-normalization); the default black (88 columns, double quotes)
 * runs through test/support's blackCheck.
 */
export function blackMageConfigCheck(root: string, files: string[]): string[] {
  if (files.length === 0) return [];
  if (!pythonTools.black) throw new Error('black is not installed');
  const result = spawnTool('black', ['--check', '--diff', '--quiet', '--skip-string-normalization', '--line-length', '100', ...files], {
    cwd: root,
    env: PYTHON_ENV,
  });
  return result.status === 0 ? [] : [result.stdout.slice(0, 4000) || result.stderr];
}

const installedPackages = new Map<string, string>();

/** The folder of the real mage_integrations package installed in the tools venv (.ci/run installs it). */
export function installedMageIntegrations(tools: string): string {
  const known = installedPackages.get(tools);
  if (known) return known;
  const result = spawnTool(path.join(tools, 'python'), ['-c', 'import mage_integrations, os; print(os.path.dirname(mage_integrations.__file__))'], {
    cwd: REPO_ROOT,
    env: PYTHON_ENV,
  });
  if (result.status !== 0) throw new Error(`the tools venv ${tools} has no mage_integrations (.ci/run installs it):\n${result.stderr}`);
  const folder = result.stdout.trim();
  installedPackages.set(tools, folder);
  return folder;
}

/**
 * Mirrors `source` into `target` with symbolic links, except along `own` (paths relative to
 * `source`): the folders on the way to them are real, and they themselves are left out, for
 * the caller to fill. 1,500 files of the real package are linked, not copied, per case.
 */
function linkAllBut(source: string, target: string, own: string[]): void {
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    if (entry.name === '__pycache__') continue;
    const inside = own.filter((p) => p.startsWith(`${entry.name}/`)).map((p) => p.slice(entry.name.length + 1));
    if (own.includes(entry.name)) continue;
    if (inside.length > 0 && entry.isDirectory()) linkAllBut(path.join(source, entry.name), path.join(target, entry.name), inside);
    else symlinkSync(path.join(source, entry.name), path.join(target, entry.name));
  }
}

/**
 * A python path root holding the real mage_integrations package of the tools venv with a
 * generated source (and its connection and tests) placed inside it, where mage-ai keeps its
 * sources: `<dir>/mage_integrations/sources/<uuid>/`. Put first on PYTHONPATH, it is the
 * package python imports; the venv's own copy is left as installed.
 */
export function mageTree(tools: string, dir: string, checkout: string, uuid: string): string {
  const generated = path.join(checkout, 'mage_integrations', 'mage_integrations');
  const own = [`sources/${uuid}`, `connections/${uuid}`, `tests/sources/${uuid}`].filter((rel) => existsSync(path.join(generated, rel)));
  linkAllBut(installedMageIntegrations(tools), path.join(dir, 'mage_integrations'), own);
  for (const rel of own) cpSync(path.join(generated, rel), path.join(dir, 'mage_integrations', rel), { recursive: true });
  return dir;
}

/**
 * The bin folder of the venv .ci/run builds from test/mage/tools-requirements.txt (GC_MAGE_TOOLS):
 * mage-ai's lint tools, the real mage_integrations with mage-ai's singer-python, and the DB-API drivers.
 * Without it the test is skipped locally and fails under CI.
 */
export function requireMageTools(ctx: Mocha.Context): string {
  const tools = process.env.GC_MAGE_TOOLS;
  if (tools) return tools;
  const why = 'GC_MAGE_TOOLS is not set (.ci/run builds the venv of test/mage/tools-requirements.txt and sets it)';
  if (process.env.CI === 'true') throw new Error(why);
  return skipWithReason(ctx, why);
}

/** Runs the tools venv's python in a tree of mageTree (PYTHONPATH = the tree), no bytecode written. */
export function runPython(tools: string, root: string, args: string[]): Spawned {
  return spawnTool(path.join(tools, 'python'), args, { cwd: root, env: { ...PYTHON_ENV, PYTHONPATH: root } });
}

export interface ImportManifest {
  modules: Record<string, string[]>;
}

export const MANIFEST_PATH = 'mage/import-manifest.json';
export const SOURCES_INDEX_PATH = 'mage/sources-index.json';

export function readManifest(): ImportManifest | undefined {
  if (!fixturesAvailable() || !existsSync(fixturePath(MANIFEST_PATH))) return undefined;
  return JSON.parse(readFileSync(fixturePath(MANIFEST_PATH), 'utf8')) as ImportManifest;
}

/** Keys in the first column of the Markdown table whose header starts with `| Key |`, code spans unwrapped. */
export function tableKeys(markdown: string): string[] {
  const lines = markdown.split('\n');
  const header = lines.findIndex((l) => /^\|\s*Key\s*\|/.test(l));
  if (header < 0) return [];
  const keys: string[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    keys.push(
      line
        .split('|')[1]!
        .trim()
        .replace(/^`(.*)`$/, '$1'),
    );
  }
  return keys;
}

/** The column names of `SELECT a, b AS c, ... FROM`: the last word of each selected expression. */
export function selectedColumns(sql: string): string[] {
  const match = /SELECT([\s\S]*?)\bFROM\b/i.exec(sql);
  if (!match) return [];
  return (
    match[1]!
      .split(',')
      // the name a column is selected as: the alias, or the column without its table qualifier
      .map((expr) => expr.trim().split(/\s+/).pop()!.split('.').pop()!)
      .filter(Boolean)
  );
}
