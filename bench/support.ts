import 'reflect-metadata';
import os from 'node:os';
import { Client } from 'pg';
import IORedis from 'ioredis';
import { createApi } from '../apps/api/src/create-api';
import { migrateProduct } from '../apps/migrate-product';
import { loadConfig, type EnvConfig } from '@pathway/platform/config/env';
import { deleteKeysWithPrefix } from '@pathway/platform/redis/delete-prefix';

export const BENCH_ADMIN_TOKEN = 'bench-bootstrap-admin-token-0123456789abcdef';
const ADMIN_PG_URL = process.env.BENCH_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A fresh, migrated database and Redis prefix for one benchmark; `drop()` removes both. */
export async function benchEnvironment(
  name: string,
): Promise<{ databaseUrl: string; prefix: string; config: EnvConfig; drop: () => Promise<void> }> {
  const db = `pathway_bench_${name}_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: ADMIN_PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${db}`);
  await admin.end();
  const url = new URL(ADMIN_PG_URL);
  url.pathname = `/${db}`;
  const databaseUrl = url.toString();
  await migrateProduct(databaseUrl, { bootstrapAdminToken: BENCH_ADMIN_TOKEN, centralTeamName: 'Central team (bench)' });
  const prefix = `pathway-bench-${name}-${Date.now().toString(36)}`;
  const config = loadConfig({
    REDIS_URL: BENCH_REDIS_URL,
    REDIS_PREFIX: prefix,
    // The API applies BOOTSTRAP_ADMIN_TOKEN at every start (revoking a bootstrap token it is not given), so it needs the bench's.
    BOOTSTRAP_ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
    CENTRAL_TEAM_NAME: 'Central team (bench)',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'production',
    SESSION_SECRET: 'bench-session-secret-0123456789abcdef-012',
  });
  return {
    databaseUrl,
    prefix,
    config,
    drop: async () => {
      // BENCH_KEEP=1 leaves the database for EXPLAIN ANALYZE afterwards (its name is printed).
      if (process.env.BENCH_KEEP === '1') {
        process.stdout.write(`  (kept database ${db})\n`);
        return;
      }
      const c = new Client({ connectionString: ADMIN_PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await c.end();
      const redis = new IORedis(BENCH_REDIS_URL);
      await deleteKeysWithPrefix(redis, prefix);
      await redis.quit();
    },
  };
}

/** The real API listening on a free port. */
export async function benchApi(config: EnvConfig, databaseUrl: string) {
  const app = await createApi(config, databaseUrl);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { app, baseUrl: `http://127.0.0.1:${port}` };
}

export function percentile(sortedMs: number[], p: number): number {
  if (!sortedMs.length) return NaN;
  const i = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, i)];
}

/** Times `n` sequential calls of `fn` (after `warmup`); returns p50/p95/p99/max in ms. */
export async function timeIt(n: number, fn: (i: number) => Promise<unknown>, warmup = 20) {
  for (let i = 0; i < warmup; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    await fn(i);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { n, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), max: times[times.length - 1] };
}

/**
 * GET /health's p95 over `n` sequential requests (after it answers 200): the floor every request
 * pays on this machine at this moment, so figures can be read as ratios across machines and runs.
 */
export async function healthP95(baseUrl: string, n = 300): Promise<number> {
  for (let i = 0; i < 50 && (await fetch(`${baseUrl}/health`)).status !== 200; i++) await new Promise((r) => setTimeout(r, 100));
  return (await timeIt(n, () => fetch(`${baseUrl}/health`).then((r) => r.arrayBuffer()))).p95;
}

/** The 1, 5 and 15 minute load averages (the machine is shared: figures mean little without them). */
export const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');

/**
 * Prints one benchmark's figures. With `healthP95` (measured in the same run), every figure in
 * milliseconds (a key ending in "ms") is also shown as a multiple of it.
 */
export function report(title: string, rows: Record<string, string | number>, options: { healthP95?: number } = {}): void {
  const { healthP95: floor } = options;
  process.stdout.write(
    `\n== ${title}\n  (load average ${loadAverage()}${floor ? `; GET /health p95 ${floor.toFixed(2)} ms in this run` : ''})\n`,
  );
  for (const [k, v] of Object.entries(rows)) {
    const ratio = floor && typeof v === 'number' && /\bms\b/.test(k) ? `   (${(v / floor).toFixed(1)}× /health p95)` : '';
    process.stdout.write(`  ${k.padEnd(44)} ${typeof v === 'number' ? v.toFixed(2) : v}${ratio}\n`);
  }
}

export async function api(
  baseUrl: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: any }> {
  const res = await fetch(baseUrl + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

/** The password of every bench user who signs in to the pages. */
export const BENCH_PASSWORD = 'a long enough password for the bench';
/** In production the session cookie is Secure: the API trusts the loopback proxy to say the request came over HTTPS. */
export const HTTPS = { 'x-forwarded-proto': 'https' };

/** A session cookie for a user with BENCH_PASSWORD, signed in through the sign-in form. */
export async function signIn(baseUrl: string, email: string): Promise<string> {
  const page = await fetch(`${baseUrl}/sign-in`, { headers: HTTPS });
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const res = await fetch(`${baseUrl}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...HTTPS, 'content-type': 'application/x-www-form-urlencoded', cookie: cookie.join('; ') },
    body: new URLSearchParams({ email, password: BENCH_PASSWORD, _csrf: csrf }).toString(),
  });
  if (res.status !== 302) throw new Error(`sign in ${email}: ${res.status}`);
  // Signing in replaces the session: a cookie set again wins over the one from the form's page.
  const jar = new Map([...cookie, ...res.headers.getSetCookie().map((c) => c.split(';')[0])].map((c) => [c.split('=')[0], c]));
  return [...jar.values()].join('; ');
}
