import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DelayedError, Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { deadlineInstant } from '../../domain/src/calendar/deadline';
import type { ReminderKind } from '../../domain/src/calendar/reminder-schedule';
import { DONE_TASK_STATUSES, type EscalationTrigger, type TaskStatus } from '../../domain/src/vocabulary';
import { EscalationsService } from '../../escalations/src/escalations.service';
import { JourneyEntity } from '../../journeys/src/entities/journey.entity';
import { NotificationsService } from '../../notifications/src/notifications.service';
import { HandlesJob } from '../../queue/src/handles-job.decorator';
import type { JobPayloads } from '../../queue/src/jobs';
import { dueSoonMessage, escalationReason, overdueMessage } from './reminder-messages';
import { PAUSED_JOURNEY_STATES } from './reminder-scheduler';
import { ReminderStore, type TaskForReminders } from './reminder-store';

/** The Right to Provide response task: its escalation is a `response_overdue`. */
export const RESPONSE_TASK_KEY = 'respond_to_expression_of_interest';

export type FireOutcome = 'delivered' | 'not_pending' | 'redelayed' | 'cancelled' | 'superseded';

/**
 * Delivers one reminder. The job carries only the id: everything is reloaded from Postgres, and
 * nothing happens unless the reminder is still pending, due, and still true (the task open, the
 * deadline unchanged, the journey neither on hold nor withdrawn). Delivery (notifications with the
 * dedupe key `reminder-<id>`, or the escalation) and marking the reminder delivered commit
 * together, so a redelivered job changes nothing and each recipient gets it at most once.
 */
@Injectable()
export class ReminderFireHandler {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: NotificationsService,
    private readonly escalations: EscalationsService,
  ) {}

  @HandlesJob('reminder.fire')
  async handle({ reminderId }: JobPayloads['reminder.fire'], job?: Job): Promise<FireOutcome> {
    const result = await this.deliver(reminderId);
    if (result.outcome === 'early') {
      // Never early: a job that comes too soon (clock skew, a manual promote) waits again.
      if (job?.token) {
        await job.moveToDelayed(result.fireAt.getTime(), job.token);
        throw new DelayedError();
      }
      return 'redelayed';
    }
    await this.notifications.sendEmails(result.notificationIds);
    return result.outcome;
  }

  /** Checks and delivers in one transaction (four statements for a notice). */
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
      const [row]: Array<{ status: string; kind: ReminderKind; fireAt: Date; deadline: Date; task: TaskForReminders }> = await tx.query(
        `SELECT r.status, r.kind, r.fire_at AS "fireAt", r.deadline,
                json_build_object('id', t.id, 'key', t.key, 'title', t.title, 'status', t.status, 'dueDate', t.due_date,
                                  'dueAt', t.due_at, 'ownerOrganisationId', t.owner_organisation_id) AS task
           FROM reminders r JOIN journey_tasks t ON t.id = r.task_id WHERE r.id = $1 FOR UPDATE OF r`,
        [reminderId],
      );
      if (!row || row.status !== 'pending') return nothing;
      const fireAt = new Date(row.fireAt);
      if (Date.now() < fireAt.getTime()) return { outcome: 'early' as const, notificationIds: [], fireAt };
      const task = row.task;

      if (PAUSED_JOURNEY_STATES.includes(journey.state)) {
        await ReminderStore.close(tx, [reminderId], 'cancelled', journey.state === 'on_hold' ? 'journey_on_hold' : 'journey_withdrawn');
        return { ...nothing, outcome: 'cancelled' as const };
      }
      if (DONE_TASK_STATUSES.includes(task.status as TaskStatus)) {
        await ReminderStore.close(tx, [reminderId], 'cancelled', task.status === 'completed' ? 'task_completed' : 'task_not_applicable');
        return { ...nothing, outcome: 'cancelled' as const };
      }
      const deadline = deadlineInstant({ dueDate: task.dueDate, dueAt: task.dueAt });
      if (!deadline || deadline.getTime() !== new Date(row.deadline).getTime()) {
        await ReminderStore.close(tx, [reminderId], 'superseded', deadline ? 'rescheduled' : 'no_deadline');
        return { ...nothing, outcome: 'superseded' as const };
      }

      let notificationIds: string[];
      if (row.kind === 'escalate') {
        const j = await tx.getRepository(JourneyEntity).findOneByOrFail({ id: journey.id });
        const trigger: EscalationTrigger = task.key === RESPONSE_TASK_KEY ? 'response_overdue' : 'task_overdue';
        ({ notificationIds } = await this.escalations.open(tx, j, {
          trigger,
          taskId: task.id,
          reason: escalationReason(task),
          actorUserId: null,
        }));
      } else {
        const message = row.kind === 'task_due_soon' ? dueSoonMessage(task, journey.name) : overdueMessage(task, journey.name);
        notificationIds = await this.notifications.notifyOrganisations(tx, [task.ownerOrganisationId], {
          type: row.kind,
          ...message,
          journeyId: journey.id,
          taskId: task.id,
          dedupeKey: `reminder-${reminderId}`,
        });
      }
      await ReminderStore.markDelivered(tx, reminderId);
      return { outcome: 'delivered' as const, notificationIds, fireAt };
    });
  }
}
