import { Module } from '@nestjs/common';
import { JourneyConditions } from '@pathway/journeys/journey-conditions';
import { JourneysModule } from '@pathway/journeys/journeys.module';
import { StaffBallotsService } from './staff-ballots.service';
import { StaffSurveysService } from './staff-surveys.service';
import { StaffVoiceController } from './staff-voice.controller';
import { StaffVoiceRepository } from './staff-voice.repository';

/**
 * Staff voice before the spin-out (CONTRACT "Staff voice"): ballots as the evidence of staff
 * support that gates the business case, the central team's waiver, and pulse surveys.
 */
@Module({
  imports: [JourneysModule],
  controllers: [StaffVoiceController],
  providers: [StaffVoiceRepository, StaffBallotsService, StaffSurveysService],
  exports: [StaffBallotsService, StaffSurveysService, StaffVoiceRepository],
})
export class StaffVoiceModule {
  /** Registered at construction, before any request: submit_business_case is never checked without it. */
  constructor(conditions: JourneyConditions, ballots: StaffBallotsService) {
    conditions.register(ballots);
  }
}
