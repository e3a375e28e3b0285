/**
 * The commit of a run (core/commit/, whose exports the generators import through core/commit.ts),
 * driven directly: files written to a real mem-fs store through mem-fs-editor (as a generator writes
 * them), committed by commitAllOrNothing with a fake of the environment's adapter (yeoman-test's
 * TestAdapter, its log kept line by line). No Yeoman environment runs. The phases: the three-way
 * merge settles what it can, then check (every path writable), decide (every conflict settled before
 * the first write), write (undone if it fails part-way), and the records of what was generated once
 * all is written.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import fsPromises from 'node:fs/promises';
import path from 'node:path';
import { format } from 'node:util';
import { create as createStore } from 'mem-fs';
import { create as createEditor, type MemFsEditor } from 'mem-fs-editor';
import { TestAdapter } from 'yeoman-test';
import { checkoutLockPath } from '../../core/checkout-lock.js';
import { commitAllOrNothing } from '../../core/commit/all-or-nothing.js';
import type { CommitContext, PendingFile } from '../../core/commit/context.js';
import { ConflictError, WriteError } from '../../core/commit/errors.js';
import { readPlan, readRecord, writePlan, writeRecord } from '../../core/merge.js';
import { diffTrees, isEmptyDiff, rejection, snapshotTree, tempDir } from '../support/generate.js';

/** Prompt answers for the adapter (yeoman-test does not export the type by name). */
type TestAdapterOptions = NonNullable<ConstructorParameters<typeof TestAdapter>[0]>;

/** The value of the choice keyed `key` of a prompt question (yeoman-test's type of a question leaves its choices out). */
function choiceValue(question: object, key: string): unknown {
  const choices: unknown = Reflect.get(question, 'choices');
  // Array.isArray narrows to any[]: read as unknown[]
  const keyed = Array.isArray(choices)
    ? (choices as unknown[]).find((c) => typeof c === 'object' && c !== null && Reflect.get(c, 'key') === key)
    : undefined;
  return typeof keyed === 'object' && keyed !== null ? Reflect.get(keyed, 'value') : undefined;
}

/** Seven lines: a change to the first and one to the last merge cleanly. */
const BASE = ['one', 'two', 'three', 'four', 'five', 'six', 'seven'];
const text = (lines: readonly string[]): string => `${lines.join('\n')}\n`;
const withLine = (index: number, line: string): string => text(BASE.map((l, i) => (i === index ? line : l)));

type Log = CommitContext['adapter']['log'];

/**
 * A log that keeps what is said, one entry a line: status lines as `<status> <path>` (Yeoman's own,
 * `create a.txt`, and the merge's, `update a.txt`), messages as `<method> <text>` (`info ...`).
 * Only the methods Yeoman's log declares; the commit calling any other would fail the test.
 */
function recordingLog(said: string[]): Log {
  const say =
    (method: string) =>
    (...args: unknown[]): Log => {
      const line = format(...args).trim();
      // the merge's status lines are written whole (`   update a.txt`); Yeoman's are a method per status
      said.push(method === 'write' || method === 'writeln' ? line.replace(/\s+/, ' ') : `${method} ${line}`);
      return log;
    };
  const log: Log = Object.assign(say('log'), {
    ...{ write: say('write'), writeln: say('writeln'), ok: say('ok'), error: say('error'), colored: say('colored') },
    ...{ create: say('create'), identical: say('identical'), force: say('force'), skip: say('skip'), conflict: say('conflict') },
    ...{ info: say('info'), invoke: say('invoke'), added: say('added'), removed: say('removed') },
  });
  return log;
}

/** The environment's adapter as the commit sees it: yeoman-test's TestAdapter (prompts answered as told), with a recording log. */
class RecordingAdapter extends TestAdapter {
  readonly said: string[] = [];

  constructor(options?: TestAdapterOptions) {
    super(options);
    this.log = recordingLog(this.said);
  }
}

/** A destination folder with its files, the mem-fs a run writes to, and the records of a run before. */
class Checkout {
  readonly dir = tempDir('connector-commit-');
  private readonly store = createStore<PendingFile>();
  /** what the generator writes in memory before the commit */
  readonly fs: MemFsEditor<PendingFile> = createEditor(this.store);

