/**
 * The yearly cycle of an operating mutual, against the real API and Postgres: the entity's dates
 * recorded with register_legal_entity (or PUT /entity), entering operating creates cycle year 1
 * with due dates from those dates for a company, a CIC and a society; the sweep creates year 2
 * when the clock (the app's injected Clock, not sleeping) reaches it, never twice; reminders are
 * scheduled for the new tasks; bad dates are 400 naming the field and change nothing.
 */
import { addCalendar } from '@pathway/domain/calendar/add-calendar';
import { londonTimeOn, todayInLondon } from '@pathway/domain/calendar/london';
import { PATHWAY_TEMPLATE_V3 } from '@pathway/domain/template/pathway-template.v3';
import { yearlyTasksFor } from '@pathway/domain/sustainability/yearly-cycle';
import { Clock } from '@pathway/platform/clock/clock';
import { YearlyCycleService } from '@pathway/sustainability/yearly-cycle.service';
import { startTestApp, TestApp } from '../support/app';
import { createCast } from '../support/fixtures';
import { completeGate, createJourney, fire, type Cast } from '../support/journeys';
import { advanceTo, sqlClient, tasksOf, type Task } from '../pipeline/support';

jest.setTimeout(240_000);

const DEFS = PATHWAY_TEMPLATE_V3.yearlyTasks!;

