import { Module } from '@nestjs/common';
import { JourneyChangeBus } from '@pathway/journeys/journey-change.bus';
import { JourneysModule } from '@pathway/journeys/journeys.module';
import { PartyRequestsController } from './party-requests.controller';
import { PartyRequestsService } from './party-requests.service';
import { RightToProvideController } from './right-to-provide.controller';
import { RightToProvideListener } from './right-to-provide.listener';
import { RightToProvideService } from './right-to-provide.service';

/**
 * Right to Provide (Taskforce recommendation 2 i): the parent body's inbox of expressions of
 * interest, the decline grounds, and the notices and response-task bookkeeping around the
 * submit / accept / decline / appeal events. Appeals themselves are escalations (libs/escalations).
 */
@Module({
  imports: [JourneysModule],
  controllers: [RightToProvideController, PartyRequestsController],
  providers: [RightToProvideService, RightToProvideListener, PartyRequestsService],
  exports: [RightToProvideService, PartyRequestsService],
})
export class RightToProvideModule {
  /**
   * Registered at construction, not in onModuleInit: every provider is built before any
   * onModuleInit runs, so this listener comes before those registered there (reminders,
   * escalations). Within one event's transaction it has then already completed the response task
   * and put its id in `change.taskIds` when the reminder listener looks at the change's tasks.
   */
  constructor(bus: JourneyChangeBus, listener: RightToProvideListener) {
    bus.register(listener);
  }
}
