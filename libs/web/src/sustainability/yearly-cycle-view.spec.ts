import { yearlyCycleView } from './yearly-cycle-view';

const J = '11111111-1111-4111-8111-111111111111';
const task = (key: string, dueDate: string, status = 'not_started') => ({
  id: `id-${key}`,
  key,
  title: key,
  status,
  dueDate,
  overdue: false,
});

describe('the journey page’s yearly cycle section', () => {
  it('groups the cycle’s tasks by year, newest two years first, soonest due first, and leaves other tasks out', () => {
    const view = yearlyCycleView({
      journeyId: J,
      phase: 'sustainability',
      tasks: [
        task('staff_survey_year_1', '2028-02-01'),
        task('confirmation_statement_year_1', '2028-01-24', 'completed'),
        task('confirmation_statement_year_2', '2029-01-24'),
        task('confirmation_statement_year_3', '2030-01-24'),
        task('plan_contract_renewal', '2028-01-01'),
        task('custom_thing_year_2', '2029-01-01'),
      ],
      cycleKeys: ['confirmation_statement', 'staff_survey'],
      entity: { incorporationDate: '2026-01-10', accountingReferenceDate: '2027-01-31' },
      canEdit: true,
      registered: true,
      finance: [],
    });
    expect(view.years.map((y) => y.year)).toEqual([3, 2]);
    expect(view.years[1].items.map((i) => i.title)).toEqual(['confirmation_statement_year_2']);
    expect(view.entity).toMatchObject({ estimated: false, editHref: `/journeys/${J}/entity` });
    expect(view.finance).toMatchObject({ rows: [], totals: null, newHref: `/journeys/${J}/growth-finance/new` });
  });

  it('totals growth finance and offers no forms to those who may not record', () => {
    const base = { journeyId: J, recordedByUserId: null, recordedAt: '', purpose: null, funder: 'F', soughtOn: '2028-01-01' };
    const view = yearlyCycleView({
      journeyId: J,
      phase: 'spinning_out',
      tasks: [],
      cycleKeys: [],
      entity: { incorporationDate: null, accountingReferenceDate: null },
      canEdit: false,
      registered: false,
      finance: [
        { ...base, id: 'a', kind: 'loan', amountGbp: 80000, status: 'secured', securedOn: '2028-02-01' },
        { ...base, id: 'b', kind: 'grant', amountGbp: 1500, status: 'declined', securedOn: null },
      ],
    });
    expect(view.finance.totals).toEqual({ sought: '£81,500', secured: '£80,000' });
    expect(view.finance.rows[0]).toMatchObject({ kind: 'Loan', amount: '£80,000', status: 'Secured' });
    expect(view.finance.newHref).toBeNull();
    expect(view.entity).toMatchObject({ estimated: true, editHref: null });
  });
});
