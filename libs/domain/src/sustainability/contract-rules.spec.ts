import fc from 'fast-check';
import { addCalendar } from '../calendar/add-calendar';
import { assessContract, ContractContext, ContractTerms, reservedLockoutBlockers, runsLongerThan, termMonths } from './contract-rules';
import { renewalDueDates } from './renewal';

const day = fc.integer({ min: 0, max: 365 * 60 }).map((n) => addCalendar('2000-01-01', n, 'calendar_days'));
const ctx = (over: Partial<ContractContext> = {}): ContractContext => ({
  commissionerId: 'c1',
  serviceArea: 'social_care',
  authorityNation: 'england',
  others: [],
  ...over,
});
const terms = (over: Partial<ContractTerms>): ContractTerms => ({
  route: 'reserved_mutual',
  startDate: '2026-04-01',
  endDate: '2031-03-31',
  extensionMonths: null,
  awardedOn: '2026-03-01',
  ...over,
});
const codes = (t: ContractTerms, c = ctx()) => assessContract(t, c).problems.map((p) => p.code);

describe('contract term', () => {
  it('counts whole months to the day after the end', () => {
    expect(termMonths('2026-04-01', '2031-03-31')).toBe(60);
    expect(termMonths('2026-04-01', '2031-03-30')).toBe(59);
    expect(termMonths('2026-04-01', '2027-03-31')).toBe(12);
    expect(termMonths('2026-01-31', '2026-02-27')).toBe(1); // 31 Jan + 1 month clamps to 28 Feb
    expect(termMonths('2026-04-01', '2026-04-01')).toBe(0);
  });

  it('a term of n whole months ends the day before start + n months (property)', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 240 }), (start, n) => {
        const end = addCalendar(addCalendar(start, n, 'months'), -1, 'calendar_days');
        expect(termMonths(start, end)).toBe(n);
        expect(runsLongerThan(start, end, n)).toBe(false);
        expect(runsLongerThan(start, addCalendar(end, 1, 'calendar_days'), n)).toBe(true);
      }),
    );
  });

  it('termMonths under 60 exactly when the term is under five years, and over-five-years rejects a reserved contract (property)', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 365 * 8 }), (start, len) => {
        const end = addCalendar(start, len, 'calendar_days');
        const a = assessContract(terms({ startDate: start, endDate: end, awardedOn: start }), ctx());
        const fiveYearsEnd = addCalendar(addCalendar(start, 60, 'months'), -1, 'calendar_days');
        expect(a.warnings.some((w) => w.code === 'term_under_5_years')).toBe(end < fiveYearsEnd);
        expect(a.termMonths < 60).toBe(end < fiveYearsEnd);
        expect(a.problems.some((p) => p.code === 'reserved_term_over_5_years')).toBe(end > fiveYearsEnd);
      }),
    );
  });

  it('counts extension options in a reserved contract’s maximum term', () => {
    expect(codes(terms({ endDate: '2029-03-31', extensionMonths: 24 }))).toEqual([]);
    const p = assessContract(terms({ endDate: '2029-03-31', extensionMonths: 25 }), ctx()).problems;
    expect(p).toEqual([expect.objectContaining({ code: 'reserved_term_over_5_years', field: 'extensionMonths', status: 422 })]);
    // Other routes may run longer.
    expect(codes(terms({ route: 'open_competition', endDate: '2036-03-31', extensionMonths: 24 }))).toEqual([]);
  });

  it('rejects an end before the start as a bad request naming endDate', () => {
    expect(assessContract(terms({ endDate: '2026-03-31' }), ctx()).problems).toEqual([
      expect.objectContaining({ status: 400, field: 'endDate' }),
    ]);
  });

  it('is not available to Scottish authorities', () => {
    expect(codes(terms({}), ctx({ authorityNation: 'scotland' }))).toEqual(['reserved_mutual_not_in_scotland']);
    expect(codes(terms({}), ctx({ authorityNation: 'wales' }))).toEqual([]);
    expect(codes(terms({ route: 'open_competition' }), ctx({ authorityNation: 'scotland' }))).toEqual([]);
  });

  it('warns that NHS health care services fall under the Provider Selection Regime', () => {
    const w = assessContract(terms({ route: 'open_competition' }), ctx({ serviceArea: 'health' })).warnings.map((x) => x.code);
    expect(w).toContain('nhs_provider_selection_regime');
    expect(
      assessContract(terms({ route: 'provider_selection_regime' }), ctx({ serviceArea: 'health' })).warnings.map((x) => x.code),
    ).not.toContain('nhs_provider_selection_regime');
  });
});

