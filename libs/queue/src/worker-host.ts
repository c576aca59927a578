import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { EnvConfig } from '@pathway/platform/config/env';
import { createRedis } from '@pathway/platform/redis/redis';
import { HANDLES_JOB } from './handles-job.decorator';
import { JOB_NAMES, JOB_QUEUE, JobName, QueueName } from './jobs';

type Handler = (payload: unknown, job: Job) => Promise<unknown>;

/**
 * Concurrency per queue: reminders fan out, maintenance runs one at a time. Their sum stays below
 * the pool size (checkWorkerPool at start), and no job holds more than one connection at a time
 * (unit-of-work.ts), so jobs never wait on each other for connections.
 */
function concurrency(config: EnvConfig): Record<QueueName, number> {
  return {
    [QueueName.Reminders]: config.REMINDER_JOB_CONCURRENCY,
    [QueueName.Notifications]: config.EMAIL_JOB_CONCURRENCY,
    [QueueName.Maintenance]: 1,
  };
}

/**
 * Runs in the worker process only: finds every @HandlesJob method, refuses to start if a job name
 * has none, and consumes each queue with a BullMQ Worker. Closing waits for running jobs.
 */
@Injectable()
export class WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WorkerHost');
  private readonly handlers = new Map<JobName, Handler>();
  private readonly workers: Worker[] = [];
  private connection?: Redis;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly config: EnvConfig,
  ) {}

  /** Collects the handlers; throws naming every job without one. */
  collectHandlers(): Map<JobName, Handler> {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const proto = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const name = this.reflector.get<JobName | undefined>(HANDLES_JOB, proto[method]);
        if (!name) continue;
        if (this.handlers.has(name)) throw new Error(`Two handlers for job ${name}`);
        this.handlers.set(name, (payload, job) => (instance[method] as Handler).call(instance, payload, job));
      }
    }
    const missing = JOB_NAMES.filter((n) => !this.handlers.has(n));
    if (missing.length > 0) throw new Error(`No handler for job(s): ${missing.join(', ')}`);
    return this.handlers;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.collectHandlers();
    this.connection = createRedis(this.config.REDIS_URL, 'worker');
    await this.warnUnlessNoEviction(this.connection);
    const limits = concurrency(this.config);
    for (const queue of Object.values(QueueName)) {
      const worker = new Worker(queue, (job) => this.dispatch(job), {
        connection: this.connection,
        prefix: this.config.REDIS_PREFIX,
        concurrency: limits[queue],
        autorun: true,
      });
      worker.on('failed', (job, err) =>
        this.logger.warn({ job: job?.name, id: job?.id, attempt: job?.attemptsMade, err: err.message }, 'job failed'),
      );
      worker.on('error', (err) => this.logger.error({ err: err.message }, 'worker error'));
      this.workers.push(worker);
    }
    this.logger.log(`worker consuming ${Object.values(QueueName).join(', ')}`);
  }

  private async dispatch(job: Job): Promise<unknown> {
    const name = job.name as JobName;
    const handler = this.handlers.get(name);
    if (!handler || JOB_QUEUE[name] !== job.queueName) throw new Error(`No handler for job ${job.name} on ${job.queueName}`);
    return handler(job.data, job);
  }

  private async warnUnlessNoEviction(redis: Redis): Promise<void> {
    try {
      const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as [string, string];
      if (policy !== 'noeviction') {
        this.logger.warn(`Redis maxmemory-policy is "${policy}": set it to "noeviction" or Redis may silently drop queued jobs`);
      }
    } catch {
      this.logger.warn('Could not read Redis maxmemory-policy (CONFIG GET refused); make sure it is "noeviction"');
    }
  }

  /** Graceful: stop taking jobs and wait for the running ones. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await this.connection?.quit().catch(() => this.connection?.disconnect());
  }
}
