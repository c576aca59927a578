/**
 * Growth finance sought and secured, against the real API and Postgres: the mutual's lead or the
 * central team records it in whole pounds, every party of the journey sees it, bad input is 400
 * naming the field with nothing stored, each change is in the history, and the pipeline gives
 * totals by kind (read as a department officer of a department of its own, so other files'
 * journeys stay out of the figures).
 */
import { addCalendar } from '@pathway/domain/calendar/add-calendar';
import { todayInLondon } from '@pathway/domain/calendar/london';
import { startTestApp, TestApp } from '../support/app';
import { Actor, createActor, createCast, createOrganisation } from '../support/fixtures';
import { createJourney, type Cast } from '../support/journeys';
import { sqlClient } from '../pipeline/support';

jest.setTimeout(120_000);

describe('growth finance', () => {
  let t: TestApp;
  let cast: Cast;
  let db: Awaited<ReturnType<typeof sqlClient>>;
  let deptOfficer: Actor;
  let journeyId = '';
  const today = todayInLondon(new Date());
  const lastMonth = addCalendar(today, -30, 'calendar_days');

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    db = await sqlClient(t);
    const dept = await createOrganisation(t, 'department');
    deptOfficer = await createActor(t, dept.id, 'department_officer');
    journeyId = (await createJourney(t, cast, { departmentId: dept.id, name: 'Growth finance' })).id;
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  const post = (body: Record<string, unknown>, as = cast.users.lead) =>
    t.http().post(`/api/journeys/${journeyId}/growth-finance`).set(as.auth).send(body);
  const stored = async () =>
    Number((await db.query(`SELECT count(*) FROM growth_finance WHERE journey_id = $1`, [journeyId])).rows[0].count);
  const good = { kind: 'social_investment', amountGbp: 250000, funder: 'Big Society Capital', soughtOn: lastMonth };

  it('records finance sought and secured, listed for every party with totals', async () => {
    const sought = await post(good).expect(201);
    expect(sought.body).toMatchObject({ ...good, status: 'sought', securedOn: null, recordedByUserId: cast.users.lead.id });
    const loan = await post(
      { kind: 'loan', amountGbp: 80000, funder: 'Unity Trust Bank', soughtOn: lastMonth, status: 'secured', securedOn: today },
      cast.users.admin,
    ).expect(201);
    expect(loan.body).toMatchObject({ status: 'secured', securedOn: today });
    await post({
      kind: 'community_shares',
      amountGbp: 40000,
      funder: 'Members’ share offer',
      soughtOn: lastMonth,
      status: 'declined',
    }).expect(201);

    const list = await t.http().get(`/api/journeys/${journeyId}/growth-finance`).set(cast.users.officer.auth).expect(200);
    expect(list.body.total).toBe(3);
    expect(list.body.totals).toEqual({ count: 3, soughtGbp: 370000, securedGbp: 80000, declinedGbp: 40000 });
    await t.http().get(`/api/journeys/${journeyId}/growth-finance`).set(cast.users.outsider.auth).expect(404);

    // Secured later: a PATCH with the date, in the history.
    const patched = await t
      .http()
      .patch(`/api/journeys/${journeyId}/growth-finance/${sought.body.id}`)
      .set(cast.users.lead.auth)
      .send({ status: 'secured', securedOn: today, amountGbp: 200000 })
      .expect(200);
    expect(patched.body).toMatchObject({ status: 'secured', securedOn: today, amountGbp: 200000 });
    const history = await t.http().get(`/api/journeys/${journeyId}/history`).set(cast.users.lead.auth).expect(200);
    const types = history.body.items.map((i: { type: string }) => i.type);
    expect(types.filter((x: string) => x === 'growth_finance_recorded')).toHaveLength(3);
    expect(history.body.items).toContainEqual(
      expect.objectContaining({
        type: 'growth_finance_updated',
        data: expect.objectContaining({ changes: expect.objectContaining({ status: { from: 'sought', to: 'secured' } }) }),
      }),
    );
  });

  it('answers bad input with 400 naming the field, storing nothing', async () => {
    const before = await stored();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...good, amountGbp: -5 }, 'amountGbp'],
      [{ ...good, amountGbp: 12.5 }, 'amountGbp'],
      [{ ...good, amountGbp: '1000' }, 'amountGbp'],
      [{ ...good, kind: 'overdraft' }, 'kind'],
      [{ ...good, funder: '  ' }, 'funder'],
      [{ ...good, soughtOn: '2027-02-30' }, 'soughtOn'],
      [{ ...good, soughtOn: addCalendar(today, 5, 'calendar_days') }, 'soughtOn'],
      [{ ...good, status: 'secured' }, 'securedOn'],
      [{ ...good, status: 'sought', securedOn: today }, 'securedOn'],
      [{ ...good, status: 'secured', securedOn: addCalendar(lastMonth, -1, 'calendar_days') }, 'securedOn'],
      [{ ...good, status: 'maybe' }, 'status'],
    ];
    for (const [body, field] of cases) {
      const res = await post(body).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(res.body.message.join(' ')).toContain(field);
    }
    const list = await t.http().get(`/api/journeys/${journeyId}/growth-finance`).set(cast.users.lead.auth).expect(200);
    const any = list.body.items[0].id;
    await t
      .http()
      .patch(`/api/journeys/${journeyId}/growth-finance/${any}`)
      .set(cast.users.lead.auth)
      .send({ status: 'secured', securedOn: addCalendar(today, 2, 'calendar_days') })
      .expect(400);
    expect(await stored()).toBe(before);
  });

  it('is recorded only by the lead or the central team', async () => {
    await post(good, cast.users.member).expect(403);
    await post(good, cast.users.officer).expect(403);
    await post(good, cast.users.outsider).expect(404);
  });

  it('totals by kind on the pipeline, for the journeys in scope', async () => {
    const res = await t.http().get('/api/pipeline/growth-finance').set(deptOfficer.auth).expect(200);
    expect(res.body.all).toEqual({ count: 3, soughtGbp: 320000, securedGbp: 280000, declinedGbp: 40000 });
    expect(res.body.byKind.social_investment).toEqual({ count: 1, soughtGbp: 200000, securedGbp: 200000, declinedGbp: 0 });
    expect(res.body.byKind.loan).toEqual({ count: 1, soughtGbp: 80000, securedGbp: 80000, declinedGbp: 0 });
    expect(res.body.byKind.community_shares).toEqual({ count: 1, soughtGbp: 40000, securedGbp: 0, declinedGbp: 40000 });
    expect(res.body.byKind.grant).toEqual({ count: 0, soughtGbp: 0, securedGbp: 0, declinedGbp: 0 });
    expect(res.body.journeys).toBe(1);
    await t.http().get('/api/pipeline/growth-finance').set(cast.users.lead.auth).expect(403);
  });
});
