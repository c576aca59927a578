import { journeyIsActive, SqlParams } from '@pathway/database/journey-sql';
import type { PipelineFilters } from './dto/pipeline-query.dto';

/** Whose journeys a caller sees in the pipeline (AccessPolicy.pipelineScope): all, or one department's. */
export interface PipelineScope {
  departmentId: string | null;
}

/**
 * The WHERE conditions on journeys (alias `j`) for a caller's scope and filters, binding values
 * into `params`. Every pipeline query starts from these, so scope and filters mean the same everywhere.
 */
export function journeyConditions(
  scope: PipelineScope,
  filters: PipelineFilters,
  params: SqlParams,
  options: { activeOnly: boolean },
): string {
  const where: string[] = [];
  if (options.activeOnly) where.push(journeyIsActive('j'));
  if (scope.departmentId) where.push(`j.department_id = ${params.add(scope.departmentId)}`);
  if (filters.serviceArea) where.push(`j.service_area = ${params.add(filters.serviceArea)}`);
  if (filters.region) where.push(`j.region = ${params.add(filters.region)}`);
  if (filters.phase) where.push(`j.phase = ${params.add(filters.phase)}`);
  if (filters.parentBodyId) where.push(`j.parent_body_id = ${params.add(filters.parentBodyId)}`);
  if (filters.state) where.push(`j.state = ${params.add(filters.state)}`);
  if (filters.journeyId) where.push(`j.id = ${params.add(filters.journeyId)}`);
  return where.length ? where.join(' AND ') : 'TRUE';
}
