import { Client } from 'pg';
import { PATHWAY_TEMPLATE_V1 } from '@pathway/domain/template/pathway-template.v1';
import { REGIONS, SERVICE_AREAS } from '@pathway/domain/vocabulary';
import { BENCH_ADMIN_TOKEN, benchApi, benchEnvironment, report, timeIt } from './support';

const JOURNEYS = Number(process.env.BENCH_JOURNEYS ?? 10_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);

/** The main line, in order: seeded journeys have walked the first `steps` of it. */
const MAIN_LINE: Array<[type: string, toPhase: string, toState: string]> = [
  ['journey_created', 'pre_spin_out', 'exploring'],
  ['submit_expression_of_interest', 'pre_spin_out', 'awaiting_parent_body_response'],
  ['accept_expression_of_interest', 'pre_spin_out', 'business_planning'],
  ['submit_business_case', 'pre_spin_out', 'awaiting_approval'],
  ['approve_business_case', 'pre_spin_out', 'approved'],
  ['start_spin_out', 'spinning_out', 'mobilising'],
  ['register_legal_entity', 'spinning_out', 'entity_registered'],
  ['confirm_transfer_readiness', 'spinning_out', 'ready_for_transfer'],
  ['complete_transfer', 'sustainability', 'bedding_in'],
  ['complete_first_year_review', 'sustainability', 'operating'],
];

/**
 * Seeds `count` journeys, each with a history that walks the main line over the last three years
 * (1 to 10 steps, 5 to 120 days apart), one in 12 then withdrawn, and 12 task changes per journey
 * as the noise a real history has (rows the trends and durations must skip); support providers and
 * about one award per two journeys. Set-based SQL, then VACUUM ANALYZE.
 */
async function seed(databaseUrl: string, count: number): Promise<{ historyRows: number; awards: number }> {
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  try {
    const parents = await pg.query(
      `INSERT INTO organisations (name, kind) SELECT 'Council ' || g, 'parent_body' FROM generate_series(1, 60) g RETURNING id`,
    );
    const departments = await pg.query(
      `INSERT INTO organisations (name, kind) SELECT 'Department ' || g, 'department' FROM generate_series(1, 10) g RETURNING id`,
    );
    const providers = await pg.query(
      `INSERT INTO organisations (name, kind) SELECT 'Provider ' || g, 'support_provider' FROM generate_series(1, 12) g RETURNING id`,
    );
    await pg.query(
      `CREATE TEMP TABLE seed_mutuals AS SELECT g AS n, gen_random_uuid() AS id, 1 + (g * 7919) % 10 AS steps FROM generate_series(1, ${Math.trunc(count)}) g`,
    );
    await pg.query(`INSERT INTO organisations (id, name, kind) SELECT id, 'Mutual ' || n, 'mutual' FROM seed_mutuals`);
    const line = JSON.stringify(MAIN_LINE.map(([type, phase, state], i) => ({ i: i + 1, type, phase, state })));
    await pg.query(
      `INSERT INTO journeys (id, name, mutual_organisation_id, parent_body_id, department_id, service_area, region, staff_count, planned_transfer_date,
         phase, state, machine_snapshot, template_version, reminder_policy, created_at)
       SELECT m.id, 'Spin-out ' || m.n, m.id, ($1::uuid[])[1 + (m.n * 7) % 60], ($2::uuid[])[1 + (m.n * 11) % 10],
              ($3::text[])[1 + (m.n * 17) % array_length($3::text[], 1)], ($4::text[])[1 + (m.n * 19) % array_length($4::text[], 1)],
              10 + (m.n * 37) % 1500, current_date + 300, l.phase, CASE WHEN m.n % 12 = 0 THEN 'withdrawn' ELSE l.state END, '{}', 1, $5::jsonb,
              now() - interval '1000 days' + (m.n % 900) * interval '1 day'
       FROM seed_mutuals m JOIN jsonb_to_recordset($6::jsonb) AS l(i int, type text, phase text, state text) ON l.i = m.steps`,
      [
        parents.rows.map((r) => r.id),
        departments.rows.map((r) => r.id),
        [...SERVICE_AREAS],
        [...REGIONS],
        JSON.stringify(PATHWAY_TEMPLATE_V1.reminderPolicy),
        line,
      ],
    );
    // Step k happens at created_at + the sum of k pseudo-random gaps of 5..120 days.
    await pg.query(
      `INSERT INTO journey_history (journey_id, at, type, from_state, to_phase, to_state)
       SELECT j.id, j.created_at + coalesce((SELECT sum(5 + (abs(hashtext(j.id::text || g)) % 116)) FROM generate_series(2, l.i) g), 0) * interval '1 day',
              l.type, NULL, l.phase, l.state
         FROM journeys j JOIN seed_mutuals m ON m.id = j.id
         JOIN jsonb_to_recordset($1::jsonb) AS l(i int, type text, phase text, state text) ON l.i <= m.steps`,
      [line],
    );
    await pg.query(
      `INSERT INTO journey_history (journey_id, at, type, to_phase, to_state)
       SELECT j.id, (SELECT max(h.at) FROM journey_history h WHERE h.journey_id = j.id) + interval '20 days', 'withdraw', j.phase, 'withdrawn'
         FROM journeys j WHERE j.state = 'withdrawn'`,
    );
    await pg.query(
      `INSERT INTO journey_history (journey_id, at, type, data)
       SELECT j.id, j.created_at + g * interval '9 days', 'task_updated', '{"automatic":false}'::jsonb FROM journeys j CROSS JOIN generate_series(1, 12) g`,
    );
    await pg.query(
      `INSERT INTO support_awards (journey_id, provider_organisation_id, kind, amount_gbp, matched_funding_gbp, awarded_on, purpose)
       SELECT j.id, ($1::uuid[])[1 + r.n % 12], (ARRAY['grant', 'advice', 'mentoring', 'training'])[1 + r.n % 4], 500 + (r.n * 97) % 24500, (r.n * 13) % 5000,
              (j.created_at + interval '30 days')::date, 'Seeded support ' || r.n
         FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM journeys) r JOIN journeys j ON j.id = r.id WHERE r.n % 2 = 0`,
      [providers.rows.map((r) => r.id)],
    );
    await pg.query('VACUUM ANALYZE organisations, journeys, journey_history, support_awards');
    const [{ h, a }] = (
      await pg.query(`SELECT (SELECT count(*) FROM journey_history)::int AS h, (SELECT count(*) FROM support_awards)::int AS a`)
    ).rows;
    return { historyRows: h, awards: a };
  } finally {
    await pg.end();
  }
}

