import type { Client } from 'pg';
import { startTestApp, TestApp } from '../support/app';
import { createCast } from '../support/fixtures';
import { Cast, createJourney } from '../support/journeys';
import { advanceTo, backdateTask, isOpen, londonDate, putOnHold, raiseConcern, sqlClient, tasksOf, withdraw } from './support';

type Task = Awaited<ReturnType<typeof tasksOf>>[number] & { overdue: boolean };

/**
 * At risk, stalled and open escalations for journeys of one parent body created here:
 *
 *   a  exploring, transfer in 60 days        at risk: transfer soon (and its statutory TUPE consultation is overdue)
 *   b  exploring, transfer in 120 days       not at risk: too far off, no statutory task overdue (others are)
 *   c  exploring, transfer far off            at risk: employee liability information overdue (set by hand)
 *   d  on hold, the same overdue task         not at risk: on hold
 *   e  withdrawn, transfer in 60 days         nowhere
 *   f  operating                              never stalled: it has finished
 */
describe('pipeline: journeys at risk, stalled journeys and open escalations by age', () => {
  let t: TestApp;
  let cast: Cast;
  let db: Client;
  let pb: string;
  const j = { a: '', b: '', c: '', d: '', e: '', f: '' };
  let escalationA = '';
  let escalationC = '';
  const eliKey = 'provide_employee_liability_information';

  const get = async (path: string, query = '') =>
    (await t.http().get(`/api/pipeline/${path}?parentBodyId=${pb}${query}`).set(cast.users.staff.auth).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    db = await sqlClient(t);
    pb = cast.orgs.parentBody.id;
    const create = async (name: string, days: number) => (await createJourney(t, cast, { name, plannedTransferDate: londonDate(days) })).id;
    j.a = await create('A: transfer in 60 days', 60);
    j.b = await create('B: transfer in 120 days', 120);
    j.c = await create('C: liability information overdue', 900);
    j.d = await create('D: on hold', 900);
    j.e = await create('E: withdrawn', 60);
    j.f = await create('F: operating', 900);

    const { officer, lead } = cast.users;
    for (const id of [j.c, j.d]) {
      const eli = (await tasksOf(t, cast, id)).find((x) => x.key === eliKey)!;
      expect(eli).toMatchObject({ statutory: true, ownerParty: 'parent_body' });
      await backdateTask(t, eli.id, londonDate(-10));
    }
    await putOnHold(t, cast, j.d);
    await advanceTo(t, cast, j.f, 'operating');

    escalationA = (await raiseConcern(t, lead, j.a, 'The business case has not started')).id;
    const eliC = (await tasksOf(t, cast, j.c)).find((x) => x.key === eliKey)!;
    const res = await t
      .http()
      .post(`/api/journeys/${j.c}/escalations`)
      .set(officer.auth)
      .send({ reason: 'Payroll data missing', taskId: eliC.id })
      .expect(201);
    escalationC = res.body.id;
    await raiseConcern(t, lead, j.e);
    await withdraw(t, cast, j.e);

    // Move time back where the API cannot: last activity and escalation age.
    const back = async (table: string, column: string, id: string, days: number) =>
      db.query(`UPDATE ${table} SET ${column} = now() - make_interval(days => $2::int) - interval '1 hour' WHERE id = $1`, [id, days]);
    await back('journeys', 'last_activity_at', j.a, 45);
    await back('journeys', 'last_activity_at', j.b, 31);
    await back('journeys', 'last_activity_at', j.c, 10);
    await back('journeys', 'last_activity_at', j.d, 100);
    await back('journeys', 'last_activity_at', j.e, 200);
    await back('journeys', 'last_activity_at', j.f, 300);
    await back('escalations', 'opened_at', escalationA, 20);
    await back('escalations', 'opened_at', escalationC, 3);
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('lists journeys at risk with their reasons, soonest transfer first', async () => {
    const body = await get('at-risk');
    expect(body.transferWithinDays).toBe(90);
    expect(body.items.map((x: { id: string }) => x.id)).toEqual([j.a, j.c]);
    expect(body.total).toBe(2);

    const tasksA = (await tasksOf(t, cast, j.a)) as Task[];
    const openMandatorySpinningOut = tasksA.filter((x) => x.phase === 'spinning_out' && x.mandatory && isOpen(x)).length;
    expect(openMandatorySpinningOut).toBeGreaterThan(0);
    const overdueStatutoryA = tasksA.filter((x) => x.statutory && x.overdue).map((x) => x.key);
    const [a, c] = body.items;
    expect(a).toMatchObject({ name: 'A: transfer in 60 days', state: 'exploring', parentBodyName: cast.orgs.parentBody.name });
    expect(a.daysToTransfer).toBeGreaterThanOrEqual(59);
    expect(a.daysToTransfer).toBeLessThanOrEqual(61);
    expect(a.reasons[0]).toEqual({
      code: 'transfer_soon_with_open_mandatory_tasks',
      description: expect.any(String),
      openMandatoryTasks: openMandatorySpinningOut,
    });
    // Sixty days out, consultation under TUPE regulation 13 (due 12 weeks before) is already late.
    expect(overdueStatutoryA.length).toBeGreaterThan(0);
    expect(a.reasons[1].code).toBe('overdue_statutory_task');
    expect(a.reasons[1].tasks.map((x: { key: string }) => x.key).sort()).toEqual(overdueStatutoryA.sort());

    expect(c.reasons).toEqual([
      {
        code: 'overdue_statutory_task',
        description: expect.stringContaining('employee liability information'),
        tasks: [{ id: expect.any(String), key: eliKey, title: expect.any(String), deadline: expect.any(String), daysOverdue: 9 }],
      },
    ]);
  });

  it('lists stalled journeys longest idle first, with the threshold from config or ?days', async () => {
    const byDefault = await get('stalled');
    expect(byDefault.days).toBe(30);
    expect(byDefault.items.map((x: { id: string }) => x.id)).toEqual([j.d, j.a, j.b]);
    expect(byDefault.items.map((x: { daysSinceActivity: number }) => x.daysSinceActivity)).toEqual([100, 45, 31]);
    expect(byDefault.items[0]).toMatchObject({ state: 'on_hold', lastActivityAt: expect.any(String) });
    expect(byDefault.total).toBe(3);

    expect((await get('stalled', '&days=40')).items.map((x: { id: string }) => x.id)).toEqual([j.d, j.a]);
    const five = await get('stalled', '&days=5');
    expect(five.items.map((x: { id: string }) => x.id)).toEqual([j.d, j.a, j.b, j.c]);
    expect(five).toMatchObject({ days: 5, total: 4 });
    expect(await get('stalled', '&days=5&limit=1&offset=1')).toMatchObject({ total: 4, items: [expect.objectContaining({ id: j.a })] });
  });

  it('becomes un-stalled by any task change', async () => {
    const task = (await tasksOf(t, cast, j.b)).find((x) => isOpen(x) && x.ownerParty === 'mutual')!;
    await t.http().patch(`/api/journeys/${j.b}/tasks/${task.id}`).set(cast.users.lead.auth).send({ status: 'in_progress' }).expect(200);
    expect((await get('stalled')).items.map((x: { id: string }) => x.id)).toEqual([j.d, j.a]);
  });

  it('lists open escalations on active journeys oldest first, with age, trigger, level and names', async () => {
    const body = await get('escalations');
    expect(body.total).toBe(2);
    expect(body.items).toEqual([
      {
        id: escalationA,
        journeyId: j.a,
        journeyName: 'A: transfer in 60 days',
        taskId: null,
        taskTitle: null,
        trigger: 'manual',
        level: 1,
        assignedOrganisationId: cast.orgs.department.id,
        assignedOrganisationName: cast.orgs.department.name,
        reason: 'The business case has not started',
        openedAt: expect.any(String),
        ageDays: 20,
      },
      expect.objectContaining({
        id: escalationC,
        journeyId: j.c,
        taskTitle: expect.stringContaining('employee liability information'),
        ageDays: 3,
        level: 1,
      }),
    ]);
  });

  it('rejects invalid filters and thresholds with NestJS’s 400 naming each field', async () => {
    const bad = async (path: string, query: string, field: string) => {
      const res = await t.http().get(`/api/pipeline/${path}?${query}`).set(cast.users.staff.auth).expect(400);
      expect(res.body).toMatchObject({
        statusCode: 400,
        error: 'Bad Request',
        message: expect.arrayContaining([expect.stringContaining(field)]),
      });
    };
    await bad('stalled', 'days=0', 'days');
    await bad('stalled', 'days=3651', 'days');
    await bad('stalled', 'days=ten', 'days');
    await bad('at-risk', 'limit=0', 'limit');
    await bad('escalations', 'offset=-1', 'offset');
    expect((await get('stalled', '&days=3650')).days).toBe(3650);
  });
});
