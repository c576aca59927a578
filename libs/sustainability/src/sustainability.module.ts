import { Module } from '@nestjs/common';
import { JourneysModule } from '@pathway/journeys/journeys.module';
import { EntityDatesService } from './entity-dates.service';
import { GrowthFinanceService } from './growth-finance.service';
import { SustainabilityController } from './sustainability.controller';
import { YearlyCycleService } from './yearly-cycle.service';

/**
 * Sustainability and growth, the mutual's side: the legal entity's dates, the yearly cycle they
 * drive (created on entering operating and by the worker's sweep, reminded like any task) and
 * growth finance. Loaded by both processes: the worker runs the cycle's sweep.
 */
@Module({
  imports: [JourneysModule],
  controllers: [SustainabilityController],
  providers: [YearlyCycleService, EntityDatesService, GrowthFinanceService],
  exports: [YearlyCycleService, EntityDatesService, GrowthFinanceService],
})
export class SustainabilityModule {}
