// Upcoming and overdue statutory reviews across the register: every child's clock, computed once from
// their episodes and held reviews, filtered to those due within a window or already overdue.

import type { Database } from '../db/database.ts';
import { loadClockInputs } from '../db/reviews.ts';
import { listChildren } from '../db/children.ts';
import { currentAllocations } from '../db/allocations.ts';
import { listStaff } from '../db/staff.ts';
import { reviewSchedule, type NextReviewDue } from '../domain/review-clock.ts';
import type { IsoDate } from '../domain/dates.ts';

export interface ReviewDueRow {
  childId: string;
  childName: string;
  iroName: string | null;
  next: NextReviewDue;
}

export async function listReviewsDue(database: Database, options: { asOf: IsoDate; withinDays: number }): Promise<ReviewDueRow[]> {
  const inputs = await loadClockInputs(database);
  const children = new Map((await listChildren(database)).map((c) => [c.id, c]));
  const iroByChild = await currentAllocations(database, options.asOf);
  const staffNames = new Map((await listStaff(database)).map((s) => [s.id, s.name]));
  const rows: ReviewDueRow[] = [];
  for (const [childId, input] of inputs) {
    const { next } = reviewSchedule(input.episodes, input.heldDates, options.asOf);
    if (!next || next.daysToGo > options.withinDays) continue;
    const child = children.get(childId);
    const iroId = iroByChild.get(childId);
    rows.push({
      childId,
      childName: [child?.givenName, child?.familyName].filter(Boolean).join(' '),
      iroName: iroId === undefined ? null : (staffNames.get(iroId) ?? null),
      next,
    });
  }
  return rows.sort((a, b) => (a.next.dueDate < b.next.dueDate ? -1 : a.next.dueDate > b.next.dueDate ? 1 : a.childId < b.childId ? -1 : 1));
}
