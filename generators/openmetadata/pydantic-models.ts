/**
 * `--generate-models`: the pydantic models of the schemas a run added or edited, made
 * as the release's `make generate` makes them (datamodel-codegen with its options, its
 * SecretStr replacement and its clean-up), so the connector imports at once without
 * regenerating the whole schema tree.
 *
 * datamodel-codegen runs in directory mode over a work tree that holds the changed
 * schemas and every file they reach through `$ref`, so each module imports its
 * neighbours relatively, exactly as in the full tree; only the changed schemas'
 * modules are kept. The options are the release's facts (`modelGeneration`).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defined } from '../../core/invariant.js';
import { findTool, interpreterOf, toolPlaces, type FoundTool, type ToolPlace } from '../../core/python-tool.js';

/** How the release's `make generate` turns schemas into models. */
export interface ModelGenerationFacts {
  /** what upstream runs, named in messages */
  command: string;
  /** the datamodel-code-generator version the release pins in its dev extra */
  datamodelCodegenPin: string;
  /** the schema tree and the models folder, from the checkout root */
  schemaRoot: string;
  modelsRoot: string;
  /** datamodel-codegen's options besides --input and --output */
  options: string[];
  /** the password type replaced by the host's own, patched into datamodel-codegen before it runs */
  secretStr: { patchedModule: string; replacement: string };
  /** pattern arguments the host strips from every generated file (pydantic-core's regex engine lacks look-ahead) */
  removedPatterns: string[];
  /** whether datamodel-codegen's isort treats `metadata` as first-party (1.12's setup) */
  isortFirstPartyMetadata: boolean;
  /** the ruff clean-up that follows generation (2.0) */
  ruffFix?: { select: string[]; targetVersion: string };
}

export interface Command {
  command: string;
  args: string[];
}

export interface Toolchain {
  codegen: FoundTool;
  /** the interpreter datamodel-codegen runs on: the shim runs there */
  python: string;
  /** ruff beside datamodel-codegen, else on PATH: only when the release cleans up with it */
  ruff?: FoundTool;
}

/**
 * The SecretStr replacement needs datamodel-codegen's own process (upstream's script patches a module
 * attribute, then calls its main), so a few lines of Python run it. argv: the module to patch, the
 * replacement's import path, then datamodel-codegen's arguments. The first stderr line says the version.
 */
const CODEGEN_SHIM = [
  'import importlib, importlib.metadata, sys',
  'from datamodel_code_generator.imports import Import',
  'print("datamodel-codegen-version:" + importlib.metadata.version("datamodel-code-generator"), file=sys.stderr, flush=True)',
  'importlib.import_module(sys.argv[1]).types.IMPORT_SECRET_STR = Import.from_full_path(sys.argv[2])',
  'from datamodel_code_generator.__main__ import main',
  'code = main(sys.argv[3:])',
  'sys.exit(int(getattr(code, "value", code) or 0))',
].join('\n');

const VERSION_LINE = /^datamodel-codegen-version:(\S+)$/m;

/** datamodel-codegen over `input` into `output` with the release's options (pure: the command line only). */
export function codegenCommand(facts: ModelGenerationFacts, python: string, input: string, output: string): Command {
  const { patchedModule, replacement } = facts.secretStr;
  return { command: python, args: ['-c', CODEGEN_SHIM, patchedModule, replacement, '--input', input, '--output', output, ...facts.options] };
}

/** The release's ruff clean-up of generated modules, or none (1.12 has none). */
export function ruffCommand(facts: ModelGenerationFacts, ruff: string, output: string): Command | undefined {
  if (!facts.ruffFix) return undefined;
  const { select, targetVersion } = facts.ruffFix;
  return {
    command: ruff,
    args: ['check', '--isolated', '--no-respect-gitignore', '--fix', '--quiet', '--select', select.join(','), '--target-version', targetVersion, output],
  };
}

/** The isort settings datamodel-codegen reads above its output, as 1.12's checkout gives them. */
const ISORT_FIRST_PARTY = '[tool.isort]\nprofile = "black"\nknown_first_party = ["metadata"]\n';

const describePlace = (place: ToolPlace): string =>
  place.source === 'checkout env'
    ? place.folder ?? 'the checkout env/bin (no checkout)'
    : place.source === 'VIRTUAL_ENV'
      ? place.folder ? `$VIRTUAL_ENV/bin (${place.folder})` : '$VIRTUAL_ENV/bin (VIRTUAL_ENV is not set)'
      : 'PATH';

