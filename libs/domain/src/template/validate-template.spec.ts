import { computeDueDate } from '../calendar/due-date';
import { OWNER_PARTIES, WORKSTREAMS } from '../vocabulary';
import { PATHWAY_TEMPLATE_V1 } from './pathway-template.v1';
import { tasksCreatedOn, tasksCreatedWithJourney } from './tasks-to-create';
import { PathwayTemplate, TemplateTask } from './types';
import { validateTemplate } from './validate-template';

const clone = (): PathwayTemplate => JSON.parse(JSON.stringify(PATHWAY_TEMPLATE_V1));
const task = (t: PathwayTemplate, key: string): TemplateTask => {
  const found = t.tasks.find((x) => x.key === key);
  if (!found) throw new Error(`no task ${key}`);
  return found;
};
const defectsOf = (mutate: (t: PathwayTemplate) => void): string[] => {
  const t = clone();
  mutate(t);
  return validateTemplate(t);
};

describe('the shipped pathway template (v1)', () => {
  it('is valid', () => {
    expect(validateTemplate(PATHWAY_TEMPLATE_V1)).toEqual([]);
  });

  it('is version 1 with enough tasks, covering every workstream and owner party', () => {
    expect(PATHWAY_TEMPLATE_V1.version).toBe(1);
    expect(PATHWAY_TEMPLATE_V1.tasks.length).toBeGreaterThanOrEqual(30);
    expect(new Set(PATHWAY_TEMPLATE_V1.tasks.map((t) => t.workstream))).toEqual(new Set(WORKSTREAMS));
    expect(new Set(PATHWAY_TEMPLATE_V1.tasks.map((t) => t.ownerParty))).toEqual(new Set(OWNER_PARTIES));
  });

  it('states the employee liability information rule exactly (TUPE reg. 11, 28 calendar days)', () => {
    const eli = task(PATHWAY_TEMPLATE_V1, 'provide_employee_liability_information');
    expect(eli).toMatchObject({
      workstream: 'tupe',
      ownerParty: 'parent_body',
      mandatory: true,
      phase: 'spinning_out',
      gateState: 'entity_registered',
      due: { anchor: 'planned_transfer_date', offset: -28, unit: 'calendar_days' },
    });
    expect(eli.source).toMatch(/reg\. 11/);
    expect(eli.source).toMatch(/2014/);
    expect(computeDueDate(eli.due!, { plannedTransferDate: '2027-04-01', eventDates: {} })).toBe('2027-03-04');
  });

  it('closes the business case review when the business case is approved, and never calls it optional', () => {
    expect(task(PATHWAY_TEMPLATE_V1, 'review_business_case')).toMatchObject({
      mandatory: true,
      ownerParty: 'parent_body',
      completedOn: ['approve_business_case'],
    });
  });

  it('creates the Right to Provide response task on submission, due rightToProvideResponseDays later', () => {
    const respond = task(PATHWAY_TEMPLATE_V1, 'respond_to_expression_of_interest');
    expect(respond).toMatchObject({
      workstream: 'business_case',
      ownerParty: 'parent_body',
      phase: 'pre_spin_out',
      createdOn: 'submit_expression_of_interest',
      // The parent body's central duty under the Right to Provide: never shown as optional.
      mandatory: true,
      gateState: null,
      due: { anchor: 'submit_expression_of_interest', offset: PATHWAY_TEMPLATE_V1.rightToProvideResponseDays, unit: 'calendar_days' },
    });
    expect(PATHWAY_TEMPLATE_V1.rightToProvideResponseDays).toBe(30);
    expect(tasksCreatedOn(PATHWAY_TEMPLATE_V1, 'submit_expression_of_interest').map((t) => t.key)).toEqual([
      'respond_to_expression_of_interest',
    ]);
    expect(tasksCreatedWithJourney(PATHWAY_TEMPLATE_V1).map((t) => t.key)).not.toContain('respond_to_expression_of_interest');
  });

  it.each([
    ['pre_spin_out', 'business_planning', ['business_case', 'staff_engagement']],
    ['spinning_out', 'mobilising', ['legal_form']],
    ['spinning_out', 'entity_registered', ['tupe', 'pensions', 'vat', 'assets', 'commissioning']],
    ['spinning_out', 'ready_for_transfer', ['pensions']],
    ['sustainability', 'bedding_in', ['evidence']],
  ])('gates %s / %s with mandatory %j tasks', (phase, state, workstreams) => {
    const gated = PATHWAY_TEMPLATE_V1.tasks.filter((t) => t.phase === phase && t.gateState === state && t.mandatory);
    for (const ws of workstreams) expect(gated.map((t) => t.workstream)).toContain(ws);
  });

  it('has the sustainability deadlines: first-year review T+12m, re-procurement plan T+42m, annual returns', () => {
    expect(task(PATHWAY_TEMPLATE_V1, 'gather_first_year_evidence').due).toEqual({
      anchor: 'planned_transfer_date',
      offset: 12,
      unit: 'months',
    });
    expect(task(PATHWAY_TEMPLATE_V1, 'plan_reprocurement').due).toEqual({ anchor: 'planned_transfer_date', offset: 42, unit: 'months' });
    expect(task(PATHWAY_TEMPLATE_V1, 'file_annual_returns').workstream).toBe('governance');
  });

  it('offers the five families of legal form', () => {
    const keys = PATHWAY_TEMPLATE_V1.legalForms.map((f) => f.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'cic_limited_by_shares',
        'cic_limited_by_guarantee',
        'company_limited_by_guarantee',
        'cooperative_or_community_benefit_society',
        'mutual_joint_venture',
        'employee_benefit_trust',
      ]),
    );
  });

  it('has the default reminder policy', () => {
    expect(PATHWAY_TEMPLATE_V1.reminderPolicy).toEqual({
      remindBefore: ['P14D', 'P3D'],
      escalateAfter: 'P5D',
      escalateAfterWorkingDays: true,
    });
  });
});

