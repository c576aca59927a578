import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { digestCutoff, EMAIL_DIGEST_TYPE } from '@pathway/domain/notifications/email-preferences';
import type { Role } from '@pathway/domain/vocabulary';
import { EnvConfig } from '@pathway/platform/config/env';
import { NotificationsService } from '../notifications.service';
import { digestMessage, type DigestItem } from './digest-message';

interface HeldRow extends DigestItem {
  id: string;
  readAt: Date | null;
  taskClosed: boolean;
}

/**
 * The daily digest (`notification.digest`, a job scheduler in the worker every 15 minutes). For
 * the latest digest time (07:00 London, Monday to Friday: `digestCutoff`), each person with
 * notices held for the digest (`email_route = 'digest'`) created before it gets ONE notification
 * row of type `email_digest` carrying them all, which the email outbox sends like any other
 * (retries, the admins' list of failures). Exactly once per person per digest day, however many
 * runs or workers: the held rows are claimed `FOR UPDATE SKIP LOCKED`, and the digest row's dedupe
 * key `digest-<date>` is unique per person, so a second run (or a second worker) finds nothing
 * to send or loses the insert and writes nothing. A notice created after 07:00 waits for the next
 * digest; one the person has already read in-app, or a "due soon" whose task is since done, is
 * left out (`email_route` becomes `none`). Nobody with nothing new gets an email.
 */
@Injectable()
export class EmailDigest {
  private readonly logger = new Logger('EmailDigest');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: EnvConfig,
    private readonly notifications: NotificationsService,
  ) {}

  async run(now: Date = new Date()): Promise<{ digests: number; notices: number }> {
    const cutoff = digestCutoff(now);
    const people: Array<{ userId: string; role: Role }> = await this.db.query(
      `SELECT DISTINCT n.user_id AS "userId", u.role
         FROM notifications n JOIN users u ON u.id = n.user_id AND u.deactivated_at IS NULL
        WHERE n.email_route = 'digest' AND n.digest_id IS NULL AND n.created_at < $1`,
      [cutoff.at],
    );
    const digestIds: string[] = [];
    let notices = 0;
    for (const person of people) {
      const made = await this.db.transaction((tx) => this.digestFor(tx, person, cutoff));
      if (made) {
        digestIds.push(made.id);
        notices += made.notices;
      }
    }
    if (digestIds.length) {
      this.logger.log({ date: cutoff.date, digests: digestIds.length, notices }, 'daily digests written');
      // After commit; the reconciler enqueues any whose job did not reach Redis.
      await this.notifications.sendEmails(digestIds).catch(() => undefined);
    }
    return { digests: digestIds.length, notices };
  }

  private async digestFor(
    tx: EntityManager,
    person: { userId: string; role: Role },
    cutoff: { date: string; at: Date },
  ): Promise<{ id: string; notices: number } | null> {
    // Another run holding these rows is writing this person's digest: skip them, it has them.
    const held: HeldRow[] = await tx.query(
      `SELECT n.id, n.type, n.title, n.journey_id AS "journeyId", j.name AS "journeyName", n.task_id AS "taskId",
              n.escalation_id AS "escalationId", n.created_at AS "createdAt", n.read_at AS "readAt",
              (n.type = 'task_due_soon' AND t.status IN ('completed', 'not_applicable')) IS TRUE AS "taskClosed"
         FROM notifications n
         LEFT JOIN journeys j ON j.id = n.journey_id
         LEFT JOIN journey_tasks t ON t.id = n.task_id
        WHERE n.user_id = $1 AND n.email_route = 'digest' AND n.digest_id IS NULL AND n.created_at < $2
        ORDER BY n.created_at, n.id
        FOR UPDATE OF n SKIP LOCKED`,
      [person.userId, cutoff.at],
    );
    if (held.length === 0) return null;
    const stale = held.filter((r) => r.readAt || r.taskClosed);
    const items = held.filter((r) => !r.readAt && !r.taskClosed);
    if (stale.length) {
      await tx.query(`UPDATE notifications SET email_route = 'none' WHERE id = ANY($1)`, [stale.map((r) => r.id)]);
    }
    if (items.length === 0) return null;
    const message = digestMessage(items, { date: cutoff.date, role: person.role, baseUrl: this.config.PUBLIC_URL });
    // Read at once: the digest is an email, never an item of the in-app list.
    const written: Array<{ id: string }> = await tx.query(
      `INSERT INTO notifications (user_id, type, title, body, dedupe_key, email_route, read_at)
       VALUES ($1, $2, $3, $4, $5, 'now', now())
       ON CONFLICT (dedupe_key, user_id) WHERE dedupe_key IS NOT NULL DO NOTHING
       RETURNING id`,
      [person.userId, EMAIL_DIGEST_TYPE, message.title, message.body, `digest-${cutoff.date}`],
    );
    // This person's digest for the day has gone already: these wait for the next one.
    const digest = written.at(0);
    if (!digest) return null;
    await tx.query(`UPDATE notifications SET digest_id = $2 WHERE id = ANY($1)`, [items.map((r) => r.id), digest.id]);
    return { id: digest.id, notices: items.length };
  }
}