/** What to say when a tool is missing: where we looked and the two ways to get it. */
export function missingToolMessage(facts: ModelGenerationFacts, tool: string, places: readonly ToolPlace[]): string {
  const looked = [...new Set(places.map(describePlace))].join(', ');
  const pin = tool === 'datamodel-codegen' ? `datamodel-code-generator==${facts.datamodelCodegenPin}` : tool;
  return [
    `--generate-models: no ${tool} found (looked in ${looked}); the connector was written, its models were not.`,
    `  Get it in the checkout's venv: python3.11 -m venv env && . env/bin/activate && make install_dev (the release's dev tools),`,
    `  or into the venv you run from: pip install ${pin}.`,
    `  Then re-run with --generate-models, or run ${facts.command} (every model).`,
  ].join('\n');
}

/** datamodel-codegen (and ruff, when the release cleans up with it), or the message saying how to get what is missing. */
export function findToolchain(
  facts: ModelGenerationFacts,
  checkoutRoot: string | undefined,
  env: NodeJS.ProcessEnv,
): { toolchain: Toolchain } | { missing: string } {
  const places = toolPlaces(checkoutRoot, env);
  const codegen = findTool('datamodel-codegen', places);
  if (!codegen) return { missing: missingToolMessage(facts, 'datamodel-codegen', places) };
  const toolchain: Toolchain = { codegen, python: interpreterOf(codegen.path, env) };
  if (facts.ruffFix) {
    // the ruff of datamodel-codegen's venv first: it is the one install_dev pinned
    const ruff = findTool('ruff', [{ source: codegen.source, folder: path.dirname(codegen.path) }, ...places]);
    if (!ruff) return { missing: missingToolMessage(facts, 'ruff', places) };
    toolchain.ruff = ruff;
  }
  return { toolchain };
}

/** Reads a schema by its path under the schema root; undefined when there is no such file. */
export type SchemaReader = (rel: string) => string | undefined;

function* refsOf(node: unknown): Generator<string> {
  if (Array.isArray(node)) {
    for (const item of node) yield* refsOf(item);
  } else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') yield value;
      else yield* refsOf(value);
    }
  }
}

/** `a/b/../c.json` -> `a/c.json`; undefined when it climbs out of the schema root. */
function normalised(rel: string): string | undefined {
  const parts: string[] = [];
  for (const part of rel.split('/')) {
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else if (part !== '' && part !== '.') parts.push(part);
  }
  return parts.join('/');
}

/** The files a schema's `$ref`s name, relative to the schema root (local and absolute URL refs are not files of the tree). */
export function referencedFiles(rel: string, text: string): string[] {
  const folder = path.posix.dirname(rel);
  const files = new Set<string>();
  for (const ref of refsOf(JSON.parse(text) as unknown)) {
    const [file = ''] = ref.split('#');
    if (!file || /^[a-z][a-z0-9+.-]*:/i.test(file)) continue;
    const target = normalised(`${folder}/${file}`);
    if (target) files.add(target);
  }
  return [...files];
}

export interface Closure {
  /** every schema the changed ones reach, themselves included, in the order found */
  files: string[];
  /** references to files the tree does not have */
  missing: Array<{ file: string; from: string }>;
}

/** The changed schemas and everything they reach through `$ref`: what datamodel-codegen needs to see. */
export function schemaClosure(changed: readonly string[], read: SchemaReader): Closure {
  const files: string[] = [];
  const missing: Closure['missing'] = [];
  const seen = new Set<string>(changed);
  const queue = [...changed];
  for (let rel = queue.shift(); rel !== undefined; rel = queue.shift()) {
    const text = read(rel);
    if (text === undefined) {
      missing.push({ file: rel, from: '(changed)' });
      continue;
    }
    files.push(rel);
    for (const target of referencedFiles(rel, text)) {
      if (seen.has(target)) continue;
      seen.add(target);
      if (read(target) === undefined) missing.push({ file: target, from: rel });
      else queue.push(target);
    }
  }
  return { files, missing };
}

export const moduleOf = (schemaRel: string): string => schemaRel.replace(/\.json$/, '.py');

export interface GeneratedModel {
  /** the schema, under the schema root */
  schema: string;
  /** the module, under the models root */
  module: string;
  contents: string;
}

