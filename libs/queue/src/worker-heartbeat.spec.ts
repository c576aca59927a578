import type { Redis } from 'ioredis';
import type { EnvConfig } from '@pathway/platform/config/env';
import { heartbeatKey } from '@pathway/platform/health/worker-status';
import type { QueueRepository } from './queue.repository';
import { WorkerHeartbeat } from './worker-heartbeat';

/** Records the Redis commands the heartbeat sends (Redis itself is covered by test/platform/health). */
function recordingRedis() {
  const sent: unknown[][] = [];
  const multi = {
    zadd: (...args: unknown[]) => (sent.push(['zadd', ...args]), multi),
    zremrangebyscore: (...args: unknown[]) => (sent.push(['zremrangebyscore', ...args]), multi),
    exec: async () => (sent.push(['exec']), []),
  };
  const redis = { multi: () => multi, zrem: async (...args: unknown[]) => (sent.push(['zrem', ...args]), 1) };
  return { redis: redis as unknown as Redis, sent };
}

const config = { REDIS_PREFIX: 'pfx', HEALTH_WORKER_HEARTBEAT_SECONDS: 90 } as EnvConfig;

describe('WorkerHeartbeat', () => {
  it('beats only after the pool gave it a connection: no connection, no beat', async () => {
    const { redis, sent } = recordingRedis();
    const repo = { ping: () => Promise.reject(new Error('timeout exceeded when trying to connect')) } as unknown as QueueRepository;
    await expect(new WorkerHeartbeat(repo, redis, config).beat()).rejects.toThrow('timeout exceeded');
    expect(sent).toEqual([]);
  });

  it('records its id at the current time and prunes beats older than a day', async () => {
    const { redis, sent } = recordingRedis();
    const heartbeat = new WorkerHeartbeat({ ping: async () => undefined } as unknown as QueueRepository, redis, config);
    const before = Date.now();
    await heartbeat.beat();
    const [[, key, at, id], [, prunedKey, from, to], [exec]] = sent as [
      [string, string, number, string],
      [string, string, string, number],
      [string],
    ];
    expect([key, prunedKey, id, from, exec]).toEqual([heartbeatKey('pfx'), heartbeatKey('pfx'), heartbeat.id, '-inf', 'exec']);
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at - to).toBe(24 * 3600 * 1000);
  });

  it('beats every third of the staleness limit, at most every 10 s', () => {
    const { redis } = recordingRedis();
    const repo = {} as QueueRepository;
    expect(new WorkerHeartbeat(repo, redis, { ...config, HEALTH_WORKER_HEARTBEAT_SECONDS: 9 } as EnvConfig).everyMs).toBe(3000);
    expect(new WorkerHeartbeat(repo, redis, config).everyMs).toBe(10_000);
  });

  it('removes its beat when stopped on purpose', async () => {
    const { redis, sent } = recordingRedis();
    const heartbeat = new WorkerHeartbeat({} as QueueRepository, redis, config);
    await heartbeat.onApplicationShutdown();
    expect(sent).toEqual([['zrem', heartbeatKey('pfx'), heartbeat.id]]);
  });
});
