/**
 * Notifications people can live with (issue 18, item 5), against a real SMTP server, the real
 * worker, Postgres and Redis: each person's preference for routine notices (a daily digest by
 * default, each as it happens, or none by email), overdue notices and escalations always at once,
 * and the daily digest: one email per person per digest day with their held notices, however many
 * runs race, nothing for someone with nothing new.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { nextDigestAt } from '@pathway/domain/notifications/email-preferences';
import { EmailDigest } from '@pathway/notifications/email/email-digest';
import { startTestApp, TestApp } from '../support/app';
import { Actor, createActor, createCast } from '../support/fixtures';
import type { Cast } from '../support/journeys';
import { responseTask, submittedJourney } from '../right-to-provide/support';
import { QueueName } from '@pathway/queue/jobs';
import { queueIdle, runPrefix, sql, waitFor } from '../reminders/support';

jest.setTimeout(120_000);

interface Mail {
  to: string[];
  raw: string;
}
interface Row {
  id: string;
  user_id: string;
  type: string;
  email_route: string;
  digest_id: string | null;
  emailed_at: Date | null;
}

describe('notification preferences and the daily digest', () => {
  let t: TestApp;
  let cast: Cast;
  let smtp: SMTPServer;
  let db: Awaited<ReturnType<typeof sql>>;
  const received: Mail[] = [];
  /** Three officers of the parent body: the default (digest), one who wants each email at once, one who wants none. */
  let digestOfficer: Actor;
  let eagerOfficer: Actor;
  let quietOfficer: Actor;

  const mailsTo = (who: Actor) => received.filter((m) => m.to.includes(who.email));
  const mailFor = (id: string) => received.filter((m) => m.raw.includes(`X-Pathway-Notification: ${id}`));
  const rowsOf = (who: Actor, where = 'TRUE', params: unknown[] = []) =>
    db.rows<Row>(
      `SELECT id, user_id, type, email_route, digest_id, emailed_at FROM notifications WHERE user_id = $1 AND ${where} ORDER BY created_at`,
      [who.id, ...params],
    );
  const prefs = (who: Actor) => t.http().get('/api/me/notification-preferences').set(who.auth);
  const choose = (who: Actor, body: unknown) =>
    t
      .http()
      .put('/api/me/notification-preferences')
      .set(who.auth)
      .send(body as object);

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
    await new Promise<void>((ok) => {
      smtp.listen(0, '127.0.0.1', () => {
        ok();
      });
    });
    const { port } = smtp.server.address() as AddressInfo;
    t = await startTestApp({
      worker: true,
      env: {
        REDIS_PREFIX: runPrefix('digest'),
        SMTP_URL: `smtp://127.0.0.1:${port}`,
        PUBLIC_URL: 'https://pathway.test',
        RECONCILE_EVERY_SECONDS: '1',
      },
    });
    cast = await createCast(t);
    digestOfficer = cast.users.officer;
    [eagerOfficer, quietOfficer] = await Promise.all([
      createActor(t, cast.orgs.parentBody.id, 'parent_body_officer'),
      createActor(t, cast.orgs.parentBody.id, 'parent_body_officer'),
    ]);
    db = await sql(t);
  });
  afterAll(async () => {
    await (db as typeof db | undefined)?.end();
    await (t as TestApp | undefined)?.close();
    await new Promise<void>((ok) => {
      smtp.close(() => {
        ok();
      });
    });
  });

  it('defaults to a daily digest, and refuses a bad choice with a 400 naming the field, changing nothing', async () => {
    const before = await prefs(digestOfficer).expect(200);
    expect(before.body).toMatchObject({
      routineEmails: 'daily_digest',
      alwaysImmediate: expect.arrayContaining(['task_overdue', 'escalation_opened', 'escalation_raised']),
      heldForDigest: 0,
      updatedAt: null,
    });
    expect(new Date(before.body.nextDigestAt).getTime()).toBeGreaterThan(Date.now());

    for (const bad of [{ routineEmails: 'weekly' }, {}, { routineEmails: ['immediately'] }, { routineEmails: null }]) {
      const res = await choose(digestOfficer, bad);
      expect([JSON.stringify(bad), res.status]).toEqual([JSON.stringify(bad), 400]);
      expect(res.body.message.join(' ')).toMatch(/routineEmails/);
    }
    const unknown = await choose(digestOfficer, { routineEmails: 'immediately', frequency: 'hourly' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message.join(' ')).toMatch(/frequency/);
    expect((await prefs(digestOfficer).expect(200)).body).toMatchObject({ routineEmails: 'daily_digest', updatedAt: null });
    expect(await db.rows(`SELECT * FROM notification_preferences WHERE user_id = $1`, [digestOfficer.id])).toHaveLength(0);
    await t.http().get('/api/me/notification-preferences').expect(401);

    const eager = await choose(eagerOfficer, { routineEmails: 'immediately' }).expect(200);
    expect(eager.body).toMatchObject({ routineEmails: 'immediately', updatedAt: expect.any(String) });
    await choose(quietOfficer, { routineEmails: 'in_app_only' }).expect(200);
    expect((await prefs(quietOfficer).expect(200)).body.routineEmails).toBe('in_app_only');
  });

  let journeyId: string;

  it('holds a routine notice for the digest, emails it at once to who asked, to nobody who chose none; escalations go at once to all', async () => {
    const journey = await submittedJourney(t, cast, 'Digest Mutual');
    journeyId = journey.id;
    const received = async (who: Actor) => (await rowsOf(who, `type = 'expression_of_interest_received'`))[0];
    const [d, e, q] = [await received(digestOfficer), await received(eagerOfficer), await received(quietOfficer)];
    expect([d.email_route, e.email_route, q.email_route]).toEqual(['digest', 'now', 'none']);
    // In-app, all three see it whatever they chose.
    for (const who of [digestOfficer, eagerOfficer, quietOfficer]) {
      const list = (await t.http().get('/api/notifications').set(who.auth).expect(200)).body.items as Array<{ id: string }>;
      expect(list.map((n) => n.id)).toContain((await received(who)).id);
    }
    await waitFor(
      () => mailFor(e.id).length === 1,
      20_000,
      () => 'the eager officer’s email',
    );

    // A concern about the parent body's task: an escalation notice, at once for every officer.
    const task = await responseTask(t, cast.users.lead, journey.id);
    const concern = await t
      .http()
      .post(`/api/journeys/${journey.id}/escalations`)
      .set(cast.users.lead.auth)
      .send({ reason: 'No reply to our expression of interest', taskId: task!.id })
      .expect(201);
    for (const who of [digestOfficer, eagerOfficer, quietOfficer]) {
      const [told] = await rowsOf(who, `escalation_id = $2`, [concern.body.id]);
      expect(told.email_route).toBe('now');
      await waitFor(
        () => mailFor(told.id).length === 1,
        20_000,
        () => `the concern email to ${who.email}`,
      );
    }
    await queueIdle(t, QueueName.Notifications); // every email job enqueued so far has run: anything emailed wrongly has arrived
    expect(mailFor(d.id)).toHaveLength(0);
    expect(mailFor(q.id)).toHaveLength(0);
    expect((await prefs(digestOfficer).expect(200)).body.heldForDigest).toBe(1);
  });

  it('sends each person one digest of their held notices, once, even when two runs race; the next run sends nothing', async () => {
    const digest = t.app.get(EmailDigest);
    const at = new Date(nextDigestAt(new Date()).getTime() + 60_000);
    const before = mailsTo(digestOfficer).length;
    const runs = await Promise.all([digest.run(at), digest.run(at)]);
    expect(runs.reduce((n, r) => n + r.digests, 0)).toBeGreaterThanOrEqual(1);

    const digests = await rowsOf(digestOfficer, `type = 'email_digest'`);
    expect(digests).toHaveLength(1);
    const [held] = await rowsOf(digestOfficer, `type = 'expression_of_interest_received'`);
    expect(held.digest_id).toBe(digests[0].id);
    // The others had nothing held: no digest for them.
    expect(await rowsOf(eagerOfficer, `type = 'email_digest'`)).toHaveLength(0);
    expect(await rowsOf(quietOfficer, `type = 'email_digest'`)).toHaveLength(0);

    const [mail] = await waitFor(
      () => (mailFor(digests[0].id).length ? mailFor(digests[0].id) : null),
      20_000,
      () => 'the digest email',
    );
    const text = mail.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    expect(text).toMatch(/Subject: Your Pathway summary for \w+ \d{1,2} \w+ \d{4}: 1 update/);
    expect(text).toContain('# Digest Mutual');
    expect(text).toContain(`https://pathway.test/journeys/${journeyId}/respond`);
    expect(text).toContain('Overdue tasks and escalations are not in this summary');

    // Again (a second run, or another worker): nothing more.
    expect((await digest.run(at)).digests).toBe(0);
    await queueIdle(t, QueueName.Notifications);
    expect(mailsTo(digestOfficer).length - before).toBe(1);
    // The digest is an email, not an in-app notification.
    const list = (await t.http().get('/api/notifications?limit=200').set(digestOfficer.auth).expect(200)).body;
    expect(list.items.map((n: { type: string }) => n.type)).not.toContain('email_digest');
  });

  it('keeps a notice that comes after the day’s digest for the next one', async () => {
    const digest = t.app.get(EmailDigest);
    const at = new Date(nextDigestAt(new Date()).getTime() + 60_000);
    await submittedJourney(t, cast, 'Late News Mutual');
    const [late] = await rowsOf(digestOfficer, `type = 'expression_of_interest_received' AND digest_id IS NULL AND email_route = 'digest'`);
    expect(late).toBeDefined();
    // Today's digest has gone: this one waits.
    await digest.run(at);
    expect((await rowsOf(digestOfficer, `id = $2`, [late.id]))[0].digest_id).toBeNull();
    // The next digest day carries it.
    const next = new Date(nextDigestAt(at).getTime() + 60_000);
    await digest.run(next);
    const [carried] = await rowsOf(digestOfficer, `id = $2`, [late.id]);
    expect(carried.digest_id).not.toBeNull();
    expect(await rowsOf(digestOfficer, `type = 'email_digest'`)).toHaveLength(2);
    await waitFor(
      () => mailFor(carried.digest_id!).length === 1,
      20_000,
      () => 'the next day’s digest',
    );
  });

  it('drops what is held when someone chooses no routine email', async () => {
    const other = await createActor(t, cast.orgs.parentBody.id, 'parent_body_officer');
    await submittedJourney(t, cast, 'Quietened Mutual');
    const [held] = await rowsOf(other, `type = 'expression_of_interest_received'`);
    expect(held.email_route).toBe('digest');
    await choose(other, { routineEmails: 'in_app_only' }).expect(200);
    expect((await rowsOf(other, `id = $2`, [held.id]))[0].email_route).toBe('none');
    await t.app.get(EmailDigest).run(new Date(nextDigestAt(nextDigestAt(new Date())).getTime() + 60_000));
    expect(await rowsOf(other, `type = 'email_digest'`)).toHaveLength(0);
  });
});
