import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { startCpuProfile } from './cpu-profile';
import { HttpClients, type ClientRequest, type ClientsJob } from './http-clients';
import { api, BENCH_ADMIN_TOKEN, benchApi, benchEnvironment, healthP95, percentile, report, timeIt } from './support';
import { seedJourneys } from './seed-journeys';

const JOURNEYS = Number(process.env.BENCH_JOURNEYS ?? 10_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 2_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
/** Linux's USER_HZ (getconf CLK_TCK), the unit of /proc/<pid>/stat times. */
const CLOCK_TICKS = 100;

/** What one burst of requests cost, per request. */
interface Burst {
  perSecond: number;
  p50: number;
  p95: number;
  failures: number;
  statements: number;
  apiCpuMs: number;
  postgresCpuMs: number | null;
  clientCpuMs: number;
}

/**
 * Issue 3's and 16's figures: with 10,000 journeys in the database, events per second through
 * POST /api/journeys/:id/events (each a locked transaction with its history row, created tasks
 * and listeners), and p50/p95 latency of GET /api/journeys/:id.
 *
 * The clients run in a child process (http-clients.ts), so the API process's CPU is the API's
 * alone. Beside the events, the same clients measure two floors no event can beat on this machine:
 * `/health/live` (HTTP and Nest, no database) and `GET /api/me` (the bearer token checked,
 * the cheapest authenticated answer). Per request: CPU in the API process, in its Postgres
 * backends (/proc, same host) and in the clients, and the SQL statements the API sent.
 * BENCH_CPU_PROFILE=1 writes a CPU profile of the API process during the events.
 */
export async function run(): Promise<void> {
  const env = await benchEnvironment('journeys');
  const seedStart = Date.now();
  await seedJourneys(env.databaseUrl, JOURNEYS);
  const seedSeconds = (Date.now() - seedStart) / 1000;
  const { app, baseUrl } = await benchApi(env.config, env.databaseUrl);
  const clients = new HttpClients();
  try {
    const health = await healthP95(baseUrl);
    const pg = new Client({ connectionString: env.databaseUrl });
    await pg.connect();
    const { rows } = await pg.query(`SELECT id FROM journeys ORDER BY random() LIMIT $1`, [EVENTS + CONCURRENCY]);
    const [{ tasks }] = (await pg.query(`SELECT count(*)::int AS tasks FROM journey_tasks`)).rows;
    const ids: string[] = rows.map((r) => r.id);
    // CPU time is far steadier than wall time on a shared machine: the API process's, its
    // Postgres backends' (same host: /proc) and the clients', over each burst.
    const backendCpu = async (): Promise<Map<number, number> | null> => {
      const pids = (
        await pg.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)
      ).rows.map((r: { pid: number }) => r.pid);
      return postgresCpuMs(pids);
    };

    // Every statement the API sends goes through pg's Client#query: counted while only a burst runs.
    let statements = 0;
    const originalQuery = Reflect.get(Client.prototype, 'query') as (this: Client, ...a: unknown[]) => unknown;
    const measure = async (requests: ClientRequest[], expectStatus: number, warm: ClientRequest[], name: string): Promise<Burst> => {
      const job = (r: ClientRequest[]): ClientsJob => ({
        baseUrl,
        token: BENCH_ADMIN_TOKEN,
        concurrency: CONCURRENCY,
        requests: r,
        expectStatus,
      });
      // The pool's connections open on first use: a warm-up burst first, not counted.
      await clients.run(job(warm));
      const stop = name === 'events' ? await startCpuProfile('journeys-events') : async () => {};
      const pgBefore = await backendCpu();
      const cpuBefore = process.cpuUsage();
      statements = 0;
      Client.prototype.query = function countingQuery(this: Client, ...args: unknown[]) {
        statements++;
        return originalQuery.apply(this, args);
      } as typeof Client.prototype.query;
      const result = await clients.run(job(requests));
      Client.prototype.query = originalQuery as typeof Client.prototype.query;
      const cpu = process.cpuUsage(cpuBefore);
      const pgAfter = await backendCpu();
      await stop();
      const n = requests.length;
      if (result.failures) process.stdout.write(`  ${name}: ${result.failures} failures, e.g. ${result.failureSamples.join(' | ')}\n`);
      return {
        perSecond: n / result.seconds,
        p50: percentile(result.latencies, 50),
        p95: percentile(result.latencies, 95),
        failures: result.failures,
        statements: statements / n,
        apiCpuMs: (cpu.user + cpu.system) / 1000 / n,
        postgresCpuMs: pgBefore && pgAfter ? [...pgAfter].reduce((s, [pid, ms]) => s + ms - (pgBefore.get(pid) ?? 0), 0) / n : null,
        clientCpuMs: result.cpuMs / n,
      };
    };

    const repeat = (n: number, r: ClientRequest) => Array.from({ length: n }, () => r);
    const live = await measure(
      repeat(EVENTS, { method: 'GET', path: '/health/live' }),
      200,
      repeat(CONCURRENCY * 4, { method: 'GET', path: '/health/live' }),
      'live',
    );
    const me = await measure(
      repeat(EVENTS, { method: 'GET', path: '/api/me' }),
      200,
      repeat(CONCURRENCY * 4, { method: 'GET', path: '/api/me' }),
      'me',
    );
    // The central admin fires put_on_hold: a real guard-free event valid in any state, on a different journey each time.
    const event = (id: string): ClientRequest => ({
      method: 'POST',
      path: `/api/journeys/${id}/events`,
      body: { type: 'put_on_hold', payload: { reason: 'bench' } },
    });
    const warmIds = ids.splice(0, CONCURRENCY);
    const events = await measure(ids.map(event), 200, warmIds.map(event), 'events');
    await pg.end();

    const get = await timeIt(1000, (i) => api(baseUrl, BENCH_ADMIN_TOKEN, 'GET', `/api/journeys/${ids[i % ids.length]}`));
    const figures = (label: string, b: Burst) => ({
      [`${label} per second`]: b.perSecond,
      [`${label} latency p50 ms`]: b.p50,
      [`${label} latency p95 ms`]: b.p95,
      [`${label} failures`]: b.failures,
      [`${label}: SQL statements each`]: b.statements,
      [`${label}: API process CPU milliseconds each`]: b.apiCpuMs,
      ...(b.postgresCpuMs !== null ? { [`${label}: Postgres CPU milliseconds each`]: b.postgresCpuMs } : {}),
      [`${label}: clients' CPU milliseconds each`]: b.clientCpuMs,
    });
    report(
      `journeys: ${JOURNEYS} journeys, ${tasks} tasks (seeded in ${seedSeconds.toFixed(1)} s), ${CONCURRENCY} concurrent clients`,
      {
        'events fired': ids.length,
        ...figures('events', events),
        'events per second / GET /health/live per second': events.perSecond / live.perSecond,
        'events per second / GET /api/me per second': events.perSecond / me.perSecond,
        ...figures('GET /health/live', live),
        ...figures('GET /api/me', me),
        'GET /api/journeys/:id p50 ms': get.p50,
        'GET /api/journeys/:id p95 ms': get.p95,
        'GET /api/journeys/:id p99 ms': get.p99,
      },
      { healthP95: health },
    );
  } finally {
    clients.close();
    await app.close();
    await env.drop();
  }
}

/** utime + stime of each of these processes in ms (Linux /proc, Postgres on this host), or null when /proc is unreadable. */
function postgresCpuMs(pids: number[]): Map<number, number> | null {
  const cpu = new Map<number, number>();
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      cpu.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS);
    } catch {
      // A backend that has just ended: its CPU is lost from the sum (rare; the pool keeps its connections).
    }
  }
  return pids.length && !cpu.size ? null : cpu;
}
