import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DelayedError, Job } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { deadlineInstant } from '@pathway/domain/calendar/deadline';
import type { ReminderKind } from '@pathway/domain/calendar/reminder-schedule';
import { DONE_TASK_STATUSES, type EscalationTrigger, type TaskStatus } from '@pathway/domain/vocabulary';
import { EscalationsService } from '@pathway/escalations/escalations.service';
import { JourneyEntity } from '@pathway/journeys/entities/journey.entity';
import { NotificationsService } from '@pathway/notifications/notifications.service';
import { EnvConfig } from '@pathway/platform/config/env';
import { HandlesJob } from '@pathway/queue/handles-job.decorator';
import type { JobPayloads } from '@pathway/queue/jobs';
import { WorkerHost } from '@pathway/queue/worker-host';
import { dueSoonMessage, escalationReason, overdueMessage } from './reminder-messages';
import { PAUSED_JOURNEY_STATES } from './reminder-scheduler';
import { ReminderStore, type CloseReason, type TaskForReminders } from './reminder-store';

/** The Right to Provide response task: its escalation is a `response_overdue`. */
export const RESPONSE_TASK_KEY = 'respond_to_expression_of_interest';

export type FireOutcome = 'delivered' | 'not_pending' | 'redelayed' | 'cancelled' | 'superseded';

/** Reminders claimed by one batch transaction. */
export const REMINDER_BATCH = 250;
/** Batches one job delivers at most before it lets the queue move on (other jobs take the rest). */
const MAX_BATCHES_PER_JOB = 40;

/** A reminder as the checks read it: its row, its task's current deadline and status, its journey's state. */
interface ClaimedReminder {
  id: string;
  status: string;
  kind: ReminderKind;
  fireAt: Date;
  deadline: Date;
  journey: { id: string; name: string; state: string };
  task: TaskForReminders;
}

type Verdict =
  { action: 'deliver' } | { action: 'close'; status: 'cancelled' | 'superseded'; reason: CloseReason; outcome: 'cancelled' | 'superseded' };

/** Whether a due, pending reminder is still true now; if not, how it closes. */
function verdictFor(r: ClaimedReminder): Verdict {
  if (PAUSED_JOURNEY_STATES.includes(r.journey.state)) {
    const reason = r.journey.state === 'on_hold' ? 'journey_on_hold' : 'journey_withdrawn';
    return { action: 'close', status: 'cancelled', reason, outcome: 'cancelled' };
  }
  if (DONE_TASK_STATUSES.includes(r.task.status as TaskStatus)) {
    const reason = r.task.status === 'completed' ? 'task_completed' : 'task_not_applicable';
    return { action: 'close', status: 'cancelled', reason, outcome: 'cancelled' };
  }
  const deadline = deadlineInstant({ dueDate: r.task.dueDate, dueAt: r.task.dueAt });
  if (!deadline || deadline.getTime() !== new Date(r.deadline).getTime()) {
    return { action: 'close', status: 'superseded', reason: deadline ? 'rescheduled' : 'no_deadline', outcome: 'superseded' };
  }
  return { action: 'deliver' };
}

const TASK_JSON = `json_build_object('id', t.id, 'key', t.key, 'title', t.title, 'status', t.status, 'dueDate', t.due_date,
                                     'dueAt', t.due_at, 'ownerOrganisationId', t.owner_organisation_id) AS task`;

/** Up to $1 due, pending reminders nobody else holds, reloaded with their task and journey. */
const CLAIM_BATCH = `SELECT r.id, r.status, r.kind, r.fire_at AS "fireAt", r.deadline,
                            json_build_object('id', j.id, 'name', j.name, 'state', j.state) AS journey, ${TASK_JSON}
                       FROM reminders r
                       JOIN journeys j ON j.id = r.journey_id
                       JOIN journey_tasks t ON t.id = r.task_id
                      WHERE r.status = 'pending' AND r.fire_at <= now()
                      ORDER BY r.fire_at, r.id
                      LIMIT $1
                      FOR UPDATE OF r SKIP LOCKED
                      FOR SHARE OF j SKIP LOCKED`;

/**
 * Delivers reminders. A job carries only the id of one reminder, but when it runs it delivers
 * every reminder then due, in batches: each batch claims up to REMINDER_BATCH due, pending
 * reminders with `FOR UPDATE SKIP LOCKED` (their journeys `FOR SHARE SKIP LOCKED`, the lock every
 * journey change waits for), so several jobs and several workers share a burst without waiting
 * for each other or taking the same reminder twice. Everything is reloaded from Postgres and
 * nothing happens unless a reminder is still pending, due, and still true (the task open, the
 * deadline unchanged, the journey neither on hold nor withdrawn). Delivery (one statement for the
 * batch's notifications, with the dedupe key `reminder-<id>` unique per user, plus an escalation
 * for each `escalate`) and marking the batch delivered (one statement) commit together, so a
 * redelivered job changes nothing and each recipient gets a reminder at most once.
 */
