import { periodStartOf, resolveTrendRange, trendPeriods, trendRangeProblems } from './trend-periods';

describe('trend periods', () => {
  it.each([
    ['2026-01-01', 'quarter', '2026-01-01'],
    ['2026-03-31', 'quarter', '2026-01-01'],
    ['2026-04-01', 'quarter', '2026-04-01'],
    ['2026-12-31', 'quarter', '2026-10-01'],
    ['2026-02-28', 'month', '2026-02-01'],
  ] as const)('%s starts its %s on %s', (date, interval, start) => {
    expect(periodStartOf(date, interval)).toBe(start);
  });

  it('covers the range in calendar quarters, clipping the first and last', () => {
    expect(trendPeriods('2025-11-15', '2026-04-10', 'quarter')).toEqual([
      { periodStart: '2025-10-01', start: '2025-11-15', end: '2025-12-31' },
      { periodStart: '2026-01-01', start: '2026-01-01', end: '2026-03-31' },
      { periodStart: '2026-04-01', start: '2026-04-01', end: '2026-04-10' },
    ]);
  });

  it('covers a leap February whole in months', () => {
    expect(trendPeriods('2028-01-31', '2028-03-01', 'month')).toEqual([
      { periodStart: '2028-01-01', start: '2028-01-31', end: '2028-01-31' },
      { periodStart: '2028-02-01', start: '2028-02-01', end: '2028-02-29' },
      { periodStart: '2028-03-01', start: '2028-03-01', end: '2028-03-01' },
    ]);
  });

  it('a one-day range is one period', () => {
    expect(trendPeriods('2026-05-05', '2026-05-05', 'month')).toEqual([
      { periodStart: '2026-05-01', start: '2026-05-05', end: '2026-05-05' },
    ]);
  });

  it('defaults to eight quarters or twelve months ending today', () => {
    expect(resolveTrendRange({}, '2026-12-01')).toEqual({ from: '2025-01-01', to: '2026-12-01', interval: 'quarter' });
    expect(resolveTrendRange({ interval: 'month' }, '2026-12-01')).toEqual({ from: '2026-01-01', to: '2026-12-01', interval: 'month' });
    expect(resolveTrendRange({ from: '2026-06-01' }, '2026-12-01')).toEqual({ from: '2026-06-01', to: '2026-12-01', interval: 'quarter' });
    expect(resolveTrendRange({ to: '2020-05-01', interval: 'month' }, '2026-12-01')).toEqual({
      from: '2019-06-01',
      to: '2020-05-01',
      interval: 'month',
    });
  });

  it('refuses from after to, and ranges of ten years or more, naming the field', () => {
    expect(trendRangeProblems({ from: '2026-02-01', to: '2026-01-31' })).toEqual(['from must not be after to']);
    expect(trendRangeProblems({ from: '2016-01-01', to: '2025-12-31' })).toEqual([]);
    expect(trendRangeProblems({ from: '2016-01-01', to: '2026-01-01' })).toEqual([
      'to must be less than 10 years after from (before 2026-01-01)',
    ]);
    expect(trendRangeProblems({ from: '2026-01-01', to: '2026-01-01' })).toEqual([]);
  });

  it('periods are contiguous and cover exactly the range', () => {
    for (const [from, to] of [
      ['2017-03-04', '2026-11-30'],
      ['2024-02-29', '2024-03-01'],
    ]) {
      for (const interval of ['month', 'quarter'] as const) {
        const periods = trendPeriods(from, to, interval);
        expect(periods[0].start).toBe(from);
        expect(periods[periods.length - 1].end).toBe(to);
        for (let i = 1; i < periods.length; i++) {
          const prevEnd = new Date(`${periods[i - 1].end}T00:00:00Z`).getTime();
          expect(new Date(`${periods[i].start}T00:00:00Z`).getTime() - prevEnd).toBe(86_400_000);
        }
      }
    }
  });
});
