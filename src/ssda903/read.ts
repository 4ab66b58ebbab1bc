// Reading a return: every file streamed, its table recognised by its header row, each row parsed and checked
// against the collection year's code lists, and every structural problem collected (not just the first).
// The rows of the four stored tables are kept (they are the register to be); the other tables are checked
// and let go, keeping only which children they name.

import { stat } from 'node:fs/promises';
import type { IsoDate } from '../domain/dates.ts';
import { collectionYearContaining, type CollectionYear } from './collection-year.ts';
import { codesFor, collectionYearForCodes, placementTypeProblem, sexCodingOf, sexFromReturn } from './code-lists.ts';
import { readCsvRecords, type ReturnSource } from './csv-source.ts';
import { Ssda903Error, type ProblemCode, type Severity, type StructuralProblem } from './errors.ts';
import { parseRecord, toRow, type AnyRow, type EpisodeRow, type HeaderRow, type ReviewRow, type UascRow } from './rows.ts';
import { IMPORTED_TABLES, normaliseColumnName, recogniseTable, TABLES, type ImportedTable, type TableName, type TableSpec } from './tables.ts';

export interface FileSummary {
  file: string;
  table: TableName | null;
  rows: number;
}

export interface LoadedReturn {
  source: ReturnSource;
  year: CollectionYear;
  /** The latest date the year was inferred from; null when the year was given. */
  yearInferredFrom: IsoDate | null;
  files: FileSummary[];
  tables: ReadonlySet<TableName>;
  header: HeaderRow[];
  episodes: EpisodeRow[];
  reviews: ReviewRow[];
  uasc: UascRow[];
  /** Children named in the tables IRO Desk does not store (OC3 tells a care leaver from a missing episode). */
  otherChildren: ReadonlyMap<TableName, ReadonlySet<string>>;
  problems: StructuralProblem[];
  /** Problems beyond the listing limit: counted, not kept, so a wholly wrong file cannot exhaust memory. */
  omittedProblems: number;
}

export interface LoadOptions {
  year?: CollectionYear;
  /** Called as bytes are read: done and total over all the return's files. */
  onProgress?: (done: number, total: number) => void;
  maxProblems?: number;
}

export const DEFAULT_MAX_PROBLEMS = 50_000;

/** Structural checks that a DfE rule also reports; `iro validate` shows them once, under the rule. */
const COVERED_BY_RULE: Record<string, string> = {
  'BAD_DATE Header.DOB': '102', 'BAD_DATE Header.MC_DOB': '171', 'UNKNOWN_CODE Header.SEX': '101',
  'UNKNOWN_CODE Header.ETHNIC': '103', 'BAD_DATE UASC.DUC': '104', 'BAD_DATE Episodes.DECOM': '141',
  'BAD_DATE Episodes.DEC': '147', 'UNKNOWN_CODE Episodes.RNE': '143', 'UNKNOWN_CODE Episodes.LS': '144',
  'UNKNOWN_CODE Episodes.CIN': '145', 'UNKNOWN_CODE Episodes.PLACE': '146', 'UNKNOWN_CODE Episodes.REC': '149',
  'UNKNOWN_CODE Episodes.PLACE_PROVIDER': '178', 'UNKNOWN_CODE Episodes.REASON_PLACE_CHANGE': '1009',
  'BAD_DATE Reviews.REVIEW': '166', 'BLANK_REQUIRED Reviews.REVIEW': '166', 'UNKNOWN_CODE Reviews.REVIEW_CODE': '167',
  'CHILD_NOT_IN_HEADER Episodes.CHILD': 'INT03', 'CHILD_NOT_IN_HEADER Reviews.CHILD': 'INT08',
  'CHILD_NOT_IN_HEADER UASC.CHILD': 'INT09', 'DUPLICATE_CHILD Header.CHILD': 'INT32', 'DUPLICATE_CHILD UASC.CHILD': 'INT36',
};

export function ruleCovering(problem: StructuralProblem & { table?: TableName }): string | null {
  return problem.table ? (COVERED_BY_RULE[`${problem.code} ${problem.table}.${problem.column}`] ?? null) : null;
}

/** A structural problem, with the table it was found in (for matching it with the DfE rule that also reports it). */
export type TableProblem = StructuralProblem & { table?: TableName };

class ProblemLog {
  readonly list: TableProblem[] = [];
  omitted = 0;
  constructor(private readonly max: number) {}
  add(problem: TableProblem): void {
    if (this.list.length < this.max) this.list.push(problem);
    else this.omitted += 1;
  }
}

const isImported = (table: TableName): table is ImportedTable => (IMPORTED_TABLES as readonly string[]).includes(table);

