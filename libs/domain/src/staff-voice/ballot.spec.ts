import fc from 'fast-check';
import { PATHWAY_TEMPLATE_V1 } from '../template/pathway-template.v1';
import { PATHWAY_TEMPLATE_V3 } from '../template/pathway-template.v3';
import { validateTemplate } from '../template/validate-template';
import {
  ballotCountProblems,
  ballotFigures,
  BALLOT_METHODS,
  DEFAULT_STAFF_SUPPORT_THRESHOLD,
  staffSupportCondition,
  staffSupportThreshold,
} from './ballot';

const half = { minTurnout: 0.5, minSupportShare: 0.5 };
const counts = (eligible: number, votesFor: number, votesAgainst: number, abstentions = 0) => ({
  eligible,
  votesFor,
  votesAgainst,
  abstentions,
});

describe('ballot counts', () => {
  it('accepts counts that add up', () => {
    expect(ballotCountProblems(counts(100, 40, 20, 5))).toEqual([]);
    expect(ballotCountProblems(counts(1, 0, 0, 0))).toEqual([]);
  });
  it('refuses more votes than eligible staff, naming the field', () => {
    expect(ballotCountProblems(counts(10, 6, 4, 1))).toEqual([expect.stringMatching(/^eligible must be at least .* \(11\)/)]);
  });
  it('refuses negative, fractional, too large or missing counts, each by name', () => {
    expect(ballotCountProblems({ eligible: 0, votesFor: -1, votesAgainst: 1.5, abstentions: 2 ** 31 })).toEqual([
      'eligible must be a whole number from 1 to 2147483647',
      'votesFor must be a whole number from 0 to 2147483647',
      'votesAgainst must be a whole number from 0 to 2147483647',
      'abstentions must be a whole number from 0 to 2147483647',
    ]);
    expect(ballotCountProblems({ eligible: '10', votesFor: 1, votesAgainst: 1, abstentions: 0 })).toHaveLength(1);
  });
  it('does not overflow on the largest counts Postgres holds', () => {
    const max = 2_147_483_647;
    expect(ballotCountProblems(counts(max, max, max, max))).toHaveLength(1);
    expect(ballotFigures(counts(max, max, 0, 0), 'secret_postal', half)).toEqual({ turnout: 1, supportShare: 1, meetsThreshold: true });
  });
});

