import { BODY_TYPES, NATIONS, type BodyType, type Nation } from '../vocabulary';
import { sourceOf, tasksThatFit, type JourneyFit } from './pathway-fit';
import { PATHWAY_TEMPLATE_V1 } from './pathway-template.v1';
import { buildV2Tasks, PATHWAY_TEMPLATE_V2 } from './pathway-template.v2';
import { tasksCreatedWithJourney } from './tasks-to-create';
import type { PathwayTemplate, TemplateTask } from './types';
import { validateTemplate } from './validate-template';

const keysFor = (fit: JourneyFit) => tasksThatFit(PATHWAY_TEMPLATE_V2.tasks, fit).map((t) => t.key);
const taskFor = (fit: JourneyFit, key: string): TemplateTask => {
  const found = tasksThatFit(PATHWAY_TEMPLATE_V2.tasks, fit).find((t) => t.key === key);
  if (!found) throw new Error(`no task ${key} for ${JSON.stringify(fit)}`);
  return found;
};
const fit = (nation: Nation, bodyType: BodyType | null, staffCount = 120): JourneyFit => ({ nation, bodyType, staffCount });
const clone = (): PathwayTemplate => JSON.parse(JSON.stringify(PATHWAY_TEMPLATE_V2));

describe('pathway template v2', () => {
  it('is valid, and v1 still is', () => {
    expect(validateTemplate(PATHWAY_TEMPLATE_V2)).toEqual([]);
    expect(validateTemplate(PATHWAY_TEMPLATE_V1)).toEqual([]);
    expect(PATHWAY_TEMPLATE_V2.version).toBe(2);
  });

  it('gives every task appliesTo and a source with a citation and an https link (in every nation)', () => {
    for (const nation of NATIONS) {
      for (const t of tasksThatFit(PATHWAY_TEMPLATE_V2.tasks, fit(nation, null))) {
        const s = sourceOf(t);
        expect(s.citation.length).toBeGreaterThan(5);
        expect(s.url).toMatch(/^https:\/\//);
      }
    }
    for (const t of PATHWAY_TEMPLATE_V2.tasks) expect(t.appliesTo?.nations.length).toBeGreaterThan(0);
  });

  it('rejects a task that applies to nothing, and one without appliesTo or a link', () => {
    const empty = clone();
    empty.tasks[0].appliesTo = { nations: [], bodyTypes: ['nhs_trust'] };
    expect(validateTemplate(empty)).toEqual([
      expect.stringMatching(/appraise_service_options: appliesTo.nations must name at least one nation/),
    ]);
    const noBodies = clone();
    noBodies.tasks[0].appliesTo = { nations: ['wales'], bodyTypes: [] };
    expect(validateTemplate(noBodies)).toEqual([expect.stringMatching(/appliesTo.bodyTypes must name at least one body type/)]);
    const inverted = clone();
    inverted.tasks[0].appliesTo = { nations: ['wales'], bodyTypes: ['nhs_trust'], staffCount: { min: 50, max: 10 } };
    expect(validateTemplate(inverted)).toEqual([expect.stringMatching(/staffCount min is above max/)]);
    const missing = clone();
    delete missing.tasks[0].appliesTo;
    expect(validateTemplate(missing)).toEqual([expect.stringMatching(/appliesTo is required/)]);
    const unlinked = clone();
    unlinked.tasks[0].source = 'Somebody said so';
    expect(validateTemplate(unlinked)).toEqual([expect.stringMatching(/source needs a citation and a link/)]);
    const badVariant = clone();
    badVariant.tasks.find((t) => t.key === 'secure_best_value_pension_protection')!.byNation = { scotland: { guidance: 'x' } };
    expect(validateTemplate(badVariant)).toEqual([expect.stringMatching(/byNation.scotland is for a nation the task does not apply to/)]);
  });

  it('lets a task later added to v1 reach v2, linked when its citation is known, refused when not', () => {
    const extra: TemplateTask = { ...PATHWAY_TEMPLATE_V1.tasks[0], key: 'added_later', source: 'Procurement Act 2023, s.33: a later rule' };
    const withKnown = buildV2Tasks([...PATHWAY_TEMPLATE_V1.tasks, extra]);
    expect(withKnown.find((t) => t.key === 'added_later')).toMatchObject({
      source: { url: 'https://www.legislation.gov.uk/ukpga/2023/54/section/33' },
    });
    const unknown = buildV2Tasks([...PATHWAY_TEMPLATE_V1.tasks, { ...extra, source: 'A rule nobody has linked' }]);
    expect(validateTemplate({ ...PATHWAY_TEMPLATE_V2, tasks: unknown })).toEqual([
      expect.stringMatching(/added_later: source.url must be an https link/),
    ]);
  });

  it('keeps version 1 as it was published (journeys on v1 keep v1)', () => {
    expect(PATHWAY_TEMPLATE_V1.tasks.map((t) => t.key)).toContain('register_for_vat_and_paye');
    expect(PATHWAY_TEMPLATE_V1.tasks.every((t) => typeof t.source === 'string' && t.appliesTo === undefined)).toBe(true);
  });

  describe.each(NATIONS)('task keys for %s', (nation) => {
    it.each([...BODY_TYPES, null] as Array<BodyType | null>)('and a parent body of type %s (snapshot, reviewed by eye)', (bodyType) => {
      expect(keysFor(fit(nation, bodyType))).toMatchSnapshot();
    });
  });

  it('gives local government the LGPS and Best Value pension tasks, and NHS bodies the NHS route', () => {
    const council = keysFor(fit('england', 'local_authority'));
    expect(council).toEqual(
      expect.arrayContaining([
        'request_pension_admission',
        'commission_actuarial_report',
        'sign_pension_admission_agreement',
        'secure_best_value_pension_protection',
      ]),
    );
    expect(council).not.toContain('secure_pension_access');
    const trust = keysFor(fit('england', 'nhs_trust'));
    expect(trust).toContain('secure_pension_access');
    expect(trust).not.toEqual(expect.arrayContaining(['request_pension_admission']));
    expect(trust).not.toContain('secure_best_value_pension_protection');
    expect(keysFor(fit('scotland', 'local_authority'))).not.toContain('secure_best_value_pension_protection');
    // Not stated: every task open to any body type.
    expect(keysFor(fit('england', null))).toEqual(expect.arrayContaining(['secure_pension_access', 'request_pension_admission']));
  });

  it('gives Scotland its own procurement law, and never the Procurement Act 2023 for commissioning', () => {
    for (const key of ['confirm_commissioning_route', 'award_first_contract', 'sign_first_contract', 'plan_reprocurement']) {
      const t = taskFor(fit('scotland', 'local_authority'), key);
      expect(sourceOf(t).citation).not.toMatch(/Procurement Act 2023/);
      expect(sourceOf(t).citation).toMatch(/Scotland/);
    }
    expect(taskFor(fit('scotland', 'local_authority'), 'confirm_commissioning_route').guidance).toMatch(
      /does not apply to devolved Scottish authorities/,
    );
    expect(sourceOf(taskFor(fit('england', 'local_authority'), 'confirm_commissioning_route')).url).toBe(
      'https://www.legislation.gov.uk/ukpga/2023/54/section/33',
    );
  });

  it('gives Northern Ireland its TUPE rules: 14 days for employee liability information, 90 days for 100+ redundancies', () => {
    const eli = taskFor(fit('northern_ireland', 'local_authority'), 'provide_employee_liability_information');
    expect(eli.due).toEqual({ anchor: 'planned_transfer_date', offset: -14, unit: 'calendar_days' });
    expect(sourceOf(eli).citation).toMatch(/Northern Ireland/);
    expect(taskFor(fit('england', 'local_authority'), 'provide_employee_liability_information').due).toEqual({
      anchor: 'planned_transfer_date',
      offset: -28,
      unit: 'calendar_days',
    });
    expect(taskFor(fit('northern_ireland', 'nhs_trust'), 'plan_collective_redundancy_consultation').guidance).toMatch(/90 days/);
    expect(taskFor(fit('wales', 'nhs_trust'), 'plan_collective_redundancy_consultation').guidance).toMatch(/45 days/);
  });

  it('applies the staff-size rules: collective consultation from 20 staff, direct consultation below 10 (Great Britain only)', () => {
    expect(keysFor(fit('england', 'local_authority', 19))).not.toContain('plan_collective_redundancy_consultation');
    expect(keysFor(fit('england', 'local_authority', 20))).toContain('plan_collective_redundancy_consultation');
    expect(keysFor(fit('england', 'local_authority', 9))).toContain('consider_direct_consultation_small_transfer');
    expect(keysFor(fit('england', 'local_authority', 10))).not.toContain('consider_direct_consultation_small_transfer');
    expect(keysFor(fit('scotland', 'nhs_trust', 5))).toContain('consider_direct_consultation_small_transfer');
    expect(keysFor(fit('northern_ireland', 'nhs_trust', 5))).not.toContain('consider_direct_consultation_small_transfer');
  });

  it('flags the legal duties as statutory and anchors the first confirmation statement on incorporation', () => {
    const statutory = PATHWAY_TEMPLATE_V2.tasks.filter((t) => t.statutory).map((t) => t.key);
    expect(statutory).toEqual(
      expect.arrayContaining([
        'provide_employee_liability_information',
        'inform_and_consult_staff',
        'register_for_paye',
        'buy_employers_liability_insurance',
        'file_first_confirmation_statement',
        'secure_best_value_pension_protection',
      ]),
    );
    const cs = PATHWAY_TEMPLATE_V2.tasks.find((t) => t.key === 'file_first_confirmation_statement')!;
    expect(cs).toMatchObject({
      createdOn: 'register_legal_entity',
      due: { anchor: 'register_legal_entity', offset: 379, unit: 'calendar_days' },
    });
    expect(PATHWAY_TEMPLATE_V2.tasks.map((t) => t.key)).not.toContain('file_annual_returns');
  });

  it('corrects the credits: Gloucestershire to the campaigner in Civil Society, pensions to the Southampton study', () => {
    const engage = taskFor(fit('england', 'nhs_trust'), 'engage_staff_on_proposal');
    expect(engage.guidance).toMatch(/campaigner quoted by Civil Society/);
    expect(engage.guidance).toMatch(/University of Southampton/);
    expect(taskFor(fit('england', 'nhs_trust'), 'prepare_expression_of_interest').guidance).toMatch(/Making Quality your Business/);
    expect(taskFor(fit('england', 'local_authority'), 'respond_to_expression_of_interest').guidance).not.toMatch(
      /already published an intention/,
    );
  });

  it('drops a dependency on a task that does not fit the journey, so nothing waits for ever', () => {
    for (const nation of NATIONS) {
      for (const bodyType of [...BODY_TYPES, null]) {
        for (const staffCount of [5, 15, 150]) {
          const tasks = tasksThatFit(PATHWAY_TEMPLATE_V2.tasks, fit(nation, bodyType, staffCount));
          const keys = new Set(tasks.map((t) => t.key));
          for (const t of tasks) for (const d of t.dependsOn) expect(keys).toContain(d);
          // Every gate still has something to do in each workstream the main line checks.
          expect(
            tasksCreatedWithJourney({ ...PATHWAY_TEMPLATE_V2, tasks }).some(
              (t) => t.workstream === 'pensions' && t.gateState === 'entity_registered',
            ),
          ).toBe(true);
        }
      }
    }
  });

  it('says for every legal form whether it can meet s.33(6), and fixes City Health Care Partnership’s form', () => {
    const forms = PATHWAY_TEMPLATE_V2.legalForms;
    for (const f of forms) expect(['yes', 'depends', 'no']).toContain(f.reservedContractFit?.canMeet);
    expect(forms.map((f) => f.key)).toEqual(
      expect.arrayContaining(['company_limited_by_shares_employee_owned', 'charity_with_trading_subsidiary']),
    );
    expect(forms.find((f) => f.key === 'cic_limited_by_shares')?.example).toMatch(/City Health Care Partnership/);
    expect(JSON.stringify(forms.find((f) => f.key === 'cic_limited_by_guarantee'))).not.toMatch(/City Health Care/);
    for (const key of ['mutual_joint_venture', 'employee_benefit_trust'])
      expect(forms.find((f) => f.key === key)?.reservedContractFit?.note).toMatch(/33\(6\)\(c\)/);
  });
});
