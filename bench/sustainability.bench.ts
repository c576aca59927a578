import { Client } from 'pg';
import { PATHWAY_TEMPLATE_V1 } from '@pathway/domain/template/pathway-template.v1';
import { SERVICE_AREAS } from '@pathway/domain/vocabulary';
import { api, BENCH_ADMIN_TOKEN, benchApi, benchEnvironment, report, timeIt } from './support';

const JOURNEYS = Number(process.env.BENCH_JOURNEYS ?? 10_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);

/**
 * Seeds `count` journeys with set-based SQL: a third in sustainability (bedding in or operating),
 * each of those with one or two contracts (ends spread over the next five years, renewal tasks
 * beside them) and a baseline plus three financial years of results; the rest earlier on, with no
 * contracts or results. Then VACUUM ANALYZE.
 */
async function seed(databaseUrl: string, count: number) {
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
    await pg.query(
      `CREATE TEMP TABLE seed_mutuals AS SELECT g AS n, gen_random_uuid() AS id, 'Mutual ' || g AS name FROM generate_series(1, ${Math.trunc(count)}) g`,
    );
    await pg.query(`INSERT INTO organisations (id, name, kind) SELECT id, name, 'mutual' FROM seed_mutuals`);
    await pg.query(
      `INSERT INTO journeys (name, mutual_organisation_id, parent_body_id, commissioner_id, department_id, service_area, region,
         staff_count, planned_transfer_date, phase, state, machine_snapshot, template_version, reminder_policy, last_activity_at, created_at)
       SELECT 'Spin-out ' || m.n, m.id,
              ($1::uuid[])[1 + (m.n * 7) % array_length($1::uuid[], 1)],
              ($2::uuid[])[1 + (m.n * 11) % array_length($2::uuid[], 1)],
              ($3::uuid[])[1 + (m.n * 13) % array_length($3::uuid[], 1)],
              ($4::text[])[1 + (m.n * 17) % array_length($4::text[], 1)],
              'north_west', 10 + (m.n * 37) % 1500,
              CASE WHEN m.n % 3 = 0 THEN current_date - 400 - (m.n * 29) % 700 ELSE current_date + 100 + (m.n * 41) % 600 END,
              CASE WHEN m.n % 3 = 0 THEN 'sustainability' WHEN m.n % 3 = 1 THEN 'spinning_out' ELSE 'pre_spin_out' END,
              CASE WHEN m.n % 3 = 0 THEN (CASE WHEN m.n % 4 = 0 THEN 'bedding_in' ELSE 'operating' END)
                   WHEN m.n % 3 = 1 THEN 'entity_registered' ELSE 'business_planning' END,
              '{}'::jsonb, 1, $5::jsonb, now() - ((m.n * 23) % 150) * interval '1 day', now() - interval '800 days'
       FROM seed_mutuals m`,
      [
        parents.rows.map((r) => r.id),
        commissioners.rows.map((r) => r.id),
        departments.rows.map((r) => r.id),
        [...SERVICE_AREAS],
        JSON.stringify(PATHWAY_TEMPLATE_V1.reminderPolicy),
      ],
    );
    // One contract per sustainability journey, a second for one in two; ends over the next 60 months.
    await pg.query(
      `INSERT INTO contracts (journey_id, title, commissioner_id, start_date, end_date, awarded_on, annual_value_gbp, route, first_contract)
       SELECT j.id, 'Contract ' || k || ' of ' || j.name, j.commissioner_id, s.start, s.start + interval '5 years' - interval '1 day' * (r.n % 400),
              s.start, 100000 + (r.n * 7919) % 5000000,
              (ARRAY['direct_award', 'reserved_mutual', 'open_competition', 'provider_selection_regime'])[1 + r.n % 4], k = 1
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM journeys WHERE phase = 'sustainability') r
       JOIN journeys j ON j.id = r.id
       CROSS JOIN generate_series(1, 2) k
       CROSS JOIN LATERAL (SELECT (current_date - interval '5 years' + ((r.n * 37 + k * 500) % 1825) * interval '1 day')::date AS start) s
       WHERE k = 1 OR r.n % 2 = 0`,
    );
    await pg.query(
      `INSERT INTO journey_tasks (journey_id, key, title, phase, workstream, owner_party, owner_organisation_id, status, mandatory, statutory,
         due_date, depends_on, guidance, source, contract_id)
       SELECT c.journey_id, t.key, t.key || ' ' || c.title, 'sustainability', 'commissioning', t.party,
              CASE t.party WHEN 'commissioner' THEN c.commissioner_id ELSE j.mutual_organisation_id END,
              CASE WHEN c.end_date - (t.months || ' months')::interval < current_date AND hashtext(c.id::text || t.key) % 3 = 0 THEN 'completed' ELSE 'not_started' END,
              false, false, (c.end_date - (t.months || ' months')::interval)::date, '{}', 'Renewal', 'Pathway default', c.id
       FROM contracts c JOIN journeys j ON j.id = c.journey_id
       CROSS JOIN (VALUES ('plan_contract_renewal', 'mutual', 18), ('decide_contract_renewal', 'commissioner', 12)) AS t(key, party, months)`,
    );
    // A baseline and the three financial years before the current one, for every sustainability journey.
    await pg.query(
      `INSERT INTO journey_results (journey_id, period, staff_turnover_pct, sickness_days_per_fte, staff_satisfaction_pct,
         service_user_satisfaction_pct, staff_count, income_gbp, staff_membership_pct)
       SELECT j.id, p.period,
              round((3 + (r.n * 13 + p.i * 7) % 90 / 10.0)::numeric, 1), round((1 + (r.n * 17 + p.i) % 200 / 10.0)::numeric, 1),
              40 + (r.n + p.i * 3) % 55, 50 + (r.n * 3 + p.i) % 45, j.staff_count + p.i * 5, 1000000 + (r.n * 104729) % 40000000,
              CASE WHEN p.i = 0 THEN NULL ELSE 20 + (r.n + p.i) % 80 END
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM journeys WHERE phase = 'sustainability') r
       JOIN journeys j ON j.id = r.id
       CROSS JOIN LATERAL (
         SELECT 0 AS i, 'baseline' AS period
         UNION ALL
         SELECT y.i, (fy - y.i)::text || '-' || lpad(((fy - y.i + 1) % 100)::text, 2, '0')
         FROM generate_series(1, 3) AS y(i),
              LATERAL (SELECT CASE WHEN extract(month FROM current_date) >= 4 THEN extract(year FROM current_date)::int
                                   ELSE extract(year FROM current_date)::int - 1 END AS fy) f
       ) p`,
    );
    await pg.query('VACUUM ANALYZE organisations, journeys, journey_tasks, contracts, journey_results');
    const counts = (
      await pg.query(
        `SELECT (SELECT count(*) FROM journeys WHERE phase = 'sustainability')::int AS sustainability,
                (SELECT count(*) FROM contracts)::int AS contracts, (SELECT count(*) FROM journey_results)::int AS results`,
      )
    ).rows[0] as { sustainability: number; contracts: number; results: number };
    return { departmentIds: departments.rows.map((r) => r.id as string), ...counts };
  } finally {
    await pg.end();
  }
}

