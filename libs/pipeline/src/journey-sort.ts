import { JOURNEY_STATES, PHASES } from '@pathway/domain/vocabulary';
import type { SqlParams } from '@pathway/database/journey-sql';

export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/**
 * A list's sorting: the keys it can be sorted by (`sort=`) and its default. `order=` defaults to
 * the default order when the sort is the default one (or not given), otherwise to `asc`.
 */
export interface ListSorting<S extends string> {
  keys: readonly S[];
  defaultSort: S;
  defaultOrder: SortOrder;
}

/** The sort and direction a query asks for, with the list's defaults filled in. */
export function resolveSort<S extends string>(sorting: ListSorting<S>, sort?: S, order?: SortOrder): { sort: S; order: SortOrder } {
  const s = sort ?? sorting.defaultSort;
  return { sort: s, order: order ?? (s === sorting.defaultSort ? sorting.defaultOrder : 'asc') };
}

/**
 * The columns the pipeline's journey list can be sorted by. The default is the list's
 * long-standing order: soonest planned transfer first.
 */
export const PIPELINE_JOURNEY_SORTS = [
  'plannedTransferDate',
  'name',
  'mutual',
  'parentBody',
  'department',
  'phase',
  'state',
  'daysInState',
  'staffCount',
  'lastActivity',
] as const;
export type PipelineJourneySort = (typeof PIPELINE_JOURNEY_SORTS)[number];
export const DEFAULT_JOURNEY_SORT: PipelineJourneySort = 'plannedTransferDate';
export const JOURNEY_SORTING: ListSorting<PipelineJourneySort> = {
  keys: PIPELINE_JOURNEY_SORTS,
  defaultSort: DEFAULT_JOURNEY_SORT,
  defaultOrder: 'asc',
};

/** The at-risk list: soonest planned transfer first by default. */
export const AT_RISK_SORTS = ['plannedTransferDate', 'name', 'parentBody', 'department', 'state', 'daysInState'] as const;
export type AtRiskSort = (typeof AT_RISK_SORTS)[number];
export const AT_RISK_SORTING: ListSorting<AtRiskSort> = { keys: AT_RISK_SORTS, defaultSort: 'plannedTransferDate', defaultOrder: 'asc' };

/** The stalled list: longest idle first by default. */
export const STALLED_SORTS = ['daysSinceActivity', 'name', 'parentBody', 'department', 'state'] as const;
export type StalledSort = (typeof STALLED_SORTS)[number];
export const STALLED_SORTING: ListSorting<StalledSort> = { keys: STALLED_SORTS, defaultSort: 'daysSinceActivity', defaultOrder: 'desc' };

/** Open escalations: oldest first by default. */
export const ESCALATION_SORTS = ['age', 'level', 'journey', 'assignedOrganisation'] as const;
export type EscalationSort = (typeof ESCALATION_SORTS)[number];
export const ESCALATION_SORTING: ListSorting<EscalationSort> = { keys: ESCALATION_SORTS, defaultSort: 'age', defaultOrder: 'desc' };

/** A sort key's expression; `invert` when the key counts days since the column's instant (more days: earlier instant). */
interface SortExpr {
  expr: string;
  invert?: boolean;
}

const orgName = (column: string) => `(SELECT o.name FROM organisations o WHERE o.id = ${column})`;

const clause = (e: SortExpr, order: SortOrder) => `${e.expr} ${(order === 'desc') !== !!e.invert ? 'DESC' : 'ASC'} NULLS LAST`;

/**
 * The ORDER BY of a journey list (journeys `j`) for a sort and direction. Phases and states sort
 * in their pathway order, not alphabetically; names case-insensitively; day counts by the instant
 * they count from. Journeys with no department come last either way. Ties always fall back to
 * name then id, ascending, so paging never repeats or skips a row.
 */
export function journeyOrderBy(
  sort: PipelineJourneySort | AtRiskSort | StalledSort = DEFAULT_JOURNEY_SORT,
  order: SortOrder = 'asc',
  p: SqlParams,
): string {
  const expr: Record<PipelineJourneySort | StalledSort, () => SortExpr> = {
    plannedTransferDate: () => ({ expr: 'j.planned_transfer_date' }),
    name: () => ({ expr: 'lower(j.name)' }),
    mutual: () => ({ expr: `lower(${orgName('j.mutual_organisation_id')})` }),
    parentBody: () => ({ expr: `lower(${orgName('j.parent_body_id')})` }),
    department: () => ({ expr: `lower(${orgName('j.department_id')})` }),
    phase: () => ({ expr: `array_position(${p.add([...PHASES])}::text[], j.phase::text)` }),
    state: () => ({ expr: `array_position(${p.add([...JOURNEY_STATES])}::text[], j.state::text)` }),
    daysInState: () => ({ expr: 'j.state_entered_at', invert: true }),
    staffCount: () => ({ expr: 'j.staff_count' }),
    lastActivity: () => ({ expr: 'j.last_activity_at' }),
    daysSinceActivity: () => ({ expr: 'j.last_activity_at', invert: true }),
  };
  // The default reads journeys_pipeline_order_idx (planned_transfer_date, name, id) in order.
  if (sort === 'plannedTransferDate' && order === 'asc') return 'j.planned_transfer_date, j.name, j.id';
  return `${clause(expr[sort](), order)}, j.name, j.id`;
}

/** The ORDER BY of open escalations (`e`, their journeys `j`); ties by opening then id, oldest first. */
export function escalationOrderBy(sort: EscalationSort = 'age', order: SortOrder = 'desc'): string {
  const expr: Record<EscalationSort, SortExpr> = {
    age: { expr: 'e.opened_at', invert: true },
    level: { expr: 'e.level' },
    journey: { expr: 'lower(j.name)' },
    assignedOrganisation: { expr: `lower(${orgName('e.assigned_organisation_id')})` },
  };
  return `${clause(expr[sort], order)}, e.opened_at, e.id`;
}
