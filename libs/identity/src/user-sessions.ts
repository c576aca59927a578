import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { EnvConfig } from '@pathway/platform/config/env';
import { REDIS_REQUEST_CLIENT } from '@pathway/platform/redis/redis';

/** Idle timeout: a web session unused for 2 hours ends (rolling: each request renews it). */
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
/** Absolute lifetime: 12 hours after sign-in (a working day), a web session ends however busy it has been. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;

/** A session younger than its absolute lifetime (one with no sign-in time predates the limit: ended). */
export function sessionIsCurrent(session: { signedInAt?: number } | undefined | null, now = Date.now()): boolean {
  const at = session?.signedInAt;
  return typeof at === 'number' && now - at < SESSION_ABSOLUTE_MS;
}

/** Where connect-redis keeps a session: `${REDIS_PREFIX}:sess:<sid>` (see libs/web/src/session/session.ts). */
export const sessionKeyPrefix = (config: EnvConfig) => `${config.REDIS_PREFIX}:sess:`;

/**
 * Web sessions indexed by user in Redis (`${REDIS_PREFIX}:user-sessions:<userId>`, a set of session
 * ids), so that deactivating a user or changing their password ends every one of their sessions at
 * once, on every API process. Not the only line of defence: the web guard also refuses a session
 * whose user is deactivated or whose password changed since it signed in (Postgres is the truth).
 */
@Injectable()
export class UserSessions {
  private readonly logger = new Logger('UserSessions');

  constructor(
    @Inject(REDIS_REQUEST_CLIENT) private readonly redis: Redis,
    private readonly config: EnvConfig,
  ) {}

  private indexKey(userId: string): string {
    return `${this.config.REDIS_PREFIX}:user-sessions:${userId}`;
  }

  /** Records a signed-in session; the index lives as long as a session can (the newest is the longest-lived). */
  async track(userId: string, sessionId: string, ttlSeconds: number): Promise<void> {
    const key = this.indexKey(userId);
    await this.redis.multi().sadd(key, sessionId).expire(key, ttlSeconds).exec();
  }

  async forget(userId: string, sessionId: string): Promise<void> {
    await this.redis.srem(this.indexKey(userId), sessionId);
  }

  /** How many sessions are recorded for the user (some may have expired on their own). */
  async count(userId: string): Promise<number> {
    const ids = await this.redis.smembers(this.indexKey(userId));
    if (ids.length === 0) return 0;
    return this.redis.exists(...ids.map((id) => `${sessionKeyPrefix(this.config)}${id}`));
  }

  /**
   * Ends every session of the user (except `keep`, the caller's own, when given). Redis down: logged,
   * and the guard's Postgres check still refuses those sessions on their next request.
   */
  async endAll(userId: string, keep?: string): Promise<number> {
    try {
      const key = this.indexKey(userId);
      const ids = (await this.redis.smembers(key)).filter((id) => id !== keep);
      if (ids.length === 0) return 0;
      const ended = await this.redis.del(...ids.map((id) => `${sessionKeyPrefix(this.config)}${id}`));
      await this.redis.srem(key, ...ids);
      return ended;
    } catch (err) {
      this.logger.warn({ err, userId }, 'could not end the user’s sessions in Redis; the session guard refuses them instead');
      return 0;
    }
  }
}
