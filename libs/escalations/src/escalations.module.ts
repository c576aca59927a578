import { Module } from '@nestjs/common';
import { JourneysModule } from '@pathway/journeys/journeys.module';
import { EscalationsController } from './escalations.controller';
import { EscalationsRepository } from './escalations.repository';
import { EscalationsService } from './escalations.service';

@Module({
  imports: [JourneysModule],
  controllers: [EscalationsController],
  providers: [EscalationsService, EscalationsRepository],
  exports: [EscalationsService],
})
export class EscalationsModule {}
