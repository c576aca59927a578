import { Module } from '@nestjs/common';
import { PipelineResultsService } from './pipeline-results.service';
import { PipelineResultsController, ResultsController } from './results.controller';
import { ResultsService } from './results.service';

/**
 * Results against the in-house baseline (Taskforce recommendation 8): a journey's baseline and
 * yearly figures, and the central team's medians across mutuals.
 */
@Module({
  controllers: [ResultsController, PipelineResultsController],
  providers: [ResultsService, PipelineResultsService],
  exports: [ResultsService, PipelineResultsService],
})
export class ResultsModule {}
