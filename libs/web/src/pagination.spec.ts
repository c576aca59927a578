import { paginationView } from './pagination';

const href = (n: number) => `?page=${n}`;
const numbers = (v: ReturnType<typeof paginationView>) =>
  v!.items.map((i) => ('ellipsis' in i ? '…' : 'current' in i && i.current ? `[${i.number}]` : String(i.number)));

describe('paginationView', () => {
  it('shows nothing for a single page', () => {
    expect(paginationView(1, 1, href)).toBeUndefined();
    expect(paginationView(1, 0, href)).toBeUndefined();
  });

  it('links previous and next only when there is such a page', () => {
    expect(paginationView(1, 3, href)).toMatchObject({ next: { href: '?page=2' } });
    expect(paginationView(1, 3, href)?.previous).toBeUndefined();
    expect(paginationView(3, 3, href)).toMatchObject({ previous: { href: '?page=2' } });
    expect(paginationView(3, 3, href)?.next).toBeUndefined();
  });

  it('shows first, last, the current page and its neighbours, with ellipses for gaps', () => {
    expect(numbers(paginationView(1, 3, href))).toEqual(['[1]', '2', '3']);
    expect(numbers(paginationView(5, 10, href))).toEqual(['1', '…', '4', '[5]', '6', '…', '10']);
    expect(numbers(paginationView(1, 10, href))).toEqual(['[1]', '2', '…', '10']);
    // A gap of one page shows that page rather than an ellipsis.
    expect(numbers(paginationView(4, 7, href))).toEqual(['1', '2', '3', '[4]', '5', '6', '7']);
    expect(paginationView(2, 3, href)!.items[1]).toEqual({ number: 2, href: '?page=2', current: true });
  });
});
