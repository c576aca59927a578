import { Client } from 'pg';
import { PATHWAY_TEMPLATE_V1 } from '@pathway/domain/template/pathway-template.v1';
import { REGIONS, SERVICE_AREAS } from '@pathway/domain/vocabulary';
import { api, BENCH_ADMIN_TOKEN, benchApi, benchEnvironment, healthP95, percentile, report, timeIt } from './support';
import { templateTaskRows } from './seed-journeys';

const JOURNEYS = Number(process.env.BENCH_JOURNEYS ?? 10_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
// BENCH_REQUESTS=20 for a quick look; BENCH_KEEP_DB=1 to keep the seeded database for EXPLAIN.
const CSV_RUNS = Number(process.env.BENCH_CSV_RUNS ?? 5);

/** Phase and state of seeded journeys, repeated by weight: most journeys are early on. */
const POSITIONS: Array<[phase: string, state: string, weight: number]> = [
  ['pre_spin_out', 'exploring', 12],
  ['pre_spin_out', 'awaiting_parent_body_response', 6],
  ['pre_spin_out', 'declined', 2],
  ['pre_spin_out', 'under_appeal', 1],
  ['pre_spin_out', 'business_planning', 14],
  ['pre_spin_out', 'awaiting_approval', 5],
  ['pre_spin_out', 'approved', 3],
  ['pre_spin_out', 'on_hold', 3],
  ['pre_spin_out', 'withdrawn', 4],
  ['spinning_out', 'mobilising', 10],
  ['spinning_out', 'entity_registered', 9],
  ['spinning_out', 'ready_for_transfer', 4],
  ['spinning_out', 'on_hold', 2],
  ['spinning_out', 'withdrawn', 2],
  ['sustainability', 'bedding_in', 8],
  ['sustainability', 'operating', 15],
];
const PHASE_ORDER: Record<string, number> = { pre_spin_out: 1, spinning_out: 2, sustainability: 3 };

/**
 * Seeds `count` journeys straight into Postgres with set-based SQL (seconds): varied phases,
 * states, service areas, regions, parent bodies and departments; every template task per journey
 * with statuses that follow the journey's phase and due dates from the template rules (so some are
 * overdue); open and resolved escalations on some journeys. Then VACUUM ANALYZE, as autovacuum
 * would have done on a live database.
 */
async function seed(databaseUrl: string, count: number): Promise<{ parentBodyIds: string[]; departmentIds: string[]; tasks: number }> {
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  try {
    const parents = await pg.query(
      `INSERT INTO organisations (name, kind) SELECT 'Council ' || g, 'parent_body' FROM generate_series(1, 60) g RETURNING id`,
    );
    const departments = await pg.query(
      `INSERT INTO organisations (name, kind) SELECT 'Department ' || g, 'department' FROM generate_series(1, 10) g RETURNING id`,
    );
    const commissioners = await pg.query(
      `INSERT INTO organisations (name, kind) SELECT 'Commissioner ' || g, 'commissioner' FROM generate_series(1, 20) g RETURNING id`,
    );
    const arbiters = await pg.query(
      `INSERT INTO organisations (name, kind) SELECT 'Arbiter ' || g, 'arbiter' FROM generate_series(1, 2) g RETURNING id`,
    );
    // Some names are hostile to spreadsheets (formula injection) or to CSV (quotes, commas).
    await pg.query(
      `CREATE TEMP TABLE seed_mutuals AS
       SELECT g AS n, gen_random_uuid() AS id,
              CASE WHEN g % 500 = 0 THEN '=HYPERLINK("http://x.test","Mutual ' || g || '")'
                   WHEN g % 333 = 0 THEN 'Mutual "' || g || '", Ltd'
                   ELSE 'Mutual ' || g END AS name
       FROM generate_series(1, ${Math.trunc(count)}) g`,
    );
    await pg.query(`INSERT INTO organisations (id, name, kind) SELECT id, name, 'mutual' FROM seed_mutuals`);
    const positions = POSITIONS.flatMap(([phase, state, weight]) => Array.from({ length: weight }, () => `${phase}:${state}`));
    await pg.query(
      `INSERT INTO journeys (name, mutual_organisation_id, parent_body_id, commissioner_id, department_id, arbiter_id, service_area, region,
         staff_count, planned_transfer_date, phase, state, machine_snapshot, template_version, reminder_policy, last_activity_at, created_at)
       SELECT 'Spin-out ' || m.n, m.id,
              ($1::uuid[])[1 + (m.n * 7) % array_length($1::uuid[], 1)],
              ($2::uuid[])[1 + (m.n * 11) % array_length($2::uuid[], 1)],
              ($3::uuid[])[1 + (m.n * 13) % array_length($3::uuid[], 1)],
              ($4::uuid[])[1 + m.n % array_length($4::uuid[], 1)],
              ($5::text[])[1 + (m.n * 17) % array_length($5::text[], 1)],
              ($6::text[])[1 + (m.n * 19) % array_length($6::text[], 1)],
              10 + (m.n * 37) % 1500,
              CASE WHEN split_part(pos, ':', 1) = 'sustainability' THEN current_date - 1 - (m.n * 29) % 700
                   ELSE current_date - 60 + (m.n * 41) % 900 END,
              split_part(pos, ':', 1), split_part(pos, ':', 2), '{}'::jsonb, 1, $7::jsonb,
              now() - ((m.n * 23) % 150) * interval '1 day' - ((m.n * 31) % 86400) * interval '1 second',
              now() - interval '400 days'
       FROM seed_mutuals m CROSS JOIN LATERAL (SELECT ($8::text[])[1 + (m.n * 2654435761) % array_length($8::text[], 1)] AS pos) p`,
      [
        parents.rows.map((r) => r.id),
        commissioners.rows.map((r) => r.id),
        departments.rows.map((r) => r.id),
        arbiters.rows.map((r) => r.id),
        [...SERVICE_AREAS],
        [...REGIONS],
        JSON.stringify(PATHWAY_TEMPLATE_V1.reminderPolicy),
        positions,
      ],
    );
    const tasks = templateTaskRows(PATHWAY_TEMPLATE_V1.tasks).map((row) => ({ ...row, phase_order: PHASE_ORDER[row.phase] }));
    // Tasks of earlier phases are done; of the current phase about half; later ones not started.
    await pg.query(
      `INSERT INTO journey_tasks (journey_id, key, title, phase, gate_state, workstream, owner_party, owner_organisation_id, status, mandatory,
         statutory, due_date, depends_on, guidance, source, completed_at)
       SELECT j.id, t.key, t.title, t.phase, t.gate_state, t.workstream, t.owner_party,
              CASE t.owner_party WHEN 'mutual' THEN j.mutual_organisation_id WHEN 'department' THEN j.department_id
                                 WHEN 'commissioner' THEN j.commissioner_id ELSE j.parent_body_id END,
              s.status, t.mandatory, t.statutory,
              j.planned_transfer_date + t.offset_days, ARRAY(SELECT jsonb_array_elements_text(t.depends_on)), t.guidance, t.source,
              CASE WHEN s.status = 'completed' THEN now() - interval '30 days' END
       FROM journeys j
       CROSS JOIN jsonb_to_recordset($1::jsonb) AS t(ord int, key text, title text, phase text, phase_order int, gate_state text, workstream text,
              owner_party text, mandatory boolean, statutory boolean, depends_on jsonb, guidance text, source text, offset_days int)
       CROSS JOIN LATERAL (
         SELECT CASE
           WHEN t.phase_order < ($2::jsonb ->> j.phase)::int THEN 'completed'
           WHEN t.phase_order > ($2::jsonb ->> j.phase)::int THEN CASE WHEN jsonb_array_length(t.depends_on) = 0 THEN 'not_started' ELSE 'cannot_start_yet' END
           ELSE (ARRAY['completed', 'completed', 'in_progress', 'not_started', 'not_applicable', 'completed'])[1 + abs(hashtext(j.id::text || t.key)) % 6]
         END AS status
       ) s`,
      [JSON.stringify(tasks), JSON.stringify(PHASE_ORDER)],
    );
    // Open escalations on one journey in 15, opened up to 120 days ago; resolved ones on another 1 in 15.
    await pg.query(
      `INSERT INTO escalations (journey_id, trigger, level, assigned_organisation_id, status, reason, opened_at, level_since, resolved_at, resolution)
       SELECT j.id, (ARRAY['task_overdue', 'response_overdue', 'manual'])[1 + r.n % 3], 1 + r.n % 2,
              CASE WHEN r.n % 2 = 0 THEN j.department_id ELSE j.arbiter_id END,
              CASE WHEN r.n % 15 = 0 THEN 'open' ELSE 'resolved' END, 'Seeded concern ' || r.n,
              now() - (r.n % 120) * interval '1 day', now() - (r.n % 120) * interval '1 day',
              CASE WHEN r.n % 15 = 1 THEN now() END, CASE WHEN r.n % 15 = 1 THEN 'Sorted' END
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM journeys) r JOIN journeys j ON j.id = r.id
       WHERE r.n % 15 IN (0, 1)`,
    );
    await pg.query('VACUUM ANALYZE organisations, journeys, journey_tasks, escalations');
    const [{ n }] = (await pg.query(`SELECT count(*)::int AS n FROM journey_tasks`)).rows;
    return { parentBodyIds: parents.rows.map((r) => r.id), departmentIds: departments.rows.map((r) => r.id), tasks: n };
  } finally {
    await pg.end();
  }
}

/** Reads a whole streamed response; returns the time to the last byte and the number of lines. */
async function download(
  baseUrl: string,
  token: string,
  path: string,
): Promise<{ ms: number; lines: number; bytes: number; status: number }> {
  const start = process.hrtime.bigint();
  const res = await fetch(baseUrl + path, { headers: { Authorization: `Bearer ${token}` } });
  let lines = 0;
  let bytes = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    for (const b of value) if (b === 10) lines++;
  }
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, lines, bytes, status: res.status };
}

