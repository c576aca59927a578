import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { EnvConfig } from '../config/env';
import { REDIS_REQUEST_CLIENT } from '../redis/redis';

/** The sorted set of worker heartbeats (member: worker id, score: ms since epoch) under a deployment's prefix. */
export const heartbeatKey = (prefix: string) => `${prefix}:worker-heartbeats`;

export interface WorkerStatus {
  /** Workers whose last heartbeat is within HEALTH_WORKER_HEARTBEAT_SECONDS. */
  workersAlive: number;
  lastHeartbeatAt: string | null;
  /** Reminders still `pending` more than HEALTH_OVERDUE_REMINDER_SECONDS after they fell due. */
  overdueReminders: number;
  oldestOverdueSince: string | null;
  /** Why the worker counts as stuck, empty when it does not. */
  problems: string[];
}

/**
 * Whether the queue worker is doing its job, as the API's /health/ready sees it: a worker proves
 * it can take a pool connection and reach Redis by writing a heartbeat; and no reminder sits due
 * in `pending` long past its time (a worker alive but stuck shows up here).
 */
@Injectable()
export class WorkerStatusReader {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(REDIS_REQUEST_CLIENT) private readonly redis: Redis,
    private readonly config: EnvConfig,
  ) {}

  async read(now = Date.now()): Promise<WorkerStatus> {
    const threshold = this.config.HEALTH_OVERDUE_REMINDER_SECONDS;
    const [overdue, beats] = await Promise.all([
      this.db.query(
        `SELECT count(*)::int AS n, min(fire_at) AS oldest FROM reminders
          WHERE status = 'pending' AND fire_at < now() - make_interval(secs => $1)`,
        [threshold],
      ) as Promise<Array<{ n: number; oldest: Date | null }>>,
      this.redis.zrevrange(heartbeatKey(this.config.REDIS_PREFIX), 0, -1, 'WITHSCORES'),
    ]);
    const scores: number[] = [];
    for (let i = 1; i < beats.length; i += 2) scores.push(Number(beats[i]));
    const staleBefore = now - this.config.HEALTH_WORKER_HEARTBEAT_SECONDS * 1000;
    const alive = scores.filter((s) => s >= staleBefore).length;
    const last = scores.length ? Math.max(...scores) : null;
    const problems: string[] = [];
    if (alive === 0) {
      problems.push(
        last === null
          ? 'no worker has sent a heartbeat'
          : `no worker heartbeat for ${Math.round((now - last) / 1000)} s (limit ${this.config.HEALTH_WORKER_HEARTBEAT_SECONDS} s)`,
      );
    }
    if (overdue[0].n > 0) problems.push(`${overdue[0].n} reminder(s) due more than ${threshold} s ago are still pending`);
    return {
      workersAlive: alive,
      lastHeartbeatAt: last === null ? null : new Date(last).toISOString(),
      overdueReminders: overdue[0].n,
      oldestOverdueSince: overdue[0].oldest ? new Date(overdue[0].oldest).toISOString() : null,
      problems,
    };
  }
}
