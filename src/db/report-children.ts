// Children's records as the IRO report reads them: episodes, IRO allocations, reviews with their
// rearrangements, and what happened after each review held. Each child is read from the copy stored for the
// report (src/db/report-records.ts, decision 12), one row per child; a child with no copy (changed since it
// was stored, or never stored) is read from the tables, a thousand children at a time. Both give the same
// objects, in the same order.
//
// Only what the report counts is read. Names, pupil numbers, postcodes and free-text notes are never
// loaded, so no report built from these records can show them.

import { sql, type Kysely } from 'kysely';
import { inTransaction, isPostgres, type DatabaseLike } from './connection.ts';
import {
  REPORT_RECORD_FORMAT,
  ReportRecordReader,
  UnstorableRecordError,
  childrenWithoutReportRecord,
  encodeReportRecord,
  storeReportRecords,
  type StoredRecord,
} from './report-records.ts';
import { Copies } from './report-copies.ts';
import type { StoredCopies } from './stored-copies.ts';
import { SharedStrings, eachRow } from './rows.ts';
import type { DatabaseSchema } from './schema.ts';
import type { ParticipationCode, Sex } from '../domain/codes.ts';
import type { IsoDate } from '../domain/dates.ts';
import { earliestCountedStart, periodsOfCare, sortEpisodes } from '../domain/periods-of-care.ts';
import type { ChildRecord, Episode, Rearrangement, Review } from '../domain/register.ts';
import type { ChildRecordSource, ConsultationRecord, LookedAfterNotification, ReviewAction, ReviewWorkflowRecord } from '../reports/input.ts';
import { listConsultationForReport } from './consultation.ts';
import { firstReviewWithDecisionsOrRecord } from './review-workflow.ts';

interface Batch {
  records: ChildRecord[];
  /** When the service was told of each child of `records`, by the same place. */
  notifiedDates: (IsoDate | null)[];
  notifications: LookedAfterNotification[];
  workflow: ReviewWorkflowRecord[];
  consultation: ConsultationRecord[];
}

/** Shared by every record with none: nothing in the report changes these lists. */
const NONE: never[] = [];

/**
 * Lists of rows kept by a key (a child, a review). Rows come ordered by that key, so a row's list is nearly
 * always the last one's and the map is looked in once per key, not once per row.
 */
class Grouped<K, V> {
  readonly lists = new Map<K, V[]>();
  private lastKey: K | undefined;
  private last: V[] = [];

  add(key: K, value: V): void {
    if (key !== this.lastKey) {
      this.lastKey = key;
      let list = this.lists.get(key);
      if (list === undefined) {
        list = [];
        this.lists.set(key, list);
      }
      this.last = list;
    }
    this.last.push(value);
  }

  get(key: K): V[] | undefined {
    return this.lists.get(key);
  }
}

/**
 * The period of care a notification is about: the latest to start on or before the day the service was told,
 * else (told in advance) the first to start after it. Short breaks are not notified.
 */
function notifiedPeriodStart(episodes: readonly Episode[], notified: IsoDate): IsoDate | null {
  const starts = periodsOfCare(sortEpisodes(episodes))
    .filter((p) => !p.shortBreaks)
    .map((p) => p.start);
  let chosen: IsoDate | null = null;
  for (const start of starts) if (start <= notified) chosen = start;
  return chosen ?? starts.find((start) => start > notified) ?? null;
}

// Columns of rows read by eachRow(), which come as the database gave them.
const text = (value: unknown) => value as string;
const maybeText = (value: unknown) => value as string | null;

