import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import IORedis, { type Redis } from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { JourneyEntity } from '@pathway/journeys/entities/journey.entity';
import { deleteKeysWithPrefix } from '@pathway/platform/redis/delete-prefix';
import { DEFAULT_JOB_OPTIONS } from '@pathway/queue/queue.service';
import { QueueReconcileHandler } from '@pathway/reminders/queue-reconcile.handler';
import { REMINDER_BATCH } from '@pathway/reminders/reminder-fire.handler';
import { ReminderQueue, reminderJobId } from '@pathway/reminders/reminder-queue';
import { ReminderScheduler } from '@pathway/reminders/reminder-scheduler';
import { seedJourneys } from './seed-journeys';
import { BENCH_REDIS_URL, benchApi, benchEnvironment, healthP95, loadAverage, percentile, report } from './support';

const TARGET_REMINDERS = Number(process.env.BENCH_REMINDERS ?? 100_000);
const SAME_SECOND = Number(process.env.BENCH_SAME_SECOND ?? 1_000);
const SAME_MINUTE = Number(process.env.BENCH_SAME_MINUTE ?? 10_000);
/** The template plans about 168 reminders per journey (42 dated tasks × 2 due-soon, overdue, escalate). */
const REMINDERS_PER_JOURNEY = 168;
const PARALLEL = 8;

/** INFO memory used_memory (the whole Redis server: other clients add noise). */
async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
}

/** Bytes held by the keys under one prefix (MEMORY USAGE of each key): this deployment's own share. */
async function prefixMemory(redis: Redis, prefix: string): Promise<{ keys: number; bytes: number }> {
  let cursor = '0';
  let keys = 0;
  let bytes = 0;
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (batch.length === 0) continue;
    const pipeline = redis.pipeline();
    for (const key of batch) pipeline.memory('USAGE', key, 'SAMPLES', '0');
    for (const [, value] of (await pipeline.exec()) ?? []) bytes += Number(value ?? 0);
    keys += batch.length;
  } while (cursor !== '0');
  return { keys, bytes };
}