describe('validateTemplate catches each defect', () => {
  it.each<[string, (t: PathwayTemplate) => void, RegExp]>([
    ['duplicate keys', (t) => t.tasks.push({ ...t.tasks[0] }), /used more than once/],
    ['unknown dependency', (t) => t.tasks[1].dependsOn.push('no_such_task'), /unknown task no_such_task/],
    ['self dependency', (t) => task(t, 'hold_staff_ballot').dependsOn.push('hold_staff_ballot'), /depends on itself/],
    [
      'dependency cycle',
      (t) => task(t, 'engage_staff_on_proposal').dependsOn.push('hold_staff_ballot'),
      /dependency cycle: .*engage_staff_on_proposal.*hold_staff_ballot|dependency cycle: .*hold_staff_ballot.*engage_staff_on_proposal/,
    ],
    [
      'dependency due after the task',
      (t) => (task(t, 'choose_legal_form').due = { anchor: 'planned_transfer_date', offset: -13, unit: 'months' }),
      /depends on shortlist_legal_forms, which is due after it/,
    ],
    [
      'gateState outside the phase',
      (t) => (task(t, 'choose_legal_form').gateState = 'business_planning'),
      /not a state of phase spinning_out/,
    ],
    ['gateState on_hold', (t) => (task(t, 'choose_legal_form').gateState = 'on_hold'), /not a state of phase/],
    [
      'mandatory gate on an unguarded state',
      (t) => {
        task(t, 'engage_staff_on_proposal').gateState = 'exploring';
      },
      /gateState exploring is not left by a guarded event/,
    ],
    ['uncovered workstream', (t) => (t.tasks = t.tasks.filter((x) => x.workstream !== 'evidence')), /workstream evidence has no tasks/],
    [
      'unknown createdOn event',
      (t) => (task(t, 'review_business_case').createdOn = 'sign_contract' as never),
      /createdOn sign_contract is not a journey event/,
    ],
    [
      'unknown completedOn event',
      (t) => (task(t, 'review_business_case').completedOn = ['sign_contract' as never]),
      /completedOn sign_contract is not a journey event/,
    ],
    [
      'unknown due anchor',
      (t) => (task(t, 'choose_legal_form').due = { anchor: 'sign_contract' as never, offset: 1, unit: 'weeks' }),
      /due anchor sign_contract/,
    ],
    ['fractional offset', (t) => (task(t, 'choose_legal_form').due!.offset = -8.5), /whole number/],
    ['unknown unit', (t) => (task(t, 'choose_legal_form').due!.unit = 'fortnights' as never), /due unit fortnights/],
    [
      'bad remindBefore duration',
      (t) => (t.reminderPolicy.remindBefore = ['P14D', 'fortnight']),
      /remindBefore: fortnight is not an ISO-8601 duration/,
    ],
    ['zero remindBefore duration', (t) => (t.reminderPolicy.remindBefore = ['P0D']), /remindBefore: P0D must be longer than zero/],
    ['bad escalateAfter duration', (t) => (t.reminderPolicy.escalateAfter = '-P5D'), /escalateAfter/],
    ['unknown workstream', (t) => (t.tasks[0].workstream = 'catering' as never), /workstream catering is unknown/],
    ['unknown owner party', (t) => (t.tasks[0].ownerParty = 'union' as never), /ownerParty union is unknown/],
    ['missing guidance', (t) => (t.tasks[0].guidance = ' '), /guidance is required/],
    [
      'missing response task',
      (t) => (t.tasks = t.tasks.filter((x) => x.key !== 'respond_to_expression_of_interest')),
      /respond_to_expression_of_interest is required/,
    ],
    ['response days out of step', (t) => (t.rightToProvideResponseDays = 28), /rightToProvideResponseDays calendar days/],
    ['reconsideration days not whole', (t) => (t.reconsiderationResponseDays = 2.5), /reconsiderationResponseDays/],
    ['reconsideration days zero', (t) => (t.reconsiderationResponseDays = 0), /reconsiderationResponseDays/],
    ['bad publishedOn', (t) => (t.publishedOn = '2026-02-30'), /publishedOn/],
    ['bad version', (t) => (t.version = 0), /version/],
    ['duplicate legal form', (t) => t.legalForms.push({ ...t.legalForms[0] }), /legal form .* more than once/],
    ['legal form without limits', (t) => (t.legalForms[0].limits = []), /benefits and limits/],
  ])('%s', (_name, mutate, expected) => {
    const defects = defectsOf(mutate);
    expect(defects.some((d) => expected.test(d))).toBe(true);
  });
});
