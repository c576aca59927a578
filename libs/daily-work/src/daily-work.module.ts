import { Module } from '@nestjs/common';
import { JourneysModule } from '@pathway/journeys/journeys.module';
import { EvidenceController } from './evidence.controller';
import { EvidenceRepository } from './evidence.repository';
import { TaskAttachmentsService } from './task-attachments.service';
import { TaskCommentsService } from './task-comments.service';
import { WorkQueueController } from './work-queue.controller';
import { WorkQueueRepository } from './work-queue.repository';
import { WorkQueueService } from './work-queue.service';

/** Everyone's daily work: the work queue and the evidence on tasks. */
@Module({
  imports: [JourneysModule],
  controllers: [WorkQueueController, EvidenceController],
  providers: [WorkQueueRepository, WorkQueueService, EvidenceRepository, TaskCommentsService, TaskAttachmentsService],
  exports: [WorkQueueService, TaskCommentsService, TaskAttachmentsService],
})
export class DailyWorkModule {}
