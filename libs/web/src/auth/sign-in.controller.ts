import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { IdentityService } from '@pathway/identity/identity.service';
import { Limits, type LimitName } from '@pathway/identity/limits';
import { SESSION_ABSOLUTE_MS, UserSessions } from '@pathway/identity/user-sessions';
import { field, formErrors, type FormErrors } from '../forms';
import { SESSION_COOKIE } from '../session/session';
import { safeReturnTo } from '../web-paths';
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
  constructor(
    private readonly identity: IdentityService,
    private readonly limits: Limits,
    private readonly sessions: UserSessions,
  ) {}

  @Get('sign-in')
  @AllowSignedOut()
  signInPage(@Req() req: Request, @Res() res: Response, @Query('returnTo') returnTo?: string): void {
    const target = safeReturnTo(returnTo);
    if (req.session.userId) return res.redirect(302, target ?? '/');
    res.render('sign-in', { pageTitle: 'Sign in', returnTo: target, values: { email: '' } });
  }

  @Post('sign-in')
  @AllowSignedOut()
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

    // Every attempt counts, in Redis (shared by every API process), before the password is checked:
    // per account whatever the address, and per client address (req.ip: TRUST_PROXY decides
    // whether X-Forwarded-For is believed). 429 when either is used up.
    const limits: Array<[LimitName, string]> = [
      ['signInPerAccount', email.toLowerCase().slice(0, 320)],
      ['signInPerAddress', req.ip ?? 'unknown'],
    ];
    await this.limits.consume(limits, 'Too many sign-in attempts: wait 15 minutes and try again');
    const signedIn = await this.identity.verifyCredentials(email, password);
    if (!signedIn) return show(formErrors([['email', SIGN_IN_ERRORS.incorrect]]));
    // A successful sign-in does not count towards anyone's lock-out.
    await this.limits.refund(limits);

    // A new session id on sign-in (no fixation); the CSRF token is renewed with it.
    await promisify((cb) => req.session.regenerate(cb));
    req.session.userId = signedIn.principal.id;
    req.session.signedInAt = Date.now();
    req.session.credential = signedIn.credential;
    await promisify((cb) => req.session.save(cb));
    // Indexed by user, so deactivation or a password change ends it at once.
    await this.sessions.track(signedIn.principal.id, req.sessionID, Math.ceil(SESSION_ABSOLUTE_MS / 1000));
    res.redirect(302, returnTo ?? '/');
  }

  @Post('sign-out')
  @AllowSignedOut()
  async signOut(@Req() req: Request, @Res() res: Response): Promise<void> {
    const { userId } = req.session;
    const sid = req.sessionID;
    await promisify((cb) => req.session.destroy(cb));
    if (userId) await this.sessions.forget(userId, sid).catch(() => undefined);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(302, '/sign-in');
  }
}
