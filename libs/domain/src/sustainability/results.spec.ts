import fc from 'fast-check';
import { addCalendar } from '../calendar/add-calendar';
import { financialYearBounds, financialYearOf, financialYearStart } from './financial-year';
import { compareWithBaseline, figureProblems, median, periodProblem } from './results';

describe('financial years', () => {
  it('accepts only YYYY-YY with consecutive years', () => {
    expect(financialYearStart('2027-28')).toBe(2027);
    expect(financialYearStart('1999-00')).toBe(1999);
    expect(financialYearStart('2027-29')).toBeNull();
    expect(financialYearStart('2027-2028')).toBeNull();
    expect(financialYearStart('27-28')).toBeNull();
    expect(financialYearStart('baseline')).toBeNull();
  });

  it('every date falls inside the bounds of its financial year (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 80 }), (n) => {
        const date = addCalendar('1990-01-01', n, 'calendar_days');
        const fy = financialYearOf(date);
        const { start, end } = financialYearBounds(fy);
        expect(start <= date && date <= end).toBe(true);
        expect(start.slice(5)).toBe('04-01');
      }),
    );
  });
});

describe('periods a journey may record', () => {
  const ctx = { transferCompletedOn: '2027-05-10', today: '2029-01-15' };
  it('baseline at any time; years from the transfer year to the current one', () => {
    expect(periodProblem('baseline', { transferCompletedOn: null, today: '2026-01-01' })).toBeNull();
    expect(periodProblem('2027-28', ctx)).toBeNull();
    expect(periodProblem('2028-29', ctx)).toBeNull();
    expect(periodProblem('2026-27', ctx)?.code).toBe('year_before_transfer');
    expect(periodProblem('2029-30', ctx)?.code).toBe('year_in_future');
    expect(periodProblem('2027-29', ctx)?.status).toBe(400);
    expect(periodProblem('2027-28', { transferCompletedOn: null, today: '2029-01-01' })?.code).toBe('not_transferred');
  });
});

describe('figures', () => {
  it('names percentages outside 0–100 and negative counts', () => {
    expect(figureProblems({ staffTurnoverPct: 101, staffCount: -1, incomeGbp: -5, sicknessDaysPerFte: 3.5 })).toEqual([
      'staffTurnoverPct must be a percentage from 0 to 100',
      'staffCount must not be negative',
      'incomeGbp must not be negative',
    ]);
    expect(figureProblems({ staffCount: 2.5 })).toEqual(['staffCount must be a whole number']);
    expect(figureProblems({ staffTurnoverPct: 0, staffSatisfactionPct: 100 })).toEqual([]);
  });
});

describe('comparison with the baseline', () => {
  it('takes the latest year that has the measure', () => {
    const c = compareWithBaseline([
      { period: '2028-29', staffTurnoverPct: 3.5 },
      { period: 'baseline', staffTurnoverPct: 7.8, sicknessDaysPerFte: 22 },
      { period: '2027-28', staffTurnoverPct: 5, sicknessDaysPerFte: 9 },
    ]);
    expect(c.staffTurnoverPct).toEqual({ baseline: 7.8, latest: 3.5, latestPeriod: '2028-29', change: -4.3 });
    expect(c.sicknessDaysPerFte).toEqual({ baseline: 22, latest: 9, latestPeriod: '2027-28', change: -13 });
    expect(c.staffCount).toBeUndefined();
  });

  it('has nothing without a baseline', () => {
    expect(compareWithBaseline([{ period: '2027-28', staffTurnoverPct: 3 }])).toEqual({});
  });

  it('median', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
