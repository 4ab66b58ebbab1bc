// The review's record of the meeting and the work after it: who attended, when the decisions went to the
// social work team manager, their query, when the record was distributed and who signed it off. These
// columns sit on the review row; the version check that guards them is updateReview()'s, called first in
// the same transaction, so the row is locked and checked before anything here writes to it.

import type { IsoDate } from '../domain/dates.ts';
import { isAttendee, type Attendee } from '../domain/review-workflow.ts';
import { kyselyOf, type DatabaseLike } from './connection.ts';
import { NotFoundError } from './errors.ts';

export interface ReviewWorkflowRecord {
  attendance: Attendee[];
  decisionsIssuedDate: IsoDate | null;
  queryText: string | null;
  queriedDate: IsoDate | null;
  recordDistributedDate: IsoDate | null;
  signedOffBy: number | null;
  signedOffDate: IsoDate | null;
}

/** Attendance is held as a comma-separated list of codes, in the order the form lists them. */
function attendanceFromColumn(value: string | null): Attendee[] {
  if (!value) return [];
  return value.split(',').filter(isAttendee);
}

export async function getReviewWorkflow(target: DatabaseLike, reviewId: number): Promise<ReviewWorkflowRecord> {
  const row = await kyselyOf(target)
    .selectFrom('review')
    .select(['attendance', 'decisions_issued_date', 'query_text', 'queried_date', 'record_distributed_date', 'signed_off_by', 'signed_off_date'])
    .where('id', '=', reviewId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('review');
  return {
    attendance: attendanceFromColumn(row.attendance),
    decisionsIssuedDate: row.decisions_issued_date,
    queryText: row.query_text,
    queriedDate: row.queried_date,
    recordDistributedDate: row.record_distributed_date,
    signedOffBy: row.signed_off_by,
    signedOffDate: row.signed_off_date,
  };
}

/**
 * Writes the given workflow fields. Call inside a transaction after updateReview() has checked and raised the
 * review's version, so a concurrent change has already been refused.
 */
export async function setReviewWorkflow(target: DatabaseLike, reviewId: number, changes: Partial<ReviewWorkflowRecord>): Promise<void> {
  const set = {
    ...(changes.attendance !== undefined && { attendance: changes.attendance.length > 0 ? changes.attendance.join(',') : null }),
    ...(changes.decisionsIssuedDate !== undefined && { decisions_issued_date: changes.decisionsIssuedDate }),
    ...(changes.queryText !== undefined && { query_text: changes.queryText }),
    ...(changes.queriedDate !== undefined && { queried_date: changes.queriedDate }),
    ...(changes.recordDistributedDate !== undefined && { record_distributed_date: changes.recordDistributedDate }),
    ...(changes.signedOffBy !== undefined && { signed_off_by: changes.signedOffBy }),
    ...(changes.signedOffDate !== undefined && { signed_off_date: changes.signedOffDate }),
  };
  if (Object.keys(set).length === 0) return;
  await kyselyOf(target).updateTable('review').set(set).where('id', '=', reviewId).execute();
}

/**
 * Marks an action done on `date` unless it already is: returns false when someone had already completed it,
 * so the first completion date is never overwritten.
 */
export async function completeOpenAction(target: DatabaseLike, actionId: number, date: IsoDate): Promise<boolean> {
  const result = await kyselyOf(target)
    .updateTable('review_action')
    .set({ completed_date: date })
    .where('id', '=', actionId)
    .where('completed_date', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * The day of the first review held for which the service recorded the decisions issued or the record distributed,
 * or null: reviews before it (imported history) have no such record to be missing. Found through a partial index
 * (migration 0007), not by reading every review.
 */
export async function firstReviewWithDecisionsOrRecord(target: DatabaseLike): Promise<IsoDate | null> {
  const row = await kyselyOf(target)
    .selectFrom('review')
    .select((eb) => eb.fn.min('held_date').as('first'))
    .where('status', '=', 'held')
    .where((eb) => eb.or([eb('decisions_issued_date', 'is not', null), eb('record_distributed_date', 'is not', null)]))
    .executeTakeFirst();
  return row?.first ? String(row.first) : null;
}
