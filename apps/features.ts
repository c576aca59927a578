import type { DynamicModule, Type } from '@nestjs/common';
import { EscalationsModule } from '@pathway/escalations/escalations.module';
import { JourneysModule } from '@pathway/journeys/journeys.module';
import { NotificationsModule } from '@pathway/notifications/notifications.module';
import { ClockModule } from '@pathway/platform/clock/clock';
import { QueueModule } from '@pathway/queue/queue.module';
import { RemindersModule } from '@pathway/reminders/reminders.module';
import { RightToProvideModule } from '@pathway/right-to-provide/right-to-provide.module';
import { StaffVoiceModule } from '@pathway/staff-voice/staff-voice.module';
import { SustainabilityModule } from '@pathway/sustainability/sustainability.module';

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
  SustainabilityModule,
];
