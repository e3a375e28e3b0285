/**
 * core/ is what the host generators are built on, so it knows nothing of
 * generators/: every import in core/ (static, re-export or dynamic) and every
 * file URL it builds (`new URL('...', import.meta.url)`, how a generator is
 * composed by path) is read from the source and resolved against its file.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CORE = path.join(ROOT, 'core');
const GENERATORS = path.join(ROOT, 'generators');

/** `from '...'`, a bare `import '...'`, `import('...')` and `new URL('...'`. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\bnew URL\(\s*)(['"])([^'"]+)\1/g;

const sourceFiles = (folder: string): string[] =>
  readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(folder, file));

/** Each relative import or URL of `file` that resolves into generators/, as `file: specifier`. */
function importsOfGenerators(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(SPECIFIER)]
    .map((match) => match[2]!)
    .filter((specifier) => specifier.startsWith('.'))
    .filter((specifier) => !path.relative(GENERATORS, path.resolve(path.dirname(file), specifier)).startsWith('..'))
    .map((specifier) => `${path.relative(ROOT, file)}: ${specifier}`);
}

describe('layering: core/ does not depend on generators/', function () {
  it('finds the imports and file URLs it scans for (the scan reads them at all)', function () {
    const probe = path.join(CORE, 'probe.ts');
    const found = (source: string): string[] =>
      [...source.matchAll(SPECIFIER)].map((m) => path.relative(ROOT, path.resolve(path.dirname(probe), m[2]!)));
    assert.deepEqual(found("import { a } from '../generators/x.js';\nexport * from './y.js';\nawait import('../generators/z.js');\nnew URL('../generators/w/index.js', import.meta.url);"), [
      'generators/x.js',
      'core/y.js',
      'generators/z.js',
      'generators/w/index.js',
    ]);
  });

  it('no file in core/ imports from generators/ or points into it', function () {
    const files = sourceFiles(CORE);
    assert.ok(files.length > 10, `only ${files.length} files found in core/`);
    assert.deepEqual(files.flatMap(importsOfGenerators), []);
  });
});
