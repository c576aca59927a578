import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { EnvConfig } from '@pathway/platform/config/env';
import { DomainError } from '@pathway/platform/errors/domain-errors';
import { REDIS_REQUEST_CLIENT } from '@pathway/platform/redis/redis';

/** 429 with how long to wait; the web error page and the API both show it. */
export class TooManyAttemptsError extends DomainError {
  readonly status = 429;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, { retryAfterSeconds });
  }
}

/** One limit: `points` in `durationSeconds`, then blocked for `blockSeconds`. */
interface Limit {
  name: string;
  points: number;
  durationSeconds: number;
  blockSeconds: number;
}

/**
 * The limits, in one place. Sign-in counts attempts (an attempt that succeeds is handed back), per
 * account whatever the address (so a rotating address gains nothing) and per client address (so one
 * address cannot try many accounts), with a per-address limit high enough that a shared office
 * address is not locked out by colleagues' typos.
 */
export const LIMITS = {
  signInPerAccount: { name: 'sign-in-account', points: 10, durationSeconds: 15 * 60, blockSeconds: 15 * 60 },
  signInPerAddress: { name: 'sign-in-address', points: 100, durationSeconds: 15 * 60, blockSeconds: 15 * 60 },
  /** Password-reset emails: per address asked for, and per client address. */
  resetPerAccount: { name: 'reset-account', points: 3, durationSeconds: 60 * 60, blockSeconds: 60 * 60 },
  resetPerAddress: { name: 'reset-address', points: 20, durationSeconds: 60 * 60, blockSeconds: 60 * 60 },
  /** Token issue, per administrator (checked only after the caller is known to be one). */
  tokenIssuePerAdmin: { name: 'token-issue', points: 20, durationSeconds: 60, blockSeconds: 60 },
} satisfies Record<string, Limit>;

export type LimitName = keyof typeof LIMITS;

/**
 * Counters in Redis (rate-limiter-flexible's atomic Lua scripts), so every API process shares them:
 * `${REDIS_PREFIX}:limit:<name>:<key>`. Redis down: the attempt is refused (fail closed, 503 from
 * the caller's error), never waved through.
 */
@Injectable()
export class Limits {
  private readonly limiters = new Map<LimitName, RateLimiterRedis>();

  constructor(@Inject(REDIS_REQUEST_CLIENT) redis: Redis, config: EnvConfig) {
    for (const [name, l] of Object.entries(LIMITS) as Array<[LimitName, Limit]>) {
      this.limiters.set(
        name,
        new RateLimiterRedis({
          storeClient: redis,
          keyPrefix: `${config.REDIS_PREFIX}:limit:${l.name}`,
          points: l.points,
          duration: l.durationSeconds,
          blockDuration: l.blockSeconds,
          rejectIfRedisNotReady: true,
        }),
      );
    }
  }

  /** Counts one attempt against each (limit, key); throws TooManyAttemptsError when any is used up. */
  async consume(checks: Array<[LimitName, string]>, message = 'Too many attempts: wait and try again'): Promise<void> {
    for (const [name, key] of checks) {
      try {
        await this.limiters.get(name)!.consume(key);
      } catch (err) {
        if (err instanceof RateLimiterRes) throw new TooManyAttemptsError(message, Math.max(1, Math.ceil(err.msBeforeNext / 1000)));
        throw new LimitsUnavailableError();
      }
    }
  }

  /** Hands an attempt back (a sign-in that succeeded should not count towards a lock-out). */
  async refund(checks: Array<[LimitName, string]>): Promise<void> {
    await Promise.all(
      checks.map(([name, key]) =>
        this.limiters
          .get(name)!
          .reward(key, 1)
          .catch(() => undefined),
      ),
    );
  }

  /** Clears an account's counter (after its password is reset, say). */
  async clear(name: LimitName, key: string): Promise<void> {
    await this.limiters
      .get(name)!
      .delete(key)
      .catch(() => undefined);
  }
}

export class LimitsUnavailableError extends DomainError {
  readonly status = 503;
  constructor() {
    super('The service cannot check sign-in limits just now: try again in a minute');
  }
}
