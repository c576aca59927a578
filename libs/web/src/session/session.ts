import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { RedisStore } from 'connect-redis';
import type { RequestHandler } from 'express';
import session from 'express-session';
import type { Redis } from 'ioredis';
import type { EnvConfig } from '../../../platform/src/config/env';
import { sessionStoreClient } from './redis-session-client';

declare module 'express-session' {
  interface SessionData {
    /** The signed-in user; the WebAuthGuard resolves it to a Principal on each request. */
    userId?: string;
    /** A success message for the next page (GOV.UK success notification banner), shown once. */
    flash?: { heading: string; text?: string };
  }
}

export const SESSION_COOKIE = 'pathway.sid';
/** Sessions last 8 hours from the last request (rolling). */
export const SESSION_MAX_AGE_MS = 8 * 60 * 60 * 1000;

/** SESSION_SECRET, or (with a warning) a random one that lasts until the process stops. */
export function sessionSecret(config: EnvConfig, logger = new Logger('WebSession')): string {
  if (config.SESSION_SECRET) return config.SESSION_SECRET;
  logger.warn('SESSION_SECRET is not set: using a random secret, so sign-ins will not survive a restart (set SESSION_SECRET, 32+ characters)');
  return randomBytes(32).toString('hex');
}

/** express-session with a Redis store under `${REDIS_PREFIX}:sess:`. */
export function sessionMiddleware(config: EnvConfig, redis: Redis, secret: string): RequestHandler {
  return session({
    name: SESSION_COOKIE,
    secret,
    store: new RedisStore({ client: sessionStoreClient(redis), prefix: `${config.REDIS_PREFIX}:sess:` }),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    unset: 'destroy',
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.NODE_ENV === 'production',
      maxAge: SESSION_MAX_AGE_MS,
      path: '/',
    },
  });
}
