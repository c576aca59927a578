import { Inject, Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EnvConfig } from '@pathway/platform/config/env';
import { withTimeout } from '@pathway/platform/lifecycle/with-timeout';
import { QueueService } from '@pathway/queue/queue.service';
import { isPermanentEmailFailure, type EmailChannel } from './email-channel';
import { emailChannelFor } from './email-channel.factory';

export const EMAIL_CHANNEL = Symbol('EMAIL_CHANNEL');

/** The first attempt's job; each retry has its own (`email-<id>-<attempt>`), so a finished job never blocks the next. */
export const emailJobId = (notificationId: string, attempt?: number) =>
  attempt ? `email-${notificationId}-${attempt}` : `email-${notificationId}`;

export type EmailOutcome = 'sent' | 'in_app_only' | 'already_sent' | 'missing_or_busy' | 'retry_later' | 'failed';

/** Capped exponential backoff: base, 2·base, 4·base, ... at most `max` (seconds). */
export function emailRetryDelaySeconds(failedAttempts: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.min(Math.max(failedAttempts - 1, 0), 30));
}

/** A notification whose email the relay is due to (re)try. */
// A first attempt only within the retry window: configuring a channel later does not email old in-app notices.
// Held for the digest or in-app only (`email_route`): never sent on their own.
const DUE = `emailed_at IS NULL AND email_failed_at IS NULL AND email_route = 'now'
  AND (email_attempts > 0 OR created_at > now() - make_interval(hours => $1))
  AND coalesce(email_next_attempt_at, created_at + interval '30 seconds') <= now()`;

export interface EmailDeliveryRow {
  notificationId: string;
  to: string;
  subject: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  nextAttemptAt: Date | null;
  failedAt: Date | null;
}

/**
 * The email outbox. A notification row is the message; its email_* columns are the delivery
 * state in Postgres, so an outage of SMTP or Notify (or of Redis) loses nothing:
 * - `deliver` claims the row with one UPDATE (attempt counted, the row leased until the send
 *   timeout has passed, so a process killed mid-send is retried after the lease), then sends with
 *   no transaction or row lock held and a timeout on the channel call, then records the outcome;
 * - a transient failure schedules the next attempt with capped exponential backoff; after
 *   EMAIL_RETRY_FOR_HOURS (at least 72) it is given up; a permanent refusal (a 4xx from Notify, a
 *   5xx SMTP reply) is given up at once. Either is logged at error and listed for admins
 *   (GET /api/email-deliveries?status=failed);
 * - `relay` (on the worker's reconcile schedule) enqueues every email that is due: retries, and
 *   first attempts whose job never reached Redis.
 * An email may, rarely, go twice (the process dies after the channel accepted it and before the
 * outcome is written): better than not at all.
 */
