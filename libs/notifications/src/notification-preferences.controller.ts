import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import { NotificationPreferencesDto, UpdateNotificationPreferencesDto } from './notification-preferences.dto';
import { NotificationPreferencesService, type NotificationPreferences } from './notification-preferences.service';

const present = (p: NotificationPreferences): NotificationPreferencesDto => ({
  routineEmails: p.routineEmails,
  alwaysImmediate: p.alwaysImmediate,
  nextDigestAt: p.nextDigestAt.toISOString(),
  heldForDigest: p.heldForDigest,
  updatedAt: p.updatedAt ? new Date(p.updatedAt).toISOString() : null,
});

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/me/notification-preferences')
export class NotificationPreferencesController {
  constructor(private readonly preferences: NotificationPreferencesService) {}

  @Get()
  @ApiOperation({ summary: 'How the caller gets notices by email (a daily digest by default)' })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  async get(@CurrentUser() me: Principal): Promise<NotificationPreferencesDto> {
    return present(await this.preferences.get(me.id));
  }

  @Put()
  @ApiOperation({
    summary: 'Choose how routine notices reach the caller by email',
    description:
      'Notices already held for the next digest stay for it; choosing `in_app_only` means they are not emailed either. Overdue tasks and escalations are always emailed at once.',
  })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  @ApiBadRequestResponse({ description: 'routineEmails missing or not one of the choices, or an unknown field' })
  async put(@CurrentUser() me: Principal, @Body() body: UpdateNotificationPreferencesDto): Promise<NotificationPreferencesDto> {
    return present(await this.preferences.set(me.id, body.routineEmails));
  }
}
