/**
 * The email outbox against a real SMTP server (smtp-server), the real worker, Postgres and Redis:
 * an outage longer than the old retry window (8 BullMQ attempts, ~127 s) loses nothing, and each
 * email arrives exactly once when the server is back; a permanent refusal is given up at once,
 * logged at error and listed for admins.
 */
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { SMTPServer } from 'smtp-server';
import { adminAuth, startTestApp, TestApp } from '../support/app';
import { createCast } from '../support/fixtures';
import type { Cast } from '../support/journeys';
import { createJourney } from '../support/journeys';
import { sql } from '../platform/support/test-db';
import { EmailOutbox } from '@pathway/notifications/email/email-outbox';
import { QueueName } from '@pathway/queue/jobs';
import { queueIdle, runPrefix, waitFor } from '../reminders/support';

jest.setTimeout(180_000);

interface Row {
  id: string;
  email_attempts: number;
  emailed_at: Date | null;
  email_failed_at: Date | null;
  email_last_error: string | null;
}

describe('email outbox', () => {
  let t: TestApp;
  let cast: Cast;
  let smtp: SMTPServer | undefined;
  let port: number;
  const received: string[] = [];
  const refuse = new Set<string>();

  const startSmtp = async (listenPort: number) => {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (refuse.has(address.address)) return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
        callback();
      },
      onData(stream, _session, callback) {
        let raw = '';
        stream.on('data', (c: Buffer) => (raw += c.toString()));
        stream.on('end', () => {
          received.push(raw);
          callback();
        });
      },
    });
    await new Promise<void>((ok) => server.listen(listenPort, '127.0.0.1', () => ok()));
    return server;
  };
  const stopSmtp = async () => {
    const server = smtp;
    smtp = undefined;
    if (server) await new Promise<void>((ok) => server.close(() => ok()));
  };
  const rowsFor = (escalationId: string) =>
    sql<Row>(
      `SELECT id, email_attempts, emailed_at, email_failed_at, email_last_error FROM notifications WHERE escalation_id = $1 ORDER BY id`,
      [escalationId],
    );
  const mailsFor = (id: string) => received.filter((raw) => raw.includes(`X-Pathway-Notification: ${id}`)).length;

  beforeAll(async () => {
    smtp = await startSmtp(0);
    port = (smtp.server.address() as AddressInfo).port;
    t = await startTestApp({
      worker: true,
      env: {
        REDIS_PREFIX: runPrefix('email-outbox'),
        SMTP_URL: `smtp://127.0.0.1:${port}`,
        RECONCILE_EVERY_SECONDS: '1',
        EMAIL_RETRY_BASE_SECONDS: '1',
        EMAIL_RETRY_MAX_SECONDS: '1',
        EMAIL_SEND_TIMEOUT_SECONDS: '3',
      },
    });
    cast = await createCast(t);
  });
  afterAll(async () => {
    await t?.close();
    await stopSmtp();
  });

  it('keeps retrying through an SMTP outage longer than the old retry window, then delivers each email once', async () => {
    await stopSmtp();
    const journey = await createJourney(t, cast);
    const res = await t
      .http()
      .post(`/api/journeys/${journey.id}/escalations`)
      .set(cast.users.lead.auth)
      .send({ reason: 'The parent body has not replied' });
    expect(res.status).toBe(201);
    const escalationId: string = res.body.id;
    // More failed attempts than BullMQ's 8 that used to lose the email for good.
    await waitFor(
      async () => {
        const rows = await rowsFor(escalationId);
        return rows.length > 0 && rows.every((r) => r.email_attempts >= 10);
      },
      90_000,
      async () => `attempts so far: ${JSON.stringify(await rowsFor(escalationId))}`,
    );
    const during = await rowsFor(escalationId);
    for (const r of during) {
      expect(r.emailed_at).toBeNull();
      expect(r.email_failed_at).toBeNull();
      expect(r.email_last_error).toMatch(/ECONNREFUSED|connect/i);
    }
    const retrying = await t.http().get('/api/email-deliveries?status=retrying').set(adminAuth).expect(200);
    expect(retrying.body.items.map((i: { notificationId: string }) => i.notificationId)).toEqual(
      expect.arrayContaining(during.map((r) => r.id)),
    );

    smtp = await startSmtp(port);
    await waitFor(
      async () => (await rowsFor(escalationId)).every((r) => r.emailed_at),
      30_000,
      async () => JSON.stringify(await rowsFor(escalationId)),
    );
    await queueIdle(t, QueueName.Notifications); // no email job is left to run: any duplicate delivery has arrived
    for (const r of during) expect(mailsFor(r.id)).toBe(1);
    const after = await rowsFor(escalationId);
    for (const r of after) expect(r.email_last_error).toBeNull();
  });

  it('gives up at once on a permanent refusal (SMTP 550), logs it at error and lists it for admins', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error');
    refuse.add(cast.users.departmentOfficer.email);
    try {
      const journey = await createJourney(t, cast);
      const res = await t
        .http()
        .post(`/api/journeys/${journey.id}/escalations`)
        .set(cast.users.lead.auth)
        .send({ reason: 'Refused mailbox' });
      expect(res.status).toBe(201);
      const rows = await waitFor(
        async () => {
          const r = await rowsFor(res.body.id);
          return r.length > 0 && r.every((x) => x.email_failed_at || x.emailed_at) ? r : null;
        },
        30_000,
        async () => JSON.stringify(await rowsFor(res.body.id)),
      );
      const failed = rows.filter((r) => r.email_failed_at);
      expect(failed.length).toBeGreaterThan(0);
      for (const r of failed) {
        expect(r.email_attempts).toBe(1);
        expect(r.email_last_error).toMatch(/550|mailbox unavailable/);
        expect(mailsFor(r.id)).toBe(0);
      }
      // The relay (what the worker runs each second) passes over it: nothing is enqueued for it, nothing runs again.
      await t.app.get(EmailOutbox).reconcile();
      await queueIdle(t, QueueName.Notifications);
      for (const r of await rowsFor(res.body.id)) if (r.email_failed_at) expect(r.email_attempts).toBe(1);
      expect(errors.mock.calls.some((call) => JSON.stringify(call).includes('email given up'))).toBe(true);
      const list = await t.http().get('/api/email-deliveries?status=failed').set(adminAuth).expect(200);
      const listed = list.body.items.find((i: { notificationId: string }) => i.notificationId === failed[0].id);
      expect(listed).toMatchObject({
        to: cast.users.departmentOfficer.email,
        attempts: 1,
        lastError: expect.stringMatching(/550/),
        failedAt: expect.any(String),
      });
      expect((await t.http().get('/api/email-deliveries').set(cast.users.lead.auth)).status).toBe(403);
    } finally {
      errors.mockRestore();
      refuse.clear();
    }
  });
});
