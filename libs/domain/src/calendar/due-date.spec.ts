import { addCalendar } from './add-calendar';
import { computeDueDate } from './due-date';

const anchors = { plannedTransferDate: '2026-04-01', eventDates: { submit_expression_of_interest: '2026-11-20' } };

describe('due dates', () => {
  it('puts employee liability information exactly 28 calendar days before transfer', () => {
    expect(computeDueDate({ anchor: 'planned_transfer_date', offset: -28, unit: 'calendar_days' }, anchors)).toBe('2026-03-04');
    expect(
      computeDueDate(
        { anchor: 'planned_transfer_date', offset: -28, unit: 'calendar_days' },
        { ...anchors, plannedTransferDate: '2028-03-01' },
      ),
    ).toBe('2028-02-02'); // leap year
  });

  it('anchors on event dates, and gives null before the event', () => {
    expect(computeDueDate({ anchor: 'submit_expression_of_interest', offset: 30, unit: 'calendar_days' }, anchors)).toBe('2026-12-20');
    expect(computeDueDate({ anchor: 'accept_expression_of_interest', offset: 20, unit: 'working_days' }, anchors)).toBeNull();
  });

  it('supports every unit', () => {
    expect(addCalendar('2026-04-01', -16, 'weeks')).toBe('2025-12-10');
    expect(addCalendar('2026-04-01', -18, 'months')).toBe('2024-10-01');
    expect(addCalendar('2026-03-31', -1, 'months')).toBe('2026-02-28');
    expect(addCalendar('2026-04-01', 42, 'months')).toBe('2029-10-01');
    expect(addCalendar('2026-12-24', 1, 'working_days')).toBe('2026-12-29');
    expect(addCalendar('2026-03-29', 1, 'calendar_days')).toBe('2026-03-30'); // clocks change: still one date
    expect(() => addCalendar('2026-04-01', 1, 'fortnights' as never)).toThrow(RangeError);
  });
});

describe('withCatchUp', () => {
  const { withCatchUp } = jest.requireActual('./due-date') as typeof import('./due-date');

  it('moves a deadline already past at creation to 10 working days after it', () => {
    // Created on Monday 2026-11-23: 10 working days later is Monday 2026-12-07.
    expect(withCatchUp('2026-10-01', { createdOn: '2026-11-23', statutory: false })).toBe('2026-12-07');
    expect(withCatchUp('2026-11-30', { createdOn: '2026-11-23', statutory: false })).toBe('2026-12-07');
  });

  it('skips bank holidays in the catch-up period', () => {
    // Created Friday 2026-12-18: Christmas (25th), Boxing Day's substitute (28th) and New Year's Day
    // are skipped, so the 10th working day is Wednesday 2027-01-06.
    expect(withCatchUp('2026-01-01', { createdOn: '2026-12-18', statutory: false })).toBe('2027-01-06');
  });

  it('leaves later deadlines, missing ones and statutory ones alone', () => {
    expect(withCatchUp('2027-06-01', { createdOn: '2026-11-23', statutory: false })).toBe('2027-06-01');
    expect(withCatchUp(null, { createdOn: '2026-11-23', statutory: false })).toBeNull();
    expect(withCatchUp('2026-10-01', { createdOn: '2026-11-23', statutory: true })).toBe('2026-10-01');
  });
});
