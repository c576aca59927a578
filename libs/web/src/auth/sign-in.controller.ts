import { Body, Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { IdentityService } from '../../../identity/src/identity.service';
import { field, formErrors, type FormErrors } from '../forms';
import { SESSION_COOKIE } from '../session/session';
import { safeReturnTo } from '../web-paths';
import { SignInThrottlerGuard } from './sign-in-throttler.guard';
import { AllowSignedOut, WebController } from './web-controller.decorator';

export const SIGN_IN_ERRORS = {
  emailMissing: 'Enter an email address',
  passwordMissing: 'Enter your password',
  // One message whichever part was wrong: the page never says whether an account exists.
  incorrect: 'Email or password is incorrect',
} as const;

const promisify = (fn: (cb: (err?: unknown) => void) => void) =>
  new Promise<void>((resolve, reject) => fn((err) => (err ? reject(err) : resolve())));

/** `/sign-in` and `/sign-out`: email and password, a session in Redis, CSRF on both forms. */
@WebController()
export class SignInController {
  constructor(private readonly identity: IdentityService) {}

  @Get('sign-in')
  @AllowSignedOut()
  signInPage(@Req() req: Request, @Res() res: Response, @Query('returnTo') returnTo?: string): void {
    const target = safeReturnTo(returnTo);
    if (req.session.userId) return res.redirect(302, target ?? '/');
    res.render('sign-in', { pageTitle: 'Sign in', returnTo: target, values: { email: '' } });
  }

  @Post('sign-in')
  @AllowSignedOut()
  @UseGuards(SignInThrottlerGuard)
  async signIn(@Req() req: Request, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const email = field(body, 'email').trim();
    const password = field(body, 'password');
    const returnTo = safeReturnTo(field(body, 'returnTo'));
    const show = (errors: FormErrors | undefined) =>
      res.status(400).render('sign-in', { pageTitle: 'Sign in', returnTo, values: { email }, errors });

    const missing = formErrors([
      ...(email ? [] : [['email', SIGN_IN_ERRORS.emailMissing] as [string, string]]),
      ...(password ? [] : [['password', SIGN_IN_ERRORS.passwordMissing] as [string, string]]),
    ]);
    if (missing) return show(missing);

    const principal = await this.identity.verifyCredentials(email, password);
    if (!principal) return show(formErrors([['email', SIGN_IN_ERRORS.incorrect]]));

    // A new session id on sign-in (no fixation); the CSRF token is renewed with it.
    await promisify((cb) => req.session.regenerate(cb));
    req.session.userId = principal.id;
    await promisify((cb) => req.session.save(cb));
    res.redirect(302, returnTo ?? '/');
  }

  @Post('sign-out')
  @AllowSignedOut()
  async signOut(@Req() req: Request, @Res() res: Response): Promise<void> {
    await promisify((cb) => req.session.destroy(cb));
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(302, '/sign-in');
  }
}