/**
 * Issue 12's figures: trends, durations and support totals over 10,000 journeys' history, each
 * p50/p95 over sequential real HTTP requests, beside GET /health's in the same run (the floor
 * any request pays). Nothing here asserts.
 */
export async function run(): Promise<void> {
  const env = await benchEnvironment('programme');
  const seedStart = Date.now();
  const seeded = await seed(env.databaseUrl, JOURNEYS);
  const seedSeconds = (Date.now() - seedStart) / 1000;
  const { app, baseUrl } = await benchApi(env.config, env.databaseUrl);
  try {
    const admin = BENCH_ADMIN_TOKEN;
    const figures: Record<string, string | number> = {};
    const measure = async (label: string, path: (i: number) => string, expectStatus = 200) => {
      const res = await fetch(baseUrl + path(0), { headers: { Authorization: `Bearer ${admin}` } });
      const text = await res.text();
      if (res.status !== expectStatus) throw new Error(`${path(0)}: ${res.status} ${text}`);
      const first = { json: res.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : text };
      const t = await timeIt(REQUESTS, (i) =>
        fetch(baseUrl + path(i), { headers: { Authorization: `Bearer ${admin}` } }).then((r) => r.arrayBuffer()),
      );
      figures[`${label} p50 ms`] = t.p50;
      figures[`${label} p95 ms`] = t.p95;
      return first.json;
    };
    // The API's Redis connection comes up just after listen: wait for /health before timing it.
    for (let i = 0; i < 50 && (await fetch(`${baseUrl}/health`)).status !== 200; i++) await new Promise((r) => setTimeout(r, 100));
    const areas = [...SERVICE_AREAS];
    await measure('/health', () => '/health');
    const trends = await measure('trends (8 quarters)', () => '/api/pipeline/trends');
    await measure('trends (10 years of months)', () => '/api/pipeline/trends?interval=month&from=2017-01-01&to=2026-12-31');
    await measure('trends ?serviceArea (quarters)', (i) => `/api/pipeline/trends?serviceArea=${areas[i % areas.length]}`);
    const durations = await measure('durations (all)', () => '/api/pipeline/durations');
    await measure('durations ?serviceArea', (i) => `/api/pipeline/durations?serviceArea=${areas[i % areas.length]}`);
    const support = await measure('support totals', () => '/api/pipeline/support');
    await measure('trends.csv (8 quarters)', () => '/api/pipeline/trends.csv');

    const started = (trends.periods as Array<{ journeysStarted: number }>).reduce((s, p) => s + p.journeysStarted, 0);
    report(
      `programme: ${JOURNEYS} journeys, ${seeded.historyRows} history rows, ${seeded.awards} awards (seeded in ${seedSeconds.toFixed(1)} s), ${REQUESTS} sequential requests each`,
      {
        'journeys started in the 8 quarters': started,
        'journeys with time in exploring': durations.byState.exploring.journeys,
        'median days in business_planning': durations.byState.business_planning.medianDays,
        'support awarded (GBP)': support.totalAwardedGbp,
        ...figures,
      },
      { healthP95: figures['/health p95 ms'] as number },
    );
  } finally {
    await app.close();
    if (process.env.BENCH_KEEP_DB) process.stdout.write(`  kept database: ${env.databaseUrl}\n`);
    else await env.drop();
  }
}
