// The rows of the four tables IRO Desk stores, as read from a return: text trimmed, blanks as null, codes in
// capitals, dates as ISO dates (null when blank or not a date; which of the two is kept in `badDates`, as the
// DfE date rules tell them apart). Each row knows its file and line so a rule can point at it.

import { parseUkDate, type IsoDate } from '../domain/dates.ts';
import type { ProblemCode } from './errors.ts';
import type { ColumnSpec, ImportedTable, TableSpec } from './tables.ts';

export interface RowBase {
  table: ImportedTable;
  file: string;
  line: number;
  CHILD: string;
  /** Columns whose text was not a date in dd/mm/yyyy; null when there were none (most rows). */
  badDates: readonly string[] | null;
}

export interface HeaderRow extends RowBase {
  table: 'Header';
  SEX: string | null;
  DOB: IsoDate | null;
  ETHNIC: string | null;
  UPN: string | null;
  MOTHER: string | null;
  MC_DOB: IsoDate | null;
}

export interface EpisodeRow extends RowBase {
  table: 'Episodes';
  DECOM: IsoDate | null;
  RNE: string | null;
  LS: string | null;
  CIN: string | null;
  PLACE: string | null;
  PLACE_PROVIDER: string | null;
  DEC: IsoDate | null;
  REC: string | null;
  REASON_PLACE_CHANGE: string | null;
  HOME_POST: string | null;
  PL_POST: string | null;
  URN: string | null;
}

export interface ReviewRow extends RowBase {
  table: 'Reviews';
  DOB: IsoDate | null;
  REVIEW: IsoDate | null;
  REVIEW_CODE: string | null;
}

export interface UascRow extends RowBase {
  table: 'UASC';
  SEX: string | null;
  DOB: IsoDate | null;
  DUC: IsoDate | null;
}

export type AnyRow = HeaderRow | EpisodeRow | ReviewRow | UascRow;

/** Whether a date column held text (blank is not text); the DfE rules say "not a valid date" only then. */
export function hadText<R extends AnyRow>(row: R, column: keyof R & string): boolean {
  return row[column] !== null || (row.badDates?.includes(column) ?? false);
}

/** A quote added before = + - @ by a formula-safe export (ours, or a spreadsheet's) is not part of the value. */
export function unescapeFormula(value: string): string {
  return /^'[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(value) ? value.slice(1) : value;
}

export interface ParsedRecord {
  values: Record<string, string | null>;
  badDates: string[] | null;
}

type Report = (code: ProblemCode, column: string, value: string, reason: string) => void;

/**
 * The values of one record by column name. Dates are parsed here, as the collection year does not change
 * them; code lists are checked once the year is known (see checkCodes in read.ts).
 */
export function parseRecord(
  spec: TableSpec,
  columnIndex: ReadonlyMap<string, number>,
  fields: readonly string[],
  report: Report,
): ParsedRecord {
  const values: Record<string, string | null> = {};
  let badDates: string[] | null = null;
  for (const column of spec.columns) {
    const index = columnIndex.get(column.name);
    const raw = index === undefined ? '' : (fields[index] ?? '');
    const text = raw.trim();
    if (text === '') {
      values[column.name] = null;
      if (column.required && index !== undefined) report('BLANK_REQUIRED', column.name, '', blankReason(column));
      continue;
    }
    switch (column.kind.kind) {
      case 'date': {
        const date = parseUkDate(text);
        if (date === null) {
          (badDates ??= []).push(column.name);
          report('BAD_DATE', column.name, text, 'not a real date in the form dd/mm/yyyy');
        }
        values[column.name] = date;
        break;
      }
      case 'code':
        values[column.name] = text.toUpperCase();
        break;
      case 'integer':
        if (!/^-?\d+$/.test(text)) report('BAD_NUMBER', column.name, text, 'not a whole number');
        values[column.name] = text;
        break;
      case 'id':
      case 'text':
        values[column.name] = unescapeFormula(text);
        break;
    }
  }
  return { values, badDates };
}

function blankReason(column: ColumnSpec): string {
  return column.name === 'CHILD' ? "blank: every row needs the child's identifier" : 'blank: this field must be completed';
}

/** Builds the typed row of a stored table from parsed values; the column set is the table's, so the cast holds. */
export function toRow<R extends AnyRow>(table: R['table'], file: string, line: number, parsed: ParsedRecord): R {
  return { table, file, line, ...parsed.values, CHILD: parsed.values.CHILD ?? '', badDates: parsed.badDates } as unknown as R;
}

/** Rows by child, in the order given. */
export function groupByChild<R extends AnyRow>(rows: readonly R[]): Map<string, R[]> {
  const map = new Map<string, R[]>();
  for (const row of rows) {
    const list = map.get(row.CHILD);
    if (list) list.push(row);
    else map.set(row.CHILD, [row]);
  }
  return map;
}
