import { DataSource } from 'typeorm';
import { addWorkingDays } from '@pathway/domain/calendar/working-days';
import { startTestApp, TestApp } from '../support/app';
import request from 'supertest';
import { createWebCast, PASSWORD } from '../web/support';
import { Cast, completeGate, createJourney, daysFromNow, fire } from '../support/journeys';
import { historyOf, londonDatePlus, notificationsOf, openAppeal, responseTask, submittedJourney } from '../right-to-provide/support';

type Task = {
  id: string;
  key: string;
  status: string;
  mandatory: boolean;
  dueDate: string | null;
  dependsOn: string[];
  statutory: boolean;
  ownerParty: string;
};

/** Issue 18's defects: each test here failed before its fix. */
describe('daily work: states that tell the truth', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await startTestApp();
    cast = await createWebCast(t, 'defects');
  });
  afterAll(() => t.close());

  const tasksOf = async (journeyId: string): Promise<Task[]> =>
    (await t.http().get(`/api/journeys/${journeyId}/tasks`).set(cast.users.admin.auth).expect(200)).body.items;

  it('closes "Review the business case" when the business case is approved, done by Pathway rather than by the approver', async () => {
    const { lead, officer } = cast.users;
    const journey = await submittedJourney(t, cast);
    expect((await fire(t, journey.id, officer, 'accept_expression_of_interest')).status).toBe(200);
    await completeGate(t, cast, journey.id, 'business_planning');
    expect((await fire(t, journey.id, lead, 'submit_business_case')).status).toBe(200);
    const review = (await tasksOf(journey.id)).find((x) => x.key === 'review_business_case')!;
    expect(review).toMatchObject({ status: 'not_started', mandatory: true });
    await completeGate(t, cast, journey.id, 'awaiting_approval');
    expect((await fire(t, journey.id, officer, 'approve_business_case')).status).toBe(200);
    expect((await tasksOf(journey.id)).find((x) => x.key === 'review_business_case')!.status).toBe('completed');

    const rows = (await historyOf(t, lead, journey.id)).filter((h) => h.type === 'task_updated' && h.data.automatic);
    expect(rows.map((h) => h.data.taskKey)).toEqual(
      expect.arrayContaining(['appraise_service_options', 'respond_to_expression_of_interest', 'review_business_case']),
    );
    // Automatic completions are Pathway's, with the event (and who fired it) as the cause.
    for (const h of rows) {
      expect(h.actorUserId).toBeNull();
      expect(h.data.causedByUserId).toEqual(expect.any(String));
    }
    expect(rows.find((h) => h.data.taskKey === 'review_business_case')!.data).toMatchObject({
      cause: 'approve_business_case',
      causedByUserId: officer.id,
    });
  });

  it('never calls the parent body’s response optional', async () => {
    const journey = await submittedJourney(t, cast);
    expect(await responseTask(t, cast.users.officer, journey.id)).toMatchObject({ mandatory: true });
  });

  it('after an appeal overturns a decline, the parent body’s inbox no longer says "Declined"', async () => {
    const { lead, officer, departmentOfficer } = cast.users;
    const journey = await submittedJourney(t, cast);
    expect(
      (
        await fire(t, journey.id, officer, 'decline_expression_of_interest', {
          governance: 'Cabinet, 12 March, minute 7',
          reasons: 'Not viable',
          ground: 'not_viable',
        })
      ).status,
    ).toBe(200);
    expect((await fire(t, journey.id, lead, 'appeal', { grounds: 'It is viable' })).status).toBe(200);
    const appeal = (await openAppeal(t, departmentOfficer, journey.id))!;
    await t
      .http()
      .post(`/api/escalations/${appeal.id}/resolve`)
      .set(departmentOfficer.auth)
      .send({ resolution: 'The figures add up', outcome: 'upheld', conditions: 'Meet the mutual’s board before deciding again' })
      .expect(200);
    const item = (await t.http().get(`/api/right-to-provide-requests/${journey.id}`).set(officer.auth).expect(200)).body;
    expect(item.standing).not.toBe('declined');
    expect(item.standing).toBe(item.journeyState === 'awaiting_parent_body_response' ? 'awaiting_response' : 'overturned_on_appeal');
    // The overturning decision's conditions are the inbox's (the list and the request), not only the history's.
    expect(item.appeal).toMatchObject({ outcome: 'upheld', conditions: 'Meet the mutual’s board before deciding again', attachment: null });
    if (item.reconsideration) expect(item.reconsideration.conditions).toBe('Meet the mutual’s board before deciding again');
    const listed = (await t.http().get('/api/right-to-provide-requests').set(officer.auth).expect(200)).body.items;
    expect(listed.find((r: { journeyId: string }) => r.journeyId === journey.id).appeal.conditions).toBe(
      'Meet the mutual’s board before deciding again',
    );
    const agent = await signedInAgent(officer);
    const page = await agent.get('/').expect(200);
    // The inbox row, not the work queue's task rows above it (they link the journey too).
    // The inbox is the last list on the page that links the journey itself.
    const links = [...page.text.matchAll(new RegExp(`href="/journeys/${journey.id}(/respond)?">`, 'g'))];
    expect(links.length).toBeGreaterThan(0);
    const at = links[links.length - 1].index;
    const row = page.text.slice(at);
    expect(row.slice(0, 1500)).not.toMatch(/>\s*Declined\s*</);
    expect(row.slice(0, 1500)).toMatch(/overturned on appeal|Waiting for a response/);
    expect(row.slice(0, 2500)).toContain('Conditions: Meet the mutual’s board before deciding again');
    const respond = await agent.get(`/journeys/${journey.id}/respond`).expect(200);
    expect(respond.text).toContain('Meet the mutual’s board before deciding again');
  });

  it('refuses a hand-set deadline earlier than the request the task answers', async () => {
    const journey = await submittedJourney(t, cast);
    const task = (await responseTask(t, cast.users.officer, journey.id))!;
    const res = await t
      .http()
      .patch(`/api/journeys/${journey.id}/tasks/${task.id}`)
      .set(cast.users.admin.auth)
      .send({ dueDate: londonDatePlus(-3) });
    expect(res.status).toBe(400);
    expect(res.body.message.join(' ')).toMatch(/dueDate must not be before/);
    const byInstant = await t
      .http()
      .patch(`/api/journeys/${journey.id}/tasks/${task.id}`)
      .set(cast.users.admin.auth)
      .send({ dueAt: new Date(Date.now() - 5 * 86_400_000).toISOString() });
    expect(byInstant.status).toBe(400);
    expect((await responseTask(t, cast.users.officer, journey.id))!.dueDate).toBe(task.dueDate);
    await t
      .http()
      .patch(`/api/journeys/${journey.id}/tasks/${task.id}`)
      .set(cast.users.admin.auth)
      // Later than the parent body's duty allows: only the central team, with a recorded reason (issue 10's duty rules).
      .send({ dueDate: londonDatePlus(40), overrideReason: 'Extension agreed at the programme board' })
      .expect(200);
  });

  it('refuses a past hand-set deadline on an edit as on a new task (400 naming it, nothing changed), but lets an overdue task keep its date', async () => {
    const journey = await createJourney(t, cast, { name: 'Past deadlines' });
    const { lead } = cast.users;
    const task = (await tasksOf(journey.id)).find((x) => x.ownerParty === 'mutual' && x.status !== 'cannot_start_yet')!;
    const patch = (body: object) => t.http().patch(`/api/journeys/${journey.id}/tasks/${task.id}`).set(lead.auth).send(body);
    const created = await t
      .http()
      .post(`/api/journeys/${journey.id}/tasks`)
      .set(lead.auth)
      .send({ title: 'Back-dated', ownerParty: 'mutual', dueDate: londonDatePlus(-30) });
    expect([created.status, created.body.message]).toEqual([400, ['dueDate must be today or later']]);
    for (const [body, field] of [
      [{ dueDate: '1900-01-01' }, 'dueDate'],
      [{ dueDate: londonDatePlus(-1) }, 'dueDate'],
      [{ dueAt: '2020-01-01T00:00:00Z' }, 'dueAt'],
    ] as const) {
      const res = await patch(body);
      expect([res.status, res.body.message]).toEqual([400, [`${field} must be today or later`]]);
    }
    expect((await tasksOf(journey.id)).find((x) => x.id === task.id)!.dueDate).toBe(task.dueDate);
    await patch({ dueDate: londonDatePlus(0) }).expect(200);

    // Overdue by the passing of time: the same date re-sent, or another field changed, still saves.
    const past = londonDatePlus(-5);
    await t.app.get(DataSource).query(`UPDATE journey_tasks SET due_date = $2 WHERE id = $1`, [task.id, past]);
    await patch({ dueDate: past, status: 'in_progress' }).expect(200);
    const agent = await signedInAgent(lead);
    const form = await agent.get(`/journeys/${journey.id}/tasks/${task.id}`).expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
    const [y, m, d] = past.split('-');
    const resaved = await agent
      .post(`/journeys/${journey.id}/tasks/${task.id}`)
      .type('form')
      .send({ _csrf: csrf, status: 'completed', 'dueDate-day': d, 'dueDate-month': m, 'dueDate-year': y });
    expect(resaved.status).toBe(303);
    const [y2, m2, d2] = londonDatePlus(-2).split('-');
    const moved = await agent
      .post(`/journeys/${journey.id}/tasks/${task.id}`)
      .type('form')
      .send({ _csrf: csrf, status: 'completed', 'dueDate-day': d2, 'dueDate-month': m2, 'dueDate-year': y2 });
    expect(moved.status).toBe(400);
    expect(moved.text).toContain('The due date must be today or in the future');
    expect(moved.text).toContain('href="#dueDate-day"');
    expect((await tasksOf(journey.id)).find((x) => x.id === task.id)).toMatchObject({ dueDate: past, status: 'completed' });
  });

  it('spreads a late start’s caught-up deadlines by dependency order, and sends no burst of "due soon" notices', async () => {
    // Transfer in 40 days: almost every template deadline has already passed.
    const own = await createJourney(t, cast, { name: 'Late starter', plannedTransferDate: daysFromNow(40) });
    const tasks = await tasksOf(own.id);
    const floor = addWorkingDays(londonDatePlus(0), 10);
    const caughtUp = tasks.filter((x) => !x.statutory && x.dueDate && x.dueDate >= floor);
    const byKey = new Map(tasks.map((x) => [x.key, x]));
    // Each task is due after the (non-statutory) tasks it depends on, not all on one day.
    for (const task of caughtUp) {
      for (const dep of task.dependsOn) {
        const d = byKey.get(dep);
        if (d?.dueDate && !d.statutory) expect([task.key, task.dueDate! > d.dueDate]).toEqual([task.key, true]);
      }
    }
    expect(caughtUp.length).toBeGreaterThan(10);
    expect(new Set(caughtUp.map((x) => x.dueDate)).size).toBeGreaterThan(2);
    // No "due soon" reminder is planned to fire on the tasks' first day.
    const rows: Array<{ n: string }> = await t.app.get(DataSource).query(
      `SELECT count(*)::text AS n FROM reminders r JOIN journey_tasks t ON t.id = r.task_id
        WHERE t.journey_id = $1 AND r.kind = 'task_due_soon' AND r.status = 'pending' AND r.fire_at < t.created_at + interval '1 day'`,
      [own.id],
    );
    expect(rows[0].n).toBe('0');
  });

  it('keeps the spread when a late journey’s transfer date moves, leaving hand-set deadlines alone, with no burst of "due soon"', async () => {
    const own = await createJourney(t, cast, { name: 'Late starter, moved', plannedTransferDate: daysFromNow(40) });
    // A hand-set deadline stays where the person put it.
    const handSet = (await tasksOf(own.id)).find((x) => !x.statutory && x.dueDate && x.dependsOn.length === 0)!;
    const handDate = addWorkingDays(londonDatePlus(0), 30);
    await t.http().patch(`/api/journeys/${own.id}/tasks/${handSet.id}`).set(cast.users.admin.auth).send({ dueDate: handDate }).expect(200);
    // Moved a week later: still late, so every past-due deadline is caught up again.
    await t
      .http()
      .patch(`/api/journeys/${own.id}`)
      .set(cast.users.admin.auth)
      .send({ plannedTransferDate: daysFromNow(47) })
      .expect(200);

    const tasks = await tasksOf(own.id);
    const byKey = new Map(tasks.map((x) => [x.key, x]));
    expect(byKey.get(handSet.key)!.dueDate).toBe(handDate);
    const floor = addWorkingDays(londonDatePlus(0), 10);
    const caughtUp = tasks.filter((x) => !x.statutory && x.dueDate && x.dueDate >= floor);
    expect(caughtUp.length).toBeGreaterThan(10);
    // Not all on one day again (the floor).
    expect(new Set(caughtUp.map((x) => x.dueDate)).size).toBeGreaterThan(2);
    expect(caughtUp.filter((x) => x.dueDate === floor).length).toBeLessThan(caughtUp.length / 2);
    // Each task is due after the (non-statutory) tasks it depends on.
    for (const task of caughtUp) {
      for (const dep of task.dependsOn) {
        const d = byKey.get(dep);
        if (d?.dueDate && !d.statutory) expect([task.key, dep, task.dueDate! > d.dueDate]).toEqual([task.key, dep, true]);
      }
    }
    // Still no "due soon" planned (or sent) in the tasks' first day.
    const rows: Array<{ n: string }> = await t.app.get(DataSource).query(
      `SELECT count(*)::text AS n FROM reminders r JOIN journey_tasks t ON t.id = r.task_id
        WHERE t.journey_id = $1 AND r.kind = 'task_due_soon' AND r.status IN ('pending', 'delivered')
          AND r.fire_at < t.created_at + interval '1 day'`,
      [own.id],
    );
    expect(rows[0].n).toBe('0');
    const told = (await notificationsOf(t, cast.users.lead, own.id)).filter((n) => n.type === 'task_due_soon');
    expect(told).toEqual([]);
  });

  it('tells the party a concern is about; raising to the arbiter needs a reason; escalations show a decide-by date', async () => {
    const { lead, officer, departmentOfficer } = cast.users;
    const journey = await createJourney(t, cast);
    const parentTask = (await tasksOf(journey.id)).find((x) => x.ownerParty === 'parent_body')!;
    const raised = await t
      .http()
      .post(`/api/journeys/${journey.id}/escalations`)
      .set(lead.auth)
      .send({ reason: 'No staff list after six weeks', taskId: parentTask.id })
      .expect(201);
    expect(raised.body.decideBy).toEqual(expect.any(String));
    expect(new Date(raised.body.decideBy).getTime()).toBeGreaterThan(new Date(raised.body.openedAt).getTime());
    const told = (await notificationsOf(t, officer, journey.id)).find((n) => n.escalationId === raised.body.id);
    expect(told).toMatchObject({ taskId: parentTask.id });
    expect(told!.body).toContain('No staff list after six weeks');

    const noReason = await t.http().post(`/api/escalations/${raised.body.id}/escalate`).set(departmentOfficer.auth).send({});
    expect(noReason.status).toBe(400);
    expect(noReason.body.message.join(' ')).toMatch(/reason/);
    expect((await t.http().get(`/api/escalations/${raised.body.id}`).set(lead.auth)).body.level).toBe(1);
    const up = await t
      .http()
      .post(`/api/escalations/${raised.body.id}/escalate`)
      .set(departmentOfficer.auth)
      .send({ reason: 'We fund the parent body' })
      .expect(200);
    expect(up.body).toMatchObject({ level: 2, decideBy: expect.any(String) });
    const list = (await t.http().get(`/api/escalations?journeyId=${journey.id}`).set(lead.auth).expect(200)).body.items;
    expect(list[0].decideBy).toEqual(up.body.decideBy);
  });

  it('says what the viewer’s organisation owes on a journey instead of "nothing you need to do"', async () => {
    const { officer } = cast.users;
    const journey = await createJourney(t, cast);
    const agent = await signedInAgent(officer);
    const page = await agent.get(`/journeys/${journey.id}`).expect(200);
    expect(page.text).not.toContain('There is nothing you need to do on this journey');
    expect(page.text).toContain('data-testid="your-tasks"');
  });

  it('uses the Design System’s task list status "Not yet started"', async () => {
    const journey = await createJourney(t, cast);
    const agent = await signedInAgent(cast.users.lead);
    const page = await agent.get(`/journeys/${journey.id}`).expect(200);
    expect(page.text).toMatch(/Not yet started/);
    expect(page.text).not.toMatch(/>\s*Not started\s*</);
  });

  /** A supertest agent signed in on the web as `actor`. */
  async function signedInAgent(actor: { email: string }) {
    const agent = request.agent(t.baseUrl);
    const form = await agent.get('/sign-in').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
    await agent.post('/sign-in').type('form').send({ _csrf: csrf, email: actor.email, password: PASSWORD }).expect(302);
    return agent;
  }
});
