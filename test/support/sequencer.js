// @ts-check
const Sequencer = require('@jest/test-sequencer').default;
const path = require('node:path');
const groups = Object.keys(require('../e2e-groups.json'));

/**
 * Jest's own order (what failed last first, then the longest by the timings it keeps), except that
 * files it has no timing for yet (a fresh checkout, as on CI) start with the e2e groups in
 * test/e2e-groups.json's order, heaviest first, rather than by file size, which says nothing of a
 * group: the reminders' real-time group started last would otherwise finish a minute after the rest.
 */
class PathwaySequencer extends Sequencer {
  sort(tests) {
    const sorted = /** @type {import('@jest/test-result').Test[]} */ (super.sort(tests));
    const rank = (t) => {
      if (t.duration != null) return -1;
      const i = groups.indexOf(path.basename(t.path, '.e2e-group.ts'));
      return i < 0 ? groups.length : i;
    };
    // Array.prototype.sort is stable: tests with timings keep Jest's order ahead of the rest.
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = PathwaySequencer;
