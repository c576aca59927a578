import { Inject, Injectable, Logger, OnApplicationShutdown, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EnvConfig } from '../../../platform/src/config/env';
import { QueueName } from '../../../queue/src/jobs';
import { QueueService } from '../../../queue/src/queue.service';
import type { EmailChannel } from './email-channel';
import { emailChannelFor } from './email-channel.factory';

export const EMAIL_CHANNEL = Symbol('EMAIL_CHANNEL');

export const emailJobId = (notificationId: string) => `email-${notificationId}`;

export type EmailOutcome = 'sent' | 'in_app_only' | 'already_sent' | 'missing_or_busy';

/**
 * Email for notifications. A notification row is the message; `emailed_at` records that it was
 * sent. Sending holds the row lock, so two deliveries of the same job never both send; a process
 * killed mid-send leaves `emailed_at` empty and the job is retried (an email may then, rarely, go
 * twice: better than not at all).
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

  async deliver(notificationId: string): Promise<EmailOutcome> {
    const channel = this.channel;
    if (!channel) return 'in_app_only';
    return this.db.transaction(async (tx) => {
      const [row]: Array<{ id: string; title: string; body: string; emailedAt: Date | null; email: string; name: string }> = await tx.query(
        `SELECT n.id, n.title, n.body, n.emailed_at AS "emailedAt", u.email, u.name
           FROM notifications n JOIN users u ON u.id = n.user_id
          WHERE n.id = $1 FOR UPDATE OF n SKIP LOCKED`,
        [notificationId],
      );
      // Missing (deleted with its journey) or being sent right now by another delivery of the job.
      if (!row) return 'missing_or_busy';
      if (row.emailedAt) return 'already_sent';
      await channel.send({ to: row.email, toName: row.name, subject: row.title, body: this.bodyOf(row.body), reference: row.id });
      await tx.query(`UPDATE notifications SET emailed_at = now() WHERE id = $1`, [row.id]);
      return 'sent';
    });
  }

  /**
   * For the reconciler: enqueues the email of recent notifications that were never handed to the
   * queue (the process stopped between commit and enqueue, or Redis lost them). Jobs that exist,
   * even failed ones, are left alone: retrying a refused address forever helps nobody.
   */
  async reconcile(): Promise<number> {
    if (!this.channel) return 0;
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM notifications
        WHERE emailed_at IS NULL AND created_at > now() - interval '6 hours' AND created_at < now() - interval '30 seconds'
        ORDER BY created_at LIMIT 1000`,
    );
    if (rows.length === 0) return 0;
    const queue = this.queues.queueFor(QueueName.Notifications);
    const states = await Promise.all(rows.map((r) => queue.getJobState(emailJobId(r.id))));
    const missing = rows.filter((_, i) => states[i] === 'unknown').map((r) => r.id);
    if (missing.length) {
      await this.queues.queueMany('notification.email', missing.map((id) => ({ payload: { notificationId: id }, options: { jobId: emailJobId(id) } })));
      this.logger.log({ emails: missing.length }, 'reconciled emails into Redis');
    }
    return missing.length;
  }

  private bodyOf(body: string): string {
    const link = this.config.PUBLIC_URL ? `\n\nSign in to Pathway to see it: ${this.config.PUBLIC_URL.replace(/\/$/, '')}/` : '';
    return `${body}${link}\n\nYou get this email because you have an account on Pathway.`;
  }

  onApplicationShutdown(): void {
    this.channel?.close?.();
  }
}
