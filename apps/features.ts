import type { DynamicModule, Type } from '@nestjs/common';
import { ContractsModule } from '../libs/contracts/src/contracts.module';
import { ClockModule } from '../libs/platform/src/clock/clock';
import { ResultsModule } from '../libs/results/src/results.module';
import { EscalationsModule } from '../libs/escalations/src/escalations.module';
import { JourneysModule } from '../libs/journeys/src/journeys.module';
import { NotificationsModule } from '../libs/notifications/src/notifications.module';
import { PipelineModule } from '../libs/pipeline/src/pipeline.module';
import { QueueDashboardModule } from '../libs/queue/src/dashboard/queue-dashboard.module';
import { RemindersModule } from '../libs/reminders/src/reminders.module';
import { RightToProvideModule } from '../libs/right-to-provide/src/right-to-provide.module';
import { SupportModule } from '../libs/support/src/support.module';
import { WebModule } from '../libs/web/src/web.module';

/**
 * The product's feature modules, shared by the API and the worker process. Each brings its
 * controllers (mounted by the API only) and its job handlers (run by the worker only).
 */
export const FEATURE_MODULES: Array<Type<unknown> | DynamicModule> = [ClockModule, NotificationsModule, JourneysModule, EscalationsModule, RemindersModule, QueueDashboardModule, RightToProvideModule, PipelineModule, SupportModule, ContractsModule, ResultsModule, WebModule];
