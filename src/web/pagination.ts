// GOV.UK pagination, shared by the pages that list many rows (children found, the children behind a figure).

export type PaginationItem = { number: number; href: string; current: boolean } | { ellipsis: true };

/** First, last and two either side of the current page, with gaps marked; null for a single page. */
export function pagination(page: number, pages: number, href: (n: number) => string) {
  if (pages <= 1) return null;
  const items: PaginationItem[] = [];
  for (let n = 1; n <= pages; n += 1) {
    if (n === 1 || n === pages || Math.abs(n - page) <= 2) items.push({ number: n, href: href(n), current: n === page });
    else if (Math.abs(n - page) === 3) items.push({ ellipsis: true });
  }
  return { items, previous: page > 1 ? { href: href(page - 1) } : undefined, next: page < pages ? { href: href(page + 1) } : undefined };
}
