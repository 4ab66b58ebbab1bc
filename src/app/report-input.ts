// The IRO report's input read from the register: settings, staff, every child's record (episodes, IRO
// allocations, reviews with their rearrangements: src/db/report-children.ts), when the service was told of
// each new period of care, mid-point checks, what happened after each review, challenges, compliments and
// consultation. Whole tables are read, never one query per child, so a large authority's register loads in
// seconds.
//
// Only what the report counts is read. Names, pupil numbers, postcodes and free-text notes are never
// loaded, so no report built from this input can show them.

import { loadChallengesForReport } from './challenges.ts';
import type { Kysely } from 'kysely';
import { kyselyOf, type DatabaseLike } from '../db/connection.ts';
import { readChildRecords, storedCopiesQuery } from '../db/report-children.ts';
import { readStoredCopiesOnThread } from '../db/stored-copies.ts';
import { SharedStrings, eachRow, streamsRows } from '../db/rows.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { getSettings } from '../db/settings.ts';
import { listStaff } from '../db/staff.ts';
import type { IsoDate } from '../domain/dates.ts';
import type { MidpointCheck, ReportInput, ReportNarrative, ReportPeriod } from '../reports/index.ts';

export { refreshReportRecords, refreshReportRecordsUnlessBusy } from '../db/report-children.ts';

export interface LoadReportOptions {
  narrative?: ReportNarrative;
  /**
   * The first day from which the register holds every child looked after; when not given, the day the register
   * records (`recordsCompleteFrom`), else its earliest episode.
   */
  recordsFrom?: IsoDate;
  /** Earlier periods to compare with (0 to 6; 6 when not given). */
  comparisonPeriods?: number;
  /** Children read per round of queries; smaller uses less memory while loading. All at once on SQLite, 20,000 otherwise. */
  batchSize?: number;
  /**
   * The input will be counted once (one report built from it, as `iro report` and the report thread do): each child's
   * stored copy is then let go as soon as the child has been counted, rather than held until the report is built.
   * Counting such an input a second time fails.
   */
  countOnce?: boolean;
  /**
   * From how many children a SQLite register's stored copies are read on a thread of their own (decision 19): below
   * it, starting the thread costs more than it saves. 10,000 when not given.
   */
  copiesThreadFrom?: number;
}

const DEFAULT_BATCH = 20_000;
const COPIES_THREAD_FROM = 10_000;

/** The stored copies being read on a thread of their own, for a register of at least `from` children that can be. */
async function copiesOnThread(db: Kysely<DatabaseSchema>, from: number) {
  if (from > 0) {
    const counted = await db.selectFrom('child').select((eb) => eb.fn.countAll<number>().as('children')).executeTakeFirst();
    if (Number(counted?.children ?? 0) < from) return null;
  }
  return readStoredCopiesOnThread(db, storedCopiesQuery(db));
}

async function midpointChecks(db: Kysely<DatabaseSchema>, strings: SharedStrings): Promise<MidpointCheck[]> {
  const checks: MidpointCheck[] = [];
  const query = db.selectFrom('iro_note').select(['child_id', 'note_date']).where('kind', '=', 'midpoint').orderBy('child_id').orderBy('note_date');
  await eachRow(db, query, (r) => checks.push({ childId: strings.of(r[0] as string), date: strings.of(r[1] as string) }));
  return checks;
}

/** The report's input for a period, read from the register in bulk. */
export async function loadReportInput(target: DatabaseLike, period: ReportPeriod, options: LoadReportOptions = {}): Promise<ReportInput> {
  const db = kyselyOf(target);
  // SQLite streams each table once, whole; PostgreSQL reads a range of children at a time, so that no query
  // returns millions of rows at once.
  const size = options.batchSize ?? (streamsRows(db) ? Infinity : DEFAULT_BATCH);
  // One copy of each date, code and child id across everything read.
  const strings = new SharedStrings();
  // A SQLite file's stored copies are read on a thread of their own meanwhile (decision 19).
  const copies = Number.isFinite(size) ? null : await copiesOnThread(db, options.copiesThreadFrom ?? COPIES_THREAD_FROM);
  try {
    const [settings, staff, checks, disputes] = await Promise.all([
      getSettings(db),
      listStaff(db),
      midpointChecks(db, strings),
      loadChallengesForReport(db, strings),
    ]);
    const stored = copies === null ? undefined : await copies.result;
    const { children, notifications, workflow, consultation, earliest } = await readChildRecords(db, size, strings, options.countOnce === true, stored);
    // As the register records it (an SSDA903 year imported, the demo's history), else its first episode.
    const recordsFrom = options.recordsFrom ?? settings.recordsCompleteFrom ?? earliest ?? undefined;
    return {
      period,
      settings,
      staff: staff.map((s) => ({ ...s, email: '' })),
      children,
      notifications,
      midpointChecks: checks,
      reviewWorkflow: workflow,
      challenges: disputes.challenges,
      compliments: disputes.compliments,
      consultation,
      ...(options.narrative !== undefined && { narrative: options.narrative }),
      ...(options.comparisonPeriods !== undefined && { comparisonPeriods: options.comparisonPeriods }),
      ...(recordsFrom !== undefined && { recordsFrom }),
    };
  } finally {
    copies?.stop();
  }
}
