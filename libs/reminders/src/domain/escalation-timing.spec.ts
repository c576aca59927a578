import { escalationRaiseAt } from './escalation-timing';

describe('escalationRaiseAt', () => {
  it('is exact for time-sized durations', () => {
    expect(
      escalationRaiseAt(new Date('2026-03-02T12:00:00.250Z'), { escalateAfter: 'PT2S', escalateAfterWorkingDays: true }).toISOString(),
    ).toBe('2026-03-02T12:00:02.250Z');
  });

  it('counts working days, keeping the London time of day', () => {
    // Friday 2026-03-06 14:30 GMT + 5 working days → Friday 2026-03-13 14:30.
    expect(
      escalationRaiseAt(new Date('2026-03-06T14:30:00Z'), { escalateAfter: 'P5D', escalateAfterWorkingDays: true }).toISOString(),
    ).toBe('2026-03-13T14:30:00.000Z');
    // Thursday 2026-04-02 + 2 working days skips Good Friday and Easter Monday (England) → Tue 7 (1), Wed 8 (2); BST.
    expect(
      escalationRaiseAt(new Date('2026-04-02T09:00:00Z'), { escalateAfter: 'P2D', escalateAfterWorkingDays: true }).toISOString(),
    ).toBe('2026-04-08T09:00:00.000Z');
  });

  it('counts calendar days when working days are off', () => {
    expect(
      escalationRaiseAt(new Date('2026-03-06T14:30:00Z'), { escalateAfter: 'P5D', escalateAfterWorkingDays: false }).toISOString(),
    ).toBe('2026-03-11T14:30:00.000Z');
  });

  it('keeps the wall-clock time across the clock change for calendar days', () => {
    // 2026-03-28 09:00 GMT + P1D → 2026-03-29 09:00 BST (08:00Z).
    expect(
      escalationRaiseAt(new Date('2026-03-28T09:00:00Z'), { escalateAfter: 'P1D', escalateAfterWorkingDays: false }).toISOString(),
    ).toBe('2026-03-29T08:00:00.000Z');
  });

  it('rejects an invalid duration', () => {
    expect(() => escalationRaiseAt(new Date(), { escalateAfter: 'soon', escalateAfterWorkingDays: false })).toThrow(RangeError);
  });
});
