import { handSetDeadlineProblem } from './hand-set-deadline';

// 2027-03-10 09:00 in London (GMT).
const now = new Date('2027-03-10T09:00:00Z');
const none = { dueDate: null, dueAt: null };

describe('a hand-set deadline', () => {
  it('is today or later in London, by date or by instant', () => {
    expect(handSetDeadlineProblem({ dueDate: '2027-03-10' }, none, now)).toBeNull();
    expect(handSetDeadlineProblem({ dueDate: '2027-03-09' }, none, now)).toEqual({
      field: 'dueDate',
      message: 'dueDate must be today or later',
    });
    expect(handSetDeadlineProblem({ dueDate: '1900-01-01' }, null, now)?.field).toBe('dueDate');
    expect(handSetDeadlineProblem({ dueAt: '2020-01-01T00:00:00Z' }, none, now)).toEqual({
      field: 'dueAt',
      message: 'dueAt must be today or later',
    });
    // 23:30 on the 9th in New York is 04:30 on the 10th in London: today.
    expect(handSetDeadlineProblem({ dueAt: '2027-03-09T23:30:00-05:00' }, none, now)).toBeNull();
    expect(handSetDeadlineProblem({ dueAt: '2027-03-09T23:59:00Z' }, none, now)?.field).toBe('dueAt');
    expect(handSetDeadlineProblem({ dueAt: null }, none, now)).toBeNull();
  });

  it('lets a deadline already stored stay as it is, however far past', () => {
    const stored = { dueDate: '2026-01-05', dueAt: new Date('2026-01-05T17:00:00Z') };
    expect(handSetDeadlineProblem({ dueDate: '2026-01-05' }, stored, now)).toBeNull();
    expect(handSetDeadlineProblem({ dueAt: '2026-01-05T17:00:00.000Z' }, stored, now)).toBeNull();
    expect(handSetDeadlineProblem({ dueAt: '2026-01-05T17:00:00+00:00' }, stored, now)).toBeNull();
    expect(handSetDeadlineProblem({ dueDate: '2026-01-06' }, stored, now)?.field).toBe('dueDate');
    expect(handSetDeadlineProblem({ dueAt: '2026-01-05T18:00:00Z' }, stored, now)?.field).toBe('dueAt');
  });
});
