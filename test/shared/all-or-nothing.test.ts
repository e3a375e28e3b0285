/**
 * A run lands every file and every registration edit, or changes nothing.
 * Each test starts from a checkout where a re-run has everything at once to
 * write: registration edits (the host files were reset), new files (the
 * profile gained a capability or a stream), files the user edited (conflicts)
 * and .yo-rc.json. It injects one fault and compares the whole tree, byte for
 * byte, with the tree before the run.
 */
import assert from 'node:assert/strict';
import { appendFileSync, chmodSync, cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import fsPromises from 'node:fs/promises';
import path from 'node:path';
import { BIN, diffTrees, isEmptyDiff, rejection, runGenerator, snapshotTree, tempDir, type TreeSnapshot } from '../support/generate.js';
import { requireFixtures, skipWithReason } from '../support/fixtures.js';
import { nonRootAccount, readableBy, runAs } from '../support/users.js';
import { seedCheckout } from '../support/checkouts.js';
import { spawnTool } from '../support/spawn.js';
import { flagsOf } from '../support/hosts.js';
import type { GeneratorName } from '../support/generate.js';

interface Scenario {
  host: GeneratorName;
  /** makes a fresh checkout in `dir` (and resets its host files when run again) */
  seed: (dir: string) => void;
  first: Record<string, unknown>;
  /** the same connector, with more to write */
  grown: Record<string, unknown>;
  /** files of the first run the user edits by hand, in the order the run meets them */
  edited: string[];
  /** a path the run must create a folder at, relative to the checkout */
  folder: string;
}

const SCENARIOS: Scenario[] = [
  {
    host: 'openmetadata',
    seed: (dir) => seedCheckout('openmetadata', dir),
    first: { name: 'shop_db', serviceType: 'database', capabilities: ['metadata'] },
    grown: { name: 'shop_db', serviceType: 'database', capabilities: ['metadata', 'lineage'] },
    edited: [
      'openmetadata-spec/src/main/resources/json/schema/entity/services/connections/database/shopDbConnection.json',
      'ingestion/src/metadata/ingestion/source/database/shopdb/metadata.py',
      'ingestion/src/metadata/ingestion/source/database/shopdb/CONNECTOR_CONTEXT.md',
    ],
    folder: 'ingestion/src/metadata/ingestion/source/database',
  },
  {
    host: 'mage',
    seed: (dir) => seedCheckout('mage', dir),
    first: { name: 'shop_api', connectorType: 'api', streams: ['orders'] },
    grown: { name: 'shop_api', connectorType: 'api', streams: ['orders', 'users'] },
    edited: [
      'mage_integrations/mage_integrations/sources/shop_api/__init__.py',
      'mage_integrations/mage_integrations/sources/shop_api/client.py',
      'mage_integrations/mage_integrations/sources/shop_api/CONNECTOR_CONTEXT.md',
    ],
    folder: 'mage_integrations/mage_integrations/sources',
  },
];

const EDIT = '\n# edited by hand\n';

/** An exception shaped as inquirer's when the user presses Ctrl-C at a prompt. */
const ctrlC = (): Error => Object.assign(new Error('User force closed the prompt with SIGINT'), { name: 'ExitPromptError' });

const unchanged = (dir: string, before: TreeSnapshot): void => {
  const diff = diffTrees(before, snapshotTree(dir));
  assert.ok(isEmptyDiff(diff), `the run changed the tree: ${JSON.stringify(diff)}`);
};

for (const s of SCENARIOS) {
  describe(`all or nothing (${s.host})`, function () {
    let base: string;

    before(async function () {
      if (s.host === 'openmetadata') requireFixtures(this, 'openmetadata');
      base = tempDir(`all-or-nothing-${s.host}-`);
      s.seed(base);
      await runGenerator(s.host, s.first, { cwd: base });
      s.seed(base); // the host files as before the first run: the re-run registers again
      for (const file of s.edited) appendFileSync(path.join(base, file), EDIT);
    });

    const fresh = (): string => {
      const dir = tempDir(`all-or-nothing-${s.host}-case-`);
      cpSync(base, dir, { recursive: true });
      return dir;
    };

    /** Answers the conflict prompts: overwrite, except `fault` at the n-th (1-based). */
    const atConflict = (n: number, fault: () => unknown) => {
      let seen = 0;
      return (answer: unknown, question: { name?: string }): unknown => {
        if (question.name !== 'action') return answer;
        seen += 1;
        return seen === n ? fault() : 'write';
      };
    };

    for (const [label, n] of [['first', 1], ['middle', 2], ['last', 3]] as const) {
      it(`abort at the ${label} conflict changes nothing (no registration edit, no new file, no .yo-rc.json)`, async function () {
        const dir = fresh();
        const before = snapshotTree(dir);
        const error = await rejection(
          runGenerator(s.host, { ...s.grown, interactive: true }, { cwd: dir, answerCallback: atConflict(n, () => 'abort') }),
        );
        assert.equal(error.name, 'CancelledError', error.stack);
        assert.match(error.message, /nothing was written/);
        unchanged(dir, before);
      });
    }

    // In process the prompt's error reaches the run as inquirer raised it; the bin's wording is specified in test/bin.
    it('Ctrl-C at a conflict changes nothing', async function () {
      const dir = fresh();
      const before = snapshotTree(dir);
      const error = await rejection(
        runGenerator(s.host, { ...s.grown, interactive: true }, { cwd: dir, answerCallback: atConflict(2, () => { throw ctrlC(); }) }),
      );
      assert.ok(['CancelledError', 'ExitPromptError'].includes(error.name), error.stack);
      unchanged(dir, before);
    });

    it('Ctrl-C during the profile questions changes nothing', async function () {
      const dir = fresh();
      const before = snapshotTree(dir);
      const rest = { ...s.grown };
      delete rest.name;
      const callback = (_answer: unknown, question: { name?: string }): unknown => {
        if (question.name === 'name') return 'another_one';
        throw ctrlC();
      };
      await rejection(runGenerator(s.host, { ...rest, interactive: true }, { cwd: dir, answerCallback: callback }));
      unchanged(dir, before);
    });

    it('a conflict without a terminal changes nothing, registration edits included', async function () {
      const dir = fresh();
      const before = snapshotTree(dir);
      const error = await rejection(runGenerator(s.host, s.grown, { cwd: dir }));
      assert.equal(error.name, 'ConflictError');
      for (const file of s.edited) assert.ok(error.message.includes(file), `${file} not named in: ${error.message}`);
      unchanged(dir, before);
    });

    it('a file where a folder must go is reported before the first write, naming the path, and nothing is written', async function () {
      const dir = tempDir(`all-or-nothing-${s.host}-blocked-`);
      s.seed(dir);
      rmSync(path.join(dir, s.folder), { recursive: true, force: true });
      mkdirSync(path.dirname(path.join(dir, s.folder)), { recursive: true });
      writeFileSync(path.join(dir, s.folder), 'not a folder\n');
      const before = snapshotTree(dir);
      const error = await rejection(runGenerator(s.host, s.first, { cwd: dir }));
      assert.equal(error.name, 'WriteError', error.stack);
      assert.ok(error.message.includes(`${s.folder}: a file is where a folder must go`), error.message);
      assert.match(error.message, /Nothing was written/);
      unchanged(dir, before);
    });

    it('a folder without write permission is reported before the first write (the bin, as a non-root user), and nothing is written', function () {
      const found = nonRootAccount();
      if (typeof found === 'string') skipWithReason(this, found);
      const user = found;
      if (!readableBy(user, BIN)) skipWithReason(this, `${user.name} cannot read ${BIN}`);
      const dir = tempDir(`all-or-nothing-${s.host}-readonly-`);
      s.seed(dir);
      mkdirSync(path.join(dir, s.folder), { recursive: true });
      spawnTool('chown', ['-R', `${user.uid}:${user.gid}`, dir]);
      chmodSync(path.join(dir, s.folder), 0o555);
      const before = snapshotTree(dir);
      const result = runAs(user, dir, [process.execPath, BIN, s.host, ...flagsOf(s.first)]);
      chmodSync(path.join(dir, s.folder), 0o755);
      assert.notEqual(result.status, 0, result.out);
      assert.ok(result.out.includes(`${s.folder}: no permission to write in this folder`), result.out);
      assert.match(result.out, /Nothing was written/);
      assert.doesNotMatch(result.out, /EACCES/);
      unchanged(dir, before);
    });

    it('a write that fails part-way restores every file the run had changed and removes the folders it made', async function () {
      const dir = fresh();
      const before = snapshotTree(dir);
      const realWriteFile = fsPromises.writeFile;
      let writes = 0;
      // mem-fs-editor's commit writes through fs/promises: the fourth write fails as a full disk would.
      fsPromises.writeFile = (async (...args: Parameters<typeof realWriteFile>) => {
        writes += 1;
        if (writes === 4) {
          const [file] = args;
          assert.ok(typeof file === 'string', 'mem-fs-editor writes to a path');
          throw Object.assign(new Error(`ENOSPC: no space left on device, open '${file}'`), { code: 'ENOSPC', path: file });
        }
        return realWriteFile(...args);
      }) as typeof realWriteFile;
      let error: Error;
      try {
        error = await rejection(runGenerator(s.host, { ...s.grown, force: true }, { cwd: dir, env: { force: true } }));
      } finally {
        fsPromises.writeFile = realWriteFile;
      }
      assert.ok(writes >= 4, `only ${writes} writes happened`);
      assert.equal(error.name, 'WriteError', error.stack);
      assert.match(error.message, /ENOSPC/);
      assert.match(error.message, /restored/);
      unchanged(dir, before);
    });
  });
}