/** Which children a batch reads from the tables: a run of them in order of id, or the ones named. */
/** The named children's records read from the tables (a thousand or so at a time: one IN list per table). */
async function readBatch(db: Kysely<DatabaseSchema>, named: readonly string[], strings: SharedStrings): Promise<Batch | null> {
  if (named.length === 0) return null;
  const children = await db
    .selectFrom('child')
    .select(['id', 'date_of_birth', 'sex', 'ethnicity', 'uasc', 'uasc_ceased_date', 'notified_date'])
    .where('id', 'in', [...named])
    .orderBy('id')
    .execute();
  if (children.length === 0) return null;
  // The queries run one after another: inside a transaction they share one connection.
  const ids = children.map((c) => c.id);
  const inRange = <Q extends { where(column: 'child_id', op: 'in', value: string[]): Q }>(q: Q): Q => q.where('child_id', 'in', ids);

  // One copy of each child's id, shared by the rows of every table. Rows come by child, so most are the last one's.
  let lastRead: unknown = null;
  let lastId = '';
  const id = (childId: unknown) => {
    if (childId !== lastRead) {
      lastRead = childId;
      lastId = strings.of(childId as string);
    }
    return lastId;
  };

  const episodes = new Grouped<string, Episode>();
  await eachRow(
    db,
    inRange(
      db
        .selectFrom('episode')
        .select(['child_id', 'start_date', 'end_date', 'reason_new_episode', 'legal_status', 'category_of_need', 'placement_type', 'placement_provider', 'reason_ceased']),
    )
      .orderBy('child_id')
      .orderBy('start_date')
      .orderBy('id'),
    (r) => {
      const start = strings.of(text(r[1]));
      episodes.add(id(r[0]), {
        start,
        reasonNewEpisode: strings.of(text(r[3])),
        legalStatus: strings.of(text(r[4])),
        categoryOfNeed: strings.of(text(r[5])),
        placementType: strings.of(text(r[6])),
        placementProvider: strings.of(maybeText(r[7])),
        end: strings.of(maybeText(r[2])),
        reasonCeased: strings.of(maybeText(r[8])),
        reasonPlacementChange: null,
        homePostcode: null,
        placementPostcode: null,
        urn: null,
      });
    },
  );
  const allocations = new Grouped<string, ChildRecord['allocations'][number]>();
  await eachRow(
    db,
    inRange(db.selectFrom('iro_allocation').select(['child_id', 'iro_id', 'start_date', 'end_date'])).orderBy('child_id').orderBy('start_date').orderBy('id'),
    (r) => {
      const childId = id(r[0]);
      allocations.add(childId, { childId, iroId: Number(r[1]), from: strings.of(text(r[2])), to: strings.of(maybeText(r[3])), reason: null });
    },
  );
  const rearrangements = new Grouped<number, Rearrangement>();
  // The note is the writer's own words; the report counts reasons only.
  let rearrangementQuery = db
    .selectFrom('review_rearrangement')
    .select(['review_rearrangement.review_id', 'review_rearrangement.changed_on', 'review_rearrangement.from_date', 'review_rearrangement.to_date', 'review_rearrangement.reason'])
    .orderBy('review_rearrangement.review_id')
    .orderBy('review_rearrangement.changed_on')
    .orderBy('review_rearrangement.id');
  rearrangementQuery = rearrangementQuery.innerJoin('review', 'review.id', 'review_rearrangement.review_id').where('review.child_id', 'in', ids);
  await eachRow(db, rearrangementQuery, (r) => {
    rearrangements.add(Number(r[0]), {
      changedOn: strings.of(text(r[1])),
      fromDate: strings.of(maybeText(r[2])),
      toDate: strings.of(maybeText(r[3])),
      reason: strings.of(text(r[4])),
      note: null,
    });
  });
  const actions = new Grouped<number, ReviewAction>();
  await eachRow(db, inRange(db.selectFrom('review_action').select(['review_id', 'due_date', 'completed_date'])).orderBy('review_id').orderBy('id'), (r) =>
    actions.add(Number(r[0]), { dueDate: strings.of(maybeText(r[1])), completedDate: strings.of(maybeText(r[2])) }),
  );

  const reviews = new Grouped<string, Review>();
  const workflow: ReviewWorkflowRecord[] = [];
  await eachRow(
    db,
    inRange(
      db
        .selectFrom('review')
        .select(['id', 'child_id', 'due_date', 'booked_date', 'held_date', 'status', 'participation_code', 'decisions_issued_date', 'record_distributed_date', 'chair_id']),
    )
      .orderBy('child_id')
      .orderBy('id'),
    (r) => {
      const childId = id(r[1]);
      const reviewId = Number(r[0]);
      const status = strings.of(text(r[5])) as Review['status'];
      const heldDate = strings.of(maybeText(r[4]));
      reviews.add(childId, {
        id: reviewId,
        childId,
        dueDate: strings.of(maybeText(r[2])),
        bookedDate: strings.of(maybeText(r[3])),
        heldDate,
        status,
        participationCode: strings.of(maybeText(r[6])) as ParticipationCode | null,
        chairId: r[9] === null || r[9] === undefined ? null : Number(r[9]),
        format: null,
        rearrangements: rearrangements.get(reviewId) ?? NONE,
      });
      // What followed every review held: the reader decides from which review it counts.
      if (status === 'held' && heldDate !== null) {
        workflow.push({
          childId,
          reviewId,
          heldDate,
          decisionsIssuedDate: strings.of(maybeText(r[7])),
          recordDistributedDate: strings.of(maybeText(r[8])),
          actions: actions.get(reviewId) ?? NONE,
        });
      }
    },
  );

  const records: ChildRecord[] = [];
  const notifiedDates: (IsoDate | null)[] = [];
  const notifications: LookedAfterNotification[] = [];
  for (const c of children) {
    const childId = id(c.id);
    const record: ChildRecord = {
      child: childOf(childId, [c.date_of_birth, c.sex, c.ethnicity, c.uasc, c.uasc_ceased_date], strings),
      episodes: episodes.get(childId) ?? [],
      allocations: allocations.get(childId) ?? NONE,
      reviews: reviews.get(childId) ?? NONE,
    };
    records.push(record);
    notifiedDates.push(strings.of(c.notified_date));
    const notification = notificationOf(record.child.id, record.episodes, c.notified_date, strings);
    if (notification) notifications.push(notification);
  }
  const consultation = await listConsultationForReport(db, strings, ids);
  return { records, notifiedDates, notifications, workflow, consultation };
}

