import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { EnvConfig } from '@pathway/platform/config/env';
import { JOB_QUEUE, type JobName } from '@pathway/queue/jobs';
import { QueueService } from '@pathway/queue/queue.service';
import { WorkerHost } from '@pathway/queue/worker-host';

interface Schedule {
  id: string;
  job: JobName;
  everyMs: number;
}

/**
 * Registers the worker's repeating jobs with BullMQ's job scheduler (`upsertJobScheduler`,
 * idempotent) when the worker starts: the reconciler, the escalation sweep, the yearly cycle
 * and the daily email digest. The API process
 * registers nothing. Because a lost Redis dataset takes the schedulers with it, the worker also
 * checks every interval that they still exist and puts them back if not.
 */
@Injectable()
export class WorkerSchedules implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WorkerSchedules');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly queues: QueueService,
    private readonly config: EnvConfig,
  ) {}

  schedules(): Schedule[] {
    const everyMs = this.config.RECONCILE_EVERY_SECONDS * 1000;
    return [
      { id: 'queue-reconcile', job: 'queue.reconcile', everyMs },
      { id: 'escalation-sweep', job: 'escalation.sweep', everyMs },
      // The yearly cycle moves by calendar days: hourly is plenty (and at least as often as the reconciler in tests).
      { id: 'yearly-cycle-sweep', job: 'yearly_cycle.sweep', everyMs: Math.min(everyMs * 60, 3_600_000) },
      // The daily digest goes at 07:00 London on weekdays; each run sends only what is due and never twice (EmailDigest).
      { id: 'email-digest', job: 'notification.digest', everyMs: Math.min(everyMs * 15, 900_000) },
    ];
  }

  /** Only the worker process (the one with a WorkerHost) schedules jobs. */
  private isWorker(): boolean {
    try {
      return !!this.moduleRef.get(WorkerHost, { strict: false });
    } catch {
      return false;
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.isWorker()) return;
    await this.upsertAll();
    const checkEvery = Math.max(5_000, this.config.RECONCILE_EVERY_SECONDS * 1000);
    this.timer = setInterval(() => void this.restoreMissing().catch(() => undefined), checkEvery);
    this.timer.unref();
  }

  async upsertAll(): Promise<void> {
    for (const s of this.schedules()) await this.upsert(s);
    this.logger.log(
      `scheduled ${this.schedules()
        .map((s) => `${s.job} every ${s.everyMs / 1000}s`)
        .join(', ')}`,
    );
  }

  /** Puts back any scheduler that Redis lost. */
  async restoreMissing(): Promise<number> {
    let restored = 0;
    for (const s of this.schedules()) {
      const existing = await this.queues.queueFor(JOB_QUEUE[s.job]).getJobScheduler(s.id);
      if (existing) continue;
      await this.upsert(s);
      restored++;
    }
    if (restored) this.logger.warn(`restored ${restored} job scheduler(s) missing from Redis`);
    return restored;
  }

  /** Idempotent: the same schedule upserted again keeps its next run. Runs are not retried: the next one comes soon. */
  private async upsert(s: Schedule): Promise<void> {
    await this.queues
      .queueFor(JOB_QUEUE[s.job])
      .upsertJobScheduler(
        s.id,
        { every: s.everyMs },
        { name: s.job, data: {}, opts: { attempts: 1, removeOnComplete: { count: 20 }, removeOnFail: { count: 100 } } },
      );
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