/** Reads all the files of one return. Throws only when the collection year can be neither given nor inferred. */
export async function loadReturn(source: ReturnSource, options: LoadOptions = {}): Promise<LoadedReturn> {
  const log = new ProblemLog(options.maxProblems ?? DEFAULT_MAX_PROBLEMS);
  const rows = { Header: [] as HeaderRow[], Episodes: [] as EpisodeRow[], Reviews: [] as ReviewRow[], UASC: [] as UascRow[] };
  const otherChildren = new Map<TableName, Set<string>>();
  const files: FileSummary[] = [];
  const tables = new Set<TableName>();
  const sizes = await Promise.all(source.files.map((f) => stat(f).then((s) => s.size, () => 0)));
  const total = sizes.reduce((a, b) => a + b, 0);
  let doneBefore = 0;
  // Other tables' codes do not change by year; the year of the stored tables is not known until all is read.
  const otherYear = options.year ?? collectionYearForCodes();

  for (const [i, file] of source.files.entries()) {
    const summary: FileSummary = { file, table: null, rows: 0 };
    files.push(summary);
    let spec: TableSpec | null = null;
    let columnIndex = new Map<string, number>();
    let headerLength = 0;
    let severity: Severity = 'error';
    let sawHeader = false;
    for await (const record of readCsvRecords(file, (p) => log.add(p))) {
      if (options.onProgress && record.line % 2000 === 0) options.onProgress(doneBefore + record.bytes, total);
      if (!sawHeader) {
        sawHeader = true;
        const recognition = recogniseTable(record.fields);
        for (const name of recognition.duplicates) {
          log.add({ code: 'DUPLICATE_COLUMN', severity: 'error', file, row: record.line, column: name, value: null, reason: 'the column appears twice in the header row' });
        }
        if (recognition.table === null) {
          log.add({
            code: 'UNKNOWN_TABLE', severity: 'error', file, row: record.line, column: null, value: truncate(record.fields.join(',')),
            reason: 'the header row does not match any SSDA903 table (Header, Episodes, Reviews, UASC, OC2, OC3, AD1, PlacedAdoption, PrevPerm, Missing, SWEpisodes)',
          });
          break;
        }
        spec = recognition.table;
        severity = isImported(spec.name) ? 'error' : 'warning';
        summary.table = spec.name;
        tables.add(spec.name);
        for (const name of recognition.missing) {
          log.add({ code: 'MISSING_COLUMN', severity: 'error', table: spec.name, file, row: record.line, column: name, value: null, reason: `the ${spec.name} table has no ${name} column` });
        }
        for (const name of recognition.unknown) {
          log.add({ code: 'UNKNOWN_COLUMN', severity: 'warning', table: spec.name, file, row: record.line, column: name, value: null, reason: `not a column of the ${spec.name} table: ignored` });
        }
        columnIndex = new Map(record.fields.map((name, index) => [normaliseColumnName(name), index]));
        headerLength = record.fields.length;
        continue;
      }
      if (!spec) break;
      summary.rows += 1;
      const table = spec.name;
      const report = (code: ProblemCode, column: string | null, value: string | null, reason: string) =>
        log.add({ code, severity, table, file, row: record.line, column, value, reason });
      if (record.fields.length !== headerLength) {
        report('WRONG_FIELD_COUNT', null, null, `the row has ${record.fields.length} fields but the header has ${headerLength}: the row is left out`);
        continue;
      }
      const parsed = parseRecord(spec, columnIndex, record.fields, report);
      if (isImported(table)) {
        (rows[table] as AnyRow[]).push(toRow(table, file, record.line, parsed));
      } else {
        for (const column of spec.columns) {
          const value = parsed.values[column.name];
          if (column.kind.kind === 'code' && value != null && !codesFor(column.kind.list, otherYear).has(value)) {
            report('UNKNOWN_CODE', column.name, value, `not a code of the ${column.name} list`);
          }
        }
        const child = parsed.values.CHILD;
        if (child) {
          let set = otherChildren.get(table);
          if (!set) otherChildren.set(table, (set = new Set()));
          set.add(child);
        }
      }
    }
    if (!sawHeader && !log.list.some((p) => p.file === file && p.severity === 'error')) {
      log.add({ code: 'EMPTY_FILE', severity: 'warning', file, row: null, column: null, value: null, reason: 'the file is empty' });
    }
    doneBefore += sizes[i] ?? 0;
    options.onProgress?.(doneBefore, total);
  }

  const { year, inferredFrom } = chooseYear(options.year, rows.Episodes, rows.Reviews);
  checkCodes(rows, year, log);
  checkChildren(rows, tables, log);
  return {
    source, year, yearInferredFrom: inferredFrom, files, tables,
    header: rows.Header, episodes: rows.Episodes, reviews: rows.Reviews, uasc: rows.UASC,
    otherChildren, problems: log.list, omittedProblems: log.omitted,
  };
}

