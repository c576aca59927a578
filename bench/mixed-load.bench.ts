import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { seedJourneys } from './seed-journeys';
import { api, BENCH_ADMIN_TOKEN, BENCH_REDIS_URL, benchEnvironment, healthP95, loadAverage, percentile } from './support';

const SECONDS = Number(process.env.BENCH_MIXED_SECONDS ?? 120);
const RATE = Number(process.env.BENCH_MIXED_RATE ?? 60);
const WINDOW_SECONDS = Number(process.env.BENCH_MIXED_WINDOW_SECONDS ?? 30);
const JOURNEYS = Number(process.env.BENCH_MIXED_JOURNEYS ?? 500);

type Kind = 'read' | 'task' | 'event';

interface Sample {
  kind: Kind;
  ms: number;
  status: number;
}

/**
 * Sustained mixed traffic against the real API process (`dist/apps/api/src/main.js`, its own
 * pool and memory): an open loop at BENCH_MIXED_RATE requests/s for BENCH_MIXED_SECONDS, 80%
 * reads (journey, tasks, history page), 15% task updates, 5% events (hold/resume). Prints
 * p50/p95/p99 per BENCH_MIXED_WINDOW_SECONDS window and the API's resident memory. Open loop:
 * requests keep starting on schedule however slowly earlier ones answer, so a slowdown shows up.
 */
