import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { TREND_INTERVALS, type TrendInterval } from '@pathway/domain/programme/trend-periods';
import { JOURNEY_STATES } from '@pathway/domain/vocabulary';
import { IsCalendarDate, IsInstant } from '@pathway/journeys/dto/validators';
import { PipelineFilterDto } from '../dto/pipeline-query.dto';

export class TrendsQueryDto extends PipelineFilterDto {
  @ApiPropertyOptional({
    example: '2025-04-01',
    description: 'First day (YYYY-MM-DD, Europe/London); default: the start of the period 7 quarters (or 11 months) before `to`',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    example: '2026-03-31',
    description: 'Last day, inclusive (YYYY-MM-DD); default today. Less than 10 years after `from`',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({
    enum: TREND_INTERVALS,
    default: 'quarter',
    description: 'Calendar months, or quarters starting January, April, July and October',
  })
  @IsOptional()
  @IsIn(TREND_INTERVALS, { message: `interval must be one of: ${TREND_INTERVALS.join(', ')}` })
  interval?: TrendInterval;
}

export class DurationsQueryDto extends PipelineFilterDto {
  @ApiPropertyOptional({
    example: '2026-03-31T23:59:59Z',
    description: 'Measure as at this instant (history after it is ignored); default now',
  })
  @IsOptional()
  @IsInstant()
  asOf?: string;
}

export class TrendPeriodDto {
  @ApiProperty({ example: '2026-01-01', description: 'First day counted' }) start!: string;
  @ApiProperty({ example: '2026-03-31', description: 'Last day counted, inclusive' }) end!: string;
  @ApiProperty({ description: 'Journeys started (created)' }) journeysStarted!: number;
  @ApiProperty() expressionsSubmitted!: number;
  @ApiProperty() expressionsAccepted!: number;
  @ApiProperty() expressionsDeclined!: number;
  @ApiProperty() transfersCompleted!: number;
  @ApiProperty() withdrawn!: number;
}

export class TrendsDto {
  @ApiProperty({ enum: TREND_INTERVALS }) interval!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: [TrendPeriodDto] }) periods!: TrendPeriodDto[];
}

export class StateDurationDto {
  @ApiProperty({ description: 'Journeys that have spent time in the state' }) journeys!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Median of each journey’s total days in the state (one decimal)' })
  medianDays!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '90th percentile (continuous), days' }) p90Days!: number | null;
}

export class DurationsDto {
  @ApiProperty({
    description: `Per state (${JOURNEY_STATES.filter((s) => s !== 'withdrawn').join(', ')}): every state but withdrawn, which is an end, not a wait`,
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/StateDurationDto' },
  })
  byState!: Record<string, StateDurationDto>;
  @ApiProperty({ description: 'The instant measured to: journeys still in a state count their time until then' }) asOf!: string;
}
