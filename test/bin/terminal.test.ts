/**
 * The bin in a real terminal (tmux), as a user meets it. Ctrl-C at a question
 * or at a conflict, and `x` (abort) at a conflict, each end the run with
 * "Cancelled; nothing was written.", exit status 130 and the folder unchanged.
 * Answers are checked as they are typed and asked again with the reason;
 * choices say what they mean; --ask-answered asks stored answers again.
 */
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { diffTrees, forgetRecords, isEmptyDiff, literal, runGenerator, snapshotTree, tempDir } from '../support/generate.js';
import { HOST_CASES, completeProfile, plannedFiles } from '../support/hosts.js';
import { requireFixtures, skipWithReason } from '../support/fixtures.js';
import { runInTerminal, terminalAvailable } from '../support/terminal.js';
import { seedCheckout } from '../support/checkouts.js';

const CONFLICT_PROMPT = /Overwrite .*\?/;

for (const c of HOST_CASES) {
  describe(`the bin in a terminal (${c.host})`, function () {
    this.timeout(90_000);
    let edited: string;

    before(function () {
      if (!terminalAvailable()) skipWithReason(this, 'tmux is not installed (.ci/run installs it)');
      edited = plannedFiles(c, completeProfile(c)).find((f) => f.endsWith('.py'))!;
    });

    /** A folder holding the connector, with one generated file edited by hand. */
    const withConflict = async (): Promise<string> => {
      const { dir } = await runGenerator(c.generator, c.minimal);
      appendFileSync(path.join(dir, edited), '\n# edited by hand\n');
      forgetRecords(); // without a record of the first run, the edit is a conflict, not a kept change
      return dir;
    };

    const assertCancelled = (run: { screen: string; status: number | undefined }, dir: string, before: ReturnType<typeof snapshotTree>): void => {
      assert.equal(run.status, 130, run.screen);
      assert.match(run.screen, /Cancelled; nothing was written\./);
      assert.doesNotMatch(run.screen, /An error occured|#prompting|#conflicts/, 'an internal task name reached the user');
      const diff = diffTrees(before, snapshotTree(dir));
      assert.ok(isEmptyDiff(diff), JSON.stringify(diff));
    };

    it('Ctrl-C at the first question', async function () {
      const dir = tempDir();
      const before = snapshotTree(dir);
      const run = await runInTerminal(dir, [c.generator], [{ waitFor: /\?.*name/i, keys: ['C-c'] }]);
      assertCancelled(run, dir, before);
    });

    it('Ctrl-C at a conflict', async function () {
      const dir = await withConflict();
      const before = snapshotTree(dir);
      const run = await runInTerminal(dir, [c.generator, ...c.flags, '--docs-notes', 'changed'], [{ waitFor: CONFLICT_PROMPT, keys: ['C-c'] }]);
      assertCancelled(run, dir, before);
    });

    it('abort (x) at a conflict', async function () {
      const dir = await withConflict();
      const before = snapshotTree(dir);
      const run = await runInTerminal(
        dir,
        [c.generator, ...c.flags, '--docs-notes', 'changed'],
        [{ waitFor: CONFLICT_PROMPT, keys: ['x', 'Enter'] }],
      );
      assertCancelled(run, dir, before);
      assert.match(run.screen, new RegExp(`Aborted at the conflict for ${literal(edited)}`));
    });
  });
}

describe('prompts in a terminal', function () {
  this.timeout(90_000);

  before(function () {
    if (!terminalAvailable()) skipWithReason(this, 'tmux is not installed (.ci/run installs it)');
  });

  const CANCEL = { waitFor: /$/, keys: ['C-c'] };

  it('an empty name, a bad name, a port and a URL are refused as they are typed, with the reason, and asked again', async function () {
    const dir = tempDir();
    const run = await runInTerminal(
      dir,
      ['openmetadata', '--service-type', 'database', '--connection-type', 'sqlalchemy'],
      [
        { waitFor: /\? Connector name/, keys: ['Enter'] },
        { waitFor: /an answer is needed/, keys: ['My-DB', 'Enter'] },
        { waitFor: /must be snake_case/, keys: ['C-u', 'class', 'Enter'] },
        // valid snake_case: the reason is the keyword, not the snake_case rule
        { waitFor: /> is a Python keyword/, keys: ['C-u', 'my_db', 'Enter'] },
        { waitFor: /\? SQLAlchemy URL scheme/, keys: ['Enter'] },
        { waitFor: /\? Default port/, keys: ['abc', 'Enter'] },
        { waitFor: /must be a whole number from 1 to 65535/, keys: ['C-u', '5432', 'Enter'] },
        { waitFor: /\? Authentication types/, keys: ['Enter'] },
        { waitFor: /\? Capabilities/, keys: ['Enter'] },
        { waitFor: /\? Name shown to users/, keys: ['Enter'] },
        { waitFor: /\? One-line description/, keys: ['Enter'] },
        { waitFor: /\? URL of the source/, keys: ['not a url', 'Enter'] },
        { waitFor: /must be empty or an http\(s\) URL/, keys: ['C-c'] },
      ],
    );
    assert.equal(run.status, 130, run.screen);
    assert.doesNotMatch(run.screen, /--name|--default-port|--docs-url/, 'a prompt error named a flag');
    assert.match(run.screen, /✔ Connector name.* my_db/);
    assert.match(run.screen, /✔ Default port.* 5432/);
  });

  it("Mage's name question says a Python keyword is one", async function () {
    const run = await runInTerminal(
      tempDir(),
      ['mage', '--connector-type', 'api'],
      [
        { waitFor: /\? Source name/, keys: ['class', 'Enter'] },
        { waitFor: /> is a Python keyword/, keys: ['C-c'] },
      ],
    );
    assert.equal(run.status, 130, run.screen);
    assert.doesNotMatch(run.screen, /must be snake_case/);
  });

  describe('a name the checkout already has', function () {
    let root: string;
    beforeEach(function () {
      requireFixtures(this, 'openmetadata');
      root = seedCheckout('openmetadata', tempDir('connector-taken-'));
    });

    it('is caught once the service type is known, before any other question: another name, or a free service type value', async function () {
      const before = snapshotTree(root);
      const run = await runInTerminal(
        root,
        ['openmetadata'],
        [
          { waitFor: /\? Connector name/, keys: ['mysql', 'Enter'] },
          { waitFor: /\? Service type/, keys: ['Enter'] },
          // database: Mysql is a databaseServiceType value of the checkout
          {
            waitFor: /\? The name mysql gives the service type value Mysql, which is already a databaseServiceType value in \S*databaseService\.json/,
            keys: ['Enter'],
          },
          // the answered choice ("Choose another name") may wrap: the name question after it is asked again
          { waitFor: /✔ The name mysql [\s\S]*\n\? Connector name/, keys: ['postgres', 'Enter'] },
          { waitFor: /\? The name postgres gives the service type value Postgres, which is already/, keys: ['Down', 'Enter'] },
          { waitFor: /\? Service type enum value .*\(PostgresCustom\)/, keys: ['Mysql', 'Enter'] },
          { waitFor: /> Mysql is already a databaseServiceType value/, keys: ['C-u', 'Enter'] },
          { waitFor: /\? How the connector reaches the source/, keys: ['C-c'] },
        ],
      );
      assert.equal(run.status, 130, run.screen);
      assert.match(run.screen, /✔ Service type enum value .* PostgresCustom/);
      assert.doesNotMatch(run.screen, /--name|--service-type-value/, 'a prompt named a flag');
      assert.ok(isEmptyDiff(diffTrees(before, snapshotTree(root))));
    });

    it('with the service type given as a flag, the name is settled as soon as it is typed, and the run registers the value chosen', async function () {
      // every other answer as a flag: the questions left are the name and what settles it
      const others = [
        '--connection-type',
        'rest_api',
        '--default-port',
        '443',
        '--auth-types',
        'token',
        '--display-name',
        'Metabase',
        '--description',
        '',
      ].concat(['--docs-url', '', '--sdk-package', '', '--api-endpoints', 'GET /cards', '--docs-notes', '', '--docker-image', '']);
      const asked = await runInTerminal(
        root,
        ['openmetadata', '--service-type', 'dashboard', ...others],
        [
          { waitFor: /\? Connector name/, keys: ['metabase', 'Enter'] },
          {
            waitFor: /\? The name metabase gives the service type value Metabase, which is already a dashboardServiceType value/,
            keys: ['Down', 'Enter'],
          },
          { waitFor: /\? Service type enum value .*\(MetabaseCustom\)/, keys: ['Enter'] },
        ],
      );
      assert.equal(asked.status, 0, asked.screen);
      const services = readFileSync(
        path.join(root, 'openmetadata-spec/src/main/resources/json/schema/entity/services/dashboardService.json'),
        'utf8',
      );
      assert.match(services, /"MetabaseCustom"/);
      assert.match(asked.screen, /create .*dashboard\/metabasecustom\/connection\.py/);
    });
  });

  it('choices say what they mean, and metadata cannot be unchecked', async function () {
    const run = await runInTerminal(
      tempDir(),
      ['openmetadata', '--name', 'my_db', '--service-type', 'database'],
      [
        { waitFor: /\? How the connector reaches the source[\s\S]*SQLAlchemy dialect/, keys: ['Down'] },
        { waitFor: /requests-based client/, keys: ['Up', 'Enter'] },
        { waitFor: /\? SQLAlchemy URL scheme/, keys: ['Enter'] },
        { waitFor: /\? Default port/, keys: ['Enter'] },
        { waitFor: /\? Authentication types/, keys: ['Enter'] },
        { waitFor: /\? Capabilities beyond metadata \(metadata always included\)/, keys: ['C-c'] },
      ],
    );
    const capabilities = run.screen.slice(run.screen.lastIndexOf('? Capabilities'));
    assert.match(capabilities, /lineage/);
    assert.doesNotMatch(capabilities.split('\n').slice(1).join('\n'), /[◯◉]\s*metadata\b/, 'metadata is offered as a choice');
  });

  it("Mage's questions do not repeat conditions already met (no '(api only)' after api was chosen)", async function () {
    const run = await runInTerminal(
      tempDir(),
      ['mage', '--name', 'my_api', '--connector-type', 'api', '--streams', 'orders'],
      [
        { waitFor: /\? Name shown to users/, keys: ['Enter'] },
        { waitFor: /\? Authentication of the API[\s\S]*a key sent in a header/, keys: ['Enter'] },
        { waitFor: /\? Base URL of the API/, keys: ['C-c'] },
      ],
    );
    assert.doesNotMatch(run.screen, /api only/);
  });

  it('--ask-answered asks the stored answers again, each with the stored value as the default', async function () {
    const { dir } = await runGenerator('openmetadata', { name: 'shop_db', serviceType: 'dashboard', displayName: 'Shop Board' });
    const quiet = await runInTerminal(dir, ['openmetadata', '--name', 'shop_db'], []);
    assert.equal(quiet.status, 0, quiet.screen);
    assert.doesNotMatch(quiet.screen, /\? /, 'a re-run without --ask-answered asked something');
    const run = await runInTerminal(
      dir,
      ['openmetadata', '--name', 'shop_db', '--ask-answered'],
      [
        { waitFor: /\? Service type/, keys: ['Enter'] },
        { waitFor: /\? How the connector reaches the source/, keys: ['Enter'] },
        { waitFor: /\? Default port/, keys: ['Enter'] },
        { waitFor: /\? Authentication types/, keys: ['Enter'] },
        { waitFor: /\? Name shown to users/, keys: CANCEL.keys },
      ],
    );
    assert.match(run.screen, /✔ Service type dashboard/);
    assert.match(run.screen, /\? Name shown to users \(Shop Board\)/);
  });
});
