import { parse } from 'csv-parse/sync';
import type { Client } from 'pg';
import { todayInLondon } from '@pathway/domain/calendar/london';
import { JOURNEY_STATES, PHASES, REGIONS, SERVICE_AREAS } from '@pathway/domain/vocabulary';
import { startTestApp, TestApp } from '../support/app';
import { createCast, createOrganisation } from '../support/fixtures';
import { Cast, createJourney } from '../support/journeys';
import { advanceTo, backdateTask, isOpen, londonDate, putOnHold, raiseConcern, sqlClient, tasksOf, withdraw } from './support';

/** Far enough that no template deadline (the earliest is 20 months before transfer) has passed. */
const FAR = londonDate(900);
const zeros = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 0]));
const ACTIVE_STATES = JOURNEY_STATES.filter((s) => s !== 'withdrawn');
const CSV_HEADER =
  'id,name,mutualOrganisationName,parentBodyName,commissionerName,departmentName,arbiterName,serviceArea,region,phase,state,staffCount,plannedTransferDate,openTasks,overdueTasks,openEscalations,' +
  'mutualOrganisationId,parentBodyId,commissionerId,departmentId,arbiterId,lastActivityAt,' +
  'latestBallotHeldOn,latestBallotMethod,latestBallotTurnout,latestBallotSupportShare,latestBallotMeetsThreshold,' +
  // Results against the baseline (issue 11), one block at the end.
  'resultsLatestPeriod,latestStaffTurnoverPct,latestSicknessDaysPerFte,latestStaffSatisfactionPct,latestServiceUserSatisfactionPct,' +
  'latestStaffCount,latestIncomeGbp,latestStaffMembershipPct,' +
  // When the journey entered its state, days since, at risk (issue 18).
  'stateEnteredAt,daysInState,atRisk';
const BOM = '\uFEFF';

/**
 * Six journeys of one parent body (created here, so other test files' journeys never count) move
 * through states; the summary, the monitors' list and the CSV must agree with what was done.
 *
 *   j1 exploring          health                 london      100  hostile names, 2 overdue tasks, concern
 *   j2 business_planning  social_care            wales       200  1 overdue task
 *   j3 on_hold            health                 wales       300  overdue task (paused: not counted), concern
 *   j4 withdrawn          youth                  london       50  not active: counted nowhere, concern
 *   j5 mobilising         education_and_learning north_east 1000  1 overdue task (dueAt an hour ago)
 *   j6 bedding_in         housing                london      700  transferred: no staff to transfer
 */
