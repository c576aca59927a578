import { startTestApp, TestApp } from '../support/app';
import { createCast } from '../support/fixtures';
import { Cast, completeGate, createJourney, fire, wholeHistory } from '../support/journeys';

describe('journeys: the main line through HTTP, each event fired by the right party', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
  });
  afterAll(() => t.close());

  it('goes from exploring to operating, with guards, history and allowedEvents along the way', async () => {
    const { lead, officer, admin } = cast.users;
    const journey = await createJourney(t, cast);
    expect(journey).toMatchObject({ phase: 'pre_spin_out', state: 'exploring', version: 1 });
    expect(journey.allowedEvents).toContain('submit_expression_of_interest');

    const tasks = await t.http().get(`/api/journeys/${journey.id}/tasks`).set(lead.auth).expect(200);
    expect(tasks.body.items.length).toBeGreaterThanOrEqual(30);
    expect(tasks.body.items.some((x: { key: string }) => x.key === 'respond_to_expression_of_interest')).toBe(false);

    let res = await fire(t, journey.id, lead, 'submit_expression_of_interest', { proposalSummary: 'Staff-led community health mutual' });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('awaiting_parent_body_response');
    const respond = (await t.http().get(`/api/journeys/${journey.id}/tasks`).set(officer.auth)).body.items.find(
      (x: { key: string }) => x.key === 'respond_to_expression_of_interest',
    );
    expect(respond).toMatchObject({ ownerParty: 'parent_body', ownerOrganisationId: cast.orgs.parentBody.id, workstream: 'business_case' });
    expect(respond.dueDate).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/));
    // Submitting shows the expression of interest was prepared: those tasks complete themselves.
    const afterSubmit = (await t.http().get(`/api/journeys/${journey.id}/tasks`).set(lead.auth)).body.items;
    for (const key of ['appraise_service_options', 'prepare_expression_of_interest']) {
      expect(afterSubmit.find((x: { key: string }) => x.key === key).status).toBe('completed');
    }
    const automatic = (await t.http().get(`/api/journeys/${journey.id}/history`).set(lead.auth)).body.items.filter(
      (h: { type: string; data: { automatic?: boolean } }) => h.type === 'task_updated' && h.data.automatic,
    );
    expect(automatic.map((h: { data: { taskKey: string } }) => h.data.taskKey).sort()).toEqual([
      'appraise_service_options',
      'prepare_expression_of_interest',
    ]);

    // The mutual cannot answer its own request; the parent body can.
    expect((await fire(t, journey.id, lead, 'accept_expression_of_interest')).status).toBe(403);
    res = await fire(t, journey.id, officer, 'accept_expression_of_interest');
    expect(res.body.state).toBe('business_planning');

    // Guarded: the business case cannot go while mandatory tasks are open.
    res = await fire(t, journey.id, lead, 'submit_business_case');
    expect(res.status).toBe(422);
    expect(res.body.blockingTasks.length).toBeGreaterThan(0);
    expect(res.body.blockingTasks[0]).toEqual(
      expect.objectContaining({
        id: expect.any(String),
        key: expect.any(String),
        title: expect.any(String),
        workstream: expect.any(String),
        ownerParty: expect.any(String),
      }),
    );
    await completeGate(t, cast, journey.id, 'business_planning');
    res = await fire(t, journey.id, lead, 'submit_business_case');
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('awaiting_approval');

    await completeGate(t, cast, journey.id, 'awaiting_approval');
    res = await fire(t, journey.id, officer, 'approve_business_case');
    expect(res.body.state).toBe('approved');
    res = await fire(t, journey.id, lead, 'start_spin_out');
    expect(res.body).toMatchObject({ phase: 'spinning_out', state: 'mobilising' });

    await completeGate(t, cast, journey.id, 'mobilising');
    const pathway = await t.http().get('/api/pathway').set(lead.auth).expect(200);
    const legalForm = pathway.body.legalForms[0].key;
    res = await fire(t, journey.id, lead, 'register_legal_entity', { legalForm });
    expect(res.body).toMatchObject({ state: 'entity_registered', legalForm });

    res = await fire(t, journey.id, lead, 'confirm_transfer_readiness');
    expect(res.status).toBe(422);
    const workstreams = new Set(res.body.blockingTasks.map((x: { workstream: string }) => x.workstream));
    for (const w of ['tupe', 'pensions', 'vat', 'assets', 'commissioning']) expect(workstreams).toContain(w);
    await completeGate(t, cast, journey.id, 'entity_registered');
    res = await fire(t, journey.id, lead, 'confirm_transfer_readiness');
    expect(res.body.state).toBe('ready_for_transfer');

    await completeGate(t, cast, journey.id, 'ready_for_transfer');
    res = await fire(t, journey.id, lead, 'complete_transfer');
    expect(res.body).toMatchObject({ phase: 'sustainability', state: 'bedding_in' });
    await completeGate(t, cast, journey.id, 'bedding_in');
    res = await fire(t, journey.id, lead, 'complete_first_year_review');
    expect(res.body).toMatchObject({ phase: 'sustainability', state: 'operating' });

    // Read page by page (25 at a time) the way a client follows the "older" links.
    const items = await wholeHistory(t, journey.id, admin);
    const { body: newest } = await t.http().get(`/api/journeys/${journey.id}/history`).set(admin.auth).expect(200);
    expect(items.length).toBe(newest.total);
    expect(items.length).toBeGreaterThan(25);
    expect(items[0].type).toBe('journey_created');
    expect(items.map((h) => h.at)).toEqual([...items.map((h) => h.at)].sort());
    expect(newest.items).toEqual(items.slice(-Math.min(100, items.length)));
    expect(newest).toMatchObject({ limit: 100, newerCursor: null, links: { newest: `/api/journeys/${journey.id}/history`, newer: null } });
    const events = items.filter((h: { fromState: string | null }) => h.fromState).map((h: { type: string }) => h.type);
    expect(events).toEqual([
      'submit_expression_of_interest',
      'accept_expression_of_interest',
      'submit_business_case',
      'approve_business_case',
      'start_spin_out',
      'register_legal_entity',
      'confirm_transfer_readiness',
      'complete_transfer',
      'complete_first_year_review',
    ]);
    expect(items[0].type).toBe('journey_created');
    expect(items.some((h: { type: string }) => h.type === 'task_updated')).toBe(true);
  });
});
