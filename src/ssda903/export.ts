// Writing a collection year's Header, Episodes, Reviews and UASC tables from the register: the children
// looked after at any time in the year, their episodes open in the year (as they stood on 31 March: an
// episode that ended later is written as still open), the reviews held in the year. CSV through
// csv-stringify, a child at a time, with spreadsheet formulas neutralised (a value starting = + - @ gets a
// leading quote), dates dd/mm/yyyy and SEX coded as that year codes it.

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { stringify, type Stringifier } from 'csv-stringify';
import { SHORT_BREAK_LEGAL_STATUSES } from '../domain/codes.ts';
import { formatUkDate, parseUkDate, type IsoDate } from '../domain/dates.ts';
import type { ChildRecord } from '../domain/register.ts';
import type { CollectionYear } from './collection-year.ts';
import { placementTypeProblem, sexForReturn } from './code-lists.ts';
import { Ssda903Error } from './errors.ts';
import { IMPORTED_TABLES, TABLES, type ImportedTable } from './tables.ts';

export type ReturnRow = Record<string, string>;

export interface ChildReturnRows {
  Header: ReturnRow;
  Episodes: ReturnRow[];
  Reviews: ReturnRow[];
  UASC: ReturnRow[];
}

const date = (value: IsoDate | null) => (value === null ? '' : formatUkDate(value));
const text = (value: string | null) => value ?? '';

/** Whether the child was looked after at any time in the year. */
export function lookedAfterIn(record: ChildRecord, year: CollectionYear): boolean {
  return record.episodes.some((e) => e.start <= year.end && (e.end === null || e.end >= year.start));
}

const isShortBreak = (legalStatus: string) => SHORT_BREAK_LEGAL_STATUSES.includes(legalStatus);

/**
 * A child's rows in a year's return, or null when the child was not looked after in it. The return's own
 * conventions are applied: an episode that ended after 31 March is written open; short breaks (V3/V4) carry
 * no postcodes or URN, and a child looked after only on short breaks has no reviews in the return (rules
 * 214, 398 and 399); from 2024-25 semi-independent living (H5) is written as K3, as the DfE asked, and before
 * 2024-25 K3 as H5. Other placement codes the year's list does not have (Z1 from 2025-26, P2) are written as
 * recorded, and writeReturn() warns of them: which code replaces them is for the service to say.
 */
function placeForYear(place: string, year: CollectionYear): string {
  if (place === 'H5' && year.startYear >= 2024) return 'K3';
  if (place === 'K3' && year.startYear < 2024) return 'H5';
  return place;
}

export function childReturnRows(record: ChildRecord, year: CollectionYear): ChildReturnRows | null {
  if (!lookedAfterIn(record, year)) return null;
  const { child } = record;
  const inYear = [...record.episodes]
    .filter((e) => e.start <= year.end && (e.end === null || e.end >= year.start))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const onlyShortBreaks = inYear.every((e) => isShortBreak(e.legalStatus));
  const episodes = inYear
    .map((e): ReturnRow => {
      // As at 31 March an episode that ended later was still open: no end, reason or reason for the move.
      const ended = e.end !== null && e.end <= year.end;
      const shortBreak = isShortBreak(e.legalStatus);
      return {
        CHILD: child.id,
        DECOM: date(e.start),
        RNE: e.reasonNewEpisode,
        LS: e.legalStatus,
        CIN: e.categoryOfNeed,
        PLACE: placeForYear(e.placementType, year),
        PLACE_PROVIDER: text(e.placementProvider),
        DEC: ended ? date(e.end) : '',
        REC: ended ? text(e.reasonCeased) : '',
        REASON_PLACE_CHANGE: ended ? text(e.reasonPlacementChange) : '',
        HOME_POST: shortBreak ? '' : text(e.homePostcode),
        PL_POST: shortBreak ? '' : text(e.placementPostcode),
        URN: shortBreak ? '' : text(e.urn),
      };
    });
  const reviews = record.reviews
    .filter(() => !onlyShortBreaks)
    .filter((r) => r.status === 'held' && r.heldDate !== null && r.heldDate >= year.start && r.heldDate <= year.end)
    .sort((a, b) => (a.heldDate! < b.heldDate! ? -1 : a.heldDate! > b.heldDate! ? 1 : 0))
    .map((r): ReturnRow => ({ CHILD: child.id, DOB: date(child.dateOfBirth), REVIEW: date(r.heldDate), REVIEW_CODE: text(r.participationCode) }));
  const sex = sexForReturn(child.sex, year);
  // The mother fields as imported from earlier returns; blank for a child added in IRO Desk.
  const header: ReturnRow = { CHILD: child.id, SEX: sex, DOB: date(child.dateOfBirth), ETHNIC: text(child.ethnicity), UPN: text(child.upn), MOTHER: child.mother ?? '', MC_DOB: date(child.motherChildDob ?? null) };
  const uascCeased = child.uascCeasedDate !== null && child.uascCeasedDate <= year.end ? child.uascCeasedDate : null;
  const uasc = child.uasc ? [{ CHILD: child.id, SEX: sex, DOB: date(child.dateOfBirth), DUC: date(uascCeased) }] : [];
  return { Header: header, Episodes: episodes, Reviews: reviews, UASC: uasc };
}