/** The child's details the report counts, from the columns date_of_birth, sex, ethnicity, uasc, uasc_ceased_date. */
function childOf(childId: string, columns: readonly unknown[], strings: SharedStrings): ChildRecord['child'] {
  return {
    id: childId,
    givenName: null,
    familyName: null,
    dateOfBirth: strings.of(maybeText(columns[0])),
    sex: strings.of(text(columns[1])) as Sex,
    ethnicity: strings.of(maybeText(columns[2])),
    upn: null,
    uasc: Number(columns[3]) === 1,
    uascCeasedDate: strings.of(maybeText(columns[4])),
    disability: null,
  };
}

function notificationOf(childId: string, episodes: readonly Episode[], notified: unknown, strings: SharedStrings): LookedAfterNotification | null {
  if (notified === null || notified === undefined) return null;
  const notifiedDate = strings.of(text(notified));
  const start = notifiedPeriodStart(episodes, notifiedDate);
  return start === null ? null : { childId, periodOfCareStart: start, notifiedDate };
}

/** The child's record in the form stored for the report (src/db/report-records.ts). */
function storedFormOf(
  record: ChildRecord,
  notifiedDate: IsoDate | null,
  workflow: readonly ReviewWorkflowRecord[],
  consultation: readonly ConsultationRecord[],
): StoredRecord {
  const byReview = new Map(workflow.map((w) => [w.reviewId, w]));
  const { dateOfBirth, sex, ethnicity, uasc, uascCeasedDate } = record.child;
  return {
    child: { dateOfBirth, sex, ethnicity, uasc, uascCeasedDate, notifiedDate },
    consultation,
    episodes: record.episodes,
    allocations: record.allocations,
    reviews: record.reviews,
    workflow: record.reviews.map((r) => {
      const w = r.id === undefined ? undefined : byReview.get(r.id);
      return w && { decisionsIssuedDate: w.decisionsIssuedDate, recordDistributedDate: w.recordDistributedDate, actions: w.actions };
    }),
  };
}

// Children read from the tables at a time when their stored records are missing: an IN list of this many ids.
const MISSING_PER_QUERY = 1000;

/** SQLite's "busy" (another connection writing), PostgreSQL's serialization failure, deadlock or lock timeout. */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code === '40001' || code === '40P01' || code === '55P03');
}

/**
 * refreshReportRecords(), giving way to another writer: should it meet one (another change written at the same
 * moment), nothing is stored and the children are read from the tables until the next refresh, so a report is
 * the same either way. Used after an import and before each report.
 */
