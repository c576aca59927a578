import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';

/** Sign-in attempts allowed per minute for one email address from one IP address. */
export const SIGN_IN_LIMIT_PER_ACCOUNT = 10;
/** Sign-in attempts allowed per minute from one IP address, whatever the email addresses. */
export const SIGN_IN_LIMIT_PER_IP = 50;
const MINUTE = 60_000;

function normalisedEmail(req: Request): string {
  const email = (req.body as Record<string, unknown> | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 320) : '';
}

/**
 * Rate limits `POST /sign-in` twice over: 10 a minute for each (IP, email) pair, so nobody can guess
 * one account's password quickly, and 50 a minute for each IP, so nobody can try many accounts.
 * Too many: 429 (a GOV.UK "Too many attempts" page). Counters live in the ThrottlerModule's storage
 * (in memory: per API process).
 */
@Injectable()
export class SignInThrottlerGuard extends ThrottlerGuard {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const generateKey = this.commonOptions.generateKey ?? this.generateKey.bind(this);
    const ip = (req: Record<string, unknown>) => this.getTracker(req);
    const throttler = this.throttlers[0] ?? { name: 'default', ttl: MINUTE, limit: SIGN_IN_LIMIT_PER_ACCOUNT };
    await this.handleRequest({
      context,
      limit: SIGN_IN_LIMIT_PER_IP,
      ttl: MINUTE,
      blockDuration: MINUTE,
      throttler: { ...throttler, name: 'sign-in-ip' },
      getTracker: ip,
      generateKey,
    });
    await this.handleRequest({
      context,
      limit: SIGN_IN_LIMIT_PER_ACCOUNT,
      ttl: MINUTE,
      blockDuration: MINUTE,
      throttler: { ...throttler, name: 'sign-in-account' },
      getTracker: async (req) => `${await ip(req)}|${normalisedEmail(req as unknown as Request)}`,
      generateKey,
    });
    return true;
  }
}
