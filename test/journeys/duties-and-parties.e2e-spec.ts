import request from 'supertest';
import { startTestApp, TestApp } from '../support/app';
import { createActor } from '../support/fixtures';
import { Cast, createJourney, daysFromNow, fire } from '../support/journeys';
import { sql } from '../platform/support/test-db';
import { createWebCast, PASSWORD } from '../web/support';

jest.setTimeout(120_000);

interface Task {
  id: string;
  key: string;
  status: string;
  dueDate: string | null;
  ownerParty: string;
  ownerOrganisationId: string;
  statutory: boolean;
}
interface HistoryRow {
  type: string;
  actorUserId: string | null;
  data: Record<string, unknown>;
}

/**
 * Issue 10 items 3 and 4: parties are fixed by the central team (never under an open escalation
 * at the level changing), and no party weakens a duty it owes, on every path (API, web form,
 * reminder policy); the central team overrides with a recorded reason.
 */
describe('duties and parties', () => {
  let t: TestApp;
  let cast: Cast;
  const reason = 'The council’s spin-out unit moved to the combined authority';

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createWebCast(t, 'duties');
  });
  afterAll(() => t.close());

  const tasksOf = async (id: string): Promise<Task[]> =>
    (await t.http().get(`/api/journeys/${id}/tasks`).set(cast.users.admin.auth).expect(200)).body.items;
  const historyOf = async (id: string): Promise<HistoryRow[]> =>
    (await t.http().get(`/api/journeys/${id}/history?limit=500`).set(cast.users.admin.auth).expect(200)).body.items;
  const patch = (id: string, as: { auth: Record<string, string> }, body: Record<string, unknown>) =>
    t.http().patch(`/api/journeys/${id}`).set(as.auth).send(body);
  const patchTask = (id: string, taskId: string, as: { auth: Record<string, string> }, body: Record<string, unknown>) =>
    t.http().patch(`/api/journeys/${id}/tasks/${taskId}`).set(as.auth).send(body);
  const pendingReminders = (taskId: string) =>
    sql(`SELECT kind, "offset", deadline, fire_at FROM reminders WHERE task_id = $1 AND status = 'pending' ORDER BY kind, "offset"`, [
      taskId,
    ]);
  const submitted = async () => {
    const j = await createJourney(t, cast);
    expect(
      (await fire(t, j.id, cast.users.lead, 'submit_expression_of_interest', { proposalSummary: 'Staff-led community health' })).status,
    ).toBe(200);
    return j;
  };
  const declinedAndAppealed = async () => {
    const j = await submitted();
    expect(
      (
        await fire(t, j.id, cast.users.officer, 'decline_expression_of_interest', {
          reasons: 'Already procuring',
          ground: 'already_being_procured',
          governance: 'Cabinet, 12 March, minute 7',
        })
      ).status,
    ).toBe(200);
    expect((await fire(t, j.id, cast.users.lead, 'appeal', { grounds: 'The procurement began after our request' })).status).toBe(200);
    return j;
  };

  describe('parties (item 3)', () => {
    it('refuses every party change by anyone but the central team (403), and one without a reason (400); nothing changes', async () => {
      const j = await createJourney(t, cast);
      const before = await historyOf(j.id);
      for (const as of [cast.users.lead, cast.users.officer, cast.users.departmentOfficer, cast.users.arbiter]) {
        for (const body of [
          { departmentId: cast.orgs.department.id === j.departmentId ? null : cast.orgs.department.id },
          { arbiterId: null },
          { parentBodyId: cast.orgs.otherParentBody.id, reason },
          { commissionerId: null, reason },
        ]) {
          expect((await patch(j.id, as, body)).status).toBe(403);
        }
      }
      const noReason = await patch(j.id, cast.users.admin, { arbiterId: null });
      expect(noReason.status).toBe(400);
      expect(JSON.stringify(noReason.body.message)).toContain('reason');
      expect(await historyOf(j.id)).toHaveLength(before.length);
      const now = (await t.http().get(`/api/journeys/${j.id}`).set(cast.users.admin.auth).expect(200)).body;
      expect(now).toMatchObject({
        departmentId: cast.orgs.department.id,
        arbiterId: cast.orgs.arbiter.id,
        parentBodyId: cast.orgs.parentBody.id,
      });
    });

    it('lets the central team change a party with a reason: one history row each (who, why, from, to); the parent body’s tasks follow', async () => {
      const j = await createJourney(t, cast);
      const res = await patch(j.id, cast.users.staff, { parentBodyId: cast.orgs.otherParentBody.id, arbiterId: null, reason });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ parentBodyId: cast.orgs.otherParentBody.id, arbiterId: null });
      const rows = (await historyOf(j.id)).filter((h) => h.type === 'party_changed');
      expect(rows).toHaveLength(2);
      expect(rows).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            actorUserId: cast.users.staff.id,
            data: { field: 'parentBodyId', from: cast.orgs.parentBody.id, to: cast.orgs.otherParentBody.id, reason },
          }),
          expect.objectContaining({
            actorUserId: cast.users.staff.id,
            data: { field: 'arbiterId', from: cast.orgs.arbiter.id, to: null, reason },
          }),
        ]),
      );
      const parentTasks = (await tasksOf(j.id)).filter((x) => x.ownerParty === 'parent_body');
      expect(parentTasks.length).toBeGreaterThan(0);
      expect(parentTasks.every((x) => x.ownerOrganisationId === cast.orgs.otherParentBody.id)).toBe(true);
      // The old parent body no longer sees the journey; the new one does.
      await t.http().get(`/api/journeys/${j.id}`).set(cast.users.officer.auth).expect(404);
      await t.http().get(`/api/journeys/${j.id}`).set(cast.users.otherOfficer.auth).expect(200);
    });

    it('refuses a new department or arbiter while a level-1 concern is open (409), but not a new commissioner', async () => {
      const j = await createJourney(t, cast);
      await t
        .http()
        .post(`/api/journeys/${j.id}/escalations`)
        .set(cast.users.lead.auth)
        .send({ reason: 'No staff data for six weeks' })
        .expect(201);
      for (const body of [{ departmentId: null }, { arbiterId: null }]) {
        const res = await patch(j.id, cast.users.admin, { ...body, reason });
        expect(res.status).toBe(409);
        expect(res.body.message).toMatch(/cannot change while an escalation/);
      }
      expect((await patch(j.id, cast.users.admin, { commissionerId: null, reason })).status).toBe(200);
    });

    it('an open appeal blocks the parent body, the department and the arbiter, so it can never be left undecidable', async () => {
      const j = await declinedAndAppealed();
      const [appeal] = (await t.http().get(`/api/escalations?journeyId=${j.id}&status=open`).set(cast.users.admin.auth).expect(200)).body
        .items;
      expect(appeal).toMatchObject({ trigger: 'appeal', level: 1, assignedOrganisationId: cast.orgs.department.id });
      for (const body of [
        { parentBodyId: cast.orgs.otherParentBody.id },
        { departmentId: null },
        { arbiterId: null },
        { departmentId: null, arbiterId: null },
      ]) {
        expect((await patch(j.id, cast.users.admin, { ...body, reason })).status).toBe(409);
      }
      // Raised to the arbiter: the arbiter still cannot change under it, nor the parent body.
      await t
        .http()
        .post(`/api/escalations/${appeal.id}/escalate`)
        .set(cast.users.departmentOfficer.auth)
        .send({ reason: 'Conflict' })
        .expect(200);
      expect((await patch(j.id, cast.users.admin, { arbiterId: null, reason })).status).toBe(409);
      expect((await patch(j.id, cast.users.admin, { parentBodyId: cast.orgs.otherParentBody.id, reason })).status).toBe(409);
      // The department is no longer on this escalation's path: it may change.
      expect((await patch(j.id, cast.users.admin, { departmentId: null, reason })).status).toBe(200);
      const decided = await t
        .http()
        .post(`/api/escalations/${appeal.id}/resolve`)
        .set(cast.users.arbiter.auth)
        .send({ resolution: 'Reconsider', outcome: 'upheld', governance: 'Arbiter panel, 2 April' });
      expect(decided.status).toBe(200);
      expect((await patch(j.id, cast.users.admin, { parentBodyId: cast.orgs.otherParentBody.id, reason })).status).not.toBe(409);
    });
  });

  describe('duties (item 4)', () => {
    it('the parent body cannot move its own response deadline later (by date or time) or mark it not applicable; reminders unchanged', async () => {
      const j = await submitted();
      const respond = (await tasksOf(j.id)).find((x) => x.key === 'respond_to_expression_of_interest')!;
      const reminders = await pendingReminders(respond.id);
      expect(reminders.length).toBeGreaterThan(0);
      for (const body of [
        { dueDate: '2099-01-01' },
        { dueAt: `${daysFromNow(200)}T12:00:00Z` },
        { status: 'not_applicable', notApplicableReason: 'We do not do Right to Provide' },
      ]) {
        const res = await patchTask(j.id, respond.id, cast.users.officer, body);
        expect(res.status).toBe(422);
        expect(res.body.rules[0].code).toMatch(/^own_response_/);
        expect(res.body.rules[0].message).toEqual(expect.any(String));
      }
      expect(await pendingReminders(respond.id)).toEqual(reminders);
      const now = (await tasksOf(j.id)).find((x) => x.id === respond.id)!;
      expect(now).toMatchObject({ status: respond.status, dueDate: respond.dueDate });
      // Earlier is fine.
      const earlier = await patchTask(j.id, respond.id, cast.users.officer, { dueDate: daysFromNow(5) });
      expect(earlier.status).toBe(200);
    });

    it('the central team overrides only with a reason, and the override is in the history', async () => {
      const j = await submitted();
      const respond = (await tasksOf(j.id)).find((x) => x.key === 'respond_to_expression_of_interest')!;
      const bare = await patchTask(j.id, respond.id, cast.users.admin, { dueDate: daysFromNow(90) });
      expect(bare.status).toBe(400);
      expect(JSON.stringify(bare.body.message)).toContain('overrideReason');
      const ok = await patchTask(j.id, respond.id, cast.users.admin, {
        dueDate: daysFromNow(90),
        overrideReason: 'Council elections: purdah',
      });
      expect(ok.status).toBe(200);
      const row = (await historyOf(j.id)).filter((h) => h.type === 'task_updated').pop()!;
      expect(row).toMatchObject({
        actorUserId: cast.users.admin.id,
        data: { taskId: respond.id, override: { reason: 'Council elections: purdah', rules: ['own_response_deadline_later'] } },
      });
    });

    it('no party moves a statutory TUPE task past the transfer date or marks it not applicable', async () => {
      const j = await createJourney(t, cast);
      const eli = (await tasksOf(j.id)).find((x) => x.key === 'provide_employee_liability_information')!;
      expect(eli.statutory).toBe(true);
      const reminders = await pendingReminders(eli.id);
      const past = await patchTask(j.id, eli.id, cast.users.officer, { dueDate: daysFromNow(600) });
      expect(past.status).toBe(422);
      expect(past.body.rules.map((r: { code: string }) => r.code)).toEqual(['statutory_deadline_beyond_rule']);
      const na = await patchTask(j.id, eli.id, cast.users.officer, { status: 'not_applicable', notApplicableReason: 'n/a' });
      expect(na.status).toBe(422);
      expect(na.body.rules[0].code).toBe('statutory_not_applicable');
      expect(await pendingReminders(eli.id)).toEqual(reminders);
      expect((await patchTask(j.id, eli.id, cast.users.officer, { dueDate: daysFromNow(100) })).status).toBe(200);
    });

    it('the mutual cannot mark the evidence-gated staff ballot not applicable', async () => {
      const j = await createJourney(t, cast);
      const ballot = (await tasksOf(j.id)).find((x) => x.key === 'hold_staff_ballot');
      expect(ballot).toBeDefined();
      const res = await patchTask(j.id, ballot!.id, cast.users.lead, { status: 'not_applicable', notApplicableReason: 'Everyone agrees' });
      expect(res.status).toBe(422);
      expect(res.body.rules.map((r: { code: string }) => r.code)).toContain('evidence_not_applicable');
    });

    it('the web task form refuses the same bypasses and shows the rule; the task is unchanged', async () => {
      const j = await submitted();
      const respond = (await tasksOf(j.id)).find((x) => x.key === 'respond_to_expression_of_interest')!;
      const agent = request.agent(t.baseUrl);
      const signInPage = await agent.get('/sign-in').expect(200);
      const csrf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];
      await agent
        .post('/sign-in')
        .type('form')
        .send({ email: cast.users.officer.email, password: PASSWORD, _csrf: csrf(signInPage.text) })
        .expect(302);
      const form = await agent.get(`/journeys/${j.id}/tasks/${respond.id}`).expect(200);
      expect(form.text).not.toContain('overrideReason');
      const na = await agent
        .post(`/journeys/${j.id}/tasks/${respond.id}`)
        .type('form')
        .send({ _csrf: csrf(form.text), status: 'not_applicable', notApplicableReason: 'Not for us' });
      expect(na.status).toBe(422);
      expect(na.text).toContain('govuk-error-summary');
      expect(na.text).toContain('cannot be marked not applicable');
      const [y, m, d] = '2099-01-01'.split('-');
      const later = await agent
        .post(`/journeys/${j.id}/tasks/${respond.id}`)
        .type('form')
        .send({ _csrf: csrf(form.text), status: respond.status, 'dueDate-day': d, 'dueDate-month': m, 'dueDate-year': y });
      expect(later.status).toBe(422);
      expect(later.text).toContain('cannot move its own Right to Provide response deadline later');
      expect((await tasksOf(j.id)).find((x) => x.id === respond.id)).toMatchObject({ status: respond.status, dueDate: respond.dueDate });
      // The central team's form offers the override reason, and needs it for the same change.
      const admin = await createActor(t, cast.orgs.central.id, 'cabinet_office_admin', { password: PASSWORD });
      const adminAgent = request.agent(t.baseUrl);
      const p2 = await adminAgent.get('/sign-in').expect(200);
      await adminAgent
        .post('/sign-in')
        .type('form')
        .send({ email: admin.email, password: PASSWORD, _csrf: csrf(p2.text) })
        .expect(302);
      const adminForm = await adminAgent.get(`/journeys/${j.id}/tasks/${respond.id}`).expect(200);
      expect(adminForm.text).toContain('name="overrideReason"');
      const dateFields = { 'dueDate-day': d, 'dueDate-month': m, 'dueDate-year': y };
      const bare = await adminAgent
        .post(`/journeys/${j.id}/tasks/${respond.id}`)
        .type('form')
        .send({ _csrf: csrf(adminForm.text), status: respond.status, ...dateFields, overrideReason: '' });
      expect(bare.status).toBe(400);
      expect(bare.text).toContain('href="#overrideReason"');
      const overridden = await adminAgent
        .post(`/journeys/${j.id}/tasks/${respond.id}`)
        .type('form')
        .send({ _csrf: csrf(adminForm.text), status: respond.status, ...dateFields, overrideReason: 'Agreed with both parties by letter' });
      expect(overridden.status).toBe(303);
      const row = (await historyOf(j.id)).filter((h) => h.type === 'task_updated').pop()!;
      expect(row).toMatchObject({ actorUserId: admin.id, data: { override: { reason: 'Agreed with both parties by letter' } } });
    });

    it('escalateAfter: the mutual lead may shorten it, never lengthen it past the template default; the central team may, with a reason', async () => {
      const j = await createJourney(t, cast);
      const put = (as: { auth: Record<string, string> }, body: Record<string, unknown>) =>
        t.http().put(`/api/journeys/${j.id}/reminder-policy`).set(as.auth).send(body);
      const pending = await sql(`SELECT id, fire_at FROM reminders WHERE journey_id = $1 AND status = 'pending' ORDER BY id`, [j.id]);
      const longer = await put(cast.users.lead, { remindBefore: ['P14D', 'P3D'], escalateAfter: 'P60D' });
      expect(longer.status).toBe(422);
      expect(longer.body).toMatchObject({ code: 'escalate_after_beyond_default', field: 'escalateAfter' });
      expect(await sql(`SELECT id, fire_at FROM reminders WHERE journey_id = $1 AND status = 'pending' ORDER BY id`, [j.id])).toEqual(
        pending,
      );
      expect((await put(cast.users.lead, { remindBefore: ['P14D'], escalateAfter: 'P5D', escalateAfterWorkingDays: true })).status).toBe(
        200,
      );
      expect((await put(cast.users.lead, { remindBefore: ['P14D'], escalateAfter: 'P2D' })).status).toBe(200);
      expect((await put(cast.users.admin, { remindBefore: ['P14D'], escalateAfter: 'P60D' })).status).toBe(400);
      expect((await put(cast.users.admin, { remindBefore: ['P14D'], escalateAfter: 'P60D', overrideReason: 'Summer recess' })).status).toBe(
        200,
      );
      const row = (await historyOf(j.id)).filter((h) => h.type === 'reminder_policy_changed').pop()!;
      expect(row.data).toMatchObject({
        escalateAfter: 'P60D',
        override: { reason: 'Summer recess', rules: ['escalate_after_beyond_default'] },
      });
    });

    it('a journey page shows a party change with who made it', async () => {
      const j = await createJourney(t, cast);
      await patch(j.id, cast.users.staff, { commissionerId: null, reason }).expect(200);
      const agent = request.agent(t.baseUrl);
      const page = await agent.get('/sign-in').expect(200);
      await agent
        .post('/sign-in')
        .type('form')
        .send({ email: cast.users.lead.email, password: PASSWORD, _csrf: /name="_csrf" value="([^"]+)"/.exec(page.text)![1] })
        .expect(302);
      const html = (await agent.get(`/journeys/${j.id}`).expect(200)).text;
      expect(html).toContain('Commissioner changed by the central team');
      expect(html).toContain(reason.replace('’', '&#8217;').slice(0, 10));
    });
  });
});
