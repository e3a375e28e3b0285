/**
 * Composability: a parent generator (defined here) composes our host
 * generators (a) by namespace, after registering them as connector:*, and
 * (b) by absolute path, passing options. The files it produces must equal
 * those of a direct run with the same options.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import Generator from 'yeoman-generator';
import helpers from 'yeoman-test';
import { generatorPath, readTree, runGenerator, tempDir, type GeneratorName } from '../support/generate.js';
import { HOST_CASES, generatorBuilt } from '../support/hosts.js';

const ALL_GENERATORS: GeneratorName[] = ['openmetadata', 'mage', 'context-doc', 'app'];

/** A parent generator that composes `target` (namespace or absolute path) with `childOptions` in its own task. */
function parentComposing(target: string, childOptions: Record<string, unknown>) {
  return class ParentGenerator extends Generator {
    async initializing(): Promise<void> {
      await this.composeWith(target, { ...childOptions });
    }
  };
}

/** Runs a parent generator class with yeoman-test in `dir`, our generators registered under connector:* when asked. */
async function runParent(Parent: ReturnType<typeof parentComposing>, dir: string, register: boolean): Promise<void> {
  const previous = process.cwd();
  try {
    await helpers
      .run(Parent as never, { cwd: dir, tmpdir: false, autoCleanup: false, namespace: 'parent:app' }, { force: false })
      .withEnvironment((env) => {
        if (!register) return;
        for (const name of ALL_GENERATORS.filter((n) => generatorBuilt({ generator: n }))) {
          env.register(generatorPath(name), { namespace: `connector:${name}` });
        }
      });
  } finally {
    process.chdir(previous);
  }
}

for (const c of HOST_CASES) {
  describe(`composition by another generator (${c.host})`, function () {
    const options = {
      ...c.minimal,
      apiEndpoints: ['GET /v1/items', 'GET /v1/items/{id}'],
      docsNotes: 'Rate limited to 10 requests per second.',
    };
    const childOptions = { ...options, interactive: false };
    let direct: Map<string, string>;

    before(async function () {
      assert.ok(generatorBuilt(c), `${c.generator} generator is not built: dist/generators/${c.generator}/index.js is missing (unfinished?)`);
      const { dir } = await runGenerator(c.generator, options);
      direct = readTree(dir);
      assert.ok(direct.size > 1, 'the direct run generated files');
    });

    it(`by namespace connector:${c.generator}, registered in the environment`, async function () {
      const dir = tempDir();
      await runParent(parentComposing(`connector:${c.generator}`, childOptions), dir, true);
      assert.deepEqual([...readTree(dir).keys()], [...direct.keys()]);
      assert.deepEqual(readTree(dir), direct);
    });

    it('by the absolute path of the compiled generator', async function () {
      const dir = tempDir();
      const target = generatorPath(c.generator);
      assert.ok(path.isAbsolute(target));
      await runParent(parentComposing(target, childOptions), dir, false);
      assert.deepEqual([...readTree(dir).keys()], [...direct.keys()]);
      assert.deepEqual(readTree(dir), direct);
    });
  });
}
