/**
 * Results against the in-house baseline, and the pipeline's sustainability views (results
 * medians, contract expiries, summary counts, a lost contract at risk), against the real API and
 * Postgres. Time moves with the app's injected Clock, not by sleeping or rewriting rows. Every
 * journey here belongs to a department of its own, and the pipeline is read as that department's
 * officer, so other test files' journeys do not enter the figures.
 */
import { addCalendar } from '@pathway/domain/calendar/add-calendar';
import { todayInLondon } from '@pathway/domain/calendar/london';
import { Clock } from '@pathway/platform/clock/clock';
import { startTestApp, TestApp } from '../support/app';
import { Actor, createActor, createCast, createOrganisation } from '../support/fixtures';
import { createJourney, type Cast } from '../support/journeys';
import { parse } from 'csv-parse/sync';
import { advanceTo, backdateTask, sqlClient } from '../pipeline/support';

jest.setTimeout(180_000);

describe('results against the in-house baseline', () => {
  let t: TestApp;
  let cast: Cast;
  let db: Awaited<ReturnType<typeof sqlClient>>;
  let deptOfficer: Actor;
  const ids: Record<'a' | 'b' | 'c' | 'd', string> = { a: '', b: '', c: '', d: '' };

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    db = await sqlClient(t);
    const dept = await createOrganisation(t, 'department');
    deptOfficer = await createActor(t, dept.id, 'department_officer');
    for (const [key, serviceArea] of [
      ['a', 'health'],
      ['b', 'health'],
      ['c', 'social_care'],
      ['d', 'health'],
    ] as const) {
      ids[key] = (await createJourney(t, cast, { serviceArea, departmentId: dept.id, name: `Results ${key}` })).id;
    }
  });
  afterAll(async () => {
    t?.app.get(Clock).reset();
    await db?.end();
    await t?.close();
  });

  const put = (id: string, period: string, body: Record<string, unknown>, as = cast.users.lead) =>
    t.http().put(`/api/journeys/${id}/results/${period}`).set(as.auth).send(body);
  const stored = async (id: string) =>
    Number((await db.query(`SELECT count(*) FROM journey_results WHERE journey_id = $1`, [id])).rows[0].count);

  it('takes the baseline before transfer from the parent body or the mutual lead, and no year until the transfer', async () => {
    const res = await put(
      ids.a,
      'baseline',
      { staffTurnoverPct: 7.8, sicknessDaysPerFte: 22, staffCount: 1400, socialValue: 'Volunteer drivers for rural patients' },
      cast.users.officer,
    ).expect(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        period: 'baseline',
        staffTurnoverPct: 7.8,
        sicknessDaysPerFte: 22,
        staffCount: 1400,
        staffSatisfactionPct: null,
        recordedByUserId: cast.users.officer.id,
      }),
    ]);
    expect(res.body.comparison).toEqual({});
    const early = await put(ids.a, '2026-27', { staffTurnoverPct: 6 }).expect(422);
    expect(early.body).toMatchObject({ code: 'not_transferred', field: 'period' });
    await put(ids.a, 'baseline', { staffTurnoverPct: 7.8 }, cast.users.member).expect(403);
    await put(ids.a, 'baseline', { staffTurnoverPct: 7.8 }, cast.users.outsider).expect(404);
  });

  it('answers bad figures and periods with 400 naming them, storing nothing', async () => {
    const before = await stored(ids.a);
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['baseline', { staffTurnoverPct: 101 }, 'staffTurnoverPct'],
      ['baseline', { staffSatisfactionPct: -0.5 }, 'staffSatisfactionPct'],
      ['baseline', { staffCount: -1 }, 'staffCount'],
      ['baseline', { staffCount: 2.5 }, 'staffCount'],
      ['baseline', { incomeGbp: -100 }, 'incomeGbp'],
      // Beyond the columns (integer, numeric(16, 2)): named here, not a database error.
      ['baseline', { staffCount: 99_999_999_999_999 }, 'staffCount must be a whole number from 0 to 2147483647'],
      ['baseline', { staffCount: 2_147_483_648 }, 'staffCount must be a whole number from 0 to 2147483647'],
      ['baseline', { incomeGbp: 1e20 }, 'incomeGbp must be at most 99999999999999 pounds'],
      ['baseline', { incomeGbp: 100_000_000_000_000 }, 'incomeGbp must be at most'],
      ['baseline', { sicknessDaysPerFte: 'lots' }, 'sicknessDaysPerFte'],
      ['baseline', { mood: 'good' }, 'mood'],
      ['baseline', {}, 'at least one figure'],
      ['2026-28', { staffTurnoverPct: 5 }, 'YYYY-YY'],
      ['2026', { staffTurnoverPct: 5 }, 'YYYY-YY'],
    ];
    for (const [period, body, field] of cases) {
      const res = await put(ids.a, period, body);
      expect([period, res.status, JSON.stringify(res.body.message)]).toEqual([period, 400, expect.stringContaining(field)]);
    }
    expect(await stored(ids.a)).toBe(before);
    expect(
      (await db.query(`SELECT staff_turnover_pct FROM journey_results WHERE journey_id = $1`, [ids.a])).rows[0].staff_turnover_pct,
    ).toBe('7.800');
  });

  it('records yearly figures from the transfer year to the current one, moving through two years on the injected clock', async () => {
    for (const key of ['a', 'b', 'c', 'd'] as const) await advanceTo(t, cast, ids[key], 'bedding_in');
    const clock = t.app.get(Clock);
    const transferYear = financialYear(todayInLondon(new Date()));
    const [y0, y1, y2] = [transferYear, nextYear(transferYear), nextYear(nextYear(transferYear))];

    await put(ids.a, y0, { staffTurnoverPct: 6, sicknessDaysPerFte: 1 }).expect(200);
    const future = await put(ids.a, y1, { staffTurnoverPct: 3.5 }).expect(422);
    expect(future.body).toMatchObject({ code: 'year_in_future', field: 'period' });
    const before = await put(ids.a, previousYear(y0), { staffTurnoverPct: 3.5 }).expect(422);
    expect(before.body.code).toBe('year_before_transfer');

    clock.travelTo(new Date(`${Number(y2.slice(0, 4))}-06-01T12:00:00Z`));
    await put(ids.a, y1, { staffTurnoverPct: 3.5 }).expect(200);
    await put(ids.a, y1, { staffTurnoverPct: 3.5 }, cast.users.officer).expect(403);
    const res = await t.http().get(`/api/journeys/${ids.a}/results`).set(cast.users.commissioner.auth).expect(200);
    expect(res.body.items.map((i: { period: string }) => i.period)).toEqual(['baseline', y0, y1]);
    expect(res.body.comparison).toEqual({
      staffTurnoverPct: { baseline: 7.8, latest: 3.5, latestPeriod: y1, change: -4.3 },
      sicknessDaysPerFte: { baseline: 22, latest: 1, latestPeriod: y0, change: -21 },
    });

    await put(ids.b, 'baseline', { staffTurnoverPct: 10 }).expect(200);
    await put(ids.b, y0, { staffTurnoverPct: 8 }).expect(200);
    await put(ids.c, 'baseline', { staffTurnoverPct: 12 }).expect(200);
    await put(ids.c, y1, { staffTurnoverPct: 9 }).expect(200);
    await put(ids.d, 'baseline', { staffTurnoverPct: 9 }).expect(200); // no year yet: not counted
    const history = await t.http().get(`/api/journeys/${ids.a}/history`).set(cast.users.lead.auth).expect(200);
    expect(history.body.items.filter((h: { type: string }) => h.type === 'results_recorded')).toHaveLength(3);
  });

  it('gives the central team medians overall and by service area, as computed by hand', async () => {
    const res = await t.http().get('/api/pipeline/results').set(deptOfficer.auth).expect(200);
    expect(res.body.journeys).toBe(3);
    // Turnover: baselines 7.8, 10, 12; latest 3.5, 8, 9; changes −4.3, −2, −3.
    expect(res.body.measures.staffTurnoverPct).toEqual({ journeys: 3, medianBaseline: 10, medianLatest: 8, medianChange: -3 });
    expect(res.body.measures.sicknessDaysPerFte).toEqual({ journeys: 1, medianBaseline: 22, medianLatest: 1, medianChange: -21 });
    expect(res.body.measures.staffCount).toEqual({ journeys: 0, medianBaseline: null, medianLatest: null, medianChange: null });
    expect(res.body.byServiceArea.health.journeys).toBe(2);
    expect(res.body.byServiceArea.health.measures.staffTurnoverPct).toEqual({
      journeys: 2,
      medianBaseline: 8.9,
      medianLatest: 5.75,
      medianChange: -3.15,
    });
    expect(res.body.byServiceArea.social_care.measures.staffTurnoverPct).toEqual({
      journeys: 1,
      medianBaseline: 12,
      medianLatest: 9,
      medianChange: -3,
    });
    await t.http().get('/api/pipeline/results').set(cast.users.lead.auth).expect(403);
    const area = await t.http().get('/api/pipeline/results?serviceArea=social_care').set(deptOfficer.auth).expect(200);
    expect(area.body.journeys).toBe(1);
  });

  it('carries each journey’s latest figures in the pipeline CSV, as one block of columns after the ballot’s', async () => {
    const res = await t.http().get('/api/pipeline/journeys.csv').set(deptOfficer.auth).expect(200);
    const rows: Array<Record<string, string>> = parse(res.text, { columns: true, bom: true });
    const header = Object.keys(rows[0]);
    // Columns added later go at the end (a machine CSV's readers may go by position), so the block
    // stays where it was added: straight after the latest ballot's columns.
    const at = header.indexOf('resultsLatestPeriod');
    expect(header[at - 1]).toBe('latestBallotMeetsThreshold');
    expect(header.slice(at, at + 8)).toEqual([
      'resultsLatestPeriod',
      'latestStaffTurnoverPct',
      'latestSicknessDaysPerFte',
      'latestStaffSatisfactionPct',
      'latestServiceUserSatisfactionPct',
      'latestStaffCount',
      'latestIncomeGbp',
      'latestStaffMembershipPct',
    ]);
    const row = (id: string) => rows.find((r) => r.id === id)!;
    const transferYear = financialYear(todayInLondon(new Date()));
    // a: turnover 3.5 in the later year, sickness 1 from the transfer year (each measure's latest figure).
    expect(row(ids.a)).toMatchObject({
      resultsLatestPeriod: nextYear(transferYear),
      latestStaffTurnoverPct: '3.5',
      latestSicknessDaysPerFte: '1',
      latestStaffCount: '',
    });
    expect(row(ids.b)).toMatchObject({ resultsLatestPeriod: transferYear, latestStaffTurnoverPct: '8' });
    // d has only a baseline: no latest figures.
    expect(row(ids.d)).toMatchObject({ resultsLatestPeriod: '', latestStaffTurnoverPct: '' });
  });

  it('lists contracts expiring soonest first, counts them in the summary, and puts a lost contract at risk', async () => {
    const today = todayInLondon(new Date());
    const c = (id: string, title: string, endDate: string, as = cast.users.commissioner) =>
      t
        .http()
        .post(`/api/journeys/${id}/contracts`)
        .set(as.auth)
        .send({
          title,
          commissionerId: cast.orgs.commissioner.id,
          startDate: addCalendar(today, -24, 'months'),
          endDate,
          annualValueGbp: 1_000_000,
          route: 'open_competition',
        });
    const soon = (await c(ids.a, 'Ends soon', addCalendar(today, 3, 'months')).expect(201)).body;
    const later = (await c(ids.b, 'Ends later', addCalendar(today, 17, 'months')).expect(201)).body;
    await c(ids.c, 'Ends far away', addCalendar(today, 30, 'months')).expect(201);

    const list = await t.http().get('/api/pipeline/contract-expiries?withinMonths=18').set(deptOfficer.auth).expect(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items.map((i: { contractId: string }) => i.contractId)).toEqual([soon.id, later.id]);
    // Three months from the end, planning (due 18 months before) was due at once: with the catch-up it is still open, not yet overdue.
    expect(list.body.items[0]).toMatchObject({
      journeyId: ids.a,
      title: 'Ends soon',
      route: 'open_competition',
      annualValueGbp: 1_000_000,
      renewalTaskStatus: 'not_started',
      renewalTaskKey: 'plan_contract_renewal',
    });
    const wide = await t.http().get('/api/pipeline/contract-expiries?withinMonths=36').set(deptOfficer.auth).expect(200);
    expect(wide.body.total).toBe(3);
    await t.http().get('/api/pipeline/contract-expiries?withinMonths=0').set(deptOfficer.auth).expect(400);
    await t.http().get('/api/pipeline/contract-expiries?withinMonths=soon').set(deptOfficer.auth).expect(400);

    // The renewal decision of "Ends later" overdue.
    const decide = later.renewalTasks.find((x: { key: string }) => x.key === 'decide_contract_renewal');
    await backdateTask(t, decide.id, addCalendar(today, -2, 'calendar_days'));
    const summary = await t.http().get('/api/pipeline/summary').set(deptOfficer.auth).expect(200);
    expect(summary.body).toMatchObject({ contractsExpiringWithin18Months: 2, journeysWithOverdueRenewal: 1 });

    await t
      .http()
      .patch(`/api/journeys/${ids.a}/contracts/${soon.id}`)
      .set(cast.users.commissioner.auth)
      .send({ outcome: 'lost' })
      .expect(200);
    const risk = await t.http().get('/api/pipeline/at-risk').set(deptOfficer.auth).expect(200);
    const a = risk.body.items.find((i: { id: string }) => i.id === ids.a);
    expect(a.reasons).toEqual([
      expect.objectContaining({ code: 'contract_lost', contracts: [{ id: soon.id, title: 'Ends soon', endDate: soon.endDate }] }),
    ]);
    // A new contract that runs on past the lost one takes the journey off the list.
    await c(ids.a, 'Won elsewhere', addCalendar(today, 40, 'months')).expect(201);
    const after = await t.http().get('/api/pipeline/at-risk').set(deptOfficer.auth).expect(200);
    expect(after.body.items.some((i: { id: string }) => i.id === ids.a)).toBe(false);
  });
});

function financialYear(date: string): string {
  const y = Number(date.slice(0, 4));
  const start = date.slice(5) >= '04-01' ? y : y - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}
const nextYear = (fy: string) => financialYear(`${Number(fy.slice(0, 4)) + 1}-06-01`);
const previousYear = (fy: string) => financialYear(`${Number(fy.slice(0, 4)) - 1}-06-01`);