export async function refreshReportRecordsUnlessBusy(target: DatabaseLike): Promise<void> {
  try {
    await refreshReportRecords(target);
  } catch (error) {
    // Nothing was stored (the transaction rolled back); the loader reads those children from the tables.
    if (!isBusy(error)) throw error;
  }
}

/**
 * Stores the report's copy of every child's record that has none (decision 12): after an import, the demo
 * authority's loading, or before a report, so the report reads one value per child. Read and written in one
 * transaction; on PostgreSQL the table of copies is locked first, so a change committed meanwhile (whose trigger
 * deletes the copy) waits for this to finish and then deletes what it stored. Returns how many it stored.
 */
export async function refreshReportRecords(target: DatabaseLike): Promise<number> {
  return inTransaction(target, async (trx) => {
    if (isPostgres(trx)) await sql`lock table child_report_record in share row exclusive mode`.execute(trx);
    const missing = await childrenWithoutReportRecord(trx);
    const strings = new SharedStrings();
    let stored = 0;
    for (let i = 0; i < missing.length; i += MISSING_PER_QUERY) {
      const batch = await readBatch(trx, missing.slice(i, i + MISSING_PER_QUERY), strings);
      if (batch === null) continue;
      const byChild = new Grouped<string, ReviewWorkflowRecord>();
      for (const w of batch.workflow) byChild.add(w.childId, w);
      const requests = new Grouped<string, ConsultationRecord>();
      for (const c of batch.consultation) requests.add(c.childId, c);
      const encoded: { childId: string; record: Uint8Array }[] = [];
      for (const [index, record] of batch.records.entries()) {
        const id = record.child.id;
        try {
          encoded.push({ childId: id, record: encodeReportRecord(storedFormOf(record, batch.notifiedDates[index]!, byChild.get(id) ?? NONE, requests.get(id) ?? NONE)) });
        } catch (error) {
          // A value the stored form cannot hold: the child is read from the tables each time instead.
          if (!(error instanceof UnstorableRecordError)) throw error;
        }
      }
      await storeReportRecords(trx, encoded);
      stored += encoded.length;
    }
    return stored;
  });
}

/** Every child's record in order of id, when the service was told of each period of care, and what followed reviews. */
export interface ChildRecordsRead {
  /** Read one at a time, from the stored copies where there are any (see RegisterChildRecords). */
  children: ChildRecordSource;
  notifications: LookedAfterNotification[];
  /**
   * What happened after each review held from the first for which the service recorded decisions, the record or
   * an action: reviews before that (imported history) have no such record to be missing, so they are shown as
   * "nothing recorded" rather than late (as the dashboard counts them). None when nothing is recorded.
   */
  workflow: ReviewWorkflowRecord[];
  /** Requests for views sent before reviews, child by child. */
  consultation: ConsultationRecord[];
  /** The first day of any episode, or null when there is none. */
  earliest: IsoDate | null;
}

/**
 * The register's children for the report (decision 16): each child's record made from their stored copy each time
 * the children are read, and let go once counted, so the register is never held whole as records. Children whose
 * copy was missing were read from the tables, and are held as read.
 */
class RegisterChildRecords implements ChildRecordSource {
  private read = false;

  constructor(
    private readonly ids: readonly string[],
    /** For each child, the number of their copy, or their record as read from the tables. */
    private readonly held: readonly (number | ChildRecord)[],
    private readonly copies: Copies,
    private readonly reader: ReportRecordReader,
    readonly firstCountedStart: IsoDate | null,
    /** Whether each block of copies is let go once its children have been read (see LoadReportOptions.countOnce). */
    private readonly once: boolean,
  ) {}

  get size(): number {
    return this.ids.length;
  }

  *[Symbol.iterator](): Iterator<ChildRecord> {
    if (this.once && this.read) throw new Error('the register’s children can be counted only once: their copies were let go as they were counted (countOnce)');
    this.read = true;
    for (let i = 0; i < this.ids.length; i += 1) {
      const held = this.held[i]!;
      if (typeof held !== 'number') {
        yield held;
        continue;
      }
      const id = this.ids[i]!;
      // Copies are in order of child, so a block is done with once a copy in a later one is read.
      const copy = this.once ? this.copies.take(held) : this.copies.get(held);
      // Read once already when loaded, in the layout written now: it reads the same again.
      yield recordOfCopy(id, this.reader.readForCounting(copy, id)!);
    }
    if (this.once) this.copies.releaseAll();
  }

