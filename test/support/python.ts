/**
 * Checks on generated Python, each spawning its tool ONCE over all the files.
 * Problems come back as strings "file: message" (file relative to `root`);
 * an empty array means the check passed.
 *
 * What the ast says of the files comes from the one analyser, python/analyse.py,
 * read here by analyse(): compile errors, imports, prints, functions, classes,
 * module facts and the standard library's names.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { onPath, PYTHON_ENV, spawnTool } from './spawn.js';

type Tool = 'black' | 'isort' | 'flake8' | 'pyflakes';

/** The command that runs pyflakes here (Debian ships `pyflakes3`). */
const PYFLAKES = onPath('pyflakes3') ? 'pyflakes3' : onPath('pyflakes') ? 'pyflakes' : undefined;
const PYTHON = onPath('python3') ? 'python3' : 'python';

/** Which formatters and linters are installed (detected once). */
export const pythonTools: { black: boolean; isort: boolean; flake8: boolean; pyflakes: boolean } = {
  black: onPath('black'),
  isort: onPath('isort'),
  flake8: onPath('flake8'),
  pyflakes: PYFLAKES !== undefined,
};

/** The tools from `tools` that are not installed, for a skip reason. */
export const missingPythonTools = (...tools: Tool[]): Tool[] => tools.filter((t) => !pythonTools[t]);

function requireTool(tool: Tool): void {
  if (!pythonTools[tool]) {
    throw new Error(`${tool} is not installed; guard the test with missingPythonTools('${tool}') and skip`);
  }
}