describe('reserved contract lock-out (s.33(5))', () => {
  const earlier = (awardedOn: string, over: Record<string, unknown> = {}) => ({
    id: 'e',
    title: 'Earlier',
    route: 'reserved_mutual' as const,
    commissionerId: 'c1',
    serviceArea: 'social_care' as const,
    awardedOn,
    ...over,
  });

  it('blocks a comparable reserved contract awarded within the three years ending with the award (property)', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 365 * 6 }), (award, gap) => {
        const before = addCalendar(award, -gap, 'calendar_days');
        const blocked =
          reservedLockoutBlockers({ awardedOn: award }, { commissionerId: 'c1', serviceArea: 'social_care', others: [earlier(before)] })
            .length > 0;
        expect(blocked).toBe(before > addCalendar(award, -36, 'months'));
      }),
    );
  });

  it('blocks a comparable reserved contract awarded within the three years after the award, too (property)', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 365 * 6 }), (award, gap) => {
        const later = addCalendar(award, gap, 'calendar_days');
        const blocked =
          reservedLockoutBlockers({ awardedOn: award }, { commissionerId: 'c1', serviceArea: 'social_care', others: [earlier(later)] })
            .length > 0;
        // The pair is judged by the later award's window, whichever is recorded first.
        expect(blocked).toBe(award > addCalendar(later, -36, 'months'));
      }),
    );
  });

  it('names the later contract when the new award comes before it', () => {
    const p = assessContract(
      terms({ awardedOn: '2025-04-01', startDate: '2025-04-01', endDate: '2027-03-31' }),
      ctx({ others: [earlier('2027-04-01', { title: 'Later one' })] }),
    ).problems;
    expect(p.map((x) => [x.code, x.field])).toEqual([['reserved_contract_lockout', 'route']]);
    expect(p[0].message).toContain('“Later one”, awarded 2027-04-01');
  });

  it('does not judge the lock-out again on an edit that leaves route, authority and award date as stored', () => {
    const stored = { route: 'reserved_mutual' as const, commissionerId: 'c1', awardedOn: '2026-03-01' };
    const clash = ctx({ others: [earlier('2025-01-01')], stored });
    expect(codes(terms({ endDate: '2030-03-31' }), clash)).toEqual([]);
    expect(codes(terms({ awardedOn: '2026-02-01' }), clash)).toEqual(['reserved_contract_lockout']);
    expect(codes(terms({}), ctx({ others: [earlier('2025-01-01')], stored: { ...stored, route: 'open_competition' } }))).toEqual([
      'reserved_contract_lockout',
    ]);
    expect(codes(terms({}), ctx({ others: [earlier('2025-01-01')], stored: { ...stored, commissionerId: 'c9' } }))).toEqual([
      'reserved_contract_lockout',
    ]);
  });

  it('only counts contracts reserved under s.33, from the same authority, for the same kind of services', () => {
    const c = (e: ReturnType<typeof earlier>) => codes(terms({ awardedOn: '2026-03-01' }), ctx({ others: [e] }));
    expect(c(earlier('2024-01-01'))).toEqual(['reserved_contract_lockout']);
    expect(c(earlier('2024-01-01', { route: 'open_competition' }))).toEqual([]);
    expect(c(earlier('2024-01-01', { commissionerId: 'c2' }))).toEqual([]);
    expect(c(earlier('2024-01-01', { serviceArea: 'youth' }))).toEqual([]);
    expect(c(earlier('2023-03-01'))).toEqual([]); // exactly three years earlier: outside the period ending with the award
  });
});

describe('renewal dates', () => {
  it('plans 18 and decides 12 months before the end, in that order (property)', () => {
    fc.assert(
      fc.property(day, (end) => {
        const d = renewalDueDates(end);
        expect(d.plan_contract_renewal < d.decide_contract_renewal).toBe(true);
        expect(d.decide_contract_renewal < end).toBe(true);
        expect(d.plan_contract_renewal).toBe(addCalendar(end, -18, 'months'));
        // Never later than 18 (12) calendar months before: moving the end date moves them by the same months.
        expect(addCalendar(d.plan_contract_renewal, 18, 'months') <= end).toBe(true);
        expect(addCalendar(d.decide_contract_renewal, 12, 'months') <= end).toBe(true);
      }),
    );
  });

  it('moving the end date by whole months moves both dates the same way (property)', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -60, max: 60 }), (end, shift) => {
        const first = addCalendar(end.slice(0, 8) + '01', 0, 'calendar_days'); // first of the month: no clamping
        const a = renewalDueDates(first);
        const b = renewalDueDates(addCalendar(first, shift, 'months'));
        expect(b.decide_contract_renewal).toBe(addCalendar(a.decide_contract_renewal, shift, 'months'));
        expect(b.plan_contract_renewal).toBe(addCalendar(a.plan_contract_renewal, shift, 'months'));
      }),
    );
  });
});
