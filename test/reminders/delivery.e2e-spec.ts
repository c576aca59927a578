/**
 * Reminders and escalations delivered through BullMQ by a real worker, against the run's real
 * Postgres and Redis, with seconds-long durations. One file on purpose: every worker on the run's
 * database delivers any due reminder, so the scenarios here run one after another.
 */
import type { AddressInfo } from 'node:net';
import IORedis from 'ioredis';
import { SMTPServer } from 'smtp-server';
import { heartbeatKey } from '@pathway/platform/health/worker-status';
import { QueueName } from '@pathway/queue/jobs';
import { QueueService } from '@pathway/queue/queue.service';
import { startTestApp, TestApp } from '../support/app';
import { createCast } from '../support/fixtures';
import { fire, type Cast } from '../support/journeys';
import {
  deletePrefix,
  NotificationRow,
  ReminderRow,
  runPrefix,
  secondsFromNow,
  secondsJourney,
  setDueAt,
  sleep,
  spawnWorker,
  sql,
  waitFor,
  type WorkerProcess,
} from './support';

jest.setTimeout(120_000);

const FAST = { REMINDER_HORIZON_SECONDS: '30', RECONCILE_EVERY_SECONDS: '1' };

describe('reminders delivered by the worker', () => {
  let t: TestApp;
  let cast: Cast;
  let db: Awaited<ReturnType<typeof sql>>;
  const prefix = runPrefix('reminders');

  beforeAll(async () => {
    t = await startTestApp({ worker: true, env: { ...FAST, REDIS_PREFIX: prefix } });
    cast = await createCast(t);
    db = await sql(t);
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  /** The task's reminders (those of its template due date, far ahead and superseded by the tests' dueAt, left out). */
  const remindersOf = (taskId: string) =>
    db.rows<ReminderRow>(`SELECT * FROM reminders WHERE task_id = $1 AND deadline < now() + interval '1 day' ORDER BY fire_at, kind`, [
      taskId,
    ]);
  const notificationsOf = (taskId: string) =>
    db.rows<NotificationRow>(`SELECT * FROM notifications WHERE task_id = $1 ORDER BY created_at`, [taskId]);
  const jobState = (reminderId: string) => t.app.get(QueueService).queueFor(QueueName.Reminders).getJobState(`reminder-${reminderId}`);
  const mutualUsers = () => [cast.users.lead.id, cast.users.member.id].sort();

  it('delivers each reminder once, never early, to the users of the owner organisation, then escalates and raises by itself', async () => {
    const { journey, tasks } = await secondsJourney(t, cast, { remindBefore: ['PT2S'], escalateAfter: 'PT3S' });
    const task = tasks[0];
    const dueAt = secondsFromNow(4);
    await setDueAt(t, cast.users.lead, journey.id, task.id, dueAt);

    const planned = await remindersOf(task.id);
    expect(planned.map((r) => [r.kind, r.offset, r.status])).toEqual([
      ['task_due_soon', 'PT2S', 'pending'],
      ['task_overdue', 'PT0S', 'pending'],
      ['escalate', 'PT3S', 'pending'],
    ]);
    expect(planned.map((r) => r.fire_at.getTime())).toEqual([dueAt.getTime() - 2000, dueAt.getTime(), dueAt.getTime() + 3000]);
    // Within the horizon: in Redis as delayed jobs at once.
    expect(await Promise.all(planned.map((r) => jobState(r.id)))).toEqual(['delayed', 'delayed', 'delayed']);

    await waitFor(
      async () => (await remindersOf(task.id)).every((r) => r.status === 'delivered'),
      20_000,
      () => 'all three reminders delivered',
    );
    const reminders = await remindersOf(task.id);
    const notes = await notificationsOf(task.id);
    const byReminder = (r: ReminderRow) => notes.filter((n) => n.dedupe_key === `reminder-${r.id}`);
    for (const r of reminders.filter((x) => x.kind !== 'escalate')) {
      const delivered = byReminder(r);
      expect(delivered.map((n) => n.user_id).sort()).toEqual(mutualUsers());
      expect(delivered.every((n) => n.type === r.kind)).toBe(true);
      for (const n of delivered) expect(n.created_at.getTime()).toBeGreaterThanOrEqual(r.fire_at.getTime());
    }
    // The escalation: trigger task_overdue, at the department (level 1), notifying its users.
    const escalate = reminders.find((r) => r.kind === 'escalate')!;
    const { body: open } = await t.http().get(`/api/escalations?journeyId=${journey.id}`).set(cast.users.admin.auth).expect(200);
    const escalation = open.items.find((e: { taskId: string }) => e.taskId === task.id);
    expect(escalation).toMatchObject({ trigger: 'task_overdue', status: 'open', assignedOrganisationId: expect.any(String) });
    expect(new Date(escalation.openedAt).getTime()).toBeGreaterThanOrEqual(escalate.fire_at.getTime() - 1);

    // Not acted on within escalateAfter (PT3S): it rises to the arbiter by itself, once (level 2 is the top).
    await waitFor(
      async () => (await t.http().get(`/api/escalations/${escalation.id}`).set(cast.users.admin.auth)).body.level === 2,
      20_000,
      () => 'the escalation rose to level 2',
    );
    const { body: raised } = await t.http().get(`/api/escalations/${escalation.id}`).set(cast.users.admin.auth).expect(200);
    expect(raised.assignedOrganisationId).toBe(cast.orgs.arbiter.id);
    const { body: history } = await t.http().get(`/api/journeys/${journey.id}/history`).set(cast.users.admin.auth).expect(200);
    const steps = history.items.filter((h: { type: string; data: { escalationId?: string } }) => h.data.escalationId === escalation.id);
    expect(steps.map((h: { type: string }) => h.type)).toEqual(['escalation_opened', 'escalation_raised']);
    expect(steps[1].data).toMatchObject({
      by: 'automatic',
      from: { level: 1 },
      to: { level: 2, assignedOrganisationId: cast.orgs.arbiter.id },
    });
    const { body: arbiterInbox } = await t.http().get('/api/notifications').set(cast.users.arbiter.auth).expect(200);
    expect(
      arbiterInbox.items.filter(
        (n: { escalationId: string; type: string }) => n.escalationId === escalation.id && n.type === 'escalation_raised',
      ),
    ).toHaveLength(1);

    // Still nothing more: each reminder was delivered once, each recipient told once.
    await sleep(1500);
    expect((await notificationsOf(task.id)).filter((n) => n.dedupe_key)).toHaveLength(4);
    const { body: inbox } = await t.http().get('/api/notifications').set(cast.users.member.auth).expect(200);
    const mine = inbox.items
      .filter((n: { taskId: string }) => n.taskId === task.id)
      .map((n: { type: string }) => n.type)
      .sort();
    expect(mine).toEqual(['task_due_soon', 'task_overdue']);
  });

  it('fires only the new reminders of a moved deadline', async () => {
    const { journey, tasks } = await secondsJourney(t, cast, { remindBefore: ['PT2S'], escalateAfter: 'PT1H' });
    const task = tasks[1];
    await setDueAt(t, cast.users.lead, journey.id, task.id, secondsFromNow(5));
    const old = await remindersOf(task.id);
    const moved = secondsFromNow(8);
    await setDueAt(t, cast.users.lead, journey.id, task.id, moved);

    const after = await remindersOf(task.id);
    expect(after.filter((r) => old.some((o) => o.id === r.id)).every((r) => r.status === 'superseded')).toBe(true);
    // The superseded jobs are taken out of Redis.
    expect(await Promise.all(old.map((r) => jobState(r.id)))).toEqual(['unknown', 'unknown', 'unknown']);
    await waitFor(
      async () => (await notificationsOf(task.id)).length === 4,
      20_000,
      () => 'the new due-soon and overdue notices',
    );
    await sleep(1000);
    const notes = await notificationsOf(task.id);
    expect(notes).toHaveLength(4);
    expect(notes.some((n) => old.some((o) => n.dedupe_key === `reminder-${o.id}`))).toBe(false);
    expect(notes.every((n) => n.created_at.getTime() >= moved.getTime() - 2000)).toBe(true);
  });

  it('cancels the reminders of a completed task', async () => {
    const { journey, tasks } = await secondsJourney(t, cast, { remindBefore: ['PT1S'], escalateAfter: 'PT1S' });
    const task = tasks.find((x) => x.dependsOn.length === 0 && x.status !== 'cannot_start_yet')!;
    await setDueAt(t, cast.users.lead, journey.id, task.id, secondsFromNow(3));
    await t
      .http()
      .patch(`/api/journeys/${journey.id}/tasks/${task.id}`)
      .set(cast.users.lead.auth)
      .send({ status: 'completed' })
      .expect(200);
    const reminders = await remindersOf(task.id);
    expect(reminders.map((r) => [r.status, r.status_reason])).toEqual([
      ['cancelled', 'task_completed'],
      ['cancelled', 'task_completed'],
      ['cancelled', 'task_completed'],
    ]);
    await sleep(5000);
    expect(await notificationsOf(task.id)).toEqual([]);
  });

  it('sends nothing while the journey is on hold; on resume, one overdue notice and no stale "due soon"', async () => {
    const { journey, tasks } = await secondsJourney(t, cast, { remindBefore: ['PT2S'], escalateAfter: 'PT1H' });
    const task = tasks[0];
    await setDueAt(t, cast.users.lead, journey.id, task.id, secondsFromNow(4));
    expect((await fire(t, journey.id, cast.users.lead, 'put_on_hold', { reason: 'Waiting for the council’s restructure' })).status).toBe(
      200,
    );
    expect((await remindersOf(task.id)).every((r) => r.status === 'cancelled' && r.status_reason === 'journey_on_hold')).toBe(true);

    await sleep(6000); // due-soon and deadline both pass during the hold
    expect(await notificationsOf(task.id)).toEqual([]);

    const resumed = Date.now();
    expect((await fire(t, journey.id, cast.users.lead, 'resume')).status).toBe(200);
    await waitFor(
      async () => (await notificationsOf(task.id)).length >= 2,
      10_000,
      () => 'the overdue notice after resuming',
    );
    await sleep(1000);
    const notes = await notificationsOf(task.id);
    expect(notes.map((n) => n.type)).toEqual(['task_overdue', 'task_overdue']);
    expect(notes.map((n) => n.user_id).sort()).toEqual(mutualUsers());
    expect(notes.every((n) => n.created_at.getTime() >= resumed - 50)).toBe(true);
    // The escalation waits the policy's grace from the resume, not from the old deadline.
    const escalate = (await remindersOf(task.id)).find((r) => r.kind === 'escalate' && r.status === 'pending')!;
    expect(escalate.fire_at.getTime()).toBeGreaterThan(resumed + 3500 * 1000);
  });

  it('keeps far-future reminders in Postgres only, and restores every pending reminder after Redis loses its data', async () => {
    const { journey, tasks } = await secondsJourney(t, cast, { remindBefore: ['PT2S'], escalateAfter: 'PT1H' });
    await setDueAt(t, cast.users.lead, journey.id, tasks[0].id, secondsFromNow(2 * 3600));
    const far = await db.rows<ReminderRow>(`SELECT * FROM reminders WHERE task_id = $1 AND status = 'pending'`, [tasks[0].id]);
    expect(far).toHaveLength(3);
    expect(far.every((r) => r.status === 'pending')).toBe(true);
    expect(await Promise.all(far.map((r) => jobState(r.id)))).toEqual(['unknown', 'unknown', 'unknown']);

    const soon = [tasks[1], tasks[2], tasks[3]];
    for (const [i, task] of soon.entries()) await setDueAt(t, cast.users.lead, journey.id, task.id, secondsFromNow(12 + i));
    const ids = (
      await db.rows<{ id: string }>(
        `SELECT id FROM reminders WHERE task_id = ANY($1) AND kind <> 'escalate' AND status = 'pending' AND deadline < now() + interval '1 day'`,
        [soon.map((x) => x.id)],
      )
    ).map((r) => r.id);
    expect(ids).toHaveLength(6);
    expect(await Promise.all(ids.map(jobState))).toEqual(ids.map(() => 'delayed'));

    // FLUSHDB for this deployment: every key under its prefix, job schedulers included.
    expect(await deletePrefix(prefix)).toBeGreaterThan(0);
    expect(await Promise.all(ids.map(jobState))).toEqual(ids.map(() => 'unknown'));

    // The worker puts its schedulers back and the reconciler re-enqueues what is due within the horizon.
    await waitFor(
      async () => (await Promise.all(ids.map(jobState))).every((s) => s === 'delayed'),
      15_000,
      async () => `jobs restored: ${(await Promise.all(ids.map(jobState))).join(',')}`,
    );
    expect(await Promise.all(far.map((r) => jobState(r.id)))).toEqual(['unknown', 'unknown', 'unknown']);

    await waitFor(
      async () => (await db.rows(`SELECT 1 FROM reminders WHERE id = ANY($1) AND status = 'delivered'`, [ids])).length === 6,
      30_000,
      () => 'every restored reminder delivered',
    );
    const notes = await db.rows<NotificationRow>(`SELECT * FROM notifications WHERE dedupe_key = ANY($1)`, [
      ids.map((id) => `reminder-${id}`),
    ]);
    expect(notes).toHaveLength(12); // 6 reminders × 2 users of the mutual, once each
  });
});

describe('a worker in its own process, killed with SIGKILL mid-run and restarted', () => {
  let t: TestApp;
  let cast: Cast;
  let db: Awaited<ReturnType<typeof sql>>;
  const prefix = runPrefix('reminders-process');
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    // The API only: every job is consumed by the worker process below.
    t = await startTestApp({ env: { ...FAST, REDIS_PREFIX: prefix } });
    cast = await createCast(t);
    db = await sql(t);
  });
  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await db?.end();
    await t?.close();
  });

  const start = () => {
    const w = spawnWorker({
      DATABASE_URL: t.databaseUrl,
      REDIS_URL: t.config.REDIS_URL,
      REDIS_PREFIX: prefix,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      ...FAST,
    });
    workers.push(w);
    return w;
  };
  /** Until the worker process is up: its first heartbeat in Redis (it beats from application bootstrap). */
  const up = async (w: WorkerProcess) => {
    const redis = new IORedis(t.config.REDIS_URL);
    try {
      await waitFor(
        async () => (await redis.zrange(heartbeatKey(prefix), 0, -1)).some((id) => id.includes(`-${w.child.pid}-`)),
        60_000,
        () => `the worker's first heartbeat\n${w.output()}`,
        50,
      );
    } finally {
      await redis.quit();
    }
  };

  it('delivers every reminder exactly once and never early', async () => {
    // The worker is up before the deadlines are set, so the kill below lands mid-run however long
    // the process took to start (on a loaded machine it took longer than the whole schedule).
    const first = start();
    await up(first);
    const { journey, tasks } = await secondsJourney(t, cast, { remindBefore: ['PT3S', 'PT1S'], escalateAfter: 'PT2S' });
    const chosen = tasks.slice(0, 6);
    for (const [i, task] of chosen.entries()) await setDueAt(t, cast.users.lead, journey.id, task.id, secondsFromNow(5 + i));
    const reminders = await db.rows<ReminderRow>(
      `SELECT * FROM reminders WHERE task_id = ANY($1) AND status = 'pending' AND deadline < now() + interval '1 day'`,
      [chosen.map((x) => x.id)],
    );
    // 6 tasks × (2 due-soon, overdue, escalate); a due-soon that would fall in a task's first half of
    // life is not planned (issue 18), which on a slow start can drop one of the short-lived tasks' due-soons.
    expect(reminders.length).toBeGreaterThanOrEqual(18);
    expect(reminders.filter((r) => r.kind !== 'task_due_soon')).toHaveLength(12);
    const ids = reminders.map((r) => r.id);
    const delivered = async () =>
      Number((await db.rows<{ n: string }>(`SELECT count(*) AS n FROM reminders WHERE id = ANY($1) AND status = 'delivered'`, [ids]))[0].n);

    await waitFor(
      async () => (await delivered()) >= 4,
      30_000,
      () => `first deliveries\n${first.output()}`,
      20,
    );
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const before = await delivered();
    expect(before).toBeLessThan(reminders.length);
    await sleep(1500); // reminders fall due while no worker runs

    const second = start();
    // A job the killed worker held is retried once its lock expires (BullMQ's stalled-job check, up to ~60 s).
    await waitFor(
      async () => (await delivered()) === reminders.length,
      100_000,
      async () => `all delivered (${await delivered()}/${reminders.length})\n${second.output()}`,
      200,
    );
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);

    const notes = await db.rows<NotificationRow & { fire_at: Date }>(
      `SELECT n.*, r.fire_at FROM notifications n JOIN reminders r ON n.dedupe_key = 'reminder-' || r.id WHERE r.id = ANY($1)`,
      [ids],
    );
    // Every notice reminder (all but the escalations) × 2 users of the mutual: each (reminder, recipient) exactly once.
    const notices = reminders.filter((r) => r.kind !== 'escalate').length;
    expect(notes).toHaveLength(notices * 2);
    expect(new Set(notes.map((n) => `${n.dedupe_key}|${n.user_id}`)).size).toBe(notices * 2);
    for (const n of notes) expect(n.created_at.getTime()).toBeGreaterThanOrEqual(n.fire_at.getTime());
    // One escalation per task, opened no earlier than its reminder.
    const escalations = await db.rows<{ task_id: string; trigger: string; opened_at: Date }>(
      `SELECT task_id, trigger, opened_at FROM escalations WHERE task_id = ANY($1)`,
      [chosen.map((x) => x.id)],
    );
    expect(escalations.map((e) => e.task_id).sort()).toEqual(chosen.map((x) => x.id).sort());
    expect(escalations.every((e) => e.trigger === 'task_overdue')).toBe(true);
    for (const r of reminders.filter((x) => x.kind === 'escalate')) {
      expect(escalations.find((e) => e.task_id === r.task_id)!.opened_at.getTime()).toBeGreaterThanOrEqual(r.fire_at.getTime());
    }
  });
});