  path(relative: string): string {
    return path.join(this.dir, relative);
  }

  /** `relative` on disk now, as the user has it. */
  onDisk(relative: string, contents: string): this {
    mkdirSync(path.dirname(this.path(relative)), { recursive: true });
    writeFileSync(this.path(relative), contents);
    return this;
  }

  /** What an earlier run generated for `relative` (the base of this run's merge). */
  generatedBefore(relative: string, contents: string): this {
    writeRecord(this.dir, relative, Buffer.from(contents));
    return this;
  }

  /** What this run generates for `relative`, in memory. */
  generate(relative: string, contents: string): this {
    this.fs.write(this.path(relative), contents);
    return this;
  }

  read(relative: string): string {
    return readFileSync(this.path(relative), 'utf8');
  }

  /** Commits what this run generated; `ask`: there is a terminal, its prompts answered by `answers`. */
  async commit(options: Partial<Omit<CommitContext, 'sharedFs' | 'adapter'>> & { ask?: TestAdapterOptions } = {}): Promise<string[]> {
    const { ask, ...context } = options;
    const adapter = new RecordingAdapter(ask);
    await commitAllOrNothing({
      sharedFs: this.store,
      adapter,
      conflicterOptions: { cwd: this.dir },
      root: this.dir,
      destinationRoot: this.dir,
      writeConflictMarkers: false,
      canAsk: ask !== undefined,
      force: false,
      dryRun: false,
      ...context,
    });
    return adapter.said;
  }

  /** Commits, expecting it to fail: the error, and the lines said before. */
  async failedCommit(options: Parameters<Checkout['commit']>[0] = {}): Promise<Error> {
    return rejection(this.commit(options));
  }
}

/** A checkout where this run has a true conflict in `conflict.txt` (both changed line four) and a new file. */
function conflicting(): Checkout {
  return new Checkout()
    .generatedBefore('conflict.txt', text(BASE))
    .onDisk('conflict.txt', withLine(3, 'four, the user’s'))
    .generate('conflict.txt', withLine(3, 'four, the generator’s'))
    .generate('new.txt', 'new\n');
}

