/**
 * A burst of reminders due in the same second, shared by two worker processes (and by many
 * concurrent batches in one process): every reminder delivered exactly once, each notice to each
 * user of the owner organisation once, each escalation opened once, nothing early (issue 16).
 */
import { ReminderFireHandler, type FireOutcome } from '@pathway/reminders/reminder-fire.handler';
import { startTestApp, TestApp } from '../support/app';
import { createCast } from '../support/fixtures';
import { createJourney, daysFromNow, type Cast } from '../support/journeys';
import { runPrefix, sleep, spawnWorker, sql, waitFor, type WorkerProcess } from './support';

jest.setTimeout(240_000);

const FAST = { REMINDER_HORIZON_SECONDS: '30', RECONCILE_EVERY_SECONDS: '1' };

describe('a burst of same-second reminders shared by several workers', () => {
  let t: TestApp;
  let cast: Cast;
  let db: Awaited<ReturnType<typeof sql>>;
  const prefix = runPrefix('reminders-burst');
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    // The API only: jobs are consumed by the worker processes below.
    t = await startTestApp({ env: { ...FAST, REDIS_PREFIX: prefix } });
    cast = await createCast(t);
    db = await sql(t);
  });
  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await db?.end();
    await t?.close();
  });

  /**
   * `journeys` new journeys whose every open task falls due at `fireAt` (as a PATCH of dueAt would
   * leave them: old reminders superseded, an overdue notice at the new deadline), and an
   * escalation due then too for one task in five. Set up in SQL, for speed. Returns the ids.
   */
  async function burst(journeys: number, fireAt: Date): Promise<{ ids: string[]; escalateTaskIds: string[] }> {
    const journeyIds: string[] = [];
    for (let i = 0; i < journeys; i++) journeyIds.push((await createJourney(t, cast, { plannedTransferDate: daysFromNow(1000) })).id);
    const tasks = await db.rows<{ id: string }>(
      `UPDATE journey_tasks SET due_at = $2 WHERE journey_id = ANY($1) AND status NOT IN ('completed', 'not_applicable') RETURNING id`,
      [journeyIds, fireAt.toISOString()],
    );
    const taskIds = tasks.map((x) => x.id);
    await db.query(
      `UPDATE reminders SET status = 'superseded', status_reason = 'rescheduled', closed_at = now() WHERE task_id = ANY($1) AND status = 'pending'`,
      [taskIds],
    );
    const escalateTaskIds = taskIds.filter((_, i) => i % 5 === 0);
    const rows = await db.rows<{ id: string }>(
      `INSERT INTO reminders (journey_id, task_id, kind, "offset", deadline, remind_at, fire_at)
       SELECT t.journey_id, t.id, k.kind, 'PT0S', $2, $2, $2
         FROM journey_tasks t CROSS JOIN (VALUES ('task_overdue'), ('escalate')) AS k (kind)
        WHERE t.id = ANY($1) AND (k.kind = 'task_overdue' OR t.id = ANY($3))
       RETURNING id`,
      [taskIds, fireAt.toISOString(), escalateTaskIds],
    );
    return { ids: rows.map((r) => r.id), escalateTaskIds };
  }

  /** What exactly once means for these reminders, checked in the database. */
  async function expectExactlyOnce(ids: string[], escalateTaskIds: string[]): Promise<void> {
    const reminders = await db.rows<{ status: string; early: boolean }>(
      `SELECT status, delivered_at < fire_at AS early FROM reminders WHERE id = ANY($1)`,
      [ids],
    );
    expect(reminders.filter((r) => r.status !== 'delivered')).toEqual([]);
    expect(reminders.filter((r) => r.early)).toEqual([]);
    // Each notice reminder × each active user of its task's owner organisation, once; none before its time.
    const [{ expected }] = await db.rows<{ expected: number }>(
      `SELECT count(*)::int AS expected FROM reminders r JOIN journey_tasks t ON t.id = r.task_id
         JOIN users u ON u.organisation_id = t.owner_organisation_id AND u.deactivated_at IS NULL
        WHERE r.id = ANY($1) AND r.kind <> 'escalate'`,
      [ids],
    );
    const notes = await db.rows<{ dedupe_key: string; user_id: string; early: boolean }>(
      `SELECT n.dedupe_key, n.user_id, n.created_at < r.fire_at AS early
         FROM notifications n JOIN reminders r ON n.dedupe_key = 'reminder-' || r.id WHERE r.id = ANY($1)`,
      [ids],
    );
    expect(expected).toBeGreaterThan(ids.length / 2);
    expect(notes).toHaveLength(expected);
    expect(new Set(notes.map((n) => `${n.dedupe_key}|${n.user_id}`)).size).toBe(expected);
    expect(notes.filter((n) => n.early)).toEqual([]);
    // One escalation per escalating task: an escalation has no dedupe key, so a double delivery would show.
    const escalations = await db.rows<{ task_id: string; n: number }>(
      `SELECT task_id, count(*)::int AS n FROM escalations WHERE task_id = ANY($1) GROUP BY task_id`,
      [escalateTaskIds],
    );
    expect(escalations.map((e) => e.n)).toEqual(escalateTaskIds.map(() => 1));
  }

  it('two worker processes deliver a burst of several batches exactly once, never early', async () => {
    const start = () => {
      const w = spawnWorker({
        DATABASE_URL: t.databaseUrl,
        REDIS_URL: t.config.REDIS_URL,
        REDIS_PREFIX: prefix,
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        ...FAST,
      });
      workers.push(w);
      return w;
    };
    const [a, b] = [start(), start()];
    // Both up (each logs its schedules once started) before the burst is planned.
    await waitFor(
      () => [a, b].every((w) => w.output().includes('scheduled queue.reconcile')),
      60_000,
      () => `workers started\n${a.output()}\n${b.output()}`,
      200,
    );
    const fireAt = new Date(Math.ceil((Date.now() + 6_000) / 1000) * 1000);
    // 7 journeys × ~45 open tasks: more reminders than one batch (250) takes.
    const { ids, escalateTaskIds } = await burst(7, fireAt);
    expect(ids.length).toBeGreaterThan(300);
    const delivered = async () =>
      (await db.rows<{ n: number }>(`SELECT count(*)::int AS n FROM reminders WHERE id = ANY($1) AND status = 'delivered'`, [ids]))[0].n;
    await waitFor(
      async () => (await delivered()) === ids.length,
      90_000,
      async () => `all delivered (${await delivered()}/${ids.length})\n${a.output()}\n${b.output()}`,
      200,
    );
    await sleep(1500); // late jobs of the burst run and find nothing to do
    for (const w of [a, b]) w.child.kill('SIGTERM');
    for (const w of [a, b]) expect((await w.exited).code).toBe(0);
    await expectExactlyOnce(ids, escalateTaskIds);
  });

  it('concurrent batches claim disjoint reminders (FOR UPDATE SKIP LOCKED) and deliver each once', async () => {
    const handler = t.app.get(ReminderFireHandler, { strict: false });
    const { ids, escalateTaskIds } = await burst(3, new Date(Date.now() - 1000));
    const claims: Array<Map<string, FireOutcome>> = [];
    // Eight claimants at once, batches of ten, until nothing due is left.
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (;;) {
          const { claimed, outcomes } = await handler.deliverBatch(10);
          if (claimed === 0) return;
          claims.push(outcomes);
        }
      }),
    );
    const claimedIds = claims.flatMap((m) => [...m.keys()]);
    expect(claims.length).toBeGreaterThanOrEqual(Math.ceil(ids.length / 10));
    expect(new Set(claimedIds).size).toBe(claimedIds.length);
    const outcome = new Map(claims.flatMap((m) => [...m.entries()]));
    expect(ids.filter((id) => outcome.get(id) !== 'delivered')).toEqual([]);
    await expectExactlyOnce(ids, escalateTaskIds);
  });
});
