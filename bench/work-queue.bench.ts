import { Client } from 'pg';
import { startCpuProfile } from './cpu-profile';
import { seedJourneys } from './seed-journeys';
import { HttpClients } from './http-clients';
import { api, BENCH_ADMIN_TOKEN, BENCH_PASSWORD, benchApi, benchEnvironment, HTTPS, percentile, report, signIn } from './support';

const JOURNEYS = Number(process.env.BENCH_WORK_QUEUE_JOURNEYS ?? 1_000);
const MINE = 100;
const REQUESTS = Number(process.env.BENCH_WORK_QUEUE_REQUESTS ?? 400);

/**
 * Issue 18 item 9: the work queue (GET /api/me/tasks and the /tasks page) for people whose
 * organisation is in 100 journeys (of 1,000): the mutual lead (its organisation owns about 30
 * open tasks on each, some overdue, some assigned to the lead) and the parent body's officer.
 * Each figure beside /health's p95 in the same run; the goal is within 3×.
 */
export async function run(): Promise<void> {
  const env = await benchEnvironment('work_queue');
  await seedJourneys(env.databaseUrl, JOURNEYS);
  const pg = new Client({ connectionString: env.databaseUrl });
  await pg.connect();
  const { app, baseUrl } = await benchApi(env.config, env.databaseUrl);
  // The requests are sent from a process of their own (as the events bench's), so the API process's CPU is
  // the API's alone, for /health and the work queue alike: one client, each request after the last answered.
  const clients = new HttpClients();
  const sequential = async (path: string, headers: Record<string, string> = {}) => {
    const job = { baseUrl, headers, concurrency: 1, expectStatus: 200 };
    await clients.run({ ...job, requests: Array.from({ length: 20 }, () => ({ method: 'GET', path })) });
    const { latencies, failures, failureSamples } = await clients.run({
      ...job,
      requests: Array.from({ length: REQUESTS }, () => ({ method: 'GET', path })),
    });
    if (failures) throw new Error(`GET ${path}: ${failures} failed (${failureSamples.join('; ')})`);
    return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) };
  };
  try {
    const mine: string[] = (await pg.query(`SELECT id FROM journeys ORDER BY planned_transfer_date, id LIMIT $1`, [MINE])).rows.map(
      (r) => r.id,
    );
    const [{ mutual, parent }] = (
      await pg.query(`SELECT mutual_organisation_id AS mutual, parent_body_id AS parent FROM journeys WHERE id = $1`, [mine[0]])
    ).rows;
    await pg.query(`UPDATE journeys SET mutual_organisation_id = $2, parent_body_id = $3 WHERE id = ANY($1)`, [mine, mutual, parent]);
    await pg.query(
      `UPDATE journey_tasks SET owner_organisation_id = CASE owner_party WHEN 'mutual' THEN $2::uuid WHEN 'parent_body' THEN $3::uuid ELSE owner_organisation_id END
        WHERE journey_id = ANY($1)`,
      [mine, mutual, parent],
    );
    // A realistic spread: a few tasks of each journey overdue, a few due this week, the rest later.
    await pg.query(
      `UPDATE journey_tasks t SET due_date = current_date - 3 FROM (SELECT id, row_number() OVER (PARTITION BY journey_id ORDER BY key) AS n FROM journey_tasks WHERE journey_id = ANY($1)) r
        WHERE t.id = r.id AND r.n % 10 = 1`,
      [mine],
    );
    await pg.query(
      `UPDATE journey_tasks t SET due_date = current_date + 3 FROM (SELECT id, row_number() OVER (PARTITION BY journey_id ORDER BY key) AS n FROM journey_tasks WHERE journey_id = ANY($1)) r
        WHERE t.id = r.id AND r.n % 10 = 2`,
      [mine],
    );
    const people: Record<string, { id: string; token: string; cookie: string }> = {};
    for (const [who, organisationId, role] of [
      ['mutual lead', mutual, 'mutual_lead'],
      ['parent body officer', parent, 'parent_body_officer'],
    ] as const) {
      const email = `${role}@bench.test`;
      const user = await api(baseUrl, BENCH_ADMIN_TOKEN, 'POST', '/api/users', {
        email,
        name: who,
        organisationId,
        role,
        password: BENCH_PASSWORD,
      });
      if (user.status !== 201) throw new Error(`user ${who}: ${user.status} ${JSON.stringify(user.json)}`);
      const token = (await api(baseUrl, BENCH_ADMIN_TOKEN, 'POST', `/api/users/${user.json.id}/tokens`, {})).json.token as string;
      people[who] = { id: user.json.id as string, token, cookie: await signIn(baseUrl, email) };
    }
    await pg.query(
      `UPDATE journey_tasks SET assignee_user_id = $2 WHERE id IN (SELECT id FROM journey_tasks WHERE journey_id = ANY($1) AND owner_party = 'mutual' ORDER BY id LIMIT 200)`,
      [mine, people['mutual lead'].id],
    );
    // As autovacuum would after the bulk updates above (the pipeline and sustainability benches do the same):
    // the work queue's covering index answers from the index alone once its pages are all-visible.
    await pg.query('VACUUM ANALYZE journeys, journey_tasks');
    await pg.query('ANALYZE');
    const [{ n: open }] = (
      await pg.query(
        `SELECT count(*)::int AS n FROM journey_tasks WHERE owner_organisation_id = $1 AND status NOT IN ('completed', 'not_applicable')`,
        [mutual],
      )
    ).rows;

    const health = (await sequential('/health')).p95;
    const figures: Record<string, string | number> = { "mutual's open tasks across its journeys": String(open) };
    const probe = async (who: string, path: string, kind: 'page' | 'api') => {
      const headers: Record<string, string> =
        kind === 'page' ? { ...HTTPS, cookie: people[who].cookie } : { Authorization: `Bearer ${people[who].token}` };
      const first = await fetch(baseUrl + path, { headers, redirect: 'manual' });
      if (first.status !== 200) throw new Error(`${who} ${path}: ${first.status}`);
      // BENCH_CPU_PROFILE=1: a profile of the API process for the mutual lead's whole queue (API and page).
      const stop = who === 'mutual lead' && !path.includes('?') ? await startCpuProfile(`work-queue-${kind}`) : async () => {};
      const t = await sequential(path, headers);
      await stop();
      figures[`${who} GET ${path} p50 ms`] = t.p50;
      figures[`${who} GET ${path} p95 ms`] = t.p95;
      figures[`${who} GET ${path} p99 ms`] = t.p99;
    };
    await probe('mutual lead', '/api/me/tasks', 'api');
    await probe('mutual lead', '/api/me/tasks?due=overdue', 'api');
    await probe('mutual lead', '/api/me/tasks?due=later&offset=1000', 'api');
    await probe('mutual lead', '/api/me/tasks?assignedTo=me', 'api');
    await probe('mutual lead', '/tasks', 'page');
    await probe('mutual lead', '/tasks?due=this_week', 'page');
    await probe('parent body officer', '/api/me/tasks', 'api');
    await probe('parent body officer', '/tasks', 'page');
    report(
      `work queue: organisations in ${MINE} journeys (of ${JOURNEYS}), ${REQUESTS} sequential requests each from a client process of its own`,
      figures,
      {
        healthP95: health,
      },
    );
  } finally {
    clients.close();
    await pg.end();
    await app.close();
    await env.drop();
  }
}
