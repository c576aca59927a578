import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { RedisStore } from 'connect-redis';
import type { Request, RequestHandler } from 'express';
import session from 'express-session';
import type { Redis } from 'ioredis';
import type { EnvConfig } from '@pathway/platform/config/env';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, sessionKeyPrefix } from '@pathway/identity/user-sessions';
import { sessionStoreClient } from './redis-session-client';

declare module 'express-session' {
  interface SessionData {
    /** The signed-in user; the WebAuthGuard resolves it to a Principal on each request. */
    userId?: string;
    /** When the user signed in (ms since the epoch): the session ends SESSION_ABSOLUTE_MS later, however busy. */
    signedInAt?: number;
    /** Fingerprint of the password at sign-in (IdentityService.credentialStamp): a changed password ends the session. */
    credential?: string;
    /** An invitation link that could not be emailed, for the administrator's next page only (never stored elsewhere). */
    pendingLink?: { userId: string; link: string; expiresAt: string };
    /** A success message for the next page (GOV.UK success notification banner), shown once. */
    flash?: { heading: string; text?: string };
  }
}

export const SESSION_COOKIE = 'pathway.sid';
export { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS };

/** SESSION_SECRET, or (with a warning) a random one that lasts until the process stops. */
export function sessionSecret(config: EnvConfig, logger = new Logger('WebSession')): string {
  if (config.SESSION_SECRET) return config.SESSION_SECRET;
  logger.warn(
    'SESSION_SECRET is not set: using a random secret, so sign-ins will not survive a restart (set SESSION_SECRET, 32+ characters)',
  );
  return randomBytes(32).toString('hex');
}

/** A request to this machine itself over plain HTTP (`npm start` on a laptop): the one place cookies may be sent without TLS. */
export function isPlainHttpLocalhost(req: Request): boolean {
  if (req.secure) return false;
  const host = (req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host.endsWith('.localhost');
}

/**
 * express-session with a Redis store under `${REDIS_PREFIX}:sess:`. The cookie is `Secure` on every
 * request except plain HTTP to localhost: over HTTPS (directly, or behind a proxy that TRUST_PROXY
 * names) it is Secure, and over plain HTTP to any other host no session cookie is set at all (the
 * browser would send it in the clear), with a warning saying how to fix the set-up.
 */
export function sessionMiddleware(config: EnvConfig, redis: Redis, secret: string, logger = new Logger('WebSession')): RequestHandler {
  // A store each: express-session makes new sessions through its store, with that instance's cookie options.
  // Rolling: every request renews the idle expiry, as the store reads the session (GETEX), so no touch
  // afterwards. express-session touches only a session it read in the same request: the expiry is the
  // same, SESSION_IDLE_MS after the last request, one Redis round trip sooner.
  const idleSeconds = SESSION_IDLE_MS / 1000;
  const store = () =>
    new RedisStore({
      client: sessionStoreClient(redis, { renewSeconds: idleSeconds }),
      prefix: sessionKeyPrefix(config),
      ttl: idleSeconds,
      disableTouch: true,
    });
  const options = (secure: boolean): session.SessionOptions => ({
    name: SESSION_COOKIE,
    secret,
    store: store(),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    unset: 'destroy',
    cookie: { httpOnly: true, sameSite: 'lax', secure, maxAge: SESSION_IDLE_MS, path: '/' },
  });
  const secureSessions = session(options(true));
  const localSessions = session(options(false));
  let warned = false;
  return (req, res, next) => {
    if (isPlainHttpLocalhost(req)) return localSessions(req, res, next);
    if (!req.secure && !warned) {
      warned = true;
      logger.warn(
        { host: req.headers.host },
        'a web request arrived over plain HTTP for a host other than localhost: session cookies are Secure, so signing in needs HTTPS (behind a TLS proxy, set TRUST_PROXY to it)',
      );
    }
    return secureSessions(req, res, next);
  };
}
