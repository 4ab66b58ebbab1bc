// Building blocks for the report's tables: cells that keep the children behind each count, and a
// percentage rounded the one way every section uses.

import { percentage } from '../../domain/percentages.ts';
import type { Cell, RecordRef, ReportModel, ReportTable, TableColumn, TableRow } from './types.ts';

export { percentage };

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);


export function textCell(text: string): Cell {
  return { type: 'text', text };
}

// Most lists arrive in order already (children are read in order of id, their reviews by date), so each is
// checked in one pass and sorted only when it is not: a large authority's report has millions of entries.

/** Ids sorted, each once. */
function sortedIds(ids: readonly string[]): string[] {
  for (let i = 1; i < ids.length; i += 1) {
    if (!(ids[i - 1]! < ids[i]!)) return [...new Set(ids)].sort(byText);
  }
  return ids.slice();
}

// Whether counts keep the children and records behind them. Only the JSON file asked to include them needs the
// lists; every other output shows the figures alone, and building the lists is much of a large report's work.
let keepLists = true;

/** Runs `work` (building a model) with counts that keep their lists, or not; the setting before is restored. */
export function withChildLists<T>(keep: boolean, work: () => T): T {
  const before = keepLists;
  keepLists = keep;
  try {
    return work();
  } finally {
    keepLists = before;
  }
}

/** Whether the model being built keeps the lists behind its counts. */
export function keepingLists(): boolean {
  return keepLists;
}

/** How many different ids a list holds, without sorting it when it is in order already. */
function distinctCount(ids: readonly string[]): number {
  for (let i = 1; i < ids.length; i += 1) {
    if (!(ids[i - 1]! < ids[i]!)) return new Set(ids).size;
  }
  return ids.length;
}

/** A count of children: each child once, however many times they were given. */
export function childCount(childIds: Iterable<string>): Cell {
  const list = Array.isArray(childIds) ? (childIds as string[]) : [...childIds];
  if (!keepLists) return { type: 'count', value: distinctCount(list) };
  const ids = sortedIds(list);
  return { type: 'count', value: ids.length, childIds: ids };
}

/**
 * A count of the children of some items (each child once): the list of their ids is made only when the lists are
 * kept, since a national-sized register's would be hundreds of thousands of ids made only to be counted.
 */
export function childCountOf<T>(items: readonly T[], childOf: (item: T) => string): Cell {
  if (keepLists) return childCount(items.map(childOf));
  // Nearly always in order of child, each once: then the count is the length.
  return { type: 'count', value: eachChildOnceInOrder(items, childOf) ? items.length : new Set(items.map(childOf)).size };
}

/** Whether the items' children come in order of id, each once (as the register gives them). */
export function eachChildOnceInOrder<T>(items: readonly T[], childOf: (item: T) => string): boolean {
  for (let i = 1; i < items.length; i += 1) if (!(childOf(items[i - 1]!) < childOf(items[i]!))) return false;
  return true;
}

/** A count whose lists are worked out only when they are kept. */
export function countWithLists(value: number, lists: () => { childIds: string[]; records?: RecordRef[] }): Cell {
  return keepLists ? { type: 'count', value, ...lists() } : { type: 'count', value };
}

const byRecord = (a: RecordRef, b: RecordRef) => byText(a.childId, b.childId) || byText(a.date ?? '', b.date ?? '');

/** A count of records (reviews, rearrangements): each record once, with the children they belong to. */
export function recordCount(records: readonly RecordRef[]): Cell;
/** The same, from items each giving their record only when the lists are kept. */
export function recordCount<T>(items: readonly T[], refOf: (item: T) => RecordRef): Cell;
export function recordCount<T>(items: readonly T[], refOf?: (item: T) => RecordRef): Cell {
  if (!keepLists) return { type: 'count', value: items.length };
  const records = refOf ? items.map(refOf) : (items as readonly RecordRef[]);
  let ordered = true;
  for (let i = 1; i < records.length && ordered; i += 1) ordered = byRecord(records[i - 1]!, records[i]!) <= 0;
  const sorted = ordered ? records.slice() : [...records].sort(byRecord);
  // Sorted by child, so each child's records are together.
  const childIds: string[] = [];
  for (const r of sorted) if (childIds[childIds.length - 1] !== r.childId) childIds.push(r.childId);
  return { type: 'count', value: sorted.length, childIds, records: sorted };
}

/** How many items pass a test, counted without a list being made. */
export function countWhere<T>(items: readonly T[], test: (item: T) => boolean): number {
  let n = 0;
  for (const item of items) if (test(item)) n += 1;
  return n;
}

