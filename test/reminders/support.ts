import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { deleteKeysWithPrefix } from '@pathway/platform/redis/delete-prefix';
import { repoRoot } from '@pathway/platform/repo-root';
import { QueueName } from '@pathway/queue/jobs';
import { QueueService } from '@pathway/queue/queue.service';
import type { TestApp } from '../support/app';
import type { Actor } from '../support/fixtures';
import { createJourney, daysFromNow, type Cast } from '../support/journeys';
import { TEST_REDIS_URL } from '../support/test-env';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns a truthy value; throws `describe()` after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false | null> | T | undefined | false | null,
  timeoutMs: number,
  describe: () => string | Promise<string>,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${await describe()}`);
    await sleep(everyMs);
  }
}

/**
 * Waits until a queue has nothing waiting, delayed or running: every job enqueued so far has run to
 * its end. After it, "nothing more arrives" is a fact to assert (no job is left that could send),
 * not a guess about how long to sleep.
 */
export async function queueIdle(t: TestApp, name: QueueName, timeoutMs = 30_000): Promise<void> {
  const queue = t.app.get(QueueService).queueFor(name);
  const busy = () => queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
  await waitFor(
    async () => Object.values(await busy()).every((n) => n === 0),
    timeoutMs,
    async () => `queue ${name} still has jobs: ${JSON.stringify(await busy())}`,
    50,
  );
}

/** A Redis key prefix of this run (global teardown deletes every key under the run's prefix). */
export function runPrefix(suffix: string): string {
  return `${process.env.TEST_REDIS_PREFIX ?? 'pathway-test'}-${suffix}`;
}

/** FLUSHDB for one deployment: deletes every key under `prefix:` (never the shared Redis db). */
export async function deletePrefix(prefix: string): Promise<number> {
  const redis = new IORedis(TEST_REDIS_URL);
  try {
    return await deleteKeysWithPrefix(redis, `${prefix}:`);
  } finally {
    await redis.quit();
  }
}

/** Direct SQL on the run's database, to check what the API does not show. */
export async function sql(
  t: TestApp,
): Promise<Client & { rows<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]> }> {
  const client = new Client({ connectionString: t.databaseUrl }) as Client & { rows<T>(text: string, params?: unknown[]): Promise<T[]> };
  await client.connect();
  client.rows = async <T>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[];
  return client;
}

export interface ReminderRow {
  id: string;
  task_id: string;
  kind: string;
  offset: string;
  status: string;
  status_reason: string | null;
  fire_at: Date;
  deadline: Date;
  delivered_at: Date | null;
}

export interface NotificationRow {
  id: string;
  user_id: string;
  type: string;
  task_id: string | null;
  escalation_id: string | null;
  dedupe_key: string | null;
  created_at: Date;
  emailed_at: Date | null;
}

export interface TaskView {
  id: string;
  key: string;
  title: string;
  status: string;
  ownerParty: string;
  dependsOn: string[];
}

/**
 * A journey with a reminder policy of seconds, and the open tasks its mutual lead can change. Its
 * planned transfer is far enough ahead that every template deadline is in the future.
 */
export async function secondsJourney(t: TestApp, cast: Cast, policy: { remindBefore: string[]; escalateAfter: string }) {
  const journey = await createJourney(t, cast, { plannedTransferDate: daysFromNow(1000) });
  await t.http().put(`/api/journeys/${journey.id}/reminder-policy`).set(cast.users.lead.auth).send(policy).expect(200);
  const { body } = await t.http().get(`/api/journeys/${journey.id}/tasks`).set(cast.users.lead.auth).expect(200);
  const tasks: TaskView[] = body.items.filter(
    (x: TaskView) => x.ownerParty === 'mutual' && !['completed', 'not_applicable'].includes(x.status),
  );
  return { journey, tasks };
}

export async function setDueAt(t: TestApp, as: Actor, journeyId: string, taskId: string, dueAt: Date | null): Promise<void> {
  const res = await t
    .http()
    .patch(`/api/journeys/${journeyId}/tasks/${taskId}`)
    .set(as.auth)
    .send({ dueAt: dueAt ? dueAt.toISOString() : null });
  if (res.status !== 200) throw new Error(`set dueAt: ${res.status} ${JSON.stringify(res.body)}`);
}

export const secondsFromNow = (s: number) => new Date(Date.now() + s * 1000);

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * `node dist/apps/worker/src/main.js` on the test run's database and a Redis prefix: the
 * production worker process, built by `npm test` (or `npx tsc -p tsconfig.build.json`).
 */
export function spawnWorker(env: Record<string, string>): WorkerProcess {
  const entry = join(repoRoot(), 'dist', 'apps', 'worker', 'src', 'main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: build first (npm test does; or npx tsc -p tsconfig.build.json)`);
  const base: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'LANG', 'TMPDIR']) if (process.env[key]) base[key] = process.env[key] as string;
  const child = spawn(process.execPath, [entry], { cwd: repoRoot(), env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  return { child, output: () => out.slice(-4000), exited };
}