  /** The records themselves, as a list would give them. */
  toJSON(): ChildRecord[] {
    return [...this];
  }
}

/** A child's record as the report reads it, from their stored copy. */
function recordOfCopy(childId: string, stored: Pick<StoredRecord, 'child' | 'episodes' | 'allocations' | 'reviews'>): ChildRecord {
  const c = stored.child;
  return {
    child: {
      id: childId,
      givenName: null,
      familyName: null,
      dateOfBirth: c.dateOfBirth,
      sex: c.sex,
      ethnicity: c.ethnicity,
      upn: null,
      uasc: c.uasc,
      uascCeasedDate: c.uascCeasedDate,
      disability: null,
    },
    episodes: stored.episodes,
    allocations: stored.allocations.length > 0 ? stored.allocations : NONE,
    reviews: stored.reviews.length > 0 ? stored.reviews : NONE,
  };
}

/**
 * The first review held with anything recorded after it (decisions issued, the record distributed, an action):
 * what follows reviews is counted from there. The dashboard's query for the first two, and one over the actions.
 */
async function firstReviewFollowedUp(db: Kysely<DatabaseSchema>): Promise<IsoDate | null> {
  const [sent, acted] = await Promise.all([
    firstReviewWithDecisionsOrRecord(db),
    // Each review with actions looked up by its id: the actions are far fewer than the reviews.
    db
      .selectFrom('review')
      .select((eb) => eb.fn.min('held_date').as('first'))
      .where('status', '=', 'held')
      .where('id', 'in', (eb) => eb.selectFrom('review_action').select('review_id'))
      .executeTakeFirst(),
  ]);
  const first = acted?.first ? String(acted.first) : null;
  return sent === null || (first !== null && first < sent) ? first : sent;
}

/** Each child's id with their stored copy and its layout, in order of id: one row per child. */
export function storedCopiesQuery(db: Kysely<DatabaseSchema>) {
  return (
    db
      .selectFrom('child')
      .leftJoin('child_report_record', 'child_report_record.child_id', 'child.id')
      // The child's own details are in the copy: a child without one is read from the tables below.
      .select(['child.id', 'child_report_record.format', 'child_report_record.record'])
      .orderBy('child.id')
  );
}

/**
 * Reads every child's record, `size` children per round of queries (all at once when it is Infinity): what the
 * report needs of the whole register (notifications, what followed reviews, requests for views) now, and each
 * child's record again as the report counts them (RegisterChildRecords). The stored copies may have been read
 * already, on a thread of their own (`stored`, see stored-copies.ts); otherwise they are read here.
 */
