import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { NotificationType } from '@pathway/domain/vocabulary';
import {
  ALWAYS_IMMEDIATE_NOTIFICATION_TYPES,
  DEFAULT_ROUTINE_EMAIL_PREFERENCE,
  EMAIL_DIGEST_TYPE,
  ROUTINE_EMAIL_ROUTE,
} from '@pathway/domain/notifications/email-preferences';
import { NotFoundError } from '@pathway/platform/errors/domain-errors';
import { QueueService } from '@pathway/queue/queue.service';
import { NotificationEntity } from './notification.entity';

/**
 * The email route of a notification as it is written (the domain's emailRouteFor, in SQL over the
 * recipient's preference row `p`): overdue and escalation notices `now`; routine ones by the
 * person's preference, `digest` by default. Its three parameters follow the statement's own.
 */
function emailRouteSql(typeExpr: string, first: number): string {
  return `CASE WHEN ${typeExpr} = ANY($${first}::text[]) THEN 'now'
               ELSE $${first + 1}::jsonb ->> coalesce(p.routine_emails, $${first + 2}::text) END`;
}
const EMAIL_ROUTE_PARAMS = [
  [...ALWAYS_IMMEDIATE_NOTIFICATION_TYPES],
  JSON.stringify(ROUTINE_EMAIL_ROUTE),
  DEFAULT_ROUTINE_EMAIL_PREFERENCE,
] as const;

export interface NotificationInput {
  type: NotificationType;
  title: string;
  body?: string;
  journeyId?: string | null;
  taskId?: string | null;
  escalationId?: string | null;
  /** Set for anything that must reach each person at most once (a reminder): unique per user. */
  dedupeKey?: string | null;
}