describe('email', () => {
  let t: TestApp;
  let cast: Cast;
  let smtp: SMTPServer;
  let db: Awaited<ReturnType<typeof sql>>;
  const received: Array<{ to: string[]; raw: string }> = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (c: Buffer) => (raw += c.toString()));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
          callback();
        });
      },
    });
    await new Promise<void>((ok) => smtp.listen(0, '127.0.0.1', () => ok()));
    const { port } = smtp.server.address() as AddressInfo;
    t = await startTestApp({
      worker: true,
      env: {
        ...FAST,
        REDIS_PREFIX: runPrefix('reminders-email'),
        SMTP_URL: `smtp://127.0.0.1:${port}`,
        PUBLIC_URL: 'https://pathway.test',
      },
    });
    cast = await createCast(t);
    db = await sql(t);
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
    await new Promise<void>((ok) => smtp.close(() => ok()));
  });

  it('sends a reminder to each recipient through a real SMTP server, once', async () => {
    const { journey, tasks } = await secondsJourney(t, cast, { remindBefore: [], escalateAfter: 'PT1H' });
    const task = tasks[0];
    await setDueAt(t, cast.users.lead, journey.id, task.id, secondsFromNow(2));
    const overdue = () => db.rows<NotificationRow>(`SELECT * FROM notifications WHERE task_id = $1 AND type = 'task_overdue'`, [task.id]);
    await waitFor(
      async () => (await overdue()).length === 2 && (await overdue()).every((n) => n.emailed_at),
      20_000,
      () => `emailed: ${JSON.stringify(received.map((r) => r.to))}`,
    );
    const notes = await overdue();
    const mails = received.filter((m) => notes.some((n) => m.raw.includes(`X-Pathway-Notification: ${n.id}`)));
    expect(mails.map((m) => m.to[0]).sort()).toEqual([cast.users.lead.email, cast.users.member.email].sort());
    for (const m of mails) {
      expect(m.raw).toMatch(new RegExp(`Subject: Overdue: ${task.title.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      expect(m.raw).toContain('https://pathway.test/');
    }
    // Redelivering the email job changes nothing: emailed_at says it went.
    await t.app.get(QueueService).queue('notification.email', { notificationId: notes[0].id }, { jobId: `email-again-${notes[0].id}` });
    await sleep(1500);
    expect(received.filter((m) => m.raw.includes(`X-Pathway-Notification: ${notes[0].id}`))).toHaveLength(1);
  });

  it('emails a notification whose job never reached Redis (the reconciler feeds it from Postgres)', async () => {
    // As if the process stopped between commit and enqueue: a row, no job.
    const [row] = await db.rows<{ id: string }>(
      `INSERT INTO notifications (user_id, type, title, body, created_at) VALUES ($1, 'journey_event', 'Lost in transit', 'Still arrives', now() - interval '1 minute') RETURNING id`,
      [cast.users.officer.id],
    );
    await waitFor(
      () => received.some((m) => m.raw.includes(`X-Pathway-Notification: ${row.id}`)),
      15_000,
      () => 'the reconciled email',
    );
    const mail = received.find((m) => m.raw.includes(`X-Pathway-Notification: ${row.id}`))!;
    expect(mail.to).toEqual([cast.users.officer.email]);
    expect(mail.raw).toContain('Subject: Lost in transit');
  });
});
