/** The parameters of govuk-frontend's `govukPagination` for a numbered list of pages. */
export interface PaginationView {
  previous?: { href: string };
  next?: { href: string };
  items: Array<{ number: number; href: string; current?: boolean } | { ellipsis: true }>;
}

/**
 * GOV.UK pagination for page `page` of `pages` (1-based): previous and next links, the first and
 * last pages, the current page with one either side, and ellipses for the gaps (the Design
 * System's pattern). Undefined when there is only one page, so the template shows nothing.
 */
export function paginationView(page: number, pages: number, hrefFor: (page: number) => string): PaginationView | undefined {
  if (pages <= 1) return undefined;
  const shown = [...new Set([1, page - 1, page, page + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const items: PaginationView['items'] = [];
  let last = 0;
  for (const n of shown) {
    if (n - last > 2) items.push({ ellipsis: true });
    else if (n - last === 2) items.push({ number: last + 1, href: hrefFor(last + 1) });
    items.push(n === page ? { number: n, href: hrefFor(n), current: true } : { number: n, href: hrefFor(n) });
    last = n;
  }
  return {
    ...(page > 1 ? { previous: { href: hrefFor(page - 1) } } : {}),
    ...(page < pages ? { next: { href: hrefFor(page + 1) } } : {}),
    items,
  };
}
