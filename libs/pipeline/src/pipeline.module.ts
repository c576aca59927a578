import { Module } from '@nestjs/common';
import { PipelineCsvService } from './pipeline-csv.service';
import { PipelineController } from './pipeline.controller';
import { PipelineService } from './pipeline.service';

/** The central team's monitoring views (summary, lists, CSV). Read-only; exports PipelineService for web pages. */
@Module({ controllers: [PipelineController], providers: [PipelineService, PipelineCsvService], exports: [PipelineService, PipelineCsvService] })
export class PipelineModule {}
