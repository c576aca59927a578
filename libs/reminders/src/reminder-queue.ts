import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EnvConfig } from '@pathway/platform/config/env';
import { QueueName } from '@pathway/queue/jobs';
import { QueueService } from '@pathway/queue/queue.service';
import { QueuedReminder, ReminderStore } from './reminder-store';

/** BullMQ forbids ':' in custom ids; reminder ids are UUIDs. */
export const reminderJobId = (reminderId: string) => `reminder-${reminderId}`;

const BATCH = 1000;

/**
 * The Redis side of reminders: one delayed job per reminder due within the horizon, with the
 * deterministic id `reminder-<id>` so adding it twice is harmless. Postgres stays the truth: what
 * this fails to add, the reconciler adds later.
 */
@Injectable()
export class ReminderQueue {
  private readonly logger = new Logger('ReminderQueue');

  constructor(
    private readonly queues: QueueService,
    private readonly config: EnvConfig,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Reminders due before this instant belong in Redis. */
  horizonEnd(now = Date.now()): Date {
    return new Date(now + this.config.REMINDER_HORIZON_SECONDS * 1000);
  }

  withinHorizon(rows: QueuedReminder[], now = Date.now()): QueuedReminder[] {
    const end = this.horizonEnd(now).getTime();
    return rows.filter((r) => new Date(r.fireAt).getTime() < end);
  }

  /** Adds delayed jobs (existing ids are left alone) and notes when they went in. */
  async enqueue(rows: QueuedReminder[]): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      const now = Date.now();
      await this.queues.queueMany(
        'reminder.fire',
        batch.map((r) => ({
          payload: { reminderId: r.id },
          options: { jobId: reminderJobId(r.id), delay: Math.max(0, new Date(r.fireAt).getTime() - now) },
        })),
      );
      await ReminderStore.markEnqueued(
        this.db.manager,
        batch.map((r) => r.id),
      );
    }
  }

  /** Takes jobs of reminders that will never fire out of Redis (best effort: the handler checks anyway). */
  async remove(rows: QueuedReminder[]): Promise<void> {
    const queue = this.queues.queueFor(QueueName.Reminders);
    await Promise.all(rows.map((r) => queue.remove(reminderJobId(r.id)).catch(() => 0)));
  }

  /**
   * For the reconciler: adds the job of every given pending reminder that Redis does not hold,
   * and replaces one that finished without delivering (failed after its retries, say) so it gets
   * another go. A job waiting, delayed or running is left alone.
   */
  async ensure(rows: QueuedReminder[]): Promise<{ added: number; replaced: number }> {
    const queue = this.queues.queueFor(QueueName.Reminders);
    const states = await Promise.all(rows.map((r) => queue.getJobState(reminderJobId(r.id))));
    const missing: QueuedReminder[] = [];
    let replaced = 0;
    for (let i = 0; i < rows.length; i++) {
      const state = states[i];
      if (state === 'unknown') missing.push(rows[i]);
      else if (state === 'completed' || state === 'failed') {
        if ((await queue.remove(reminderJobId(rows[i].id)).catch(() => 0)) === 1) {
          missing.push(rows[i]);
          replaced++;
        }
      }
    }
    if (missing.length) {
      await this.enqueue(missing);
      this.logger.log({ added: missing.length - replaced, replaced }, 'reconciled reminders into Redis');
    }
    return { added: missing.length - replaced, replaced };
  }
}
