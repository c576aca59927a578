import { reminderSchedule, ReminderPolicy } from './reminder-schedule';

const DEFAULT: ReminderPolicy = { remindBefore: ['P14D', 'P3D'], escalateAfter: 'P5D', escalateAfterWorkingDays: true };
const iso = (xs: Array<{ kind: string; offset: string; at: Date }>) => xs.map((x) => [x.kind, x.offset, x.at.toISOString()]);

describe('reminderSchedule', () => {
  it('schedules day-sized reminders at 09:00 London, across the spring clock change', () => {
    // Due Friday 10 April 2026 (BST). P14D → 27 March (GMT); P3D → 7 April (BST).
    // Escalation: 5 working days after 10 April skipping nothing → 17 April 09:00 BST.
    expect(iso(reminderSchedule({ dueDate: '2026-04-10' }, DEFAULT))).toEqual([
      ['task_due_soon', 'P14D', '2026-03-27T09:00:00.000Z'],
      ['task_due_soon', 'P3D', '2026-04-07T08:00:00.000Z'],
      ['task_overdue', 'PT0S', '2026-04-10T23:00:00.000Z'],
      ['escalate', 'P5D', '2026-04-17T08:00:00.000Z'],
    ]);
  });

  it('counts escalation in working days, skipping Easter', () => {
    // Due Thursday 2 April 2026: Good Friday 3rd and Easter Monday 6th are skipped → 13 April.
    const escalate = reminderSchedule({ dueDate: '2026-04-02' }, DEFAULT).find((r) => r.kind === 'escalate');
    expect(escalate?.at.toISOString()).toBe('2026-04-13T08:00:00.000Z');
  });

  it('counts escalation in calendar time when working days are off', () => {
    const escalate = reminderSchedule({ dueDate: '2026-04-02' }, { ...DEFAULT, escalateAfterWorkingDays: false }).find(
      (r) => r.kind === 'escalate',
    );
    expect(escalate?.at.toISOString()).toBe('2026-04-07T23:00:00.000Z'); // end of 2 April + 5 days, BST midnight
  });

  it('handles the autumn clock change for 09:00 reminders and the deadline', () => {
    expect(iso(reminderSchedule({ dueDate: '2026-10-27' }, { ...DEFAULT, remindBefore: ['P3D', 'P1D'] }))).toEqual([
      ['task_due_soon', 'P3D', '2026-10-24T08:00:00.000Z'], // Saturday, still BST
      ['task_due_soon', 'P1D', '2026-10-26T09:00:00.000Z'], // Monday, GMT
      ['task_overdue', 'PT0S', '2026-10-28T00:00:00.000Z'],
      ['escalate', 'P5D', '2026-11-03T09:00:00.000Z'],
    ]);
  });

  it('is exact to the second for a dueAt deadline', () => {
    const policy: ReminderPolicy = { remindBefore: ['PT30S', 'PT2M'], escalateAfter: 'PT45S', escalateAfterWorkingDays: true };
    expect(iso(reminderSchedule({ dueAt: new Date('2026-11-22T12:00:00Z'), dueDate: '2026-12-01' }, policy))).toEqual([
      ['task_due_soon', 'PT2M', '2026-11-22T11:58:00.000Z'],
      ['task_due_soon', 'PT30S', '2026-11-22T11:59:30.000Z'],
      ['task_overdue', 'PT0S', '2026-11-22T12:00:00.000Z'],
      ['escalate', 'PT45S', '2026-11-22T12:00:45.000Z'],
    ]);
    const days = reminderSchedule({ dueAt: '2026-11-22T12:00:00Z' }, DEFAULT);
    expect(iso(days)[0]).toEqual(['task_due_soon', 'P14D', '2026-11-08T12:00:00.000Z']);
    expect(iso(days)[3]).toEqual(['escalate', 'P5D', '2026-11-27T12:00:00.000Z']); // not working days, not 09:00
  });

  it('uses exact time-sized offsets from the end of a due date', () => {
    const policy: ReminderPolicy = { remindBefore: ['PT2H'], escalateAfter: 'PT30S', escalateAfterWorkingDays: true };
    expect(iso(reminderSchedule({ dueDate: '2026-01-15' }, policy))).toEqual([
      ['task_due_soon', 'PT2H', '2026-01-15T22:00:00.000Z'],
      ['task_overdue', 'PT0S', '2026-01-16T00:00:00.000Z'],
      ['escalate', 'PT30S', '2026-01-16T00:00:30.000Z'],
    ]);
  });

  it('subtracts months as calendar months', () => {
    const [first] = reminderSchedule({ dueDate: '2026-03-31' }, { ...DEFAULT, remindBefore: ['P1M'] });
    expect(first.at.toISOString()).toBe('2026-02-28T09:00:00.000Z');
  });

  it('has nothing to schedule without a deadline, and rejects bad durations', () => {
    expect(reminderSchedule({}, DEFAULT)).toEqual([]);
    expect(() => reminderSchedule({ dueDate: '2026-04-10' }, { ...DEFAULT, remindBefore: ['P0D'] })).toThrow(RangeError);
    expect(() => reminderSchedule({ dueDate: '2026-04-10' }, { ...DEFAULT, escalateAfter: 'later' })).toThrow(RangeError);
  });

  it('schedules each duplicate offset once', () => {
    expect(reminderSchedule({ dueDate: '2026-04-10' }, { ...DEFAULT, remindBefore: ['P3D', 'P3D'] })).toHaveLength(3);
  });
});
