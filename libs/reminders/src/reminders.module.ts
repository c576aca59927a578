import { Module } from '@nestjs/common';
import { EscalationsModule } from '@pathway/escalations/escalations.module';
import { JourneysModule } from '@pathway/journeys/journeys.module';
import { EscalationSweepHandler } from './escalation-sweep.handler';
import { QueueReconcileHandler } from './queue-reconcile.handler';
import { ReminderFireHandler } from './reminder-fire.handler';
import { ReminderQueue } from './reminder-queue';
import { ReminderScheduler } from './reminder-scheduler';
import { WorkerSchedules } from './worker-schedules';

/**
 * Deadline reminders and automatic escalation. Postgres holds every reminder (the `reminders`
 * table, kept in step with journeys by ReminderScheduler inside each change's transaction); Redis
 * holds only delayed jobs for those due within REMINDER_HORIZON_SECONDS, fed at once after each
 * change and by the reconciler (a job scheduler) as time moves. The worker delivers them
 * (ReminderFireHandler) and raises idle escalations (EscalationSweepHandler).
 */
@Module({
  imports: [JourneysModule, EscalationsModule],
  providers: [ReminderQueue, ReminderScheduler, ReminderFireHandler, QueueReconcileHandler, EscalationSweepHandler, WorkerSchedules],
  exports: [ReminderQueue, ReminderScheduler, ReminderFireHandler, QueueReconcileHandler],
})
export class RemindersModule {}
