import IORedis, { Redis, RedisOptions } from 'ioredis';

/**
 * A Redis connection for one purpose. BullMQ workers need `maxRetriesPerRequest: null`
 * (blocking commands); connections used on a request path fail fast instead of queueing forever.
 */
export function createRedis(url: string, purpose: 'queue' | 'worker' | 'request', extra: RedisOptions = {}): Redis {
  const options: RedisOptions = {
    connectionName: `pathway-${purpose}`,
    lazyConnect: false,
    ...(purpose === 'worker' ? { maxRetriesPerRequest: null } : { maxRetriesPerRequest: 1 }),
    ...(purpose === 'request' ? { enableOfflineQueue: false, connectTimeout: 2000 } : {}),
    retryStrategy: (times) => Math.min(times * 200, 5000),
    ...extra,
  };
  const redis = new IORedis(url, options);
  // ioredis reconnects by itself; without a listener an 'error' event would crash the process.
  redis.on('error', () => undefined);
  return redis;
}

export const REDIS_REQUEST_CLIENT = Symbol('REDIS_REQUEST_CLIENT');
