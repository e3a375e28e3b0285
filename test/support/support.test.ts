/**
 * The checkers themselves: each must report a known-bad file, so that an empty
 * result on generated code means something.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireFixtures, skipWithReason } from './fixtures.js';
import { seedCheckout, SERVICES_DIR } from './checkouts.js';
import { listFiles } from './files.js';
import { diffTrees, isEmptyDiff, snapshotTree, tempDir } from './generate.js';
import {
  blackCheck,
  compileErrors,
  flake8Errors,
  isortCheck,
  missingPythonTools,
  pyflakesErrors,
  pythonClasses,
  pythonFunctions,
  pythonImports,
  pythonModules,
  pythonPrints,
  pythonStdlib,
  unusedImports,
} from './python.js';
import { spawnTool } from './spawn.js';

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

const MODULE = [
  'import os.path as osp',
  'from json import dumps',
  'NAME: str = "x"',
  'COUNT = 3',
  'HOME = osp.expanduser("~")',
  'ENTRIES = [dict(name="A b", uuid="a_b"), dict(name="C", module_name=dumps("c"))]',
  'STREAMS = {"orders": 1, "users": 2}',
  '',
  'class Orders:',
  '    TABLE = "orders"',
  '    KEY = COUNT',
  '',
  'def run():',
  '    test_fn = {"CheckAccess": run, "GetTables": run}',
  '    return dumps(test_fn, indent=2)',
  '',
  'QUERY = f"SELECT a, b FROM {NAME}"',
  '',
  'if __name__ == "__main__":',
  '    run()',
  '',
].join('\n');

describe('test support: Python checkers', function () {
  let root: string;

  before(function () {
    root = tempDir('connector-support-');
    mkdirSync(path.join(root, 'pkg', 'sub'), { recursive: true });
    writeFileSync(path.join(root, 'pkg', 'bad.py'), BAD);
    writeFileSync(path.join(root, 'pkg', 'sub', 'good.py'), GOOD);
    writeFileSync(path.join(root, 'pkg', 'broken.py'), 'def g(:\n');
    writeFileSync(path.join(root, 'pkg', 'module.py'), MODULE);
    writeFileSync(path.join(root, 'pkg', 'notes.txt'), 'not python\n');
    symlinkSync('notes.txt', path.join(root, 'pkg', 'link.txt'));
    mkdirSync(path.join(root, 'pkg', '__pycache__'));
    writeFileSync(path.join(root, 'pkg', '__pycache__', 'bad.cpython.pyc'), '');
  });

  it('listFiles is recursive, relative and sorted; counts links, leaves out caches, and filters by extension when asked', function () {
    assert.deepEqual(listFiles(root, { ext: '.py' }), ['pkg/bad.py', 'pkg/broken.py', 'pkg/module.py', 'pkg/sub/good.py']);
    assert.deepEqual(listFiles(root, { ext: 'py' }), listFiles(root, { ext: '.py' }));
    assert.deepEqual(listFiles(root), ['pkg/bad.py', 'pkg/broken.py', 'pkg/link.txt', 'pkg/module.py', 'pkg/notes.txt', 'pkg/sub/good.py']);
    assert.deepEqual(
      listFiles(root, { skip: [] }).filter((f) => f.includes('__pycache__')),
      ['pkg/__pycache__/bad.cpython.pyc'],
    );
  });

  it('compileErrors reports syntax errors and invalid escapes, and nothing for good code', function () {
    const errors = compileErrors(root, ['pkg/bad.py', 'pkg/broken.py', 'pkg/module.py', 'pkg/sub/good.py']);
    assert.equal(errors.length, 2, errors.join('\n'));
    assert.match(errors.join('\n'), /pkg\/bad\.py: line 4: .*invalid escape/);
    assert.match(errors.join('\n'), /pkg\/broken\.py: line 1: SyntaxError/);
  });

  it('isort and black report the badly formatted file only, and change nothing on disk', function () {
    const missing = missingPythonTools('isort', 'black');
    if (missing.length > 0) skipWithReason(this, `${missing.join(', ')} not installed`);
    const before = snapshotTree(root);
    const files = ['pkg/bad.py', 'pkg/sub/good.py'];
    assert.deepEqual(
      isortCheck(root, files).map((p) => p.split(':')[0]),
      ['pkg/bad.py'],
    );
    assert.deepEqual(
      blackCheck(root, files).map((p) => p.split(':')[0]),
      ['pkg/bad.py'],
    );
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

  it('pythonModules reads what a module binds, assigns, calls and guards', function () {
    const module = pythonModules(root, ['pkg/module.py'])['pkg/module.py'];
    assert.ok(module, 'pkg/module.py was analysed');
    assert.deepEqual(module.defined, ['NAME', 'COUNT', 'HOME', 'ENTRIES', 'STREAMS', 'Orders', 'run', 'QUERY']);
    assert.deepEqual(module.topLevel, [...module.defined, 'osp', 'dumps']);
    assert.deepEqual(module.assignments, { NAME: 'x', COUNT: 3, HOME: null, ENTRIES: null, STREAMS: { orders: 1, users: 2 }, QUERY: null });
    assert.deepEqual(module.dictCalls.ENTRIES, [
      { name: 'A b', uuid: 'a_b' },
      { name: 'C', module_name: null },
    ]);
    assert.deepEqual(module.dictKeys, { STREAMS: ['orders', 'users'], test_fn: ['CheckAccess', 'GetTables'] });
    assert.deepEqual(module.classAttributes, { Orders: { TABLE: 'orders', KEY: null } });
    // breadth first: the call in run()'s return is less deep than the one inside ENTRIES' dict()
    assert.deepEqual(module.calls.dumps, [
      { keywords: { indent: '2' }, args: ['test_fn'] },
      { keywords: {}, args: ["'c'"] },
    ]);
    assert.deepEqual(module.mainGuard, [{ func: 'run', args: [] }]);
    // the f-string whole, with {} for its values, and its constant part on its own
    assert.deepEqual(module.sql, ['SELECT a, b FROM {}', 'SELECT a, b FROM ']);
    assert.equal(pythonModules(root, ['pkg/sub/good.py'])['pkg/sub/good.py']?.mainGuard, null);
  });

  it('pythonStdlib names the standard library, and the names a module lacks', function () {
    const stdlib = pythonStdlib({ json: ['dumps', 'no_such_name'], no_such_module: ['x'] });
    assert.ok(stdlib.modules.includes('json') && !stdlib.modules.includes('pytest'));
    assert.deepEqual(stdlib.missing.json, ['no_such_name']);
    assert.match(stdlib.missing.no_such_module?.join('\n') ?? '', /does not import/);
  });

  it('the analyser fails loudly on a file that does not parse', function () {
    assert.throws(() => pythonModules(root, ['pkg/broken.py']), /python analyser \(modules\) failed/);
  });
});

describe('test support: spawnTool', function () {
  it('passes cwd, env and input, and keeps stdout, stderr and the exit status', function () {
    const dir = tempDir('connector-spawn-');
    const result = spawnTool('sh', ['-c', 'pwd; echo "$GREETING"; cat; echo oops >&2; exit 3'], {
      cwd: dir,
      env: { GREETING: 'hello' },
      input: 'piped',
    });
    assert.deepEqual(result, { status: 3, signal: null, timedOut: false, stdout: `${dir}\nhello\npiped`, stderr: 'oops\n' });
  });

  it('leaves out a variable given as undefined', function () {
    process.env.GC_SPAWN_PROBE = 'set';
    try {
      assert.equal(spawnTool('sh', ['-c', 'echo "${GC_SPAWN_PROBE-unset}"']).stdout, 'set\n');
      assert.equal(spawnTool('sh', ['-c', 'echo "${GC_SPAWN_PROBE-unset}"'], { env: { GC_SPAWN_PROBE: undefined } }).stdout, 'unset\n');
    } finally {
      delete process.env.GC_SPAWN_PROBE;
    }
  });

  it('says a run timed out, and throws for a command that is not installed', function () {
    const slow = spawnTool('sleep', ['5'], { timeoutMs: 200 });
    assert.deepEqual([slow.timedOut, slow.status, slow.signal], [true, null, 'SIGTERM']);
    assert.throws(() => spawnTool('gc-no-such-command', []), /gc-no-such-command could not run/);
  });
});

describe('test support: seedCheckout', function () {
  it('openmetadata: the real service files and an ingestion folder', function () {
    requireFixtures(this, `openmetadata/${SERVICES_DIR}`);
    const dir = seedCheckout('openmetadata', tempDir('connector-seed-om-'));
    const files = listFiles(dir);
    assert.ok(files.includes(`${SERVICES_DIR}/databaseService.json`), files.join('\n'));
    assert.ok(
      files.every((f) => f.startsWith(`${SERVICES_DIR}/`) && f.endsWith('Service.json')),
      files.join('\n'),
    );
    assert.ok(existsSync(path.join(dir, 'ingestion')));
  });

  it('mage: a copy of the small mage-ai host, sources folder included', function () {
    const dir = seedCheckout('mage', path.join(tempDir('connector-seed-mage-'), 'new', 'folder'));
    assert.ok(listFiles(dir).includes('mage_ai/data_integrations/sources/constants.py'));
    assert.ok(existsSync(path.join(dir, 'mage_integrations/mage_integrations/sources')));
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
    const child = spawnSync(process.execPath, ['--import', 'tsx/esm', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, KEEP_TEST_DIRS: '' },
    });
    assert.equal(child.status, 0, child.stderr);
    const { dir, presentAfterCleanup } = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { dir: string; presentAfterCleanup: boolean };
    assert.equal(presentAfterCleanup, true, 'the exit handler removed the folder itself, so the process waited for it');
    const deadline = Date.now() + 30_000;
    while (existsSync(dir) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(!existsSync(dir), `${dir} is still there 30 s after the process exited`);
  });
});