@Injectable()
export class ReminderFireHandler implements OnApplicationBootstrap {
  private readonly logger = new Logger('ReminderFireHandler');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: NotificationsService,
    private readonly escalations: EscalationsService,
    private readonly config: EnvConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** In the worker: the connections a burst's jobs will use are opened and warmed before it comes. */
  onApplicationBootstrap(): void {
    let worker = false;
    try {
      worker = !!this.moduleRef.get(WorkerHost, { strict: false });
    } catch {
      worker = false;
    }
    if (worker) {
      void this.warmUp(this.config.REMINDER_JOB_CONCURRENCY).catch((err: unknown) =>
        this.logger.warn({ err: (err as Error).message }, 'pool warm-up failed (the first burst connects as it goes)'),
      );
    }
  }

  /**
   * Opens `connections` pooled connections at once and has each plan the batch's statements (a
   * claim of nothing, a delivery of nothing): a new Postgres backend's first statements on a
   * table load its catalogue entries, which cost a burst's first batch a few hundred ms on a busy
   * machine. The worker's pool keeps its connections (PlatformModule `keepIdleConnections`).
   */
  async warmUp(connections: number): Promise<void> {
    await Promise.all(
      Array.from({ length: connections }, async () => {
        const runner = this.db.createQueryRunner();
        try {
          await runner.connect();
          await runner.manager.transaction(async (tx) => {
            await tx.query(CLAIM_BATCH, [0]);
            await ReminderStore.deliver(tx, [], ['00000000-0000-0000-0000-000000000000']);
          });
        } finally {
          await runner.release();
        }
      }),
    );
  }

  @HandlesJob('reminder.fire')
  async handle({ reminderId }: JobPayloads['reminder.fire'], job?: Job): Promise<FireOutcome> {
    // Most jobs of a burst find their reminder already delivered by a batch: one read, no lock.
    const [own]: Array<{ status: string; fireAt: Date }> = await this.db.query(
      `SELECT status, fire_at AS "fireAt" FROM reminders WHERE id = $1`,
      [reminderId],
    );
    if (!own || own.status !== 'pending') return 'not_pending';
    if (Date.now() < new Date(own.fireAt).getTime()) return this.redelay(new Date(own.fireAt), job);

    let ownOutcome: FireOutcome | undefined;
    // Each batch's emails are enqueued while the next batch is claimed: Redis round trips do not
    // hold up delivery. The job waits for them all before it finishes (a failure retries it).
    const emails: Array<Promise<void>> = [];
    try {
      for (let i = 0; i < MAX_BATCHES_PER_JOB; i++) {
        const batch = await this.claimAndDeliver(REMINDER_BATCH);
        if (batch.notificationIds.length) emails.push(this.notifications.sendEmails(batch.notificationIds));
        ownOutcome ??= batch.outcomes.get(reminderId);
        if (batch.claimed < REMINDER_BATCH) break;
      }
    } catch (error) {
      // A batch failed: its error is the job's, once the emails already under way have settled.
      await Promise.allSettled(emails);
      throw error;
    }
    const failed = (await Promise.allSettled(emails)).find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    if (ownOutcome) return ownOutcome;
    // No batch could take this job's reminder (another worker holds it, or a change to its
    // journey was committing): the one-at-a-time path waits for those locks, then decides.
    const result = await this.deliver(reminderId);
    if (result.outcome === 'early') return this.redelay(result.fireAt, job);
    await this.notifications.sendEmails(result.notificationIds);
    return result.outcome;
  }

  /** Never early: a job that comes too soon (clock skew, a manual promote) waits again. */
  private async redelay(fireAt: Date, job?: Job): Promise<FireOutcome> {
    if (job?.token) {
      await job.moveToDelayed(fireAt.getTime(), job.token);
      throw new DelayedError();
    }
    return 'redelayed';
  }

  /**
   * Claims up to `limit` due, pending reminders nobody else holds, and delivers or closes each in
   * one transaction: the claim, one statement for the notifications, one to mark them delivered,
   * one per kind of closing (and an escalation each for `escalate`). Emails follow the commit.
   */
  async deliverBatch(limit = REMINDER_BATCH): Promise<{ claimed: number; outcomes: Map<string, FireOutcome> }> {
    const { claimed, outcomes, notificationIds } = await this.claimAndDeliver(limit);
    await this.notifications.sendEmails(notificationIds);
    return { claimed, outcomes };
  }

