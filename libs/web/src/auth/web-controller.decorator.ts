import { applyDecorators, Controller, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@pathway/identity/auth.decorators';
import { WEB_SIGNED_OUT_ALLOWED, WebAuthGuard } from './web-auth.guard';

/**
 * A controller of web pages: no bearer token (the API guard steps aside), a signed-in session
 * instead (WebAuthGuard: `req.principal`, `@CurrentUser()`, `res.locals.user`), and kept out of
 * the OpenAPI document. Every page controller uses this instead of `@Controller`.
 */
export function WebController(prefix = ''): ClassDecorator {
  return applyDecorators(Controller(prefix), Public(), UseGuards(WebAuthGuard), ApiExcludeController());
}

/** A web route anyone may use signed out (the sign-in page). */
export const AllowSignedOut = () => SetMetadata(WEB_SIGNED_OUT_ALLOWED, true);