@Injectable()
export class EmailOutbox implements OnApplicationShutdown {
  private readonly logger = new Logger('Email');
  private readonly channel: EmailChannel | null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: EnvConfig,
    private readonly queues: QueueService,
    @Optional() @Inject(EMAIL_CHANNEL) channel?: EmailChannel | null,
  ) {
    this.channel = channel !== undefined ? channel : emailChannelFor(config);
  }

  get channelName(): string {
    return this.channel?.name ?? 'none';
  }

  private get sendTimeoutMs(): number {
    return this.config.EMAIL_SEND_TIMEOUT_SECONDS * 1000;
  }

  async deliver(notificationId: string): Promise<EmailOutcome> {
    const channel = this.channel;
    if (!channel) return 'in_app_only';
    // Claim: one statement, committed before anything is sent. The lease outlasts the send timeout.
    // TypeORM answers an UPDATE ... RETURNING with [rows, affected].
    const [claimed]: [
      Array<{ id: string; title: string; body: string; attempts: number; createdAt: Date; email: string; name: string }>,
      number,
    ] = await this.db.query(
      `UPDATE notifications n
          SET email_attempts = n.email_attempts + 1,
              email_next_attempt_at = now() + make_interval(secs => $2)
         FROM users u
        WHERE n.id = $1 AND u.id = n.user_id AND u.deactivated_at IS NULL AND n.emailed_at IS NULL AND n.email_failed_at IS NULL
          AND n.email_route = 'now'
          AND (n.email_next_attempt_at IS NULL OR n.email_next_attempt_at <= now())
        RETURNING n.id, n.title, n.body, n.email_attempts AS attempts, n.created_at AS "createdAt", u.email, u.name`,
      [notificationId, (this.sendTimeoutMs * 2) / 1000 + 5],
    );
    const row = claimed[0];
    if (!row) {
      const [state]: Array<{ emailedAt: Date | null }> = await this.db.query(
        `SELECT emailed_at AS "emailedAt" FROM notifications WHERE id = $1`,
        [notificationId],
      );
      // Missing (deleted with its journey), sent, given up, not yet due, its person deactivated, or being sent right now.
      return state?.emailedAt ? 'already_sent' : 'missing_or_busy';
    }
    try {
      await withTimeout(
        channel.send({ to: row.email, toName: row.name, subject: row.title, body: this.bodyOf(row.body), reference: row.id }),
        this.sendTimeoutMs,
        `${channel.name} did not answer within ${this.config.EMAIL_SEND_TIMEOUT_SECONDS} s`,
      );
    } catch (err) {
      return this.recordFailure(row, channel.name, err);
    }
    await this.db.query(
      `UPDATE notifications SET emailed_at = now(), email_next_attempt_at = NULL, email_last_error = NULL WHERE id = $1`,
      [row.id],
    );
    return 'sent';
  }

  private async recordFailure(
    row: { id: string; attempts: number; createdAt: Date },
    channel: string,
    err: unknown,
  ): Promise<EmailOutcome> {
    const reason = String((err as Error)?.message ?? err).slice(0, 2000);
    const permanent = isPermanentEmailFailure(err);
    const giveUpAt = new Date(row.createdAt).getTime() + this.config.EMAIL_RETRY_FOR_HOURS * 3_600_000;
    const delay = emailRetryDelaySeconds(row.attempts, this.config.EMAIL_RETRY_BASE_SECONDS, this.config.EMAIL_RETRY_MAX_SECONDS);
    // Retried until the window has passed (so for at least EMAIL_RETRY_FOR_HOURS), then given up.
    if (permanent || Date.now() >= giveUpAt) {
      const why = permanent ? reason : `still failing after ${this.config.EMAIL_RETRY_FOR_HOURS} hours: ${reason}`;
      await this.db.query(
        `UPDATE notifications SET email_failed_at = now(), email_next_attempt_at = NULL, email_last_error = $2 WHERE id = $1`,
        [row.id, why],
      );
      this.logger.error(
        { notificationId: row.id, channel, attempts: row.attempts, permanent, reason: why },
        'email given up: it will not be sent',
      );
      return 'failed';
    }
    await this.db.query(
      `UPDATE notifications SET email_next_attempt_at = now() + make_interval(secs => $2), email_last_error = $3 WHERE id = $1`,
      [row.id, delay, reason],
    );
    this.logger.warn(
      { notificationId: row.id, channel, attempts: row.attempts, retryInSeconds: delay, reason },
      'email not sent; will retry',
    );
    return 'retry_later';
  }

  /**
   * For the reconciler: enqueues every email that is due (a retry whose time has come, or a first
   * attempt whose job never reached Redis), oldest first, a page at a time. Job ids carry the
   * attempt number, so re-enqueueing before the job ran is harmless.
   */
  async reconcile(limit = 500): Promise<number> {
    if (!this.channel) return 0;
    const rows: Array<{ id: string; attempts: number }> = await this.db.query(
      `SELECT id, email_attempts AS attempts FROM notifications WHERE ${DUE}
        ORDER BY coalesce(email_next_attempt_at, created_at) LIMIT $2`,
      [this.config.EMAIL_RETRY_FOR_HOURS, limit],
    );
    if (rows.length === 0) return 0;
    await this.queues.queueMany(
      'notification.email',
      rows.map((r) => ({ payload: { notificationId: r.id }, options: { jobId: emailJobId(r.id, r.attempts + 1), attempts: 1 } })),
    );
    this.logger.log({ emails: rows.length }, 'emails due: enqueued');
    return rows.length;
  }

  /** For admins: emails given up (`failed`) or still being retried (`retrying`), newest first. */
  async deliveries(status: 'failed' | 'retrying', limit: number, offset: number): Promise<{ items: EmailDeliveryRow[]; total: number }> {
    const where =
      status === 'failed' ? 'n.email_failed_at IS NOT NULL' : 'n.emailed_at IS NULL AND n.email_failed_at IS NULL AND n.email_attempts > 0';
    const order = status === 'failed' ? 'n.email_failed_at DESC' : 'n.created_at DESC';
    const items: EmailDeliveryRow[] = await this.db.query(
      `SELECT n.id AS "notificationId", u.email AS "to", n.title AS subject, n.email_attempts AS attempts, n.email_last_error AS "lastError",
              n.created_at AS "createdAt", n.email_next_attempt_at AS "nextAttemptAt", n.email_failed_at AS "failedAt"
         FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE ${where} ORDER BY ${order}, n.id LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    const [{ total }]: Array<{ total: number }> = await this.db.query(`SELECT count(*)::int AS total FROM notifications n WHERE ${where}`);
    return { items, total };
  }

  private bodyOf(body: string): string {
    const base = this.config.PUBLIC_URL?.replace(/\/$/, '');
    const link = base ? `\n\nSign in to Pathway to see it: ${base}/` : '';
    const choose = base
      ? `Choose how often we email you: ${base}/account/notifications`
      : 'Choose how often we email you under “Email settings” when you sign in.';
    return `${body}${link}\n\nYou get this email because you have an account on Pathway. ${choose}`;
  }

  onApplicationShutdown(): void {
    this.channel?.close?.();
  }
}
