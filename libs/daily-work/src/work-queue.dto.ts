import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { LimitParam, OffsetParam } from '@pathway/journeys/dto/validators';
import { TaskDto } from '@pathway/journeys/dto/task.dto';
import { DUE_BUCKETS, type DueBucket } from './work-queue.repository';

export class WorkQueueQueryDto {
  @ApiPropertyOptional({
    enum: DUE_BUCKETS,
    description: 'overdue: deadline passed; this_week: due within 7 days; later: after that, or no deadline',
  })
  @IsOptional()
  @IsIn(DUE_BUCKETS, { message: `due must be one of: ${DUE_BUCKETS.join(', ')}` })
  due?: DueBucket;

  @ApiPropertyOptional({ enum: ['me'], description: 'Only tasks assigned to the caller' })
  @IsOptional()
  @IsIn(['me'], { message: 'assignedTo must be me' })
  assignedTo?: 'me';

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this journey' })
  @IsOptional()
  @IsUUID('all')
  journeyId?: string;

  @LimitParam(200, 50)
  limit?: number;
  @OffsetParam()
  offset?: number;
}

export class WorkQueueTaskDto extends TaskDto {
  @ApiProperty({ format: 'uuid' }) journeyId!: string;
  @ApiProperty() journeyName!: string;
  @ApiProperty({ enum: DUE_BUCKETS }) due!: string;
  @ApiProperty({ nullable: true, type: String }) assigneeName!: string | null;
}

export class WorkQueueCountsDto {
  @ApiProperty() overdue!: number;
  @ApiProperty() this_week!: number;
  @ApiProperty() later!: number;
}

export class WorkQueueDto {
  @ApiProperty({ type: [WorkQueueTaskDto] }) items!: WorkQueueTaskDto[];
  @ApiProperty({ description: 'Matching tasks (after the due filter)' }) total!: number;
  @ApiProperty({ type: WorkQueueCountsDto, description: 'Tasks in each due bucket, before the due filter' }) counts!: WorkQueueCountsDto;
}
