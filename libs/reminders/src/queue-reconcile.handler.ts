import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EmailOutbox } from '@pathway/notifications/email/email-outbox';
import { HandlesJob } from '@pathway/queue/handles-job.decorator';
import { ReminderQueue } from './reminder-queue';
import { ReminderStore } from './reminder-store';

const PAGE = 1000;

export interface ReconcileResult {
  pendingInHorizon: number;
  added: number;
  replaced: number;
  emails: number;
}

/**
 * Feeds Redis from Postgres, on a job scheduler: every pending reminder due within the horizon
 * whose job Redis does not hold (lost with Redis's data, never added because the process died
 * between commit and enqueue, or finished without delivering) is enqueued again, and so is the
 * email of any recent notification not yet sent. Deterministic job ids make this idempotent;
 * far-future reminders stay in Postgres until they come within the horizon.
 */
@Injectable()
export class QueueReconcileHandler {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: ReminderQueue,
    private readonly outbox: EmailOutbox,
  ) {}

  @HandlesJob('queue.reconcile')
  async handle(): Promise<ReconcileResult> {
    const result = await this.reconcileReminders();
    return { ...result, emails: await this.outbox.reconcile() };
  }

  async reconcileReminders(): Promise<Omit<ReconcileResult, 'emails'>> {
    const until = this.queue.horizonEnd();
    let cursor: { fireAt: string; id: string } | null = null;
    const total = { pendingInHorizon: 0, added: 0, replaced: 0 };
    for (;;) {
      const rows = await ReminderStore.pendingBefore(this.db.manager, until, cursor, PAGE);
      if (rows.length === 0) break;
      total.pendingInHorizon += rows.length;
      const { added, replaced } = await this.queue.ensure(rows.map((r) => ({ id: r.id, fireAt: r.fireAt })));
      total.added += added;
      total.replaced += replaced;
      if (rows.length < PAGE) break;
      const last = rows[rows.length - 1];
      cursor = { fireAt: last.fireAtText, id: last.id };
    }
    return total;
  }
}
