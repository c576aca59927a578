import { JOURNEY_STATES, PHASES } from '@pathway/domain/vocabulary';
import type { SqlParams } from '@pathway/database/journey-sql';

/**
 * The columns the pipeline's journey list can be sorted by (`sort=`), and the directions
 * (`order=`). The default is the list's long-standing order: soonest planned transfer first.
 */
export const PIPELINE_JOURNEY_SORTS = [
  'plannedTransferDate',
  'name',
  'mutual',
  'parentBody',
  'department',
  'phase',
  'state',
  'staffCount',
  'lastActivity',
] as const;
export type PipelineJourneySort = (typeof PIPELINE_JOURNEY_SORTS)[number];
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];
export const DEFAULT_JOURNEY_SORT: PipelineJourneySort = 'plannedTransferDate';

const orgName = (column: string) => `(SELECT o.name FROM organisations o WHERE o.id = j.${column})`;

/**
 * The ORDER BY of the journey list (journeys `j`) for a sort and direction. Phases and states
 * sort in their pathway order, not alphabetically; names case-insensitively. Journeys with no
 * department come last either way. Ties always fall back to name then id, ascending, so paging
 * never repeats or skips a row.
 */
export function journeyOrderBy(sort: PipelineJourneySort = DEFAULT_JOURNEY_SORT, order: SortOrder = 'asc', p: SqlParams): string {
  const dir = order === 'desc' ? 'DESC' : 'ASC';
  const expr: Record<PipelineJourneySort, () => string> = {
    plannedTransferDate: () => 'j.planned_transfer_date',
    name: () => 'lower(j.name)',
    mutual: () => `lower(${orgName('mutual_organisation_id')})`,
    parentBody: () => `lower(${orgName('parent_body_id')})`,
    department: () => `lower(${orgName('department_id')})`,
    phase: () => `array_position(${p.add([...PHASES])}::text[], j.phase::text)`,
    state: () => `array_position(${p.add([...JOURNEY_STATES])}::text[], j.state::text)`,
    staffCount: () => 'j.staff_count',
    lastActivity: () => 'j.last_activity_at',
  };
  if (sort === 'plannedTransferDate' && order === 'asc') return 'j.planned_transfer_date, j.name, j.id';
  return `${expr[sort]()} ${dir} NULLS LAST, j.name, j.id`;
}
