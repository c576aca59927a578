import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from './principal';

export const PUBLIC_ROUTE = 'pathway:public';
/** Marks a route or controller that needs no bearer token (health, docs, web pages with their own session guard). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

export type AuthenticatedRequest = Request & { principal?: Principal };

/** The authenticated caller (set by ApiAuthGuard or the web session guard). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!req.principal) throw new Error('CurrentUser used on a route without authentication');
  return req.principal;
});
