// One figure of the report with the children and records behind it: what a manager sees on following a count
// in the report's page. Only the section holding the figure is built, with its lists, so opening a figure costs
// one section rather than the whole report with every list.

import type { ReportInput } from './input.ts';
import { STANDARD_SECTIONS, buildReportModel } from './model.ts';
import { periodKey } from './model/periods.ts';
import { formatCell } from './render/format.ts';
import type { IsoDate } from '../domain/dates.ts';
import type { RecordRef, ReportPeriodInfo } from './model/types.ts';

/** Where a figure is in the report: its table, row and column, by their keys. */
export interface FigureRef {
  tableId: string;
  rowKey: string;
  columnKey: string;
}

export interface Figure {
  caption: string;
  rowLabel: string;
  columnLabel: string;
  value: number;
  /** The period the figure counts, when its column is one of the year-on-year periods; null otherwise. */
  period: ReportPeriodInfo | null;
  /** The distinct children counted, sorted. */
  childIds: string[];
  /** The reviews or other records counted, by child then date; null when the figure counts children. */
  records: RecordRef[] | null;
}

/** A table's section is the part of its id before the first dot ("timeliness.reviews" is in "timeliness"). */
function sectionOf(tableId: string) {
  const id = tableId.split('.')[0];
  return STANDARD_SECTIONS.find((s) => s.id === id) ?? null;
}

/** The count at `ref` with its lists; null when there is no such table, row or column, or the cell is not a count. */
export function buildFigure(input: ReportInput, ref: FigureRef): Figure | null {
  const section = sectionOf(ref.tableId);
  if (!section) return null;
  const model = buildReportModel(input, { childLists: true, sections: [section] });
  const table = model.sections[0]?.tables.find((t) => t.id === ref.tableId);
  const row = table && [...table.rows, ...table.totals].find((r) => r.key === ref.rowKey);
  const column = table ? table.columns.findIndex((c) => c.key === ref.columnKey) : -1;
  // The first column is the row's label, never a figure.
  const cell = row && column > 0 ? row.cells[column] : undefined;
  if (!table || !row || cell?.type !== 'count') return null;
  return {
    caption: table.caption,
    rowLabel: formatCell(row.cells[0]),
    columnLabel: table.columns[column]!.label,
    value: cell.value,
    period: [...model.comparisonPeriods, model.period].find((p) => periodKey(p) === ref.columnKey) ?? null,
    childIds: cell.childIds ?? [],
    records: cell.records ?? null,
  };
}

/** What a figure's page says of it, above its list. */
export interface FigureHeading extends Omit<Figure, 'childIds' | 'records'> {
  /** The distinct children behind it. */
  children: number;
  /** Whether it counts reviews or other records (one row each) rather than children. */
  countsRecords: boolean;
}

export function figureHeading(figure: Figure): FigureHeading {
  return {
    caption: figure.caption,
    rowLabel: figure.rowLabel,
    columnLabel: figure.columnLabel,
    value: figure.value,
    period: figure.period,
    children: figure.childIds.length,
    countsRecords: figure.records !== null,
  };
}

/** One row of the list behind a figure: a child (null for a record about no one child), with the record's date when the figure counts records. */
export interface FigureRow {
  childId: string | null;
  date: IsoDate | null;
}

export function figureRows(figure: Figure): FigureRow[] {
  if (figure.records === null) return figure.childIds.map((childId) => ({ childId, date: null }));
  return figure.records.map((r) => ({ childId: r.childId === '' ? null : r.childId, date: r.date }));
}

/** One page of a figure's list: a page past the last, however large, is the last. */
export interface FigureListPage {
  heading: FigureHeading;
  rows: FigureRow[];
  total: number;
  page: number;
  pages: number;
  /** The place of the page's first row in the whole list, from 1. */
  first: number;
}

export function figureListPage(figure: Figure, page: number, pageSize: number): FigureListPage {
  const rows = figureRows(figure);
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  const current = Math.min(Math.max(1, Math.trunc(page)), pages);
  const start = (current - 1) * pageSize;
  return { heading: figureHeading(figure), rows: rows.slice(start, start + pageSize), total: rows.length, page: current, pages, first: start + 1 };
}