describe('core/commit: the commit of a run, all or nothing', function () {
  let previousStateDir: string | undefined;

  beforeEach(function () {
    previousStateDir = process.env.GENERATOR_CONNECTOR_STATE_DIR;
    process.env.GENERATOR_CONNECTOR_STATE_DIR = tempDir('connector-commit-records-');
  });

  afterEach(function () {
    if (previousStateDir === undefined) delete process.env.GENERATOR_CONNECTOR_STATE_DIR;
    else process.env.GENERATOR_CONNECTOR_STATE_DIR = previousStateDir;
  });

  describe('a commit with nothing in the way', function () {
    it('writes every file, says create for each, and records what it generated as the base of the next run', async function () {
      const checkout = new Checkout().generate('a.txt', 'a\n').generate('nested/b.txt', 'b\n');
      const said = await checkout.commit();
      assert.equal(checkout.read('a.txt'), 'a\n');
      assert.equal(checkout.read('nested/b.txt'), 'b\n');
      assert.deepEqual(said, ['create a.txt', 'create nested/b.txt']);
      assert.equal(readRecord(checkout.dir, 'a.txt')?.toString(), 'a\n');
      assert.equal(readRecord(checkout.dir, 'nested/b.txt')?.toString(), 'b\n');
    });

    it('leaves no lock behind', async function () {
      const checkout = new Checkout().generate('a.txt', 'a\n');
      await checkout.commit();
      assert.ok(!existsSync(checkoutLockPath(checkout.dir)));
    });

    it('calls refresh with the checkout’s lock held, before anything is decided, and commits what it adds', async function () {
      const checkout = new Checkout().generate('a.txt', 'a\n');
      let lockHeld = false;
      await checkout.commit({
        refresh: () => {
          lockHeld = existsSync(checkoutLockPath(checkout.dir));
          checkout.generate('host-file.json', '{"registered": true}\n');
        },
      });
      assert.ok(lockHeld, 'refresh ran without the lock');
      assert.equal(checkout.read('host-file.json'), '{"registered": true}\n');
    });
  });

  describe('a dry run', function () {
    it('writes nothing: no file, no record, no lock', async function () {
      const checkout = new Checkout().onDisk('edited.txt', 'mine\n').generate('edited.txt', 'generated\n').generate('new.txt', 'new\n');
      const before = snapshotTree(checkout.dir);
      const said = await checkout.commit({ dryRun: true });
      assert.ok(isEmptyDiff(diffTrees(before, snapshotTree(checkout.dir))), 'the dry run wrote to the checkout');
      assert.equal(readRecord(checkout.dir, 'new.txt'), undefined);
      assert.deepEqual(said, []);
    });
  });

  describe('what the three-way merge settles without asking', function () {
    it('update, merge, keep and identical: each file as the merge decides, each said by its status', async function () {
      const checkout = new Checkout()
        .generatedBefore('untouched.txt', text(BASE))
        .onDisk('untouched.txt', text(BASE))
        .generate('untouched.txt', withLine(6, 'seven, generated anew'))
        .generatedBefore('both.txt', text(BASE))
        .onDisk('both.txt', withLine(0, 'one, the user’s'))
        .generate('both.txt', withLine(6, 'seven, generated anew'))
        .generatedBefore('unchanged.txt', text(BASE))
        .onDisk('unchanged.txt', withLine(0, 'one, the user’s'))
        .generate('unchanged.txt', text(BASE))
        .onDisk('same.txt', 'same\n')
        .generate('same.txt', 'same\n');
      const said = await checkout.commit();
      assert.equal(checkout.read('untouched.txt'), withLine(6, 'seven, generated anew'));
      assert.equal(checkout.read('both.txt'), text(['one, the user’s', ...BASE.slice(1, 6), 'seven, generated anew']));
      assert.equal(checkout.read('unchanged.txt'), withLine(0, 'one, the user’s'));
      assert.deepEqual([...said].sort(), ['identical same.txt', 'keep unchanged.txt', 'merge both.txt', 'update untouched.txt']);
    });

    it('records what this run generated, not the merge: the next run merges against it', async function () {
      const checkout = new Checkout()
        .generatedBefore('both.txt', text(BASE))
        .onDisk('both.txt', withLine(0, 'one, the user’s'))
        .generate('both.txt', withLine(6, 'seven, generated anew'));
      await checkout.commit();
      assert.equal(readRecord(checkout.dir, 'both.txt')?.toString(), withLine(6, 'seven, generated anew'));
    });

    it('leaves a file still holding conflict markers as it is, says so, tells onMarkers, and keeps its older base', async function () {
      const marked = 'one\n<<<<<<< yours\nmine\n=======\ntheirs\n>>>>>>> generated now\nseven\n';
      const checkout = new Checkout()
        .generatedBefore('marked.txt', text(BASE))
        .onDisk('marked.txt', marked)
        .generate('marked.txt', withLine(6, 'seven, anew'));
      let markers: string[] = [];
      const said = await checkout.commit({ onMarkers: (files) => (markers = files) });
      assert.equal(checkout.read('marked.txt'), marked);
      assert.deepEqual(said, ['conflict marked.txt (holds conflict markers: left as it is until you resolve them)']);
      assert.deepEqual(markers, [checkout.path('marked.txt')]);
      assert.equal(readRecord(checkout.dir, 'marked.txt')?.toString(), text(BASE));
    });
  });

  describe('check: every path can be written, before the first write', function () {
    it('a file where a folder must go fails the run naming the path, and no other file is written', async function () {
      const checkout = new Checkout().onDisk('blocker', 'a file\n').generate('a.txt', 'a\n').generate('blocker/b.txt', 'b\n');
      const before = snapshotTree(checkout.dir);
      const error = await checkout.failedCommit();
      assert.ok(error instanceof WriteError, error.stack);
      assert.match(error.message, /^1 path\(s\) cannot be written:\n {2}blocker: a file is where a folder must go \(for blocker\/b\.txt\)\n/);
      assert.match(error.message, /Nothing was written/);
      assert.ok(isEmptyDiff(diffTrees(before, snapshotTree(checkout.dir))), 'a file was written');
      assert.equal(readRecord(checkout.dir, 'a.txt'), undefined, 'a record was written');
    });
  });

  describe('decide: every conflict settled before the first write', function () {
    it('without a terminal a conflict rejects with a ConflictError naming the file, and nothing is written, not even the files without one', async function () {
      const checkout = conflicting();
      const before = snapshotTree(checkout.dir);
      const error = await checkout.failedCommit();
      assert.ok(error instanceof ConflictError, error.stack);
      assert.deepEqual(error.files, [
        'conflict.txt  (you and this run both changed the same lines; --write-conflict-markers writes the merge with markers)',
      ]);
      assert.match(error.message, /^1 existing file\(s\) would be overwritten and there is no terminal to ask:\n {2}conflict\.txt /);
      assert.match(error.message, /Nothing was written\./);
      assert.match(error.message, /re-run with --write-conflict-markers/);
      assert.ok(isEmptyDiff(diffTrees(before, snapshotTree(checkout.dir))), 'a file was written');
      assert.equal(readRecord(checkout.dir, 'new.txt'), undefined, 'a record was written');
      assert.equal(readRecord(checkout.dir, 'conflict.txt')?.toString(), text(BASE), 'the base moved on');
    });

    it('without a terminal a file with no record (it predates records) is a conflict too, and --write-conflict-markers is not offered for it', async function () {
      const checkout = new Checkout().onDisk('old.txt', 'mine\n').generate('old.txt', 'generated\n');
      const error = await checkout.failedCommit({ writeConflictMarkers: true });
      assert.ok(error instanceof ConflictError, error.stack);
      assert.match(error.message, /old\.txt {2}\(no record of what an earlier run wrote/);
      assert.doesNotMatch(error.message, /--write-conflict-markers/);
      assert.equal(checkout.read('old.txt'), 'mine\n');
    });

    it('--write-conflict-markers writes the merge with its markers, tells onMarkers, and records what was generated, not the markers', async function () {
      const checkout = conflicting();
      let markers: string[] = [];
      await checkout.commit({ writeConflictMarkers: true, onMarkers: (files) => (markers = files) });
      const written = checkout.read('conflict.txt');
      assert.match(
        written,
        /^<{7} conflict\.txt \(yours\)\nfour, the user’s\n(?:.*\n)*={7}\nfour, the generator’s\n>{7} conflict\.txt \(generated now\)\n/m,
      );
      assert.deepEqual(markers, [checkout.path('conflict.txt')]);
      assert.equal(checkout.read('new.txt'), 'new\n');
      assert.equal(readRecord(checkout.dir, 'conflict.txt')?.toString(), withLine(3, 'four, the generator’s'));
    });

    it('--force writes what this run generates over the user’s edits, and its line says they are discarded', async function () {
      const checkout = conflicting().onDisk('old.txt', 'mine\n').generate('old.txt', 'generated\n');
      const said = await checkout.commit({ force: true });
      assert.equal(checkout.read('conflict.txt'), withLine(3, 'four, the generator’s'));
      assert.equal(checkout.read('old.txt'), 'generated\n');
      assert.deepEqual([...said].sort(), ['create new.txt', 'force conflict.txt (discards your edits)', 'force old.txt']);
    });

    it('at a terminal the user’s answer decides: skip leaves the file as the user has it, and the rest is written', async function () {
      const checkout = conflicting();
      const said = await checkout.commit({ ask: { mockedAnswers: { action: 'skip' } } });
      assert.equal(checkout.read('conflict.txt'), withLine(3, 'four, the user’s'));
      assert.equal(checkout.read('new.txt'), 'new\n');
      assert.ok(said.includes('conflict conflict.txt'), said.join('\n'));
    });

    it('at a terminal a true conflict offers m, which writes the merge with its markers', async function () {
      const checkout = conflicting();
      let markers: string[] = [];
      // the user types m: the answer is the value of the choice keyed m
      const pickM = (answer: unknown, { question }: { question: object }): unknown => choiceValue(question, 'm') ?? answer;
      await checkout.commit({ ask: { mockedAnswers: { action: 'skip' }, callback: pickM }, onMarkers: (files) => (markers = files) });
      assert.match(checkout.read('conflict.txt'), /^<{7} conflict\.txt \(yours\)$/m);
      assert.deepEqual(markers, [checkout.path('conflict.txt')]);
    });
  });

  describe('write: a write that fails part-way is undone', function () {
    it('a failure in the last file puts back every file written before it and removes the folders the run made', async function () {
      const checkout = new Checkout()
        .generatedBefore('existing.txt', 'as generated\n')
        .onDisk('existing.txt', 'as generated\n')
        .generate('existing.txt', 'generated anew\n')
        .generate('made/for/this.txt', 'new\n')
        .generate('last.txt', 'never written\n');
      const before = snapshotTree(checkout.dir);
      const realWriteFile = fsPromises.writeFile;
      const written: string[] = [];
      // core/atomic-commit.ts writes a temporary file beside each target: the last one fails as a full disk would
      fsPromises.writeFile = (async (...args: Parameters<typeof realWriteFile>) => {
        const target = typeof args[0] === 'string' ? args[0] : ''; // core/atomic-commit.ts passes a path
        if (path.basename(target).startsWith('.last.txt.'))
          throw Object.assign(new Error(`ENOSPC: no space left on device, open '${target}'`), { code: 'ENOSPC', path: target });
        written.push(path.relative(checkout.dir, target));
        return realWriteFile(...args);
      }) as typeof realWriteFile;
      let error: Error;
      try {
        error = await checkout.failedCommit();
      } finally {
        fsPromises.writeFile = realWriteFile;
      }
      assert.equal(written.length, 2, `the files before the last one were not written first: ${written.join(', ')}`);
      assert.ok(error instanceof WriteError, error.stack);
      assert.match(error.message, /^Could not write: \S*last\.txt\S* \(ENOSPC\b.*\)\.\nThe 2 file\(s\) this run had written were restored/);
      assert.ok(isEmptyDiff(diffTrees(before, snapshotTree(checkout.dir))), 'the checkout differs from before the run');
      assert.ok(!existsSync(checkout.path('made')), 'the folders the run made are still there');
      assert.equal(readRecord(checkout.dir, 'existing.txt')?.toString(), 'as generated\n', 'a record was written');
    });
  });

  describe('the connector’s files as a whole (lifecycle)', function () {
    const connector = 'openmetadata:shop_db';

    it('after the commit records the plan (obsolete files kept in it), and forgets the record of a file it deleted', async function () {
      const checkout = new Checkout()
        .generatedBefore('dropped.txt', 'as generated\n')
        .onDisk('dropped.txt', 'as generated\n')
        .onDisk('edited-old.txt', 'the user’s\n')
        .generate('a.txt', 'a\n');
      writePlan(checkout.dir, connector, ['a.txt', 'dropped.txt', 'edited-old.txt']);
      // no longer planned and as generated: the generator deletes it through mem-fs
      checkout.fs.delete(checkout.path('dropped.txt'));
      const said = await checkout.commit({
        lifecycle: { connector, planned: ['a.txt'], changes: { absent: [], delete: ['dropped.txt'], obsolete: ['edited-old.txt'] } },
      });
      assert.ok(!existsSync(checkout.path('dropped.txt')), 'the file no longer planned is still there');
      assert.equal(checkout.read('edited-old.txt'), 'the user’s\n');
      assert.equal(readRecord(checkout.dir, 'dropped.txt'), undefined);
      assert.deepEqual(readPlan(checkout.dir, connector), ['a.txt', 'edited-old.txt']);
      assert.ok(said.includes('obsolete edited-old.txt (no longer generated; kept because you changed it)'), said.join('\n'));
    });

    it('a file the user deleted stays deleted, is said to be absent, and keeps its record', async function () {
      const checkout = new Checkout().generatedBefore('gone.txt', 'as generated\n').generate('gone.txt', 'as generated\n').generate('a.txt', 'a\n');
      const said = await checkout.commit({
        lifecycle: { connector, planned: ['a.txt', 'gone.txt'], changes: { absent: ['gone.txt'], delete: [], obsolete: [] } },
      });
      assert.ok(!existsSync(checkout.path('gone.txt')), 'the file the user deleted was written again');
      assert.ok(said.includes('absent gone.txt (you deleted it; --force re-creates it)'), said.join('\n'));
      assert.equal(readRecord(checkout.dir, 'gone.txt')?.toString(), 'as generated\n');
    });
  });
});
