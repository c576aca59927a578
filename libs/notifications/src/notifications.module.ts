import { Global, Module } from '@nestjs/common';
import { CalendarFeedService } from './calendar/calendar-feed.service';
import { CalendarController } from './calendar/calendar.controller';
import { EmailDeliveriesController } from './email-deliveries.controller';
import { EmailHandler } from './email.handler';
import { EmailOutbox } from './email/email-outbox';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

@Global()
@Module({
  controllers: [NotificationsController, CalendarController, EmailDeliveriesController],
  providers: [NotificationsService, EmailOutbox, EmailHandler, CalendarFeedService],
  exports: [NotificationsService, EmailOutbox, CalendarFeedService],
})
export class NotificationsModule {}
