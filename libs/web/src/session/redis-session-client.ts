import type { Redis } from 'ioredis';

/**
 * connect-redis v9 speaks the `redis` (node-redis v5) client API; the platform's clients are
 * ioredis. This adapts the few calls the store makes, so sessions share the request connection.
 *
 * With `renewSeconds`, reading a session renews its expiry in the same round trip (GETEX ... EX):
 * rolling sessions then need no `touch` (connect-redis's EXPIRE, a second round trip that
 * express-session awaits before it ends every response).
 */
export function sessionStoreClient(redis: Redis, options: { renewSeconds?: number } = {}) {
  const { renewSeconds } = options;
  return {
    get: (key: string) => (renewSeconds ? redis.getex(key, 'EX', renewSeconds) : redis.get(key)),
    set: (key: string, value: string, options?: { expiration?: { type: 'EX'; value: number } }) =>
      options?.expiration ? redis.set(key, value, 'EX', options.expiration.value) : redis.set(key, value),
    expire: (key: string, seconds: number) => redis.expire(key, seconds),
    del: (keys: string | string[]) => redis.del(...(Array.isArray(keys) ? keys : [keys])),
    mGet: (keys: string[]) => redis.mget(...keys),
    scanIterator: async function* ({ MATCH, COUNT }: { MATCH: string; COUNT: number }): AsyncGenerator<string[]> {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', MATCH, 'COUNT', COUNT);
        yield keys;
        cursor = next;
      } while (cursor !== '0');
    },
  };
}
