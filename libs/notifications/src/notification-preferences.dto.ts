import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsIn } from 'class-validator';
import {
  ALWAYS_IMMEDIATE_NOTIFICATION_TYPES,
  ROUTINE_EMAIL_PREFERENCES,
  type RoutineEmailPreference,
} from '@pathway/domain/notifications/email-preferences';
import { NOTIFICATION_TYPES, type NotificationType } from '@pathway/domain/vocabulary';

const ROUTINE_DESCRIPTION =
  'How routine notices (a deadline coming up, an expression of interest received or decided, news on a journey) reach the person by email: ' +
  '`daily_digest` (the default): one summary email at 07:00 London time, Monday to Friday, when there is anything new (Monday’s covers the weekend); ' +
  '`immediately`: an email for each as it happens; `in_app_only`: no email, only the notifications list and start page. ' +
  'Overdue tasks and escalations are always emailed at once, whatever this says. In-app notifications are the same for every choice.';

/** The body of PUT /api/me/notification-preferences; the web's Email settings form validates with it too, in its own words. */
export class UpdateNotificationPreferencesDto {
  @ApiProperty({ enum: ROUTINE_EMAIL_PREFERENCES, description: ROUTINE_DESCRIPTION })
  @IsDefined({ message: 'routineEmails is required: one of daily_digest, immediately, in_app_only' })
  @IsIn(ROUTINE_EMAIL_PREFERENCES, { message: 'routineEmails must be one of: daily_digest, immediately, in_app_only' })
  routineEmails!: RoutineEmailPreference;
}

export class NotificationPreferencesDto {
  @ApiProperty({ enum: ROUTINE_EMAIL_PREFERENCES, description: ROUTINE_DESCRIPTION }) routineEmails!: RoutineEmailPreference;
  @ApiProperty({
    enum: NOTIFICATION_TYPES,
    isArray: true,
    example: ALWAYS_IMMEDIATE_NOTIFICATION_TYPES,
    description: 'Notice types always emailed at once, whatever routineEmails says',
  })
  alwaysImmediate!: NotificationType[];
  @ApiProperty({ format: 'date-time', description: 'When the next daily digest goes (07:00 Europe/London on the next weekday)' })
  nextDigestAt!: string;
  @ApiProperty({ type: 'integer', description: 'Notices held for that digest' }) heldForDigest!: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Null until the person first chose: the default applies' })
  updatedAt!: string | null;
}
