// The IRO report's input read from the register: settings, staff, every child's record (episodes, IRO
// allocations, reviews with their rearrangements), when the service was told of each new period of care,
// mid-point checks and what happened after each review. Whole tables are read a range of children at a
// time, ordered by child, and grouped in memory: a handful of queries per range, never one per child, so a
// large authority's register loads in seconds.
//
// Only what the report counts is read. Names, pupil numbers, postcodes and free-text notes are never
// loaded, so no report built from this input can show them.

import { loadChallengesForReport } from './challenges.ts';
import { listConsultationForReport } from '../db/consultation.ts';
import type { Kysely } from 'kysely';
import { kyselyOf, type DatabaseLike } from '../db/connection.ts';
import { SharedStrings, eachRow, streamsRows } from '../db/rows.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { getSettings } from '../db/settings.ts';
import { listStaff } from '../db/staff.ts';
import type { ParticipationCode, Sex } from '../domain/codes.ts';
import type { IsoDate } from '../domain/dates.ts';
import { periodsOfCare, sortEpisodes } from '../domain/periods-of-care.ts';
import type { ChildRecord, Episode, Rearrangement, Review } from '../domain/register.ts';
import type {
  LookedAfterNotification,
  MidpointCheck,
  ReportInput,
  ReportNarrative,
  ReportPeriod,
  ReviewAction,
  ReviewWorkflowRecord,
} from '../reports/index.ts';

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
}

const DEFAULT_BATCH = 20_000;

interface Batch {
  records: ChildRecord[];
  notifications: LookedAfterNotification[];
  workflow: ReviewWorkflowRecord[];
  earliestEpisode: IsoDate | null;
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

async function readBatch(
  db: Kysely<DatabaseSchema>,
  after: string | null,
  size: number,
  workflowFrom: IsoDate | null,
  strings: SharedStrings,
): Promise<Batch | null> {
  const everyone = !Number.isFinite(size);
  let childQuery = db
    .selectFrom('child')
    .select(['id', 'date_of_birth', 'sex', 'ethnicity', 'uasc', 'uasc_ceased_date', 'notified_date'])
    .orderBy('id');
  if (!everyone) childQuery = childQuery.limit(size);
  if (after !== null) childQuery = childQuery.where('id', '>', after);
  const children = await childQuery.execute();
  const first = children[0]?.id;
  const last = children[children.length - 1]?.id;
  if (first === undefined || last === undefined) return null;
  // A range on child_id, compared in the database's own order, matches the children just read (all of them
  // when the batch is everyone). The queries run one after another: inside a transaction they share one
  // connection.
  const inRange = <Q extends { where(column: 'child_id', op: '>=' | '<=', value: string): Q }>(q: Q): Q =>
    everyone ? q : q.where('child_id', '>=', first).where('child_id', '<=', last);

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
  let earliestEpisode: IsoDate | null = null;
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
      if (earliestEpisode === null || start < earliestEpisode) earliestEpisode = start;
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
  if (!everyone) {
    rearrangementQuery = rearrangementQuery
      .innerJoin('review', 'review.id', 'review_rearrangement.review_id')
      .where('review.child_id', '>=', first)
      .where('review.child_id', '<=', last);
  }
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
      if (workflowFrom !== null && status === 'held' && heldDate !== null && heldDate >= workflowFrom) {
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
  const notifications: LookedAfterNotification[] = [];
  for (const c of children) {
    const childId = id(c.id);
    const childEpisodes = episodes.get(childId) ?? [];
    records.push({
      child: {
        id: childId,
        givenName: null,
        familyName: null,
        dateOfBirth: strings.of(c.date_of_birth),
        sex: strings.of(c.sex) as Sex,
        ethnicity: strings.of(c.ethnicity),
        upn: null,
        uasc: c.uasc === 1,
        uascCeasedDate: strings.of(c.uasc_ceased_date),
        disability: null,
      },
      episodes: childEpisodes,
      allocations: allocations.get(childId) ?? NONE,
      reviews: reviews.get(childId) ?? NONE,
    });
    if (c.notified_date !== null) {
      const start = notifiedPeriodStart(childEpisodes, c.notified_date);
      if (start !== null) notifications.push({ childId, periodOfCareStart: start, notifiedDate: strings.of(c.notified_date) });
    }
  }
  return { records, notifications, workflow, earliestEpisode };
}

/**
 * What happened after reviews is counted only from the first review for which the service recorded decisions,
 * the record or an action: reviews before that (imported history) have no such record to be missing, so they
 * are shown as "nothing recorded" rather than late (as the dashboard counts them). Null when nothing is recorded.
 */
async function workflowRecordedFrom(db: Kysely<DatabaseSchema>): Promise<IsoDate | null> {
  const issued = await db
    .selectFrom('review')
    .select((eb) => eb.fn.min('held_date').as('first'))
    // Matches the partial index review_workflow_recorded (migration 0007), so only those reviews are read.
    .where((eb) => eb.or([eb('decisions_issued_date', 'is not', null), eb('record_distributed_date', 'is not', null)]))
    .where('status', '=', 'held')
    .executeTakeFirst();
  // Reviews looked up from their actions, never the other way: a join here can read every review ever held.
  const acted = await db
    .selectFrom('review')
    .select((eb) => eb.fn.min('held_date').as('first'))
    .where('id', 'in', (eb) => eb.selectFrom('review_action').select('review_id'))
    .where('status', '=', 'held')
    .executeTakeFirst();
  const dates = [issued?.first, acted?.first].filter((d): d is string => typeof d === 'string' && d !== '');
  return dates.length === 0 ? null : dates.reduce((a, b) => (a < b ? a : b));
}

async function midpointChecks(db: Kysely<DatabaseSchema>, strings: SharedStrings): Promise<MidpointCheck[]> {
  const checks: MidpointCheck[] = [];
  const query = db.selectFrom('iro_note').select(['child_id', 'note_date']).where('kind', '=', 'midpoint').orderBy('child_id').orderBy('note_date');
  await eachRow(db, query, (r) => checks.push({ childId: strings.of(text(r[0])), date: strings.of(text(r[1])) }));
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
  const [settings, staff, checks, workflowFrom, disputes, consultation] = await Promise.all([
    getSettings(db),
    listStaff(db),
    midpointChecks(db, strings),
    workflowRecordedFrom(db),
    loadChallengesForReport(db, strings),
    listConsultationForReport(db, strings),
  ]);
  const children: ChildRecord[] = [];
  const notifications: LookedAfterNotification[] = [];
  const workflow: ReviewWorkflowRecord[] = [];
  let earliest: IsoDate | null = null;
  for (let after: string | null = null; ; ) {
    const batch = await readBatch(db, after, size, workflowFrom, strings);
    if (batch === null) break;
    for (const r of batch.records) children.push(r);
    for (const n of batch.notifications) notifications.push(n);
    for (const w of batch.workflow) workflow.push(w);
    if (batch.earliestEpisode !== null && (earliest === null || batch.earliestEpisode < earliest)) earliest = batch.earliestEpisode;
    if (batch.records.length < size) break;
    after = batch.records[batch.records.length - 1]!.child.id;
  }
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
}
