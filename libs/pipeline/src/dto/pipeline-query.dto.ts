import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsPgInt, PG_INT_MAX, toQueryInt } from '@pathway/journeys/dto/validators';
import {
  JOURNEY_STATES,
  PHASES,
  REGIONS,
  SERVICE_AREAS,
  type JourneyState,
  type Phase,
  type Region,
  type ServiceArea,
} from '@pathway/domain/vocabulary';
import { DEFAULT_JOURNEY_SORT, PIPELINE_JOURNEY_SORTS, SORT_ORDERS, type PipelineJourneySort, type SortOrder } from '../journey-sort';

/** Filters every pipeline view accepts (on top of the caller's scope). Unknown or invalid values: 400. */
export class PipelineFilterDto {
  @ApiPropertyOptional({ enum: SERVICE_AREAS })
  @IsOptional()
  @IsIn(SERVICE_AREAS, { message: `serviceArea must be one of: ${SERVICE_AREAS.join(', ')}` })
  serviceArea?: ServiceArea;

  @ApiPropertyOptional({ enum: REGIONS })
  @IsOptional()
  @IsIn(REGIONS, { message: `region must be one of: ${REGIONS.join(', ')}` })
  region?: Region;

  @ApiPropertyOptional({ enum: PHASES })
  @IsOptional()
  @IsIn(PHASES, { message: `phase must be one of: ${PHASES.join(', ')}` })
  phase?: Phase;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only journeys of this parent body' })
  @IsOptional()
  @IsUUID('all')
  parentBodyId?: string;
}

/** A page of a pipeline list. */
export class PipelinePageDto extends PipelineFilterDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Transform(toQueryInt)
  @IsPgInt({ min: 1, max: 500 })
  limit?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: PG_INT_MAX, default: 0 })
  @IsOptional()
  @Transform(toQueryInt)
  @IsPgInt()
  offset?: number;
}

/** The monitors' journey list and the CSV: the filters plus a state. Withdrawn journeys are listed too (state `withdrawn`). */
export class PipelineJourneysQueryDto extends PipelinePageDto {
  @ApiPropertyOptional({ enum: JOURNEY_STATES })
  @IsOptional()
  @IsIn(JOURNEY_STATES, { message: `state must be one of: ${JOURNEY_STATES.join(', ')}` })
  state?: JourneyState;

  @ApiPropertyOptional({ enum: PIPELINE_JOURNEY_SORTS, default: DEFAULT_JOURNEY_SORT, description: 'The column to sort by' })
  @IsOptional()
  @IsIn(PIPELINE_JOURNEY_SORTS, { message: `sort must be one of: ${PIPELINE_JOURNEY_SORTS.join(', ')}` })
  sort?: PipelineJourneySort;

  @ApiPropertyOptional({ enum: SORT_ORDERS, default: 'asc' })
  @IsOptional()
  @IsIn(SORT_ORDERS, { message: `order must be one of: ${SORT_ORDERS.join(', ')}` })
  order?: SortOrder;
}

/** The CSV export takes the list's filters but no paging: it is every matching journey. */
export class PipelineCsvQueryDto extends PipelineFilterDto {
  @ApiPropertyOptional({ enum: JOURNEY_STATES })
  @IsOptional()
  @IsIn(JOURNEY_STATES, { message: `state must be one of: ${JOURNEY_STATES.join(', ')}` })
  state?: JourneyState;
}

export class StalledQueryDto extends PipelinePageDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 3650,
    description: 'Days without any event or task change; default STALLED_AFTER_DAYS',
  })
  @IsOptional()
  @Transform(toQueryInt)
  @IsPgInt({ min: 1, max: 3650 })
  days?: number;
}

/** What the service needs from any of the query DTOs. */
export interface PipelineFilters {
  serviceArea?: ServiceArea;
  region?: Region;
  phase?: Phase;
  parentBodyId?: string;
  state?: JourneyState;
  /** Internal only (not a query parameter): one journey, for its own page's at-risk warning. */
  journeyId?: string;
}
