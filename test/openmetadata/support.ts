/**
 * Checks specific to the OpenMetadata generator's output: the import rules,
 * JSON Schema $ref resolution against the real OpenMetadata files in the
 * shared fixtures, ajv set up for OpenMetadata's keywords, minimal configs
 * built from a schema's `required` list, a few AST facts Python knows best,
 * and the line diff a registration edit may make.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { SCHEMA_DIR } from '../support/checkouts.js';
import { fixturePath, readFixtureJson } from '../support/fixtures.js';
import { pythonModules, pythonStdlib, type PyImport, type PyModule } from '../support/python.js';
import { PYTHON_ENV, spawnTool } from '../support/spawn.js';

// ---------------------------------------------------------------------------------------------
// Fixtures

export const TEST_CONNECTION_DEFINITION = `${SCHEMA_DIR}/entity/services/connections/testConnectionDefinition.json`;
export const fixtureSchemaRoot = (): string => fixturePath(`openmetadata/${SCHEMA_DIR}`);

export interface ManifestModule {
  status: string;
  top_level_names: string[];
  abstract_methods: Record<string, string[]>;
}

export interface Manifest {
  modules: Record<string, ManifestModule>;
}

export const loadManifest = (): Manifest => readFixtureJson('openmetadata/import-manifest.json') as Manifest;

/** Method names from the manifest's signature strings, e.g. "def get_x(self) -> Y" -> "get_x". */
export const methodNames = (signatures: string[]): string[] =>
  signatures.map((s) => /^def\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(/.exec(s)?.[1] ?? `(unparsed: ${s})`);

/** Whether a manifest signature returns an iterable (the stub must then be a generator). */
export const returnsIterable = (signature: string): boolean => /->\s*(Optional\[)?Iterable\[/.test(signature);

// ---------------------------------------------------------------------------------------------
// Python facts

export interface PyFacts {
  files: Record<string, PyModule>;
  /** per stdlib module checked: the names it does not define */
  stdlibNames: Record<string, string[]>;
  stdlib: string[];
}

/** AST facts of `files` (relative to root), and which imported stdlib names do not exist. */
export function pyFacts(root: string, files: string[], stdlibChecks: Record<string, string[]> = {}): PyFacts {
  const stdlib = pythonStdlib(stdlibChecks);
  return { files: pythonModules(root, files), stdlibNames: stdlib.missing, stdlib: stdlib.modules };
}

// ---------------------------------------------------------------------------------------------
// Import rules

/** Third-party packages the generated code may import besides the OpenMetadata ones. */
export const THIRD_PARTY_ALLOWED = new Set(['pytest', 'sqlalchemy', 'requests', 'testcontainers', 'pydantic']);

/** `Database Service` -> `DatabaseService` (the generated_schema_rule of the manifest). */
export const classFromTitle = (title: string): string =>
  title
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

/** Class names a JSON Schema yields in Python: its title, and each definition with the first letter upper-cased. */
export function schemaClassNames(schema: Record<string, unknown>): Set<string> {
  const names = new Set<string>();
  if (typeof schema.title === 'string') names.add(classFromTitle(schema.title));
  for (const key of Object.keys((schema.definitions as Record<string, unknown> | undefined) ?? {})) {
    names.add(key.charAt(0).toUpperCase() + key.slice(1));
  }
  return names;
}

export interface ImportContext {
  /** root of one generated case (relative import paths of generated files start there) */
  caseRoot: string;
  /** the generated package, e.g. metadata.ingestion.source.database.mydb */
  packageModule: string;
  /** generated files under caseRoot (relative) */
  facts: PyFacts;
  /** facts keys are relative to this folder (a parent of caseRoot) */
  factsRoot: string;
  manifest: Manifest;
  stdlib: Set<string>;
}

const GENERATED_SCHEMA = 'metadata.generated.schema.';

/** The schema file behind a metadata.generated.schema module: the generated tree first, then the fixtures. */
function schemaFor(module: string, caseRoot: string): Record<string, unknown> | undefined {
  const rel = `${module.slice(GENERATED_SCHEMA.length).replace(/\./g, '/')}.json`;
  for (const base of [path.join(caseRoot, SCHEMA_DIR), fixtureSchemaRoot()]) {
    const file = path.join(base, rel);
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  }
  return undefined;
}

/** Why an import breaks the rules, or undefined when it resolves. */
export function importProblem(imp: PyImport, ctx: ImportContext): string | undefined {
  const where = `${imp.file}:${imp.line}`;
  if (imp.level > 0) return `${where}: relative import (generated code imports absolutely)`;
  const module = imp.module;
  const root = module.split('.')[0]!;
  if (ctx.stdlib.has(root)) {
    const missing = ctx.facts.stdlibNames[module] ?? [];
    const bad = imp.names.filter((n) => missing.includes(n));
    return bad.length > 0 ? `${where}: ${module} has no ${bad.join(', ')}` : undefined;
  }
  if (THIRD_PARTY_ALLOWED.has(root)) return undefined;
  const fileOf = (mod: string): string =>
    path
      .relative(ctx.factsRoot, path.join(ctx.caseRoot, 'ingestion/src', `${mod.replace(/\./g, '/')}.py`))
      .split(path.sep)
      .join('/');
  if (module === ctx.packageModule || module.startsWith(`${ctx.packageModule}.`)) {
    if (imp.names.length === 0) return ctx.facts.files[fileOf(module)] ? undefined : `${where}: no generated module ${module}`;
    if (module === ctx.packageModule) {
      const missing = imp.names.filter((n) => !ctx.facts.files[fileOf(`${module}.${n}`)]);
      return missing.length > 0 ? `${where}: ${module} has no submodule ${missing.join(', ')}` : undefined;
    }
    const facts = ctx.facts.files[fileOf(module)];
    if (!facts) return `${where}: no generated module ${module}`;
    const missing = imp.names.filter((n) => !facts.topLevel.includes(n));
    return missing.length > 0 ? `${where}: ${module} does not define ${missing.join(', ')}` : undefined;
  }
  if (module.startsWith(GENERATED_SCHEMA)) {
    const schema = schemaFor(module, ctx.caseRoot);
    if (!schema) {
      // `from <schema package> import <module>`: each name must be a generated schema module
      const notModules = imp.names.filter((n) => !schemaFor(`${module}.${n}`, ctx.caseRoot));
      if (imp.names.length > 0 && notModules.length === 0) return undefined;
      return `${where}: ${module} has no JSON Schema in the fixtures or the generated tree`;
    }
    const classes = schemaClassNames(schema);
    const missing = imp.names.filter((n) => !classes.has(n));
    return missing.length > 0 ? `${where}: ${module} yields ${[...classes].join(', ')}, not ${missing.join(', ')}` : undefined;
  }
  const known = ctx.manifest.modules[module];
  if (!known) return `${where}: ${module} is not in the import manifest`;
  if (imp.names.length === 0) return undefined;
  const missing = imp.names.filter((n) => !known.top_level_names.includes(n));
  return missing.length > 0 ? `${where}: ${module} (manifest) has no top-level ${missing.join(', ')}` : undefined;
}

// ---------------------------------------------------------------------------------------------
// JSON Schema: $ref resolution against the real tree, and ajv

/** OpenMetadata keywords (hosts.md), plus `accept`, which the real validateSSLClientConfig.json uses. */
export const OPENMETADATA_KEYWORDS = ['javaType', 'javaEnums', 'mask', 'expose', 'javaInterfaces', 'accept'];

const BASE = 'https://schemas.test/';

/**
 * ajv for OpenMetadata schemas. Unknown keywords are logged into `warnings`
 * rather than thrown: the real connectionBasicType.json has one (a pattern
 * written where a schema belongs); the tests decide which warnings are fine.
 */
export function newAjv(warnings: string[] = []): Ajv {
  const logger = {
    log: () => undefined,
    warn: (...args: unknown[]) => void warnings.push(args.map(String).join(' ')),
    error: (...args: unknown[]) => void warnings.push(args.map(String).join(' ')),
  };
  const ajv = new Ajv({ strict: true, strictSchema: 'log', strictTypes: false, strictTuples: false, allErrors: true, logger });
  for (const keyword of OPENMETADATA_KEYWORDS) ajv.addKeyword(keyword);
  ajv.addFormat('password', true);
  ajv.addFormat('data-url', true);
  ajv.addFormat('uri', (value: string) => {
    try {
      return Boolean(new URL(value).protocol);
    } catch {
      return false;
    }
  });
  return ajv;
}

function pointer(document: unknown, fragment: string): unknown {
  if (fragment === '' || fragment === '/') return document;
  let node: unknown = document;
  for (const raw of fragment.replace(/^\//, '').split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null || !(key in node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

export interface LoadedSchemas {
  ajv: Ajv;
  /** schema-relative path of the entry schema */
  entry: string;
  /** every $ref that does not resolve: "file: ref (reason)" */
  refProblems: string[];
  /** every schema reached, by schema-relative path */
  documents: Map<string, Record<string, unknown>>;
  /** what ajv logged while compiling (unknown keywords) */
  warnings: string[];
}

/**
 * Loads a schema and every schema its $refs reach into one ajv, resolving each
 * $ref by path relative to the referring file (what draft-07 does with the
 * real $ids), from `roots` in order (the generated tree, then the fixtures).
 * $id and $schema are replaced: some real files carry a relative $id or a
 * 2020-12 $schema, which say nothing about where their file is.
 */
export function loadSchemaTree(entry: string, roots: string[]): LoadedSchemas {
  const warnings: string[] = [];
  const ajv = newAjv(warnings);
  const documents = new Map<string, Record<string, unknown>>();
  const refProblems: string[] = [];
  const queue = [entry];
  const read = (rel: string): Record<string, unknown> | undefined => {
    for (const root of roots) {
      const file = path.join(root, rel);
      if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    }
    return undefined;
  };
  const raw = new Map<string, Record<string, unknown>>();
  while (queue.length > 0) {
    const rel = queue.shift()!;
    if (raw.has(rel)) continue;
    const doc = read(rel);
    if (!doc) continue;
    raw.set(rel, doc);
    const rewrite = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(rewrite);
      if (typeof node !== 'object' || node === null) return node;
      const copy: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string') {
          const [target = '', fragment = ''] = value.split('#');
          const targetRel = target ? path.posix.normalize(path.posix.join(path.posix.dirname(rel), target)) : rel;
          const targetDoc = target ? read(targetRel) : doc;
          if (!targetDoc) {
            refProblems.push(`${rel}: ${value} (no file ${targetRel})`);
          } else if (pointer(targetDoc, fragment) === undefined) {
            refProblems.push(`${rel}: ${value} (no ${fragment} in ${targetRel})`);
          }
          if (target) queue.push(targetRel);
          copy[key] = target ? `${BASE}${targetRel}${fragment ? `#${fragment}` : ''}` : value;
        } else {
          copy[key] = rewrite(value);
        }
      }
      return copy;
    };
    const rewritten = rewrite(doc) as Record<string, unknown>;
    delete rewritten.$schema;
    rewritten.$id = `${BASE}${rel}`;
    documents.set(rel, rewritten);
  }
  for (const [rel, doc] of documents) ajv.addSchema(doc, `${BASE}${rel}`);
  return { ajv, entry, refProblems, documents, warnings };
}

export const compiled = (loaded: LoadedSchemas): ValidateFunction => loaded.ajv.getSchema(`${BASE}${loaded.entry}`)!;

/** A value the schema accepts, built only from `required`, defaults, enums and types. */
export function minimalValue(schema: Record<string, unknown>, loaded: LoadedSchemas, from: string): unknown {
  if (typeof schema.$ref === 'string') {
    const [target = '', fragment = ''] = schema.$ref.startsWith(BASE) ? schema.$ref.slice(BASE.length).split('#') : ['', schema.$ref.slice(1)];
    const rel = target || from;
    const resolved = pointer(loaded.documents.get(rel), fragment) as Record<string, unknown>;
    return minimalValue(resolved, loaded, rel);
  }
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (Array.isArray(schema.oneOf)) return minimalValue(schema.oneOf[0] as Record<string, unknown>, loaded, from);
  switch (schema.type) {
    case 'object': {
      const props = (schema.properties as Record<string, Record<string, unknown>> | undefined) ?? {};
      const required = (schema.required as string[] | undefined) ?? [];
      return Object.fromEntries(required.map((key) => [key, minimalValue(props[key] ?? {}, loaded, from)]));
    }
    case 'string':
      return schema.format === 'uri' ? 'http://localhost:8080' : 'x';
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    default:
      return 'x';
  }
}

// ---------------------------------------------------------------------------------------------
// Registration edits

/**
 * How `after` differs from `before`, line by line, for an edit that may only
 * insert lines and append a comma to (or, in a one-line array, insert one
 * element into) existing lines. Returns the inserted lines and the problems.
 */
export function insertionDiff(before: string, after: string, insertedInline: string[] = []): { inserted: string[]; problems: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  const inserted: string[] = [];
  const problems: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
    } else if (b[j] === `${a[i]},`) {
      i++;
      j++;
    } else if (insertedInline.some((piece) => b[j]!.replace(piece, '') === a[i])) {
      inserted.push(b[j]!);
      i++;
      j++;
    } else {
      inserted.push(b[j]!);
      j++;
    }
  }
  if (i < a.length) problems.push(`lines of the original not found in order from line ${i + 1}: ${JSON.stringify(a[i])}`);
  while (j < b.length) inserted.push(b[j++]!);
  return { inserted, problems };
}

// ---------------------------------------------------------------------------------------------
// Running the generated Python against stand-ins of OpenMetadata

/**
 * Imports the generated modules for real, with every OpenMetadata, test-util
 * and third-party module replaced by stand-ins: permissive stub classes, and
 * for each base class of the manifest an ABC with the manifest's abstract
 * methods, so Python itself says whether the source class can be created.
 * Then it exercises what can run without OpenMetadata: create() accepts its
 * own connection type and rejects another, every stub runs and returns
 * nothing, get_connection/test_connection wire the steps as the
 * test-connection file names them. Prints {case: [problems]}.
 */
const RUNTIME = String.raw`
import abc, importlib.abc, importlib.util, inspect, json, sys, traceback, types

request = json.load(sys.stdin)
ABSTRACT = request["abstract"]
STUB_ROOTS = ("metadata", "_openmetadata_testutils", "sqlalchemy", "requests", "pytest", "testcontainers", "pydantic")
REAL = {}  # module name -> (file, is_package)
for case in request["cases"]:
    for name, file, is_package in case["modules"]:
        REAL[name] = (file, is_package)
REAL_PREFIXES = {name.rsplit(".", i)[0] for name in REAL for i in range(1, name.count(".") + 1)}


class StubMeta(abc.ABCMeta):
    def __getattr__(cls, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return Stub

    def __getitem__(cls, item):
        return cls


class Stub(metaclass=StubMeta):
    def __init__(self, *args, **kwargs):
        pass

    def __call__(self, *args, **kwargs):
        if len(args) == 1 and not kwargs and callable(args[0]):
            return args[0]
        return Stub()

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return Stub()

    def __getitem__(self, key):
        return Stub()

    def __setitem__(self, key, value):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class StubException(Exception):
    pass


class BaseConnectionStub(Stub):
    def __init__(self, service_connection=None):
        self.service_connection = service_connection

    @property
    def client(self):
        return self._get_client()

    @abc.abstractmethod
    def _get_client(self):
        pass


def stub_name(module, name):
    if name == "BaseConnection":
        return BaseConnectionStub
    if name.endswith("Exception") or name.endswith("Error"):
        return type(name, (StubException,), {})
    methods = ABSTRACT.get(name)
    if methods is not None:
        body = {m: abc.abstractmethod(lambda self, *a, **k: None) for m in methods}
        return type(name, (Stub,), body)
    return type(name, (Stub,), {})


class StubModule(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        value = stub_name(self.__name__, name)
        setattr(self, name, value)
        return value


class Loader(importlib.abc.Loader):
    def create_module(self, spec):
        return StubModule(spec.name)

    def exec_module(self, module):
        module.__path__ = []


class Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path, target=None):
        if fullname in REAL:
            file, is_package = REAL[fullname]
            locations = [file.rsplit("/", 1)[0]] if is_package else None
            return importlib.util.spec_from_file_location(fullname, file, submodule_search_locations=locations)
        if fullname in REAL_PREFIXES or fullname.split(".")[0] in STUB_ROOTS:
            return importlib.util.spec_from_loader(fullname, Loader(), is_package=True)
        return None


sys.meta_path.insert(0, Finder())
sys.dont_write_bytecode = True


class ClientAnswers:
    """A client whose every method answers a value naming the method."""

    @staticmethod
    def answer(name):
        return [{"answered by": name}]

    def __getattr__(self, name):
        return lambda *args, **kwargs: ClientAnswers.answer(name)


class RecordingSession:
    """A requests session that records what it is asked to send and answers JSON."""

    def __init__(self):
        self.sent = []

    def request(self, method, url, **kwargs):
        self.sent.append((method, url, kwargs.get("json")))
        return types.SimpleNamespace(content=b"{}", raise_for_status=lambda: None, json=lambda: {"answer": "decoded"})


def own_connection(case):
    return getattr(sys.modules[case["schemaModule"]], case["typeValue"] + "Connection")()


def filler(fn):
    params = list(inspect.signature(fn).parameters.values())[1:]
    args = [Stub() for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.default is p.empty]
    return args


results = {}
for case in request["cases"]:
    problems = []
    results[case["id"]] = problems
    pkg = case["package"]
    try:
        for name, file, is_package in case["modules"]:
            importlib.import_module(name)
        for index, file in enumerate(case["tests"]):
            spec = importlib.util.spec_from_file_location("generated_test_%s_%d" % (case["id"].replace("-", "_"), index), file)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
    except Exception:
        problems.append("import failed: " + traceback.format_exc(limit=3))
        continue

    metadata_module = sys.modules[pkg + ".metadata"]
    source = getattr(metadata_module, case["typeValue"] + "Source")
    if inspect.isabstract(source):
        problems.append("%s is abstract: %s" % (source.__name__, sorted(source.__abstractmethods__)))
        continue
    # stubs run and return nothing, or what the client method serving them answers
    instance = source.__new__(source)
    instance.client = instance.connection = ClientAnswers()
    client_class = None if case["sqlalchemy"] else getattr(sys.modules[pkg + ".client"], case["typeValue"] + "Client")
    for name in case["stubs"]:
        method = getattr(instance, name)
        served = case["served"].get(name)
        try:
            value = method(*filler(getattr(source, name)))
            value = list(value) if inspect.isgenerator(value) else value
            if served and (value != ClientAnswers.answer(served) or not hasattr(client_class, served)):
                problems.append("%s returned %r, not what the client's %s answers" % (name, value, served))
            elif not served and value not in ([], "", None):
                problems.append("%s returned %r" % (name, value))
        except Exception:
            problems.append("%s failed: %s" % (name, traceback.format_exc(limit=2)))

    # the client's endpoint methods send their request and return the decoded answer
    for call in case["clientCalls"]:
        try:
            client = client_class(own_connection(case))
            client.session = RecordingSession()
            value = getattr(client, call["method"])(*call["args"])
            sent = [(call["http"], client.base_url + call["path"], call["body"])]
            if value != {"answer": "decoded"} or client.session.sent != sent:
                problems.append("%s returned %r and sent %r, not %r" % (call["method"], value, client.session.sent, sent))
        except Exception:
            problems.append("client.%s failed: %s" % (call["method"], traceback.format_exc(limit=2)))

    # create(): its own connection type in, another one out
    schema_module = sys.modules[case["schemaModule"]]
    own = getattr(schema_module, case["typeValue"] + "Connection")
    class Other:
        pass
    def workflow_with(connection):
        config = types.SimpleNamespace(
            serviceConnection=types.SimpleNamespace(root=types.SimpleNamespace(config=connection)),
            sourceConfig=types.SimpleNamespace(config=Stub()),
        )
        return types.SimpleNamespace(model_validate=lambda config_dict: config)
    original = metadata_module.WorkflowSource
    try:
        metadata_module.WorkflowSource = workflow_with(own())
        created = source.create({}, Stub())
        if not isinstance(created, source):
            problems.append("create() returned %r" % (created,))
        metadata_module.WorkflowSource = workflow_with(Other())
        try:
            source.create({}, Stub())
            problems.append("create() accepted another connection type")
        except Exception as error:
            if type(error).__name__ != "InvalidSourceException":
                problems.append("create() raised %s, not InvalidSourceException" % type(error).__name__)
    except Exception:
        problems.append("create() failed: " + traceback.format_exc(limit=3))
    finally:
        metadata_module.WorkflowSource = original

    # connection.py: the steps reach the right calls
    connection = sys.modules[pkg + ".connection"]
    calls = {}
    def recorder(name):
        def record(*args, **kwargs):
            calls[name] = kwargs
            return Stub()
        return record
    try:
        if case["sqlalchemy"]:
            connection.create_generic_db_connection = recorder("create_generic_db_connection")
            connection.test_connection_db_schema_sources = recorder("test_connection_db_schema_sources")
            connection.test_connection_steps = recorder("test_connection_steps")
            engine = connection.get_connection(own())
            built = calls.get("create_generic_db_connection", {})
            if built.get("get_connection_url_fn") is not connection.get_connection_url_common or built.get("get_connection_args_fn") is not connection.get_connection_args_common:
                problems.append("get_connection did not build the engine with the common URL and argument builders: %r" % built)
            connection.test_connection(Stub(), engine, own())
            if case["queryLogTodo"] is not None:
                # no SQL reads an unknown query history: the steps are mapped in connection.py, GetQueries raises its TODO
                test_fn = calls.get("test_connection_steps", {}).get("test_fn") or {}
                keys = list(test_fn)
                if "test_connection_db_schema_sources" in calls:
                    problems.append("the test connection runs test_connection_db_schema_sources, whose GetQueries runs SQL")
                try:
                    test_fn["GetQueries"]()
                    problems.append("GetQueries returned instead of raising its TODO")
                except NotImplementedError as error:
                    if case["queryLogTodo"] not in str(error):
                        problems.append("GetQueries raised %r, without its TODO %r" % (str(error), case["queryLogTodo"]))
                except Exception:
                    problems.append("GetQueries failed otherwise: " + traceback.format_exc(limit=2))
            else:
                queries = calls.get("test_connection_db_schema_sources", {}).get("queries") or {}
                keys = ["CheckAccess", "GetSchemas", "GetTables", "GetViews"] + list(queries)
            if sorted(keys) != sorted(case["steps"]):
                problems.append("test connection runs %s, the definition lists %s" % (keys, case["steps"]))
            getattr(connection, case["typeValue"] + "Connection")(own()).test_connection(Stub())
        else:
            connection.test_connection_steps = recorder("test_connection_steps")
            client = connection.get_connection(own())
            if type(client).__name__ != case["typeValue"] + "Client":
                problems.append("get_connection returned %r" % (client,))
            connection.test_connection(Stub(), client, own())
            test_fn = calls.get("test_connection_steps", {}).get("test_fn", {})
            if list(test_fn) != case["steps"]:
                problems.append("test_fn keys %s, the definition lists %s" % (list(test_fn), case["steps"]))
            for step, fn in test_fn.items():
                if getattr(fn, "__self__", None) is not client:
                    problems.append("%s is not a method of the client" % step)
            if set(calls.get("test_connection_steps", {})) != {"metadata", "test_fn", "service_type", "automation_workflow", "timeout_seconds"}:
                problems.append("test_connection_steps called with %s" % sorted(calls.get("test_connection_steps", {})))
    except Exception:
        problems.append("connection.py failed: " + traceback.format_exc(limit=3))

    # the client's test-connection steps: one an endpoint serves sends its GET and returns the
    # answer; every other step raises NotImplementedError carrying its TODO
    for step in case["stepCalls"]:
        try:
            client = client_class(own_connection(case))
            client.session = RecordingSession()
            value = getattr(client, step["method"])()
        except NotImplementedError as error:
            if step["path"] is not None:
                problems.append("step %s raised %r instead of calling GET %s" % (step["method"], error, step["path"]))
            elif step["todo"] not in str(error):
                problems.append("step %s raised %r, without its TODO %r" % (step["method"], str(error), step["todo"]))
            continue
        except Exception:
            problems.append("step %s failed: %s" % (step["method"], traceback.format_exc(limit=2)))
            continue
        if step["path"] is None:
            problems.append("step %s returned %r instead of raising its TODO" % (step["method"], value))
        elif value != {"answer": "decoded"} or client.session.sent != [("GET", client.base_url + step["path"], None)]:
            problems.append("step %s returned %r and sent %r, not GET %s" % (step["method"], value, client.session.sent, step["path"]))

json.dump(results, sys.stdout)
`;

export interface ClientCall {
  method: string;
  args: unknown[];
  http: string;
  path: string;
  body: unknown;
}

export interface StepCall {
  method: string;
  path: string | null;
  todo: string;
}

export interface RuntimeCase {
  id: string;
  /** generated package, e.g. metadata.ingestion.source.database.mydb */
  package: string;
  typeValue: string;
  schemaModule: string;
  sqlalchemy: boolean;
  /** test-connection step names, in order */
  steps: string[];
  /** abstract methods of the base (manifest): the stubs to run */
  stubs: string[];
  /** stub -> the client method whose answer it returns (the others return nothing) */
  served: Record<string, string>;
  /** client methods to call, and the request each must send (path below the base URL) */
  clientCalls: ClientCall[];
  /** the client's test-connection step methods (REST CheckAccess aside): the path each GETs, or null and the TODO it raises with */
  stepCalls: StepCall[];
  /** [module name, absolute file, is package] of the generated source modules, parents first */
  modules: Array<[string, string, boolean]>;
  /** absolute paths of the generated test modules */
  tests: string[];
  /** SQLAlchemy with an unknown query history: what the GetQueries step must raise (it runs no SQL); else null */
  queryLogTodo: string | null;
}

/** Runs RUNTIME over the cases; returns the problems per case id. */
export function runtimeProblems(cases: RuntimeCase[], abstractByClass: Record<string, string[]>): Record<string, string[]> {
  const result = spawnTool('python3', ['-c', RUNTIME], { input: JSON.stringify({ cases, abstract: abstractByClass }), env: PYTHON_ENV });
  if (result.status !== 0) throw new Error(`python3 runtime check failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, string[]>;
}
