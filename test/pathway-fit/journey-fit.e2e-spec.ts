import { addWorkingDays } from '@pathway/domain/calendar/working-days';
import { todayInLondon } from '@pathway/domain/calendar/london';
import { PATHWAY_TEMPLATE_V3 } from '@pathway/domain/template/pathway-template.v3';
import { tasksCreatedWithJourney } from '@pathway/domain/template/tasks-to-create';
import { adminAuth, startTestApp, type TestApp } from '../support/app';
import { createActor, createCast, createOrganisation } from '../support/fixtures';
import { createJourney, daysFromNow, fire, type Cast } from '../support/journeys';
import { sql } from '../platform/support/test-db';

/**
 * Contract: "Organisations: nation and body type" (checklist, decline grounds, working days, citations).
 * Each describe runs its own server with its own Redis prefix, so the per-admin limit on token issue
 * (20 a minute, counted in Redis) never spills between them.
 */
describe('journeys that fit their nation and parent body: checklist, citations and decline grounds', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await startTestApp({ env: { REDIS_PREFIX: `${process.env.TEST_REDIS_PREFIX ?? 'pathway-test'}-fit-checklist` } });
    cast = await createCast(t);
  });
  afterAll(async () => {
    await t.close();
  });

  /** A journey of the cast's parties, but with a mutual in `nation` and a parent body of `bodyType`. */
  async function journeyFor(nation: string, bodyType: string | null, overrides: Record<string, unknown> = {}) {
    const mutual = await createOrganisation(t, 'mutual', undefined, { nation });
    const parent = await createOrganisation(t, 'parent_body', undefined, { nation, ...(bodyType ? { bodyType } : {}) });
    const lead = await createActor(t, mutual.id, 'mutual_lead');
    const officer = await createActor(t, parent.id, 'parent_body_officer');
    const journey = await createJourney(t, cast, { mutualOrganisationId: mutual.id, parentBodyId: parent.id, ...overrides }, lead);
    return { journey, lead, officer, mutual, parent };
  }
  const tasksOf = async (id: string) =>
    (await t.http().get(`/api/journeys/${id}/tasks`).set(adminAuth).expect(200)).body.items as Array<Record<string, any>>;

  it('plans a new journey on template v2 with the tasks that fit its nation, body type and staff', async () => {
    const { journey } = await journeyFor('scotland', 'local_authority', { staffCount: 15 });
    expect(journey).toMatchObject({ templateVersion: 3, nation: 'scotland', parentBodyType: 'local_authority' });
    const tasks = await tasksOf(journey.id);
    const expected = tasksCreatedWithJourney(PATHWAY_TEMPLATE_V3, { nation: 'scotland', bodyType: 'local_authority', staffCount: 15 }).map(
      (x) => x.key,
    );
    expect(tasks.map((x) => x.key).sort()).toEqual([...expected].sort());
    expect(tasks.map((x) => x.key)).not.toContain('plan_collective_redundancy_consultation'); // fewer than 20 staff
    expect(tasks.map((x) => x.key)).not.toContain('secure_best_value_pension_protection'); // an English and Welsh direction
    const route = tasks.find((x) => x.key === 'confirm_commissioning_route')!;
    expect(route.source).toMatch(/Procurement Reform \(Scotland\) Act 2014/);
    expect(route.source).not.toMatch(/Procurement Act 2023/);
    expect(route.sourceUrl).toBe('https://www.legislation.gov.uk/asp/2014/12/contents');
    for (const x of tasks) expect(x.sourceUrl).toMatch(/^https:\/\//);
  });

  it('gives a Northern Ireland journey its 14-day employee liability deadline', async () => {
    const plannedTransferDate = daysFromNow(400);
    const { journey } = await journeyFor('northern_ireland', 'nhs_trust', { plannedTransferDate });
    const eli = (await tasksOf(journey.id)).find((x) => x.key === 'provide_employee_liability_information')!;
    const expected = new Date(Date.parse(`${plannedTransferDate}T12:00:00Z`) - 14 * 86_400_000).toISOString().slice(0, 10);
    expect(eli).toMatchObject({ dueDate: expected, statutory: true });
  });

  it('lists only the decline grounds open to the parent body: no Community Right to Challenge grounds for an NHS trust', async () => {
    const trust = await journeyFor('england', 'nhs_trust');
    const res = await t
      .http()
      .get(`/api/right-to-provide-requests/decline-grounds?journeyId=${trust.journey.id}`)
      .set(trust.lead.auth)
      .expect(200);
    const keys = res.body.items.map((g: { key: string }) => g.key);
    expect(keys).toEqual(['service_already_committed', 'not_viable', 'insufficient_staff_support', 'other']);
    expect(res.body.items.some((g: { communityRightToChallenge: boolean }) => g.communityRightToChallenge)).toBe(false);
    const council = await t
      .http()
      .get(`/api/right-to-provide-requests/decline-grounds?journeyId=${(await createJourney(t, cast)).id}`)
      .set(cast.users.officer.auth)
      .expect(200);
    expect(council.body.items.map((g: { key: string }) => g.key)).toEqual([
      'already_being_procured',
      'negotiations_under_way',
      'not_viable',
      'insufficient_staff_support',
      'other',
    ]);
    // Not a party: 404; bad id: 400.
    await t
      .http()
      .get(`/api/right-to-provide-requests/decline-grounds?journeyId=${trust.journey.id}`)
      .set(cast.users.outsider.auth)
      .expect(404);
    const bad = await t.http().get('/api/right-to-provide-requests/decline-grounds?journeyId=nope').set(trust.lead.auth).expect(400);
    expect(bad.body.message).toEqual(['journeyId must be a UUID']);

    // The NHS trust cannot decline on a Community Right to Challenge ground; the journey is unchanged.
    expect(
      (await fire(t, trust.journey.id, trust.lead, 'submit_expression_of_interest', { proposalSummary: 'Community nursing' })).status,
    ).toBe(200);
    const refused = await fire(t, trust.journey.id, trust.officer, 'decline_expression_of_interest', {
      governance: 'Cabinet, 12 March, minute 7',
      reasons: 'Tender running',
      ground: 'already_being_procured',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toEqual([expect.stringMatching(/^payload.ground already_being_procured is not open to this parent body/)]);
    const retired = await fire(t, trust.journey.id, trust.officer, 'decline_expression_of_interest', {
      governance: 'Cabinet, 12 March, minute 7',
      reasons: 'x',
      ground: 'intention_to_consider_staff_mutual_published',
    });
    expect(retired.status).toBe(400);
    expect((await t.http().get(`/api/journeys/${trust.journey.id}`).set(trust.lead.auth)).body.state).toBe('awaiting_parent_body_response');
    const ok = await fire(t, trust.journey.id, trust.officer, 'decline_expression_of_interest', {
      governance: 'Cabinet, 12 March, minute 7',
      reasons: 'A tender for the service is already running',
      ground: 'service_already_committed',
    });
    expect(ok.status).toBe(200);
  });
});

describe('journeys that fit their nation and parent body: working days', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await startTestApp({ env: { REDIS_PREFIX: `${process.env.TEST_REDIS_PREFIX ?? 'pathway-test'}-fit-working-days` } });
    cast = await createCast(t);
  });
  afterAll(async () => {
    await t.close();
  });

  /** A journey of the cast's parties, but with a mutual in `nation` and a parent body of `bodyType`. */
  async function journeyFor(nation: string, bodyType: string | null, overrides: Record<string, unknown> = {}) {
    const mutual = await createOrganisation(t, 'mutual', undefined, { nation });
    const parent = await createOrganisation(t, 'parent_body', undefined, { nation, ...(bodyType ? { bodyType } : {}) });
    const lead = await createActor(t, mutual.id, 'mutual_lead');
    const officer = await createActor(t, parent.id, 'parent_body_officer');
    const journey = await createJourney(t, cast, { mutualOrganisationId: mutual.id, parentBodyId: parent.id, ...overrides }, lead);
    return { journey, lead, officer, mutual, parent };
  }
  const tasksOf = async (id: string) =>
    (await t.http().get(`/api/journeys/${id}/tasks`).set(adminAuth).expect(200)).body.items as Array<Record<string, any>>;

  it('counts working days in the journey’s nation (20 working days to appoint a sponsor after acceptance)', async () => {
    const today = todayInLondon(new Date());
    for (const nation of ['england', 'wales', 'scotland', 'northern_ireland']) {
      const { journey, lead, officer } = await journeyFor(nation, 'local_authority');
      expect((await fire(t, journey.id, lead, 'submit_expression_of_interest', { proposalSummary: 'Adult education' })).status).toBe(200);
      expect((await fire(t, journey.id, officer, 'accept_expression_of_interest')).status).toBe(200);
      const sponsor = (await tasksOf(journey.id)).find((x) => x.key === 'appoint_parent_body_sponsor')!;
      expect([nation, sponsor.dueDate]).toEqual([nation, addWorkingDays(today, 20, nation as never)]);
    }
  });
});

