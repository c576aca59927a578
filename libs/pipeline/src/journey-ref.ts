import { journeyClockRuns, taskDeadline, taskIsOpen } from '@pathway/database/journey-sql';
import type { PipelineJourneyDto, PipelineJourneyRefDto } from './dto/pipeline-response.dto';

/** An organisation's name as a scalar subquery: no join for the planner to order, one PK lookup per row. */
const orgName = (column: string, as: string) => `(SELECT o.name FROM organisations o WHERE o.id = j.${column}) AS ${as}`;

/**
 * The columns of a journey reference (journeys `j`), organisations' names included. Meant for the
 * outer query of a page, so the lookups run only for the rows returned.
 */
export const JOURNEY_REF_COLUMNS = `
  j.id, j.name, j.phase, j.state, j.service_area, j.region, j.staff_count, j.planned_transfer_date, j.last_activity_at,
  j.mutual_organisation_id, ${orgName('mutual_organisation_id', 'mutual_organisation_name')},
  j.parent_body_id, ${orgName('parent_body_id', 'parent_body_name')},
  j.department_id, ${orgName('department_id', 'department_name')}`;

/** The extra organisations of the full row (list and CSV). */
export const JOURNEY_ALL_PARTY_COLUMNS = `
  j.commissioner_id, ${orgName('commissioner_id', 'commissioner_name')},
  j.arbiter_id, ${orgName('arbiter_id', 'arbiter_name')}`;

/**
 * When the journey (`j`) entered its current state and the whole days since, measured at `at` (a
 * bound instant). `state_entered_at` is kept by a trigger on every state change
 * (migrations/1765400000000-JourneyStateEnteredAt.ts).
 */
export const journeyStateColumns = (j: string, at: string): string =>
  `${j}.state_entered_at, floor(extract(epoch FROM (${at} - ${j}.state_entered_at)) / 86400)::int AS days_in_state`;

export interface JourneyRefRow {
  id: string;
  name: string;
  phase: string;
  state: string;
  service_area: string;
  region: string;
  staff_count: number;
  planned_transfer_date: string;
  last_activity_at: Date;
  mutual_organisation_id: string;
  mutual_organisation_name: string;
  parent_body_id: string;
  parent_body_name: string;
  department_id: string | null;
  department_name: string | null;
}

export interface JourneyRowWithCounts extends JourneyRefRow {
  commissioner_id: string | null;
  commissioner_name: string | null;
  arbiter_id: string | null;
  arbiter_name: string | null;
  open_tasks: number;
  overdue_tasks: number;
  open_escalations: number;
  state_entered_at: Date;
  days_in_state: number;
  at_risk: boolean;
}

export function presentJourneyRef(r: JourneyRefRow): PipelineJourneyRefDto {
  return {
    id: r.id,
    name: r.name,
    phase: r.phase,
    state: r.state,
    serviceArea: r.service_area,
    region: r.region,
    mutualOrganisationId: r.mutual_organisation_id,
    mutualOrganisationName: r.mutual_organisation_name,
    parentBodyId: r.parent_body_id,
    parentBodyName: r.parent_body_name,
    departmentId: r.department_id,
    departmentName: r.department_name,
    staffCount: r.staff_count,
    plannedTransferDate: r.planned_transfer_date,
    lastActivityAt: new Date(r.last_activity_at).toISOString(),
  };
}

export function presentPipelineJourney(r: JourneyRowWithCounts): PipelineJourneyDto {
  return {
    ...presentJourneyRef(r),
    commissionerId: r.commissioner_id,
    commissionerName: r.commissioner_name,
    arbiterId: r.arbiter_id,
    arbiterName: r.arbiter_name,
    openTasks: r.open_tasks,
    overdueTasks: r.overdue_tasks,
    openEscalations: r.open_escalations,
    stateEnteredAt: new Date(r.state_entered_at).toISOString(),
    daysInState: r.days_in_state,
    atRisk: r.at_risk,
  };
}

/**
 * Per-journey open and overdue task counts and open escalations, one index lookup per journey
 * (`journey_tasks_open_by_journey_idx`, `escalations_one_open_idx`). `now` is a bound parameter.
 * Overdue is 0 while a journey's clock is paused (on hold) or stopped (withdrawn).
 */
export function journeyCountsSql(now: string): { columns: string; joins: string } {
  return {
    columns: `tc.open_tasks, CASE WHEN ${journeyClockRuns('j')} THEN tc.overdue_tasks ELSE 0 END AS overdue_tasks,
      (SELECT count(*)::int FROM escalations e WHERE e.journey_id = j.id AND e.status = 'open') AS open_escalations`,
    joins: `
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS open_tasks, count(*) FILTER (WHERE ${taskDeadline('t')} <= ${now})::int AS overdue_tasks
    FROM journey_tasks t WHERE t.journey_id = j.id AND ${taskIsOpen('t')}
  ) tc`,
  };
}
