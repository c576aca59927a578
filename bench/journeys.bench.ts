import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { api, BENCH_ADMIN_TOKEN, benchApi, benchEnvironment, healthP95, percentile, report, timeIt } from './support';
import { seedJourneys } from './seed-journeys';

const JOURNEYS = Number(process.env.BENCH_JOURNEYS ?? 10_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 2_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
/** Linux's USER_HZ (getconf CLK_TCK), the unit of /proc/<pid>/stat times. */
const CLOCK_TICKS = 100;

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
    const ids: string[] = rows.map((r) => r.id);
    // CPU time is far steadier than wall time on a shared machine: the API process's (with the
    // bench's clients) and the API's Postgres backends' (same host: /proc), over the events.
    const backends = async (): Promise<number[]> =>
      (await pg.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)).rows.map(
        (r: { pid: number }) => r.pid,
      );

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
    // The pool's connections open on first use: one warm-up event per client, not counted.
    const warm = ids.splice(0, CONCURRENCY);
    await Promise.all(
      warm.map((id) =>
        api(baseUrl, BENCH_ADMIN_TOKEN, 'POST', `/api/journeys/${id}/events`, { type: 'put_on_hold', payload: { reason: 'bench' } }),
      ),
    );
    const pids = await backends();
    const pgCpuBefore = postgresCpuMs(pids);
    const cpuBefore = process.cpuUsage();
    statements = 0;
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
    const cpu = process.cpuUsage(cpuBefore);
    const pgCpuAfter = postgresCpuMs(pids);
    Client.prototype.query = originalQuery as typeof Client.prototype.query;
    await pg.end();
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
        'API process CPU per event (CPU milliseconds)': (cpu.user + cpu.system) / 1000 / ids.length,
        ...(pgCpuBefore !== null && pgCpuAfter !== null
          ? { 'Postgres CPU per event (CPU milliseconds)': (pgCpuAfter - pgCpuBefore) / ids.length }
          : {}),
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

/** utime + stime of these processes in ms (Linux /proc, Postgres on this host), or null when unreadable. */
function postgresCpuMs(pids: number[]): number | null {
  try {
    const ticks = pids.reduce((sum, pid) => {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return sum + Number(fields[11]) + Number(fields[12]);
    }, 0);
    return (ticks * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
