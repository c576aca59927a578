import {
  AT_RISK_SORTING,
  ESCALATION_SORTING,
  JOURNEY_SORTING,
  STALLED_SORTING,
  type AtRiskSort,
  type EscalationSort,
  type PipelineJourneySort,
  type StalledSort,
} from '@pathway/pipeline/journey-sort';
import type { CsvPresentation } from '@pathway/pipeline/pipeline-csv.service';
import { formatDateTime } from '../filters';
import { label } from '../labels';
import type { SortableList } from './sortable-list';

/** Journeys per page of the pipeline page's list. */
export const JOURNEYS_PER_PAGE = 50;
/** Rows per page of the at-risk, stalled and escalated lists (each pages on its own). */
export const MONITOR_LIST_PER_PAGE = 20;

/** The journey list (`sort`, `order`, `page`: the API's names). Days in status and the counts are numbers. */
export const JOURNEY_LIST: SortableList<PipelineJourneySort> = {
  noun: 'journeys',
  anchor: 'journeys',
  params: { sort: 'sort', order: 'order', page: 'page' },
  sorting: JOURNEY_SORTING,
  perPage: JOURNEYS_PER_PAGE,
  columns: [
    { heading: 'Journey', sort: 'name' },
    { heading: 'Mutual', sort: 'mutual' },
    { heading: 'Parent body', sort: 'parentBody' },
    { heading: 'Department', sort: 'department' },
    { heading: 'Status', sort: 'state' },
    { heading: 'Days in status', sort: 'daysInState', numeric: true },
    { heading: 'Planned transfer', sort: 'plannedTransferDate' },
    { heading: 'Last activity', sort: 'lastActivity' },
    { heading: 'At risk' },
    { heading: 'Open tasks', numeric: true },
    { heading: 'Overdue tasks', numeric: true },
  ],
};

export const AT_RISK_LIST: SortableList<AtRiskSort> = {
  noun: 'journeys at risk',
  anchor: 'at-risk',
  params: { sort: 'riskSort', order: 'riskOrder', page: 'riskPage' },
  sorting: AT_RISK_SORTING,
  perPage: MONITOR_LIST_PER_PAGE,
  columns: [
    { heading: 'Journey', sort: 'name' },
    { heading: 'Parent body', sort: 'parentBody' },
    { heading: 'Department', sort: 'department' },
    { heading: 'Days in status', sort: 'daysInState', numeric: true },
    { heading: 'Planned transfer', sort: 'plannedTransferDate' },
    { heading: 'Why' },
  ],
};

export const STALLED_LIST: SortableList<StalledSort> = {
  noun: 'stalled journeys',
  anchor: 'stalled',
  params: { sort: 'stalledSort', order: 'stalledOrder', page: 'stalledPage' },
  sorting: STALLED_SORTING,
  perPage: MONITOR_LIST_PER_PAGE,
  columns: [
    { heading: 'Journey', sort: 'name' },
    { heading: 'Parent body', sort: 'parentBody' },
    { heading: 'Department', sort: 'department' },
    { heading: 'Status', sort: 'state' },
    { heading: 'Last activity' },
    { heading: 'Days idle', sort: 'daysSinceActivity', numeric: true },
  ],
};

export const ESCALATION_LIST: SortableList<EscalationSort> = {
  noun: 'escalations',
  anchor: 'escalated',
  params: { sort: 'escalationSort', order: 'escalationOrder', page: 'escalationPage' },
  sorting: ESCALATION_SORTING,
  perPage: MONITOR_LIST_PER_PAGE,
  columns: [
    { heading: 'Escalation' },
    { heading: 'Journey', sort: 'journey' },
    { heading: 'Level', sort: 'level', numeric: true },
    { heading: 'With', sort: 'assignedOrganisation' },
    { heading: 'Opened' },
    { heading: 'Age in days', sort: 'age', numeric: true },
  ],
};

/** A London "1 March 2027 at 2:30pm" for the last activity. */
const when = (v: string | number | null) => (v === null ? null : formatDateTime(String(v)));

/**
 * The pipeline spreadsheet for people (`/pipeline/journeys.csv`): headings in words, enum values
 * as their labels, the last activity as a London date and time. Dates stay `YYYY-MM-DD` so a
 * spreadsheet sorts them as dates. The machine CSV (field names, raw values, every id) is
 * `/pipeline/journeys.csv?format=machine` and the API's GET /api/pipeline/journeys.csv.
 */
export const HUMAN_JOURNEYS_CSV: CsvPresentation = {
  columns: [
    { key: 'name', header: 'Journey' },
    { key: 'mutualOrganisationName', header: 'Mutual' },
    { key: 'parentBodyName', header: 'Parent body' },
    { key: 'commissionerName', header: 'Commissioner' },
    { key: 'departmentName', header: 'Department' },
    { key: 'arbiterName', header: 'Arbiter' },
    { key: 'serviceArea', header: 'Service area', format: (v) => label(v, 'serviceArea') },
    { key: 'region', header: 'Region', format: (v) => label(v, 'region') },
    { key: 'phase', header: 'Phase', format: (v) => label(v, 'phase') },
    { key: 'state', header: 'Status', format: (v) => label(v, 'state') },
    { key: 'staffCount', header: 'Staff' },
    { key: 'plannedTransferDate', header: 'Planned transfer date' },
    { key: 'openTasks', header: 'Open tasks' },
    { key: 'overdueTasks', header: 'Overdue tasks' },
    { key: 'openEscalations', header: 'Open escalations' },
    { key: 'lastActivityAt', header: 'Last activity', format: when },
    { key: 'daysInState', header: 'Days in status' },
    { key: 'atRisk', header: 'At risk', format: (v) => (v === 'true' ? 'Yes' : 'No') },
    { key: 'id', header: 'Journey ID' },
  ],
};
