import { contractRows, formatChange, resultsView } from './sustainability-view';

const item = (period: string, over: Record<string, number | string | null>) => ({
  period,
  staffTurnoverPct: null,
  sicknessDaysPerFte: null,
  staffSatisfactionPct: null,
  serviceUserSatisfactionPct: null,
  staffCount: null,
  incomeGbp: null,
  staffMembershipPct: null,
  socialValue: null,
  recordedByUserId: null,
  recordedAt: '2027-01-01T00:00:00Z',
  ...over,
});

describe('results view', () => {
  const view = resultsView({
    items: [
      item('baseline', { staffTurnoverPct: 7.8, staffCount: 1400 }),
      item('2027-28', { staffTurnoverPct: 3.5, socialValue: 'Drivers' }),
    ],
    comparison: { staffTurnoverPct: { baseline: 7.8, latest: 3.5, latestPeriod: '2027-28', change: -4.3 } },
  });

  it('tables every measure with a figure, and compares those with a baseline and a year', () => {
    expect(view.periods).toEqual(['Baseline', '2027-28']);
    expect(view.table).toEqual([
      { measure: 'Staff turnover', cells: ['7.8%', '3.5%'] },
      { measure: 'Staff', cells: ['1,400', '–'] },
    ]);
    expect(view.comparison).toEqual([
      {
        measure: 'Staff turnover',
        baseline: '7.8%',
        latest: '3.5%',
        latestPeriod: '2027-28',
        change: 'Down 4.3 percentage points (better)',
      },
    ]);
    expect(view.socialValue).toEqual([{ period: '2027-28', text: 'Drivers' }]);
  });

  it('draws a bar per period, the longest for the largest value, and describes the chart in words', () => {
    const [chart] = view.charts;
    const labels = [...chart.svg.matchAll(/font-weight="bold"><tspan x="0" dy="0">([^<]+)</g)].map((m) => m[1]);
    expect(labels).toEqual(['Baseline', '2027-28']);
    const widths = [...chart.svg.matchAll(/<rect x="0" y="[^"]*" width="([\d.]+)%"/g)].map((m) => Number(m[1]));
    expect(widths[0]).toBeGreaterThan(widths[1]);
    expect(widths[1] / widths[0]).toBeCloseTo(3.5 / 7.8, 1);
    expect(chart.svg).toContain('>7.8%</text>');
    expect(chart.description).toBe('Staff turnover: baseline 7.8%, 2027-28 3.5%. Down 4.3 percentage points (better).');
  });

  it('says whether a change is better or worse for the measure', () => {
    expect(formatChange('staffSatisfactionPct', 5)).toBe('Up 5 percentage points (better)');
    expect(formatChange('sicknessDaysPerFte', 2)).toBe('Up 2 (worse)');
    expect(formatChange('incomeGbp', -1000)).toBe('Down £1,000 (worse)');
    expect(formatChange('staffCount', 0)).toBe('No change');
  });
});

describe('contract rows', () => {
  it('shows the next open renewal task and the outcome', () => {
    const [row] = contractRows([
      {
        id: 'c',
        journeyId: 'j',
        title: 'Care',
        commissionerId: 'o',
        startDate: '2027-04-01',
        endDate: '2030-03-31',
        awardedOn: '2027-04-01',
        termMonths: 36,
        annualValueGbp: 1500000.5,
        route: 'reserved_mutual',
        extensionMonths: 12,
        firstContract: true,
        outcome: null,
        outcomeNote: null,
        outcomeRecordedAt: null,
        renewalTasks: [
          { id: 't1', key: 'plan_contract_renewal', status: 'completed', dueDate: '2028-09-30' },
          { id: 't2', key: 'decide_contract_renewal', status: 'not_started', dueDate: '2029-03-31' },
        ],
        warnings: [{ code: 'term_under_5_years', message: 'Short' }],
        createdAt: '',
        updatedAt: '',
      },
    ]);
    expect(row).toMatchObject({
      annualValue: '£1,500,001',
      renewal: 'Decide renewal: Not started, due 31 March 2029',
      outcome: 'Not decided',
      warnings: ['Short'],
    });
    expect(row.term).toBe('1 April 2027 to 31 March 2030 (36 months, plus up to 12 months’ extension)');
  });
});

describe('views/journeys/sustainability.njk', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createViewEnvironment } = require('../views') as typeof import('../views');
  const env = createViewEnvironment();
  const results = resultsView({
    items: [item('baseline', { staffTurnoverPct: 7.8 }), item('2027-28', { staffTurnoverPct: 3.5 })],
    comparison: { staffTurnoverPct: { baseline: 7.8, latest: 3.5, latestPeriod: '2027-28', change: -4.3 } },
  });
  const html = env
    .render('journeys/sustainability.njk', { journey: { phase: 'sustainability' }, contracts: [], results })
    .replace(/\s+/g, ' ');

  it('renders each chart as an image with a title and a description, beside the tables of the same numbers', () => {
    expect(html).toMatch(
      /<svg [^>]*role="img" aria-labelledby="chart-staffTurnoverPct-title" aria-describedby="chart-staffTurnoverPct-desc"/,
    );
    expect(html).toContain('<title id="chart-staffTurnoverPct-title">Staff turnover</title>');
    expect(html).toContain('Down 4.3 percentage points (better)');
    expect(html).toMatch(/data-testid="results-table"/);
    expect(html).toContain('No contracts have been recorded yet');
  });

  it('shows nothing before spinning out when nothing is recorded', () => {
    const early = env.render('journeys/sustainability.njk', {
      journey: { phase: 'pre_spin_out' },
      contracts: [],
      results: resultsView({ items: [], comparison: {} }),
    });
    expect(early.trim()).toBe('');
  });
});