export interface ModelRun {
  models: GeneratedModel[];
  /** the schemas datamodel-codegen read: the changed ones and their `$ref` closure */
  closure: number;
  /** the datamodel-code-generator version that ran */
  version: string;
  commands: Command[];
}

/** A failure of the toolchain: its message, for a non-zero exit. */
export class ModelGenerationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelGenerationError';
  }
}

function run(tool: string, step: Command, cwd: string, okCodes: readonly number[]): { stderr: string } {
  const result = spawnSync(step.command, step.args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new ModelGenerationError(`--generate-models: cannot run ${tool} (${step.command}): ${result.error.message}`);
  if (!okCodes.includes(result.status ?? -1)) {
    const output = `${result.stderr}\n${result.stdout}`.trim().split('\n').filter((l) => !VERSION_LINE.test(l)).slice(-30).join('\n');
    throw new ModelGenerationError(`--generate-models: ${tool} exited with ${result.status ?? result.signal}:\n${output}`);
  }
  return { stderr: result.stderr };
}

export interface ModelRequest {
  facts: ModelGenerationFacts;
  toolchain: Toolchain;
  /** the new and edited schemas, under the schema root */
  changed: readonly string[];
  read: SchemaReader;
}

/** Generates the models of `changed` in a temporary folder; returns their contents. Nothing is written to the checkout. */
export function generateModels({ facts, toolchain, changed, read }: ModelRequest): ModelRun {
  const closure = schemaClosure(changed, read);
  if (closure.missing.length > 0) {
    const list = closure.missing.map((m) => `  ${m.file} (referenced by ${m.from})`).join('\n');
    throw new ModelGenerationError(`--generate-models: the schema tree lacks files the changed schemas need:\n${list}`);
  }
  const work = mkdtempSync(path.join(os.tmpdir(), 'generator-connector-models-'));
  try {
    const input = path.join(work, 'schema');
    const output = path.join(work, 'out');
    for (const rel of closure.files) {
      mkdirSync(path.dirname(path.join(input, rel)), { recursive: true });
      writeFileSync(path.join(input, rel), defined(read(rel), `${rel} could be read when schemaClosure took it in`));
    }
    // datamodel-codegen formats with isort, which reads its settings from the folders above the output
    if (facts.isortFirstPartyMetadata) writeFileSync(path.join(work, 'pyproject.toml'), ISORT_FIRST_PARTY);
    const codegen = codegenCommand(facts, toolchain.python, input, output);
    const commands: Command[] = [codegen];
    const { stderr } = run('datamodel-codegen', codegen, work, [0]);
    const cleanUp = toolchain.ruff ? ruffCommand(facts, toolchain.ruff.path, output) : undefined;
    if (cleanUp) {
      commands.push(cleanUp);
      // 1: violations left that --fix cannot fix, as upstream's make generate leaves them
      run('ruff', cleanUp, work, [0, 1]);
    }
    const models = changed.map((schema): GeneratedModel => {
      const module = moduleOf(schema);
      let contents: string;
      try {
        contents = readFileSync(path.join(output, module), 'utf8');
      } catch {
        throw new ModelGenerationError(`--generate-models: datamodel-codegen wrote no module for ${schema}`);
      }
      for (const pattern of facts.removedPatterns) contents = contents.split(pattern).join('');
      return { schema, module, contents };
    });
    return { models, closure: closure.files.length, version: VERSION_LINE.exec(stderr)?.[1] ?? 'unknown', commands };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The run's report: which tool ran, on what, and what it wrote. */
export function describeModelRun(facts: ModelGenerationFacts, toolchain: Toolchain, result: ModelRun, shown: (module: string) => string): string {
  const pinNote = result.version === facts.datamodelCodegenPin ? '' : ` (the release pins ${facts.datamodelCodegenPin})`;
  return [
    `Models: datamodel-codegen ${result.version}${pinNote} from ${toolchain.codegen.source} (${toolchain.codegen.path}),`,
    `  over ${result.models.length} changed schema(s) and their $ref closure (${result.closure} files), with ${facts.command}'s options` +
      `${toolchain.ruff ? ` and its ruff clean-up (${toolchain.ruff.path})` : ''}:`,
    ...result.models.map((m) => `  wrote ${shown(m.module)}`),
  ].join('\n');
}
