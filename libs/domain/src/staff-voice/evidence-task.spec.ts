import fc from 'fast-check';
import { TASK_STATUSES } from '../vocabulary';
import { ballotTaskStatus, evidenceTaskTickProblem } from './evidence-task';

describe('evidence-gated tasks', () => {
  it('refuses completing the ballot task by tick, naming the rule', () => {
    expect(evidenceTaskTickProblem('staff_ballot', 'completed')).toMatch(/completed by recording a ballot that meets the threshold/);
    expect(evidenceTaskTickProblem('staff_ballot', 'in_progress')).toBeNull();
    expect(evidenceTaskTickProblem(undefined, 'completed')).toBeNull();
  });
  it('completes on a qualifying ballot, reopens on a later one that falls short, and a waiver makes it not applicable', () => {
    expect(ballotTaskStatus('in_progress', { latestMeets: true, waived: false }, 'not_started')).toBe('completed');
    expect(ballotTaskStatus('completed', { latestMeets: true, waived: false }, 'not_started')).toBeNull();
    expect(ballotTaskStatus('completed', { latestMeets: false, waived: false }, 'not_started')).toBe('not_started');
    expect(ballotTaskStatus('completed', { latestMeets: false, waived: false }, 'cannot_start_yet')).toBe('cannot_start_yet');
    expect(ballotTaskStatus('in_progress', { latestMeets: false, waived: false }, 'not_started')).toBeNull();
    expect(ballotTaskStatus('not_started', { latestMeets: null, waived: true }, 'not_started')).toBe('not_applicable');
    expect(ballotTaskStatus('completed', { latestMeets: false, waived: true }, 'not_started')).toBeNull();
  });
  it('property: the task is done after a sync exactly when the evidence holds (or it was already done and waived)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TASK_STATUSES), fc.constantFrom(true, false, null), fc.boolean(), (current, latestMeets, waived) => {
        const next = ballotTaskStatus(current, { latestMeets, waived }, 'not_started') ?? current;
        if (waived) expect(['completed', 'not_applicable']).toContain(next);
        else if (latestMeets === true) expect(next).toBe('completed');
        else if (latestMeets === false) expect(next).not.toBe('completed');
        else expect(next).toBe(current); // no ballot yet: nothing to change
      }),
    );
  });
});
