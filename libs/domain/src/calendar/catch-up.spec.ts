import { catchUpDueDates, CATCH_UP_STEP_WORKING_DAYS } from './catch-up';
import { addWorkingDays } from './working-days';

describe('catchUpDueDates', () => {
  // Created Monday 2026-11-23: the floor (10 working days) is Monday 2026-12-07.
  const createdOn = '2026-11-23';
  const floor = '2026-12-07';

  it('spreads past-due tasks by dependency order instead of putting them all on one day', () => {
    const dues = catchUpDueDates(
      [
        { key: 'write_business_case', dependsOn: ['appraise', 'model'], dueDate: '2026-06-01', statutory: false },
        { key: 'appraise', dependsOn: [], dueDate: '2026-01-01', statutory: false },
        { key: 'model', dependsOn: ['appraise'], dueDate: '2026-03-01', statutory: false },
        { key: 'ballot', dependsOn: [], dueDate: '2026-02-01', statutory: false },
      ],
      createdOn,
    );
    const level1 = addWorkingDays(floor, CATCH_UP_STEP_WORKING_DAYS);
    const level2 = addWorkingDays(level1, CATCH_UP_STEP_WORKING_DAYS);
    expect(dues).toEqual([level2, floor, level1, floor]);
    expect(new Set(dues).size).toBe(3);
  });

  it('leaves future, missing and statutory deadlines alone, and follows existing tasks’ deadlines', () => {
    const dues = catchUpDueDates(
      [
        { key: 'later', dependsOn: [], dueDate: '2027-06-01', statutory: false },
        { key: 'none', dependsOn: [], dueDate: null, statutory: false },
        { key: 'eli', dependsOn: [], dueDate: '2026-10-01', statutory: true },
        { key: 'after_existing', dependsOn: ['old'], dueDate: '2026-10-01', statutory: false },
      ],
      createdOn,
      [{ key: 'old', dueDate: '2026-12-31' }],
    );
    expect(dues).toEqual(['2027-06-01', null, '2026-10-01', addWorkingDays('2026-12-31', CATCH_UP_STEP_WORKING_DAYS)]);
  });

  it('moves a task still ahead after a dependency that was caught up past it', () => {
    const [dep, later] = catchUpDueDates(
      [
        { key: 'dep', dependsOn: [], dueDate: '2026-01-01', statutory: false },
        { key: 'later', dependsOn: ['dep'], dueDate: '2026-12-08', statutory: false },
      ],
      createdOn,
    );
    expect(dep).toBe(floor);
    expect(later).toBe(addWorkingDays(floor, CATCH_UP_STEP_WORKING_DAYS));
  });

  it("floors each task on its own creation date when given (recomputing a journey's older tasks)", () => {
    const dues = catchUpDueDates(
      [
        { key: 'old', dependsOn: [], dueDate: '2026-01-01', statutory: false, createdOn: '2026-11-09' },
        { key: 'new', dependsOn: ['old'], dueDate: '2026-01-01', statutory: false },
        { key: 'kept_after', dependsOn: ['hand_set'], dueDate: '2026-01-01', statutory: false },
      ],
      createdOn,
      [{ key: 'hand_set', dueDate: '2027-01-04' }],
    );
    const oldFloor = '2026-11-23';
    expect(dues).toEqual([oldFloor, floor, addWorkingDays('2027-01-04', CATCH_UP_STEP_WORKING_DAYS)]);
  });

  it('never loops on a dependency cycle', () => {
    const dues = catchUpDueDates(
      [
        { key: 'a', dependsOn: ['b'], dueDate: '2026-01-01', statutory: false },
        { key: 'b', dependsOn: ['a'], dueDate: '2026-01-01', statutory: false },
      ],
      createdOn,
    );
    expect(dues.every((d) => d !== null && d >= floor)).toBe(true);
  });

  it("counts the journey's own nation's bank holidays (St Patrick's Day is a working day in England, not in Northern Ireland)", () => {
    // Created Tuesday 2027-03-16; Good Friday 26 March and Easter Monday 29 March are holidays in both.
    const late = [{ key: 'a', dependsOn: [], dueDate: '2027-01-01', statutory: false }];
    expect(catchUpDueDates(late, '2027-03-16')).toEqual(['2027-04-01']);
    expect(catchUpDueDates(late, '2027-03-16', [], 'england')).toEqual(['2027-04-01']);
    expect(catchUpDueDates(late, '2027-03-16', [], 'northern_ireland')).toEqual(['2027-04-02']);
  });
});
