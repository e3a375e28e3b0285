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
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

/** A ClassConverterFactory with only `entry` (none: an empty map), and the imports of the checkout's that it names. */
export function factoryStandIn(checkoutFactory: string, entry: string | undefined): string {
  const imports = [...checkoutFactory.matchAll(/^import ([\w.]+\.(\w+));$/gm)]
    .filter(([, , simple]) => entry !== undefined && new RegExp(`(?<![\\w.])${simple}\\.class\\b`).test(entry))
    .map(([line]) => line);
  return [
    'package org.openmetadata.service.secrets.converter;',
    '',
    'import java.util.List;',
    'import java.util.Map;',
    ...imports,
    '',
    '/** The checkout factory, cut down to the converter the generator registered. */',
    'public final class ClassConverterFactory {',
    `  private static final Map<Class<?>, ClassConverter> converterMap = ${entry ? `Map.ofEntries(${entry})` : 'Map.of()'};`,
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

/** A Maven project for the checkout's connection `schemaFile` (under json/schema), with `factory` and the JUnit `testSource`. */
export function javaProject(checkoutRoot: string, schemaFile: string, factory: string, testClass: { name: string; source: string }): JavaProject {
  const dir = tempDir('connector-java-layer-');
  const project = { dir, schemas: path.join(dir, 'schemas'), main: path.join(dir, 'main'), test: path.join(dir, 'test') };
  copyFileSync(POM, path.join(dir, 'pom.xml'));
  const schemaRoot = path.join(checkoutRoot, SCHEMA_DIR);
  for (const file of schemaClosure(schemaRoot, schemaFile)) {
    mkdirSync(path.dirname(path.join(project.schemas, file)), { recursive: true });
    copyFileSync(path.join(schemaRoot, file), path.join(project.schemas, file));
  }
  cpSync(path.join(LAYER, 'src'), project.main, { recursive: true });
  const converters = path.join(project.main, CONVERTER_PACKAGE);
  mkdirSync(converters, { recursive: true });
  for (const file of CONVERTER_SOURCES)
    copyFileSync(path.join(checkoutRoot, 'openmetadata-service/src/main/java', CONVERTER_PACKAGE, file), path.join(converters, file));
  writeFileSync(path.join(converters, 'ClassConverterFactory.java'), factory);
  mkdirSync(path.join(project.test, CONVERTER_PACKAGE), { recursive: true });
  writeFileSync(path.join(project.test, CONVERTER_PACKAGE, `${testClass.name}.java`), testClass.source);
  return project;
}

function maven(dir: string, args: string[]): SpawnSyncReturns<string> {
  return spawnSync('mvn', ['-B', `-Dmaven.repo.local=${mavenRepository()}`, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** `mvn test` of the project: generate, compile, run JUnit. */
export function mavenTest(project: JavaProject): SpawnSyncReturns<string> {
  return maven(project.dir, [`-Dgc.schemas=${project.schemas}`, `-Dgc.main=${project.main}`, `-Dgc.test=${project.test}`, 'test']);
}

/** The classes jsonschema2pojo generated, as paths under the package root. */
export function generatedClasses(project: JavaProject): string[] {
  const root = path.join(project.dir, 'target/generated-sources/jsonschema2pojo');
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(path.join(dir, e.name)) : [path.relative(root, path.join(dir, e.name))],
    );
  return existsSync(root) ? walk(root) : [];
}

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
