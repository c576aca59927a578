import { startTestApp, TestApp } from '../support/app';
import { type Actor, createCast } from '../support/fixtures';
import { type Cast, completeGate, createJourney, daysFromNow, fire, wholeHistory } from '../support/journeys';

const SURVEY = { respondents: 90, eligible: 120, agreement: { understand_pension: 0.4, support_spin_out: 0.62, morale_good: 0.222 } };

describe('staff voice: pulse surveys before and during the spin-out', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
  });
  afterAll(() => t.close());

  const post = (journeyId: string, as: Actor, body: Record<string, unknown>) =>
    t.http().post(`/api/journeys/${journeyId}/staff-surveys`).set(as.auth).send(body);
  const list = async (journeyId: string, as: Actor = cast.users.lead) =>
    (await t.http().get(`/api/journeys/${journeyId}/staff-surveys`).set(as.auth).expect(200)).body;

  it('records surveys as shares 0..1, lists them oldest first for every party, and writes the history', async () => {
    const journey = await createJourney(t, cast);
    const later = await post(journey.id, cast.users.lead, {
      ...SURVEY,
      heldOn: daysFromNow(-2),
      agreement: { understand_pension: 0.7, support_spin_out: 0.55, morale_good: 0.3 },
    });
    expect(later.status).toBe(201);
    const first = await post(journey.id, cast.users.lead, { ...SURVEY, heldOn: daysFromNow(-60) });
    expect(first.body).toEqual({
      id: expect.any(String),
      journeyId: journey.id,
      heldOn: daysFromNow(-60),
      respondents: 90,
      eligible: 120,
      responseRate: 0.75,
      agreement: SURVEY.agreement,
      recordedByUserId: cast.users.lead.id,
      recordedAt: expect.any(String),
    });
    for (const who of [cast.users.officer, cast.users.commissioner, cast.users.departmentOfficer, cast.users.staff, cast.users.member]) {
      const body = await list(journey.id, who);
      expect(body.total).toBe(2);
      expect(body.items.map((s: { heldOn: string }) => s.heldOn)).toEqual([daysFromNow(-60), daysFromNow(-2)]);
    }
    const rows = (await wholeHistory(t, journey.id, cast.users.lead)).filter((h) => h.type === 'staff_survey_recorded');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({
      actorUserId: cast.users.lead.id,
      data: { respondents: 90, eligible: 120, agreement: SURVEY.agreement },
    });
  });

  it('refuses bad figures with a 400 naming the field and stores nothing; only the lead records (403), outsiders see nothing (404)', async () => {
    const journey = await createJourney(t, cast);
    const ok = { ...SURVEY, heldOn: daysFromNow(-1) };
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...ok, respondents: 121 }, /^respondents must be at most eligible \(120\)/],
      [{ ...ok, respondents: 0 }, /^respondents must be a whole number/],
      [{ ...ok, eligible: 2 ** 31 }, /^eligible must be a whole number/],
      [{ ...ok, agreement: { ...SURVEY.agreement, morale_good: 62 } }, /^agreement\.morale_good must be a share from 0 to 1/],
      [{ ...ok, agreement: { ...SURVEY.agreement, morale_good: -0.1 } }, /^agreement\.morale_good must be a share/],
      [
        { ...ok, agreement: { ...SURVEY.agreement, morale_good: 0.12345 } },
        /^agreement\.morale_good must be a number \(at most 3 decimal places\)/,
      ],
      [{ ...ok, agreement: { understand_pension: 0.4, support_spin_out: 0.5 } }, /^agreement\.morale_good is required/],
      [{ ...ok, agreement: { ...SURVEY.agreement, happy: 1 } }, /happy should not exist/],
      [{ ...ok, agreement: undefined }, /^agreement is required/],
      [{ ...ok, heldOn: daysFromNow(2) }, /^heldOn must not be in the future/],
      [{ ...ok, extra: true }, /^property extra should not exist/],
    ];
    for (const [body, message] of cases) {
      const res = await post(journey.id, cast.users.lead, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect({ body, messages: res.body.message }).toEqual({ body, messages: expect.arrayContaining([expect.stringMatching(message)]) });
    }
    for (const who of [cast.users.officer, cast.users.member, cast.users.staff]) expect((await post(journey.id, who, ok)).status).toBe(403);
    expect((await post(journey.id, cast.users.outsider, ok)).status).toBe(404);
    expect((await t.http().get(`/api/journeys/${journey.id}/staff-surveys`).set(cast.users.outsider.auth)).status).toBe(404);
    expect((await list(journey.id)).total).toBe(0);
  });

  it('is open while spinning out and closed (409) once the transfer is complete', async () => {
    const { lead, officer } = cast.users;
    const journey = await createJourney(t, cast);
    expect((await fire(t, journey.id, lead, 'submit_expression_of_interest', { proposalSummary: 'A staff mutual' })).status).toBe(200);
    expect((await fire(t, journey.id, officer, 'accept_expression_of_interest')).status).toBe(200);
    await completeGate(t, cast, journey.id, 'business_planning');
    expect((await fire(t, journey.id, lead, 'submit_business_case')).status).toBe(200);
    await completeGate(t, cast, journey.id, 'awaiting_approval');
    expect((await fire(t, journey.id, officer, 'approve_business_case')).status).toBe(200);
    expect((await fire(t, journey.id, lead, 'start_spin_out')).body.phase).toBe('spinning_out');
    expect((await post(journey.id, lead, { ...SURVEY, heldOn: daysFromNow(-1) })).status).toBe(201);

    await completeGate(t, cast, journey.id, 'mobilising');
    const legalForm = (await t.http().get('/api/pathway').set(lead.auth).expect(200)).body.legalForms[0].key;
    expect((await fire(t, journey.id, lead, 'register_legal_entity', { legalForm })).status).toBe(200);
    await completeGate(t, cast, journey.id, 'entity_registered');
    expect((await fire(t, journey.id, lead, 'confirm_transfer_readiness')).status).toBe(200);
    await completeGate(t, cast, journey.id, 'ready_for_transfer');
    expect((await fire(t, journey.id, lead, 'complete_transfer')).body.phase).toBe('sustainability');
    const closed = await post(journey.id, lead, { ...SURVEY, heldOn: daysFromNow(0) });
    expect(closed.status).toBe(409);
    expect(closed.body.message).toMatch(/before and during the spin-out/);
    expect((await list(journey.id)).total).toBe(1);
  });
});