describe('journeys that fit their nation and parent body: re-planning onto v2', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await startTestApp({ env: { REDIS_PREFIX: `${process.env.TEST_REDIS_PREFIX ?? 'pathway-test'}-fit-replan` } });
    cast = await createCast(t);
  });
  afterAll(async () => {
    await t.close();
  });

  /** A journey of the cast's parties, but with a mutual in `nation` and a parent body of `bodyType`. */
  async function journeyFor(nation: string, bodyType: string | null, overrides: Record<string, unknown> = {}) {
    const mutual = await createOrganisation(t, 'mutual', undefined, { nation });
    const parent = await createOrganisation(t, 'parent_body', undefined, { nation, ...(bodyType ? { bodyType } : {}) });
    const lead = await createActor(t, mutual.id, 'mutual_lead');
    const officer = await createActor(t, parent.id, 'parent_body_officer');
    const journey = await createJourney(t, cast, { mutualOrganisationId: mutual.id, parentBodyId: parent.id, ...overrides }, lead);
    return { journey, lead, officer, mutual, parent };
  }
  const tasksOf = async (id: string) =>
    (await t.http().get(`/api/journeys/${id}/tasks`).set(adminAuth).expect(200)).body.items as Array<Record<string, any>>;

  it('keeps a v1 journey on v1 until the central team previews and confirms a re-plan onto v2', async () => {
    // A journey planned on v1 (as every journey was before v2 shipped): its parent body is an NHS trust in England.
    const { journey, parent } = await journeyFor('england', 'nhs_trust', { staffCount: 12 });
    await sql(`UPDATE journeys SET template_version = 1 WHERE id = $1`, [journey.id]);
    await sql(`DELETE FROM journey_tasks WHERE journey_id = $1 AND key = ANY($2)`, [
      journey.id,
      ['register_for_paye', 'register_for_vat', 'buy_employers_liability_insurance', 'assess_subsidy_control', 'secure_pension_access'],
    ]);
    await sql(
      `INSERT INTO journey_tasks (journey_id, key, title, phase, workstream, owner_party, status, mandatory, statutory, depends_on, guidance, source, due_set_by_hand, created_at, updated_at)
               VALUES ($1, 'register_for_vat_and_paye', 'Register for VAT and PAYE', 'spinning_out', 'vat', 'mutual', 'cannot_start_yet', true, false, '{register_entity}', 'v1', 'HMRC', false, now(), now()),
                      ($1, 'request_pension_admission', 'Request pension admission', 'pre_spin_out', 'pensions', 'mutual', 'not_started', false, false, '{confirm_pension_route}', 'v1', 'LGPS', false, now(), now())`,
      [journey.id],
    );

    // The parent body turns out to be a council: changing its type changes nothing on the journey by itself.
    await t.http().patch(`/api/organisations/${parent.id}`).set(adminAuth).send({ bodyType: 'local_authority' }).expect(200);
    expect((await t.http().get(`/api/journeys/${journey.id}`).set(adminAuth)).body).toMatchObject({
      templateVersion: 1,
      parentBodyType: 'nhs_trust',
    });

    // Only the central team may preview or confirm.
    await t.http().get(`/api/journeys/${journey.id}/replan`).set(cast.users.lead.auth).expect(404);
    const mutualLead = await createActor(t, journey.mutualOrganisationId, 'mutual_lead');
    await t.http().get(`/api/journeys/${journey.id}/replan`).set(mutualLead.auth).expect(403);

    const preview = (await t.http().get(`/api/journeys/${journey.id}/replan`).set(cast.users.staff.auth).expect(200)).body;
    expect(preview).toMatchObject({
      from: { templateVersion: 1, parentBodyType: 'nhs_trust' },
      to: { templateVersion: 3, nation: 'england', parentBodyType: 'local_authority', staffCount: 12 },
      upToDate: false,
    });
    const added = preview.added.map((x: { key: string }) => x.key);
    expect(added).toEqual(
      expect.arrayContaining([
        'register_for_paye',
        'register_for_vat',
        'buy_employers_liability_insurance',
        'assess_subsidy_control',
        'secure_best_value_pension_protection',
      ]),
    );
    expect(preview.removed.map((x: { key: string }) => x.key)).toEqual(['register_for_vat_and_paye']);
    const before = await tasksOf(journey.id);

    // A stale confirmation is refused and changes nothing.
    await t
      .http()
      .post(`/api/journeys/${journey.id}/replan`)
      .set(cast.users.staff.auth)
      .send({ expectedVersion: preview.journeyVersion + 1 })
      .expect(409);
    expect((await tasksOf(journey.id)).length).toBe(before.length);
    await t.http().post(`/api/journeys/${journey.id}/replan`).set(cast.users.staff.auth).send({ expectedVersion: 'soon' }).expect(400);

    const done = (
      await t
        .http()
        .post(`/api/journeys/${journey.id}/replan`)
        .set(cast.users.staff.auth)
        .send({ expectedVersion: preview.journeyVersion })
        .expect(200)
    ).body;
    expect(done.added.map((x: { key: string }) => x.key)).toEqual(added);
    const after = await tasksOf(journey.id);
    const byKey = new Map(after.map((x) => [x.key, x]));
    for (const key of added) expect(byKey.has(key)).toBe(true);
    expect(byKey.get('register_for_vat_and_paye')).toMatchObject({ status: 'not_applicable' });
    expect(byKey.get('request_pension_admission')!.sourceUrl).toMatch(/legislation\.gov\.uk/);
    const j = (await t.http().get(`/api/journeys/${journey.id}`).set(adminAuth)).body;
    expect(j).toMatchObject({ templateVersion: 3, parentBodyType: 'local_authority' });
    const history = (await t.http().get(`/api/journeys/${journey.id}/history`).set(adminAuth)).body.items;
    expect(history.at(-1)).toMatchObject({
      type: 'checklist_replanned',
      data: { from: { templateVersion: 1 }, to: { templateVersion: 3 }, removed: ['register_for_vat_and_paye'] },
    });
    // Now up to date: a second preview has nothing to do.
    expect((await t.http().get(`/api/journeys/${journey.id}/replan`).set(cast.users.staff.auth).expect(200)).body).toMatchObject({
      added: [],
      removed: [],
      upToDate: true,
    });
  });
});
