import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { hostname } from 'node:os';
import { EnvConfig } from '@pathway/platform/config/env';
import { heartbeatKey } from '@pathway/platform/health/worker-status';
import { REDIS_REQUEST_CLIENT } from '@pathway/platform/redis/redis';
import { QueueRepository } from './queue.repository';

/**
 * The worker's heartbeat for /health/ready: every few seconds it takes a pool connection (a pool
 * exhausted by stuck jobs stops the beat) and records the time in Redis. Beats older than a day
 * are pruned; a restarted worker beats under a new id.
 */
@Injectable()
export class WorkerHeartbeat implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WorkerHeartbeat');
  readonly id = `${hostname()}-${process.pid}-${Date.now().toString(36)}`;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly repo: QueueRepository,
    @Inject(REDIS_REQUEST_CLIENT) private readonly redis: Redis,
    private readonly config: EnvConfig,
  ) {}

  /** Every third of the staleness limit, at most every 10 s. */
  get everyMs(): number {
    return Math.min(10_000, Math.floor((this.config.HEALTH_WORKER_HEARTBEAT_SECONDS * 1000) / 3));
  }

  onApplicationBootstrap(): void {
    const tick = () => {
      this.running = this.beat()
        .catch((err) => this.logger.warn({ err: (err as Error).message }, 'heartbeat not recorded'))
        .finally(() => {
          this.running = undefined;
        });
    };
    tick();
    this.timer = setInterval(() => {
      if (!this.running) tick();
    }, this.everyMs);
    this.timer.unref();
  }

  async beat(): Promise<void> {
    await this.repo.ping();
    const key = heartbeatKey(this.config.REDIS_PREFIX);
    const now = Date.now();
    await this.redis
      .multi()
      .zadd(key, now, this.id)
      .zremrangebyscore(key, '-inf', now - 24 * 3600 * 1000)
      .exec();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    // A worker stopping on purpose leaves no beat behind to look alive.
    await this.redis.zrem(heartbeatKey(this.config.REDIS_PREFIX), this.id).catch(() => undefined);
  }
}
