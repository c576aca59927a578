import fc from 'fast-check';
import { addCalendar } from '../calendar/add-calendar';
import { dateToDateTime } from '../calendar/london';
import { PATHWAY_TEMPLATE_V3 } from '../template/pathway-template.v3';
import { validateTemplate } from '../template/validate-template';
import {
  cycleYearsDue,
  cycleYearStart,
  defaultAccountingReferenceDate,
  entityDatesProblems,
  entityKindsOf,
  yearlyTasksFor,
  type CycleDates,
} from './yearly-cycle';

const DEFS = PATHWAY_TEMPLATE_V3.yearlyTasks!;
const byKey = (specs: ReturnType<typeof yearlyTasksFor>) => Object.fromEntries(specs.map((s) => [s.definitionKey, s]));

// Incorporated 10 Jan 2027, first accounts to 31 Jan 2028 (the s.391(4) default), transfer 1 Apr 2027.
const DATES: CycleDates = { incorporationDate: '2027-01-10', accountingReferenceDate: '2028-01-31', transferDate: '2027-04-01' };

describe('the yearly cycle', () => {
  it('gives a company year 1 (from the first transfer anniversary) with due dates from its own dates', () => {
    const y1 = byKey(yearlyTasksFor(DEFS, DATES, { legalForm: 'company_limited_by_guarantee', nation: 'england', year: 1 }));
    expect(Object.keys(y1).sort()).toEqual(
      ['annual_accounts', 'annual_general_meeting', 'annual_results_return', 'confirmation_statement', 'staff_survey'].sort(),
    );
    // The 2028 confirmation statement (first anniversary) is bedding in's one-off; the cycle takes the second.
    expect(y1.confirmation_statement).toMatchObject({
      key: 'confirmation_statement_year_1',
      periodEnd: '2029-01-10',
      dueDate: '2029-01-24',
    });
    expect(y1.confirmation_statement.statutory).toBe(true);
    // The first period (10 Jan 2027 to 31 Jan 2028) is over 12 months, so s.442(3): 21 months after
    // incorporation, 10 Oct 2028, after the cycle starts (1 Apr 2028), so year 1 has them.
    expect(y1.annual_accounts).toMatchObject({ periodEnd: '2028-01-31', dueDate: '2028-10-10' });
    expect(y1.annual_results_return).toMatchObject({ periodEnd: '2028-03-31', dueDate: '2028-06-30' });
    expect(y1.annual_results_return.title).toContain('financial year 2027-28');
    expect(y1.staff_survey).toMatchObject({ periodEnd: '2029-04-01', dueDate: '2029-02-01' });
    expect(y1.annual_general_meeting).toMatchObject({ dueDate: '2028-07-31' });
    expect(y1.confirmation_statement.source.url).toMatch(/^https:\/\/www\.legislation\.gov\.uk\//);

    const y2 = byKey(yearlyTasksFor(DEFS, DATES, { legalForm: 'company_limited_by_guarantee', nation: 'england', year: 2 }));
    expect(y2.confirmation_statement).toMatchObject({ key: 'confirmation_statement_year_2', dueDate: '2030-01-24' });
    expect(y2.annual_accounts).toMatchObject({ periodEnd: '2029-01-31', dueDate: '2029-10-31' });
    expect(y2.annual_results_return.title).toContain('financial year 2028-29');
  });

  it('adds the CIC report, due with the accounts, for a CIC', () => {
    const y1 = byKey(yearlyTasksFor(DEFS, DATES, { legalForm: 'cic_limited_by_shares', nation: 'england', year: 1 }));
    expect(y1.cic_report.dueDate).toBe(y1.annual_accounts.dueDate);
    expect(y1.cic_report.source.citation).toContain('2004, s.34');
  });

  it('gives a society its annual return 7 months after the year end, and no confirmation statement or company accounts', () => {
    const dates = { ...DATES, accountingReferenceDate: '2027-12-31' };
    const y1 = byKey(yearlyTasksFor(DEFS, dates, { legalForm: 'cooperative_or_community_benefit_society', nation: 'england', year: 1 }));
    expect(y1.confirmation_statement).toBeUndefined();
    expect(y1.annual_accounts).toBeUndefined();
    expect(y1.cic_report).toBeUndefined();
    // Year end 31 Dec 2027: due 31 Jul 2028, after the cycle starts on 1 Apr 2028.
    expect(y1.society_annual_return).toMatchObject({ periodEnd: '2027-12-31', dueDate: '2028-07-31' });
    expect(y1.society_annual_return.source.citation).toContain('2014, s.89');
    const ni = byKey(
      yearlyTasksFor(DEFS, dates, { legalForm: 'cooperative_or_community_benefit_society', nation: 'northern_ireland', year: 1 }),
    );
    expect(ni.society_annual_return.source.citation).toContain('(Northern Ireland) 1969');
    expect(ni.society_annual_return.guidance).toContain('not sure');
  });

  it('applies s.442(3) to a first accounting period longer than 12 months', () => {
    // Incorporated 15 Jun 2027, first period extended to 30 Nov 2028 (17.5 months), transfer 1 Jul 2027:
    // 21 months after incorporation (15 Mar 2029) is later than 3 months after the period ends (28 Feb 2029).
    const dates = { incorporationDate: '2027-06-15', accountingReferenceDate: '2028-11-30', transferDate: '2027-07-01' };
    const y1 = byKey(yearlyTasksFor(DEFS, dates, { legalForm: null, nation: 'scotland', year: 1 }));
    expect(y1.annual_accounts).toMatchObject({ periodEnd: '2028-11-30', dueDate: '2029-03-15' });
    const y2 = byKey(yearlyTasksFor(DEFS, dates, { legalForm: null, nation: 'scotland', year: 2 }));
    // A period ending on a month's last day is due on the last day of the ninth month after (s.443(3)).
    expect(y2.annual_accounts).toMatchObject({ periodEnd: '2029-11-30', dueDate: '2030-08-31' });
  });

  it('treats an unrecorded legal form as a company and refuses year 0', () => {
    expect(entityKindsOf(null)).toContain('company');
    expect(() => yearlyTasksFor(DEFS, DATES, { legalForm: null, nation: 'england', year: 0 })).toThrow(RangeError);
  });

  it('says which years should exist: year 1 from the start, the next three months before it begins', () => {
    expect(cycleYearsDue('2027-04-01', '2027-04-01')).toBe(1);
    expect(cycleYearsDue('2027-04-01', '2028-12-31')).toBe(1);
    expect(cycleYearsDue('2027-04-01', '2029-01-01')).toBe(2);
    expect(cycleYearsDue('2027-04-01', '2030-01-01')).toBe(3);
    expect(cycleYearStart('2028-02-29', 1)).toBe('2029-02-28');
    expect(cycleYearStart('2028-02-29', 4)).toBe('2032-02-29');
  });

  it('defaults the accounting reference date to the end of the month of the first anniversary (s.391(4))', () => {
    expect(defaultAccountingReferenceDate('2027-01-10')).toBe('2028-01-31');
    expect(defaultAccountingReferenceDate('2028-02-29')).toBe('2029-02-28');
  });

  it('checks the entity dates, naming the field', () => {
    expect(entityDatesProblems({ incorporationDate: '2027-02-30' }, '2027-06-01')).toEqual([
      expect.objectContaining({ field: 'incorporationDate' }),
    ]);
    expect(entityDatesProblems({ incorporationDate: '2027-07-01' }, '2027-06-01')[0].message).toContain('future');
    expect(entityDatesProblems({ incorporationDate: '2027-01-10', accountingReferenceDate: '2027-05-31' }, '2027-06-01')).toEqual([
      expect.objectContaining({ field: 'accountingReferenceDate' }),
    ]);
    expect(entityDatesProblems({ incorporationDate: '2027-01-10', accountingReferenceDate: '2028-07-11' }, '2027-06-01')).toHaveLength(1);
    expect(entityDatesProblems({ incorporationDate: '2027-01-10', accountingReferenceDate: '2028-07-10' }, '2027-06-01')).toEqual([]);
    expect(entityDatesProblems({ accountingReferenceDate: 'soon' }, '2027-06-01', 'payload.')[0].message).toMatch(
      /^payload\.accountingReferenceDate/,
    );
  });

  it('is valid template data, and a broken yearly task is caught', () => {
    expect(validateTemplate(PATHWAY_TEMPLATE_V3)).toEqual([]);
    const broken = { ...PATHWAY_TEMPLATE_V3, yearlyTasks: [{ ...DEFS[0], anchor: 'whenever' as never }, DEFS[0]] };
    const problems = validateTemplate(broken);
    expect(problems).toContainEqual(expect.stringContaining('anchor must be one of'));
    expect(problems).toContainEqual(expect.stringContaining('listed more than once'));
  });
});

describe('the yearly cycle over random dates (leap years included)', () => {
  // Days from 2023-01-01 to 2040-12-31: covers the leap years 2024, 2028, 2032, 2036, 2040.
  const date = fc.integer({ min: 0, max: 6574 }).map((d) => addCalendar('2023-01-01', d, 'calendar_days'));
  const leapDay = fc.constantFrom('2024-02-29', '2028-02-29', '2032-02-29');
  const someDate = fc.oneof(date, leapDay);
  const datesArb = fc
    .tuple(someDate, fc.integer({ min: 7, max: 18 }), fc.integer({ min: 0, max: 400 }))
    .map(([inc, arMonths, transferDays]) => {
      const ard = dateToDateTime(addCalendar(inc, arMonths, 'months'))
        .endOf('month')
        .toISODate()!;
      return { incorporationDate: inc, accountingReferenceDate: ard, transferDate: addCalendar(inc, transferDays, 'calendar_days') };
    })
    .filter((d) => entityDatesProblems(d, '2099-01-01').length === 0);
  const form = fc.constantFrom(null, 'cic_limited_by_shares', 'cooperative_or_community_benefit_society', 'company_limited_by_guarantee');

  it('each task comes once a year: due dates strictly increase, the first on or after the cycle starts, none skipped', () => {
    fc.assert(
      fc.property(datesArb, form, (dates, legalForm) => {
        const years = [1, 2, 3, 4, 5, 6].map((year) => byKey(yearlyTasksFor(DEFS, dates, { legalForm, nation: 'england', year })));
        const start = cycleYearStart(dates.transferDate, 1);
        for (const key of Object.keys(years[0])) {
          expect(years[0][key].dueDate >= start).toBe(true);
          for (let i = 1; i < years.length; i++) {
            const prev = years[i - 1][key];
            const next = years[i][key];
            expect(next.key).toBe(`${key}_year_${i + 1}`);
            expect(next.dueDate > prev.dueDate).toBe(true);
            // Consecutive occurrences are a year apart: never two in a year, never a year missed.
            expect(addCalendar(prev.periodEnd, 12, 'months').slice(0, 7)).toBe(next.periodEnd.slice(0, 7));
          }
          // Year 3 falls before the 4th transfer anniversary (plus up to 6 months when s.442(3) brought the first accounts forward).
          expect(years[2][key].dueDate <= addCalendar(cycleYearStart(dates.transferDate, 4), 7, 'months')).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the confirmation statement is always 14 days after an anniversary of incorporation (29 Feb: 28 Feb in other years)', () => {
    fc.assert(
      fc.property(datesArb, fc.integer({ min: 1, max: 8 }), (dates, year) => {
        const cs = byKey(yearlyTasksFor(DEFS, dates, { legalForm: null, nation: 'wales', year })).confirmation_statement;
        expect(addCalendar(cs.periodEnd, 14, 'calendar_days')).toBe(cs.dueDate);
        const inc = dates.incorporationDate.slice(5);
        const end = cs.periodEnd.slice(5);
        if (inc === '02-29') expect(['02-28', '02-29']).toContain(end);
        else expect(end).toBe(inc);
        expect(cs.periodEnd > dates.incorporationDate).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('a year number gives the same tasks whenever it is asked (no dependence on today)', () => {
    fc.assert(
      fc.property(datesArb, form, fc.integer({ min: 1, max: 10 }), (dates, legalForm, year) => {
        const a = yearlyTasksFor(DEFS, dates, { legalForm, nation: 'england', year });
        const b = yearlyTasksFor(DEFS, { ...dates }, { legalForm, nation: 'england', year });
        expect(a).toEqual(b);
        expect(new Set(a.map((s) => s.key)).size).toBe(a.length);
      }),
      { numRuns: 100 },
    );
  });
});