const truncate = (text: string) => (text.length > 120 ? `${text.slice(0, 117)}...` : text);

/** The year given, or the collection year of the latest episode or review date in the return. */
function chooseYear(given: CollectionYear | undefined, episodes: EpisodeRow[], reviews: ReviewRow[]): { year: CollectionYear; inferredFrom: IsoDate | null } {
  if (given) return { year: given, inferredFrom: null };
  let latest: IsoDate | null = null;
  const consider = (date: IsoDate | null) => {
    if (date !== null && (latest === null || date > latest)) latest = date;
  };
  for (const e of episodes) {
    consider(e.DECOM);
    consider(e.DEC);
  }
  for (const r of reviews) consider(r.REVIEW);
  if (latest === null) {
    throw new Ssda903Error('SSDA903_YEAR_UNKNOWN', 'the collection year cannot be worked out: the return has no episode or review dates. Give it with --year, e.g. --year 2024-25');
  }
  return { year: collectionYearContaining(latest), inferredFrom: latest };
}

function checkCodes(rows: { Header: HeaderRow[]; Episodes: EpisodeRow[]; Reviews: ReviewRow[]; UASC: UascRow[] }, year: CollectionYear, log: ProblemLog): void {
  for (const table of IMPORTED_TABLES) {
    const spec = TABLES[table];
    const coded = spec.columns.filter((c) => c.kind.kind === 'code');
    for (const row of rows[table] as AnyRow[]) {
      const values = row as unknown as Record<string, string | null>;
      for (const column of coded) {
        const value = values[column.name];
        if (value == null || column.kind.kind !== 'code') continue;
        let reason: string | null = null;
        if (column.kind.list === 'SEX') {
          if (sexFromReturn(value, year) === null) reason = `SEX in a ${year.label} return is ${sexCodingOf(year)}`;
        } else if (column.kind.list === 'PLACE' && row.table === 'Episodes') {
          reason = placementTypeProblem(value, row.DEC, year);
        } else if (!codesFor(column.kind.list, year).has(value)) {
          const codes = [...codesFor(column.kind.list, year)];
          reason = `not a ${column.name} code of ${year.label}${codes.length <= 8 ? ` (${codes.slice(0, -1).join(', ')} or ${codes.at(-1)})` : ''}`;
        }
        if (reason) log.add({ code: 'UNKNOWN_CODE', severity: 'error', table, file: row.file, row: row.line, column: column.name, value, reason });
      }
    }
  }
}

function checkChildren(rows: { Header: HeaderRow[]; Episodes: EpisodeRow[]; Reviews: ReviewRow[]; UASC: UascRow[] }, tables: ReadonlySet<TableName>, log: ProblemLog): void {
  const inHeader = new Set<string>();
  for (const row of rows.Header) {
    if (row.CHILD === '') continue;
    if (inHeader.has(row.CHILD)) {
      log.add({ code: 'DUPLICATE_CHILD', severity: 'error', table: 'Header', file: row.file, row: row.line, column: 'CHILD', value: row.CHILD, reason: 'the child is in the Header table more than once' });
    }
    inHeader.add(row.CHILD);
  }
  if (!tables.has('Header')) return;
  for (const table of ['Episodes', 'Reviews', 'UASC'] as const) {
    for (const row of rows[table] as AnyRow[]) {
      if (row.CHILD !== '' && !inHeader.has(row.CHILD)) {
        log.add({ code: 'CHILD_NOT_IN_HEADER', severity: 'error', table, file: row.file, row: row.line, column: 'CHILD', value: row.CHILD, reason: 'the child is not in the Header table' });
      }
    }
  }
  const inUasc = new Set<string>();
  for (const row of rows.UASC) {
    if (inUasc.has(row.CHILD)) {
      log.add({ code: 'DUPLICATE_CHILD', severity: 'warning', table: 'UASC', file: row.file, row: row.line, column: 'CHILD', value: row.CHILD, reason: 'the child is in the UASC table more than once: the first row is used' });
    }
    inUasc.add(row.CHILD);
  }
  const reviewKeys = new Set<string>();
  for (const row of rows.Reviews) {
    if (row.REVIEW === null) continue;
    const key = `${row.CHILD}\u0000${row.REVIEW}`;
    if (reviewKeys.has(key)) {
      log.add({ code: 'DUPLICATE_ROW', severity: 'warning', table: 'Reviews', file: row.file, row: row.line, column: 'REVIEW', value: null, reason: 'a review on the same date for the same child is already in the return: the first is used' });
    }
    reviewKeys.add(key);
  }
}
