import { Client } from 'pg';
import { addWorkingDays } from '@pathway/domain/calendar/working-days';
import { todayInLondon } from '@pathway/domain/calendar/london';
import { startTestApp, TestApp } from '../support/app';
import { createCast } from '../support/fixtures';
import { Cast, completeGate, fire } from '../support/journeys';
import { historyOf, notificationsOf, openAppeal, responseTask, submittedJourney } from './support';

/**
 * Appeals as the Mutuals Taskforce describes them (rec. 2 ii): the escalation point's finding asks
 * the parent body to decide again; it never decides for it. The loop: decline, appeal, upheld,
 * reconsideration with a new deadline and the finding, a second decline, and its appeal at the
 * arbiter. A refused business case can be appealed too. Every decision records its governance.
 */
describe('Appeals: reconsideration, the arbiter, and refused business cases', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
  });
  afterAll(() => t.close());

  const governance = 'Cabinet, 12 March 2026, minute 7';
  const resolve = (as: Cast['users']['officer'], id: string, body: Record<string, unknown>) =>
    t.http().post(`/api/escalations/${id}/resolve`).set(as.auth).send(body);
  const ok = async (p: Promise<{ status: number; body: unknown }>) => {
    const res = await p;
    if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  const request = async (journeyId: string) =>
    (await t.http().get(`/api/right-to-provide-requests/${journeyId}`).set(cast.users.officer.auth).expect(200)).body;

  it('decline → appeal → upheld → the parent body reconsiders with a new deadline and the finding → a second decline is appealed to the arbiter', async () => {
    const { lead, officer, departmentOfficer, arbiter } = cast.users;
    const journey = await submittedJourney(t, cast);

    // A decline records its governance: who decided, and where it is recorded (optional: the contract's decline is { reasons }).
    let res = await fire(t, journey.id, officer, 'decline_expression_of_interest', {
      reasons: 'Not viable',
      ground: 'other',
      governance: 'x'.repeat(501),
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('payload.governance must be at most 500 characters');
    res = await fire(t, journey.id, officer, 'decline_expression_of_interest', { reasons: 'Not viable', ground: 'not_viable', governance });
    expect(res.status).toBe(200);
    expect((await request(journey.id)).decision).toMatchObject({ type: 'declined', decidedByUserId: officer.id, governance });

    expect((await fire(t, journey.id, lead, 'appeal', { grounds: 'The figures show a surplus' })).status).toBe(200);
    const first = (await openAppeal(t, departmentOfficer, journey.id))!;
    expect(first).toMatchObject({ level: 1, assignedOrganisationId: cast.orgs.department.id });

    const finding = 'The decline did not consider the surplus in year two; please reconsider on the full business case';
    const appealGovernance = 'Permanent secretary, delegated decision DS/2026/3';
    expect(
      (await resolve(departmentOfficer, first.id, { resolution: finding, outcome: 'upheld', governance: 'g'.repeat(501) })).status,
    ).toBe(400);
    res = await resolve(departmentOfficer, first.id, { resolution: finding, outcome: 'upheld', governance: appealGovernance });
    expect(res.status).toBe(200);

    // Back to the parent body, not on to business planning.
    const after = (await t.http().get(`/api/journeys/${journey.id}`).set(officer.auth).expect(200)).body;
    expect(after.state).toBe('awaiting_parent_body_response');
    expect(after.allowedEvents.sort()).toEqual(['accept_expression_of_interest', 'decline_expression_of_interest']);

    // The response task is open again, due 20 working days from today (template v3, the nation's bank holidays).
    const expectedDue = addWorkingDays(todayInLondon(new Date()), 20, 'england');
    const task = (await responseTask(t, officer, journey.id))!;
    expect(task).toMatchObject({ status: 'not_started', dueDate: expectedDue });
    // Its reminders are planned again for the new deadline.
    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(`SELECT deadline FROM reminders WHERE task_id = $1 AND status = 'pending'`, [task.id]);
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(new Date(r.deadline).getTime()).toBeGreaterThan(Date.now());
    } finally {
      await db.end();
    }

    // The finding is on the request, and in the parent body's notifications.
    const item = await request(journey.id);
    expect(item).toMatchObject({
      status: 'awaiting_response',
      standing: 'awaiting_response',
      proceeding: false,
      responseDueDate: expectedDue,
      reconsideration: { finding, foundByUserId: departmentOfficer.id, level: 1, governance: appealGovernance, round: 1 },
    });
    const notice = (await notificationsOf(t, officer, journey.id)).find((n) => n.title.startsWith('Appeal upheld: please reconsider'));
    expect(notice).toBeDefined();
    expect(notice!.body).toContain(finding);
    expect(notice!.taskId).toBe(task.id);
    expect(notice!.body).toMatch(/decide again by \d{1,2} [A-Z][a-z]+ \d{4}/);

    // Who decided and under what authority is in the history.
    const history = await historyOf(t, lead, journey.id);
    expect(history.find((h) => h.type === 'uphold_appeal')).toMatchObject({
      actorUserId: departmentOfficer.id,
      fromState: 'under_appeal',
      toState: 'awaiting_parent_body_response',
      data: { escalationId: first.id, resolution: finding, governance: appealGovernance, level: 1 },
    });
    expect(history.find((h) => h.type === 'escalation_resolved' && h.data.escalationId === first.id)!.data).toMatchObject({
      governance: appealGovernance,
    });

    // The parent body decides again: a second decline. Its appeal goes straight to the arbiter.
    const secondGovernance = 'Cabinet, 9 April 2026, minute 4';
    res = await fire(t, journey.id, officer, 'decline_expression_of_interest', {
      reasons: 'Reconsidered: the surplus depends on a contract we will not offer',
      governance: secondGovernance,
    });
    expect(res.status).toBe(200);
    expect((await responseTask(t, officer, journey.id))!.status).toBe('completed');
    expect(await request(journey.id)).toMatchObject({ status: 'declined', standing: 'declined', proceeding: false, reconsideration: null });
    const declinedNotice = (await notificationsOf(t, lead, journey.id)).find((n) => n.type === 'expression_of_interest_decided')!;
    expect(declinedNotice.body).toContain(cast.orgs.arbiter.name);

    expect((await fire(t, journey.id, lead, 'appeal', { grounds: 'The reconsideration ignored the finding' })).status).toBe(200);
    const second = (await openAppeal(t, arbiter, journey.id))!;
    expect(second).toMatchObject({ level: 2, assignedOrganisationId: cast.orgs.arbiter.id });
    expect((await resolve(departmentOfficer, second.id, { resolution: 'x', outcome: 'upheld' })).status).toBe(403);
    expect((await request(journey.id)).appeal).toMatchObject({ status: 'open', level: 2 });

    // The arbiter upholds: the parent body reconsiders once more (no one overrules it).
    const arbiterFinding = 'The reconsideration did not address the finding; decide again with the commissioner present';
    expect((await resolve(arbiter, second.id, { resolution: arbiterFinding, outcome: 'upheld' })).status).toBe(200);
    expect((await t.http().get(`/api/journeys/${journey.id}`).set(lead.auth)).body.state).toBe('awaiting_parent_body_response');
    expect((await request(journey.id)).reconsideration).toMatchObject({ finding: arbiterFinding, level: 2, round: 2 });

    // Its acceptance ends the story: the journey goes on.
    expect(
      (await fire(t, journey.id, officer, 'accept_expression_of_interest', { governance: 'Cabinet, 7 May 2026, minute 2' })).status,
    ).toBe(200);
    expect(await request(journey.id)).toMatchObject({
      status: 'accepted',
      proceeding: true,
      decision: { type: 'accepted', governance: 'Cabinet, 7 May 2026, minute 2' },
    });
  }, 120_000);

  it('a dismissed appeal leaves the decline standing, and the next appeal still starts with the department', async () => {
    const { lead, officer, departmentOfficer } = cast.users;
    const journey = await submittedJourney(t, cast);
    await ok(fire(t, journey.id, officer, 'decline_expression_of_interest', { reasons: 'No', governance }));
    await ok(fire(t, journey.id, lead, 'appeal', { grounds: 'Please' }));
    const appeal = (await openAppeal(t, departmentOfficer, journey.id))!;
    await resolve(departmentOfficer, appeal.id, { resolution: 'The reasons hold', outcome: 'dismissed' }).expect(200);
    expect((await t.http().get(`/api/journeys/${journey.id}`).set(lead.auth)).body.state).toBe('declined');
    // A dismissed first appeal is not a reconsideration: the next appeal still starts with the department.
    await ok(fire(t, journey.id, lead, 'appeal', { grounds: 'New facts' }));
    expect((await openAppeal(t, departmentOfficer, journey.id))!.level).toBe(1);
  });

  it('a refused business case can be appealed: upheld goes back to awaiting approval with a new decide-by; dismissed leaves it refused', async () => {
    const { lead, officer, departmentOfficer, member } = cast.users;
    const journey = await submittedJourney(t, cast);
    await ok(fire(t, journey.id, officer, 'accept_expression_of_interest'));
    await completeGate(t, cast, journey.id, 'business_planning');
    let res = await fire(t, journey.id, lead, 'submit_business_case');
    if (res.status === 422 && JSON.stringify(res.body).includes('staff_support')) {
      // Merged with the staff ballot gate (issue 10 item 1): record a qualifying ballot first.
      await t
        .http()
        .post(`/api/journeys/${journey.id}/staff-ballots`)
        .set(lead.auth)
        .send({
          question: 'Do you support the spin-out?',
          heldOn: todayInLondon(new Date()),
          method: 'secret_postal',
          eligible: 100,
          votesFor: 70,
          votesAgainst: 10,
        })
        .expect(201);
      res = await fire(t, journey.id, lead, 'submit_business_case');
    }
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('awaiting_approval');

    // Refusing needs reasons and governance, and only the parent body may refuse.
    expect((await fire(t, journey.id, officer, 'reject_business_case', { reasons: 'Too risky' })).status).toBe(400);
    expect((await fire(t, journey.id, lead, 'reject_business_case', { reasons: 'x', governance })).status).toBe(403);
    res = await fire(t, journey.id, officer, 'reject_business_case', { reasons: 'The pension deficit is not funded', governance });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'business_case_rejected' });
    const review = async () =>
      (
        (await t.http().get(`/api/journeys/${journey.id}/tasks`).set(officer.auth).expect(200)).body.items as Array<Record<string, unknown>>
      ).find((x) => x.key === 'review_business_case')!;
    expect((await review()).status).toBe('completed');
    expect(
      (await notificationsOf(t, lead, journey.id)).some((n) => n.title.startsWith('Business case refused') && n.body.includes(governance)),
    ).toBe(true);

    // Only the mutual lead appeals.
    expect((await fire(t, journey.id, member, 'appeal', { grounds: 'x' })).status).toBe(403);
    expect((await fire(t, journey.id, lead, 'appeal', { grounds: 'The deficit is covered by the admission agreement bond' })).status).toBe(
      200,
    );
    let appeal = (await openAppeal(t, departmentOfficer, journey.id))!;
    expect(appeal.level).toBe(1);
    expect((await t.http().get(`/api/journeys/${journey.id}`).set(lead.auth)).body.state).toBe('business_case_under_appeal');

    // Dismissed: the refusal stands; the lead may appeal again or withdraw.
    await resolve(departmentOfficer, appeal.id, { resolution: 'The bond is not yet agreed', outcome: 'dismissed' }).expect(200);
    let j = (await t.http().get(`/api/journeys/${journey.id}`).set(lead.auth).expect(200)).body;
    expect(j.state).toBe('business_case_rejected');
    expect(j.allowedEvents).toEqual(expect.arrayContaining(['appeal', 'withdraw']));

    // Appealed again, upheld: back to awaiting approval, with the review task open and a new decide-by.
    await ok(fire(t, journey.id, lead, 'appeal', { grounds: 'The bond is now agreed' }));
    appeal = (await openAppeal(t, departmentOfficer, journey.id))!;
    expect(appeal.level).toBe(1);
    const finding = 'With the bond agreed the deficit is funded; please reconsider';
    await resolve(departmentOfficer, appeal.id, { resolution: finding, outcome: 'upheld', governance: 'Department appeals panel' }).expect(
      200,
    );
    j = (await t.http().get(`/api/journeys/${journey.id}`).set(officer.auth).expect(200)).body;
    expect(j.state).toBe('awaiting_approval');
    expect(j.allowedEvents.sort()).toEqual(['approve_business_case', 'reject_business_case', 'return_business_case']);
    expect(await review()).toMatchObject({ status: 'not_started', dueDate: addWorkingDays(todayInLondon(new Date()), 20, 'england') });
    expect((await notificationsOf(t, officer, journey.id)).find((n) => n.title.startsWith('Appeal upheld'))!.body).toContain(finding);

    // The business case appeal is not the Right to Provide request's: the request stays accepted.
    expect(await request(journey.id)).toMatchObject({ status: 'accepted', appeal: null, reconsideration: null });

    // A second refusal after reconsideration: its appeal goes to the arbiter.
    await ok(fire(t, journey.id, officer, 'reject_business_case', { reasons: 'Still not funded', governance: 'Cabinet, 2 June' }));
    await ok(fire(t, journey.id, lead, 'appeal', { grounds: 'It is funded' }));
    expect((await openAppeal(t, cast.users.arbiter, journey.id))!).toMatchObject({
      level: 2,
      assignedOrganisationId: cast.orgs.arbiter.id,
    });

    const history = await historyOf(t, lead, journey.id);
    expect(history.filter((h) => h.type === 'reject_business_case').map((h) => [h.actorUserId, h.data.governance])).toEqual([
      [officer.id, governance],
      [officer.id, 'Cabinet, 2 June'],
    ]);
    expect(history.find((h) => h.type === 'uphold_appeal')).toMatchObject({
      fromState: 'business_case_under_appeal',
      toState: 'awaiting_approval',
      actorUserId: departmentOfficer.id,
      data: { governance: 'Department appeals panel', resolution: finding },
    });
  }, 120_000);
});
