// Decisions of a review recorded as actions, each with an owner and a deadline, followed to completion.

import type { IsoDate } from '../domain/dates.ts';
import { kyselyOf, timestampNow, type DatabaseLike } from './connection.ts';

export interface ReviewAction {
  id: number;
  reviewId: number;
  childId: string;
  description: string;
  owner: string;
  dueDate: IsoDate;
  completedDate: IsoDate | null;
}

export async function addReviewActions(
  target: DatabaseLike,
  reviewId: number,
  childId: string,
  actions: { description: string; owner: string; dueDate: IsoDate }[],
): Promise<void> {
  if (actions.length === 0) return;
  const now = timestampNow();
  await kyselyOf(target)
    .insertInto('review_action')
    .values(actions.map((a) => ({ review_id: reviewId, child_id: childId, description: a.description, owner: a.owner, due_date: a.dueDate, created_at: now })))
    .execute();
}

const fromRow = (r: { id: number; review_id: number; child_id: string; description: string; owner: string; due_date: string; completed_date: string | null }): ReviewAction => ({
  id: r.id,
  reviewId: r.review_id,
  childId: r.child_id,
  description: r.description,
  owner: r.owner,
  dueDate: r.due_date,
  completedDate: r.completed_date,
});

export async function listReviewActions(target: DatabaseLike, filter: { childId?: string; reviewId?: number; openOnly?: boolean }): Promise<ReviewAction[]> {
  let query = kyselyOf(target).selectFrom('review_action').selectAll();
  if (filter.childId !== undefined) query = query.where('child_id', '=', filter.childId);
  if (filter.reviewId !== undefined) query = query.where('review_id', '=', filter.reviewId);
  if (filter.openOnly) query = query.where('completed_date', 'is', null);
  const rows = await query.orderBy('due_date').orderBy('id').execute();
  return rows.map(fromRow);
}

export async function findReviewAction(target: DatabaseLike, id: number): Promise<ReviewAction | undefined> {
  const row = await kyselyOf(target).selectFrom('review_action').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

export async function completeReviewAction(target: DatabaseLike, id: number, completedDate: IsoDate): Promise<void> {
  await kyselyOf(target).updateTable('review_action').set({ completed_date: completedDate }).where('id', '=', id).execute();
}

/** Open actions per child (count and how many are past their deadline on `asOf`). */
export async function openActionCounts(target: DatabaseLike, asOf: IsoDate): Promise<Map<string, { open: number; overdue: number }>> {
  const rows = await kyselyOf(target).selectFrom('review_action').select(['child_id', 'due_date']).where('completed_date', 'is', null).execute();
  const result = new Map<string, { open: number; overdue: number }>();
  for (const r of rows) {
    const entry = result.get(r.child_id) ?? { open: 0, overdue: 0 };
    entry.open += 1;
    if (r.due_date < asOf) entry.overdue += 1;
    result.set(r.child_id, entry);
  }
  return result;
}
