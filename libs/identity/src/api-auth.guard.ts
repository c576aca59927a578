import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { UnauthorizedError } from '@pathway/platform/errors/domain-errors';
import { AuthenticatedRequest, PUBLIC_ROUTE } from './auth.decorators';
import { IdentityService } from './identity.service';

/**
 * Global guard: every route needs `Authorization: Bearer <token>` unless marked @Public().
 * No token, a malformed header, an unknown or a revoked token: 401.
 */
@Injectable()
export class ApiAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly identity: IdentityService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) throw new UnauthorizedError('Authorization: Bearer <token> is required');
    const principal = await this.identity.principalForToken(match[1]);
    if (!principal) throw new UnauthorizedError('The token is not valid or has been revoked');
    req.principal = principal;
    return true;
  }
}