export async function readChildRecords(
  db: Kysely<DatabaseSchema>,
  size: number,
  strings: SharedStrings,
  countOnce = false,
  stored?: StoredCopies,
): Promise<ChildRecordsRead> {
  const workflowFrom = await firstReviewFollowedUp(db);
  const ids: string[] = [];
  const held: (number | ChildRecord | undefined)[] = [];
  const copies = stored?.copies ?? new Copies();
  // By child, in order, so the lists come in the same order whichever way each child was read.
  const notificationOfChild: (LookedAfterNotification | null)[] = [];
  const workflowOfChild: ReviewWorkflowRecord[][] = [];
  const consultationOfChild: (readonly ConsultationRecord[])[] = [];
  const missing: { index: number; id: string }[] = [];
  const reader = new ReportRecordReader(strings);
  let earliest: IsoDate | null = null;
  let firstCounted: IsoDate | null = null;
  const noteEpisodes = (episodes: readonly Episode[]) => {
    for (const e of episodes) if (earliest === null || e.start < earliest) earliest = e.start;
    firstCounted = earliestCountedStart(firstCounted, episodes);
  };
  // A child with copy number `copy` among the copies (-1 for none in the layout read now).
  const take = (childId: string, copy: number) => {
    const index = ids.length;
    ids.push(childId);
    // Only what the whole register is needed for now: the record is made from the copy when the child is counted.
    const parts = copy === -1 ? null : reader.readForRegister(copies.get(copy), childId, workflowFrom);
    if (parts === null) {
      missing.push({ index, id: childId });
      held.push(undefined);
      notificationOfChild.push(null);
      workflowOfChild.push(NONE);
      consultationOfChild.push(NONE);
      return;
    }
    // The episodes are made only where they are needed: a child told of, or one whose first day is the earliest yet.
    let episodes: Episode[] | null = null;
    const first = parts.firstStart;
    if (first !== null && (earliest === null || first < earliest)) earliest = first;
    if (first !== null && (firstCounted === null || first < firstCounted)) {
      episodes = reader.episodesOf(copies.get(copy));
      firstCounted = earliestCountedStart(firstCounted, episodes);
    }
    held.push(copy);
    const notified = parts.child.notifiedDate;
    notificationOfChild.push(notified === null ? null : notificationOf(childId, episodes ?? reader.episodesOf(copies.get(copy)), notified, strings));
    workflowOfChild.push(parts.workflow);
    // Read with the child's id: kept as read, each request one object.
    consultationOfChild.push(parts.consultation.length === 0 ? NONE : parts.consultation);
  };
  if (stored !== undefined) {
    for (let i = 0; i < stored.ids.length; i += 1) take(strings.of(stored.ids[i]!), stored.copyOf[i]!);
  } else {
    // Each child's details and stored record: one row per child.
    for (let after: string | null = null; ; ) {
      let query = storedCopiesQuery(db);
      if (Number.isFinite(size)) query = query.limit(size);
      if (after !== null) query = query.where('child.id', '>', after);
      let read = 0;
      await eachRow(db, query, (r) => {
        read += 1;
        const childId = strings.of(text(r[0]));
        after = childId;
        const value = r[2] as Uint8Array | null;
        take(childId, r[1] === REPORT_RECORD_FORMAT && value !== null ? copies.add(value) : -1);
      });
      if (read < size) break;
    }
  }
  // Children with no stored record (changed since it was stored, or never stored) are read from the tables.
  for (let i = 0; i < missing.length; i += MISSING_PER_QUERY) {
    const chunk = missing.slice(i, i + MISSING_PER_QUERY);
    const batch = await readBatch(db, chunk.map((m) => m.id), strings);
    if (batch === null) continue;
    const byId = new Map(batch.records.map((r) => [r.child.id, r]));
    const notified = new Map(batch.notifications.map((n) => [n.childId, n]));
    const workflow = new Grouped<string, ReviewWorkflowRecord>();
    for (const w of batch.workflow) if (workflowFrom !== null && w.heldDate >= workflowFrom) workflow.add(w.childId, w);
    const requests = new Grouped<string, ConsultationRecord>();
    for (const c of batch.consultation) requests.add(c.childId, c);
    for (const m of chunk) {
      const record = byId.get(m.id);
      // Deleted between the two reads: not in the register any more.
      if (record === undefined) continue;
      noteEpisodes(record.episodes);
      held[m.index] = record;
      notificationOfChild[m.index] = notified.get(m.id) ?? null;
      workflowOfChild[m.index] = workflow.get(m.id) ?? NONE;
      consultationOfChild[m.index] = requests.get(m.id) ?? NONE;
    }
  }
  const keptIds: string[] = [];
  const kept: (number | ChildRecord)[] = [];
  const notifications: LookedAfterNotification[] = [];
  const workflow: ReviewWorkflowRecord[] = [];
  const consultation: ConsultationRecord[] = [];
  for (let i = 0; i < ids.length; i += 1) {
    const h = held[i];
    if (h === undefined) continue;
    keptIds.push(ids[i]!);
    kept.push(h);
    const n = notificationOfChild[i];
    if (n) notifications.push(n);
    for (const w of workflowOfChild[i]!) workflow.push(w);
  }
  for (let i = 0; i < ids.length; i += 1) if (held[i] !== undefined) for (const c of consultationOfChild[i]!) consultation.push(c);
  return { children: new RegisterChildRecords(keptIds, kept, copies, reader, firstCounted, countOnce), notifications, workflow, consultation, earliest };
}
