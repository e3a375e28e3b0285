/**
 * Helpers for the Mage generator tests that test/support does not have:
 * generating a case into a copy of the small mage-ai host, black in Mage's
 * quote style, one ast pass that reads literals, the __main__ guard and
 * SQL strings, import resolution against the shared import manifest, and
 * Markdown table keys.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { withDefaults } from '../../core/profile/compose.js';
import { mageSpec, type MageProfile } from '../../generators/mage/profile/spec.js';
import { fixturePath, fixturesAvailable, REPO_ROOT, skipWithReason } from '../support/fixtures.js';
import { runGenerator } from '../support/generate.js';
import { storedProfileIn } from '../support/hosts.js';
import { pythonTools } from '../support/python.js';

export const MAGE_HOST_FIXTURE = path.join(REPO_ROOT, 'test/fixtures/mage-host');

/** Copies the small mage-ai host into `dir` (a checkout: it has mage_integrations/mage_integrations/sources/). */
export function seedCheckout(dir: string): string {
  mkdirSync(dir, { recursive: true });
  cpSync(MAGE_HOST_FIXTURE, dir, { recursive: true });
  return dir;
}

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

/** The complete profile a case's options give (defaults filled), as the generator computes it. */
export const profileOf = (options: Record<string, unknown>): MageProfile =>
  withDefaults(mageSpec, { ...options }) as unknown as MageProfile;

/** Generates a case into `<parent>/<id>/` (a fresh copy of the host fixture), running from a subfolder. */
export async function generateCase(parent: string, c: MageCase): Promise<GeneratedCase> {
  const dir = seedCheckout(path.join(parent, c.id));
  const cwd = path.join(dir, 'mage_ai', 'data_integrations');
  await runGenerator('mage', c.options, { cwd });
  const stored = storedProfileIn(dir, 'mage', String(c.options.name));
  if (!stored) throw new Error(`${c.id}: no profile stored in ${dir}/.yo-rc.json`);
  const profile = stored as unknown as MageProfile;
  return { ...c, dir, profile, files: [] };
}

function run(command: string, args: string[], cwd: string, input?: string) {
  const result = spawnSync(command, args, { cwd, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
  if (result.error) throw new Error(`${command} could not run: ${result.error.message}`);
  return result;
}

/**
 * black as mage-ai configured it (pyproject.toml [tool.black]: line-length 100,
 * skip-string-normalization); the default black (88 columns, double quotes)
 * runs through test/support's blackCheck.
 */
export function blackMageConfigCheck(root: string, files: string[]): string[] {
  if (files.length === 0) return [];
  if (!pythonTools.black) throw new Error('black is not installed');
  const result = run('black', ['--check', '--diff', '--quiet', '--skip-string-normalization', '--line-length', '100', ...files], root);
  return result.status === 0 ? [] : [result.stdout.slice(0, 4000) || result.stderr];
}

const ANALYSER = String.raw`
import ast, json, sys

request = json.load(sys.stdin)
out = {}


def literal(node):
    try:
        return ast.literal_eval(node)
    except Exception:
        return None


def strings(tree):
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.append(node.value)
        elif isinstance(node, ast.JoinedStr):
            found.append("".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values))
    return found


for file in request["files"]:
    tree = ast.parse(open(file, encoding="utf-8").read(), file)
    info = {"assignments": {}, "dictKeys": {}, "classes": {}, "defined": [], "mainGuard": None, "sql": []}
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    info["defined"].append(target.id)
                    info["assignments"][target.id] = literal(node.value) if node.value is not None else None
                    if isinstance(node.value, ast.Dict):
                        info["dictKeys"][target.id] = [literal(k) for k in node.value.keys]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            info["defined"].append(node.name)
        elif isinstance(node, ast.ClassDef):
            info["defined"].append(node.name)
            attributes = {}
            for item in node.body:
                if isinstance(item, (ast.Assign, ast.AnnAssign)):
                    targets = item.targets if isinstance(item, ast.Assign) else [item.target]
                    for target in targets:
                        if isinstance(target, ast.Name) and item.value is not None:
                            attributes[target.id] = literal(item.value)
            info["classes"][node.name] = attributes
        elif isinstance(node, ast.If):
            test = node.test
            if (isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id == "__name__"
                    and len(test.comparators) == 1 and literal(test.comparators[0]) == "__main__"):
                calls = []
                for statement in node.body:
                    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
                        call = statement.value
                        calls.append({"func": ast.unparse(call.func), "args": [ast.unparse(a) for a in call.args]})
                info["mainGuard"] = calls
    info["sql"] = [s for s in strings(tree) if "SELECT" in s and "FROM" in s]
    out[file] = info

json.dump(out, sys.stdout)
`;

export interface ModuleInfo {
  /** module-level names bound to a literal (null when not a literal) */
  assignments: Record<string, unknown>;
  /** keys of module-level dict literals */
  dictKeys: Record<string, unknown[]>;
  /** class -> attribute -> literal value (null when not a literal) */
  classes: Record<string, Record<string, unknown>>;
  /** every name the module defines at top level (classes, functions, assignments) */
  defined: string[];
  /** the calls in `if __name__ == '__main__':`, or null when there is no guard */
  mainGuard: Array<{ func: string; args: string[] }> | null;
  /** string literals (f-strings with {} for values) that contain SELECT and FROM */
  sql: string[];
}

/** One python process over all files: file (relative to root) -> what it defines. */
export function analyseModules(root: string, files: string[]): Record<string, ModuleInfo> {
  if (files.length === 0) return {};
  const result = run('python3', ['-c', ANALYSER], root, JSON.stringify({ files }));
  if (result.status !== 0) throw new Error(`module analyser failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, ModuleInfo>;
}

/** The standard library's top-level module names, from the Python that runs the checks. */
export function stdlibModules(): Set<string> {
  const result = run('python3', ['-c', 'import sys, json; json.dump(sorted(sys.stdlib_module_names), sys.stdout)'], REPO_ROOT);
  return new Set(JSON.parse(result.stdout) as string[]);
}

/** Every file under `root`, relative with '/', sorted. */
export function listAllFiles(root: string): string[] {
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)).split(path.sep).join('/'))
    .sort();
}

const installedPackages = new Map<string, string>();

/** The folder of the real mage_integrations package installed in the tools venv (.ci/run installs it). */
export function installedMageIntegrations(tools: string): string {
  const known = installedPackages.get(tools);
  if (known) return known;
  const result = run(path.join(tools, 'python'), ['-c', 'import mage_integrations, os; print(os.path.dirname(mage_integrations.__file__))'], REPO_ROOT);
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
export function runPython(tools: string, root: string, args: string[]) {
  const result = spawnSync(path.join(tools, 'python'), args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, PYTHONPATH: root, PYTHONDONTWRITEBYTECODE: '1' },
  });
  if (result.error) throw new Error(`python could not run: ${result.error.message}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
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
    keys.push(line.split('|')[1]!.trim().replace(/^`(.*)`$/, '$1'));
  }
  return keys;
}

/** The column names of `SELECT a, b AS c, ... FROM`: the last word of each selected expression. */
export function selectedColumns(sql: string): string[] {
  const match = /SELECT([\s\S]*?)\bFROM\b/i.exec(sql);
  if (!match) return [];
  return match[1]!
    .split(',')
    // the name a column is selected as: the alias, or the column without its table qualifier
    .map((expr) => expr.trim().split(/\s+/).pop()!.split('.').pop()!)
    .filter(Boolean);
}
