import { PHASES } from '@pathway/domain/vocabulary';
import { ACTIVE_JOURNEY_STATES, tally } from './tally';

describe('tally', () => {
  it('lists every key with 0 where nothing was counted', () => {
    expect(tally(PHASES, [{ key: 'spinning_out', n: 3 }])).toEqual({ pre_spin_out: 0, spinning_out: 3, sustainability: 0 });
  });

  it('keeps a key outside the enum rather than losing its journeys', () => {
    expect(tally(['a'], [{ key: 'b', n: 1 }])).toEqual({ a: 0, b: 1 });
  });

  it('does not list withdrawn among the states of active journeys', () => {
    expect(ACTIVE_JOURNEY_STATES).toContain('on_hold');
    expect(ACTIVE_JOURNEY_STATES).not.toContain('withdrawn');
  });
});