describe('ballot figures and the threshold', () => {
  it('computes turnout over eligible staff and support over votes for or against', () => {
    expect(ballotFigures(counts(200, 60, 20, 20), 'secret_postal', half)).toEqual({
      turnout: 0.5,
      supportShare: 0.75,
      meetsThreshold: true,
    });
  });
  it('meets the threshold exactly at the boundary and not one vote below it', () => {
    expect(ballotFigures(counts(10, 3, 2, 0), 'secret_online', half).meetsThreshold).toBe(true); // turnout 5/10, support 3/5
    expect(ballotFigures(counts(10, 3, 3, 0), 'secret_online', half).meetsThreshold).toBe(true); // support 3/6 = 0.5
    expect(ballotFigures(counts(10, 2, 3, 0), 'secret_online', half).meetsThreshold).toBe(false);
    expect(ballotFigures(counts(10, 3, 1, 0), 'secret_online', half).meetsThreshold).toBe(false); // turnout 4/10
  });
  it('compares exactly where floats would not (0.07 × 100 is 7.000000000000001)', () => {
    expect(0.07 * 100 > 7).toBe(true); // why a float product would refuse exactly 7 of 100
    const t = { minTurnout: 0.07, minSupportShare: 0.5 };
    expect(ballotFigures(counts(100, 7, 0, 0), 'secret_postal', t).meetsThreshold).toBe(true);
    expect(ballotFigures(counts(100, 6, 0, 0), 'secret_postal', t).meetsThreshold).toBe(false);
    const third = { minTurnout: 0.5, minSupportShare: 0.3333 };
    expect(ballotFigures(counts(3, 1, 2, 0), 'secret_postal', third).meetsThreshold).toBe(true);
  });
  it('never lets a show of hands meet it, however large the support', () => {
    expect(ballotFigures(counts(10, 10, 0, 0), 'show_of_hands', half)).toEqual({ turnout: 1, supportShare: 1, meetsThreshold: false });
  });
  it('does not meet it when nobody voted for or against', () => {
    expect(ballotFigures(counts(10, 0, 0, 10), 'secret_postal', half)).toEqual({ turnout: 1, supportShare: 0, meetsThreshold: false });
  });
  it('property: meetsThreshold is exactly "secret, turnout and support at least the minimums" in exact arithmetic', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5000 })
          .chain((eligible) =>
            fc.tuple(
              fc.constant(eligible),
              fc.integer({ min: 0, max: eligible }),
              fc.integer({ min: 0, max: eligible }),
              fc.integer({ min: 0, max: eligible }),
            ),
          ),
        fc.constantFrom(...BALLOT_METHODS),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        ([eligible, f, a, x], method, t, s) => {
          fc.pre(f + a + x <= eligible);
          const threshold = { minTurnout: t / 10_000, minSupportShare: s / 10_000 };
          const c = counts(eligible, f, a, x);
          expect(ballotCountProblems(c)).toEqual([]);
          const fig = ballotFigures(c, method, threshold);
          const cast = f + a + x;
          // Cross-multiplied in integers (all well inside 2^53): cast/eligible >= t/10000 and f/(f+a) >= s/10000.
          const expected = method !== 'show_of_hands' && f + a > 0 && cast * 10_000 >= t * eligible && f * 10_000 >= s * (f + a);
          expect(fig.meetsThreshold).toBe(expected);
          expect(fig.turnout).toBeGreaterThanOrEqual(0);
          expect(fig.turnout).toBeLessThanOrEqual(1);
          expect(fig.supportShare).toBeGreaterThanOrEqual(0);
          expect(fig.supportShare).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 2000 },
    );
  });
  it('property: counts that do not add up are always refused', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), fc.nat(1000), fc.integer({ min: 1, max: 3000 }), (f, a, x, eligible) => {
        fc.pre(f + a + x > eligible);
        expect(ballotCountProblems(counts(eligible, f, a, x))).not.toEqual([]);
      }),
    );
  });
});

describe('the threshold from the template', () => {
  it('is 0.5 and 0.5 in version 3, and the same default for versions that did not set one', () => {
    expect(staffSupportThreshold(PATHWAY_TEMPLATE_V3)).toEqual({ minTurnout: 0.5, minSupportShare: 0.5 });
    expect(staffSupportThreshold(PATHWAY_TEMPLATE_V1)).toEqual(DEFAULT_STAFF_SUPPORT_THRESHOLD);
  });
  it('is checked by validateTemplate', () => {
    expect(validateTemplate(PATHWAY_TEMPLATE_V3)).toEqual([]);
    expect(validateTemplate({ ...PATHWAY_TEMPLATE_V3, staffSupportThreshold: { minTurnout: 1.5, minSupportShare: 0.12345 } })).toEqual(
      expect.arrayContaining([
        'staffSupportThreshold.minTurnout must be a share from 0 to 1 with at most 4 decimal places',
        'staffSupportThreshold.minSupportShare must be a share from 0 to 1 with at most 4 decimal places',
      ]),
    );
  });
});

describe('the staff support condition of submitting the business case', () => {
  const meets = { meetsThreshold: true, heldOn: '2027-01-10' };
  const short = { meetsThreshold: false, heldOn: '2027-02-10' };
  it('holds only with a qualifying latest ballot or a waiver', () => {
    expect(staffSupportCondition('submit_business_case', { latestBallot: meets, waived: false }, half)).toBeNull();
    expect(staffSupportCondition('submit_business_case', { latestBallot: null, waived: true }, half)).toBeNull();
    expect(staffSupportCondition('submit_business_case', { latestBallot: short, waived: true }, half)).toBeNull();
    expect(staffSupportCondition('submit_business_case', { latestBallot: null, waived: false }, half)).toEqual({
      code: 'staff_support',
      message: expect.stringContaining('No staff ballot has been recorded'),
    });
    expect(staffSupportCondition('submit_business_case', { latestBallot: short, waived: false }, half)?.message).toContain(
      'held on 2027-02-10',
    );
  });
  it('guards no other event', () => {
    expect(staffSupportCondition('approve_business_case', { latestBallot: null, waived: false }, half)).toBeNull();
  });
});
