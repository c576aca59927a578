import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { EnvConfig } from '../../platform/src/config/env';
import { createRedis } from '../../platform/src/redis/redis';
import { JOB_QUEUE, JobName, JobPayloads, QueueName } from './jobs';

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
    await this.queueFor(JOB_QUEUE[name]).add(name, payload, options);
  }

  async queueMany<N extends JobName>(name: N, jobs: Array<{ payload: JobPayloads[N]; options?: JobsOptions }>): Promise<void> {
    if (jobs.length === 0) return;
    await this.queueFor(JOB_QUEUE[name]).addBulk(jobs.map((j) => ({ name, data: j.payload, opts: { ...DEFAULT_JOB_OPTIONS, ...j.options } })));
  }

  allQueues(): Queue[] {
    return Object.values(QueueName).map((n) => this.queueFor(n));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}
