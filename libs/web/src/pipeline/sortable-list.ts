import nunjucks from 'nunjucks';
import { SORT_ORDERS, type ListSorting, type SortOrder } from '@pathway/pipeline/journey-sort';
import { field, type FormProblem } from '../forms';
import { paginationView } from '../pagination';

/** A column of a sortable table: heading, the sort key when sortable, numeric or not. */
export interface SortColumn<S extends string> {
  heading: string;
  sort?: S;
  numeric?: boolean;
}

/**
 * One paged, sortable list on a page, sorted on the server. Each list has query parameters of its
 * own (`sort`, `order`, `page` for the journeys; `riskSort`… for another), so the lists page and
 * sort independently and every link keeps the others' state.
 */
export interface SortableList<S extends string> {
  /** The rows' name in messages: "journeys", "journeys at risk". */
  noun: string;
  /** The list's heading id on the page (links end `#anchor`). */
  anchor: string;
  params: { sort: string; order: string; page: string };
  sorting: ListSorting<S>;
  columns: ReadonlyArray<SortColumn<S>>;
  perPage: number;
}

export interface ListOptions<S extends string> {
  sort: S;
  order: SortOrder;
  page: number;
}

/**
 * A list's sort, order and page from the page's query. An unknown value is a problem (the page
 * answers 400 with an error summary linking to the list) and falls back to the default, so the
 * page still shows the list. Order, when not given, is as the API's (journey-sort.ts resolveSort).
 */
export function readListOptions<S extends string>(
  query: unknown,
  list: SortableList<S>,
): { options: ListOptions<S>; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  const sort = field(query, list.params.sort);
  const order = field(query, list.params.order);
  const page = field(query, list.params.page);
  let chosen: S = list.sorting.defaultSort;
  let direction: SortOrder | undefined;
  let number = 1;
  const href = `#${list.anchor}`;
  if (sort) {
    if ((list.sorting.keys as readonly string[]).includes(sort)) chosen = sort as S;
    else problems.push({ field: list.params.sort, text: `Sort the ${list.noun} by one of the column headings`, href });
  }
  if (order) {
    if ((SORT_ORDERS as readonly string[]).includes(order)) direction = order as SortOrder;
    else problems.push({ field: list.params.order, text: `Sort the ${list.noun} in ascending or descending order`, href });
  }
  if (page) {
    if (/^[1-9]\d{0,5}$/.test(page)) number = Number(page);
    else problems.push({ field: list.params.page, text: `Choose a page of ${list.noun} from the page links`, href });
  }
  return { options: { sort: chosen, order: direction ?? firstOrder(list, chosen), page: number }, problems };
}

/** The order a column sorts in when first chosen: the default order for the default sort, ascending otherwise. */
function firstOrder<S extends string>(list: SortableList<S>, sort: S): SortOrder {
  return sort === list.sorting.defaultSort ? list.sorting.defaultOrder : 'asc';
}

/** The list's own query parameters for its sort (none when it is the default) and page (none for the first). */
export function listParams<S extends string>(list: SortableList<S>, o: ListOptions<S>, withPage = true): Record<string, string> {
  const out: Record<string, string> = {};
  if (o.sort !== list.sorting.defaultSort || o.order !== list.sorting.defaultOrder) {
    out[list.params.sort] = o.sort;
    out[list.params.order] = o.order;
  }
  if (withPage && o.page > 1) out[list.params.page] = String(o.page);
  return out;
}

/**
 * The table head: sortable columns are links (server-side sorting: the page reloads sorted), the
 * sorted one carries `aria-sort` and an arrow; following a column's link sorts by it in its first
 * order, or flips the order when it is already the sorted column.
 */
export function sortableHead<S extends string>(
  list: SortableList<S>,
  options: ListOptions<S>,
  hrefFor: (sort: S, order: SortOrder) => string,
) {
  return list.columns.map((c) => {
    const base = c.numeric ? { format: 'numeric' } : {};
    if (!c.sort) return { ...base, text: c.heading };
    const current = c.sort === options.sort;
    const next: SortOrder = current ? (options.order === 'asc' ? 'desc' : 'asc') : firstOrder(list, c.sort);
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

/** Nunjucks's own escape (the one its autoescape uses; @types/nunjucks does not declare `lib`). */
const nunjucksLib = (nunjucks as unknown as { lib: { escape: (s: string) => string } }).lib;
const escapeHtml = (s: string): string => nunjucksLib.escape(s);

/**
 * Everything the template needs for one list: its sortable head, GOV.UK pagination, the "showing"
 * line, the narrow-screen sort form (the table head is hidden when rows stack). `others` is the
 * rest of the page's state (filters, the other lists' sorts and pages), kept in every link.
 */
export function sortableListView<S extends string>(
  list: SortableList<S>,
  options: ListOptions<S>,
  total: number,
  others: URLSearchParams,
  path = '/pipeline',
) {
  const href = (own: Record<string, string>) => {
    const params = new URLSearchParams(others);
    for (const [k, v] of Object.entries(own)) params.set(k, v);
    const qs = params.toString();
    return `${path}${qs ? `?${qs}` : ''}#${list.anchor}`;
  };
  const pages = Math.max(1, Math.ceil(total / list.perPage));
  const first = total === 0 ? 0 : (options.page - 1) * list.perPage + 1;
  const last = Math.min(total, options.page * list.perPage);
  const pagination = paginationView(Math.min(options.page, pages), pages, (page) => href(listParams(list, { ...options, page })));
  return {
    head: sortableHead(list, options, (sort, order) => href(listParams(list, { sort, order, page: 1 }))),
    // Several lists page on one page: each navigation landmark is named for its list.
    pagination: pagination && { ...pagination, landmarkLabel: `Pages of ${list.noun}` },
    first,
    last,
    paged: total > list.perPage,
    pastTheEnd: total > 0 && first > total,
    firstPageHref: href(listParams(list, { ...options, page: 1 })),
    sortForm: {
      action: `${path}#${list.anchor}`,
      sortField: { id: list.params.sort, name: list.params.sort, label: `Sort ${list.noun} by` },
      orderField: { id: list.params.order, name: list.params.order, label: 'Order' },
      buttonText: `Sort ${list.noun}`,
      sortItems: list.columns
        .filter((c) => c.sort)
        .map((c) => ({ value: c.sort as string, text: c.heading, selected: c.sort === options.sort })),
      orderItems: [
        { value: 'asc', text: 'Ascending (A to Z, 1 to 9)', selected: options.order === 'asc' },
        { value: 'desc', text: 'Descending (Z to A, 9 to 1)', selected: options.order === 'desc' },
      ],
      hiddenFields: [...others.entries()].map(([name, value]) => ({ name, value })),
    },
  };
}