const mb = (bytes: number) =>
  Math.abs(bytes) < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(2)} MB`;

/**
 * Issue 4's figures.
 * 1. ~100,000 far-future reminders planned and written through the real scheduling code
 *    (ReminderScheduler.reschedule, what the journey listener runs for a new journey): time, and
 *    Redis memory before/after (and after a reconciliation), against the cost of holding every one
 *    of them in Redis as a delayed job, which the horizon avoids.
 * 2. Issue 16's: 1,000 reminders due in the same second, delivered by one real worker process and
 *    then by two; 10,000 due at the same instant by one: lateness from fire_at to delivery
 *    (p50/p99/max), none early, none twice.
 */
export async function run(): Promise<void> {
  const env = await benchEnvironment('reminders');
  const redis = new IORedis(BENCH_REDIS_URL);
  const journeys = Math.ceil(TARGET_REMINDERS / REMINDERS_PER_JOURNEY);
  await seedJourneys(env.databaseUrl, journeys);
  const pg = new Client({ connectionString: env.databaseUrl });
  await pg.connect();
  // Every template deadline comfortably in the future (months ahead): nothing falls within the horizon.
  await pg.query(`UPDATE journeys SET planned_transfer_date = planned_transfer_date + 700`);
  await pg.query(`UPDATE journey_tasks SET due_date = due_date + 700 WHERE due_date IS NOT NULL`);
  const { app, baseUrl } = await benchApi(env.config, env.databaseUrl);
  const running: Array<ReturnType<typeof spawn>> = [];
  const health = await healthP95(baseUrl);
  try {
    // ---- 1. scheduling far-future reminders
    const db = app.get(DataSource);
    const scheduler = app.get(ReminderScheduler);
    const reminderQueue = app.get(ReminderQueue);
    const all = await db.getRepository(JourneyEntity).find();
    const memBefore = await usedMemory(redis);
    const prefixBefore = await prefixMemory(redis, env.prefix);
    let enqueuedByScheduling = 0;
    const started = process.hrtime.bigint();
    let next = 0;
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (next < all.length) {
          const j = all[next++];
          const work = await db.transaction((tx) => scheduler.reschedule(tx, j, null, new Date()));
          const due = reminderQueue.withinHorizon(work.enqueue);
          enqueuedByScheduling += due.length;
          await reminderQueue.enqueue(due);
        }
      }),
    );
    const scheduleSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const [{ count: reminders }] = (await pg.query(`SELECT count(*)::int AS count FROM reminders WHERE status = 'pending'`)).rows;
    const reconcileStart = process.hrtime.bigint();
    const reconciled = await app.get(QueueReconcileHandler).reconcileReminders();
    const reconcileMs = Number(process.hrtime.bigint() - reconcileStart) / 1e6;
    const memAfter = await usedMemory(redis);
    const prefixAfter = await prefixMemory(redis, env.prefix);

    // What holding every one of them in Redis would cost: the same jobs in a scratch prefix.
    const scratch = `${env.prefix}-all`;
    const queue = new Queue('reminders', { connection: { url: BENCH_REDIS_URL }, prefix: scratch });
    const ids: Array<{ id: string; fire_at: Date }> = (await pg.query(`SELECT id, fire_at FROM reminders WHERE status = 'pending'`)).rows;
    const memScratchBefore = await usedMemory(redis);
    const now = Date.now();
    for (let i = 0; i < ids.length; i += 1000) {
      await queue.addBulk(
        ids.slice(i, i + 1000).map((r) => ({
          name: 'reminder.fire',
          data: { reminderId: r.id },
          opts: { ...DEFAULT_JOB_OPTIONS, jobId: reminderJobId(r.id), delay: Math.max(0, r.fire_at.getTime() - now) },
        })),
      );
    }
    const memScratchAfter = await usedMemory(redis);
    const scratchMemory = await prefixMemory(redis, scratch);
    await queue.close();
    await deleteKeysWithPrefix(redis, `${scratch}:`);

    report(`reminders: ${reminders} far-future reminders for ${all.length} journeys (${all.length * 42} dated tasks)`, {
      'planned and written (ReminderScheduler.reschedule) s': scheduleSeconds,
      'reminders per second': reminders / scheduleSeconds,
      'enqueued at once (within the 1 h horizon)': enqueuedByScheduling,
      'reconciliation: pending within horizon / added': `${reconciled.pendingInHorizon} / ${reconciled.added}`,
      'reconciliation pass ms': reconcileMs,
      'Redis used_memory before': mb(memBefore),
      'Redis used_memory after scheduling + reconcile': mb(memAfter),
      'this deployment’s keys before → after': `${prefixBefore.keys} keys ${mb(prefixBefore.bytes)} → ${prefixAfter.keys} keys ${mb(prefixAfter.bytes)}`,
      'if all were delayed jobs: used_memory growth': mb(memScratchAfter - memScratchBefore),
      'if all were delayed jobs: keys / bytes': `${scratchMemory.keys} keys ${mb(scratchMemory.bytes)}`,
      'if all were delayed jobs: bytes per reminder': scratchMemory.bytes / Math.max(1, ids.length),
    });

    // ---- 2. bursts of reminders due at the same instant, delivered by real worker processes
    // One user per organisation that owns tasks, so each reminder notifies someone.
    await pg.query(
      `INSERT INTO users (email, name, organisation_id, role, calendar_key)
       SELECT 'user-' || o.id || '@bench.test', 'Bench user', o.id,
              CASE o.kind WHEN 'mutual' THEN 'mutual_lead' WHEN 'parent_body' THEN 'parent_body_officer' ELSE 'department_officer' END,
              encode(gen_random_bytes(24), 'hex')
         FROM organisations o WHERE o.kind IN ('mutual', 'parent_body', 'department')`,
    );
    const used: string[] = [];
    const burst = async (count: number, workerCount: number, leadSeconds: number) => {
      const fireAt = new Date(Math.ceil((Date.now() + leadSeconds * 1000) / 1000) * 1000); // a whole second ahead
      // Spread over journeys: each journey's first task (by key) first, then the next.
      const chosen: Array<{ id: string }> = (
        await pg.query(
          `SELECT t.id FROM journey_tasks t JOIN users u ON u.organisation_id = t.owner_organisation_id
            WHERE t.due_date IS NOT NULL AND NOT (t.id = ANY($1)) ORDER BY t.key, t.journey_id LIMIT $2`,
          [used, count],
        )
      ).rows;
      const ids = chosen.map((t) => t.id);
      used.push(...ids);
      // As the listener would after a PATCH of dueAt: the task's deadline moves, its old reminders are
      // superseded, and its overdue notice is due at the new deadline (bulk SQL, for set-up speed).
      await pg.query(`UPDATE journey_tasks SET due_at = $2 WHERE id = ANY($1)`, [ids, fireAt.toISOString()]);
      await pg.query(
        `UPDATE reminders SET status = 'superseded', status_reason = 'rescheduled', closed_at = now() WHERE task_id = ANY($1) AND status = 'pending'`,
        [ids],
      );
      await pg.query(
        `INSERT INTO reminders (journey_id, task_id, kind, "offset", deadline, remind_at, fire_at)
         SELECT t.journey_id, t.id, 'task_overdue', 'PT0S', $2, $2, $2 FROM journey_tasks t WHERE t.id = ANY($1)`,
        [ids, fireAt.toISOString()],
      );
      // The workers' reconciler (its first run is at start) puts them in Redis as delayed jobs.
      const workers = Array.from({ length: workerCount }, () =>
        spawn(process.execPath, [join(__dirname, '..', 'apps', 'worker', 'src', 'main.js')], {
          env: {
            PATH: process.env.PATH,
            DATABASE_URL: env.databaseUrl,
            REDIS_URL: BENCH_REDIS_URL,
            REDIS_PREFIX: env.prefix,
            LOG_LEVEL: 'warn',
            NODE_ENV: 'production',
            RECONCILE_EVERY_SECONDS: '5',
            ...(process.env.DATABASE_POOL_SIZE ? { DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE } : {}),
            ...(process.env.REMINDER_JOB_CONCURRENCY ? { REMINDER_JOB_CONCURRENCY: process.env.REMINDER_JOB_CONCURRENCY } : {}),
          },
          stdio: ['ignore', 'ignore', 'inherit'],
        }),
      );
      running.push(...workers);
      const deadline = fireAt.getTime() + 120_000;
      let delivered = 0;
      while (Date.now() < deadline) {
        delivered = (await pg.query(`SELECT count(*)::int AS n FROM reminders WHERE task_id = ANY($1) AND status = 'delivered'`, [ids]))
          .rows[0].n;
        if (delivered >= ids.length) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      const load = loadAverage();
      await new Promise((r) => setTimeout(r, 2000)); // the burst's late jobs run (and find nothing to do)
      for (const w of workers) {
        if (w.exitCode === null) {
          w.kill('SIGTERM');
          await new Promise((r) => w.once('exit', r));
        }
      }
      const lateness: number[] = (
        await pg.query(
          `SELECT EXTRACT(EPOCH FROM (delivered_at - fire_at)) * 1000 AS ms FROM reminders WHERE task_id = ANY($1) AND status = 'delivered' ORDER BY 1`,
          [ids],
        )
      ).rows.map((r) => Number(r.ms));
      const [{ early }] = (
        await pg.query(`SELECT count(*)::int AS early FROM reminders WHERE task_id = ANY($1) AND delivered_at < fire_at`, [ids])
      ).rows;
      // Where the lateness comes from: when the worker took its first job of the burst, against
      // when the first reminder was delivered (BullMQ keeps the finished jobs' processedOn).
      const reminderIds: string[] = (
        await pg.query(`SELECT id FROM reminders WHERE task_id = ANY($1) AND fire_at = $2`, [ids, fireAt])
      ).rows.map((r) => r.id);
      const burstQueue = new Queue('reminders', { connection: { url: BENCH_REDIS_URL }, prefix: env.prefix });
      const picked = (await Promise.all(reminderIds.map((id) => burstQueue.getJob(reminderJobId(id)))))
        .map((j) => j?.processedOn)
        .filter((t): t is number => typeof t === 'number')
        .sort((a, b) => a - b);
      await burstQueue.close();
      const [{ expected, notes, recipients }] = (
        await pg.query(
          `SELECT (SELECT count(*)::int FROM reminders r JOIN journey_tasks t ON t.id = r.task_id JOIN users u ON u.organisation_id = t.owner_organisation_id
                    WHERE r.task_id = ANY($1) AND r.kind = 'task_overdue' AND r.fire_at = $2) AS expected,
                  count(*)::int AS notes, count(DISTINCT (n.dedupe_key, n.user_id))::int AS recipients
             FROM notifications n JOIN reminders r ON n.dedupe_key = 'reminder-' || r.id WHERE r.task_id = ANY($1)`,
          [ids, fireAt.toISOString()],
        )
      ).rows;
      report(
        `reminders: ${ids.length} reminders due at the same second, ${workerCount} worker process${workerCount > 1 ? 'es' : ''} (reminders concurrency ${process.env.REMINDER_JOB_CONCURRENCY ?? 6} each, pool ${process.env.DATABASE_POOL_SIZE ?? 10}, batches of ${REMINDER_BATCH}; load average when the last was delivered ${load})`,
        {
          delivered: `${delivered} / ${ids.length}`,
          'notifications written / expected': `${notes} / ${expected}`,
          'duplicates (notifications − distinct recipient×reminder)': notes - recipients,
          'delivered before fire_at': early,
          'first job taken by a worker ms after fire_at': picked.length ? picked[0] - fireAt.getTime() : NaN,
          'jobs taken: count / last ms after fire_at': `${picked.length} / ${picked.length ? picked[picked.length - 1] - fireAt.getTime() : NaN}`,
          'lateness of the first delivered ms': lateness[0] ?? NaN,
          'lateness p50 ms (fire_at → delivered)': percentile(lateness, 50),
          'lateness p99 ms': percentile(lateness, 99),
          'lateness max ms (the last one delivered)': lateness[lateness.length - 1] ?? NaN,
          'throughput reminders/s (first → last)':
            lateness.length / Math.max(0.001, ((lateness[lateness.length - 1] ?? 0) - (lateness[0] ?? 0)) / 1000),
        },
        { healthP95: health },
      );
    };
    await burst(SAME_SECOND, 1, 20);
    await burst(SAME_SECOND, 2, 20);
    await burst(SAME_MINUTE, 1, 30);
  } finally {
    for (const w of running) {
      if (w.exitCode === null) {
        w.kill('SIGTERM');
        await new Promise((r) => w.once('exit', r));
      }
    }
    await pg.end();
    await app.close();
    await redis.quit();
    await env.drop();
  }
}
