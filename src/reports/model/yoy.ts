// Year-on-year tables: one column per period, the earlier periods first and the reporting period last, as
// Nottingham's and Westminster's tables run from the oldest year to the newest.

import type { ReportContext } from './context.ts';
import { periodKey } from './periods.ts';
import { byText, childCount, countWithLists, eachChildOnceInOrder, keepingLists, labelColumn, percentCell, row, table } from './cells.ts';
import type { Cell, ReportPeriodInfo, ReportTable, TableColumn, TableRow } from './types.ts';

export function periodColumns(ctx: ReportContext, kind: TableColumn['kind'] = 'count'): TableColumn[] {
  return ctx.allPeriods.map((p) => ({ key: periodKey(p), label: p.label, kind }));
}

export function yoyRow(ctx: ReportContext, key: string, label: string, cell: (p: ReportPeriodInfo) => Cell): TableRow {
  return row(key, label, ctx.allPeriods.map(cell));
}

export interface Category {
  key: string;
  label: string;
  /** The code the row counts, where it is not the key (see unknownCodeRows). */
  code?: string;
}

/** The key every table's total row has. */
const TOTAL_KEY = 'total';

/**
 * Rows for the codes found that are not in the list, in order: nothing is dropped. Each row's key is its code, as
 * the register spells it; a code spelled like the total row's key is told apart from it, so a figure's address
 * (table, row and column) still names one cell.
 */
export function unknownCodeRows(found: Iterable<string>, known: ReadonlySet<string>): Category[] {
  return [...new Set(found)]
    .filter((k) => !known.has(k))
    .sort()
    .map((k) => ({ key: k === TOTAL_KEY ? `${k}:code` : k, label: `${k} (not a known code)`, code: k }));
}

/**
 * A year-on-year table of children by category: a row per category that has anyone in any period, in the
 * order given, each period's count, the reporting period's share, and a total row. Without the lists behind each
 * count, each category's children are counted rather than listed: a national-sized register's lists would be made
 * only to be counted.
 */
export function categoryTable<T>(
  ctx: ReportContext,
  spec: {
    id: string;
    caption: string;
    rowHeader: string;
    categories: readonly Category[];
    /** The children counted in a period, each once, each in one category. */
    items: (p: ReportPeriodInfo) => readonly T[];
    categoryOf: (item: T) => string;
    childOf: (item: T) => string;
    notes?: string[];
    /** Keep rows with no one in any period: all of them, or the keys listed (e.g. every age band). */
    keepEmpty?: boolean | readonly string[];
  },
): ReportTable {
  const lists = keepingLists();
  const byPeriod: Map<string, string[] | number>[] = ctx.allPeriods.map((p) => {
    const items = spec.items(p);
    // Counted only when each child comes once, in order (as the register gives them); otherwise listed, so that a
    // child given twice is counted once, as with the lists.
    return lists || !eachChildOnceInOrder(items, spec.childOf) ? groupIds(items, spec.categoryOf, spec.childOf) : countBy(items, spec.categoryOf);
  });
  const sizeOf = (v: string[] | number | undefined) => (v === undefined ? 0 : typeof v === 'number' ? v : v.length);
  const current = byPeriod[byPeriod.length - 1] ?? new Map<string, string[] | number>();
  const total = (m: Map<string, string[] | number>) => [...m.values()].reduce<number>((n, v) => n + sizeOf(v), 0);
  const known = new Set(spec.categories.map((c) => c.key));
  // Categories not in the list (an unknown code) still get a row: nothing is dropped.
  const extra = unknownCodeRows(byPeriod.flatMap((m) => [...m.keys()]), known);
  const keep = (key: string) => (Array.isArray(spec.keepEmpty) ? spec.keepEmpty.includes(key) : spec.keepEmpty === true);
  const countCell = (v: string[] | number | undefined) => (typeof v === 'number' ? { type: 'count' as const, value: v } : childCount(v ?? []));
  const rows = [...spec.categories, ...extra]
    .filter((c) => keep(c.key) || byPeriod.some((m) => sizeOf(m.get(c.code ?? c.key)) > 0))
    .map((c) =>
      row(c.key, c.label, [...byPeriod.map((m) => countCell(m.get(c.code ?? c.key))), percentCell(sizeOf(current.get(c.code ?? c.key)), total(current))]),
    );
  const currentLabel = ctx.period.label;
  return table({
    id: spec.id,
    caption: spec.caption,
    columns: [labelColumn(spec.rowHeader), ...periodColumns(ctx), { key: 'share', label: `% of ${currentLabel}`, kind: 'percent' }],
    rows,
    totals: [
      row(TOTAL_KEY, 'Total', [
        // Each child is in one category, so the total is the sum (the lists, when kept, are merged).
        ...byPeriod.map((m) => countWithLists(total(m), () => ({ childIds: [...m.values()].flatMap((v) => (typeof v === 'number' ? [] : v)).sort(byText) }))),
        percentCell(total(current), total(current)),
      ]),
    ],
    notes: spec.notes ?? [],
  });
}

/** How many items there are of each key. */
function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/** Groups children's ids by a key. */
export function groupIds<T>(items: readonly T[], key: (item: T) => string, id: (item: T) => string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(id(item));
    else map.set(k, [id(item)]);
  }
  return map;
}