/** "path:line:col: message" lines from a linter, with the path made relative to root. */
function linterLines(root: string, output: string): string[] {
  return output
    .split('\n')
    .map((line) => line.trimEnd())
    .filter(Boolean)
    .map((line) => {
      const match = /^(.+?):(\d+):(?:(\d+):)?\s*(.*)$/.exec(line);
      if (!match) return line;
      const [, file = '', row, col, message] = match;
      const rel = path.isAbsolute(file) ? path.relative(root, file) : file.replace(/^\.\//, '');
      return `${rel}: ${row}${col ? `:${col}` : ''} ${message}`;
    });
}

// ---------------------------------------------------------------------------------------------
// The analyser: one Python process per question, over all the files

const ANALYSER = fileURLToPath(new URL('./python/analyse.py', import.meta.url));

/** What the analyser answers in each mode (the interfaces below). */
interface Answers {
  compile: string[];
  imports: PyImport[];
  prints: string[];
  functions: PyFunction[];
  classes: PyClass[];
  modules: Record<string, PyModule>;
  stdlib: PyStdlib;
}

interface AnalyseOptions {
  /** the interpreter; default python3 (python where there is no python3) */
  python?: string;
  /** stdlib mode: names to look up, by module */
  stdlibChecks?: Record<string, string[]>;
}

/** Runs python/analyse.py in `root` over `files` (relative to root) and returns its JSON answer. */
function analyse<M extends keyof Answers>(mode: M, root: string, files: readonly string[], options: AnalyseOptions = {}): Answers[M] {
  const request = JSON.stringify({ mode, files, stdlibChecks: options.stdlibChecks ?? {} });
  const result = spawnTool(options.python ?? PYTHON, [ANALYSER], { cwd: root, input: request, env: PYTHON_ENV });
  if (result.status !== 0) {
    throw new Error(`python analyser (${mode}) failed in ${root}:\n${result.stderr || result.stdout}`);
  }
  // JSON.parse gives any: analyse.py prints this mode's answer, in the shape Answers names
  return JSON.parse(result.stdout) as Answers[M];
}

/** Files that do not compile (syntax errors, and warnings such as invalid escape sequences, as errors), "file: line N: Error: message". */
export function compileErrors(root: string, files: readonly string[], options: { python?: string } = {}): string[] {
  return files.length === 0 ? [] : analyse('compile', root, files, options);
}

/** Files that isort (profile black) would change, with isort's diff. */
export interface IsortOptions {
  /** packages the host's checkout treats as first-party (isort finds them under its src paths there) */
  firstParty?: readonly string[];
}

export function isortCheck(root: string, files: string[], options: IsortOptions = {}): string[] {
  if (files.length === 0) return [];
  requireTool('isort');
  const firstParty = (options.firstParty ?? []).flatMap((name) => ['--project', name]);
  const result = spawnTool('isort', ['--profile', 'black', ...firstParty, '--check-only', '--diff', ...files], { cwd: root, env: PYTHON_ENV });
  const problems: string[] = [];
  for (const line of result.stderr.split('\n')) {
    const match = /^ERROR:\s+(.+?)\s+Imports are incorrectly sorted/.exec(line);
    if (match) {
      const file = path.isAbsolute(match[1]!) ? path.relative(root, match[1]!) : match[1]!;
      problems.push(`${file}: isort --profile black would change the imports\n${diffFor(result.stdout, match[1]!)}`);
    }
  }
  if (problems.length === 0 && result.status !== 0) problems.push(`(isort): exit ${result.status}: ${result.stderr.trim()}`);
  return problems;
}

/** Files that black would reformat, with black's diff. */
export function blackCheck(root: string, files: string[]): string[] {
  if (files.length === 0) return [];
  requireTool('black');
  const result = spawnTool('black', ['--check', '--diff', '--quiet', ...files], { cwd: root, env: PYTHON_ENV });
  if (result.status === 0) return [];
  const problems: string[] = [];
  for (const header of result.stdout.matchAll(/^--- (.+?)\t/gm)) {
    const file = header[1]!;
    problems.push(`${path.isAbsolute(file) ? path.relative(root, file) : file}: black would reformat\n${diffFor(result.stdout, file)}`);
  }
  if (problems.length === 0) problems.push(`(black): exit ${result.status}: ${result.stderr.trim() || result.stdout.trim()}`);
  return problems;
}

/** The part of a unified diff about one file, shortened. */
function diffFor(diff: string, file: string): string {
  const start = diff.indexOf(`--- ${file}`);
  if (start < 0) return '';
  const next = diff.indexOf('\n--- ', start + 4);
  const lines = diff.slice(start, next < 0 ? undefined : next).split('\n');
  return lines.slice(0, 40).join('\n') + (lines.length > 40 ? '\n  ...' : '');
}

/** Files that `isort --profile black` or `black` would change (both run on the files in place, check only). */
export function formatterChanges(root: string, files: string[], options: IsortOptions = {}): string[] {
  return [...isortCheck(root, files, options), ...blackCheck(root, files)];
}

/** flake8 findings (config files ignored), "file: line:col CODE message". */
export function flake8Errors(root: string, files: string[], maxLineLength = 100): string[] {
  if (files.length === 0) return [];
  requireTool('flake8');
  const result = spawnTool('flake8', ['--isolated', `--max-line-length=${maxLineLength}`, ...files], { cwd: root, env: PYTHON_ENV });
  if (result.status !== 0 && result.stdout.trim() === '') return [`(flake8): exit ${result.status}: ${result.stderr.trim()}`];
  return linterLines(root, result.stdout);
}

/** Every pyflakes message: unused imports, redefinitions, undefined names... */
export function pyflakesErrors(root: string, files: string[]): string[] {
  if (files.length === 0) return [];
  requireTool('pyflakes');
  const result = spawnTool(PYFLAKES!, files, { cwd: root, env: PYTHON_ENV });
  return linterLines(root, `${result.stdout}\n${result.stderr}`);
}

/** pyflakes "imported but unused" messages only. */
export function unusedImports(root: string, files: string[]): string[] {
  return pyflakesErrors(root, files).filter((line) => line.includes('imported but unused'));
}

export interface PyImport {
  file: string;
  line: number;
  /** `import a.b` -> 'a.b'; `from x.y import z` -> 'x.y'; `from . import z` -> '' */
  module: string;
  /** names after `from ... import`; [] for `import a.b` */
  names: string[];
  /** 0 for absolute imports, the number of leading dots otherwise */
  level: number;
  /** the names the import binds (alias or name) */
  asnames: string[];
}

/** Every import statement, at any depth (also inside functions and try blocks). */
export function pythonImports(root: string, files: readonly string[]): PyImport[] {
  return files.length === 0 ? [] : analyse('imports', root, files);
}

/** Calls to print(), "file: line N: print() call". */
export function pythonPrints(root: string, files: readonly string[]): string[] {
  return files.length === 0 ? [] : analyse('prints', root, files);
}

export interface PyFunction {
  file: string;
  /** "function", or "Class.method" (nested classes: "Outer.Inner.method") */
  qualname: string;
  line: number;
  /** argument names in order, including self; "*args", keyword-only names, "**kwargs" */
  args: string[];
  isGenerator: boolean;
  isAsync: boolean;
  /** decorator expressions as source text, e.g. "abstractmethod", "pytest.fixture(scope='module')" */
  decorators: string[];
  /** the return annotation as source text, or null */
  returns: string | null;
  /** statement types of the body, e.g. ["Expr", "Raise"] for a docstring + raise NotImplementedError */
  body: string[];
}

/** Every function and method (methods named "Class.method"). */
export function pythonFunctions(root: string, files: readonly string[]): PyFunction[] {
  return files.length === 0 ? [] : analyse('functions', root, files);
}

export interface PyClass {
  file: string;
  /** class name; nested classes "Outer.Inner" */
  name: string;
  line: number;
  /** base expressions as source text, e.g. "DatabaseServiceSource", "Generic[T]" */
  bases: string[];
  keywords: Record<string, string>;
  decorators: string[];
  methods: string[];
  /** names assigned in the class body (plain and annotated) */
  attributes: string[];
}

/** Every class, with its bases, methods and class attributes. */
export function pythonClasses(root: string, files: readonly string[]): PyClass[] {
  return files.length === 0 ? [] : analyse('classes', root, files);
}

export interface PyCall {
  /** keyword arguments as source text */
  keywords: Record<string, string>;
  /** positional arguments as source text */
  args: string[];
}

export interface PyModule {
  /** names the module defines at top level: classes, functions, assignments */
  defined: string[];
  /** every name bound at top level: `defined`, then the names its imports bind */
  topLevel: string[];
  /** top-level names bound by an assignment, to the value when it is a literal (null when it is not) */
  assignments: Record<string, unknown>;
  /** top-level assignments: the `dict(...)` calls inside the value, their keyword arguments as literals */
  dictCalls: Record<string, Array<Record<string, unknown>>>;
  /** keys of dict literals (null for a key that is no literal), by the name they are assigned to at any depth (the outermost) */
  dictKeys: Record<string, unknown[]>;
  /** top-level class -> class attribute -> its literal value (null when not a literal) */
  classAttributes: Record<string, Record<string, unknown>>;
  /** calls anywhere, by callee text */
  calls: Record<string, PyCall[]>;
  /** the calls in `if __name__ == '__main__':`, or null when there is no guard */
  mainGuard: Array<{ func: string; args: string[] }> | null;
  /** string literals (f-strings with {} for values) that contain SELECT and FROM */
  sql: string[];
}

/** What each module binds, assigns, calls and guards: file (relative to root) -> facts. */
export function pythonModules(root: string, files: readonly string[]): Record<string, PyModule> {
  return files.length === 0 ? {} : analyse('modules', root, files);
}

export interface PyStdlib {
  /** the standard library's top-level module names, from the Python that runs the checks */
  modules: string[];
  /** per module of `checks`: the names it does not define */
  missing: Record<string, string[]>;
}

/** The standard library's module names, and which of `checks` (names by module) do not exist. */
export function pythonStdlib(checks: Record<string, string[]> = {}): PyStdlib {
  return analyse('stdlib', process.cwd(), [], { stdlibChecks: checks });
}