/** recordCount() of the items that pass a test: the list of them is made only when the lists are kept. */
export function recordCountWhere<T>(items: readonly T[], test: (item: T) => boolean, refOf: (item: T) => RecordRef): Cell {
  return keepLists ? recordCount(items.filter(test), refOf) : { type: 'count', value: countWhere(items, test) };
}

/**
 * Records counted into rows as they are met, in one pass: each row's records are kept only when the lists are, so a
 * table over a national-sized register's reviews or actions makes no list for each of its rows. Each item's record
 * is made by `refOf`, given once, rather than by a function made for each item (see measures-reviews.ts).
 */
export class RecordTally<T> {
  private readonly counts = new Map<string, number>();
  private readonly records: Map<string, RecordRef[]> | null = keepLists ? new Map() : null;

  constructor(private readonly refOf: (item: T) => RecordRef) {}

  add(row: string, item: T): void {
    this.counts.set(row, (this.counts.get(row) ?? 0) + 1);
    if (this.records === null) return;
    const list = this.records.get(row);
    if (list) list.push(this.refOf(item));
    else this.records.set(row, [this.refOf(item)]);
  }

  count(row: string): number {
    return this.counts.get(row) ?? 0;
  }

  /** The row's count, as recordCount() gives it. */
  cell(row: string): Cell {
    return this.records === null ? { type: 'count', value: this.count(row) } : recordCount(this.records.get(row) ?? []);
  }
}

export function percentCell(numerator: number, denominator: number): Cell {
  return { type: 'percent', value: percentage(numerator, denominator), numerator, denominator };
}

export function numberCell(value: number | null, decimals = 1): Cell {
  return { type: 'number', value: value === null ? null : Number(value.toFixed(decimals)), decimals };
}

export function dateCell(value: string | null): Cell {
  return { type: 'date', value };
}

export const NOT_RECORDED: Cell = { type: 'not_recorded' };

export function row(key: string, label: string, cells: Cell[]): TableRow {
  return { key, cells: [textCell(label), ...cells] };
}

export function table(spec: {
  id: string;
  caption: string;
  kind?: ReportTable['kind'];
  columns: TableColumn[];
  rows: TableRow[];
  totals?: TableRow[];
  notes?: string[];
}): ReportTable {
  return {
    id: spec.id,
    caption: spec.caption,
    kind: spec.kind ?? 'summary',
    columns: spec.columns,
    rows: spec.rows,
    totals: spec.totals ?? [],
    notes: spec.notes ?? [],
  };
}

export function labelColumn(label: string): TableColumn {
  return { key: 'label', label, kind: 'label' };
}

/** The numeric value of a cell (count, percentage or number), or null. */
export function cellValue(cell: Cell | undefined): number | null {
  if (!cell) return null;
  if (cell.type === 'count') return cell.value;
  if (cell.type === 'percent' || cell.type === 'number') return cell.value;
  return null;
}

/** "1 child", "3 children": counts in the generated sentences. */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export { byText };

function countOnly(cell: Cell): Cell {
  return cell.type === 'count' ? { type: 'count', value: cell.value } : cell;
}

function rowWithoutLists(r: TableRow): TableRow {
  return { key: r.key, cells: r.cells.map(countOnly) };
}

/**
 * The model with the children and records behind each count left out (every count keeps its value): what the
 * JSON file holds by default and what a snapshot keeps, so neither grows with the authority's size.
 */
export function withoutChildLists(model: ReportModel): ReportModel {
  return {
    ...model,
    sections: model.sections.map((s) => ({
      ...s,
      tables: s.tables.map((t) => ({ ...t, rows: t.rows.map(rowWithoutLists), totals: t.totals.map(rowWithoutLists) })),
    })),
  };
}

/** What a list that names children says in place of its rows, for a reader whose role does not open children's records. */
export const CHILDREN_WITHHELD_NOTE = 'The children are listed for IRO managers and heads of service only.';

/**
 * The model with every list that names children emptied (the late reviews, late notifications, advocates asked
 * for and records to put right), each saying so: for a reader whose role gives no access to children's records
 * (decision 11). Every figure stays as it is.
 */
export function withoutChildIdentifiers(model: ReportModel): ReportModel {
  return {
    ...model,
    sections: model.sections.map((s) => ({
      ...s,
      tables: s.tables.map((t) =>
        t.kind === 'list' && t.columns.some((c) => c.key === 'child') ? { ...t, rows: [], totals: [], notes: [...t.notes, CHILDREN_WITHHELD_NOTE] } : t,
      ),
    })),
  };
}