export interface WrittenTable {
  table: ImportedTable;
  file: string;
  rows: number;
}

/** The four CSV files of a return, written a row at a time with back-pressure. */
export class ReturnWriter {
  private readonly streams = new Map<ImportedTable, { stringifier: Stringifier; done: Promise<void>; file: string; rows: number }>();

  private constructor() {}

  static async open(outDir: string): Promise<ReturnWriter> {
    try {
      await mkdir(outDir, { recursive: true });
    } catch {
      throw new Ssda903Error('SSDA903_OUTPUT', `cannot create the folder ${outDir}`);
    }
    const writer = new ReturnWriter();
    for (const table of IMPORTED_TABLES) {
      const spec = TABLES[table];
      const file = path.join(outDir, spec.fileName);
      const stringifier = stringify({ header: true, columns: spec.columns.map((c) => c.name), escape_formulas: true });
      const output = createWriteStream(file);
      stringifier.pipe(output);
      const done = finished(output).catch(() => {
        throw new Ssda903Error('SSDA903_OUTPUT', `cannot write ${file}`);
      });
      // Reported by close(); this keeps an early failure from being an unhandled rejection meanwhile.
      done.catch(() => undefined);
      writer.streams.set(table, { stringifier, done, file, rows: 0 });
    }
    return writer;
  }

  async write(table: ImportedTable, row: ReturnRow): Promise<void> {
    const stream = this.streams.get(table)!;
    stream.rows += 1;
    if (!stream.stringifier.write(row)) await once(stream.stringifier, 'drain');
  }

  async writeChild(rows: ChildReturnRows): Promise<void> {
    await this.write('Header', rows.Header);
    for (const row of rows.Episodes) await this.write('Episodes', row);
    for (const row of rows.Reviews) await this.write('Reviews', row);
    for (const row of rows.UASC) await this.write('UASC', row);
  }

  async close(): Promise<WrittenTable[]> {
    const written: WrittenTable[] = [];
    for (const [table, stream] of this.streams) {
      stream.stringifier.end();
      await stream.done;
      written.push({ table, file: stream.file, rows: stream.rows });
    }
    return written;
  }
}

export interface ExportResult {
  year: CollectionYear;
  tables: WrittenTable[];
  children: number;
  warnings: string[];
}

/** Writes a year's return from records given one child at a time (from the register, or the demo). */
export async function writeReturn(records: AsyncIterable<ChildRecord> | Iterable<ChildRecord>, year: CollectionYear, outDir: string): Promise<ExportResult> {
  const writer = await ReturnWriter.open(outDir);
  let children = 0;
  let unknownSex = 0;
  // Placement codes the year's list refuses, by the problem the import would name: the return could not be submitted.
  const placeProblems = new Map<string, number>();
  try {
    for await (const record of records) {
      const rows = childReturnRows(record, year);
      if (!rows) continue;
      children += 1;
      if (rows.Header.SEX === '') unknownSex += 1;
      for (const e of rows.Episodes) {
        const problem = placementTypeProblem(e.PLACE ?? '', e.DEC ? parseUkDate(e.DEC) : null, year);
        if (problem !== null) placeProblems.set(problem, (placeProblems.get(problem) ?? 0) + 1);
      }
      await writer.writeChild(rows);
    }
  } catch (error) {
    await writer.close().catch(() => undefined);
    throw error;
  }
  const tables = await writer.close();
  const warnings = unknownSex > 0
    ? [`${unknownSex} ${unknownSex === 1 ? 'child has' : 'children have'} sex recorded as unknown, which a ${year.label} return cannot code (only 1 or 2): SEX is left blank`]
    : [];
  for (const [problem, n] of placeProblems) {
    warnings.push(`${n} ${n === 1 ? 'episode has a placement type' : 'episodes have placement types'} the ${year.label} return refuses (${problem}): written as recorded; correct ${n === 1 ? 'it' : 'them'} in the register before submitting`);
  }
  return { year, tables, children, warnings };
}
