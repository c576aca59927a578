/**
 * The yearly cycle never runs out of work: completing the last open task of the latest year
 * creates the next year's tasks at once (issue 11, item 3), through the API and through the web
 * task page, with the same dates the sweep would give them (anchored on the entity's incorporation
 * and accounting reference dates), and never twice, even when the worker's sweep runs at the
 * same instant. Time moves with the app's injected Clock, not by sleeping.
 */
import request from 'supertest';
import { addCalendar } from '@pathway/domain/calendar/add-calendar';
import { londonTimeOn, todayInLondon } from '@pathway/domain/calendar/london';
import { PATHWAY_TEMPLATE_V3 } from '@pathway/domain/template/pathway-template.v3';
import { yearlyTasksFor } from '@pathway/domain/sustainability/yearly-cycle';
import { Clock } from '@pathway/platform/clock/clock';
import { YearlyCycleService } from '@pathway/sustainability/yearly-cycle.service';
import { startTestApp, TestApp } from '../support/app';
import { completeGate, createJourney, fire, type Cast } from '../support/journeys';
import { advanceTo, sqlClient, tasksOf, type Task } from '../pipeline/support';
import { createWebCast, PASSWORD } from '../web/support';

jest.setTimeout(300_000);

const DEFS = PATHWAY_TEMPLATE_V3.yearlyTasks!;
const LEGAL_FORM = 'company_limited_by_guarantee';