  /** `deliverBatch` without the emails: the caller enqueues them (after this commit). */
  private async claimAndDeliver(
    limit: number,
  ): Promise<{ claimed: number; outcomes: Map<string, FireOutcome>; notificationIds: string[] }> {
    const result = await this.db.transaction(async (tx) => {
      const rows: ClaimedReminder[] = await tx.query(CLAIM_BATCH, [limit]);
      const outcomes = new Map<string, FireOutcome>();
      const closing = new Map<string, { status: 'cancelled' | 'superseded'; reason: CloseReason; ids: string[] }>();
      const notices: ClaimedReminder[] = [];
      const escalations: ClaimedReminder[] = [];
      for (const r of rows) {
        const verdict = verdictFor(r);
        if (verdict.action === 'close') {
          const key = `${verdict.status}/${verdict.reason}`;
          const group = closing.get(key) ?? { status: verdict.status, reason: verdict.reason, ids: [] };
          group.ids.push(r.id);
          closing.set(key, group);
          outcomes.set(r.id, verdict.outcome);
        } else {
          (r.kind === 'escalate' ? escalations : notices).push(r);
          outcomes.set(r.id, 'delivered');
        }
      }
      // Every group closed in one statement (a batch's reminders that the world has moved past).
      await ReminderStore.closeMany(tx, [...closing.values()]);
      const escalated: string[] = [];
      for (const r of escalations) escalated.push(...(await this.escalate(tx, r)));
      // One statement: the notices written and the whole batch marked delivered.
      const noticeIds = await ReminderStore.deliver(
        tx,
        notices
          .filter((r) => r.task.ownerOrganisationId)
          .map((r) => ({
            organisationId: r.task.ownerOrganisationId!,
            type: r.kind === 'task_due_soon' ? ('task_due_soon' as const) : ('task_overdue' as const),
            ...(r.kind === 'task_due_soon' ? dueSoonMessage(r.task, r.journey.name) : overdueMessage(r.task, r.journey.name)),
            journeyId: r.journey.id,
            taskId: r.task.id,
            dedupeKey: `reminder-${r.id}`,
          })),
        [...notices, ...escalations].map((r) => r.id),
      );
      return { claimed: rows.length, outcomes, notificationIds: [...escalated, ...noticeIds] };
    });
    if (result.claimed)
      this.logger.log({ claimed: result.claimed, notifications: result.notificationIds.length }, 'reminder batch delivered');
    return result;
  }

  /** Checks and delivers one reminder in one transaction, waiting for its locks (four statements for a notice). */
  async deliver(
    reminderId: string,
  ): Promise<{ outcome: Exclude<FireOutcome, 'redelayed'> | 'early'; notificationIds: string[]; fireAt: Date }> {
    return this.db.transaction(async (tx) => {
      const nothing = { outcome: 'not_pending' as const, notificationIds: [], fireAt: new Date(0) };
      // Lock order as every journey change: the journey (shared: reminders of one journey may fire
      // together, but not while a change to it commits), then the reminder.
      const [journey]: Array<{ id: string; name: string; state: string }> = await tx.query(
        `SELECT id, name, state FROM journeys WHERE id = (SELECT journey_id FROM reminders WHERE id = $1) FOR SHARE`,
        [reminderId],
      );
      if (!journey) return nothing;
      const [row]: Array<Omit<ClaimedReminder, 'journey'>> = await tx.query(
        `SELECT r.id, r.status, r.kind, r.fire_at AS "fireAt", r.deadline, ${TASK_JSON}
           FROM reminders r JOIN journey_tasks t ON t.id = r.task_id WHERE r.id = $1 FOR UPDATE OF r`,
        [reminderId],
      );
      if (!row || row.status !== 'pending') return nothing;
      const fireAt = new Date(row.fireAt);
      if (Date.now() < fireAt.getTime()) return { outcome: 'early' as const, notificationIds: [], fireAt };
      const reminder: ClaimedReminder = { ...row, journey };
      const verdict = verdictFor(reminder);
      if (verdict.action === 'close') {
        await ReminderStore.close(tx, [reminderId], verdict.status, verdict.reason);
        return { ...nothing, outcome: verdict.outcome };
      }
      let notificationIds: string[];
      if (row.kind === 'escalate') {
        notificationIds = await this.escalate(tx, reminder);
      } else {
        const message = row.kind === 'task_due_soon' ? dueSoonMessage(row.task, journey.name) : overdueMessage(row.task, journey.name);
        notificationIds = await this.notifications.notifyOrganisations(tx, [row.task.ownerOrganisationId], {
          type: row.kind,
          ...message,
          journeyId: journey.id,
          taskId: row.task.id,
          dedupeKey: `reminder-${reminderId}`,
        });
      }
      await ReminderStore.markDelivered(tx, [reminderId]);
      return { outcome: 'delivered' as const, notificationIds, fireAt };
    });
  }

  /** An `escalate` reminder opens an escalation (`response_overdue` for the Right to Provide response task). */
  private async escalate(tx: EntityManager, r: ClaimedReminder): Promise<string[]> {
    const j = await tx.getRepository(JourneyEntity).findOneByOrFail({ id: r.journey.id });
    const trigger: EscalationTrigger = r.task.key === RESPONSE_TASK_KEY ? 'response_overdue' : 'task_overdue';
    const { notificationIds } = await this.escalations.open(tx, j, {
      trigger,
      taskId: r.task.id,
      reason: escalationReason(r.task),
      actorUserId: null,
    });
    return notificationIds;
  }
}
