import { Body, Get, Logger, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AccountsService } from '@pathway/identity/accounts.service';
import { Limits } from '@pathway/identity/limits';
import { PasswordResetRequestDto } from '@pathway/identity/dto/user.dto';
import { PASSWORD_MIN_LENGTH } from '@pathway/identity/password-policy';
import { BadRequestError } from '@pathway/platform/errors/domain-errors';
import { dtoProblems, field, formErrors } from '../forms';
import { AllowSignedOut, WebController } from './web-controller.decorator';

const RESET_WORDS = { email: 'Enter an email address in the correct format, like name@example.gov.uk' };

/**
 * `/account/set-password?token=...` (from an invitation or a reset email: one use, 72 hours or 1
 * hour) and `/account/reset-password` (asks for an email address; the same answer whether or not
 * anyone has it). Both work signed out; setting a password ends every session of the account.
 */
@WebController('account')
export class AccountController {
  private readonly logger = new Logger('Account');

  constructor(
    private readonly accounts: AccountsService,
    private readonly limits: Limits,
  ) {}

  @Get('set-password')
  @AllowSignedOut()
  async setPasswordPage(@Query('token') token: unknown, @Res() res: Response): Promise<void> {
    const holder = typeof token === 'string' ? await this.accounts.linkHolder(token) : null;
    if (!holder) return this.linkInvalid(res);
    res.render('account/set-password', {
      pageTitle: holder.purpose === 'invitation' ? 'Set your password' : 'Choose a new password',
      holder,
      token,
      minLength: PASSWORD_MIN_LENGTH,
    });
  }

  @Post('set-password')
  @AllowSignedOut()
  async setPassword(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const token = field(body, 'token');
    const password = field(body, 'password');
    const confirm = field(body, 'confirmPassword');
    const holder = await this.accounts.linkHolder(token);
    if (!holder) return this.linkInvalid(res);
    const show = (pairs: Array<[string, string]>) =>
      res.status(400).render('account/set-password', {
        pageTitle: holder.purpose === 'invitation' ? 'Set your password' : 'Choose a new password',
        holder,
        token,
        minLength: PASSWORD_MIN_LENGTH,
        errors: formErrors(pairs),
      });
    if (!password) return show([['password', 'Enter a password']]);
    if (password !== confirm) return show([['confirmPassword', 'The passwords do not match: type the same password twice']]);
    try {
      const done = await this.accounts.setPasswordWithLink(token, password);
      if (!done) return this.linkInvalid(res);
    } catch (err) {
      if (err instanceof BadRequestError) return show([['password', err.messages[0] ?? err.message]]);
      throw err;
    }
    // Whoever was signed in in this browser is signed out (a fresh, empty session): the new password signs in afresh.
    await new Promise<void>((resolve, reject) =>
      req.session ? req.session.regenerate((err) => (err ? reject(err) : resolve())) : resolve(),
    );
    res.status(200).render('account/password-set', { pageTitle: 'Your password has been set', email: holder.email });
  }

  @Get('reset-password')
  @AllowSignedOut()
  resetPage(@Res() res: Response): void {
    res.render('account/reset-password', { pageTitle: 'Reset your password', values: { email: '' } });
  }

  @Post('reset-password')
  @AllowSignedOut()
  async reset(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const email = field(body, 'email').trim().toLowerCase();
    // An address a user could have (CreateUserDto's rule, through PasswordResetRequestDto), in the form's words.
    const problems = email ? await dtoProblems(PasswordResetRequestDto, { email }, RESET_WORDS) : [{ text: 'Enter your email address' }];
    const error = problems.length ? problems[0].text : null;
    if (error)
      return void res
        .status(400)
        .render('account/reset-password', { pageTitle: 'Reset your password', values: { email }, errors: formErrors([['email', error]]) });
    // Limited per address asked for and per client, so nobody can flood an inbox (429 page).
    await this.limits.consume(
      [
        ['resetPerAccount', email],
        ['resetPerAddress', req.ip ?? 'unknown'],
      ],
      'Too many password reset requests: wait an hour and try again',
    );
    // The same page at once whether or not the address is known; the work happens afterwards.
    const origin = `${req.protocol}://${req.get('host')}`;
    setImmediate(
      () =>
        void this.accounts.requestPasswordReset(email, origin).catch((err) => this.logger.error({ err }, 'password reset request failed')),
    );
    res.status(200).render('account/reset-sent', { pageTitle: 'Check your email', email });
  }

  private linkInvalid(res: Response): void {
    res.status(404).render('account/link-invalid', { pageTitle: 'This link has expired or has already been used' });
  }
}