describe('the yearly cycle: the last task of a year starts the next', () => {
  let t: TestApp;
  let cast: Cast;
  let db: Awaited<ReturnType<typeof sqlClient>>;
  const today = todayInLondon(new Date());
  const incorporationDate = addCalendar(today, -100, 'calendar_days');
  const accountingReferenceDate = addCalendar(incorporationDate, 12, 'months');

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createWebCast(t, 'cycle completion');
    db = await sqlClient(t);
  });
  afterAll(async () => {
    t?.app.get(Clock).reset();
    await db?.end();
    await t?.close();
  });

  const ok = async (p: PromiseLike<{ status: number; body: { state?: string } }>) => {
    const res = await p;
    if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  /** A company with its entity's dates, taken to operating (which creates cycle year 1). */
  async function operating(name: string): Promise<string> {
    const j = await createJourney(t, cast, { name });
    await advanceTo(t, cast, j.id, 'mobilising');
    await completeGate(t, cast, j.id, 'mobilising');
    await ok(
      fire(t, j.id, cast.users.lead, 'register_legal_entity', { legalForm: LEGAL_FORM, incorporationDate, accountingReferenceDate }),
    );
    for (const [state, type] of [
      ['entity_registered', 'confirm_transfer_readiness'],
      ['ready_for_transfer', 'complete_transfer'],
      ['bedding_in', 'complete_first_year_review'],
    ]) {
      await completeGate(t, cast, j.id, state);
      await ok(fire(t, j.id, cast.users.lead, type));
    }
    return j.id as string;
  }

  const cycleTasks = async (id: string, year: number) =>
    (await tasksOf(t, cast, id)).filter((x: Task) => x.key.endsWith(`_year_${year}`)).sort((a, b) => a.key.localeCompare(b.key));
  const complete = (id: string, taskId: string) =>
    t.http().patch(`/api/journeys/${id}/tasks/${taskId}`).set(cast.users.lead.auth).send({ status: 'completed' });
  const yearsCreated = async (id: string) =>
    (await t.http().get(`/api/journeys/${id}/entity`).set(cast.users.lead.auth).expect(200)).body.cycleYearsCreated as number;
  const cycleStarts = async (id: string, year: number) =>
    (
      await db.query(
        `SELECT data FROM journey_history WHERE journey_id = $1 AND type = 'yearly_cycle_started' AND (data->>'year')::int = $2`,
        [id, year],
      )
    ).rows as Array<{ data: Record<string, unknown> }>;
  const keyCounts = async (id: string) =>
    (
      await db.query(`SELECT key, count(*)::int AS n FROM journey_tasks WHERE journey_id = $1 AND cycle_year IS NOT NULL GROUP BY key`, [
        id,
      ])
    ).rows as Array<{ key: string; n: number }>;

  /** Completes every task of year 1 but the last (by key), through the API; returns that last one. */
  async function allButLast(id: string): Promise<Task> {
    const y1 = await cycleTasks(id, 1);
    expect(y1.length).toBeGreaterThanOrEqual(4);
    for (const task of y1.slice(0, -1)) await complete(id, task.id).expect(200);
    return y1[y1.length - 1];
  }

  it('through the API: completing the last open task of year 1 creates year 2 at once, on the entity’s dates, with reminders', async () => {
    const id = await operating('Cycle by the API');
    const last = await allButLast(id);
    // Every other year-1 task done, but one still open, and year 2 is months from due: nothing yet.
    expect(await cycleTasks(id, 2)).toHaveLength(0);
    expect(await yearsCreated(id)).toBe(1);

    await complete(id, last.id).expect(200);
    const y2 = await cycleTasks(id, 2);
    const expected = yearlyTasksFor(
      DEFS,
      { incorporationDate, accountingReferenceDate, transferDate: today },
      { legalForm: LEGAL_FORM, nation: 'england', year: 2 },
    );
    expect(y2.map((x) => x.key)).toEqual(expected.map((s) => s.key).sort());
    for (const spec of expected) expect(y2.find((x) => x.key === spec.key)?.dueDate).toBe(spec.dueDate);
    // By hand: the third anniversary of incorporation + 14 days.
    expect(y2.find((x) => x.key === 'confirmation_statement_year_2')?.dueDate).toBe(
      addCalendar(addCalendar(incorporationDate, 36, 'months'), 14, 'calendar_days'),
    );
    expect(y2.every((x) => x.status === 'not_started')).toBe(true);
    expect(await yearsCreated(id)).toBe(2);
    const starts = await cycleStarts(id, 2);
    expect(starts).toHaveLength(1);
    expect(starts[0].data).toMatchObject({ cause: 'previous_year_completed', causedByUserId: cast.users.lead.id, tasksCreated: y2.length });
    const reminders = await db.query(
      `SELECT DISTINCT r.task_id FROM reminders r JOIN journey_tasks jt ON jt.id = r.task_id
        WHERE jt.journey_id = $1 AND jt.cycle_year = 2 AND r.status = 'pending' AND r.kind = 'task_due_soon'`,
      [id],
    );
    expect(reminders.rows).toHaveLength(y2.length);

    // The sweep, now or when year 2 falls due by the calendar, adds nothing; year 3 waits for year 2.
    const cycle = t.app.get(YearlyCycleService);
    await cycle.sweep(new Date());
    await cycle.sweep(londonTimeOn(addCalendar(today, 22, 'months'), 9).toJSDate());
    expect(await cycleTasks(id, 3)).toHaveLength(0);
    expect((await keyCounts(id)).every((r) => r.n === 1)).toBe(true);
    expect(await keyCounts(id)).toHaveLength(2 * y2.length);
    // Reopening and completing the last task of year 1 again starts nothing more.
    await t.http().patch(`/api/journeys/${id}/tasks/${last.id}`).set(cast.users.lead.auth).send({ status: 'in_progress' }).expect(200);
    await complete(id, last.id).expect(200);
    expect(await cycleTasks(id, 3)).toHaveLength(0);
    expect(await cycleStarts(id, 2)).toHaveLength(1);
  });

  it('through the web task page: the form that completes the last task starts the next year too', async () => {
    const id = await operating('Cycle by the web');
    const last = await allButLast(id);
    const agent = request.agent(t.baseUrl);
    const csrf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];
    const signIn = await agent.get('/sign-in').expect(200);
    await agent
      .post('/sign-in')
      .type('form')
      .send({ email: cast.users.lead.email, password: PASSWORD, _csrf: csrf(signIn.text) })
      .expect(302);
    const path = `/journeys/${id}/tasks/${last.id}`;
    const page = await agent.get(path).expect(200);
    await agent
      .post(path)
      .type('form')
      .send({ status: 'completed', _csrf: csrf(page.text) })
      .expect(303);
    expect((await cycleTasks(id, 1)).every((x) => x.status === 'completed')).toBe(true);
    expect(await cycleTasks(id, 2)).toHaveLength(5);
    expect(await yearsCreated(id)).toBe(2);
  });

  it('creates the next year once when the completion and the sweep run at the same instant', async () => {
    const cycle = t.app.get(YearlyCycleService);
    const clock = t.app.get(Clock);
    const ids = [await operating('Cycle race one'), await operating('Cycle race two')];
    const lasts: Task[] = [];
    for (const id of ids) lasts.push(await allButLast(id));
    // Year 2 now falls due by the calendar too, so the sweep wants it as much as the completion does.
    clock.travelTo(londonTimeOn(addCalendar(today, 22, 'months'), 9).toJSDate());
    try {
      await Promise.all([...ids.map((id, i) => complete(id, lasts[i].id).expect(200)), cycle.sweep(clock.now()), cycle.sweep(clock.now())]);
    } finally {
      clock.reset();
    }
    for (const id of ids) {
      const counts = await keyCounts(id);
      expect(counts.every((r) => r.n === 1)).toBe(true);
      expect(counts).toHaveLength(10);
      expect(await cycleTasks(id, 2)).toHaveLength(5);
      expect(await cycleStarts(id, 2)).toHaveLength(1);
      expect(await yearsCreated(id)).toBe(2);
    }
  });
});