describe('the yearly cycle', () => {
  let t: TestApp;
  let cast: Cast;
  let db: Awaited<ReturnType<typeof sqlClient>>;
  const today = todayInLondon(new Date());
  const incorporationDate = addCalendar(today, -100, 'calendar_days');
  const accountingReferenceDate = addCalendar(incorporationDate, 12, 'months');

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    db = await sqlClient(t);
  });
  afterAll(async () => {
    t?.app.get(Clock).reset();
    await db?.end();
    await t?.close();
  });

  const expectOk = async (p: Promise<{ status: number; body: { state?: string } }>) => {
    const res = await p;
    if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  /** A journey taken to entity_registered with this legal form and these dates in the event. */
  async function registered(legalForm: string, dates: Record<string, string> = { incorporationDate, accountingReferenceDate }) {
    const j = await createJourney(t, cast, { name: `Cycle ${legalForm}` });
    await advanceTo(t, cast, j.id, 'mobilising');
    await completeGate(t, cast, j.id, 'mobilising');
    await expectOk(fire(t, j.id, cast.users.lead, 'register_legal_entity', { legalForm, ...dates }));
    return j.id as string;
  }

  async function toOperating(id: string) {
    await completeGate(t, cast, id, 'entity_registered');
    await expectOk(fire(t, id, cast.users.lead, 'confirm_transfer_readiness'));
    await completeGate(t, cast, id, 'ready_for_transfer');
    await expectOk(fire(t, id, cast.users.lead, 'complete_transfer'));
    expect((await tasksOf(t, cast, id)).some((x) => /_year_\d+$/.test(x.key))).toBe(false);
    await completeGate(t, cast, id, 'bedding_in');
    const body = await expectOk(fire(t, id, cast.users.lead, 'complete_first_year_review'));
    expect(body.state).toBe('operating');
  }

  const cycleTasks = async (id: string, year: number) =>
    (await tasksOf(t, cast, id)).filter((x: Task) => x.key.endsWith(`_year_${year}`)).sort((a, b) => a.key.localeCompare(b.key));
  const dueOf = (tasks: Task[], key: string) => tasks.find((x) => x.key === key)?.dueDate;

  let companyId = '';

  it('refuses bad entity dates on register_legal_entity with 400 naming the field, and the entity stays unregistered', async () => {
    const j = await createJourney(t, cast, { name: 'Cycle bad dates' });
    await advanceTo(t, cast, j.id, 'mobilising');
    await completeGate(t, cast, j.id, 'mobilising');
    for (const [payload, field] of [
      [{ incorporationDate: '2026-02-30' }, 'payload.incorporationDate'],
      [{ incorporationDate: addCalendar(today, 3, 'calendar_days') }, 'payload.incorporationDate'],
      [{ incorporationDate, accountingReferenceDate: addCalendar(incorporationDate, 2, 'months') }, 'payload.accountingReferenceDate'],
      [{ accountingReferenceDate }, 'payload.incorporationDate'],
    ] as const) {
      const res = await fire(t, j.id, cast.users.lead, 'register_legal_entity', { legalForm: 'cic_limited_by_shares', ...payload });
      expect(res.status).toBe(400);
      expect(res.body.message.join(' ')).toContain(field);
    }
    const after = await t.http().get(`/api/journeys/${j.id}`).set(cast.users.lead.auth).expect(200);
    expect(after.body.state).toBe('mobilising');
    const entity = await t.http().get(`/api/journeys/${j.id}/entity`).set(cast.users.lead.auth).expect(200);
    expect(entity.body).toMatchObject({ incorporationDate: null, accountingReferenceDate: null });
    // PUT /entity before registration: 409.
    await t.http().put(`/api/journeys/${j.id}/entity`).set(cast.users.lead.auth).send({ incorporationDate }).expect(409);
  });

  it('entering operating creates year 1 for a company, due on its own dates, with reminders scheduled', async () => {
    companyId = await registered('company_limited_by_guarantee');
    const entity = await t.http().get(`/api/journeys/${companyId}/entity`).set(cast.users.member.auth).expect(200);
    expect(entity.body).toMatchObject({ incorporationDate, accountingReferenceDate, cycleYearsCreated: 0 });
    await toOperating(companyId);

    const y1 = await cycleTasks(companyId, 1);
    expect(y1.map((x) => x.key)).toEqual([
      'annual_accounts_year_1',
      'annual_general_meeting_year_1',
      'annual_results_return_year_1',
      'confirmation_statement_year_1',
      'staff_survey_year_1',
    ]);
    // By hand: the second anniversary of incorporation + 14 days (the first is bedding in's one-off).
    expect(dueOf(y1, 'confirmation_statement_year_1')).toBe(addCalendar(addCalendar(incorporationDate, 24, 'months'), 14, 'calendar_days'));
    // A first accounting period of just over 12 months: 21 months after incorporation (s.442(3)), or
    // if that is before the cycle starts (a year after the transfer, today), the next year's accounts.
    const firstAccounts = addCalendar(incorporationDate, 21, 'months');
    const cycleStart = addCalendar(today, 12, 'months');
    if (firstAccounts >= cycleStart) expect(dueOf(y1, 'annual_accounts_year_1')).toBe(firstAccounts);
    else expect(dueOf(y1, 'annual_accounts_year_1')! >= cycleStart).toBe(true);
    // The staff survey: 2 months before the second transfer anniversary.
    expect(dueOf(y1, 'staff_survey_year_1')).toBe(addCalendar(addCalendar(today, 24, 'months'), -2, 'months'));
    // Every due date is the domain's for these dates.
    const expected = yearlyTasksFor(
      DEFS,
      { incorporationDate, accountingReferenceDate, transferDate: today },
      { legalForm: 'company_limited_by_guarantee', nation: 'england', year: 1 },
    );
    for (const spec of expected) expect(dueOf(y1, spec.key)).toBe(spec.dueDate);
    expect(y1.find((x) => x.key === 'confirmation_statement_year_1')).toMatchObject({ statutory: true, ownerParty: 'mutual' });

    const reminders = await db.query(
      `SELECT DISTINCT r.task_id FROM reminders r JOIN journey_tasks jt ON jt.id = r.task_id
        WHERE jt.journey_id = $1 AND jt.cycle_year = 1 AND r.status = 'pending' AND r.kind = 'task_due_soon'`,
      [companyId],
    );
    expect(reminders.rows).toHaveLength(y1.length);
    const history = await t.http().get(`/api/journeys/${companyId}/history`).set(cast.users.lead.auth).expect(200);
    expect(history.body.items).toContainEqual(
      expect.objectContaining({ type: 'yearly_cycle_started', data: expect.objectContaining({ year: 1 }) }),
    );
  });

  it('gives a CIC its report, due with the accounts, and a society its annual return instead of company filings', async () => {
    const cic = await registered('cic_limited_by_shares');
    await toOperating(cic);
    const c1 = await cycleTasks(cic, 1);
    expect(dueOf(c1, 'cic_report_year_1')).toBe(dueOf(c1, 'annual_accounts_year_1'));

    const yearEnd = addCalendar(incorporationDate, 9, 'months');
    const society = await registered('cooperative_or_community_benefit_society', { incorporationDate, accountingReferenceDate: yearEnd });
    await toOperating(society);
    const s1 = await cycleTasks(society, 1);
    expect(s1.map((x) => x.key)).toEqual([
      'annual_general_meeting_year_1',
      'annual_results_return_year_1',
      'society_annual_return_year_1',
      'staff_survey_year_1',
    ]);
    const expected = yearlyTasksFor(
      DEFS,
      { incorporationDate, accountingReferenceDate: yearEnd, transferDate: today },
      { legalForm: 'cooperative_or_community_benefit_society', nation: 'england', year: 1 },
    ).find((x) => x.definitionKey === 'society_annual_return')!;
    expect(dueOf(s1, 'society_annual_return_year_1')).toBe(expected.dueDate);
    // By hand: 7 months after a year end, on or after the cycle's start.
    expect(expected.dueDate).toBe(addCalendar(expected.periodEnd, 7, 'months'));
  });

  it('creates year 2 when the clock reaches it (three months ahead), once however often the sweep runs', async () => {
    const cycle = t.app.get(YearlyCycleService);
    const clock = t.app.get(Clock);
    // Eight months into year 1 of the cycle: nothing new.
    clock.travelTo(londonTimeOn(addCalendar(today, 20, 'months'), 9).toJSDate());
    await cycle.sweep(clock.now());
    expect(await cycleTasks(companyId, 2)).toHaveLength(0);

    clock.travelTo(londonTimeOn(addCalendar(today, 22, 'months'), 9).toJSDate());
    const first = await cycle.sweep(clock.now());
    expect(first.tasksCreated).toBeGreaterThanOrEqual(5);
    const y2 = await cycleTasks(companyId, 2);
    expect(y2).toHaveLength(5);
    expect(dueOf(y2, 'confirmation_statement_year_2')).toBe(addCalendar(addCalendar(incorporationDate, 36, 'months'), 14, 'calendar_days'));
    const again = await cycle.sweep(clock.now());
    expect(again.tasksCreated).toBe(0);
    // Two runs at once: still one set.
    await Promise.all([cycle.sweep(clock.now()), cycle.sweep(clock.now())]);
    const rows = await db.query(
      `SELECT key, count(*)::int AS n FROM journey_tasks WHERE journey_id = $1 AND cycle_year IS NOT NULL GROUP BY key`,
      [companyId],
    );
    expect(rows.rows.every((r: { n: number }) => r.n === 1)).toBe(true);
    expect(rows.rows).toHaveLength(10);
    const reminders = await db.query(
      `SELECT DISTINCT r.task_id FROM reminders r JOIN journey_tasks jt ON jt.id = r.task_id WHERE jt.journey_id = $1 AND jt.cycle_year = 2`,
      [companyId],
    );
    expect(reminders.rows).toHaveLength(5);
    // Years 3 and 4 together when the journey was left two years (a hold, a stopped worker): it catches up.
    clock.travelTo(londonTimeOn(addCalendar(today, 46, 'months'), 9).toJSDate());
    await cycle.sweep(clock.now());
    expect(await cycleTasks(companyId, 3)).toHaveLength(5);
    expect(await cycleTasks(companyId, 4)).toHaveLength(5);
    clock.reset();
  });

  it('PUT /entity moves the open yearly tasks with the dates, names bad fields, and is the lead’s or the central team’s', async () => {
    const put = (body: Record<string, unknown>, as = cast.users.lead) =>
      t.http().put(`/api/journeys/${companyId}/entity`).set(as.auth).send(body);
    const bad = await put({ incorporationDate, accountingReferenceDate: addCalendar(incorporationDate, 19, 'months') }).expect(400);
    expect(bad.body.message.join(' ')).toContain('accountingReferenceDate');
    expect((await put({ incorporationDate: 'yesterday' }).expect(400)).body.message.join(' ')).toContain('incorporationDate');
    await put({ incorporationDate }, cast.users.member).expect(403);
    await put({ incorporationDate }, cast.users.outsider).expect(404);

    const before = await cycleTasks(companyId, 2);
    const moved = addCalendar(incorporationDate, -10, 'calendar_days');
    const res = await put({ incorporationDate: moved, accountingReferenceDate: addCalendar(moved, 12, 'months') }).expect(200);
    expect(res.body).toMatchObject({ incorporationDate: moved, cycleYearsCreated: 4 });
    const after = await cycleTasks(companyId, 2);
    expect(dueOf(after, 'confirmation_statement_year_2')).toBe(addCalendar(addCalendar(moved, 36, 'months'), 14, 'calendar_days'));
    expect(dueOf(after, 'staff_survey_year_2')).toBe(dueOf(before, 'staff_survey_year_2'));
  });
});
