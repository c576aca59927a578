import { Body, Get, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DIGEST_HOUR_LONDON, type RoutineEmailPreference } from '@pathway/domain/notifications/email-preferences';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import { UpdateNotificationPreferencesDto } from '@pathway/notifications/notification-preferences.dto';
import { NotificationPreferencesService } from '@pathway/notifications/notification-preferences.service';
import { WebController } from '../auth/web-controller.decorator';
import { validateForm, type FormErrors } from '../forms';
import { setFlash, takeFlash } from '../support/flash';

/** The form is checked by the API's own DTO; only the words differ. */
const FORM_MESSAGES = { routineEmails: 'Select how you want to get emails about other notifications' };

/** What the success banner says about each choice. */
const SAVED_TEXT: Record<RoutineEmailPreference, string> = {
  daily_digest: 'You will get one summary email on weekday mornings when there is anything new.',
  immediately: 'You will get an email for each notification as it happens.',
  in_app_only: 'You will not get emails about routine notifications. You will still see them in your notifications.',
};

/**
 * `/account/notifications`: how the signed-in person gets notices by email (the API's
 * `/api/me/notification-preferences`). Overdue tasks and escalations are always emailed at once;
 * the page says so rather than offering a choice that does not exist.
 */
@WebController('account/notifications')
export class EmailSettingsPageController {
  constructor(private readonly preferences: NotificationPreferencesService) {}

  @Get()
  async show(@CurrentUser() user: Principal, @Req() req: Request, @Res() res: Response): Promise<void> {
    const current = await this.preferences.get(user.id);
    this.render(res, 200, { routineEmails: current.routineEmails }, current.nextDigestAt, current.heldForDigest, undefined, takeFlash(req));
  }

  @Post()
  async save(
    @CurrentUser() user: Principal,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { value, errors } = await validateForm(UpdateNotificationPreferencesDto, { routineEmails: body.routineEmails }, FORM_MESSAGES);
    if (errors) {
      const current = await this.preferences.get(user.id);
      this.render(res, 400, { routineEmails: '' }, current.nextDigestAt, current.heldForDigest, errors);
      return;
    }
    const choice: RoutineEmailPreference = value.routineEmails;
    await this.preferences.set(user.id, choice);
    setFlash(req, { heading: 'Email settings saved', text: SAVED_TEXT[choice] });
    res.redirect(303, '/account/notifications');
  }

  private render(
    res: Response,
    status: number,
    values: { routineEmails: string },
    nextDigestAt: Date,
    heldForDigest: number,
    errors?: FormErrors,
    flash?: { heading: string; text?: string },
  ): void {
    res.status(status).render('account/notifications', {
      pageTitle: 'Email settings',
      values,
      nextDigestAt,
      heldForDigest,
      digestHour: DIGEST_HOUR_LONDON,
      errors,
      flash,
    });
  }
}
