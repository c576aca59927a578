import { journeyIsActive, SqlParams } from '@pathway/database/journey-sql';
import type { PipelineFilters } from './dto/pipeline-query.dto';
import { atRiskClock, journeyAtRisk } from './at-risk-sql';

/** Whose journeys a caller sees in the pipeline (AccessPolicy.pipelineScope): all, or one department's. */
export interface PipelineScope {
  departmentId: string | null;
}

/**
 * The journeys' columns that scope and filters read below. Whatever is computed from them and
 * kept (the state of the sector's medians, libs/results; the summary's counts) is invalidated
 * when one of them changes: migrations/1765300000000-JourneyLatestResults.ts and
 * 1765510000000-PipelineSummaryVersion.ts watch exactly these, and tests hold them together. A
 * filter on another column needs a migration that watches it too. The at-risk filter reads tasks,
 * contracts and the clock in ways no version can follow, so nothing kept takes it
 * (PipelineResultsService drops it; PipelineService computes such a summary afresh).
 */
export const PIPELINE_JOURNEY_COLUMNS = ['id', 'state', 'phase', 'service_area', 'region', 'department_id', 'parent_body_id'] as const;

/**
 * Every column `GET /api/pipeline/summary` reads (PipelineService.summary), per table. Its kept
 * answers are invalidated by a write to any of them: the triggers of
 * migrations/1765510000000-PipelineSummaryVersion.ts watch exactly these (`UPDATE OF`, and every
 * INSERT, DELETE and TRUNCATE), and test/pipeline/summary-kept.e2e-spec.ts fails when the summary
 * reads a column not listed here or a trigger watches other columns. Reading another column
 * needs a migration that watches it too.
 */
export const PIPELINE_SUMMARY_READS = {
  journeys: [...PIPELINE_JOURNEY_COLUMNS, 'staff_count'],
  journey_tasks: ['journey_id', 'status', 'due_at', 'due_date', 'contract_id', 'key'],
  escalations: ['journey_id', 'status'],
  contracts: ['journey_id', 'end_date'],
} as const satisfies Record<string, readonly string[]>;

/**
 * The WHERE conditions on journeys (alias `j`) for a caller's scope and filters, binding values
 * into `params`. Every pipeline query starts from these, so scope and filters mean the same everywhere.
 * A department filter only narrows: for a department officer it is ANDed with their own department
 * (another department: nothing). `atRisk` is measured at `options.now` (default: this instant).
 */
export function journeyConditions(
  scope: PipelineScope,
  filters: PipelineFilters,
  params: SqlParams,
  options: { activeOnly: boolean; now?: Date },
): string {
  const where: string[] = [];
  if (options.activeOnly) where.push(journeyIsActive('j'));
  if (scope.departmentId) where.push(`j.department_id = ${params.add(scope.departmentId)}`);
  if (filters.serviceArea) where.push(`j.service_area = ${params.add(filters.serviceArea)}`);
  if (filters.region) where.push(`j.region = ${params.add(filters.region)}`);
  if (filters.phase) where.push(`j.phase = ${params.add(filters.phase)}`);
  if (filters.parentBodyId) where.push(`j.parent_body_id = ${params.add(filters.parentBodyId)}`);
  if (filters.departmentId) where.push(`j.department_id = ${params.add(filters.departmentId)}`);
  if (filters.state) where.push(`j.state = ${params.add(filters.state)}`);
  if (filters.journeyId) where.push(`j.id = ${params.add(filters.journeyId)}`);
  if (filters.atRisk !== undefined) {
    const atRisk = journeyAtRisk('j', atRiskClock(params, options.now ?? new Date()));
    where.push(filters.atRisk ? atRisk : `NOT ${atRisk}`);
  }
  return where.length ? where.join(' AND ') : 'TRUE';
}
