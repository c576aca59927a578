import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DONE_TASK_STATUSES, ON_HOLD_STATE, WITHDRAWN_STATE, type TaskStatus } from '@pathway/domain/vocabulary';
import type { JourneyEntity } from '@pathway/journeys/entities/journey.entity';
import { JourneyChange, JourneyChangeBus } from '@pathway/journeys/journey-change.bus';
import { planReminders, type PlannedReminder } from './domain/reminder-plan';
import { ReminderQueue } from './reminder-queue';
import { CloseReason, QueuedReminder, ReminderStore } from './reminder-store';

interface AfterCommitWork {
  enqueue: QueuedReminder[];
  remove: QueuedReminder[];
}

/** A journey in one of these states sends nothing: its pending reminders are cancelled. */
export const PAUSED_JOURNEY_STATES: readonly string[] = [ON_HOLD_STATE, WITHDRAWN_STATE];

/**
 * Keeps the reminders table in step with the journeys, inside each change's own transaction:
 * new and rescheduled tasks get their reminders, a moved deadline or changed policy supersedes the
 * old ones, a completed (or not applicable) task cancels its own, a journey put on hold or
 * withdrawn cancels all of its, and one resuming is planned afresh (see planReminders for how
 * reminders whose time passed meanwhile are caught up). After commit, those due within the
 * horizon go into Redis at once.
 */
@Injectable()
export class ReminderScheduler implements OnModuleInit {
  private readonly logger = new Logger('ReminderScheduler');
  private readonly work = new WeakMap<JourneyChange, AfterCommitWork>();

  constructor(
    private readonly bus: JourneyChangeBus,
    private readonly queue: ReminderQueue,
  ) {}

  onModuleInit(): void {
    this.bus.register({
      inTransaction: (tx, change) => this.inTransaction(tx, change),
      afterCommit: (change) => this.afterCommit(change),
    });
  }

  async inTransaction(tx: EntityManager, change: JourneyChange): Promise<void> {
    const j = change.journey;
    let work: AfterCommitWork;
    if (PAUSED_JOURNEY_STATES.includes(j.state)) {
      const reason: CloseReason = j.state === ON_HOLD_STATE ? 'journey_on_hold' : 'journey_withdrawn';
      work = { enqueue: [], remove: await ReminderStore.cancelJourney(tx, j.id, reason) };
    } else {
      const everyTask = change.kind === 'created' || change.kind === 'policy_changed' || change.event?.fromState === ON_HOLD_STATE;
      work = await this.reschedule(tx, j, everyTask ? null : change.taskIds, new Date());
    }
    const previous = this.work.get(change);
    this.work.set(
      change,
      previous ? { enqueue: [...previous.enqueue, ...work.enqueue], remove: [...previous.remove, ...work.remove] } : work,
    );
  }

  async afterCommit(change: JourneyChange): Promise<void> {
    const work = this.work.get(change);
    if (!work) return;
    this.work.delete(change);
    await this.queue.remove(work.remove);
    await this.queue.enqueue(this.queue.withinHorizon(work.enqueue));
  }

  /** Plans the reminders of some (null: all) of an active journey's tasks and writes the difference. */
  async reschedule(tx: EntityManager, j: JourneyEntity, taskIds: string[] | null, now: Date): Promise<AfterCommitWork> {
    // One read (the tasks with their live reminders), then one statement per kind of write.
    const tasks = await ReminderStore.tasksWithLive(tx, j.id, taskIds ? [...new Set(taskIds)] : null);
    if (tasks.length === 0) return { enqueue: [], remove: [] };
    const inserts: Array<PlannedReminder & { taskId: string }> = [];
    const close: Record<CloseReason, string[]> = {
      rescheduled: [],
      task_completed: [],
      task_not_applicable: [],
      no_deadline: [],
      journey_on_hold: [],
      journey_withdrawn: [],
      invalid_policy: [],
    };
    for (const task of tasks) {
      const mine = task.live;
      if (DONE_TASK_STATUSES.includes(task.status as TaskStatus)) {
        close[task.status === 'completed' ? 'task_completed' : 'task_not_applicable'].push(
          ...mine.filter((r) => r.status === 'pending').map((r) => r.id),
        );
        continue;
      }
      try {
        const plan = planReminders({
          deadline: { dueDate: task.dueDate, dueAt: task.dueAt },
          policy: j.reminderPolicy,
          now,
          live: mine,
          taskCreatedAt: task.createdAt,
          nation: j.nation,
        });
        close[task.dueDate || task.dueAt ? 'rescheduled' : 'no_deadline'].push(...plan.supersede);
        inserts.push(...plan.insert.map((p) => ({ ...p, taskId: task.id })));
      } catch (err) {
        // A stored policy that no longer parses must not block task changes: nothing fires for it.
        this.logger.error({ journeyId: j.id, taskId: task.id, err: (err as Error).message }, 'cannot plan reminders');
        close.invalid_policy.push(...mine.filter((r) => r.status === 'pending').map((r) => r.id));
      }
    }
    const remove = await ReminderStore.closeMany(
      tx,
      (Object.entries(close) as Array<[CloseReason, string[]]>).map(([reason, ids]) => ({
        ids,
        reason,
        status: reason === 'rescheduled' || reason === 'no_deadline' ? 'superseded' : 'cancelled',
      })),
    );
    const enqueue = await ReminderStore.insert(tx, j.id, inserts);
    return { enqueue, remove };
  }
}
