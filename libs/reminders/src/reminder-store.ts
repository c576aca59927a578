import type { EntityManager } from 'typeorm';
import { queryRows } from '@pathway/database/query-rows';
import { NotificationsService, type NotificationInput } from '@pathway/notifications/notifications.service';
import type { ReminderKind } from '@pathway/domain/calendar/reminder-schedule';
import type { LiveReminder, PlannedReminder } from './domain/reminder-plan';

export type ReminderStatus = 'pending' | 'delivered' | 'cancelled' | 'superseded';

/** Why a pending reminder stopped counting (kept on the row for operators). */
export type CloseReason =
  'rescheduled' | 'task_completed' | 'task_not_applicable' | 'no_deadline' | 'journey_on_hold' | 'journey_withdrawn' | 'invalid_policy';

export interface TaskForReminders {
  id: string;
  key: string;
  title: string;
  status: string;
  dueDate: string | null;
  dueAt: Date | null;
  /** When the task was created: a "due soon" on a task's first day is noise (see planReminders). */
  createdAt: Date;
  ownerOrganisationId: string | null;
}

/** A reminder to put in Redis (or take out of it). */
export interface QueuedReminder {
  id: string;
  fireAt: Date;
}

/** The SQL of the reminders table, always inside the caller's transaction. */
export const ReminderStore = {
  /** The journey's tasks (some, or all when null), each with its live (pending or delivered) reminders, in one statement. */
  async tasksWithLive(
    tx: EntityManager,
    journeyId: string,
    taskIds: string[] | null,
  ): Promise<Array<TaskForReminders & { live: Array<LiveReminder & { taskId: string }> }>> {
    if (taskIds && taskIds.length === 0) return [];
    const rows: Array<TaskForReminders & { live: Array<LiveReminder & { taskId: string; remindAt: string; deadline: string }> }> =
      await tx.query(
        `SELECT t.id, t.key, t.title, t.status, t.due_date AS "dueDate", t.due_at AS "dueAt", t.owner_organisation_id AS "ownerOrganisationId",
                t.created_at AS "createdAt",
                coalesce((SELECT json_agg(json_build_object('id', r.id, 'taskId', r.task_id, 'kind', r.kind, 'offset', r."offset",
                                                            'remindAt', r.remind_at, 'deadline', r.deadline, 'status', r.status))
                            FROM reminders r WHERE r.task_id = t.id AND r.status IN ('pending', 'delivered')), '[]') AS live
           FROM journey_tasks t WHERE t.journey_id = $1 ${taskIds ? 'AND t.id = ANY($2)' : ''}`,
        taskIds ? [journeyId, taskIds] : [journeyId],
      );
    return rows.map((t) => ({
      ...t,
      live: t.live.map((r) => ({ ...r, remindAt: new Date(r.remindAt), deadline: new Date(r.deadline) })),
    }));
  },

  /** `close` for several groups (status and reason each) in one statement. */
  async closeMany(
    tx: EntityManager,
    groups: ReadonlyArray<{ ids: string[]; status: 'cancelled' | 'superseded'; reason: CloseReason }>,
  ): Promise<QueuedReminder[]> {
    const rows = groups.flatMap((g) => g.ids.map((id) => ({ id, status: g.status, reason: g.reason })));
    if (rows.length === 0) return [];
    const closed = queryRows<QueuedReminder & { enqueuedAt: Date | null }>(
      await tx.query(
        `UPDATE reminders r SET status = c.status, status_reason = c.reason, closed_at = now()
           FROM unnest($1::uuid[], $2::text[], $3::text[]) AS c(id, status, reason)
          WHERE r.id = c.id AND r.status = 'pending'
          RETURNING r.id, r.fire_at AS "fireAt", r.enqueued_at AS "enqueuedAt"`,
        [rows.map((r) => r.id), rows.map((r) => r.status), rows.map((r) => r.reason)],
      ),
    );
    return closed.filter((r) => r.enqueuedAt !== null).map(({ id, fireAt }) => ({ id, fireAt }));
  },

  async insert(tx: EntityManager, journeyId: string, rows: Array<PlannedReminder & { taskId: string }>): Promise<QueuedReminder[]> {
    if (rows.length === 0) return [];
    return tx.query(
      `INSERT INTO reminders (journey_id, task_id, kind, "offset", deadline, remind_at, fire_at)
       SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[])
       ON CONFLICT (task_id, kind, "offset", remind_at, deadline) WHERE status IN ('pending', 'delivered') DO NOTHING
       RETURNING id, fire_at AS "fireAt"`,
      [
        journeyId,
        rows.map((r) => r.taskId),
        rows.map((r) => r.kind),
        rows.map((r) => r.offset),
        rows.map((r) => r.deadline.toISOString()),
        rows.map((r) => r.remindAt.toISOString()),
        rows.map((r) => r.fireAt.toISOString()),
      ],
    );
  },

  /** Closes pending reminders; returns those that had been put in Redis (to take out again). */
  async close(tx: EntityManager, ids: string[], status: 'cancelled' | 'superseded', reason: CloseReason): Promise<QueuedReminder[]> {
    if (ids.length === 0) return [];
    const rows = queryRows<QueuedReminder & { enqueuedAt: Date | null }>(
      await tx.query(
        `UPDATE reminders SET status = $2, status_reason = $3, closed_at = now()
          WHERE id = ANY($1) AND status = 'pending'
          RETURNING id, fire_at AS "fireAt", enqueued_at AS "enqueuedAt"`,
        [ids, status, reason],
      ),
    );
    return rows.filter((r) => r.enqueuedAt !== null).map(({ id, fireAt }) => ({ id, fireAt }));
  },

  /** Cancels every pending reminder of a journey (on hold, withdrawn). */
  async cancelJourney(tx: EntityManager, journeyId: string, reason: CloseReason): Promise<QueuedReminder[]> {
    const rows = queryRows<QueuedReminder & { enqueuedAt: Date | null }>(
      await tx.query(
        `UPDATE reminders SET status = 'cancelled', status_reason = $2, closed_at = now()
          WHERE journey_id = $1 AND status = 'pending'
          RETURNING id, fire_at AS "fireAt", enqueued_at AS "enqueuedAt"`,
        [journeyId, reason],
      ),
    );
    return rows.filter((r) => r.enqueuedAt !== null).map(({ id, fireAt }) => ({ id, fireAt }));
  },

  /** One statement for a whole batch. */
  async markDelivered(tx: EntityManager, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await tx.query(
      `UPDATE reminders SET status = 'delivered', delivered_at = clock_timestamp(), closed_at = clock_timestamp() WHERE id = ANY($1)`,
      [ids],
    );
  },

  /**
   * A batch's delivery in one statement: its notices written (NotificationsService's fan-out to
   * the active users of each organisation, deduplicated per user) and its reminders marked
   * delivered, together. Returns the ids of the notifications written (for email after commit).
   */
  async deliver(
    tx: EntityManager,
    notices: Array<NotificationInput & { organisationId: string }>,
    deliveredIds: string[],
  ): Promise<string[]> {
    if (deliveredIds.length === 0) return [];
    const insert = NotificationsService.notifyManyStatement(notices, 2);
    const rows: Array<{ id: string | null }> = await tx.query(
      `WITH delivered AS (
         UPDATE reminders SET status = 'delivered', delivered_at = clock_timestamp(), closed_at = clock_timestamp() WHERE id = ANY($1)
       ), written AS (${insert.sql})
       SELECT id FROM written`,
      [deliveredIds, ...insert.params],
    );
    return rows.map((r) => r.id).filter((id): id is string => !!id);
  },

  async markEnqueued(tx: EntityManager, ids: string[]): Promise<void> {
    if (ids.length) await tx.query(`UPDATE reminders SET enqueued_at = now() WHERE id = ANY($1)`, [ids]);
  },

  /** Pending reminders due before `until`, in (fire_at, id) order after the cursor. */
  async pendingBefore(
    tx: EntityManager,
    until: Date,
    after: { fireAt: string; id: string } | null,
    limit: number,
  ): Promise<Array<{ id: string; fireAt: Date; fireAtText: string }>> {
    return tx.query(
      `SELECT id, fire_at AS "fireAt", fire_at::text AS "fireAtText" FROM reminders
        WHERE status = 'pending' AND fire_at < $1 ${after ? `AND (fire_at, id) > ($3::timestamptz, $4::uuid)` : ''}
        ORDER BY fire_at, id LIMIT $2`,
      after ? [until.toISOString(), limit, after.fireAt, after.id] : [until.toISOString(), limit],
    );
  },
};
