import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import type { AuthenticatedRequest } from '@pathway/identity/auth.decorators';
import { IdentityService } from '@pathway/identity/identity.service';
import { UnauthorizedError } from '@pathway/platform/errors/domain-errors';
import { sessionIsCurrent } from '@pathway/identity/user-sessions';

/** Metadata set by `@AllowSignedOut()`. */
export const WEB_SIGNED_OUT_ALLOWED = 'pathway:web-signed-out-allowed';

/**
 * Web pages need a signed-in session. Resolves the session's user to a Principal on every request
 * (so a changed role or organisation applies at once, and a deactivated user, a changed password or
 * a session past its absolute lifetime ends it at once) and puts it on `req.principal` (for
 * `@CurrentUser()`) and `res.locals.user` (for the layout). No session: 401, which the web error
 * hook turns into a redirect to `/sign-in?returnTo=...`.
 */
@Injectable()
export class WebAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly identity: IdentityService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const userId = req.session?.userId;
    const principal =
      userId && sessionIsCurrent(req.session) ? await this.identity.principalForUser(userId, req.session.credential ?? '') : null;
    if (principal) {
      req.principal = principal;
      res.locals.user = principal;
      return true;
    }
    if (userId) {
      // Past its absolute lifetime, the user gone or deactivated, or their password changed: the session has ended.
      await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    }
    const signedOutAllowed = this.reflector.getAllAndOverride<boolean>(WEB_SIGNED_OUT_ALLOWED, [context.getHandler(), context.getClass()]);
    if (signedOutAllowed) return true;
    throw new UnauthorizedError('Sign in to continue');
  }
}
