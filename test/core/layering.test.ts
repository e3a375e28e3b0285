/**
 * core/ is what the host generators are built on, so it imports nothing from
 * generators/: every import in core/ (static, re-export or dynamic) is read
 * from the source and resolved against the file that makes it.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CORE = path.join(ROOT, 'core');
const GENERATORS = path.join(ROOT, 'generators');

/** `from '...'`, a bare `import '...'` and `import('...')`. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)(['"])([^'"]+)\1/g;

const sourceFiles = (folder: string): string[] =>
  readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(folder, file));

/** Each relative import of `file` that resolves into generators/, as `file: specifier`. */
function importsOfGenerators(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(SPECIFIER)]
    .map((match) => match[2]!)
    .filter((specifier) => specifier.startsWith('.'))
    .filter((specifier) => !path.relative(GENERATORS, path.resolve(path.dirname(file), specifier)).startsWith('..'))
    .map((specifier) => `${path.relative(ROOT, file)}: ${specifier}`);
}

describe('layering: core/ does not depend on generators/', function () {
  it('finds the imports it scans for (the scan reads imports at all)', function () {
    const probe = path.join(CORE, 'probe.ts');
    const found = (source: string): string[] =>
      [...source.matchAll(SPECIFIER)].map((m) => path.relative(ROOT, path.resolve(path.dirname(probe), m[2]!)));
    assert.deepEqual(found("import { a } from '../generators/x.js';\nexport * from './y.js';\nawait import('../generators/z.js');"), [
      'generators/x.js',
      'core/y.js',
      'generators/z.js',
    ]);
  });

  it('no file in core/ imports from generators/', function () {
    const files = sourceFiles(CORE);
    assert.ok(files.length > 10, `only ${files.length} files found in core/`);
    assert.deepEqual(files.flatMap(importsOfGenerators), []);
  });
});
