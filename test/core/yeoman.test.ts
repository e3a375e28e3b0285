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

describe('the Yeoman boundary (core/yeoman.ts) against the pinned Yeoman', function () {
  // yeoman-test runs a generator in its folder and stays there: the specs after these start where they did
  const startedIn = process.cwd();
  afterEach(() => process.chdir(startedIn));

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

  it('carries --force given to the environment', async function () {
    const dir = tempDir('yeoman-boundary-');
    const seen: Seen = {};
    await helpers.run(probeGenerator(seen, path.join(dir, 'new.txt')), { cwd: dir, tmpdir: false, autoCleanup: false }, { force: true });
    assert.equal(seen.force, true);
  });
});