/**
 * The in-app inbox, and the start of every other channel: a notification row is written in the
 * same transaction as the change it reports; email follows from the row (a job per notification)
 * when its route is `now`, or from the daily digest (EmailDigest) when it is `digest`.
 */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queues: QueueService,
  ) {}

  /**
   * Writes one notification per active user of the given organisations (none for deactivated accounts) (deduplicated per user when a
   * dedupe key is set). Returns the ids of the rows actually written, so the caller can enqueue
   * email after its transaction commits (see `sendEmails`).
   */
  async notifyOrganisations(
    tx: EntityManager,
    organisationIds: Array<string | null | undefined>,
    input: NotificationInput,
  ): Promise<string[]> {
    return this.insertFor(tx, 'u.organisation_id', organisationIds, input);
  }

  /** As notifyOrganisations, to named people (active accounts only): for news only they may hear. */
  async notifyUsers(tx: EntityManager, userIds: Array<string | null | undefined>, input: NotificationInput): Promise<string[]> {
    return this.insertFor(tx, 'u.id', userIds, input);
  }

  /** One notification per active user matched by `column` (an organisation or a user id), deduplicated per user. */
  private async insertFor(
    tx: EntityManager,
    column: 'u.organisation_id' | 'u.id',
    given: Array<string | null | undefined>,
    input: NotificationInput,
  ): Promise<string[]> {
    const ids = [...new Set(given.filter((x): x is string => !!x))];
    if (ids.length === 0) return [];
    const rows: Array<{ id: string }> = await tx.query(
      `INSERT INTO notifications (user_id, type, journey_id, task_id, escalation_id, title, body, dedupe_key, email_route)
       SELECT u.id, $2, $3, $4, $5, $6, $7, $8, ${emailRouteSql('$2::text', 9)}
         FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id
        WHERE ${column} = ANY($1) AND u.deactivated_at IS NULL
       ON CONFLICT (dedupe_key, user_id) WHERE dedupe_key IS NOT NULL DO NOTHING
       RETURNING id`,
      [
        ids,
        input.type,
        input.journeyId ?? null,
        input.taskId ?? null,
        input.escalationId ?? null,
        input.title,
        input.body ?? '',
        input.dedupeKey ?? null,
        ...EMAIL_ROUTE_PARAMS,
      ],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Many notifications, each to the users of one organisation, in one statement (a batch of
   * reminders). As `notifyOrganisations`: deactivated users are left out, and a dedupe key reaches
   * each user at most once. Returns the ids of the rows written.
   */
  async notifyMany(tx: EntityManager, inputs: Array<NotificationInput & { organisationId: string }>): Promise<string[]> {
    if (inputs.length === 0) return [];
    const { sql, params } = NotificationsService.notifyManyStatement(inputs);
    const rows: Array<{ id: string }> = await tx.query(sql, params);
    return rows.map((r) => r.id);
  }

  /**
   * The statement of `notifyMany` (`INSERT ... RETURNING id`), its parameters numbered from
   * `$<first>`, for a caller that writes it as a CTE beside its own change in one statement (a
   * batch of reminders marks itself delivered in the same round trip).
   */
  static notifyManyStatement(inputs: Array<NotificationInput & { organisationId: string }>, first = 1): { sql: string; params: unknown[] } {
    const $ = (i: number) => `$${first + i}`;
    return {
      sql: `INSERT INTO notifications (user_id, type, journey_id, task_id, escalation_id, title, body, dedupe_key, email_route)
       SELECT u.id, n.type, n.journey_id, n.task_id, n.escalation_id, n.title, n.body, n.dedupe_key, ${emailRouteSql('n.type', first + 8)}
         FROM unnest(${$(0)}::uuid[], ${$(1)}::text[], ${$(2)}::uuid[], ${$(3)}::uuid[], ${$(4)}::uuid[], ${$(5)}::text[], ${$(6)}::text[], ${$(7)}::text[])
              AS n (organisation_id, type, journey_id, task_id, escalation_id, title, body, dedupe_key)
         JOIN users u ON u.organisation_id = n.organisation_id AND u.deactivated_at IS NULL
         LEFT JOIN notification_preferences p ON p.user_id = u.id
       ON CONFLICT (dedupe_key, user_id) WHERE dedupe_key IS NOT NULL DO NOTHING
       RETURNING id`,
      params: [
        inputs.map((i) => i.organisationId),
        inputs.map((i) => i.type),
        inputs.map((i) => i.journeyId ?? null),
        inputs.map((i) => i.taskId ?? null),
        inputs.map((i) => i.escalationId ?? null),
        inputs.map((i) => i.title),
        inputs.map((i) => i.body ?? ''),
        inputs.map((i) => i.dedupeKey ?? null),
        ...EMAIL_ROUTE_PARAMS,
      ],
    };
  }

  /**
   * After commit: hand each new notification whose email goes now to the email channel (those
   * held for the digest, or in-app only, are left). Enqueued even when this process has no email
   * settings: only the worker, which sends, needs them (its handler is a no-op without a channel).
   */
  async sendEmails(notificationIds: string[]): Promise<void> {
    if (notificationIds.length === 0) return;
    const now: Array<{ id: string }> = await this.db.query(`SELECT id FROM notifications WHERE id = ANY($1) AND email_route = 'now'`, [
      notificationIds,
    ]);
    await this.queues.queueMany(
      'notification.email',
      now.map(({ id }) => ({ payload: { notificationId: id }, options: { jobId: `email-${id}` } })),
    );
  }

  async list(
    userId: string,
    options: { unreadOnly?: boolean; limit?: number; offset?: number } = {},
  ): Promise<{ items: NotificationEntity[]; total: number; unread: number }> {
    const repo = this.db.getRepository(NotificationEntity);
    // The digest is an email, not news of its own: the in-app list shows the notices it carried.
    const qb = repo.createQueryBuilder('n').where('n.user_id = :userId AND n.type <> :digest', { userId, digest: EMAIL_DIGEST_TYPE });
    if (options.unreadOnly) qb.andWhere('n.read_at IS NULL');
    const [items, total] = await qb
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .take(options.limit ?? 50)
      .skip(options.offset ?? 0)
      .getManyAndCount();
    const unread = await repo
      .createQueryBuilder('n')
      .where('n.user_id = :userId AND n.read_at IS NULL AND n.type <> :digest', { userId, digest: EMAIL_DIGEST_TYPE })
      .getCount();
    return { items, total, unread };
  }

  async markRead(userId: string, id: string): Promise<NotificationEntity> {
    const repo = this.db.getRepository(NotificationEntity);
    const n = await repo.findOneBy({ id, userId });
    if (!n || n.type === EMAIL_DIGEST_TYPE) throw new NotFoundError('Notification');
    if (!n.readAt) {
      await repo.update({ id }, { readAt: new Date() });
      n.readAt = new Date();
    }
    return n;
  }

  async markAllRead(userId: string): Promise<number> {
    const res = await this.db.query(`UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL AND type <> $2`, [
      userId,
      EMAIL_DIGEST_TYPE,
    ]);
    return Number(res?.[1] ?? 0);
  }
}
