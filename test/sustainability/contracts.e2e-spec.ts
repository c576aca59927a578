/**
 * The contracts register and the renewal tasks it drives, through the real API, Postgres and (for
 * delivery) the worker and Redis.
 */
import { addCalendar } from '@pathway/domain/calendar/add-calendar';
import { adminAuth, startTestApp, TestApp } from '../support/app';
import { createCast, createOrganisation } from '../support/fixtures';
import { createJourney, type Cast } from '../support/journeys';
import { advanceTo, sqlClient, tasksOf } from '../pipeline/support';
import { runPrefix, secondsFromNow, setDueAt, waitFor } from '../reminders/support';

jest.setTimeout(180_000);

describe('contracts register', () => {
  let t: TestApp;
  let cast: Cast;
  let db: Awaited<ReturnType<typeof sqlClient>>;
  let journeyId: string;

  beforeAll(async () => {
    t = await startTestApp({
      worker: true,
      env: { REMINDER_HORIZON_SECONDS: '30', RECONCILE_EVERY_SECONDS: '1', REDIS_PREFIX: runPrefix('contracts') },
    });
    cast = await createCast(t);
    db = await sqlClient(t);
    const j = await createJourney(t, cast, { serviceArea: 'social_care' });
    journeyId = j.id;
    await advanceTo(t, cast, journeyId, 'mobilising');
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  const contract = (over: Record<string, unknown> = {}) => ({
    title: 'Adult social care 2028–2031',
    commissionerId: cast.orgs.commissioner.id,
    startDate: '2028-04-01',
    endDate: '2031-03-31',
    annualValueGbp: 4_500_000,
    route: 'reserved_mutual',
    ...over,
  });
  const post = (body: unknown, as = cast.users.commissioner, id = journeyId) =>
    t
      .http()
      .post(`/api/journeys/${id}/contracts`)
      .set(as.auth)
      .send(body as object);
  const count = async (id = journeyId) =>
    Number((await db.query(`SELECT count(*) FROM contracts WHERE journey_id = $1`, [id])).rows[0].count);

  it('records the first contract in spinning out, with its term, warnings and renewal tasks, and links the award and signing tasks to it', async () => {
    const res = await post(contract({ extensionMonths: 12, awardedOn: '2028-02-01' })).expect(201);
    expect(res.body).toMatchObject({
      journeyId,
      title: 'Adult social care 2028–2031',
      commissionerId: cast.orgs.commissioner.id,
      startDate: '2028-04-01',
      endDate: '2031-03-31',
      awardedOn: '2028-02-01',
      termMonths: 36,
      annualValueGbp: 4_500_000,
      route: 'reserved_mutual',
      extensionMonths: 12,
      firstContract: true,
      outcome: null,
    });
    expect(res.body.warnings.map((w: { code: string }) => w.code)).toEqual(['term_under_5_years']);
    const tasks = await tasksOf(t, cast, journeyId);
    const renewal = tasks.filter((x) => (x as unknown as { contractId: string }).contractId === res.body.id);
    const byKey = Object.fromEntries(renewal.map((x) => [x.key, x]));
    expect(byKey.plan_contract_renewal).toMatchObject({ dueDate: '2029-09-30', ownerParty: 'mutual', status: 'not_started' });
    expect(byKey.decide_contract_renewal).toMatchObject({ dueDate: '2030-03-31', ownerParty: 'commissioner' });
    expect(byKey.award_first_contract).toBeDefined();
    expect(byKey.sign_first_contract).toBeDefined();
    expect(tasks.find((x) => x.key === 'plan_reprocurement')?.status).toBe('not_applicable');
    // The renewal tasks' reminders are planned at once.
    const planned = await db.query(`SELECT DISTINCT deadline FROM reminders WHERE task_id = $1 AND status = 'pending'`, [
      byKey.decide_contract_renewal.id,
    ]);
    expect(planned.rows).toHaveLength(1);

    const list = await t.http().get(`/api/journeys/${journeyId}/contracts`).set(cast.users.lead.auth).expect(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0].renewalTasks.map((x: { key: string }) => x.key).sort()).toEqual([
      'decide_contract_renewal',
      'plan_contract_renewal',
    ]);
    const history = await t.http().get(`/api/journeys/${journeyId}/history`).set(cast.users.lead.auth).expect(200);
    expect(
      history.body.items.some(
        (h: { type: string; data: { contractId: string } }) => h.type === 'contract_recorded' && h.data.contractId === res.body.id,
      ),
    ).toBe(true);
  });

  it('refuses a reserved contract over five years, extensions included (Procurement Act 2023 s.33(1)(b)), storing nothing', async () => {
    const before = await count();
    const long = await post(
      contract({ title: 'Too long', startDate: '2031-04-01', endDate: '2036-04-30', awardedOn: '2031-04-01' }),
    ).expect(422);
    expect(long.body).toMatchObject({ statusCode: 422, code: 'reserved_term_over_5_years', field: 'endDate' });
    expect(long.body.message).toContain('legislation.gov.uk/ukpga/2023/54/section/33');
    const extended = await post(
      contract({ title: 'Extended too far', startDate: '2035-04-01', endDate: '2039-03-31', extensionMonths: 13, awardedOn: '2035-04-01' }),
    ).expect(422);
    expect(extended.body).toMatchObject({ code: 'reserved_term_over_5_years', field: 'extensionMonths' });
    expect(await count()).toBe(before);
  });

  it('locks the mutual out of a comparable reserved contract from the same authority within three years (s.33(5))', async () => {
    const before = await count();
    const again = await post(
      contract({ title: 'Second reserved', startDate: '2031-04-01', endDate: '2034-03-31', awardedOn: '2031-01-31' }),
    ).expect(422);
    expect(again.body).toMatchObject({ statusCode: 422, code: 'reserved_contract_lockout', field: 'route' });
    // Another journey of the same mutual, same kind of services: still locked out.
    const sibling = await createJourney(t, cast, { serviceArea: 'social_care', name: 'Second service' });
    await advanceTo(t, cast, sibling.id, 'mobilising');
    await post(
      contract({ title: 'Sibling reserved', awardedOn: '2029-01-01', startDate: '2029-04-01', endDate: '2032-03-31' }),
      cast.users.commissioner,
      sibling.id,
    ).expect(422);
    // More than three years after the award: qualifies again. An open competition is never locked out.
    await post(contract({ title: 'Reserved again later', startDate: '2031-04-01', endDate: '2034-03-31', awardedOn: '2031-02-02' })).expect(
      201,
    );
    await post(contract({ title: 'Open contract', route: 'open_competition', startDate: '2028-06-01', endDate: '2033-05-31' })).expect(201);
    expect(await count()).toBe(before + 2);
  });

  it('applies the s.33(5) lock-out whichever of two comparable reserved contracts is recorded first, and never to an edit that leaves its terms alone', async () => {
    const council = await createOrganisation(t, 'commissioner');
    const j = await createJourney(t, cast, { serviceArea: 'social_care', name: 'Lock-out both ways' });
    await advanceTo(t, cast, j.id, 'mobilising');
    const reserved = (over: Record<string, unknown>) => post(contract({ commissionerId: council.id, ...over }), cast.users.staff, j.id);
    const later = await reserved({ title: 'Later reserved', startDate: '2027-04-01', endDate: '2032-03-31' }).expect(201);
    // Recorded second but awarded two years before: it would make the later award one s.33(5) forbids.
    const earlier = await reserved({ title: 'Earlier reserved', startDate: '2025-04-01', endDate: '2027-03-31' }).expect(422);
    expect(earlier.body).toMatchObject({ statusCode: 422, code: 'reserved_contract_lockout', field: 'route' });
    expect(earlier.body.message).toContain('“Later reserved”, awarded 2027-04-01');
    expect(await count(j.id)).toBe(1);
    // Exactly three years before the later award: outside its window, so both qualify.
    const old = await reserved({ title: 'Three years before', startDate: '2024-04-01', endDate: '2027-03-31' }).expect(201);
    // Moving that one into the later one's window is refused, and changes nothing.
    const moved = await t
      .http()
      .patch(`/api/journeys/${j.id}/contracts/${old.body.id}`)
      .set(cast.users.staff.auth)
      .send({ startDate: '2025-04-01' })
      .expect(422);
    expect(moved.body.code).toBe('reserved_contract_lockout');

    // A pair stored before the rule held both ways: either can still be corrected where the lock-out is not concerned.
    await db.query(`UPDATE contracts SET start_date = '2025-04-01', awarded_on = '2025-04-01' WHERE id = $1`, [old.body.id]);
    const patch = (id: string, body: object) =>
      t.http().patch(`/api/journeys/${j.id}/contracts/${id}`).set(cast.users.staff.auth).send(body);
    expect((await patch(later.body.id, {})).status).toBe(200);
    expect((await patch(later.body.id, { title: 'Renamed' })).body.title).toBe('Renamed');
    expect((await patch(later.body.id, { endDate: '2031-03-31', annualValueGbp: 10 })).status).toBe(200);
    expect((await patch(old.body.id, { title: 'Corrected' })).status).toBe(200);
    // Changing what the rule reads is judged again.
    const award = await patch(later.body.id, { awardedOn: '2027-03-01' });
    expect([award.status, award.body.code]).toEqual([422, 'reserved_contract_lockout']);
    const row = await db.query(`SELECT title, to_char(awarded_on, 'YYYY-MM-DD') AS a FROM contracts WHERE id = $1`, [later.body.id]);
    expect(row.rows[0]).toEqual({ title: 'Renamed', a: '2027-04-01' });
  });

  it('is not available to a Scottish authority', async () => {
    const council = await t
      .http()
      .post('/api/organisations')
      .set(adminAuth)
      .send({ name: 'Highland commissioning', kind: 'commissioner', nation: 'scotland' })
      .expect(201);
    const scottish = await createJourney(t, cast, { region: 'scotland', serviceArea: 'housing' });
    await advanceTo(t, cast, scottish.id, 'mobilising');
    const res = await post(contract({ title: 'Scottish reserved', commissionerId: council.body.id }), cast.users.lead, scottish.id).expect(
      422,
    );
    expect(res.body.code).toBe('reserved_mutual_not_in_scotland');
    await post(
      contract({ title: 'Scottish open', route: 'open_competition', commissionerId: council.body.id }),
      cast.users.lead,
      scottish.id,
    ).expect(201);
  });

  it('warns that NHS health services fall under the Provider Selection Regime', async () => {
    const health = await createJourney(t, cast, { serviceArea: 'health' });
    await advanceTo(t, cast, health.id, 'mobilising');
    const res = await post(
      contract({ title: 'Community health', route: 'open_competition', endDate: '2033-03-31' }),
      cast.users.commissioner,
      health.id,
    ).expect(201);
    expect(res.body.warnings.map((w: { code: string }) => w.code)).toEqual(['nhs_provider_selection_regime']);
    expect(res.body.termMonths).toBe(60);
  });

  it('answers bad input with 400 naming the field, and stores nothing', async () => {
    const before = await count();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ endDate: '2028-03-31' }, 'endDate'],
      [{ annualValueGbp: -1 }, 'annualValueGbp'],
      [{ route: 'handshake' }, 'route'],
      [{ startDate: '2028-02-30' }, 'startDate'],
      [{ extensionMonths: -3 }, 'extensionMonths'],
      [{ title: '  ' }, 'title'],
      [{ commissionerId: cast.orgs.parentBody.id }, 'commissionerId'],
      [{ awardedOn: '2028-05-01' }, 'awardedOn'],
      [{ surprise: true }, 'surprise'],
    ];
    for (const [over, field] of cases) {
      const res = await post(contract({ route: 'open_competition', ...over }), cast.users.lead);
      expect([res.status, JSON.stringify(res.body.message)]).toEqual([400, expect.stringContaining(field)]);
    }
    expect(await count()).toBe(before);
  });

  it('lets the commissioner, the mutual lead and the central team record contracts; nobody else', async () => {
    const other = await createOrganisation(t, 'commissioner');
    await post(contract({ route: 'open_competition', commissionerId: other.id })).expect(403);
    await post(contract({ route: 'open_competition' }), cast.users.officer).expect(403);
    await post(contract({ route: 'open_competition' }), cast.users.member).expect(403);
    await post(contract({ route: 'open_competition' }), cast.users.outsider).expect(404);
    await t.http().get(`/api/journeys/${journeyId}/contracts`).set(cast.users.outsider.auth).expect(404);
    const early = await createJourney(t, cast);
    await post(contract({ route: 'open_competition' }), cast.users.commissioner, early.id).expect(409);
    await t
      .http()
      .post(`/api/journeys/${journeyId}/contracts`)
      .set(adminAuth)
      .send(contract({ route: 'grant_agreement', title: 'Grant' }))
      .expect(201);
  });

  it('moves the renewal tasks with the end date, then records the outcome, completing them', async () => {
    const created = await post(
      contract({ route: 'open_competition', title: 'Moving contract', startDate: '2028-04-01', endDate: '2033-03-31' }),
      cast.users.lead,
    ).expect(201);
    const id = created.body.id;
    const moved = await t
      .http()
      .patch(`/api/journeys/${journeyId}/contracts/${id}`)
      .set(cast.users.commissioner.auth)
      .send({ endDate: '2034-03-31' })
      .expect(200);
    expect(moved.body.termMonths).toBe(72);
    const due = Object.fromEntries(moved.body.renewalTasks.map((x: { key: string; dueDate: string }) => [x.key, x.dueDate]));
    expect(due).toEqual({ plan_contract_renewal: addCalendar('2034-03-31', -18, 'months'), decide_contract_renewal: '2033-03-31' });
    const decide = moved.body.renewalTasks.find((x: { key: string }) => x.key === 'decide_contract_renewal');
    const live = await db.query(`SELECT DISTINCT deadline FROM reminders WHERE task_id = $1 AND status = 'pending'`, [decide.id]);
    expect(live.rows.map((r: { deadline: Date }) => r.deadline.toISOString())).toEqual(['2033-03-31T23:00:00.000Z']);

    await t
      .http()
      .patch(`/api/journeys/${journeyId}/contracts/${id}`)
      .set(cast.users.commissioner.auth)
      .send({ endDate: '2028-03-01' })
      .expect(400);
    await t
      .http()
      .patch(`/api/journeys/${journeyId}/contracts/${id}`)
      .set(cast.users.commissioner.auth)
      .send({ outcome: 'walked_away' })
      .expect(400);
    const lost = await t
      .http()
      .patch(`/api/journeys/${journeyId}/contracts/${id}`)
      .set(cast.users.commissioner.auth)
      .send({ outcome: 'lost', outcomeNote: 'Re-tendered; another provider won' })
      .expect(200);
    expect(lost.body).toMatchObject({ outcome: 'lost', outcomeNote: 'Re-tendered; another provider won' });
    expect(lost.body.renewalTasks.map((x: { status: string }) => x.status)).toEqual(['completed', 'completed']);
    const pending = await db.query(`SELECT count(*)::int AS n FROM reminders WHERE task_id = $1 AND status = 'pending'`, [decide.id]);
    expect(pending.rows[0].n).toBe(0);
  });

  it('reminds the commissioner of its renewal decision and escalates it when overdue', async () => {
    const j = await createJourney(t, cast, { serviceArea: 'youth', name: 'Youth service' });
    await advanceTo(t, cast, j.id, 'mobilising');
    await t
      .http()
      .put(`/api/journeys/${j.id}/reminder-policy`)
      .set(cast.users.lead.auth)
      // Due in 6 s: "due soon" at 4 s (after the quiet first half of the task's life, so it is sent), overdue at 6 s,
      // escalated at 7 s.
      .send({ remindBefore: ['PT2S'], escalateAfter: 'PT1S', escalateAfterWorkingDays: false })
      .expect(200);
    const c = await post(
      contract({ route: 'open_competition', title: 'Youth contract', endDate: '2034-03-31' }),
      cast.users.commissioner,
      j.id,
    ).expect(201);
    const decide = c.body.renewalTasks.find((x: { key: string }) => x.key === 'decide_contract_renewal');
    await setDueAt(t, cast.users.commissioner, j.id, decide.id, secondsFromNow(6));
    await waitFor(
      async () =>
        (await db.query(`SELECT 1 FROM escalations WHERE task_id = $1 AND trigger = 'task_overdue'`, [decide.id])).rows.length > 0,
      30_000,
      () => 'the overdue renewal decision escalated',
    );
    const notes = await db.query(`SELECT type, user_id FROM notifications WHERE task_id = $1 ORDER BY created_at`, [decide.id]);
    expect(
      notes.rows.filter((n: { user_id: string }) => n.user_id === cast.users.commissioner.id).map((n: { type: string }) => n.type),
    ).toEqual(['task_due_soon', 'task_overdue']);
  });
});
