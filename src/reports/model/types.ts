// The IRO report as data: sections of tables and charts whose every count keeps the child ids behind it,
// so a figure in the committee report can be traced back to the children it counts. Renderers turn this
// into HTML, Word, Excel or JSON without knowing what any table means.

import type { IsoDate } from '../../domain/dates.ts';
import type { ReportNarrative } from '../input.ts';

/** A reporting period with the label users write for it (e.g. "2022-23", "Apr–Sep 2023"). */
export interface ReportPeriodInfo {
  from: IsoDate;
  to: IsoDate;
  label: string;
}

/** One record behind a count that is not simply a child: a review, a rearrangement, an action. */
export interface RecordRef {
  childId: string;
  date: IsoDate | null;
}

export type Cell =
  | { type: 'text'; text: string }
  /**
   * childIds: the distinct children counted, sorted; records: the reviews or events counted, when not children.
   * Both are left out of the JSON file (unless asked for) and of snapshots: see withoutChildLists().
   */
  | { type: 'count'; value: number; childIds?: string[]; records?: RecordRef[] }
  /** value is a percentage (0–100) to one decimal place; null when there is nothing to divide by. */
  | { type: 'percent'; value: number | null; numerator: number; denominator: number }
  | { type: 'number'; value: number | null; decimals: number }
  | { type: 'date'; value: IsoDate | null }
  /** The service keeps no record of this yet: shown as "not recorded", never as zero. */
  | { type: 'not_recorded' };

export type ColumnKind = 'label' | 'text' | 'count' | 'percent' | 'number' | 'date';

export interface TableColumn {
  key: string;
  label: string;
  kind: ColumnKind;
}

export interface TableRow {
  key: string;
  /** One cell per column; the first is the row's header. */
  cells: Cell[];
}

export interface ReportTable {
  /** Stable id, "section.table", used by tests, charts and the spreadsheet. */
  id: string;
  caption: string;
  /** 'summary' tables are figures; 'list' tables list children or records (late reviews, data quality). */
  kind: 'summary' | 'list';
  columns: TableColumn[];
  rows: TableRow[];
  /** Total rows, shown apart from the body. */
  totals: TableRow[];
  notes: string[];
}

export interface ChartSeries {
  name: string;
  values: (number | null)[];
  /** Bars stack when they share a stack name. */
  kind: 'bar' | 'line';
  stack?: string;
  /** Percentages are drawn against a second axis from 0 to 100. */
  axis: 'count' | 'percent';
}

export interface ReportChart {
  id: string;
  title: string;
  /** One-sentence description for people who cannot see the chart. */
  description: string;
  categories: string[];
  series: ChartSeries[];
  /** Bars drawn across the page, for long category names. */
  horizontal: boolean;
  /** The table holding the same figures, shown beside the chart. */
  tableId: string;
}

export interface ReportSection {
  id: string;
  title: string;
  /** Sentences generated from the figures (e.g. "505 reviews were held; 499 (98.8%) within timescale."). */
  summary: string[];
  tables: ReportTable[];
  charts: ReportChart[];
}

export interface ReportModel {
  /** Bumped when the shape changes, for anyone reading the JSON. */
  schemaVersion: 1;
  authorityName: string;
  laCode: string;
  title: string;
  period: ReportPeriodInfo;
  /** Earlier periods of the same length used in year-on-year columns, oldest first. */
  comparisonPeriods: ReportPeriodInfo[];
  narrative: ReportNarrative | null;
  sections: ReportSection[];
  /**
   * Only on the files of a snapshot: which one it is and when it was generated (an ISO timestamp), so the
   * version presented to committee says so on its face. Not stored with the snapshot's figures.
   */
  snapshot?: { id: number; label: string | null; generatedAt: string };
}
