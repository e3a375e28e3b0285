/**
 * core/cli-flags.ts, the flags typed on the command line that no generator declares: split off the
 * bin's words (with the values typed after them), found among the flags typed to yo, and reported
 * one problem each, with the closest declared flag.
 */
import assert from 'node:assert/strict';
import { flagsTypedToYo, splitUnknownFlags, unknownFlagProblems, unknownToYo, type DeclaredFlag } from '../../core/cli-flags.js';

const DECLARED: DeclaredFlag[] = [
  { flag: '--name', takesValue: true },
  { flag: '--service-type', takesValue: true },
  { flag: '--default-port', takesValue: true },
  { flag: '--force', takesValue: false },
  { flag: '-h', takesValue: false },
];

const split = (line: string): ReturnType<typeof splitUnknownFlags> => splitUnknownFlags(line.split(' '), DECLARED);

describe('core/cli-flags', function () {
  describe('splitting the bin’s words (splitUnknownFlags)', function () {
    it('keeps the declared flags with their values, in order, and finds no unknown flag among them', function () {
      assert.deepEqual(split('openmetadata --name shop --service-type=database --force -h'), {
        known: ['openmetadata', '--name', 'shop', '--service-type=database', '--force', '-h'],
        unknown: [],
      });
    });

    it('takes the unknown flags out, as typed and without their value', function () {
      assert.deepEqual(split('openmetadata --bogus --name shop --servce-type=database'), {
        known: ['openmetadata', '--name', 'shop'],
        unknown: ['--bogus', '--servce-type'],
      });
    });

    it('takes the words after an unknown flag with it, up to the next flag: the generators take no positional arguments', function () {
      assert.deepEqual(split('openmetadata --bogus one two --name shop'), { known: ['openmetadata', '--name', 'shop'], unknown: ['--bogus'] });
    });

    it('gives a flag that takes a value the next word, even when it starts with a dash', function () {
      assert.deepEqual(split('--default-port -1 --name shop'), { known: ['--default-port', '-1', '--name', 'shop'], unknown: [] });
    });

    it('does not give a flag that takes no value the next word', function () {
      assert.deepEqual(split('--force --bogus'), { known: ['--force'], unknown: ['--bogus'] });
    });

    it('keeps every word after -- as it is, flags or not', function () {
      assert.deepEqual(split('--name shop -- --bogus x'), { known: ['--name', 'shop', '--', '--bogus', 'x'], unknown: [] });
    });

    it('takes a lone dash for a word, not a flag', function () {
      assert.deepEqual(split('--name -'), { known: ['--name', '-'], unknown: [] });
    });
  });

  describe('the problems of unknown flags (unknownFlagProblems)', function () {
    const declared = ['name', 'service-type', 'default-port', 'skip-register'];

    const cases: Array<[what: string, typed: string, field: string, suggestion: string | undefined]> = [
      ['names the closest declared flag', '--servce-type', 'servce-type', '--service-type'],
      ['suggests nothing when no declared flag is close', '--frobnicate', 'frobnicate', undefined],
      ['takes names as yo gives them (without dashes) and shows them as flags', 'nme', 'nme', '--name'],
      ['looks past no- for the suggestion, and keeps the flag as typed in the label', '--no-skip-registr', 'no-skip-registr', '--skip-register'],
    ];
    for (const [what, typed, field, suggestion] of cases) {
      it(what, function () {
        const message = `is not a flag of this generator${suggestion ? `; did you mean ${suggestion}?` : ''} (--help lists them)`;
        assert.deepEqual(unknownFlagProblems([typed], declared), [{ field, label: `--${field}`, message }]);
      });
    }

    it('reports a flag typed twice once', function () {
      assert.equal(unknownFlagProblems(['--bogus', '--bogus'], declared).length, 1);
    });
  });

  describe('the flags typed to yo (flagsTypedToYo)', function () {
    const ours = (namespace: string): boolean => namespace.startsWith('connector');

    it('are the names typed after yo <namespace> of ours, without dashes, no- or value', function () {
      const argv = [
        '/usr/bin/node',
        '/usr/lib/node_modules/yo/lib/cli.js',
        'connector:openmetadata',
        '--name=shop',
        '--no-skip-register',
        '-f',
        'value',
      ];
      assert.deepEqual(flagsTypedToYo(argv, ours), ['name', 'skip-register', 'f']);
    });

    it('are read when yo is run by its bin link too', function () {
      assert.deepEqual(flagsTypedToYo(['/usr/bin/node', '/usr/local/bin/yo', 'connector', '--bogus'], ours), ['bogus']);
    });

    it('are undefined in any other process: the bin, a test, another program', function () {
      assert.equal(flagsTypedToYo(['/usr/bin/node', '/usr/local/bin/generator-connector', 'openmetadata', '--bogus'], ours), undefined);
      assert.equal(flagsTypedToYo(['/usr/bin/node', '/usr/local/bin/mocha', 'connector', '--bogus'], ours), undefined);
      assert.equal(flagsTypedToYo(['/usr/bin/node'], ours), undefined);
    });

    it('are undefined when yo runs another generator, or none', function () {
      assert.equal(flagsTypedToYo(['/usr/bin/node', '/usr/local/bin/yo', 'webapp', '--bogus'], ours), undefined);
      assert.equal(flagsTypedToYo(['/usr/bin/node', '/usr/local/bin/yo', '--help'], ours), undefined);
    });
  });

  describe('the flags typed to yo that nobody reads (unknownToYo)', function () {
    it('are the typed flags neither the generator declares nor yo reads itself', function () {
      assert.deepEqual(unknownToYo(['name', 'bogus', 'force', 'dry-run', 'skip-install', 'help', 'nme'], ['name', 'service-type']), ['bogus', 'nme']);
    });

    it('are none when every flag is known', function () {
      assert.deepEqual(unknownToYo(['name', 'cwd', 'bail', 'skip-yo-resolve'], ['name']), []);
    });
  });
});
