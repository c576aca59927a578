import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { EnvConfig } from '@pathway/platform/config/env';
import { createRedis } from '@pathway/platform/redis/redis';
import { JOB_QUEUE, JobName, JobPayloads, QueueName } from './jobs';

/** Redis did not take a job in time (down, unreachable or overloaded). */
export class QueueUnavailableError extends Error {
  override name = 'QueueUnavailableError';
}

/** Defaults for every job: retried with exponential backoff, finished jobs pruned. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
};

/** The one entry point for enqueueing. Used by the API and the worker alike; never consumes. */
@Injectable()
export class QueueService implements OnApplicationShutdown {
  private readonly connection: Redis;
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly config: EnvConfig) {
    this.connection = createRedis(config.REDIS_URL, 'queue');
  }

  get prefix(): string {
    return this.config.REDIS_PREFIX;
  }

  queueFor(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: this.connection, prefix: this.prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
      q.on('error', () => undefined);
      this.queues.set(name, q);
    }
    return q;
  }

  async queue<N extends JobName>(name: N, payload: JobPayloads[N], options: JobsOptions = {}): Promise<void> {
    await this.bounded(this.queueFor(JOB_QUEUE[name]).add(name, payload, options), name);
  }

  async queueMany<N extends JobName>(name: N, jobs: Array<{ payload: JobPayloads[N]; options?: JobsOptions }>): Promise<void> {
    if (jobs.length === 0) return;
    await this.bounded(
      this.queueFor(JOB_QUEUE[name]).addBulk(jobs.map((j) => ({ name, data: j.payload, opts: { ...DEFAULT_JOB_OPTIONS, ...j.options } }))),
      name,
    );
  }

  /**
   * Enqueueing never waits longer than ENQUEUE_TIMEOUT_MS: with Redis down or unreachable it fails
   * fast (callers enqueue after commit, and the reconciler adds what was missed from Postgres).
   * Jobs have deterministic ids, so a late add that still lands is harmless.
   */
  private bounded<T>(work: Promise<T>, name: string): Promise<T> {
    if (this.connection.status !== 'ready' && this.connection.status !== 'connecting' && this.connection.status !== 'connect') {
      work.catch(() => undefined);
      return Promise.reject(new QueueUnavailableError(`Redis is ${this.connection.status}: ${name} not enqueued`));
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new QueueUnavailableError(`Redis did not take ${name} within ${this.config.ENQUEUE_TIMEOUT_MS} ms`)),
        this.config.ENQUEUE_TIMEOUT_MS,
      );
    });
    work.catch(() => undefined);
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }

  allQueues(): Queue[] {
    return Object.values(QueueName).map((n) => this.queueFor(n));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}
