import { Global, Module } from '@nestjs/common';
import { CalendarFeedService } from './calendar/calendar-feed.service';
import { CalendarController } from './calendar/calendar.controller';
import { EmailDeliveriesController } from './email-deliveries.controller';
import { DigestHandler } from './digest.handler';
import { EmailHandler } from './email.handler';
import { EmailDigest } from './email/email-digest';
import { EmailOutbox } from './email/email-outbox';
import { NotificationPreferencesController } from './notification-preferences.controller';
import { NotificationPreferencesService } from './notification-preferences.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

@Global()
@Module({
  controllers: [NotificationsController, NotificationPreferencesController, CalendarController, EmailDeliveriesController],
  providers: [
    NotificationsService,
    NotificationPreferencesService,
    EmailOutbox,
    EmailHandler,
    EmailDigest,
    DigestHandler,
    CalendarFeedService,
  ],
  exports: [NotificationsService, NotificationPreferencesService, EmailOutbox, EmailDigest, CalendarFeedService],
})
export class NotificationsModule {}
