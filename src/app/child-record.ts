// One child's record as the IRO reads it: details, periods of care, IRO history and every review with its
// due date and whether it was in time, all from the one review clock.

import type { Database } from '../db/database.ts';
import { getChild } from '../db/children.ts';
import { listEpisodes } from '../db/episodes.ts';
import { listAllocations } from '../db/allocations.ts';
import { listReviews } from '../db/reviews.ts';
import { listStaff } from '../db/staff.ts';
import { reviewSchedule, type ReviewSchedule, type ScheduledReview } from '../domain/review-clock.ts';
import type { IsoDate } from '../domain/dates.ts';
import type { Child, Episode, IroAllocation, Review } from '../domain/register.ts';

export interface ChildRecordView {
  child: Child;
  episodes: Episode[];
  periods: ReviewSchedule['periods'];
  allocations: (IroAllocation & { iroName: string })[];
  /** Held reviews with their timeliness, missed reviews, and booked or cancelled ones. */
  reviews: { review: Review | null; timeliness: ScheduledReview | null }[];
  next: ReviewSchedule['next'];
  outsideCare: ReviewSchedule['outsideCare'];
}

export async function childRecord(database: Database, childId: string, asOf: IsoDate): Promise<ChildRecordView> {
  const child = await getChild(database, childId);
  const [episodes, allocations, reviews, staff] = await Promise.all([
    listEpisodes(database, childId),
    listAllocations(database, childId),
    listReviews(database, childId),
    listStaff(database),
  ]);
  const names = new Map(staff.map((s) => [s.id, s.name]));
  const held = reviews.filter((r) => r.status === 'held' && r.heldDate !== null);
  const schedule = reviewSchedule(episodes, held.map((r) => r.heldDate!), asOf);
  const rows: ChildRecordView['reviews'] = schedule.reviews.map((timeliness) => ({
    review: timeliness.heldIndex === null ? null : held[timeliness.heldIndex]!,
    timeliness,
  }));
  for (const o of schedule.outsideCare) rows.push({ review: held[o.heldIndex]!, timeliness: null });
  for (const r of reviews) if (r.status !== 'held') rows.push({ review: r, timeliness: null });
  const dateOf = (row: ChildRecordView['reviews'][number]) =>
    row.review?.heldDate ?? row.review?.bookedDate ?? row.timeliness?.dueDate ?? row.review?.dueDate ?? '';
  rows.sort((a, b) => (dateOf(a) < dateOf(b) ? -1 : dateOf(a) > dateOf(b) ? 1 : 0));
  return {
    child,
    episodes,
    periods: schedule.periods,
    allocations: allocations.map((a) => ({ ...a, iroName: names.get(a.iroId) ?? `Staff ${a.iroId}` })),
    reviews: rows,
    next: schedule.next,
    outsideCare: schedule.outsideCare,
  };
}
