import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from './principal';

export { Public, PUBLIC_ROUTE } from '@pathway/platform/http/public-route';

export type AuthenticatedRequest = Request & { principal?: Principal };

/** The authenticated caller (set by ApiAuthGuard or the web session guard). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!req.principal) throw new Error('CurrentUser used on a route without authentication');
  return req.principal;
});
