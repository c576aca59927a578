import { surveyPhaseProblem, surveyProblems } from './survey';

const agreement = { understand_pension: 0.4, support_spin_out: 0.62, morale_good: 0.222 };

describe('staff pulse surveys', () => {
  it('accepts a survey whose respondents are at most the eligible staff', () => {
    expect(surveyProblems({ respondents: 90, eligible: 120, agreement })).toEqual([]);
    expect(surveyProblems({ respondents: 120, eligible: 120, agreement })).toEqual([]);
  });
  it('refuses more respondents than eligible staff, and bad counts, naming the field', () => {
    expect(surveyProblems({ respondents: 121, eligible: 120, agreement })).toEqual(['respondents must be at most eligible (120)']);
    expect(surveyProblems({ respondents: 0, eligible: 1.5, agreement })).toEqual([
      'eligible must be a whole number from 1 to 2147483647',
      'respondents must be a whole number from 1 to 2147483647',
    ]);
  });
  it('refuses shares outside 0..1, missing or unknown statements', () => {
    expect(
      surveyProblems({ respondents: 1, eligible: 1, agreement: { understand_pension: 40, support_spin_out: -0.1, extra: 1 } }),
    ).toEqual([
      'agreement.understand_pension must be a share from 0 to 1 (at most 3 decimal places)',
      'agreement.support_spin_out must be a share from 0 to 1 (at most 3 decimal places)',
      'agreement.morale_good must be a share from 0 to 1 (at most 3 decimal places)',
      'agreement.extra is not a statement of the survey',
    ]);
    expect(surveyProblems({ respondents: 1, eligible: 1, agreement: [] })).toEqual([
      'agreement must be an object with understand_pension, support_spin_out, morale_good',
    ]);
  });
  it('is open before and during the spin-out only', () => {
    expect(surveyPhaseProblem('pre_spin_out')).toBeNull();
    expect(surveyPhaseProblem('spinning_out')).toBeNull();
    expect(surveyPhaseProblem('sustainability')).toMatch(/before and during/);
  });
});
