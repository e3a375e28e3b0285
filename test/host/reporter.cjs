// mocha's spec reporter, then one line per release after its summary:
// `host <release>: <N> passed, <M> failed` (tests are grouped under "host <release>").
// CommonJS: mocha loads a reporter with require().
/* global require, module, process */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS module (mocha requires its reporters) imports with require
const Mocha = require('mocha');

const { EVENT_RUN_END, EVENT_TEST_PASS, EVENT_TEST_FAIL } = Mocha.Runner.constants;

class HostReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const counts = new Map();
    const releaseOf = (test) => {
      let suite = test.parent;
      while (suite && !/^host \S+$/.test(suite.title)) suite = suite.parent;
      return suite ? suite.title : undefined;
    };
    const count = (test, key) => {
      const release = releaseOf(test);
      if (!release) return;
      const entry = counts.get(release) ?? { passed: 0, failed: 0 };
      entry[key] += 1;
      counts.set(release, entry);
    };
    runner.on(EVENT_TEST_PASS, (test) => count(test, 'passed'));
    runner.on(EVENT_TEST_FAIL, (test) => count(test, 'failed'));
    // Registered after Spec's own listener, so it prints after mocha's summary.
    runner.once(EVENT_RUN_END, () => {
      for (const [release, { passed, failed }] of counts) {
        process.stdout.write(`${release}: ${passed} passed, ${failed} failed\n`);
      }
    });
  }
}

module.exports = HostReporter;
