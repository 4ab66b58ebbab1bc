// Reviews: booked, held or cancelled, each with the participation code the DfE return asks for and the
// rearrangements made on the way. Also the bulk read the review clock needs for every child at once
// (episodes and held review dates, child by child) without a query per child.

import type { IsoDate } from '../domain/dates.ts';
import type { ParticipationCode } from '../domain/codes.ts';
import type { Rearrangement, Review, ReviewStatus } from '../domain/register.ts';
import type { ClockEpisode } from '../domain/review-clock.ts';
import { inTransaction, kyselyOf, timestampNow, type DatabaseLike } from './connection.ts';
import { ConflictError, constraintError, NotFoundError } from './errors.ts';
import type { Kysely } from 'kysely';
import type { DatabaseSchema, ReviewRearrangementRow, ReviewRow } from './schema.ts';

export type ReviewInRegister = Review & {
  id: number;
  /** Pass back to updateReview(), so a change made meanwhile by someone else is not overwritten. */
  version: number;
};

/** What the review clock needs of one child. */
export interface ClockInputs {
  episodes: ClockEpisode[];
  /** Dates of reviews held, earliest first. */
  heldDates: IsoDate[];
}

export type ReviewChanges = Partial<Pick<Review, 'dueDate' | 'bookedDate' | 'heldDate' | 'status' | 'participationCode' | 'chairId' | 'format'>>;

export function rearrangementFromRow(row: ReviewRearrangementRow): Rearrangement {
  return { changedOn: row.changed_on, fromDate: row.from_date, toDate: row.to_date, reason: row.reason, note: row.note };
}

export function reviewFromRow(row: ReviewRow, rearrangements: Rearrangement[]): ReviewInRegister {
  return {
    id: row.id,
    version: row.version,
    childId: row.child_id,
    dueDate: row.due_date,
    bookedDate: row.booked_date,
    heldDate: row.held_date,
    status: row.status,
    participationCode: row.participation_code as ParticipationCode | null,
    chairId: row.chair_id,
    format: row.format,
    rearrangements,
  };
}

export function rearrangementRow(reviewId: number, r: Rearrangement) {
  return { review_id: reviewId, changed_on: r.changedOn, from_date: r.fromDate, to_date: r.toDate, reason: r.reason, note: r.note };
}

async function rearrangementsOf(db: Kysely<DatabaseSchema>, reviewIds: number[]): Promise<Map<number, Rearrangement[]>> {
  const byReview = new Map<number, Rearrangement[]>();
  if (reviewIds.length === 0) return byReview;
  const rows = await db
    .selectFrom('review_rearrangement')
    .selectAll()
    .where('review_id', 'in', reviewIds)
    .orderBy('changed_on')
    .orderBy('id')
    .execute();
  for (const row of rows) {
    const list = byReview.get(row.review_id) ?? [];
    list.push(rearrangementFromRow(row));
    byReview.set(row.review_id, list);
  }
  return byReview;
}

/** The date a review is known by: held, else booked, else due. */
const reviewDate = (r: Pick<Review, 'heldDate' | 'bookedDate' | 'dueDate'>): string => r.heldDate ?? r.bookedDate ?? r.dueDate ?? '';

/** A child's reviews in date order (held, else booked, else due date), each with its rearrangements. */
export async function listReviews(target: DatabaseLike, childId: string): Promise<ReviewInRegister[]> {
  const db = kyselyOf(target);
  const rows = await db.selectFrom('review').selectAll().where('child_id', '=', childId).orderBy('id').execute();
  const rearrangements = await rearrangementsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows
    .map((row) => reviewFromRow(row, rearrangements.get(row.id) ?? []))
    .sort((a, b) => {
      // Reviews with no date at all go last, as the most recently added.
      const dateA = reviewDate(a) || '9999-12-31';
      const dateB = reviewDate(b) || '9999-12-31';
      return dateA < dateB ? -1 : dateA > dateB ? 1 : a.id - b.id;
    });
}

export async function findReview(target: DatabaseLike, id: number): Promise<ReviewInRegister | undefined> {
  const db = kyselyOf(target);
  const row = await db.selectFrom('review').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const rearrangements = await rearrangementsOf(db, [id]);
  return reviewFromRow(row, rearrangements.get(id) ?? []);
}

export async function getReview(target: DatabaseLike, id: number): Promise<ReviewInRegister> {
  const review = await findReview(target, id);
  if (!review) throw new NotFoundError('review');
  return review;
}

