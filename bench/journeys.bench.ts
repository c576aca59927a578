import { Client } from 'pg';
import { api, BENCH_ADMIN_TOKEN, benchApi, benchEnvironment, healthP95, percentile, report, timeIt } from './support';
import { seedJourneys } from './seed-journeys';

const JOURNEYS = Number(process.env.BENCH_JOURNEYS ?? 10_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 2_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

/**
 * Issue 3's figures: with 10,000 journeys in the database, events per second through
 * POST /api/journeys/:id/events (each a locked transaction with its history row, created tasks
 * and listeners), and p50/p95 latency of GET /api/journeys/:id.
 */
export async function run(): Promise<void> {
  const env = await benchEnvironment('journeys');
  const seedStart = Date.now();
  await seedJourneys(env.databaseUrl, JOURNEYS);
  const seedSeconds = (Date.now() - seedStart) / 1000;
  const { app, baseUrl } = await benchApi(env.config, env.databaseUrl);
  try {
    const health = await healthP95(baseUrl);
    const pg = new Client({ connectionString: env.databaseUrl });
    await pg.connect();
    const { rows } = await pg.query(`SELECT id FROM journeys ORDER BY random() LIMIT $1`, [EVENTS]);
    const [{ tasks }] = (await pg.query(`SELECT count(*)::int AS tasks FROM journey_tasks`)).rows;
    await pg.end();
    const ids: string[] = rows.map((r) => r.id);

    // The central admin fires put_on_hold then resume: real guarded-free events valid in any state.
    const latencies: number[] = [];
    let next = 0;
    let failures = 0;
    // Every statement the API sends goes through pg's Client#query: counted while only the events run.
    let statements = 0;
    const originalQuery = Reflect.get(Client.prototype, 'query') as (this: Client, ...a: unknown[]) => unknown;
    Client.prototype.query = function countingQuery(this: Client, ...args: unknown[]) {
      statements++;
      return originalQuery.apply(this, args);
    } as typeof Client.prototype.query;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < ids.length) {
          const id = ids[next++];
          const t0 = process.hrtime.bigint();
          const res = await api(baseUrl, BENCH_ADMIN_TOKEN, 'POST', `/api/journeys/${id}/events`, {
            type: 'put_on_hold',
            payload: { reason: 'bench' },
          });
          latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
          if (res.status !== 200) failures++;
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    Client.prototype.query = originalQuery as typeof Client.prototype.query;
    latencies.sort((a, b) => a - b);

    const get = await timeIt(1000, (i) => api(baseUrl, BENCH_ADMIN_TOKEN, 'GET', `/api/journeys/${ids[i % ids.length]}`));
    report(
      `journeys: ${JOURNEYS} journeys, ${tasks} tasks (seeded in ${seedSeconds.toFixed(1)} s)`,
      {
        [`events fired (${CONCURRENCY} concurrent clients)`]: ids.length,
        'events per second': ids.length / seconds,
        'event latency p50 ms': percentile(latencies, 50),
        'event latency p95 ms': percentile(latencies, 95),
        'event failures': failures,
        'SQL statements per event': statements / ids.length,
        'GET /api/journeys/:id p50 ms': get.p50,
        'GET /api/journeys/:id p95 ms': get.p95,
        'GET /api/journeys/:id p99 ms': get.p99,
      },
      { healthP95: health },
    );
  } finally {
    await app.close();
    await env.drop();
  }
}
