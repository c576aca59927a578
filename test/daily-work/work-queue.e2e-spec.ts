import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../support/app';
import { createCast } from '../support/fixtures';
import { Cast, createJourney, fire } from '../support/journeys';
import { londonDatePlus } from '../right-to-provide/support';
import { backdateTask } from '../pipeline/support';

type Item = {
  id: string;
  journeyId: string;
  journeyName: string;
  title: string;
  ownerOrganisationId: string;
  assigneeUserId: string | null;
  overdue: boolean;
  due: string;
  deadline: string | null;
  status: string;
};

describe('daily work: the work queue (GET /api/me/tasks)', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
  });
  afterAll(() => t.close());

  const queue = (as: { auth: Record<string, string> }, query = '') => t.http().get(`/api/me/tasks${query}`).set(as.auth);
  const tasksOf = async (journeyId: string) =>
    (await t.http().get(`/api/journeys/${journeyId}/tasks`).set(cast.users.admin.auth).expect(200)).body.items as Array<{
      id: string;
      key: string;
      ownerParty: string;
      status: string;
      dueDate: string | null;
    }>;

  it('lists what my organisation owes and what is assigned to me, across journeys, overdue first, with buckets and paging', async () => {
    const { lead, member, officer } = cast.users;
    const a = await createJourney(t, cast, { name: 'Queue A' });
    const b = await createJourney(t, cast, { name: 'Queue B' });
    const aTasks = await tasksOf(a.id);
    const mine = aTasks.filter((x) => x.ownerParty === 'mutual' && x.status !== 'cannot_start_yet');
    await backdateTask(t, mine[0].id, londonDatePlus(-2));
    await t
      .http()
      .patch(`/api/journeys/${a.id}/tasks/${mine[1].id}`)
      .set(cast.users.admin.auth)
      .send({ dueDate: londonDatePlus(3) })
      .expect(200);
    await t
      .http()
      .patch(`/api/journeys/${b.id}/tasks/${(await tasksOf(b.id)).find((x) => x.ownerParty === 'mutual')!.id}`)
      .set(lead.auth)
      .send({ assigneeUserId: member.id })
      .expect(200);

    const all = (await queue(lead, '?limit=200').expect(200)).body;
    const items: Item[] = all.items;
    expect(all.total).toBe(items.length);
    expect(items.every((x) => x.ownerOrganisationId === cast.orgs.mutual.id)).toBe(true);
    expect(new Set(items.map((x) => x.journeyId))).toEqual(new Set([a.id, b.id]));
    expect(items[0]).toMatchObject({ id: mine[0].id, overdue: true, due: 'overdue', journeyName: 'Queue A' });
    // Overdue first, then soonest deadline, no deadline last.
    const deadlines = items.filter((x) => !x.overdue).map((x) => x.deadline ?? '9999');
    expect(deadlines).toEqual([...deadlines].sort());
    expect(all.counts.overdue + all.counts.this_week + all.counts.later).toBe(all.total);
    expect(all.counts.overdue).toBe(1);

    const week = (await queue(lead, '?due=this_week').expect(200)).body;
    expect(week.items.map((x: Item) => x.id)).toContain(mine[1].id);
    expect(week.items.every((x: Item) => x.due === 'this_week')).toBe(true);
    expect(week.total).toBe(all.counts.this_week);
    const overdue = (await queue(lead, '?due=overdue').expect(200)).body;
    expect(overdue.items.map((x: Item) => x.id)).toEqual([mine[0].id]);

    // Paging: the same order, a page at a time.
    const first = (await queue(lead, '?limit=3&offset=0').expect(200)).body;
    const second = (await queue(lead, '?limit=3&offset=3').expect(200)).body;
    expect([...first.items, ...second.items].map((x: Item) => x.id)).toEqual(items.slice(0, 6).map((x) => x.id));
    const beyond = (await queue(lead, '?offset=10000').expect(200)).body;
    expect(beyond).toMatchObject({ items: [], total: all.total, counts: all.counts });

    // assignedTo=me: only what is assigned to the caller.
    const assigned = (await queue(member, '?assignedTo=me').expect(200)).body;
    expect(assigned.items.map((x: Item) => [x.journeyId, x.assigneeUserId])).toEqual([[b.id, member.id]]);
    expect((await queue(lead, '?assignedTo=me').expect(200)).body.items).toEqual([]);

    // The parent body sees its own tasks, not the mutual's; a journeyId filter narrows it.
    const pb = (await queue(officer, `?journeyId=${a.id}`).expect(200)).body.items as Item[];
    expect(pb.length).toBeGreaterThan(0);
    expect(pb.every((x) => x.ownerOrganisationId === cast.orgs.parentBody.id && x.journeyId === a.id)).toBe(true);
  });

  it('leaves out done tasks, withdrawn journeys and journeys the caller cannot see', async () => {
    const { lead, outsider, admin } = cast.users;
    const j = await createJourney(t, cast, { name: 'Queue withdrawn' });
    const before = (await queue(lead, `?journeyId=${j.id}&limit=200`).expect(200)).body.total;
    expect(before).toBeGreaterThan(0);
    const one = (await tasksOf(j.id)).find((x) => x.ownerParty === 'mutual' && x.status === 'not_started')!;
    await t.http().patch(`/api/journeys/${j.id}/tasks/${one.id}`).set(lead.auth).send({ status: 'completed' }).expect(200);
    expect((await queue(lead, `?journeyId=${j.id}&limit=200`).expect(200)).body.total).toBe(before - 1);
    expect((await queue(outsider, `?journeyId=${j.id}`).expect(200)).body.items).toEqual([]);
    expect((await fire(t, j.id, admin, 'withdraw', { reason: 'Stopped' })).status).toBe(200);
    expect((await queue(lead, `?journeyId=${j.id}`).expect(200)).body.total).toBe(0);
  });

  it('gives the central team its queue across every journey, and only what is assigned to them with assignedTo=me', async () => {
    const { staff, admin } = cast.users;
    const j = await createJourney(t, cast, { name: 'Queue central' });
    const all = (await queue(staff, `?journeyId=${j.id}&limit=200`).expect(200)).body;
    expect(all.items.every((x: Item) => x.ownerOrganisationId === cast.orgs.central.id)).toBe(true);
    // Their own organisation's tasks are not assigned to them: nothing, and no 500.
    expect((await queue(staff, '?assignedTo=me').expect(200)).body).toEqual({
      items: [],
      total: 0,
      counts: { overdue: 0, this_week: 0, later: 0 },
    });
    expect((await queue(admin, `?assignedTo=me&journeyId=${j.id}&due=later`).expect(200)).body.total).toBe(0);
  });

  it('rejects bad queries with 400 naming the field, and needs a token', async () => {
    for (const [q, field] of [
      ['?due=soon', 'due'],
      ['?assignedTo=you', 'assignedTo'],
      ['?limit=0', 'limit'],
      ['?limit=1000', 'limit'],
      ['?offset=-1', 'offset'],
      ['?journeyId=nope', 'journeyId'],
      ['?colour=red', 'colour'],
    ]) {
      const res = await queue(cast.users.lead, q);
      expect([q, res.status]).toEqual([q, 400]);
      expect(res.body.message.join(' ')).toContain(field);
    }
    await t.http().get('/api/me/tasks').expect(401);
  });

  it('answers in a constant number of SQL statements however many journeys the organisation has', async () => {
    const db = t.app.get(DataSource);
    const statements = async () => {
      const spy = jest.spyOn(db, 'query');
      await queue(cast.users.lead, '?limit=50').expect(200);
      const n = spy.mock.calls.filter(([sql]) => /journey_tasks|journeys/.test(String(sql))).length;
      spy.mockRestore();
      return n;
    };
    const few = await statements();
    for (let i = 0; i < 4; i++) await createJourney(t, cast, { name: `Queue many ${i}` });
    expect(await statements()).toBe(few);
    expect(few).toBe(1);
  });
});

