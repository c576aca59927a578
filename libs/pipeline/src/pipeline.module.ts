import { Module } from '@nestjs/common';
import { PipelineCsvService } from './pipeline-csv.service';
import { PipelineController } from './pipeline.controller';
import { PipelineService } from './pipeline.service';
import { ProgrammeController } from './programme/programme.controller';
import { ProgrammeRepository } from './programme/programme.repository';
import { ProgrammeService } from './programme/programme.service';

/** The central team's monitoring views (summary, lists, CSV). Read-only; exports PipelineService for web pages. */
@Module({
  controllers: [PipelineController, ProgrammeController],
  providers: [PipelineService, PipelineCsvService, ProgrammeRepository, ProgrammeService],
  exports: [PipelineService, PipelineCsvService, ProgrammeService],
})
export class PipelineModule {}