/** Adds a review, with any rearrangements it already has. */
export async function addReview(target: DatabaseLike, review: Review): Promise<ReviewInRegister> {
  return inTransaction(target, async (trx) => {
    const child = await trx.selectFrom('child').select('id').where('id', '=', review.childId).executeTakeFirst();
    if (!child) throw new NotFoundError('child');
    const now = timestampNow();
    try {
      const row = await trx
        .insertInto('review')
        .values({
          child_id: review.childId,
          due_date: review.dueDate,
          booked_date: review.bookedDate,
          held_date: review.heldDate,
          status: review.status,
          participation_code: review.participationCode,
          chair_id: review.chairId,
          format: review.format,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      if (review.rearrangements.length > 0) {
        await trx
          .insertInto('review_rearrangement')
          .values(review.rearrangements.map((r) => rearrangementRow(row.id, r)))
          .execute();
      }
      return reviewFromRow(row, [...review.rearrangements].sort((a, b) => (a.changedOn < b.changedOn ? -1 : a.changedOn > b.changedOn ? 1 : 0)));
    } catch (error) {
      throw constraintError(error, 'The review');
    }
  });
}

/**
 * Changes a review if nobody else has since `expectedVersion` was read; throws ConflictError RECORD_CHANGED
 * otherwise. Returns the review as it now is, with its new version.
 */
export async function updateReview(
  target: DatabaseLike,
  id: number,
  expectedVersion: number,
  changes: ReviewChanges,
): Promise<ReviewInRegister> {
  return inTransaction(target, async (trx) => {
    const set = {
      ...(changes.dueDate !== undefined && { due_date: changes.dueDate }),
      ...(changes.bookedDate !== undefined && { booked_date: changes.bookedDate }),
      ...(changes.heldDate !== undefined && { held_date: changes.heldDate }),
      ...(changes.status !== undefined && { status: changes.status }),
      ...(changes.participationCode !== undefined && { participation_code: changes.participationCode }),
      ...(changes.chairId !== undefined && { chair_id: changes.chairId }),
      ...(changes.format !== undefined && { format: changes.format }),
    };
    let updated: bigint;
    try {
      const result = await trx
        .updateTable('review')
        .set((eb) => ({ ...set, version: eb('version', '+', 1), updated_at: timestampNow() }))
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      updated = result.numUpdatedRows;
    } catch (error) {
      throw constraintError(error, 'The review');
    }
    if (updated === 0n) {
      const exists = await trx.selectFrom('review').select('id').where('id', '=', id).executeTakeFirst();
      if (!exists) throw new NotFoundError('review');
      throw new ConflictError('RECORD_CHANGED', 'Someone else changed this review after you opened it');
    }
    return getReview(trx, id);
  });
}

/** Records that a review's date was changed, and why. */
export async function addRearrangement(target: DatabaseLike, reviewId: number, rearrangement: Rearrangement): Promise<void> {
  await inTransaction(target, async (trx) => {
    const review = await trx.selectFrom('review').select('id').where('id', '=', reviewId).executeTakeFirst();
    if (!review) throw new NotFoundError('review');
    try {
      await trx.insertInto('review_rearrangement').values(rearrangementRow(reviewId, rearrangement)).execute();
    } catch (error) {
      throw constraintError(error, 'The rearrangement');
    }
  });
}

/**
 * Every child's clock inputs, a batch of children at a time in order of child id: three queries per batch
 * however many children, so schedules for the whole register take seconds, not a query per child.
 * Children with no episodes are included, with empty lists.
 */
export async function* streamClockInputs(
  target: DatabaseLike,
  options: { batchSize?: number } = {},
): AsyncGenerator<{ childId: string } & ClockInputs> {
  const db = kyselyOf(target);
  const batchSize = options.batchSize ?? 5000;
  let after: string | null = null;
  for (;;) {
    let children = db.selectFrom('child').select('id').orderBy('id').limit(batchSize);
    if (after !== null) children = children.where('id', '>', after);
    const ids = (await children.execute()).map((row) => row.id);
    const first = ids[0];
    const last = ids[ids.length - 1];
    if (first === undefined || last === undefined) return;
    const inputs = new Map<string, ClockInputs>(ids.map((id) => [id, { episodes: [], heldDates: [] }]));
    // A range on child_id, compared in the database's own order, matches the batch read just above.
    const episodes = await db
      .selectFrom('episode')
      .select(['child_id', 'start_date', 'end_date', 'reason_new_episode', 'legal_status', 'placement_type'])
      .where('child_id', '>=', first)
      .where('child_id', '<=', last)
      .orderBy('child_id')
      .orderBy('start_date')
      .orderBy('id')
      .execute();
    for (const row of episodes) {
      inputs.get(row.child_id)?.episodes.push({
        start: row.start_date,
        end: row.end_date,
        reasonNewEpisode: row.reason_new_episode,
        legalStatus: row.legal_status,
        placementType: row.placement_type,
      });
    }
    const held = await db
      .selectFrom('review')
      .select(['child_id', 'held_date'])
      .where('child_id', '>=', first)
      .where('child_id', '<=', last)
      .where('status', '=', 'held' satisfies ReviewStatus)
      .where('held_date', 'is not', null)
      .orderBy('child_id')
      .orderBy('held_date')
      .execute();
    for (const row of held) {
      if (row.held_date !== null) inputs.get(row.child_id)?.heldDates.push(row.held_date);
    }
    for (const [childId, input] of inputs) yield { childId, ...input };
    if (ids.length < batchSize) return;
    after = last;
  }
}

/** Every child's clock inputs as one map, child id → inputs, in order of child id. */
export async function loadClockInputs(target: DatabaseLike): Promise<Map<string, ClockInputs>> {
  const all = new Map<string, ClockInputs>();
  for await (const { childId, episodes, heldDates } of streamClockInputs(target)) all.set(childId, { episodes, heldDates });
  return all;
}

