import { Module } from '@nestjs/common';
import { AdvisersService } from './advisers.service';
import { SupportAwardsService } from './support-awards.service';
import { SupportPipelineController } from './support-pipeline.controller';
import { SupportController } from './support.controller';
import { SupportRepository } from './support.repository';

/** The support programme: advisers assigned to journeys, support awards, and their pipeline totals and CSV. */
@Module({
  controllers: [SupportController, SupportPipelineController],
  providers: [SupportRepository, AdvisersService, SupportAwardsService],
  exports: [AdvisersService, SupportAwardsService],
})
export class SupportModule {}
