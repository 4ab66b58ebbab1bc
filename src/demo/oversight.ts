// The IRO service's own records in the demo authority, for at least the two years before the as-of date (the time it
// has used IRO Desk; the history before came from its case system without them): when each review's decisions
// went to the team manager and its record was distributed, the actions set at reviews and how they were
// followed, the IRO's mid-point checks between reviews, and when the service was told of each child coming into
// care. Rates are like those the seed reports describe: most decisions and records in time, a minority late;
// about three in four review intervals with a mid-point check. Pure and seeded: the same reviews and seed give
// the same records.

import { addWorkingDays } from '../domain/calendar.ts';
import { addDays, addMonths, daysBetween, financialYearStart, type IsoDate } from '../domain/dates.ts';
import { intervalMidpoint } from '../domain/review-clock.ts';
import type { AuthoritySettings } from '../domain/settings.ts';
import { Random } from './random.ts';

/** How long before the as-of date the service has kept these records. */
export const OVERSIGHT_MONTHS = 24;

/**
 * The first day of those records: the 1 April on or before two years before the day after the as-of date (the
 * service began using IRO Desk at the start of a financial year), so no year of a report is recorded in part.
 */
export function oversightFrom(asOf: IsoDate): IsoDate {
  return financialYearStart(addMonths(addDays(asOf, 1), -OVERSIGHT_MONTHS));
}

export interface DemoHeldReview {
  reviewId: number;
  childId: string;
  heldDate: IsoDate;
  chairId: number | null;
}

export interface DemoCareStart {
  childId: string;
  /** The start of the child's latest period of care that is not short breaks only. */
  start: IsoDate;
}

export interface DemoOversight {
  workflow: { reviewId: number; decisionsIssuedDate: IsoDate | null; recordDistributedDate: IsoDate | null }[];
  actions: { reviewId: number; childId: string; description: string; owner: string; dueDate: IsoDate; completedDate: IsoDate | null }[];
  midpointChecks: { childId: string; authorId: number; date: IsoDate; text: string }[];
  notifications: { childId: string; notifiedDate: IsoDate }[];
}

const ACTIONS: readonly (readonly [string, string])[] = [
  ['Update the care plan with the decisions of this review', 'Social worker'],
  ['Arrange a PEP meeting with the virtual school', 'Social worker'],
  ['Book the annual health assessment', 'Social worker'],
  ['Agree a plan for family time with parents', 'Social worker'],
  ['Complete the life story work begun this year', 'Social worker'],
  ['Refer to CAMHS for an assessment', 'Social worker'],
  ['Confirm the permanence plan at the next legal planning meeting', 'Team manager'],
  ['Seek funding for the activity the child asked for', 'Team manager'],
  ['Share the child’s views with the independent visitor service', 'IRO'],
  ['Support the child to open a savings account', 'Carer'],
];

const CHECKS: readonly string[] = [
  'Mid-point check with the social worker: the plan is progressing.',
  'Mid-point check: the PEP has been held and the health assessment is booked.',
  'Mid-point check: family time is going ahead as planned.',
  'Mid-point check: the life story work has not started; raised with the team manager.',
  'Mid-point check: spoke to the child, who is settled.',
];

/** A date between two others, both included. */
function between(random: Random, from: IsoDate, to: IsoDate): IsoDate {
  return addDays(from, random.int(0, Math.max(0, daysBetween(from, to))));
}

export function planDemoOversight(
  reviews: readonly DemoHeldReview[],
  careStarts: readonly DemoCareStart[],
  options: { seed: number; asOf: IsoDate; settings: AuthoritySettings },
): DemoOversight {
  const { asOf, settings } = options;
  const since = oversightFrom(asOf);
  const random = new Random(options.seed, 'oversight');
  const out: DemoOversight = { workflow: [], actions: [], midpointChecks: [], notifications: [] };
  const byChild = new Map<string, DemoHeldReview[]>();
  for (const r of [...reviews].sort((a, b) => (a.childId < b.childId ? -1 : a.childId > b.childId ? 1 : a.heldDate < b.heldDate ? -1 : a.heldDate > b.heldDate ? 1 : a.reviewId - b.reviewId))) {
    const list = byChild.get(r.childId);
    if (list) list.push(r);
    else byChild.set(r.childId, [r]);
  }
  // After the as-of date nothing has happened yet.
  const byThen = (date: IsoDate) => (date <= asOf ? date : null);

  for (const [childId, held] of byChild) {
    held.forEach((review, i) => {
      if (review.heldDate >= since && review.heldDate <= asOf) {
        const decisionsIn = random.chance(0.85) ? random.int(1, settings.decisionsIssueWorkingDays) : random.int(settings.decisionsIssueWorkingDays + 1, 15);
        const recordIn = random.chance(0.8) ? random.int(5, settings.recordWorkingDays) : random.int(settings.recordWorkingDays + 1, 40);
        out.workflow.push({
          reviewId: review.reviewId,
          decisionsIssuedDate: byThen(addWorkingDays(review.heldDate, decisionsIn)),
          recordDistributedDate: byThen(addWorkingDays(review.heldDate, recordIn)),
        });
        for (let a = random.int(0, 3); a > 0; a -= 1) {
          const [description, owner] = ACTIONS[random.int(0, ACTIONS.length - 1)]!;
          const dueDate = addDays(review.heldDate, random.int(14, 90));
          let completedDate: IsoDate | null = null;
          if (dueDate <= asOf ? random.chance(0.92) : random.chance(0.25)) {
            // Most by their due date, some after it; never after the as-of date.
            const done = random.chance(0.8) ? between(random, addDays(review.heldDate, 7), dueDate) : addDays(dueDate, random.int(1, 30));
            completedDate = byThen(done);
          }
          out.actions.push({ reviewId: review.reviewId, childId, description, owner, dueDate, completedDate });
        }
      }
      // The interval from this review to the next (or, after the last, to the next one due): a check about
      // halfway, by the IRO who chaired it.
      const next = held[i + 1];
      const closes = next ? next.heldDate : addMonths(review.heldDate, 6);
      const midpoint = intervalMidpoint(review.heldDate, closes);
      if (review.chairId === null || midpoint < since || midpoint > asOf || !random.chance(0.75)) return;
      const date = addDays(midpoint, random.int(-14, 14));
      if (date > review.heldDate && date < closes && date >= since && date <= asOf) {
        out.midpointChecks.push({ childId, authorId: review.chairId, date, text: CHECKS[random.int(0, CHECKS.length - 1)]! });
      }
    });
  }
  for (const { childId, start } of careStarts) {
    if (start < since || start > asOf) continue;
    // Most on the day or the next, some within the week, a few late.
    const days = random.chance(0.7) ? random.int(0, 1) : random.chance(0.67) ? random.int(2, 5) : random.int(6, 15);
    const notifiedDate = byThen(addWorkingDays(start, days));
    if (notifiedDate !== null) out.notifications.push({ childId, notifiedDate });
  }
  return out;
}
