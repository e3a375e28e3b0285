/**
 * The Java layer's machinery: a Maven project in a temporary folder that builds what OpenMetadata's
 * server would from a generated checkout. jsonschema2pojo (test/java/pom.xml, openmetadata-spec's
 * plugin configuration) turns the generated connection schema and its $ref closure into classes;
 * javac compiles them with the checkout's ClassConverter, NestedConfigClassConverter and
 * DefaultConnectionClassConverter, a ClassConverterFactory holding the one entry the generator wrote
 * (taken from the edited factory, which needs the whole server to compile), and stand-ins of
 * JsonUtils and ReflectionException (test/java/src); JUnit runs a test written here.
 *
 * Everything comes from Maven Central; the local repository is cached outside the clone, in
 * ~/.cache/generator-connector/m2-<hash of the pins> (GC_JAVA_M2 names another, e.g. an empty
 * one to time a cold run).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../support/fixtures.js';
import { SCHEMA_DIR } from '../support/checkouts.js';
import { tempDir } from '../support/generate.js';

const LAYER = path.join(REPO_ROOT, 'test/java');
const POM = path.join(LAYER, 'pom.xml');
/** google-java-format as OpenMetadata's spotless runs it (style GOOGLE, no string reflow, no javadoc formatting); 1.22.0 runs on Java 17. */
export const GJF_VERSION = '1.22.0';
const GJF_ARTIFACT = `com.google.googlejavaformat:google-java-format:${GJF_VERSION}:jar:all-deps`;
const CONVERTER_PACKAGE = 'org/openmetadata/service/secrets/converter';
/** The checkout's converter sources the project compiles (the factory is written here instead). */
const CONVERTER_SOURCES = ['ClassConverter.java', 'NestedConfigClassConverter.java', 'DefaultConnectionClassConverter.java'];

/** The cache of Maven's local repository, keyed by every pin (the pom and google-java-format's version). */
export function mavenRepository(): string {
  if (process.env.GC_JAVA_M2) return path.resolve(process.env.GC_JAVA_M2);
  const key = createHash('sha256').update(readFileSync(POM)).update(GJF_VERSION).digest('hex').slice(0, 12);
  return path.join(homedir(), '.cache/generator-connector', `m2-${key}`);
}

/** Why the layer cannot run here (no java or mvn), or undefined. */
export function javaToolsMissing(): string | undefined {
  for (const [tool, args] of [
    ['java', ['-version']],
    ['mvn', ['-v']],
  ] as const) {
    const run = spawnSync(tool, args, { encoding: 'utf8' });
    if (run.error || run.status !== 0) return `${tool} is not installed or does not run (${run.error?.message ?? run.stderr})`;
  }
  return undefined;
}

// ---- the schema closure --------------------------------------------------------------------------

function refsIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refsIn);
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) => (key === '$ref' && typeof value === 'string' ? [value] : refsIn(value)));
}

/** The schema files `entry` needs, itself included, as paths under json/schema. */
export function schemaClosure(schemaRoot: string, entry: string): string[] {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() ?? '';
    if (seen.has(file)) continue;
    const absolute = path.join(schemaRoot, file);
    if (!existsSync(absolute)) throw new Error(`${file} (in the $ref closure of ${entry}) is not in ${schemaRoot}`);
    seen.add(file);
    for (const ref of refsIn(JSON.parse(readFileSync(absolute, 'utf8')))) {
      const target = ref.split('#')[0];
      if (target) queue.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), target)));
    }
  }
  return [...seen].sort();
}

// ---- the factory entry ---------------------------------------------------------------------------

/** The `Map.entry(...)` of `simpleName` in a factory's text (the expression, without the comma after it). */
export function factoryEntry(factory: string, simpleName: string): string | undefined {
  const start = new RegExp(`Map\\.entry\\(\\s*${simpleName}\\.class,`).exec(factory);
  if (!start) return undefined;
  let depth = 0;
  for (let i = start.index; i < factory.length; i += 1) {
    if (factory[i] === '(') depth += 1;
    if (factory[i] === ')' && --depth === 0) return factory.slice(start.index, i + 1);
  }
  return undefined;
}

/** A ClassConverterFactory with only `entries` (none: an empty map), and the imports of the checkout's that they name. */
export function factoryStandIn(checkoutFactory: string, entries: string[]): string {
  const named = (simple: string): boolean => entries.some((entry) => new RegExp(`(?<![\\w.])${simple}\\.class\\b`).test(entry));
  const imports = [...checkoutFactory.matchAll(/^import ([\w.]+\.(\w+));$/gm)].filter(([, , simple]) => named(simple ?? '')).map(([line]) => line);
  return [
    'package org.openmetadata.service.secrets.converter;',
    '',
    'import java.util.List;',
    'import java.util.Map;',
    ...imports,
    '',
    '/** The checkout factory, cut down to the converters the generator registered. */',
    'public final class ClassConverterFactory {',
    `  private static final Map<Class<?>, ClassConverter> converterMap = ${entries.length > 0 ? `Map.ofEntries(${entries.join(',\n')})` : 'Map.of()'};`,
    '',
    '  private ClassConverterFactory() {}',
    '',
    '  public static ClassConverter getConverter(Class<?> clazz) {',
    '    return converterMap.getOrDefault(clazz, new DefaultConnectionClassConverter(clazz));',
    '  }',
    '}',
    '',
  ].join('\n');
}

