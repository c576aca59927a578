import { Global, Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller';
import { EmailHandler } from './email.handler';
import { NotificationsService } from './notifications.service';

@Global()
@Module({ controllers: [NotificationsController], providers: [NotificationsService, EmailHandler], exports: [NotificationsService] })
export class NotificationsModule {}
