/**
 * The state of the sector's medians come from a read model (journey_latest_results, kept by
 * triggers on journey_results) and are kept in memory per scope and filters while
 * pipeline_results_version stands still (issue 11, item 7). Here every change that should move
 * the medians does, read straight after through the same API process: a baseline corrected
 * through the API, a year's figure corrected and a row deleted outside it, a journey withdrawn,
 * moved to another service area or department, or left with no figures. Hand-computed figures throughout.
 */
import { PIPELINE_JOURNEY_COLUMNS } from '@pathway/pipeline/pipeline-scope';
import { startTestApp, TestApp } from '../support/app';
import { Actor, createActor, createCast, createOrganisation } from '../support/fixtures';
import { createJourney, type Cast } from '../support/journeys';
import { sqlClient, withdraw } from '../pipeline/support';

jest.setTimeout(120_000);

describe('the state of the sector’s medians, kept and moved by every change', () => {
  let t: TestApp;
  let cast: Cast;
  let db: Awaited<ReturnType<typeof sqlClient>>;
  let officer: Actor;
  let otherDepartment: string;
  const ids = { a: '', b: '', c: '' };

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    db = await sqlClient(t);
    const dept = await createOrganisation(t, 'department');
    otherDepartment = (await createOrganisation(t, 'department')).id;
    officer = await createActor(t, dept.id, 'department_officer');
    for (const [key, serviceArea] of [
      ['a', 'health'],
      ['b', 'health'],
      ['c', 'social_care'],
    ] as const) {
      ids[key] = (await createJourney(t, cast, { serviceArea, departmentId: dept.id, name: `Kept medians ${key}` })).id;
    }
    // Figures written straight into the table (as a seed or a data fix would): the triggers keep the read model on that path too.
    for (const [key, baseline, year] of [
      ['a', 10, 6],
      ['b', 8, 7],
      ['c', 12, 9],
    ] as const) {
      await db.query(
        `INSERT INTO journey_results (journey_id, period, staff_turnover_pct, recorded_at) VALUES ($1, 'baseline', $2, now()), ($1, '2026-27', $3, now())`,
        [ids[key], baseline, year],
      );
    }
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  const medians = async (query = '') => (await t.http().get(`/api/pipeline/results${query}`).set(officer.auth).expect(200)).body;
  const turnover = (m: number | null, l: number | null, c: number | null, journeys: number) => ({
    journeys,
    medianBaseline: m,
    medianLatest: l,
    medianChange: c,
  });

  it('gives the hand-computed medians, the same on a second read', async () => {
    for (let read = 0; read < 2; read++) {
      const res = await medians();
      expect(res.journeys).toBe(3);
      // Baselines 10, 8, 12; latest 6, 7, 9; changes −4, −1, −3.
      expect(res.measures.staffTurnoverPct).toEqual(turnover(10, 7, -3, 3));
      expect(res.byServiceArea.health.measures.staffTurnoverPct).toEqual(turnover(9, 6.5, -2.5, 2));
      expect(res.byServiceArea.social_care.measures.staffTurnoverPct).toEqual(turnover(12, 9, -3, 1));
    }
    expect((await medians('?serviceArea=social_care')).journeys).toBe(1);
  });

  it('moves when a baseline is corrected through the API', async () => {
    await t.http().put(`/api/journeys/${ids.a}/results/baseline`).set(cast.users.lead.auth).send({ staffTurnoverPct: 20 }).expect(200);
    const res = await medians();
    // Baselines 20, 8, 12; changes −14, −1, −3.
    expect(res.measures.staffTurnoverPct).toEqual(turnover(12, 7, -3, 3));
    expect(res.byServiceArea.health.measures.staffTurnoverPct).toEqual(turnover(14, 6.5, -7.5, 2));
  });

  it('moves when a year’s figure is corrected, or a year deleted, outside the API', async () => {
    await db.query(`UPDATE journey_results SET staff_turnover_pct = 16 WHERE journey_id = $1 AND period = '2026-27'`, [ids.a]);
    let res = await medians();
    // Latest 16, 7, 9; changes −4, −1, −3.
    expect(res.measures.staffTurnoverPct).toEqual(turnover(12, 9, -3, 3));
    expect(res.byServiceArea.health.measures.staffTurnoverPct).toEqual(turnover(14, 11.5, -2.5, 2));

    await db.query(`DELETE FROM journey_results WHERE journey_id = $1 AND period = '2026-27'`, [ids.c]);
    res = await medians();
    // c has only its baseline now: not counted. Baselines 20, 8; latest 16, 7; changes −4, −1.
    expect(res.journeys).toBe(2);
    expect(res.measures.staffTurnoverPct).toEqual(turnover(14, 11.5, -2.5, 2));
    expect(res.byServiceArea.social_care).toBeUndefined();
    expect((await medians('?serviceArea=social_care')).journeys).toBe(0);
  });

  it('moves when a journey is withdrawn, changes service area or department, or loses its figures', async () => {
    await db.query(`INSERT INTO journey_results (journey_id, period, staff_turnover_pct, recorded_at) VALUES ($1, '2027-28', 10, now())`, [
      ids.c,
    ]);
    expect((await medians()).journeys).toBe(3);
    await withdraw(t, cast, ids.b);
    let res = await medians();
    // a (20 → 16) and c (12 → 10).
    expect(res.journeys).toBe(2);
    expect(res.measures.staffTurnoverPct).toEqual(turnover(16, 13, -3, 2));
    expect(res.byServiceArea.health.measures.staffTurnoverPct).toEqual(turnover(20, 16, -4, 1));

    await db.query(`UPDATE journeys SET service_area = 'social_care' WHERE id = $1`, [ids.a]);
    res = await medians();
    expect(res.byServiceArea.health).toBeUndefined();
    expect(res.byServiceArea.social_care.measures.staffTurnoverPct).toEqual(turnover(16, 13, -3, 2));

    await db.query(`UPDATE journeys SET department_id = $2 WHERE id = $1`, [ids.a, otherDepartment]);
    res = await medians();
    expect(res.journeys).toBe(1);
    expect(res.measures.staffTurnoverPct).toEqual(turnover(12, 10, -2, 1));

    await db.query(`DELETE FROM journey_results WHERE journey_id = $1`, [ids.c]);
    res = await medians();
    expect(res.journeys).toBe(0);
    expect(res.measures.staffTurnoverPct).toEqual(turnover(null, null, null, 0));
  });

  it('keeps the read model equal to the figures, and watches every journey column the pipeline filters read', async () => {
    const { rows } = await db.query(`
      SELECT r.journey_id, bool_or(r.period = 'baseline') AS has_baseline, bool_or(r.period <> 'baseline') AS has_year,
             max(r.staff_turnover_pct::float8) FILTER (WHERE r.period = 'baseline') AS baseline_staff_turnover_pct,
             (array_agg(r.staff_turnover_pct::float8 ORDER BY r.period DESC)
                FILTER (WHERE r.period <> 'baseline' AND r.staff_turnover_pct IS NOT NULL))[1] AS latest_staff_turnover_pct
        FROM journey_results r GROUP BY r.journey_id
      EXCEPT
      SELECT journey_id, has_baseline, has_year, baseline_staff_turnover_pct, latest_staff_turnover_pct FROM journey_latest_results`);
    expect(rows).toEqual([]);
    const counts = await db.query(`SELECT (SELECT count(DISTINCT journey_id) FROM journey_results)::int AS figures,
                                          (SELECT count(*) FROM journey_latest_results)::int AS kept`);
    expect(counts.rows[0].kept).toBe(counts.rows[0].figures);

    const [{ def }] = (
      await db.query(`SELECT pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE tgname = 'journeys_pipeline_results_bump'`)
    ).rows as Array<{ def: string }>;
    for (const column of PIPELINE_JOURNEY_COLUMNS) expect(def).toContain(`old.${column} IS DISTINCT FROM new.${column}`);
  });
});
