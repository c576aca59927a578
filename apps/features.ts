import type { DynamicModule, Type } from '@nestjs/common';
import { EscalationsModule } from '../libs/escalations/src/escalations.module';
import { JourneysModule } from '../libs/journeys/src/journeys.module';
import { NotificationsModule } from '../libs/notifications/src/notifications.module';
import { ClockModule } from '../libs/platform/src/clock/clock';
import { QueueModule } from '../libs/queue/src/queue.module';
import { RemindersModule } from '../libs/reminders/src/reminders.module';
import { RightToProvideModule } from '../libs/right-to-provide/src/right-to-provide.module';
import { StaffVoiceModule } from '../libs/staff-voice/src/staff-voice.module';

/**
 * The feature modules both processes load: the rules, their listeners and their job handlers
 * (the API mounts the controllers and enqueues; the worker runs the handlers). Modules only the
 * HTTP process needs (pages, read models, the queue dashboard) are in apps/api/src/api.module.ts.
 */
export const FEATURE_MODULES: Array<Type<unknown> | DynamicModule> = [
  QueueModule,
  ClockModule,
  NotificationsModule,
  JourneysModule,
  EscalationsModule,
  RemindersModule,
  RightToProvideModule,
  // Registers the staff-support condition of submit_business_case: every process that fires events loads it.
  StaffVoiceModule,
];