describe('daily work: a leaver’s tasks go back to their organisation', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
  });
  afterAll(() => t.close());

  it('unassigns a deactivated user’s open tasks (done ones keep who did them) and refuses them as a new task’s assignee', async () => {
    const { lead, member, admin } = cast.users;
    const j = await createJourney(t, cast, { name: 'Leaver journey' });
    const tasks = (await t.http().get(`/api/journeys/${j.id}/tasks`).set(lead.auth).expect(200)).body.items as Array<{
      id: string;
      ownerParty: string;
      assigneeUserId: string | null;
      dependsOn: string[];
    }>;
    // Two of the mutual's tasks that wait on nothing (so either can be completed now).
    const [open, done] = tasks.filter((x) => x.ownerParty === 'mutual' && x.dependsOn.length === 0);
    for (const task of [open, done]) {
      await t.http().patch(`/api/journeys/${j.id}/tasks/${task.id}`).set(lead.auth).send({ assigneeUserId: member.id }).expect(200);
    }
    await t.http().patch(`/api/journeys/${j.id}/tasks/${done.id}`).set(member.auth).send({ status: 'completed' }).expect(200);
    expect((await t.http().get('/api/me/tasks?assignedTo=me').set(member.auth).expect(200)).body.items.map((x: Item) => x.id)).toContain(
      open.id,
    );

    await t.http().patch(`/api/users/${member.id}`).set(admin.auth).send({ active: false }).expect(200);
    const after = (await t.http().get(`/api/journeys/${j.id}/tasks`).set(lead.auth).expect(200)).body.items as typeof tasks;
    expect(after.find((x) => x.id === open.id)?.assigneeUserId).toBeNull();
    expect(after.find((x) => x.id === done.id)?.assigneeUserId).toBe(member.id);
    // Back in the organisation's queue, with nobody's name on it.
    const queue = (await t.http().get('/api/me/tasks').set(lead.auth).expect(200)).body.items as Item[];
    expect(queue.find((x) => x.id === open.id)?.assigneeUserId).toBeNull();

    const refused = await t
      .http()
      .post(`/api/journeys/${j.id}/tasks`)
      .set(lead.auth)
      .send({ title: 'Hand over the files', ownerParty: 'mutual', assigneeUserId: member.id });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('assigneeUserId');
    expect((await t.http().get(`/api/journeys/${j.id}/tasks`).set(lead.auth).expect(200)).body.items).toHaveLength(tasks.length);
  });
});
