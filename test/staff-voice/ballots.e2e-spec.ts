import { parse } from 'csv-parse/sync';
import { startTestApp, TestApp } from '../support/app';
import { type Actor, createActor, createCast, createOrganisation } from '../support/fixtures';
import { type Cast, createJourney, daysFromNow, fire, wholeHistory } from '../support/journeys';
import { BALLOT, ballotTask, planningJourneyWithoutBallot, postBallot } from './support';

describe('staff voice: ballots as structured evidence, and the staff-support gate of the business case', () => {
  let t: TestApp;
  let cast: Cast;
  let adviser: Actor;
  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    const provider = await createOrganisation(t, 'support_provider');
    adviser = await createActor(t, provider.id, 'adviser');
  });
  afterAll(() => t.close());

  const ballots = async (journeyId: string, as: Actor = cast.users.lead) =>
    (await t.http().get(`/api/journeys/${journeyId}/staff-ballots`).set(as.auth).expect(200)).body;

  it('records a ballot with its turnout, support and threshold, readable by every party (advisers too), in the history', async () => {
    const journey = await createJourney(t, cast);
    const res = await postBallot(t, journey.id, cast.users.lead, { ...BALLOT, heldOn: daysFromNow(-3), independentScrutineer: 'Civica' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      journeyId: journey.id,
      question: BALLOT.question,
      heldOn: daysFromNow(-3),
      method: 'secret_postal',
      eligible: 200,
      votesFor: 90,
      votesAgainst: 30,
      abstentions: 10,
      independentScrutineer: 'Civica',
      turnout: 0.65,
      supportShare: 0.75,
      meetsThreshold: true,
      recordedByUserId: cast.users.lead.id,
      recordedAt: expect.any(String),
    });
    await t
      .http()
      .put(`/api/journeys/${journey.id}/advisers`)
      .set(cast.users.admin.auth)
      .send({ organisationIds: [adviser.organisationId] })
      .expect(200);
    for (const who of [
      cast.users.officer,
      cast.users.commissioner,
      cast.users.departmentOfficer,
      cast.users.arbiter,
      cast.users.staff,
      adviser,
    ]) {
      const list = await ballots(journey.id, who);
      expect(list).toMatchObject({
        total: 1,
        items: [res.body],
        staffSupport: { met: true, waiver: null, threshold: { minTurnout: 0.5, minSupportShare: 0.5 } },
      });
    }
    const recorded = (await wholeHistory(t, journey.id, cast.users.lead)).filter((h) => h.type === 'staff_ballot_recorded');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      actorUserId: cast.users.lead.id,
      data: {
        ballotId: res.body.id,
        eligible: 200,
        votesFor: 90,
        votesAgainst: 30,
        abstentions: 10,
        turnout: 0.65,
        supportShare: 0.75,
        meetsThreshold: true,
      },
    });
  });

  it('refuses bad input with a 400 naming the field, and stores nothing', async () => {
    const journey = await createJourney(t, cast);
    const ok = { ...BALLOT, heldOn: daysFromNow(-1) };
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...ok, votesFor: 150, votesAgainst: 50, abstentions: 1 }, /^eligible must be at least votesFor \+ votesAgainst \+ abstentions/],
      [{ ...ok, votesFor: -1 }, /^votesFor must be a whole number/],
      [{ ...ok, votesAgainst: 1.5 }, /^votesAgainst must be a whole number/],
      [{ ...ok, eligible: 0 }, /^eligible must be a whole number from 1/],
      [{ ...ok, eligible: 2 ** 31 }, /^eligible must be a whole number/],
      [{ ...ok, abstentions: '3' }, /^abstentions must be a whole number/],
      [{ ...ok, heldOn: daysFromNow(3) }, /^heldOn must not be in the future/],
      [{ ...ok, heldOn: '2026-02-30' }, /^heldOn must be a real date/],
      [{ ...ok, method: 'raised_hands' }, /^method must be one of/],
      [{ ...ok, question: '' }, /^question must not be empty/],
      [{ ...ok, question: 'x'.repeat(1001) }, /^question must be shorter than or equal to 1000/],
      [{ ...ok, independentScrutineer: 'x'.repeat(201) }, /^independentScrutineer must be shorter/],
      [{ ...ok, meetsThreshold: true }, /^property meetsThreshold should not exist/],
      [{ ...ok, question: undefined }, /^question/],
    ];
    for (const [body, message] of cases) {
      const res = await postBallot(t, journey.id, cast.users.lead, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(res.body.message.some((m: string) => message.test(m))).toBe(true);
    }
    expect((await ballots(journey.id)).total).toBe(0);
    expect((await wholeHistory(t, journey.id, cast.users.lead)).filter((h) => h.type === 'staff_ballot_recorded')).toEqual([]);
  });

  it('lets only the lead of the journey’s mutual record a ballot (others who see it 403, outsiders 404)', async () => {
    const journey = await createJourney(t, cast);
    const body = { ...BALLOT, heldOn: daysFromNow(-1) };
    for (const who of [cast.users.officer, cast.users.member, cast.users.commissioner, cast.users.staff, cast.users.admin]) {
      expect((await postBallot(t, journey.id, who, body)).status).toBe(403);
    }
    expect((await postBallot(t, journey.id, cast.users.outsider, body)).status).toBe(404);
    expect((await t.http().get(`/api/journeys/${journey.id}/staff-ballots`).set(cast.users.outsider.auth)).status).toBe(404);
    expect((await t.http().get(`/api/journeys/${journey.id}/staff-ballots`).set(adviser.auth)).status).toBe(404);
    expect((await ballots(journey.id)).total).toBe(0);
  });

  it('gates submit_business_case on the latest ballot: none, a show of hands, a qualifying one, a later one that falls short', async () => {
    const { lead } = cast.users;
    const journey = await planningJourneyWithoutBallot(t, cast);
    let res = await fire(t, journey.id, lead, 'submit_business_case');
    expect(res.status).toBe(422);
    expect(res.body.unmetConditions).toEqual([
      { code: 'staff_support', message: expect.stringContaining('No staff ballot has been recorded') },
    ]);
    expect(res.body.blockingTasks.map((x: { key: string }) => x.key)).toEqual(['hold_staff_ballot']);
    // allowedEvents agrees with the events endpoint.
    let view = (await t.http().get(`/api/journeys/${journey.id}`).set(lead.auth).expect(200)).body;
    expect(view.allowedEvents).not.toContain('submit_business_case');
    expect(view.blockedEvents).toContainEqual({
      type: 'submit_business_case',
      blockingTasks: 1,
      unmetConditions: [{ code: 'staff_support', message: expect.any(String) }],
    });

    // A show of hands never meets the threshold, however many hands go up.
    const hands = await postBallot(t, journey.id, lead, {
      ...BALLOT,
      method: 'show_of_hands',
      eligible: 10,
      votesFor: 10,
      votesAgainst: 0,
      abstentions: 0,
      heldOn: daysFromNow(-20),
    });
    expect(hands.body).toMatchObject({ turnout: 1, supportShare: 1, meetsThreshold: false });
    expect((await ballotTask(t, cast, journey.id)).status).not.toBe('completed');
    expect((await fire(t, journey.id, lead, 'submit_business_case')).status).toBe(422);

    // A qualifying ballot completes the task by itself: done by Pathway, caused by the lead.
    const good = await postBallot(t, journey.id, lead, { ...BALLOT, heldOn: daysFromNow(-10) });
    expect(good.body.meetsThreshold).toBe(true);
    const task = await ballotTask(t, cast, journey.id);
    expect(task.status).toBe('completed');
    const automatic = (await wholeHistory(t, journey.id, lead)).filter(
      (h) => h.type === 'task_updated' && h.data.taskKey === 'hold_staff_ballot',
    );
    expect(automatic.at(-1)).toMatchObject({
      actorUserId: null,
      data: { automatic: true, cause: 'staff_ballot_recorded', causedByUserId: lead.id, changes: { status: { to: 'completed' } } },
    });
    view = (await t.http().get(`/api/journeys/${journey.id}`).set(lead.auth).expect(200)).body;
    expect(view.allowedEvents).toContain('submit_business_case');

    // A later ballot that falls short (turnout 30%) reopens the task and the gate.
    const short = await postBallot(t, journey.id, lead, {
      ...BALLOT,
      eligible: 100,
      votesFor: 25,
      votesAgainst: 5,
      abstentions: 0,
      heldOn: daysFromNow(-2),
    });
    expect(short.body).toMatchObject({ turnout: 0.3, meetsThreshold: false });
    expect((await ballotTask(t, cast, journey.id)).status).toBe('not_started');
    res = await fire(t, journey.id, lead, 'submit_business_case');
    expect(res.status).toBe(422);
    expect(res.body.unmetConditions[0].message).toContain(`held on ${daysFromNow(-2)}`);
    expect((await ballots(journey.id, cast.users.officer)).staffSupport.met).toBe(false);

    // An older ballot recorded now does not displace the latest held.
    await postBallot(t, journey.id, lead, { ...BALLOT, heldOn: daysFromNow(-30) });
    expect((await fire(t, journey.id, lead, 'submit_business_case')).status).toBe(422);

    await postBallot(t, journey.id, lead, { ...BALLOT, heldOn: daysFromNow(-1) });
    res = await fire(t, journey.id, lead, 'submit_business_case');
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('awaiting_approval');
  });

  it('the mutual cannot tick the ballot task done, and marking it not applicable does not open the gate', async () => {
    const { lead } = cast.users;
    const journey = await planningJourneyWithoutBallot(t, cast);
    const task = await ballotTask(t, cast, journey.id);
    const tick = await t.http().patch(`/api/journeys/${journey.id}/tasks/${task.id}`).set(lead.auth).send({ status: 'completed' });
    expect(tick.status).toBe(422);
    expect(tick.body.message).toContain('completed by recording a ballot that meets the threshold');
    expect((await ballotTask(t, cast, journey.id)).status).toBe(task.status);
    // Not applicable by the mutual is refused by the evidence-gated rule; whatever it answers, the condition still holds the gate.
    const na = await t
      .http()
      .patch(`/api/journeys/${journey.id}/tasks/${task.id}`)
      .set(lead.auth)
      .send({ status: 'not_applicable', notApplicableReason: 'We asked informally' });
    expect([200, 403, 422]).toContain(na.status);
    const res = await fire(t, journey.id, lead, 'submit_business_case');
    expect(res.status).toBe(422);
    expect(res.body.unmetConditions).toEqual([expect.objectContaining({ code: 'staff_support' })]);
  });

  it('lets the central team waive the condition with a reason: history with who and why, the task not applicable, the gate open', async () => {
    const { lead, staff, officer } = cast.users;
    const journey = await planningJourneyWithoutBallot(t, cast);
    const path = `/api/journeys/${journey.id}/staff-support-waiver`;
    const reason = 'Staff consulted through the recognised unions; ballot not possible before the council meeting';
    expect((await t.http().post(path).set(lead.auth).send({ reason })).status).toBe(403);
    expect((await t.http().post(path).set(officer.auth).send({ reason })).status).toBe(403);
    expect((await t.http().post(path).set(cast.users.outsider.auth).send({ reason })).status).toBe(404);
    const empty = await t.http().post(path).set(staff.auth).send({ reason: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toEqual(['reason must not be empty']);
    expect((await t.http().post(path).set(staff.auth).send({ reason, extra: 1 })).status).toBe(400);

    const res = await t.http().post(path).set(staff.auth).send({ reason });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      journeyId: journey.id,
      reason,
      waivedByUserId: staff.id,
      waivedAt: expect.any(String),
    });
    expect((await t.http().post(path).set(staff.auth).send({ reason })).status).toBe(409);
    const history = await wholeHistory(t, journey.id, lead);
    expect(history.find((h) => h.type === 'staff_support_waived')).toMatchObject({ actorUserId: staff.id, data: { reason } });
    const task = await ballotTask(t, cast, journey.id);
    expect(task).toMatchObject({ status: 'not_applicable', notApplicableReason: expect.stringContaining(reason) });
    expect((await ballots(journey.id, officer)).staffSupport).toMatchObject({ met: true, waiver: { reason, waivedByUserId: staff.id } });
    const submit = await fire(t, journey.id, lead, 'submit_business_case');
    expect(submit.status).toBe(200);
  });

  it('puts the latest ballot at the end of the pipeline CSV', async () => {
    const journey = await createJourney(t, cast, { name: 'Ballot CSV mutual' });
    await postBallot(t, journey.id, cast.users.lead, { ...BALLOT, heldOn: daysFromNow(-9) });
    await postBallot(t, journey.id, cast.users.lead, {
      ...BALLOT,
      method: 'secret_online',
      eligible: 100,
      votesFor: 20,
      votesAgainst: 40,
      abstentions: 0,
      heldOn: daysFromNow(-4),
    });
    const other = await createJourney(t, cast, { name: 'No ballot mutual' });
    const res = await t
      .http()
      .get(`/api/pipeline/journeys.csv?parentBodyId=${cast.orgs.parentBody.id}`)
      .set(cast.users.staff.auth)
      .expect(200);
    const header = res.text.replace('\uFEFF', '').split('\r\n')[0].split(',');
    // One block of five after the earlier columns (the results block of issue 11 follows it).
    const at = header.indexOf('latestBallotHeldOn');
    expect(at).toBeGreaterThan(20);
    expect(header.slice(at, at + 5)).toEqual([
      'latestBallotHeldOn',
      'latestBallotMethod',
      'latestBallotTurnout',
      'latestBallotSupportShare',
      'latestBallotMeetsThreshold',
    ]);
    const rows: Array<Record<string, string>> = parse(res.text, { columns: true, bom: true });
    expect(rows.find((r) => r.id === journey.id)).toMatchObject({
      latestBallotHeldOn: daysFromNow(-4),
      latestBallotMethod: 'secret_online',
      latestBallotTurnout: '0.6',
      latestBallotSupportShare: '0.3333',
      latestBallotMeetsThreshold: 'no',
    });
    expect(rows.find((r) => r.id === other.id)).toMatchObject({ latestBallotHeldOn: '', latestBallotMeetsThreshold: '' });
  });
});
