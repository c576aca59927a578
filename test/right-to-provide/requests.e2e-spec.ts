import { DECLINE_GROUNDS, DECLINE_GROUND_LABELS } from '@pathway/domain/decline-grounds';
import { QueueService } from '@pathway/queue/queue.service';
import { JOB_QUEUE } from '@pathway/queue/jobs';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../support/app';
import { createCast } from '../support/fixtures';
import { Cast, createJourney, fire } from '../support/journeys';
import { historyOf, inbox, londonDatePlus, notificationsOf, openAppeal, responseTask, submittedJourney } from './support';

describe('Right to Provide: requests, responses and appeals through HTTP', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
  });
  afterAll(() => t.close());

  it('submission creates the response task, notifies the parent body and fills its inbox; acceptance completes the task and tells the mutual', async () => {
    const { lead, member, officer, departmentOfficer, staff, admin } = cast.users;
    const pathway = await t.http().get('/api/pathway').set(lead.auth).expect(200);
    const responseDays: number = pathway.body.rightToProvideResponseDays;
    expect(responseDays).toBeGreaterThan(0);

    const journey = await submittedJourney(t, cast, 'Hull community health', 'Community nursing as an employee-owned CIC');
    expect(journey.state).toBe('awaiting_parent_body_response');
    const task = await responseTask(t, officer, journey.id);
    expect(task).toMatchObject({
      ownerParty: 'parent_body',
      ownerOrganisationId: cast.orgs.parentBody.id,
      workstream: 'business_case',
      status: 'not_started',
      dueDate: londonDatePlus(responseDays),
    });

    // The parent body hears of it, with the summary and the deadline.
    const received = (await notificationsOf(t, officer, journey.id)).filter((n) => n.type === 'expression_of_interest_received');
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ taskId: task!.id });
    expect(received[0].body).toContain('Community nursing as an employee-owned CIC');
    expect(received[0].body).toContain(cast.orgs.mutual.name);
    expect(received[0].body).toMatch(/by \d{1,2} [A-Z][a-z]+ \d{4}/);
    expect((await notificationsOf(t, lead, journey.id)).some((n) => n.type === 'expression_of_interest_received')).toBe(false);
    // A routine notice: with the default email preference (the daily digest, issue 18) it waits for
    // the morning's summary email instead of being emailed at once (the digest suite covers the rest).
    const emails = t.app.get(QueueService).queueFor(JOB_QUEUE['notification.email']);
    expect(await emails.getJob(`email-${received[0].id}`)).toBeUndefined();
    const routes: unknown[] = await t.app.get(DataSource).query(`SELECT email_route FROM notifications WHERE id = $1`, [received[0].id]);
    expect(routes).toEqual([{ email_route: 'digest' }]);

    // The inbox lists it as awaiting a response.
    const submitRow = (await historyOf(t, officer, journey.id)).find((h) => h.type === 'submit_expression_of_interest')!;
    let res = await inbox(t, officer, '?status=awaiting_response');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(res.body.items.length);
    let item = res.body.items.find((x: { journeyId: string }) => x.journeyId === journey.id);
    expect(item).toMatchObject({
      journeyId: journey.id,
      journeyName: 'Hull community health',
      mutualOrganisationId: cast.orgs.mutual.id,
      mutualOrganisationName: cast.orgs.mutual.name,
      proposalSummary: 'Community nursing as an employee-owned CIC',
      submittedAt: submitRow.at,
      submittedByUserId: lead.id,
      responseDueDate: task!.dueDate,
      responseTaskId: task!.id,
      status: 'awaiting_response',
      overdue: false,
      decision: null,
      appeal: null,
      proceeding: false,
    });
    expect((await t.http().get(`/api/right-to-provide-requests/${journey.id}`).set(officer.auth).expect(200)).body).toEqual(item);
    for (const status of ['accepted', 'declined']) {
      res = await inbox(t, officer, `?status=${status}`);
      expect(res.body.items.some((x: { journeyId: string }) => x.journeyId === journey.id)).toBe(false);
    }

    // Only parent body officers have an inbox.
    for (const who of [lead, member, departmentOfficer, staff, admin]) {
      expect((await inbox(t, who)).status).toBe(403);
      expect((await t.http().get(`/api/right-to-provide-requests/${journey.id}`).set(who.auth)).status).toBe(403);
    }
    expect((await t.http().get('/api/right-to-provide-requests')).status).toBe(401);

    // Accepting: the journey moves on, the response task completes (its reminders stop), the mutual hears.
    res = await fire(t, journey.id, officer, 'accept_expression_of_interest');
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('business_planning');
    const done = await responseTask(t, officer, journey.id);
    expect(done).toMatchObject({ status: 'completed', completedAt: expect.any(String) });

    for (const who of [lead, member]) {
      const decided = (await notificationsOf(t, who, journey.id)).filter((n) => n.type === 'expression_of_interest_decided');
      expect(decided).toHaveLength(1);
      expect(decided[0].title).toMatch(/accepted/i);
      expect(decided[0].body).toContain(cast.orgs.parentBody.name);
    }
    expect((await notificationsOf(t, officer, journey.id)).some((n) => n.type === 'expression_of_interest_decided')).toBe(false);
    const leadDecided = (await notificationsOf(t, lead, journey.id)).find((n) => n.type === 'expression_of_interest_decided')!;
    // Routine too: held for the lead's daily digest, not emailed at once.
    expect(await emails.getJob(`email-${leadDecided.id}`)).toBeUndefined();

    const history = await historyOf(t, officer, journey.id);
    const accept = history.find((h) => h.type === 'accept_expression_of_interest')!;
    expect(accept).toMatchObject({ actorUserId: officer.id, fromState: 'awaiting_parent_body_response', toState: 'business_planning' });
    expect(history.find((h) => h.type === 'task_updated' && h.data.taskId === task!.id)).toMatchObject({
      actorUserId: null,
      data: {
        taskKey: 'respond_to_expression_of_interest',
        changes: { status: { from: 'not_started', to: 'completed' } },
        automatic: true,
        cause: 'accept_expression_of_interest',
        causedByUserId: officer.id,
      },
    });

    res = await inbox(t, officer, '?status=accepted');
    item = res.body.items.find((x: { journeyId: string }) => x.journeyId === journey.id);
    expect(item).toMatchObject({
      status: 'accepted',
      responseTaskStatus: 'completed',
      proceeding: true,
      journeyState: 'business_planning',
      decision: { type: 'accepted', decidedAt: accept.at, decidedByUserId: officer.id, ground: null, groundLabel: null },
    });
    res = await inbox(t, officer, '?status=awaiting_response');
    expect(res.body.items.some((x: { journeyId: string }) => x.journeyId === journey.id)).toBe(false);
  });

  it('refuses a bad status filter or query with 400 naming the field', async () => {
    const { officer } = cast.users;
    let res = await inbox(t, officer, '?status=pending');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(res.body.message.some((m: string) => m.includes('status'))).toBe(true);
    res = await inbox(t, officer, '?colour=blue');
    expect(res.status).toBe(400);
    res = await t.http().get('/api/right-to-provide-requests/not-a-uuid').set(officer.auth);
    expect(res.status).toBe(400);
  });

  it('lists the decline grounds, with the Community Right to Challenge ones explained', async () => {
    const res = await t.http().get('/api/right-to-provide/decline-grounds').set(cast.users.lead.auth).expect(200);
    expect(res.body.items.map((g: { key: string }) => g.key)).toEqual([...DECLINE_GROUNDS]);
    expect(res.body.total).toBe(DECLINE_GROUNDS.length);
    for (const g of res.body.items) {
      expect(g.label).toBe(DECLINE_GROUND_LABELS[g.key as keyof typeof DECLINE_GROUND_LABELS]);
      expect(g.explanation.length).toBeGreaterThan(20);
    }
    const crtc = res.body.items.filter((g: { communityRightToChallenge: boolean }) => g.communityRightToChallenge);
    expect(crtc.map((g: { key: string }) => g.key).sort()).toEqual([
      'already_being_procured',
      'intention_to_consider_staff_mutual_published',
      'negotiations_under_way',
    ]);
    for (const g of crtc) expect(g.source).toContain('Localism Act 2011');
    expect((await t.http().get('/api/right-to-provide/decline-grounds')).status).toBe(401);
  });

  it('a decline needs reasons and a listed ground: 400 and the journey unchanged', async () => {
    const { officer, admin } = cast.users;
    const journey = await submittedJourney(t, cast);
    const before = (await t.http().get(`/api/journeys/${journey.id}`).set(admin.auth).expect(200)).body;
    const historyBefore = await historyOf(t, admin, journey.id);

    const attempts: Array<[Record<string, unknown> | undefined, string]> = [
      [undefined, 'payload.reasons'],
      [{ ground: 'not_viable' }, 'payload.reasons'],
      [{ reasons: '   ', ground: 'not_viable' }, 'payload.reasons'],
      [{ reasons: 'We do not want to', ground: 'we_do_not_want_to' }, 'payload.ground'],
    ];
    for (const [payload, field] of attempts) {
      const res = await fire(t, journey.id, officer, 'decline_expression_of_interest', payload);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(res.body.message.some((m: string) => m.startsWith(field))).toBe(true);
    }

    const after = (await t.http().get(`/api/journeys/${journey.id}`).set(admin.auth).expect(200)).body;
    expect(after).toMatchObject({ state: 'awaiting_parent_body_response', version: before.version });
    expect(await historyOf(t, admin, journey.id)).toHaveLength(historyBefore.length);
    expect((await responseTask(t, officer, journey.id))!.status).toBe('not_started');
    expect((await t.http().get(`/api/right-to-provide-requests/${journey.id}`).set(officer.auth).expect(200)).body.status).toBe(
      'awaiting_response',
    );
    expect((await notificationsOf(t, cast.users.lead, journey.id)).some((n) => n.type === 'expression_of_interest_decided')).toBe(false);
  });

  it('decline, appeal to the department, upheld: the parent body is asked to reconsider; the parties cannot decide it', async () => {
    const { lead, member, officer, departmentOfficer, arbiter, outsider, otherOfficer, admin } = cast.users;
    const journey = await submittedJourney(t, cast);
    const task = await responseTask(t, officer, journey.id);

    const reasons = 'Adult social care is already out to tender until March';
    let res = await fire(t, journey.id, officer, 'decline_expression_of_interest', {
      governance: 'Cabinet, 12 March, minute 7',
      reasons,
      ground: 'already_being_procured',
    });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('declined');
    expect((await responseTask(t, officer, journey.id))!.status).toBe('completed');

    // The mutual hears the decision, with the ground and the reasons.
    const decided = (await notificationsOf(t, lead, journey.id)).find((n) => n.type === 'expression_of_interest_decided')!;
    expect(decided.title).toMatch(/declined/i);
    expect(decided.body).toContain(DECLINE_GROUND_LABELS.already_being_procured);
    expect(decided.body).toContain(reasons);
    expect((await notificationsOf(t, member, journey.id)).some((n) => n.type === 'expression_of_interest_decided')).toBe(true);

    const declineRow = (await historyOf(t, officer, journey.id)).find((h) => h.type === 'decline_expression_of_interest')!;
    let item = (await t.http().get(`/api/right-to-provide-requests/${journey.id}`).set(officer.auth).expect(200)).body;
    expect(item).toMatchObject({
      status: 'declined',
      proceeding: false,
      appeal: null,
      decision: {
        type: 'declined',
        decidedAt: declineRow.at,
        decidedByUserId: officer.id,
        ground: 'already_being_procured',
        groundLabel: DECLINE_GROUND_LABELS.already_being_procured,
        reasons,
      },
    });
    expect((await inbox(t, officer, '?status=declined')).body.items.some((x: { journeyId: string }) => x.journeyId === journey.id)).toBe(
      true,
    );

    // Only the mutual lead appeals.
    expect((await fire(t, journey.id, officer, 'appeal', { grounds: 'x' })).status).toBe(403);
    expect((await fire(t, journey.id, lead, 'appeal', {})).status).toBe(400);
    const grounds = 'The tender started after our expression of interest and covers a different service';
    res = await fire(t, journey.id, lead, 'appeal', { grounds });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('under_appeal');

    const appeal = (await openAppeal(t, departmentOfficer, journey.id))!;
    expect(appeal).toMatchObject({ trigger: 'appeal', level: 1, assignedOrganisationId: cast.orgs.department.id, reason: grounds });
    expect(
      (await notificationsOf(t, departmentOfficer, journey.id)).some((n) => n.type === 'escalation_opened' && n.escalationId === appeal.id),
    ).toBe(true);
    // The parent body is told its decision is being appealed.
    expect((await notificationsOf(t, officer, journey.id)).some((n) => n.title.includes('appealed') && n.body.includes(grounds))).toBe(
      true,
    );
    item = (await t.http().get(`/api/right-to-provide-requests/${journey.id}`).set(officer.auth).expect(200)).body;
    expect(item).toMatchObject({
      status: 'declined',
      journeyState: 'under_appeal',
      appealCount: 1,
      appeal: {
        status: 'open',
        outcome: null,
        grounds,
        escalationId: appeal.id,
        level: 1,
        assignedOrganisationId: cast.orgs.department.id,
      },
    });

    // Neither the parent body (whose decision it is) nor the mutual decides it; outsiders cannot see it.
    const resolve = (as: typeof officer, body: Record<string, unknown>) =>
      t.http().post(`/api/escalations/${appeal.id}/resolve`).set(as.auth).send(body);
    expect((await resolve(officer, { resolution: 'We stand by it', outcome: 'dismissed' })).status).toBe(403);
    expect((await resolve(lead, { resolution: 'We win', outcome: 'upheld' })).status).toBe(403);
    expect((await resolve(member, { resolution: 'We win', outcome: 'upheld' })).status).toBe(403);
    expect((await resolve(arbiter, { resolution: 'Not mine yet', outcome: 'upheld' })).status).toBe(403);
    expect((await resolve(outsider, { resolution: 'x', outcome: 'upheld' })).status).toBe(404);
    expect((await resolve(otherOfficer, { resolution: 'x', outcome: 'upheld' })).status).toBe(404);
    expect((await resolve(departmentOfficer, { resolution: 'No outcome' })).status).toBe(400);
    expect((await t.http().get(`/api/journeys/${journey.id}`).set(admin.auth)).body.state).toBe('under_appeal');

    const resolution = 'The tender covers domiciliary care only; the expression of interest is for day services';
    res = await resolve(departmentOfficer, { resolution, outcome: 'upheld' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'resolved', outcome: 'upheld', resolution });
    // The department cannot overrule the parent body: it decides again.
    expect((await t.http().get(`/api/journeys/${journey.id}`).set(lead.auth)).body.state).toBe('awaiting_parent_body_response');
    expect((await resolve(departmentOfficer, { resolution, outcome: 'upheld' })).status).toBe(409);

    for (const who of [lead, officer]) {
      expect((await notificationsOf(t, who, journey.id)).some((n) => n.type === 'escalation_resolved' && n.body.includes('upheld'))).toBe(
        true,
      );
    }

    // The parent body's inbox: awaiting its response again, with the finding.
    item = (await t.http().get(`/api/right-to-provide-requests/${journey.id}`).set(officer.auth).expect(200)).body;
    expect(item).toMatchObject({
      status: 'awaiting_response',
      proceeding: false,
      journeyState: 'awaiting_parent_body_response',
      reconsideration: { finding: resolution, foundByUserId: departmentOfficer.id, level: 1, round: 1 },
      appeal: {
        status: 'resolved',
        outcome: 'upheld',
        escalationId: appeal.id,
        decidedByUserId: departmentOfficer.id,
        resolution,
        level: 1,
      },
    });

    // Every step is in the history, with who did it and why.
    const steps = (await historyOf(t, lead, journey.id)).filter((h) => h.type !== 'journey_created');
    expect(steps.map((h) => [h.type, h.actorUserId])).toEqual([
      ['submit_expression_of_interest', lead.id],
      // Submitting completes the mutual's appraisal and preparation tasks (template completedOn):
      // done by Pathway (no actor), not by the lead who submitted.
      ['task_updated', null],
      ['task_updated', null],
      ['decline_expression_of_interest', officer.id],
      ['task_updated', null],
      ['appeal', lead.id],
      ['escalation_opened', lead.id],
      ['uphold_appeal', departmentOfficer.id],
      // The response task opens again with a new deadline (done by Pathway).
      ['task_updated', null],
      ['escalation_resolved', departmentOfficer.id],
    ]);
    const byType = Object.fromEntries(steps.map((h) => [h.type, h]));
    expect(byType.submit_expression_of_interest.data).toMatchObject({ proposalSummary: 'Staff-led community health mutual' });
    expect(byType.decline_expression_of_interest).toMatchObject({
      fromState: 'awaiting_parent_body_response',
      toState: 'declined',
      data: { reasons, ground: 'already_being_procured' },
    });
    expect(steps.find((h) => h.type === 'task_updated' && h.data.cause === 'decline_expression_of_interest')!.data).toMatchObject({
      taskId: task!.id,
      automatic: true,
    });
    expect(byType.task_updated.data).toMatchObject({ taskId: task!.id, automatic: true, cause: 'uphold_appeal' });
    expect(byType.appeal).toMatchObject({ fromState: 'declined', toState: 'under_appeal', data: { grounds } });
    expect(byType.escalation_opened.data).toMatchObject({
      escalationId: appeal.id,
      trigger: 'appeal',
      level: 1,
      assignedOrganisationId: cast.orgs.department.id,
      reason: grounds,
    });
    expect(byType.uphold_appeal).toMatchObject({
      fromState: 'under_appeal',
      toState: 'awaiting_parent_body_response',
      data: { escalationId: appeal.id, resolution },
    });
    expect(byType.escalation_resolved.data).toMatchObject({ escalationId: appeal.id, outcome: 'upheld', resolution });
  });

  it('decline, appeal, raised to the arbiter, dismissed: the journey stays declined', async () => {
    const { lead, officer, departmentOfficer, arbiter } = cast.users;
    const journey = await submittedJourney(t, cast);
    expect(
      (
        await fire(t, journey.id, officer, 'decline_expression_of_interest', {
          governance: 'Cabinet, 12 March, minute 7',
          reasons: 'Not viable at this size',
          ground: 'not_viable',
        })
      ).status,
    ).toBe(200);
    expect((await fire(t, journey.id, lead, 'appeal', { grounds: 'The business case shows a surplus in year two' })).status).toBe(200);
    const appeal = (await openAppeal(t, departmentOfficer, journey.id))!;
    expect(appeal.level).toBe(1);

    // Only the assigned organisation raises it.
    expect((await t.http().post(`/api/escalations/${appeal.id}/escalate`).set(officer.auth).send({ reason: 'x' })).status).toBe(403);
    expect((await t.http().post(`/api/escalations/${appeal.id}/escalate`).set(lead.auth).send({ reason: 'x' })).status).toBe(403);
    let res = await t
      .http()
      .post(`/api/escalations/${appeal.id}/escalate`)
      .set(departmentOfficer.auth)
      .send({ reason: 'The department funds the service: a conflict of interest' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ level: 2, assignedOrganisationId: cast.orgs.arbiter.id, status: 'open' });
    expect(
      (await notificationsOf(t, arbiter, journey.id)).some((n) => n.type === 'escalation_raised' && n.escalationId === appeal.id),
    ).toBe(true);
    expect((await t.http().post(`/api/escalations/${appeal.id}/escalate`).set(arbiter.auth).send({ reason: 'Higher still' })).status).toBe(
      409,
    );

    // Now the department, the parent body and the mutual cannot decide it; the arbiter can.
    const resolve = (as: typeof officer, body: Record<string, unknown>) =>
      t.http().post(`/api/escalations/${appeal.id}/resolve`).set(as.auth).send(body);
    expect((await resolve(departmentOfficer, { resolution: 'x', outcome: 'upheld' })).status).toBe(403);
    expect((await resolve(officer, { resolution: 'x', outcome: 'dismissed' })).status).toBe(403);
    expect((await resolve(lead, { resolution: 'x', outcome: 'upheld' })).status).toBe(403);
    const resolution = 'The decline was reasonable: the surplus depends on a contract not yet offered';
    res = await resolve(arbiter, { resolution, outcome: 'dismissed' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'resolved', outcome: 'dismissed', level: 2 });
    expect((await t.http().get(`/api/journeys/${journey.id}`).set(lead.auth)).body.state).toBe('declined');

    const item = (await t.http().get(`/api/right-to-provide-requests/${journey.id}`).set(officer.auth).expect(200)).body;
    expect(item).toMatchObject({
      status: 'declined',
      proceeding: false,
      journeyState: 'declined',
      decision: { ground: 'not_viable', reasons: 'Not viable at this size' },
      appeal: {
        status: 'resolved',
        outcome: 'dismissed',
        level: 2,
        assignedOrganisationId: cast.orgs.arbiter.id,
        decidedByUserId: arbiter.id,
        resolution,
      },
    });

    const history = await historyOf(t, lead, journey.id);
    expect(history.find((h) => h.type === 'escalation_raised')).toMatchObject({
      actorUserId: departmentOfficer.id,
      data: {
        escalationId: appeal.id,
        from: { level: 1, assignedOrganisationId: cast.orgs.department.id },
        to: { level: 2, assignedOrganisationId: cast.orgs.arbiter.id },
        reason: 'The department funds the service: a conflict of interest',
      },
    });
    expect(history.find((h) => h.type === 'dismiss_appeal')).toMatchObject({
      actorUserId: arbiter.id,
      fromState: 'under_appeal',
      toState: 'declined',
      data: { resolution },
    });
    expect(history.find((h) => h.type === 'escalation_resolved')).toMatchObject({
      actorUserId: arbiter.id,
      data: { outcome: 'dismissed', level: 2 },
    });
    for (const who of [lead, officer]) {
      expect(
        (await notificationsOf(t, who, journey.id)).some((n) => n.type === 'escalation_resolved' && n.body.includes('dismissed')),
      ).toBe(true);
    }

    // A dismissed appeal can be appealed again.
    expect((await fire(t, journey.id, lead, 'appeal', { grounds: 'The contract has now been offered' })).status).toBe(200);
    const again = (await t.http().get(`/api/right-to-provide-requests/${journey.id}`).set(officer.auth).expect(200)).body;
    expect(again).toMatchObject({ appealCount: 2, appeal: { status: 'open', level: 1, grounds: 'The contract has now been offered' } });
    expect(again.appeal.escalationId).not.toBe(appeal.id);
  });

  it('a concern with a conflict of interest goes straight to the arbiter; outsiders get 404', async () => {
    const { lead, officer, arbiter, departmentOfficer, outsider, otherOfficer } = cast.users;
    const journey = await submittedJourney(t, cast);
    const reason = 'The department that would hear an appeal also commissions the service';
    for (const who of [outsider, otherOfficer]) {
      expect(
        (await t.http().post(`/api/journeys/${journey.id}/escalations`).set(who.auth).send({ reason, conflictOfInterest: true })).status,
      ).toBe(404);
    }
    let res = await t.http().post(`/api/journeys/${journey.id}/escalations`).set(lead.auth).send({ reason, conflictOfInterest: true });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      journeyId: journey.id,
      trigger: 'manual',
      level: 2,
      assignedOrganisationId: cast.orgs.arbiter.id,
      status: 'open',
      reason,
      conflictOfInterest: true,
    });
    const concern = res.body;
    expect(
      (await notificationsOf(t, arbiter, journey.id)).some((n) => n.type === 'escalation_opened' && n.escalationId === concern.id),
    ).toBe(true);
    expect((await notificationsOf(t, departmentOfficer, journey.id)).some((n) => n.escalationId === concern.id)).toBe(false);
    expect(
      (await t.http().get('/api/escalations?status=open').set(outsider.auth)).body.items.some((e: { id: string }) => e.id === concern.id),
    ).toBe(false);
    expect((await t.http().get(`/api/escalations/${concern.id}`).set(outsider.auth)).status).toBe(404);
    expect(await historyOf(t, lead, journey.id)).toContainEqual(
      expect.objectContaining({
        type: 'escalation_opened',
        actorUserId: lead.id,
        data: expect.objectContaining({ escalationId: concern.id, level: 2, conflictOfInterest: true, reason }),
      }),
    );

    // The arbiter resolves it; a concern without the conflict goes to the department.
    expect((await t.http().post(`/api/escalations/${concern.id}/resolve`).set(officer.auth).send({ resolution: 'x' })).status).toBe(403);
    expect(
      (
        await t
          .http()
          .post(`/api/escalations/${concern.id}/resolve`)
          .set(arbiter.auth)
          .send({ resolution: 'An independent panel will hear any appeal' })
      ).status,
    ).toBe(200);
    res = await t
      .http()
      .post(`/api/journeys/${journey.id}/escalations`)
      .set(officer.auth)
      .send({ reason: 'The staff ballot has not happened yet' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ level: 1, assignedOrganisationId: cast.orgs.department.id, conflictOfInterest: false });
  });

  it('another parent body cannot see or act on the request; outsiders get 404', async () => {
    const { officer, otherOfficer, outsider, admin } = cast.users;
    const journey = await submittedJourney(t, cast);
    const before = (await t.http().get(`/api/journeys/${journey.id}`).set(admin.auth).expect(200)).body;

    const others = (await inbox(t, otherOfficer)).body;
    expect(others.items.some((x: { journeyId: string }) => x.journeyId === journey.id)).toBe(false);
    expect((await t.http().get(`/api/right-to-provide-requests/${journey.id}`).set(otherOfficer.auth)).status).toBe(404);
    expect(await notificationsOf(t, otherOfficer, journey.id)).toHaveLength(0);
    for (const who of [otherOfficer, outsider]) {
      expect((await t.http().get(`/api/journeys/${journey.id}`).set(who.auth)).status).toBe(404);
      expect((await t.http().get(`/api/journeys/${journey.id}/tasks`).set(who.auth)).status).toBe(404);
      expect((await t.http().get(`/api/journeys/${journey.id}/history`).set(who.auth)).status).toBe(404);
      expect((await fire(t, journey.id, who, 'accept_expression_of_interest')).status).toBe(404);
      expect(
        (
          await fire(t, journey.id, who, 'decline_expression_of_interest', {
            governance: 'Cabinet, 12 March, minute 7',
            reasons: 'Not ours',
            ground: 'other',
          })
        ).status,
      ).toBe(404);
    }
    const task = await responseTask(t, officer, journey.id);
    expect(
      (await t.http().patch(`/api/journeys/${journey.id}/tasks/${task!.id}`).set(otherOfficer.auth).send({ status: 'completed' })).status,
    ).toBe(404);

    const after = (await t.http().get(`/api/journeys/${journey.id}`).set(admin.auth).expect(200)).body;
    expect(after).toMatchObject({ state: 'awaiting_parent_body_response', version: before.version });
    expect((await inbox(t, officer)).body.items.some((x: { journeyId: string }) => x.journeyId === journey.id)).toBe(true);
  });

  it('a journey not yet submitted is not a request; a request withdrawn unanswered needs no response', async () => {
    const { lead, officer } = cast.users;
    const draft = await createJourney(t, cast);
    expect((await t.http().get(`/api/right-to-provide-requests/${draft.id}`).set(officer.auth)).status).toBe(404);
    expect((await inbox(t, officer)).body.items.some((x: { journeyId: string }) => x.journeyId === draft.id)).toBe(false);

    const journey = await submittedJourney(t, cast);
    expect((await fire(t, journey.id, lead, 'withdraw', { reason: 'The service is being merged' })).status).toBe(200);
    const task = await responseTask(t, officer, journey.id);
    expect(task).toMatchObject({ status: 'not_applicable', notApplicableReason: expect.stringContaining('withdrawn') });
    const item = (await t.http().get(`/api/right-to-provide-requests/${journey.id}`).set(officer.auth).expect(200)).body;
    expect(item).toMatchObject({
      status: 'awaiting_response',
      journeyState: 'withdrawn',
      responseTaskStatus: 'not_applicable',
      overdue: false,
    });
  });
});
