/**
 * The checkers themselves: each must report a known-bad file, so that an empty
 * result on generated code means something.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { skipWithReason } from './fixtures.js';
import { diffTrees, isEmptyDiff, snapshotTree, tempDir } from './generate.js';
import {
  blackCheck,
  compileErrors,
  flake8Errors,
  isortCheck,
  listFiles,
  missingPythonTools,
  pyflakesErrors,
  pythonClasses,
  pythonFunctions,
  pythonImports,
  pythonPrints,
  unusedImports,
} from './python.js';

const BAD = [
  'import sys,os',
  'from .sibling import (b, c as d)',
  'from typing import List',
  'x = "a\\d"',
  'class A(Base, metaclass=M):',
  '    y: int = 1',
  '    @abstractmethod',
  '    def m(self, a, *args, k=1, **kw) -> List[int]:',
  '        yield a',
  'def f(): print(1)',
  '',
].join('\n');

const GOOD = ['import os', '', '', 'def main() -> str:', '    return os.getcwd()', ''].join('\n');

describe('test support: Python checkers', function () {
  let root: string;

  before(function () {
    root = tempDir('connector-support-');
    mkdirSync(path.join(root, 'pkg', 'sub'), { recursive: true });
    writeFileSync(path.join(root, 'pkg', 'bad.py'), BAD);
    writeFileSync(path.join(root, 'pkg', 'sub', 'good.py'), GOOD);
    writeFileSync(path.join(root, 'pkg', 'broken.py'), 'def g(:\n');
  });

  it('listFiles is recursive, relative and sorted', function () {
    assert.deepEqual(listFiles(root, '.py'), ['pkg/bad.py', 'pkg/broken.py', 'pkg/sub/good.py']);
  });

  it('compileErrors reports syntax errors and invalid escapes, and nothing for good code', function () {
    const errors = compileErrors(root, listFiles(root, 'py'));
    assert.equal(errors.length, 2, errors.join('\n'));
    assert.match(errors.join('\n'), /pkg\/bad\.py: line 4: .*invalid escape/);
    assert.match(errors.join('\n'), /pkg\/broken\.py: line 1: SyntaxError/);
  });

  it('isort and black report the badly formatted file only, and change nothing on disk', function () {
    const missing = missingPythonTools('isort', 'black');
    if (missing.length > 0) skipWithReason(this, `${missing.join(', ')} not installed`);
    const before = snapshotTree(root);
    const files = ['pkg/bad.py', 'pkg/sub/good.py'];
    assert.deepEqual(isortCheck(root, files).map((p) => p.split(':')[0]), ['pkg/bad.py']);
    assert.deepEqual(blackCheck(root, files).map((p) => p.split(':')[0]), ['pkg/bad.py']);
    assert.ok(isEmptyDiff(diffTrees(before, snapshotTree(root))));
  });

  it('flake8 and pyflakes report findings with relative paths', function () {
    const missing = missingPythonTools('flake8', 'pyflakes');
    if (missing.length > 0) skipWithReason(this, `${missing.join(', ')} not installed`);
    const files = ['pkg/bad.py', 'pkg/sub/good.py'];
    assert.ok(flake8Errors(root, files).some((l) => /^pkg\/bad\.py: 1:\d+ E401 /.test(l)));
    assert.ok(flake8Errors(root, files).every((l) => l.startsWith('pkg/bad.py: ')));
    assert.deepEqual(unusedImports(root, files).length, 4);
    assert.ok(pyflakesErrors(root, files).some((l) => l.includes("undefined name 'Base'")));
  });

  it('the ast helpers read imports, prints, functions and classes', function () {
    const files = ['pkg/bad.py'];
    assert.deepEqual(
      pythonImports(root, files).map(({ module, names, level }) => ({ module, names, level })),
      [
        { module: 'sys', names: [], level: 0 },
        { module: 'os', names: [], level: 0 },
        { module: 'sibling', names: ['b', 'c'], level: 1 },
        { module: 'typing', names: ['List'], level: 0 },
      ],
    );
    assert.deepEqual(pythonPrints(root, files), ['pkg/bad.py: line 10: print() call']);
    const m = pythonFunctions(root, files).find((f) => f.qualname === 'A.m');
    assert.deepEqual(m && { args: m.args, gen: m.isGenerator, dec: m.decorators }, {
      args: ['self', 'a', '*args', 'k', '**kw'],
      gen: true,
      dec: ['abstractmethod'],
    });
    const [a] = pythonClasses(root, files);
    assert.deepEqual(a && { name: a.name, bases: a.bases, methods: a.methods, attributes: a.attributes }, {
      name: 'A',
      bases: ['Base'],
      methods: ['m'],
      attributes: ['y'],
    });
  });
});

describe('test folders (tempDir)', function () {
  this.timeout(60_000);

  it('are removed after the test process exits, without making it wait for the removal', async function () {
    const generate = fileURLToPath(new URL('./generate.ts', import.meta.url));
    // a listener of its own after generate.ts's: it runs once that cleanup returned, and says whether the folder was still there
    const script = [
      `const { tempDir } = await import(${JSON.stringify(generate)});`,
      "const { existsSync, writeFileSync } = await import('node:fs');",
      "const dir = tempDir('connector-exit-');",
      "for (let i = 0; i < 2000; i += 1) writeFileSync(`${dir}/f${i}`, 'x');",
      "process.on('exit', () => console.log(JSON.stringify({ dir, presentAfterCleanup: existsSync(dir) })));",
    ].join('\n');
    const child = spawnSync(process.execPath, ['--import', 'tsx/esm', '--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, KEEP_TEST_DIRS: '' } });
    assert.equal(child.status, 0, child.stderr);
    const { dir, presentAfterCleanup } = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { dir: string; presentAfterCleanup: boolean };
    assert.equal(presentAfterCleanup, true, 'the exit handler removed the folder itself, so the process waited for it');
    const deadline = Date.now() + 30_000;
    while (existsSync(dir) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(!existsSync(dir), `${dir} is still there 30 s after the process exited`);
  });
});
