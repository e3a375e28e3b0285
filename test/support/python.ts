/**
 * Checks on generated Python, each spawning its tool ONCE over all the files.
 * Problems come back as strings "file: message" (file relative to `root`);
 * an empty array means the check passed.
 *
 * The ast helpers share one embedded Python script that prints JSON.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

type Tool = 'black' | 'isort' | 'flake8' | 'pyflakes';

const which = (command: string): boolean => spawnSync('which', [command], { encoding: 'utf8' }).status === 0;

/** The command that runs pyflakes here (Debian ships `pyflakes3`). */
const PYFLAKES = which('pyflakes3') ? 'pyflakes3' : which('pyflakes') ? 'pyflakes' : undefined;
const PYTHON = which('python3') ? 'python3' : 'python';

/** Which formatters and linters are installed (detected once). */
export const pythonTools: { black: boolean; isort: boolean; flake8: boolean; pyflakes: boolean } = {
  black: which('black'),
  isort: which('isort'),
  flake8: which('flake8'),
  pyflakes: PYFLAKES !== undefined,
};

/** The tools from `tools` that are not installed, for a skip reason. */
export const missingPythonTools = (...tools: Tool[]): Tool[] => tools.filter((t) => !pythonTools[t]);

function requireTool(tool: Tool): void {
  if (!pythonTools[tool]) {
    throw new Error(`${tool} is not installed; guard the test with missingPythonTools('${tool}') and skip`);
  }
}

/** Relative paths of every file under `root` whose name ends with `ext` (".py" or "py"), sorted, recursive. */
export function listFiles(root: string, ext: string): string[] {
  const suffix = ext.startsWith('.') ? ext : `.${ext}`;
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const absolute = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '.git' && entry.name !== '__pycache__') walk(absolute);
      } else if (entry.isFile() && entry.name.endsWith(suffix)) {
        found.push(path.relative(root, absolute).split(path.sep).join('/'));
      }
    }
  };
  walk(root);
  return found.sort();
}

interface Spawned {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string, input?: string): Spawned {
  const result = spawnSync(command, args, {
    cwd,
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', NO_COLOR: '1' },
  });
  if (result.error) throw new Error(`${command} could not run: ${result.error.message}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
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
// The embedded analyser: reads {"mode", "files"} on stdin (files relative to cwd), prints JSON.

const ANALYSER = String.raw`
import ast, json, sys, warnings

request = json.load(sys.stdin)
mode = request["mode"]
out = []


def dotted(node):
    try:
        return ast.unparse(node)
    except Exception:
        return type(node).__name__


def arg_names(a):
    names = [x.arg for x in a.posonlyargs] + [x.arg for x in a.args]
    if a.vararg:
        names.append("*" + a.vararg.arg)
    names += [x.arg for x in a.kwonlyargs]
    if a.kwarg:
        names.append("**" + a.kwarg.arg)
    return names


def is_generator(fn):
    stack = list(fn.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Yield, ast.YieldFrom)):
            return True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        stack.extend(ast.iter_child_nodes(node))
    return False


def walk_defs(file, body, prefix):
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out.append({
                "file": file,
                "qualname": prefix + node.name,
                "line": node.lineno,
                "args": arg_names(node.args),
                "isGenerator": is_generator(node),
                "isAsync": isinstance(node, ast.AsyncFunctionDef),
                "decorators": [dotted(d) for d in node.decorator_list],
                "returns": dotted(node.returns) if node.returns is not None else None,
                "body": [type(s).__name__ for s in node.body],
            })
        elif isinstance(node, ast.ClassDef):
            walk_defs(file, node.body, prefix + node.name + ".")


def walk_classes(file, body, prefix):
    for node in body:
        if not isinstance(node, ast.ClassDef):
            continue
        methods, attributes = [], []
        for item in node.body:
            if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                methods.append(item.name)
            elif isinstance(item, ast.Assign):
                attributes += [t.id for t in item.targets if isinstance(t, ast.Name)]
            elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                attributes.append(item.target.id)
        out.append({
            "file": file,
            "name": prefix + node.name,
            "line": node.lineno,
            "bases": [dotted(b) for b in node.bases],
            "keywords": {k.arg: dotted(k.value) for k in node.keywords if k.arg},
            "decorators": [dotted(d) for d in node.decorator_list],
            "methods": methods,
            "attributes": attributes,
        })
        walk_classes(file, node.body, prefix + node.name + ".")


for file in request["files"]:
    with open(file, "rb") as handle:
        source = handle.read()
    if mode == "compile":
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                compile(source, file, "exec", dont_inherit=True)
        except (SyntaxError, ValueError, Warning) as error:
            line = getattr(error, "lineno", None)
            text = getattr(error, "msg", None) or str(error)
            out.append(file + ": " + (("line %s: " % line) if line else "") + type(error).__name__ + ": " + text)
        continue
    tree = ast.parse(source, file)
    if mode == "imports":
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    out.append({"file": file, "line": node.lineno, "module": alias.name, "names": [], "level": 0,
                                "asnames": [alias.asname] if alias.asname else []})
            elif isinstance(node, ast.ImportFrom):
                out.append({"file": file, "line": node.lineno, "module": node.module or "",
                            "names": [a.name for a in node.names], "level": node.level,
                            "asnames": [a.asname or a.name for a in node.names]})
    elif mode == "prints":
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
                out.append(file + ": line " + str(node.lineno) + ": print() call")
    elif mode == "functions":
        walk_defs(file, tree.body, "")
    elif mode == "classes":
        walk_classes(file, tree.body, "")

json.dump(out, sys.stdout)
`;

function analyse<T>(mode: 'compile' | 'imports' | 'prints' | 'functions' | 'classes', root: string, files: string[]): T[] {
  if (files.length === 0) return [];
  const result = run(PYTHON, ['-c', ANALYSER], root, JSON.stringify({ mode, files }));
  if (result.status !== 0) {
    throw new Error(`python analyser (${mode}) failed in ${root}:\n${result.stderr || result.stdout}`);
  }
  return JSON.parse(result.stdout) as T[];
}

/** Files that do not compile (syntax errors, and warnings such as invalid escape sequences, as errors). */
export function compileErrors(root: string, files: string[]): string[] {
  return analyse<string>('compile', root, files);
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
  const result = run('isort', ['--profile', 'black', ...firstParty, '--check-only', '--diff', ...files], root);
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
  const result = run('black', ['--check', '--diff', '--quiet', ...files], root);
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
  const result = run('flake8', ['--isolated', `--max-line-length=${maxLineLength}`, ...files], root);
  if (result.status !== 0 && result.stdout.trim() === '') return [`(flake8): exit ${result.status}: ${result.stderr.trim()}`];
  return linterLines(root, result.stdout);
}

/** Every pyflakes message: unused imports, redefinitions, undefined names... */
export function pyflakesErrors(root: string, files: string[]): string[] {
  if (files.length === 0) return [];
  requireTool('pyflakes');
  const result = run(PYFLAKES!, files, root);
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
export function pythonImports(root: string, files: string[]): PyImport[] {
  return analyse<PyImport>('imports', root, files);
}

/** Calls to print(), "file: line N: print() call". */
export function pythonPrints(root: string, files: string[]): string[] {
  return analyse<string>('prints', root, files);
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
export function pythonFunctions(root: string, files: string[]): PyFunction[] {
  return analyse<PyFunction>('functions', root, files);
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
export function pythonClasses(root: string, files: string[]): PyClass[] {
  return analyse<PyClass>('classes', root, files);
}