/**
 * Issue 11's figures: GET /api/pipeline/results and /api/pipeline/contract-expiries at 10,000
 * journeys (a third in sustainability, with contracts and three years of results), p50/p95 over
 * sequential real HTTP requests, beside /health's p95 in the same run (the goal: within 3×).
 * Nothing here asserts.
 */
export async function run(): Promise<void> {
  const env = await benchEnvironment('sustainability');
  const seedStart = Date.now();
  const seeded = await seed(env.databaseUrl, JOURNEYS);
  const seedSeconds = (Date.now() - seedStart) / 1000;
  const { app, baseUrl } = await benchApi(env.config, env.databaseUrl);
  try {
    const admin = BENCH_ADMIN_TOKEN;
    const user = await api(baseUrl, admin, 'POST', '/api/users', {
      email: 'department.officer@bench.test',
      name: 'Department officer',
      organisationId: seeded.departmentIds[0],
      role: 'department_officer',
    });
    const officer = (await api(baseUrl, admin, 'POST', `/api/users/${user.json.id}/tokens`, {})).json.token as string;
    const check = async (path: string, as = admin) => {
      const res = await api(baseUrl, as, 'GET', path);
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.json)}`);
      return res.json;
    };
    const results = await check('/api/pipeline/results');
    const expiries = await check('/api/pipeline/contract-expiries?withinMonths=18');

    const get =
      (path: string, as = admin) =>
      () =>
        api(baseUrl, as, 'GET', path);
    const areas = [...SERVICE_AREAS];
    const figures: Record<string, string | number> = {};
    let healthP95 = NaN;
    const measure = async (label: string, fn: (i: number) => Promise<unknown>) => {
      const t = await timeIt(REQUESTS, fn);
      const ratio = label.startsWith('/health') ? '' : ` (${(t.p95 / healthP95).toFixed(1)}× /health)`;
      figures[`${label} p50 ms`] = t.p50;
      figures[`${label} p95 ms`] = `${t.p95.toFixed(2)}${ratio}`;
      return t;
    };
    healthP95 = (await measure('/health', get('/health'))).p95;
    await measure('results medians (all)', get('/api/pipeline/results'));
    await measure('results medians ?serviceArea', (i) => get(`/api/pipeline/results?serviceArea=${areas[i % areas.length]}`)());
    await measure('results medians (department officer)', get('/api/pipeline/results', officer));
    await measure('contract-expiries ?withinMonths=18', get('/api/pipeline/contract-expiries?withinMonths=18'));
    await measure('contract-expiries ?withinMonths=60&offset', (i) =>
      get(`/api/pipeline/contract-expiries?withinMonths=60&limit=50&offset=${(i % 20) * 50}`)(),
    );
    await measure('contract-expiries (department officer)', get('/api/pipeline/contract-expiries?withinMonths=18', officer));
    const after = await timeIt(REQUESTS, get('/health'));
    figures['/health p95 ms, again at the end'] = after.p95;

    report(
      `sustainability: ${JOURNEYS} journeys (${seeded.sustainability} in sustainability, ${seeded.contracts} contracts, ${seeded.results} results rows; seeded in ${seedSeconds.toFixed(1)} s), ${REQUESTS} sequential requests each`,
      {
        'journeys with results': results.journeys,
        'contracts ending within 18 months': expiries.total,
        ...figures,
      },
    );
  } finally {
    await app.close();
    if (process.env.BENCH_KEEP_DB) process.stdout.write(`  kept database: ${env.databaseUrl}\n`);
    else await env.drop();
  }
}
