import { Module } from '@nestjs/common';
import { QueueDashboard } from './queue-dashboard';

/** bull-board at /admin/queues (API process only; see QueueDashboard). */
@Module({ providers: [QueueDashboard] })
export class QueueDashboardModule {}