describe('pipeline: summary, monitors’ journey list and CSV over a known set of journeys', () => {
  let t: TestApp;
  let cast: Cast;
  let db: Client;
  let pb: string;
  const j: Record<'j1' | 'j2' | 'j3' | 'j4' | 'j5' | 'j6', string> = { j1: '', j2: '', j3: '', j4: '', j5: '', j6: '' };
  let hostileMutualName: string;

  const summary = async (query = '') =>
    (await t.http().get(`/api/pipeline/summary?parentBodyId=${pb}${query}`).set(cast.users.staff.auth).expect(200)).body;
  const list = async (query = '') =>
    (await t.http().get(`/api/pipeline/journeys?parentBodyId=${pb}${query}`).set(cast.users.staff.auth).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    db = await sqlClient(t);
    pb = cast.orgs.parentBody.id;
    hostileMutualName = '=HYPERLINK("http://evil.test","Click, here")';
    const hostileMutual = await createOrganisation(t, 'mutual', hostileMutualName);
    const { admin } = cast.users;
    j.j1 = (
      await createJourney(
        t,
        cast,
        {
          name: '=SUM(1,2) spin-out',
          mutualOrganisationId: hostileMutual.id,
          serviceArea: 'health',
          region: 'london',
          staffCount: 100,
          plannedTransferDate: FAR,
        },
        admin,
      )
    ).id;
    j.j2 = (
      await createJourney(t, cast, {
        name: 'Care, "together" mutual',
        serviceArea: 'social_care',
        region: 'wales',
        staffCount: 200,
        plannedTransferDate: FAR,
      })
    ).id;
    j.j3 = (
      await createJourney(t, cast, {
        name: '@risk health services',
        serviceArea: 'health',
        region: 'wales',
        staffCount: 300,
        plannedTransferDate: FAR,
      })
    ).id;
    j.j4 = (
      await createJourney(t, cast, {
        name: 'Youth mutual',
        serviceArea: 'youth',
        region: 'london',
        staffCount: 50,
        plannedTransferDate: FAR,
      })
    ).id;
    j.j5 = (
      await createJourney(t, cast, {
        name: '-1 learning partnership',
        serviceArea: 'education_and_learning',
        region: 'north_east',
        staffCount: 1000,
        plannedTransferDate: FAR,
      })
    ).id;
    j.j6 = (
      await createJourney(t, cast, {
        name: '+Homes mutual',
        serviceArea: 'housing',
        region: 'london',
        staffCount: 700,
        plannedTransferDate: FAR,
      })
    ).id;
    await advanceTo(t, cast, j.j2, 'business_planning');
    await advanceTo(t, cast, j.j5, 'mobilising');
    await advanceTo(t, cast, j.j6, 'bedding_in');
    await raiseConcern(t, admin, j.j1);
    await raiseConcern(t, cast.users.lead, j.j3);
    await raiseConcern(t, cast.users.lead, j.j4);
    await putOnHold(t, cast, j.j3);
    await withdraw(t, cast, j.j4);
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('counts the active journeys by phase, state, service area and region, every value present', async () => {
    const body = await summary();
    expect(body).toEqual({
      total: 5,
      byPhase: { ...zeros(PHASES), pre_spin_out: 3, spinning_out: 1, sustainability: 1 },
      byState: { ...zeros(ACTIVE_STATES), exploring: 1, business_planning: 1, on_hold: 1, mobilising: 1, bedding_in: 1 },
      byServiceArea: { ...zeros(SERVICE_AREAS), health: 2, social_care: 1, education_and_learning: 1, housing: 1 },
      byRegion: { ...zeros(REGIONS), london: 2, wales: 2, north_east: 1 },
      overdueTasks: 0,
      openEscalations: 2,
      staffTransferring: 100 + 200 + 300 + 1000,
      contractsExpiringWithin18Months: 0,
      journeysWithOverdueRenewal: 0,
      asOf: expect.any(String),
    });
  });

  it('counts overdue tasks as deadlines pass: not on hold, not withdrawn, not done, not due later today', async () => {
    const { admin } = cast.users;
    const j1Open = (await tasksOf(t, cast, j.j1)).filter(isOpen);
    for (const task of j1Open.slice(0, 2)) {
      await backdateTask(t, task.id, londonDate(-3));
    }
    // Due today: its deadline is the end of today in London, so not overdue yet.
    await t
      .http()
      .patch(`/api/journeys/${j.j1}/tasks/${j1Open[2].id}`)
      .set(admin.auth)
      .send({ dueDate: londonDate(0) })
      .expect(200);
    const j2Task = (await tasksOf(t, cast, j.j2)).find((x) => isOpen(x) && x.ownerParty === 'mutual')!;
    await backdateTask(t, j2Task.id, londonDate(-1));
    // On hold and withdrawn journeys: the clock is stopped (set in SQL: their tasks cannot change through the API).
    for (const id of [j.j3, j.j4]) {
      const task = (await tasksOf(t, cast, id)).find(isOpen)!;
      await db.query(`UPDATE journey_tasks SET due_date = current_date - 5 WHERE id = $1`, [task.id]);
    }
    // An exact deadline an hour ago counts; a completed task past its date does not.
    const j5Task = (await tasksOf(t, cast, j.j5)).find(isOpen)!;
    await db.query(`UPDATE journey_tasks SET due_at = now() - interval '1 hour' WHERE id = $1`, [j5Task.id]);
    const j6Done = (await tasksOf(t, cast, j.j6)).find((x) => x.status === 'completed')!;
    await db.query(`UPDATE journey_tasks SET due_date = current_date - 30 WHERE id = $1`, [j6Done.id]);

    expect((await summary()).overdueTasks).toBe(2 + 1 + 1);

    const { items, total } = await list();
    expect(total).toBe(6);
    const byId = new Map(items.map((x: { id: string }) => [x.id, x]));
    const overdue = Object.fromEntries(Object.entries(j).map(([k, id]) => [k, (byId.get(id) as { overdueTasks: number }).overdueTasks]));
    expect(overdue).toEqual({ j1: 2, j2: 1, j3: 0, j4: 0, j5: 1, j6: 0 });
    for (const id of Object.values(j)) {
      const open = (await tasksOf(t, cast, id)).filter(isOpen).length;
      expect(byId.get(id)).toMatchObject({ openTasks: open });
    }
    const escalations = Object.fromEntries(
      Object.entries(j).map(([k, id]) => [k, (byId.get(id) as { openEscalations: number }).openEscalations]),
    );
    expect(escalations).toMatchObject({ j1: 1, j2: 0, j5: 0, j6: 0 });
  });

  it('lists every journey with its parties’ names, soonest planned transfer first, paginated', async () => {
    const { items, total } = await list();
    expect(total).toBe(6);
    const j1 = items.find((x: { id: string }) => x.id === j.j1);
    expect(j1).toMatchObject({
      name: '=SUM(1,2) spin-out',
      phase: 'pre_spin_out',
      state: 'exploring',
      serviceArea: 'health',
      region: 'london',
      staffCount: 100,
      mutualOrganisationName: hostileMutualName,
      parentBodyId: pb,
      parentBodyName: cast.orgs.parentBody.name,
      departmentName: cast.orgs.department.name,
      commissionerName: cast.orgs.commissioner.name,
      arbiterName: cast.orgs.arbiter.name,
    });
    expect(items.find((x: { id: string }) => x.id === j.j4).state).toBe('withdrawn');
    const order = items.map((x: { plannedTransferDate: string; name: string }) => x.plannedTransferDate);
    expect([...order].sort()).toEqual(order);

    const pages = [];
    for (let offset = 0; offset < 6; offset += 4)
      pages.push(...(await list(`&limit=4&offset=${offset}`)).items.map((x: { id: string }) => x.id));
    expect(pages).toEqual(items.map((x: { id: string }) => x.id));
    expect(await list('&limit=4&offset=10')).toEqual({ items: [], total: 6 });
    expect((await list('&state=withdrawn')).items.map((x: { id: string }) => x.id)).toEqual([j.j4]);
  });

  it('filters the summary and the list by service area, region, phase and parent body', async () => {
    expect(await summary('&serviceArea=health')).toMatchObject({ total: 2, staffTransferring: 400, openEscalations: 2, overdueTasks: 2 });
    expect(await summary('&region=wales')).toMatchObject({
      total: 2,
      byServiceArea: expect.objectContaining({ health: 1, social_care: 1 }),
      overdueTasks: 1,
    });
    expect(await summary('&phase=spinning_out')).toMatchObject({
      total: 1,
      byState: expect.objectContaining({ mobilising: 1 }),
      staffTransferring: 1000,
      overdueTasks: 1,
    });
    expect(await summary('&phase=sustainability&region=london')).toMatchObject({
      total: 1,
      staffTransferring: 0,
      overdueTasks: 0,
      openEscalations: 0,
    });
    expect(await summary('&region=scotland')).toMatchObject({
      total: 0,
      byPhase: zeros(PHASES),
      overdueTasks: 0,
      openEscalations: 0,
      staffTransferring: 0,
    });

    const other = await t
      .http()
      .get(`/api/pipeline/summary?parentBodyId=${cast.orgs.otherParentBody.id}`)
      .set(cast.users.staff.auth)
      .expect(200);
    expect(other.body.total).toBe(0);

    const ids = async (query: string) => (await list(query)).items.map((x: { id: string }) => x.id).sort();
    expect(await ids('&serviceArea=health')).toEqual([j.j1, j.j3].sort());
    expect(await ids('&region=london')).toEqual([j.j1, j.j4, j.j6].sort());
    expect(await ids('&phase=pre_spin_out&region=wales')).toEqual([j.j2, j.j3].sort());
  });

  it('streams the CSV: header first, one row per journey, agreeing with the list, formula-safe', async () => {
    const res = await t.http().get(`/api/pipeline/journeys.csv?parentBodyId=${pb}`).set(cast.users.staff.auth).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="pathway-journeys-${todayInLondon(new Date())}.csv"`);
    // A UTF-8 byte order mark (for Excel), then CRLF after every record, the last included.
    expect(res.text.startsWith(`${BOM}${CSV_HEADER}\r\n`)).toBe(true);
    expect(res.text.endsWith('\r\n')).toBe(true);
    expect(res.text.replace(/"[^"]*"/g, '')).not.toMatch(/[^\r]\n/);

    const rows: Array<Record<string, string>> = parse(res.text, { columns: true, bom: true });
    expect(Object.keys(rows[0])).toEqual(CSV_HEADER.split(','));
    const { items } = await list();
    expect(rows.map((r) => r.id).sort()).toEqual(items.map((x: { id: string }) => x.id).sort());
    const safe = (v: string | null) => (v === null ? '' : /^[=+\-@]/.test(v) ? `'${v}` : v);
    for (const item of items) {
      const row = rows.find((r) => r.id === item.id)!;
      expect(row).toEqual({
        id: item.id,
        name: safe(item.name),
        mutualOrganisationName: safe(item.mutualOrganisationName),
        parentBodyName: safe(item.parentBodyName),
        commissionerName: safe(item.commissionerName),
        departmentName: safe(item.departmentName),
        arbiterName: safe(item.arbiterName),
        serviceArea: item.serviceArea,
        region: item.region,
        phase: item.phase,
        state: item.state,
        staffCount: String(item.staffCount),
        plannedTransferDate: item.plannedTransferDate,
        openTasks: String(item.openTasks),
        overdueTasks: String(item.overdueTasks),
        openEscalations: String(item.openEscalations),
        mutualOrganisationId: item.mutualOrganisationId,
        parentBodyId: item.parentBodyId,
        commissionerId: item.commissionerId ?? '',
        departmentId: item.departmentId ?? '',
        arbiterId: item.arbiterId ?? '',
        lastActivityAt: item.lastActivityAt,
        // The latest staff ballot (test/staff-voice/ballots.e2e-spec.ts checks the figures): empty without one.
        latestBallotHeldOn: expect.stringMatching(/^(\d{4}-\d{2}-\d{2})?$/),
        latestBallotMethod: expect.stringMatching(/^(secret_postal|secret_online|secret_in_person|show_of_hands)?$/),
        latestBallotTurnout: expect.stringMatching(/^(0(\.\d+)?|1)?$/),
        latestBallotSupportShare: expect.stringMatching(/^(0(\.\d+)?|1)?$/),
        latestBallotMeetsThreshold: expect.stringMatching(/^(yes|no)?$/),
        // No results recorded for these journeys: the results block is empty.
        ...Object.fromEntries(
          CSV_HEADER.split(',')
            .slice(-11, -3)
            .map((k) => [k, '']),
        ),
        stateEnteredAt: item.stateEnteredAt,
        daysInState: String(item.daysInState),
        atRisk: String(item.atRisk),
      });
      // Every field of the JSON list is a column of the CSV.
      expect(Object.keys(item).filter((k) => !(k in row))).toEqual([]);
    }
    const j1 = rows.find((r) => r.id === j.j1)!;
    expect(j1.name).toBe(`'=SUM(1,2) spin-out`);
    expect(j1.mutualOrganisationName).toBe(`'${hostileMutualName}`);
    expect(rows.find((r) => r.id === j.j2)!.name).toBe('Care, "together" mutual');
    expect(rows.find((r) => r.id === j.j3)!.name).toBe(`'@risk health services`);
    expect(rows.find((r) => r.id === j.j5)!.name).toBe(`'-1 learning partnership`);
    expect(rows.find((r) => r.id === j.j6)!.name).toBe(`'+Homes mutual`);
  });

  it('gives its database connection back after every export (more exports than the pool has connections)', async () => {
    for (let i = 0; i < 15; i++) {
      const res = await t.http().get(`/api/pipeline/journeys.csv?parentBodyId=${pb}`).set(cast.users.staff.auth).expect(200);
      expect(res.text.trim().split('\r\n')).toHaveLength(7);
    }
    await t.http().get(`/api/pipeline/summary?parentBodyId=${pb}`).set(cast.users.staff.auth).expect(200);
  });

  it('writes the header even when no journey matches, and filters like the list', async () => {
    const empty = await t
      .http()
      .get(`/api/pipeline/journeys.csv?parentBodyId=${pb}&region=scotland`)
      .set(cast.users.admin.auth)
      .expect(200);
    expect(empty.text).toBe(`${BOM}${CSV_HEADER}\r\n`);
    const wales = await t.http().get(`/api/pipeline/journeys.csv?parentBodyId=${pb}&region=wales`).set(cast.users.admin.auth).expect(200);
    const rows: Array<Record<string, string>> = parse(wales.text, { columns: true, bom: true });
    expect(rows.map((r) => r.id).sort()).toEqual([j.j2, j.j3].sort());
  });
});
