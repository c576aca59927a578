import { startTestApp, TestApp } from '../support/app';
import { createCast } from '../support/fixtures';
import { Cast, createJourney, daysFromNow, fire } from '../support/journeys';

describe('journeys: access, bad input, concurrency, hold and withdraw, tasks', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
  });
  afterAll(() => t.close());

  const snapshot = async (id: string) => {
    const j = await t.http().get(`/api/journeys/${id}`).set(cast.users.admin.auth).expect(200);
    const h = await t.http().get(`/api/journeys/${id}/history`).set(cast.users.admin.auth).expect(200);
    return { version: j.body.version, state: j.body.state, history: h.body.items.length };
  };

  it('shows a journey to its parties and the central team, and 404 to everyone else', async () => {
    const j = await createJourney(t, cast);
    for (const u of ['lead', 'member', 'officer', 'commissioner', 'departmentOfficer', 'arbiter', 'staff', 'admin'] as const) {
      await t.http().get(`/api/journeys/${j.id}`).set(cast.users[u].auth).expect(200);
    }
    for (const u of ['outsider', 'otherOfficer'] as const) {
      await t.http().get(`/api/journeys/${j.id}`).set(cast.users[u].auth).expect(404);
      await t.http().get(`/api/journeys/${j.id}/tasks`).set(cast.users[u].auth).expect(404);
      await t.http().get(`/api/journeys/${j.id}/history`).set(cast.users[u].auth).expect(404);
      expect((await fire(t, j.id, cast.users[u], 'submit_expression_of_interest', { proposalSummary: 'x' })).status).toBe(404);
      const list = await t.http().get('/api/journeys').set(cast.users[u].auth).expect(200);
      expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(j.id);
    }
    await t.http().get('/api/journeys/00000000-0000-4000-8000-000000000000').set(cast.users.admin.auth).expect(404);
    await t.http().get('/api/journeys/not-a-uuid').set(cast.users.admin.auth).expect(400);
  });

  it('lets only the central team or the mutual’s own lead start a journey', async () => {
    await createJourney(t, cast, {}, cast.users.staff);
    const denied = [cast.users.member, cast.users.officer, cast.users.departmentOfficer, cast.users.outsider];
    for (const u of denied) {
      const res = await t
        .http()
        .post('/api/journeys')
        .set(u.auth)
        .send({
          name: 'x',
          mutualOrganisationId: cast.orgs.mutual.id,
          parentBodyId: cast.orgs.parentBody.id,
          serviceArea: 'health',
          region: 'london',
          staffCount: 10,
          plannedTransferDate: daysFromNow(400),
        });
      expect(res.status).toBe(403);
    }
  });

  it('rejects bad input with a 400 naming each problem', async () => {
    const base = {
      name: 'x',
      mutualOrganisationId: cast.orgs.mutual.id,
      parentBodyId: cast.orgs.parentBody.id,
      serviceArea: 'health',
      region: 'london',
      staffCount: 10,
      plannedTransferDate: daysFromNow(400),
    };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ plannedTransferDate: '2027-02-30' }, 'plannedTransferDate'],
      [{ plannedTransferDate: '2020-01-01' }, 'plannedTransferDate'],
      [{ plannedTransferDate: '01/02/2027' }, 'plannedTransferDate'],
      [{ serviceArea: 'space' }, 'serviceArea'],
      [{ region: 'mars' }, 'region'],
      [{ staffCount: -1 }, 'staffCount'],
      [{ staffCount: 'lots' }, 'staffCount'],
      [{ mutualOrganisationId: 'nope' }, 'mutualOrganisationId'],
      [{ parentBodyId: cast.orgs.mutual.id }, 'parentBodyId'],
      [{ departmentId: cast.orgs.arbiter.id }, 'departmentId'],
      [{ surprise: true }, 'surprise'],
    ];
    for (const [patch, field] of cases) {
      const res = await t
        .http()
        .post('/api/journeys')
        .set(cast.users.admin.auth)
        .send({ ...base, ...patch });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('Bad Request');
      expect(JSON.stringify(res.body.message)).toContain(field);
    }
  });

  it('rejects bad events with 400 and leaves the journey unchanged', async () => {
    const j = await createJourney(t, cast);
    const before = await snapshot(j.id);
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ type: 'fly_to_the_moon' }, 'type'],
      [{ type: 'uphold_appeal' }, 'type'],
      [{ type: 'submit_expression_of_interest' }, 'payload.proposalSummary'],
      [{ type: 'submit_expression_of_interest', payload: { proposalSummary: '   ' } }, 'payload.proposalSummary'],
      [{ type: 'submit_expression_of_interest', payload: 'text' }, 'payload'],
      [{ type: 'submit_expression_of_interest', payload: { proposalSummary: 'x' }, expectedVersion: 'one' }, 'expectedVersion'],
    ];
    for (const [body, field] of bad) {
      const res = await t.http().post(`/api/journeys/${j.id}/events`).set(cast.users.lead.auth).send(body);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toContain(field);
    }
    const malformed = await t
      .http()
      .post(`/api/journeys/${j.id}/events`)
      .set(cast.users.lead.auth)
      .set('content-type', 'application/json')
      .send('{"type": ');
    expect(malformed.status).toBe(400);
    expect(await snapshot(j.id)).toEqual(before);
  });

  it('answers 409 for an event the state does not allow and 403 for the wrong party', async () => {
    const j = await createJourney(t, cast);
    expect((await fire(t, j.id, cast.users.lead, 'start_spin_out')).status).toBe(409);
    expect((await fire(t, j.id, cast.users.officer, 'submit_expression_of_interest', { proposalSummary: 'x' })).status).toBe(403);
    expect((await fire(t, j.id, cast.users.member, 'submit_expression_of_interest', { proposalSummary: 'x' })).status).toBe(403);
    expect(
      (await fire(t, j.id, cast.users.lead, 'decline_expression_of_interest', { governance: 'Cabinet, 12 March, minute 7', reasons: 'x' }))
        .status,
    ).toBe(403);
    await fire(t, j.id, cast.users.lead, 'submit_expression_of_interest', { proposalSummary: 'x' });
    expect((await fire(t, j.id, cast.users.lead, 'submit_expression_of_interest', { proposalSummary: 'again' })).status).toBe(409);
    expect((await fire(t, j.id, cast.users.officer, 'decline_expression_of_interest', {})).status).toBe(400);
  });

  it('refuses a stale expectedVersion and never applies two concurrent events', async () => {
    const j = await createJourney(t, cast);
    const stale = await fire(t, j.id, cast.users.lead, 'submit_expression_of_interest', { proposalSummary: 'x' }, j.version + 5);
    expect(stale.status).toBe(409);
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        fire(t, j.id, cast.users.lead, 'submit_expression_of_interest', { proposalSummary: 'race' }, j.version),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(5);
    const history = await t.http().get(`/api/journeys/${j.id}/history`).set(cast.users.admin.auth);
    expect(history.body.items.filter((h: { type: string }) => h.type === 'submit_expression_of_interest')).toHaveLength(1);
  });

  it('puts a journey on hold and resumes it to the same state; withdrawal is final', async () => {
    const j = await createJourney(t, cast);
    await fire(t, j.id, cast.users.lead, 'submit_expression_of_interest', { proposalSummary: 'x' });
    expect((await fire(t, j.id, cast.users.lead, 'put_on_hold', {})).status).toBe(400);
    let res = await fire(t, j.id, cast.users.staff, 'put_on_hold', { reason: 'Awaiting council elections' });
    expect(res.body).toMatchObject({ state: 'on_hold', heldState: 'awaiting_parent_body_response' });
    expect(res.body.allowedEvents).toEqual(['resume']); // central staff may hold and resume; withdrawing is the lead's or an admin's
    const asLead = await t.http().get(`/api/journeys/${j.id}`).set(cast.users.lead.auth);
    expect(asLead.body.allowedEvents).toEqual(expect.arrayContaining(['resume', 'withdraw']));
    expect((await fire(t, j.id, cast.users.officer, 'accept_expression_of_interest')).status).toBe(409);
    res = await fire(t, j.id, cast.users.lead, 'resume');
    expect(res.body.state).toBe('awaiting_parent_body_response');
    res = await fire(t, j.id, cast.users.lead, 'withdraw', { reason: 'Staff ballot lost' });
    expect(res.body.state).toBe('withdrawn');
    expect(res.body.allowedEvents).toEqual([]);
    expect((await fire(t, j.id, cast.users.lead, 'resume')).status).toBe(409);
    const tasks = await t.http().get(`/api/journeys/${j.id}/tasks`).set(cast.users.lead.auth);
    const task = tasks.body.items.find((x: { ownerParty: string }) => x.ownerParty === 'mutual');
    expect(
      (await t.http().patch(`/api/journeys/${j.id}/tasks/${task.id}`).set(cast.users.lead.auth).send({ status: 'in_progress' })).status,
    ).toBe(409);
  });

  it('enforces task ownership, dependencies and reasons for not applicable', async () => {
    const j = await createJourney(t, cast);
    const { body } = await t.http().get(`/api/journeys/${j.id}/tasks`).set(cast.users.lead.auth).expect(200);
    type Task = {
      id: string;
      key: string;
      status: string;
      dependsOn: string[];
      ownerParty: string;
      dueDate: string | null;
      dueSetByHand: boolean;
    };
    const tasks: Task[] = body.items;
    const blocked = tasks.find((x) => x.status === 'cannot_start_yet' && x.ownerParty === 'mutual')!;
    expect(blocked).toBeDefined();
    const res = await t.http().patch(`/api/journeys/${j.id}/tasks/${blocked.id}`).set(cast.users.lead.auth).send({ status: 'completed' });
    expect(res.status).toBe(409);

    const parentTask = tasks.find((x) => x.ownerParty === 'parent_body' && x.status === 'not_started')!;
    expect(
      (await t.http().patch(`/api/journeys/${j.id}/tasks/${parentTask.id}`).set(cast.users.lead.auth).send({ status: 'in_progress' }))
        .status,
    ).toBe(403);
    expect(
      (await t.http().patch(`/api/journeys/${j.id}/tasks/${parentTask.id}`).set(cast.users.outsider.auth).send({ status: 'in_progress' }))
        .status,
    ).toBe(404);
    expect(
      (await t.http().patch(`/api/journeys/${j.id}/tasks/${parentTask.id}`).set(cast.users.officer.auth).send({ status: 'not_applicable' }))
        .status,
    ).toBe(400);
    expect(
      (
        await t
          .http()
          .patch(`/api/journeys/${j.id}/tasks/${parentTask.id}`)
          .set(cast.users.officer.auth)
          .send({ status: 'cannot_start_yet' })
      ).status,
    ).toBe(400);
    expect(
      (await t.http().patch(`/api/journeys/${j.id}/tasks/${parentTask.id}`).set(cast.users.officer.auth).send({ dueDate: '2027-02-29' }))
        .status,
    ).toBe(400);
    const na = await t
      .http()
      .patch(`/api/journeys/${j.id}/tasks/${parentTask.id}`)
      .set(cast.users.officer.auth)
      .send({ status: 'not_applicable', notApplicableReason: 'No council-owned buildings are used' });
    expect(na.status).toBe(200);
    expect(na.body).toMatchObject({ status: 'not_applicable', notApplicableReason: 'No council-owned buildings are used' });

    // Completing every dependency makes the blocked task startable.
    for (const key of blocked.dependsOn) {
      const dep = tasks.find((x) => x.key === key)!;
      const owner = {
        mutual: cast.users.lead,
        parent_body: cast.users.officer,
        commissioner: cast.users.commissioner,
        department: cast.users.departmentOfficer,
        cabinet_office: cast.users.admin,
      }[dep.ownerParty]!;
      await t
        .http()
        .patch(`/api/journeys/${j.id}/tasks/${dep.id}`)
        .set(owner.auth)
        .send({ status: 'not_applicable', notApplicableReason: 'test' })
        .expect(200);
    }
    const after = await t.http().get(`/api/journeys/${j.id}/tasks/${blocked.id}`).set(cast.users.lead.auth).expect(200);
    expect(after.body.status).toBe('not_started');
    await t.http().patch(`/api/journeys/${j.id}/tasks/${blocked.id}`).set(cast.users.lead.auth).send({ status: 'completed' }).expect(200);
  });

  it('recomputes due dates that were not set by hand when the planned transfer date moves', async () => {
    const j = await createJourney(t, cast, { plannedTransferDate: '2028-03-31' });
    const eli = async () =>
      (await t.http().get(`/api/journeys/${j.id}/tasks`).set(cast.users.admin.auth)).body.items.find(
        (x: { key: string }) => x.key === 'provide_employee_liability_information',
      );
    expect(await eli()).toMatchObject({ dueDate: '2028-03-03', statutory: true, ownerParty: 'parent_body', workstream: 'tupe' });
    const manual = (await t.http().get(`/api/journeys/${j.id}/tasks`).set(cast.users.admin.auth)).body.items.find(
      (x: { key: string }) => x.key === 'sign_lease_or_licence',
    );
    await t
      .http()
      .patch(`/api/journeys/${j.id}/tasks/${manual.id}`)
      .set(cast.users.officer.auth)
      .send({ dueDate: '2028-01-15' })
      .expect(200);

    const moved = await t.http().patch(`/api/journeys/${j.id}`).set(cast.users.lead.auth).send({ plannedTransferDate: '2028-06-30' });
    expect(moved.status).toBe(200);
    expect(moved.body.plannedTransferDate).toBe('2028-06-30');
    expect(await eli()).toMatchObject({ dueDate: '2028-06-02' });
    const still = await t.http().get(`/api/journeys/${j.id}/tasks/${manual.id}`).set(cast.users.admin.auth);
    expect(still.body).toMatchObject({ dueDate: '2028-01-15', dueSetByHand: true });
    expect(
      (await t.http().patch(`/api/journeys/${j.id}`).set(cast.users.lead.auth).send({ plannedTransferDate: '2019-01-01' })).status,
    ).toBe(400);
    expect((await t.http().patch(`/api/journeys/${j.id}`).set(cast.users.officer.auth).send({ name: 'mine now' })).status).toBe(403);
  });

  it('serves the pathway template with legal forms and keeps each journey on its version', async () => {
    const res = await t.http().get('/api/pathway').set(cast.users.member.auth).expect(200);
    expect(res.body.tasks.length).toBeGreaterThanOrEqual(30);
    expect(res.body.legalForms.length).toBeGreaterThanOrEqual(4);
    for (const f of res.body.legalForms)
      expect(f).toEqual(expect.objectContaining({ key: expect.any(String), benefits: expect.any(Array), limits: expect.any(Array) }));
    const j = await createJourney(t, cast);
    expect(j.templateVersion).toBe(res.body.version);
    expect(
      (
        await t
          .http()
          .post('/api/pathway')
          .set(cast.users.staff.auth)
          .send({ ...res.body, version: undefined })
      ).status,
    ).toBe(403);
    const broken = { ...res.body, tasks: [...res.body.tasks, { ...res.body.tasks[0] }] };
    delete broken.version;
    const bad = await t.http().post('/api/pathway').set(cast.users.admin.auth).send(broken);
    expect(bad.status).toBe(400);
  });
});