// ---- the project ---------------------------------------------------------------------------------

export interface JavaProject {
  dir: string;
  schemas: string;
  main: string;
  test: string;
}

export interface JavaSource {
  /** the class's simple name (the file is <name>.java in the converter package) */
  name: string;
  source: string;
}

/**
 * A Maven project for the checkout's connection `schemaFiles` (under json/schema) and their $ref
 * closure, with `factory`, the converter classes the generator wrote (`converters`) and the JUnit `tests`.
 */
export function javaProject(
  checkoutRoot: string,
  schemaFiles: string[],
  factory: string,
  converters: JavaSource[],
  tests: JavaSource[],
): JavaProject {
  const dir = tempDir('connector-java-layer-');
  const project = { dir, schemas: path.join(dir, 'schemas'), main: path.join(dir, 'main'), test: path.join(dir, 'test') };
  copyFileSync(POM, path.join(dir, 'pom.xml'));
  const schemaRoot = path.join(checkoutRoot, SCHEMA_DIR);
  for (const file of new Set(schemaFiles.flatMap((entry) => schemaClosure(schemaRoot, entry)))) {
    mkdirSync(path.dirname(path.join(project.schemas, file)), { recursive: true });
    copyFileSync(path.join(schemaRoot, file), path.join(project.schemas, file));
  }
  cpSync(path.join(LAYER, 'src'), project.main, { recursive: true });
  const converterDir = path.join(project.main, CONVERTER_PACKAGE);
  mkdirSync(converterDir, { recursive: true });
  for (const file of CONVERTER_SOURCES)
    copyFileSync(path.join(checkoutRoot, 'openmetadata-service/src/main/java', CONVERTER_PACKAGE, file), path.join(converterDir, file));
  writeFileSync(path.join(converterDir, 'ClassConverterFactory.java'), factory);
  for (const { name, source } of converters) writeFileSync(path.join(converterDir, `${name}.java`), source);
  mkdirSync(path.join(project.test, CONVERTER_PACKAGE), { recursive: true });
  for (const { name, source } of tests) writeFileSync(path.join(project.test, CONVERTER_PACKAGE, `${name}.java`), source);
  return project;
}

function maven(dir: string, args: string[]): SpawnSyncReturns<string> {
  return spawnSync('mvn', ['-B', `-Dmaven.repo.local=${mavenRepository()}`, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** `mvn test` of the project: generate, compile, run JUnit; failing tests do not fail the build (each class's report says how it went). */
export function mavenTest(project: JavaProject): SpawnSyncReturns<string> {
  const dirs = [`-Dgc.schemas=${project.schemas}`, `-Dgc.main=${project.main}`, `-Dgc.test=${project.test}`];
  return maven(project.dir, [...dirs, '-Dmaven.test.failure.ignore=true', 'test']);
}

export interface TestClassReport {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  /** the failure messages, for the assertion that shows them */
  messages: string[];
}

/** Surefire's report of one JUnit class of the converter package, or undefined when it did not run. */
export function testClassReport(project: JavaProject, simpleName: string): TestClassReport | undefined {
  const file = path.join(project.dir, 'target/surefire-reports', `TEST-${CONVERTER_PACKAGE.replace(/\//g, '.')}.${simpleName}.xml`);
  if (!existsSync(file)) return undefined;
  const xml = readFileSync(file, 'utf8');
  const suite = /<testsuite [^>]*>/.exec(xml)?.[0] ?? '';
  const count = (name: string): number => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(suite)?.[1] ?? NaN);
  const messages = [...xml.matchAll(/<(?:failure|error) message="([^"]*)"/g)].map((m) => m[1] ?? '');
  return { tests: count('tests'), failures: count('failures'), errors: count('errors'), skipped: count('skipped'), messages };
}

/** Whether javac compiled `qualified` (a generated or checkout class) into the project's classes. */
export const compiled = (project: JavaProject, qualified: string): boolean =>
  existsSync(path.join(project.dir, 'target/classes', `${qualified.replace(/\./g, '/')}.class`));

/** google-java-format's jar, fetched into the cache once. */
export function googleJavaFormat(): string {
  const dir = path.join(mavenRepository(), '.gjf');
  const jar = path.join(dir, `google-java-format-${GJF_VERSION}-all-deps.jar`);
  if (existsSync(jar)) return jar;
  mkdirSync(dir, { recursive: true });
  // from a copy of the pom (it pins the dependency plugin), so nothing is written into the clone
  const scratch = tempDir('connector-gjf-');
  copyFileSync(POM, path.join(scratch, 'pom.xml'));
  const run = maven(scratch, ['-q', 'dependency:copy', `-Dartifact=${GJF_ARTIFACT}`, `-DoutputDirectory=${dir}`]);
  if (run.status !== 0 || !existsSync(jar)) throw new Error(`fetching ${GJF_ARTIFACT} failed:\n${run.stdout}\n${run.stderr}`);
  return jar;
}

/** The files google-java-format would change (its --dry-run list), with spotless's options. */
export function notFormatted(files: string[]): string[] {
  const run = spawnSync('java', ['-jar', googleJavaFormat(), '--dry-run', '--skip-reflowing-long-strings', '--skip-javadoc-formatting', ...files], {
    encoding: 'utf8',
  });
  if (run.status !== 0 && run.stdout.trim() === '') throw new Error(`google-java-format failed: ${run.stderr}`);
  return run.stdout.split('\n').filter(Boolean);
}
