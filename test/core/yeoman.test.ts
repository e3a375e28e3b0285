/**
 * The contract of core/yeoman.ts with the Yeoman versions package.json pins: each member it reads
 * beyond yeoman-generator's typed API is there and means what the module says. A Yeoman upgrade
 * that moves one fails here, by name, instead of somewhere in a run.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import helpers from 'yeoman-test';
import Generator from 'yeoman-generator';
import {
  adapterSignal,
  conflicterOptions,
  declaredOptionNames,
  ioAdapter,
  leaveOutTaskErrorLine,
  markForced,
  runFolder,
  sharedFs,
} from '../../core/yeoman.js';
import { REPO_ROOT } from '../support/fixtures.js';
import { tempDir } from '../support/generate.js';

const PINNED = ['yeoman-generator', 'yeoman-environment', 'mem-fs-editor', '@yeoman/conflicter'] as const;

/** What a generator saw of the boundary during its run. */
interface Seen {
  options?: string[];
  force?: boolean;
  runFolder?: string;
  hasSignal?: boolean;
  adapterPrompts?: boolean;
  storeHasFile?: boolean;
}

function probeGenerator(seen: Seen, existing: string) {
  return class Probe extends Generator {
    constructor(args?: string[], options?: Generator['options']) {
      super(args, options);
      this.option('service-type', { type: String, alias: 's' });
    }

    writing(): void {
      seen.options = declaredOptionNames(this);
      seen.force = conflicterOptions(this).force;
      seen.runFolder = runFolder(this);
      seen.hasSignal = adapterSignal(this) instanceof AbortSignal;
      seen.adapterPrompts = typeof ioAdapter(this).prompt === 'function';
      this.fs.write(existing, 'written by the run\n');
      seen.storeHasFile = sharedFs(this).all().some((file) => file.path === existing);
      // without this the conflicter would ask before replacing the file that differs
      markForced(this, existing);
    }
  };
}

/** A generator whose writing fails after logging an error of its own; what reached its log's error() is recorded. */
function failingGenerator(errors: unknown[], quiet: boolean) {
  return class Failing extends Generator {
    constructor(args?: string[], options?: Generator['options']) {
      super(args, options);
      this.log.error = (message: unknown) => {
        errors.push(message);
        return this.log;
      };
      if (quiet) leaveOutTaskErrorLine(this);
    }

    writing(): void {
      this.log.error('our own message, which says what to do');
      throw new Error('the task failed');
    }
  };
}

describe('the Yeoman boundary (core/yeoman.ts) against the pinned Yeoman', function () {
  // yeoman-test runs a generator in its folder and stays there: the specs after these start where they did
  const startedIn = process.cwd();
  afterEach(() => {
    process.chdir(startedIn);
  });

  it('runs against the versions package.json pins', function () {
    const pins = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies;
    for (const name of PINNED) {
      const installed = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
      assert.equal(installed, pins[name], `${name}: installed ${installed}, pinned ${pins[name]}`);
    }
  });

  it('reads declared options with aliases, environment flags, the run folder, the adapter and its store; a forced file is written without a question', async function () {
    const dir = tempDir('yeoman-boundary-');
    const existing = path.join(dir, 'existing.txt');
    writeFileSync(existing, 'the user had this\n');
    const seen: Seen = {};
    // no answers, and a missing answer throws: a conflict question would fail the run
    await helpers
      .run(probeGenerator(seen, existing), { cwd: dir, tmpdir: false, autoCleanup: false }, { force: false })
      .withAnswers({}, { throwOnMissingAnswer: true });
    const options = seen.options ?? [];
    assert.ok(options.includes('service-type') && options.includes('s'), `declared options: ${JSON.stringify(options)}`);
    assert.ok(options.includes('help'), 'yeoman-generator declares --help itself');
    assert.equal(seen.force, false, 'conflicterOptions carries the environment flags');
    assert.equal(seen.runFolder, dir, 'logCwd is the folder the run started in');
    assert.equal(seen.adapterPrompts, true, 'the adapter asks through prompt()');
    assert.equal(typeof seen.hasSignal, 'boolean');
    assert.equal(seen.storeHasFile, true, 'sharedFs.all() lists the files written through mem-fs');
    assert.ok(existsSync(existing));
    assert.equal(readFileSync(existing, 'utf8'), 'written by the run\n', 'a file marked forced replaces the one on disk without asking');
  });

  it("logs a failing task's internal name, a line leaveOutTaskErrorLine leaves out while the generator's own errors pass", async function () {
    const run = async (quiet: boolean): Promise<unknown[]> => {
      const errors: unknown[] = [];
      const dir = tempDir('yeoman-boundary-');
      await assert.rejects(helpers.run(failingGenerator(errors, quiet), { cwd: dir, tmpdir: false, autoCleanup: false }), /the task failed/);
      return errors;
    };
    const yeomans = await run(false);
    assert.ok(
      yeomans.some((message) => typeof message === 'string' && message.startsWith('An error occured while running ') && message.endsWith('#writing')),
      `Yeoman logged: ${JSON.stringify(yeomans)}`,
    );
    assert.deepEqual(await run(true), ['our own message, which says what to do']);
  });

  it('carries --force given to the environment', async function () {
    const dir = tempDir('yeoman-boundary-');
    const seen: Seen = {};
    await helpers.run(probeGenerator(seen, path.join(dir, 'new.txt')), { cwd: dir, tmpdir: false, autoCleanup: false }, { force: true });
    assert.equal(seen.force, true);
  });
});