export async function run(): Promise<void> {
  const env = await benchEnvironment('mixed');
  await seedJourneys(env.databaseUrl, JOURNEYS);
  const pg = new Client({ connectionString: env.databaseUrl });
  await pg.connect();
  const journeys: string[] = (await pg.query(`SELECT id FROM journeys ORDER BY id`)).rows.map((r) => r.id);
  const tasks: Array<{ id: string; journeyId: string; started: boolean }> = (
    await pg.query(
      `SELECT id, journey_id FROM journey_tasks WHERE status = 'not_started' AND cardinality(depends_on) = 0 AND owner_party = 'mutual' ORDER BY random() LIMIT 2000`,
    )
  ).rows.map((r) => ({ id: r.id, journeyId: r.journey_id, started: false }));
  await pg.end();
  const onHold = new Map<string, boolean>();

  const port = await freePort();
  const entry = join(__dirname, '..', 'apps', 'api', 'src', 'main.js');
  const child = spawn(process.execPath, [entry], {
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: env.databaseUrl,
      REDIS_URL: BENCH_REDIS_URL,
      REDIS_PREFIX: env.prefix,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      SESSION_SECRET: 'bench-session-secret-0123456789abcdef-012',
      ...(process.env.DATABASE_POOL_SIZE ? { DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE } : {}),
    } as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntilUp(baseUrl, () => stderr);
    const health = await healthP95(baseUrl);
    const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
    const one = async (): Promise<Sample> => {
      const r = Math.random();
      const t0 = process.hrtime.bigint();
      let kind: Kind;
      let status: number;
      if (r < 0.8) {
        kind = 'read';
        const id = pick(journeys);
        const path = [`/api/journeys/${id}`, `/api/journeys/${id}/tasks`, `/api/journeys/${id}/history`][Math.floor(Math.random() * 3)];
        status = (await api(baseUrl, BENCH_ADMIN_TOKEN, 'GET', path)).status;
      } else if (r < 0.95) {
        kind = 'task';
        const task = pick(tasks);
        task.started = !task.started;
        status = (
          await api(baseUrl, BENCH_ADMIN_TOKEN, 'PATCH', `/api/journeys/${task.journeyId}/tasks/${task.id}`, {
            status: task.started ? 'in_progress' : 'not_started',
          })
        ).status;
      } else {
        kind = 'event';
        const id = pick(journeys);
        const held = onHold.get(id) ?? false;
        onHold.set(id, !held);
        status = (
          await api(
            baseUrl,
            BENCH_ADMIN_TOKEN,
            'POST',
            `/api/journeys/${id}/events`,
            held ? { type: 'resume' } : { type: 'put_on_hold', payload: { reason: 'bench' } },
          )
        ).status;
      }
      return { kind, status, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
    };

    process.stdout.write(
      `\n== mixed load: ${RATE} req/s for ${SECONDS} s on ${JOURNEYS} journeys (80% reads, 15% task updates, 5% events), windows of ${WINDOW_SECONDS} s\n  (load average ${loadAverage()}; GET /health p95 ${health.toFixed(2)} ms before the load)\n`,
    );
    process.stdout.write(
      `  ${'window'.padEnd(10)} ${'done'.padStart(6)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'errors'.padStart(7)} ${'409s'.padStart(5)}  API RSS\n`,
    );
    const started = Date.now();
    const inFlight = new Set<Promise<void>>();
    let window: Sample[] = [];
    const all: Sample[] = [];
    let windowIndex = 0;
    const statuses: number[] = [];
    const flush = () => {
      const ms = window
        .filter((s) => s.status !== 0)
        .map((s) => s.ms)
        .sort((a, b) => a - b);
      const errors = window.filter((s) => s.status >= 500 || s.status === 0).length;
      if (errors) statuses.push(...window.filter((s) => s.status >= 500 || s.status === 0).map((s) => s.status));
      const conflicts = window.filter((s) => s.status === 409).length;
      const rss = rssMb(child.pid!);
      const label = `${windowIndex * WINDOW_SECONDS}-${(windowIndex + 1) * WINDOW_SECONDS}s`;
      process.stdout.write(
        `  ${label.padEnd(10)} ${String(window.length).padStart(6)} ${percentile(ms, 50).toFixed(1).padStart(8)} ${percentile(ms, 95).toFixed(1).padStart(8)} ${percentile(ms, 99).toFixed(1).padStart(8)} ${(ms[ms.length - 1] ?? NaN).toFixed(1).padStart(8)} ${String(errors).padStart(7)} ${String(conflicts).padStart(5)}  ${rss.toFixed(0)} MB\n`,
      );
      all.push(...window);
      window = [];
      windowIndex++;
    };
    for (let i = 0; ; i++) {
      const due = started + (i * 1000) / RATE;
      if (due >= started + SECONDS * 1000) break;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (Date.now() >= started + (windowIndex + 1) * WINDOW_SECONDS * 1000) flush();
      const p: Promise<void> = one()
        .catch(() => ({ kind: 'read' as Kind, ms: 0, status: 0 }))
        .then((s) => {
          window.push(s);
        })
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await Promise.all(inFlight);
    flush();
    const byKind = (k: Kind) =>
      all
        .filter((s) => s.kind === k && s.status !== 0)
        .map((s) => s.ms)
        .sort((a, b) => a - b);
    for (const k of ['read', 'task', 'event'] as Kind[]) {
      const ms = byKind(k);
      process.stdout.write(
        `  ${k.padEnd(6)} n=${ms.length} p50 ${percentile(ms, 50).toFixed(1)} ms, p95 ${percentile(ms, 95).toFixed(1)} ms, p99 ${percentile(ms, 99).toFixed(1)} ms (p95 ${(percentile(ms, 95) / health).toFixed(1)}× /health p95)\n`,
      );
    }
    const seconds = (Date.now() - started) / 1000;
    const counts = Object.entries(
      statuses.reduce<Record<string, number>>((m, s) => ({ ...m, [s || 'no answer']: (m[s || 'no answer'] ?? 0) + 1 }), {}),
    );
    process.stdout.write(
      `  achieved ${(all.length / seconds).toFixed(1)} req/s; 5xx or no answer: ${statuses.length} ${counts.length ? JSON.stringify(Object.fromEntries(counts)) : ''}\n`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await env.drop();
  }
}

function rssMb(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return line ? Number(line.replace(/\D+/g, '')) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(baseUrl: string, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${baseUrl}/health/live`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the API did not start within 60 s:\n${output()}`);
}
