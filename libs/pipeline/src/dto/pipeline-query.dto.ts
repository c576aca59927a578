import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsPgInt, LimitParam, OffsetParam, toQueryInt } from '@pathway/journeys/dto/validators';
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
import {
  AT_RISK_SORTING,
  ESCALATION_SORTING,
  JOURNEY_SORTING,
  SORT_ORDERS,
  STALLED_SORTING,
  type AtRiskSort,
  type EscalationSort,
  type ListSorting,
  type PipelineJourneySort,
  type SortOrder,
  type StalledSort,
} from '../journey-sort';

/** `sort=`: one of the list's keys (400 naming `sort` otherwise). */
function SortParam(sorting: ListSorting<string>) {
  return applyDecorators(
    ApiPropertyOptional({ enum: sorting.keys, default: sorting.defaultSort, description: 'The column to sort by' }),
    IsOptional(),
    IsIn(sorting.keys, { message: `sort must be one of: ${sorting.keys.join(', ')}` }),
  );
}

/** `order=`: asc or desc (400 naming `order` otherwise). */
function OrderParam(sorting: ListSorting<string>) {
  return applyDecorators(
    ApiPropertyOptional({
      enum: SORT_ORDERS,
      description: `Default: ${sorting.defaultOrder} for the default sort (${sorting.defaultSort}), asc for any other`,
    }),
    IsOptional(),
    IsIn(SORT_ORDERS, { message: `order must be one of: ${SORT_ORDERS.join(', ')}` }),
  );
}

/** A query flag `true` or `false`: anything else stays as given, so IsBoolean refuses it (400). */
const toQueryBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

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

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Only journeys of this department. It narrows a department officer’s view (another department: no journeys), never widens it',
  })
  @IsOptional()
  @IsUUID('all')
  departmentId?: string;
}

/** `atRisk=true|false` (400 otherwise): only the journeys at risk, or only those that are not. */
function AtRiskParam() {
  return applyDecorators(
    ApiPropertyOptional({
      type: 'boolean',
      description: 'true: only journeys at risk (as GET /api/pipeline/at-risk lists them); false: only those not at risk',
    }),
    IsOptional(),
    Transform(toQueryBoolean),
    IsBoolean({ message: 'atRisk must be true or false' }),
  );
}

/** A page of a pipeline list. */
export class PipelinePageDto extends PipelineFilterDto {
  @LimitParam(500, 100)
  limit?: number;

  @OffsetParam()
  offset?: number;
}

/** The monitors' journey list and the CSV: the filters plus a state. Withdrawn journeys are listed too (state `withdrawn`). */
export class PipelineJourneysQueryDto extends PipelinePageDto {
  @ApiPropertyOptional({ enum: JOURNEY_STATES })
  @IsOptional()
  @IsIn(JOURNEY_STATES, { message: `state must be one of: ${JOURNEY_STATES.join(', ')}` })
  state?: JourneyState;

  @AtRiskParam()
  atRisk?: boolean;

  @SortParam(JOURNEY_SORTING)
  sort?: PipelineJourneySort;

  @OrderParam(JOURNEY_SORTING)
  order?: SortOrder;
}

/** The CSV export takes the list's filters but no paging: it is every matching journey. */
export class PipelineCsvQueryDto extends PipelineFilterDto {
  @ApiPropertyOptional({ enum: JOURNEY_STATES })
  @IsOptional()
  @IsIn(JOURNEY_STATES, { message: `state must be one of: ${JOURNEY_STATES.join(', ')}` })
  state?: JourneyState;

  @AtRiskParam()
  atRisk?: boolean;
}

export class AtRiskQueryDto extends PipelinePageDto {
  @SortParam(AT_RISK_SORTING)
  sort?: AtRiskSort;

  @OrderParam(AT_RISK_SORTING)
  order?: SortOrder;
}

export class EscalationsQueryDto extends PipelinePageDto {
  @SortParam(ESCALATION_SORTING)
  sort?: EscalationSort;

  @OrderParam(ESCALATION_SORTING)
  order?: SortOrder;
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

  @SortParam(STALLED_SORTING)
  sort?: StalledSort;

  @OrderParam(STALLED_SORTING)
  order?: SortOrder;
}

/** What the service needs from any of the query DTOs. */
export interface PipelineFilters {
  serviceArea?: ServiceArea;
  region?: Region;
  phase?: Phase;
  parentBodyId?: string;
  departmentId?: string;
  state?: JourneyState;
  /**
   * At risk (true) or not (false), as the at-risk list decides (at-risk-sql.ts). It depends on the
   * clock, tasks and contracts, not only on journeys' columns, so nothing kept from journeys'
   * columns (the results' medians) may take it: PipelineResultsService drops it.
   */
  atRisk?: boolean;
  /** Internal only (not a query parameter): one journey, for its own page's at-risk warning. */
  journeyId?: string;
}
