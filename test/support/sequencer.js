// @ts-check
const Sequencer = require('@jest/test-sequencer').default;
const path = require('node:path');
const groups = Object.keys(require('../e2e-groups.json'));

/**
 * Jest's own order (what failed last first, files it has no timing for next, then the longest by
 * the timings it keeps), except that among the files without a timing (all of them on a fresh
 * checkout, as on CI) the e2e groups go first in test/e2e-groups.json's order, heaviest first,
 * rather than by file size, which says nothing of a group: the reminders' real-time group started
 * last would otherwise finish a minute after the rest.
 */
class PathwaySequencer extends Sequencer {
  sort(tests) {
    const sorted = /** @type {import('@jest/test-result').Test[]} */ (super.sort(tests));
    const rank = (t) => {
      if (t.duration != null) return groups.length + 1;
      const i = groups.indexOf(path.basename(t.path, '.e2e-group.ts'));
      return i < 0 ? groups.length : i;
    };
    // Array.prototype.sort is stable: the rest keep Jest's order (what failed first, then the longest).
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = PathwaySequencer;
