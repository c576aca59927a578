import { appealStartingLevel, appealSubjectOf, APPEAL_SUBJECTS, reconsiderationDueDate } from './appeals';
import { PHASE_SPECS } from './machines/phase-specs';

describe('appeals', () => {
  it('each appealable decision: appeal opens its hearing; upheld sends it back to the decision, dismissed leaves it refused', () => {
    const states = PHASE_SPECS.pre_spin_out.states;
    for (const s of APPEAL_SUBJECTS) {
      expect(states[s.appealedFrom]?.appeal).toBe(s.underAppeal);
      expect(states[s.underAppeal]?.uphold_appeal).toBe(s.reconsiderIn);
      expect(states[s.underAppeal]?.dismiss_appeal).toBe(s.appealedFrom);
      expect(appealSubjectOf(s.appealedFrom)).toBe(s);
      expect(appealSubjectOf(s.underAppeal)).toBe(s);
    }
    expect(appealSubjectOf('business_planning')).toBeNull();
  });

  it('a first appeal goes to the department; an appeal against a reconsidered decision to the arbiter', () => {
    expect(appealStartingLevel(0)).toBe(1);
    expect(appealStartingLevel(1)).toBe(2);
    expect(appealStartingLevel(3)).toBe(2);
  });

  it('the new deadline counts working days of the nation', () => {
    // Friday 18 December 2026 + 5 working days: skips Christmas Day and Boxing Day (observed Monday 28th).
    expect(reconsiderationDueDate('2026-12-18', 5, 'england')).toBe('2026-12-29');
    // Scotland also keeps 2 January (observed Monday 4 January 2027).
    expect(reconsiderationDueDate('2026-12-31', 1, 'scotland')).toBe('2027-01-05');
    expect(reconsiderationDueDate('2026-12-31', 1, 'england')).toBe('2027-01-04');
  });
});