/**
 * Issue 6's figures: the central team's pipeline with 10,000 journeys (~450,000 tasks). p50/p95 of
 * the summary (unfiltered, filtered, as a department officer), the filtered journey list, at-risk,
 * stalled and open escalations over repeated real HTTP requests, and the time to stream the whole
 * CSV. Nothing here asserts; the targets are p95 < 50 ms and the CSV < 2 s.
 */
export async function run(): Promise<void> {
  const env = await benchEnvironment('pipeline');
  const seedStart = Date.now();
  const seeded = await seed(env.databaseUrl, JOURNEYS);
  const seedSeconds = (Date.now() - seedStart) / 1000;
  const { app, baseUrl } = await benchApi(env.config, env.databaseUrl);
  try {
    const admin = BENCH_ADMIN_TOKEN;
    const health = await healthP95(baseUrl);
    const user = await api(baseUrl, admin, 'POST', '/api/users', {
      email: 'department.officer@bench.test',
      name: 'Department officer',
      organisationId: seeded.departmentIds[0],
      role: 'department_officer',
    });
    const token = (await api(baseUrl, admin, 'POST', `/api/users/${user.json.id}/tokens`, {})).json.token as string;

    const check = async (path: string, as = admin) => {
      const res = await api(baseUrl, as, 'GET', path);
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.json)}`);
      return res.json;
    };
    const summary = await check('/api/pipeline/summary');
    const atRisk = await check('/api/pipeline/at-risk?limit=1');
    const stalled = await check('/api/pipeline/stalled?limit=1');
    const escalations = await check('/api/pipeline/escalations?limit=1');

    const get =
      (path: string, as = admin) =>
      () =>
        api(baseUrl, as, 'GET', path);
    const areas = [...SERVICE_AREAS];
    const regions = [...REGIONS];
    const figures: Record<string, string | number> = {};
    const measure = async (label: string, fn: (i: number) => Promise<unknown>) => {
      const t = await timeIt(REQUESTS, fn);
      figures[`${label} p50 ms`] = t.p50;
      figures[`${label} p95 ms`] = t.p95;
    };
    await measure('summary (all)', get('/api/pipeline/summary'));
    await measure('summary ?region', (i) => get(`/api/pipeline/summary?region=${regions[i % regions.length]}`)());
    await measure('summary ?serviceArea&phase', (i) =>
      get(`/api/pipeline/summary?serviceArea=${areas[i % areas.length]}&phase=spinning_out`)(),
    );
    await measure('summary ?parentBodyId', (i) =>
      get(`/api/pipeline/summary?parentBodyId=${seeded.parentBodyIds[i % seeded.parentBodyIds.length]}`)(),
    );
    await measure('summary (department officer)', get('/api/pipeline/summary', token));
    // The summary is kept between requests (PipelineService.summary) until something it reads is
    // written: here a write before each request (not timed), so every one is computed afresh.
    const writer = new Client({ connectionString: env.databaseUrl });
    await writer.connect();
    try {
      const [{ id }] = (await writer.query<{ id: string }>(`SELECT id FROM journeys LIMIT 1`)).rows;
      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        await writer.query(`UPDATE journeys SET staff_count = staff_count WHERE id = $1`, [id]);
        const start = process.hrtime.bigint();
        const res = await get('/api/pipeline/summary')();
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
        if (res.status !== 200) throw new Error(`summary after a write: ${res.status}`);
      }
      times.sort((a, b) => a - b);
      figures['summary (all) after a write p50 ms'] = percentile(times, 50);
      figures['summary (all) after a write p95 ms'] = percentile(times, 95);
    } finally {
      await writer.end();
    }
    await measure('journeys ?serviceArea&limit=50', (i) =>
      get(`/api/pipeline/journeys?serviceArea=${areas[i % areas.length]}&limit=50&offset=${(i % 10) * 50}`)(),
    );
    await measure('journeys ?region&phase&limit=100', (i) =>
      get(`/api/pipeline/journeys?region=${regions[i % regions.length]}&phase=pre_spin_out&limit=100`)(),
    );
    await measure('journeys (all, limit=100, deep offset)', (i) => get(`/api/pipeline/journeys?limit=100&offset=${(i * 100) % 9000}`)());
    await measure('at-risk (first 100)', get('/api/pipeline/at-risk'));
    await measure('stalled (first 100)', get('/api/pipeline/stalled'));
    await measure('escalations (first 100)', get('/api/pipeline/escalations'));

    const csvTimes: number[] = [];
    let csv = { ms: 0, lines: 0, bytes: 0, status: 0 };
    for (let i = 0; i < CSV_RUNS; i++) {
      csv = await download(baseUrl, admin, '/api/pipeline/journeys.csv');
      if (csv.status !== 200) throw new Error(`journeys.csv: ${csv.status}`);
      csvTimes.push(csv.ms);
    }
    csvTimes.sort((a, b) => a - b);
    figures['journeys.csv full stream, best ms'] = csvTimes[0];
    figures['journeys.csv full stream, median ms'] = csvTimes[Math.floor(csvTimes.length / 2)];
    figures['journeys.csv full stream, worst ms'] = csvTimes[csvTimes.length - 1];
    figures['journeys.csv lines (header + rows)'] = `${csv.lines} (${(csv.bytes / 1e6).toFixed(2)} MB)`;

    report(
      `pipeline: ${JOURNEYS} journeys, ${seeded.tasks} tasks (seeded in ${seedSeconds.toFixed(1)} s), ${REQUESTS} sequential requests each`,
      {
        'active journeys': summary.total,
        'overdue tasks': summary.overdueTasks,
        'open escalations': summary.openEscalations,
        'staff transferring': summary.staffTransferring,
        'at risk': atRisk.total,
        [`stalled (${stalled.days} days)`]: stalled.total,
        'open escalations listed': escalations.total,
        ...figures,
      },
      { healthP95: health },
    );
  } finally {
    await app.close();
    // BENCH_KEEP_DB=1 leaves the seeded database for EXPLAIN ANALYZE (drop it by hand afterwards).
    if (process.env.BENCH_KEEP_DB) process.stdout.write(`  kept database: ${env.databaseUrl}\n`);
    else await env.drop();
  }
}
