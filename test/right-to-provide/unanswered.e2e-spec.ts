import { Client } from 'pg';
import { startTestApp, TestApp } from '../support/app';
import { createCast } from '../support/fixtures';
import { Cast } from '../support/journeys';
import { historyOf, notificationsOf, responseTask, submittedJourney } from './support';

/**
 * A request nobody answers: reminders to the parent body, then (past the deadline plus the
 * journey's escalateAfter) an escalation with trigger `response_overdue` at the department. Runs
 * the real worker, with a short reminder horizon and reconcile period and a deadline seconds away.
 * Built on the reminder machinery of libs/reminders.
 */
describe('Right to Provide: a request left unanswered escalates', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await startTestApp({ worker: true, env: { REMINDER_HORIZON_SECONDS: '60', RECONCILE_EVERY_SECONDS: '1' } });
    cast = await createCast(t);
  });
  afterAll(() => t.close());

  async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = await probe();
      if (found !== undefined) return found;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  it('reminds the parent body, then opens a response_overdue escalation at the department', async () => {
    const { lead, officer, departmentOfficer, otherOfficer } = cast.users;
    const journey = await submittedJourney(t, cast);
    await t
      .http()
      .put(`/api/journeys/${journey.id}/reminder-policy`)
      .set(lead.auth)
      .send({ remindBefore: ['PT2S'], escalateAfter: 'PT2S' })
      .expect(200);
    const task = (await responseTask(t, officer, journey.id))!;
    const dueAt = new Date(Date.now() + 4_000).toISOString();
    const patched = await t.http().patch(`/api/journeys/${journey.id}/tasks/${task.id}`).set(officer.auth).send({ dueAt });
    expect(patched.status).toBe(200);
    expect(patched.body.dueAt).toBe(dueAt);

    const escalation = await waitFor('a response_overdue escalation', async () => {
      const res = await t.http().get('/api/escalations?status=open').set(departmentOfficer.auth).expect(200);
      return (
        res.body.items as Array<{
          id: string;
          journeyId: string;
          taskId: string | null;
          trigger: string;
          level: number;
          assignedOrganisationId: string;
        }>
      ).find((e) => e.journeyId === journey.id && e.trigger === 'response_overdue');
    });
    expect(escalation.taskId).toBe(task.id);
    // It opened at the department (a sweep may since have raised it, escalateAfter being 2 s).
    const opened = (await historyOf(t, officer, journey.id)).find(
      (h) => h.type === 'escalation_opened' && h.data.escalationId === escalation.id,
    )!;
    expect(opened).toMatchObject({
      actorUserId: null,
      data: { trigger: 'response_overdue', level: 1, assignedOrganisationId: cast.orgs.department.id, taskId: task.id },
    });
    expect(
      (await notificationsOf(t, departmentOfficer, journey.id)).some(
        (n) => n.type === 'escalation_opened' && n.escalationId === escalation.id,
      ),
    ).toBe(true);

    // The parent body was reminded before and at the deadline; nobody else was (about this task).
    const reminders = (await notificationsOf(t, officer, journey.id)).filter((n) => n.taskId === task.id).map((n) => n.type);
    expect(reminders).toEqual(expect.arrayContaining(['task_due_soon', 'task_overdue']));
    expect((await notificationsOf(t, lead, journey.id)).some((n) => n.taskId === task.id)).toBe(false);
    expect(await notificationsOf(t, otherOfficer, journey.id)).toHaveLength(0);

    // The inbox shows it overdue, still awaiting a response; answering it now still works, and
    // resolves the escalation about the missing answer.
    const item = (await t.http().get(`/api/right-to-provide-requests/${journey.id}`).set(officer.auth).expect(200)).body;
    expect(item).toMatchObject({ status: 'awaiting_response', overdue: true, responseDeadline: dueAt });
    const res = await t.http().post(`/api/journeys/${journey.id}/events`).set(officer.auth).send({ type: 'accept_expression_of_interest' });
    expect(res.status).toBe(200);
    expect((await responseTask(t, officer, journey.id))!.status).toBe('completed');
    const after = await t.http().get(`/api/escalations/${escalation.id}`).set(departmentOfficer.auth).expect(200);
    expect(after.body).toMatchObject({ status: 'resolved', resolution: expect.stringContaining('accepted') });
    expect(
      (await historyOf(t, officer, journey.id)).find((h) => h.type === 'escalation_resolved' && h.data.escalationId === escalation.id),
    ).toMatchObject({
      actorUserId: officer.id,
      data: { trigger: 'response_overdue', automatic: true, cause: 'accept_expression_of_interest' },
    });
  });

  it('an answer in time closes the response task and cancels its reminders in the same transaction: nothing fires', async () => {
    const { lead, officer, departmentOfficer } = cast.users;
    const journey = await submittedJourney(t, cast);
    await t
      .http()
      .put(`/api/journeys/${journey.id}/reminder-policy`)
      .set(lead.auth)
      .send({ remindBefore: ['PT2S'], escalateAfter: 'PT2S' })
      .expect(200);
    const task = (await responseTask(t, officer, journey.id))!;
    const deadline = Date.now() + 3_000;
    await t
      .http()
      .patch(`/api/journeys/${journey.id}/tasks/${task.id}`)
      .set(officer.auth)
      .send({ dueAt: new Date(deadline).toISOString() })
      .expect(200);
    expect(
      (
        await t
          .http()
          .post(`/api/journeys/${journey.id}/events`)
          .set(officer.auth)
          .send({
            type: 'decline_expression_of_interest',
            payload: { governance: 'Cabinet, 12 March, minute 7', reasons: 'Already tendered', ground: 'already_being_procured' },
          })
      ).status,
    ).toBe(200);

    // The reminder listener saw the completed task in the decline's own change.
    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(`SELECT status, status_reason FROM reminders WHERE task_id = $1`, [task.id]);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.filter((r) => r.status === 'pending')).toEqual([]);
      expect(rows.some((r) => r.status === 'cancelled' && r.status_reason === 'task_completed')).toBe(true);
    } finally {
      await db.end();
    }

    await new Promise((r) => setTimeout(r, Math.max(0, deadline + 3_500 - Date.now())));
    expect(
      (await notificationsOf(t, officer, journey.id)).filter((n) => n.taskId === task.id && n.type !== 'expression_of_interest_received'),
    ).toEqual([]);
    const open = await t.http().get('/api/escalations?status=open').set(departmentOfficer.auth).expect(200);
    expect(
      open.body.items.some((e: { journeyId: string; trigger: string }) => e.journeyId === journey.id && e.trigger === 'response_overdue'),
    ).toBe(false);
  });
});
