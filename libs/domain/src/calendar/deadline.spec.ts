import { deadlineInstant } from './deadline';

describe('deadlineInstant', () => {
  it('is the end of the London day (start of the next London day)', () => {
    expect(deadlineInstant({ dueDate: '2026-01-15' })?.toISOString()).toBe('2026-01-16T00:00:00.000Z'); // GMT
    expect(deadlineInstant({ dueDate: '2026-07-01' })?.toISOString()).toBe('2026-07-01T23:00:00.000Z'); // BST
  });

  it('handles the spring-forward and fall-back days', () => {
    // Clocks go forward at 01:00 GMT on Sunday 29 March 2026; back at 01:00 GMT on Sunday 25 October 2026.
    expect(deadlineInstant({ dueDate: '2026-03-28' })?.toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(deadlineInstant({ dueDate: '2026-03-29' })?.toISOString()).toBe('2026-03-29T23:00:00.000Z');
    expect(deadlineInstant({ dueDate: '2026-10-24' })?.toISOString()).toBe('2026-10-24T23:00:00.000Z');
    expect(deadlineInstant({ dueDate: '2026-10-25' })?.toISOString()).toBe('2026-10-26T00:00:00.000Z');
  });

  it('prefers dueAt when set', () => {
    expect(deadlineInstant({ dueDate: '2026-07-01', dueAt: '2026-06-01T10:00:30Z' })?.toISOString()).toBe('2026-06-01T10:00:30.000Z');
    const at = new Date('2026-06-01T10:00:00Z');
    expect(deadlineInstant({ dueAt: at })?.getTime()).toBe(at.getTime());
    expect(() => deadlineInstant({ dueAt: 'soon' })).toThrow(RangeError);
  });

  it('is null with no deadline, and rejects an invalid date', () => {
    expect(deadlineInstant({})).toBeNull();
    expect(deadlineInstant({ dueDate: null, dueAt: null })).toBeNull();
    expect(() => deadlineInstant({ dueDate: '2026-02-30' })).toThrow(RangeError);
  });

  it('gives the same instant each time for a date, as a fresh Date a caller may change', () => {
    const first = deadlineInstant({ dueDate: '2026-10-25' })!;
    first.setTime(0);
    const again = deadlineInstant({ dueDate: '2026-10-25' })!;
    expect(again.toISOString()).toBe('2026-10-26T00:00:00.000Z');
    expect(again).not.toBe(deadlineInstant({ dueDate: '2026-10-25' }));
    expect(() => deadlineInstant({ dueDate: '2026-02-30' })).toThrow(RangeError);
    expect(() => deadlineInstant({ dueDate: '2026-02-30' })).toThrow(RangeError);
  });
});
