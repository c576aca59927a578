import {
  DEFAULT_JOURNEY_SORT,
  PIPELINE_JOURNEY_SORTS,
  SORT_ORDERS,
  type PipelineJourneySort,
  type SortOrder,
} from '@pathway/pipeline/journey-sort';
import type { CsvPresentation } from '@pathway/pipeline/pipeline-csv.service';
import { formatDateTime } from '../filters';
import { field, type FormProblem } from '../forms';
import { label } from '../labels';

/** Journeys per page of the pipeline page's list. */
export const JOURNEYS_PER_PAGE = 50;

export interface JourneyListOptions {
  sort: PipelineJourneySort;
  order: SortOrder;
  page: number;
}

/**
 * The journey list's `sort`, `order` and `page` from the page's query. An unknown value is a
 * problem (the page answers 400 with an error summary) and falls back to the default, so the
 * page still shows the list.
 */
export function readJourneyListOptions(query: unknown): { options: JourneyListOptions; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  const sort = field(query, 'sort');
  const order = field(query, 'order');
  const page = field(query, 'page');
  const options: JourneyListOptions = { sort: DEFAULT_JOURNEY_SORT, order: 'asc', page: 1 };
  if (sort) {
    if ((PIPELINE_JOURNEY_SORTS as readonly string[]).includes(sort)) options.sort = sort as PipelineJourneySort;
    else problems.push({ field: 'sort', text: 'Sort the journeys by one of the column headings', href: '#journeys' });
  }
  if (order) {
    if ((SORT_ORDERS as readonly string[]).includes(order)) options.order = order as SortOrder;
    else problems.push({ field: 'order', text: 'Sort the journeys in ascending or descending order', href: '#journeys' });
  }
  if (page) {
    if (/^[1-9]\d{0,5}$/.test(page)) options.page = Number(page);
    else problems.push({ field: 'page', text: 'Choose a page of journeys from the page links', href: '#journeys' });
  }
  return { options, problems };
}

/** The list's columns: heading, the sort key when sortable, numeric or not. */
export const JOURNEY_COLUMNS: ReadonlyArray<{ heading: string; sort?: PipelineJourneySort; numeric?: boolean }> = [
  { heading: 'Journey', sort: 'name' },
  { heading: 'Mutual', sort: 'mutual' },
  { heading: 'Parent body', sort: 'parentBody' },
  { heading: 'Status', sort: 'state' },
  { heading: 'Planned transfer', sort: 'plannedTransferDate' },
  { heading: 'Last activity', sort: 'lastActivity' },
  { heading: 'Open tasks', numeric: true },
  { heading: 'Overdue tasks', numeric: true },
];

/**
 * The table head: sortable columns are links (server-side sorting: the page reloads sorted),
 * the sorted one carries `aria-sort` and an arrow; following a column's link sorts by it
 * ascending, or flips the order when it is already the sorted column.
 */
export function sortableHead(options: JourneyListOptions, hrefFor: (sort: PipelineJourneySort, order: SortOrder) => string) {
  return JOURNEY_COLUMNS.map((c) => {
    const base = c.numeric ? { format: 'numeric' } : {};
    if (!c.sort) return { ...base, text: c.heading };
    const current = c.sort === options.sort;
    const next: SortOrder = current && options.order === 'asc' ? 'desc' : 'asc';
    const state = current ? (options.order === 'asc' ? 'ascending' : 'descending') : 'none';
    const arrow = current ? (options.order === 'asc' ? ' ▲' : ' ▼') : '';
    const hint = current ? `, sorted ${state}; select to sort ${next === 'asc' ? 'ascending' : 'descending'}` : ', select to sort';
    return {
      ...base,
      html:
        `<a class="govuk-link govuk-link--no-visited-state pathway-sort-link" href="${escapeHtml(hrefFor(c.sort, next))}">` +
        `${escapeHtml(c.heading)}<span aria-hidden="true">${arrow}</span><span class="govuk-visually-hidden">${hint}</span></a>`,
      attributes: { 'aria-sort': state },
    };
  });
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

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
    { key: 'id', header: 'Journey ID' },
  ],
};
