// The statutory review clock: for each review a child has had, the date it was due, whether it was held
// within timescale and how many days late; and the next review due. One implementation for the whole
// system: the web pages, the reports, the SSDA903 checks and the CLI all call reviewSchedule().
//
// The rules (Care Planning, Placement and Case Review (England) Regulations 2010, reg 33 and reg 48;
// Adoption Agencies Regulations 2005 reg 36), as ../docs/review-clock.md explains with examples:
// - a period of care: first review within 20 working days of its start, second within 3 months of the
//   first, then at intervals of not more than 6 months; each interval runs from the date the previous
//   review was actually held, so an early or additional review restarts it;
// - a new period of care restarts the clock at 20 working days; a change of placement or legal status
//   inside a period does not;
// - short breaks (legal status V3/V4, reg 48): first review within 3 months of the first break, then every
//   6 months; breaks recorded one by one (V3) and separated by gaps form one series unless a gap is longer
//   than 6 months; a series recorded as one agreement (V4) ends when the agreement does;
// - placed for adoption (A3–A6): the next review is due not more than 4 weeks after the placement (or
//   earlier, if already due sooner), the one after within 3 months, then every 6 months;
// - "within" means on or before the due date; due dates are never moved to a working day.

import { ADOPTION_PLACEMENTS, SHORT_BREAK_LEGAL_STATUSES } from './codes.ts';
import { addWorkingDaysToDayNumber } from './calendar.ts';
import { addMonths, addMonthsToDayNumber, fromDayNumber, toDayNumber, type IsoDate } from './dates.ts';
import { periodsOfCare, sortEpisodes } from './periods-of-care.ts';
import type { Episode, PeriodOfCare } from './register.ts';

/** Which statutory rule set a review's due date. */
export type ReviewRule =
  | 'first_20_working_days'
  | 'second_3_months'
  | 'subsequent_6_months'
  | 'short_break_first_3_months'
  | 'short_break_6_months'
  | 'adoption_first_4_weeks'
  | 'adoption_second_3_months'
  | 'adoption_6_months';

export const REVIEW_RULE_LABELS: Record<ReviewRule, string> = {
  first_20_working_days: 'First review: within 20 working days of becoming looked after',
  second_3_months: 'Second review: within 3 months of the first',
  subsequent_6_months: 'Later review: within 6 months of the previous',
  short_break_first_3_months: 'Short breaks: first review within 3 months of the first break',
  short_break_6_months: 'Short breaks: within 6 months of the previous review',
  adoption_first_4_weeks: 'Placed for adoption: within 4 weeks of the placement',
  adoption_second_3_months: 'Placed for adoption: within 3 months of the previous review',
  adoption_6_months: 'Placed for adoption: within 6 months of the previous review',
};

/** A stretch of time on one review timetable: a period of care, or a series of short breaks. */
export interface ClockRun {
  kind: 'care' | 'short_breaks';
  start: IsoDate;
  /** Last day looked after in the run; null while it goes on. */
  end: IsoDate | null;
  /** Start dates of placements for adoption within the run. */
  adoptionPlacements: IsoDate[];
  /**
   * Short breaks whose last episode is an agreement (V4, "when agreements are recorded"), not a single break
   * (V3): its end is the end of the series, as the end of care is, with no six months between breaks after it.
   */
  agreement?: true;
}

export interface ScheduledReview {
  /** Index of the run (period of care or short-break series) the review belongs to. */
  run: number;
  /** 1 for the first review of the run. */
  sequence: number;
  rule: ReviewRule;
  /** The date the interval counts from: the start of care, the placement, or the previous review held. */
  countsFrom: IsoDate;
  dueDate: IsoDate;
  /** Null for a review that fell due while the child was looked after and was never held. */
  heldDate: IsoDate | null;
  /** Index into the held dates given to reviewSchedule(); null for a missed review. */
  heldIndex: number | null;
  inTime: boolean;
  /** Calendar days after the due date (0 when in time); for a missed review, days from due to the end of care. */
  daysLate: number;
}

export interface NextReviewDue {
  run: number;
  sequence: number;
  rule: ReviewRule;
  countsFrom: IsoDate;
  dueDate: IsoDate;
  /** Calendar days past the due date on the as-of date; 0 when not yet due. */
  daysOverdue: number;
  /** Calendar days from the as-of date to the due date (negative when overdue). */
  daysToGo: number;
}

export interface ReviewSchedule {
  periods: PeriodOfCare[];
  runs: ClockRun[];
  reviews: ScheduledReview[];
  /** Null when the child is not looked after on the as-of date. */
  next: NextReviewDue | null;
  /** Held reviews on dates when the child was not looked after: data to correct, never silently dropped. */
  outsideCare: { heldIndex: number; heldDate: IsoDate }[];
  /**
   * Each period of care that ended (by the as-of date) while a review was not yet due: the interval then running,
   * which no review closed and none was missed in. Mid-point monitoring still counts it while care lasted.
   */
  unfinished: UnfinishedInterval[];
}

export interface UnfinishedInterval {
  run: number;
  rule: ReviewRule;
  countsFrom: IsoDate;
  /** The review's due date, on or after the day care ended. */
  dueDate: IsoDate;
}

export type ClockEpisode = Pick<Episode, 'start' | 'end' | 'reasonNewEpisode' | 'legalStatus' | 'placementType'>;

/** A series of short breaks stays current (its reviews still due, its IRO kept) this many months after a break ends. */
export const SHORT_BREAK_SERIES_MONTHS = 6;

const isShortBreak = (legalStatus: string) => SHORT_BREAK_LEGAL_STATUSES.includes(legalStatus);
const isAdoptionPlacement = (placementType: string) => ADOPTION_PLACEMENTS.includes(placementType);

/** Splits a child's time looked after into runs of one timetable each. */
export function clockRuns(sortedEpisodes: readonly ClockEpisode[], periods: readonly PeriodOfCare[]): ClockRun[] {
  const runs: ClockRun[] = [];
  // Each period's episodes are read in place, by index: the clock runs for every child of a national register.
  for (const period of periods) {
    const from = period.firstEpisode;
    const to = Math.min(period.lastEpisode + 1, sortedEpisodes.length);
    const first = sortedEpisodes[from];
    if (!first || from >= to) continue;
    let careFrom = from;
    if (isShortBreak(first.legalStatus)) {
      // Short breaks until the first episode on another legal status; from then on, reg 33 as a new start.
      while (careFrom < to && isShortBreak(sortedEpisodes[careFrom]!.legalStatus)) careFrom += 1;
      const breaksEnd = careFrom === to ? period.end : sortedEpisodes[careFrom]!.start;
      const agreement = sortedEpisodes[careFrom - 1]!.legalStatus === 'V4';
      const previous = runs[runs.length - 1];
      if (previous && previous.kind === 'short_breaks' && !previous.agreement && previous.end !== null && addMonths(previous.end, SHORT_BREAK_SERIES_MONTHS) >= period.start) {
        previous.end = breaksEnd;
        if (agreement) previous.agreement = true;
      } else {
        runs.push({ kind: 'short_breaks', start: period.start, end: breaksEnd, adoptionPlacements: [], ...(agreement && { agreement: true as const }) });
      }
    }
    if (careFrom < to) {
      const adoptionPlacements: IsoDate[] = [];
      for (let i = careFrom; i < to; i += 1) {
        const e = sortedEpisodes[i]!;
        if (isAdoptionPlacement(e.placementType) && !(i > careFrom && isAdoptionPlacement(sortedEpisodes[i - 1]!.placementType))) {
          adoptionPlacements.push(e.start);
        }
      }
      runs.push({ kind: 'care', start: sortedEpisodes[careFrom]!.start, end: period.end, adoptionPlacements });
    }
  }
  return runs;
}

interface Pending {
  rule: ReviewRule;
  countsFrom: number;
  due: number;
}

function firstPending(run: ClockRun): Pending {
  const start = toDayNumber(run.start);
  return run.kind === 'short_breaks'
    ? { rule: 'short_break_first_3_months', countsFrom: start, due: toDayNumber(addMonths(run.start, 3)) }
    : { rule: 'first_20_working_days', countsFrom: start, due: addWorkingDaysToDayNumber(start, 20) };
}

/** The interval after a review held on `held`, given how many reviews the run (and any adoption placement) has had. */
function pendingAfter(run: ClockRun, held: number, reviewsInRun: number, reviewsSincePlacement: number | null): Pending {
  if (reviewsSincePlacement !== null) {
    return reviewsSincePlacement === 1
      ? { rule: 'adoption_second_3_months', countsFrom: held, due: addMonthsToDayNumber(held, 3) }
      : { rule: 'adoption_6_months', countsFrom: held, due: addMonthsToDayNumber(held, 6) };
  }
  if (run.kind === 'short_breaks') return { rule: 'short_break_6_months', countsFrom: held, due: addMonthsToDayNumber(held, 6) };
  return reviewsInRun === 1
    ? { rule: 'second_3_months', countsFrom: held, due: addMonthsToDayNumber(held, 3) }
    : { rule: 'subsequent_6_months', countsFrom: held, due: addMonthsToDayNumber(held, 6) };
}

/** A placement for adoption brings the next review forward to 4 weeks after it, if not already due sooner. */
function applyPlacement(pending: Pending, placement: number): Pending {
  const due = placement + 28;
  return due < pending.due ? { rule: 'adoption_first_4_weeks', countsFrom: placement, due } : pending;
}

/** Whether a run ends with its last episode: care, or short breaks recorded as an agreement (V4). */
const endsWithEpisode = (run: ClockRun) => run.kind === 'care' || run.agreement === true;

/**
 * The last day a run is current: the end of care (a child whose care ends on a day has left that day, as
 * the DfE counts) or of a short-break agreement, or for a series of single breaks 6 months after the last
 * break, when the next break would be expected and a review between breaks still belongs to the series.
 */
function lastCurrentDay(run: ClockRun): number {
  if (run.end === null) return Number.POSITIVE_INFINITY;
  const end = toDayNumber(run.end);
  return endsWithEpisode(run) ? end - 1 : addMonthsToDayNumber(end, SHORT_BREAK_SERIES_MONTHS);
}

/**
 * The review schedule of one child.
 * @param episodes the child's SSDA903 episodes, in any order
 * @param heldDates the dates reviews were actually held, in any order (cancelled and booked reviews excluded)
 * @param asOf the date "today" is, for the next review due and how overdue it is
 */
export function reviewSchedule(episodes: readonly ClockEpisode[], heldDates: readonly IsoDate[], asOf: IsoDate): ReviewSchedule {
  const sorted = sortEpisodes(episodes);
  return reviewScheduleOfSorted(sorted, periodsOfCare(sorted), heldDates, asOf);
}

/** A held review as the clock reads it: its date, day number and place in the dates given. */
interface HeldDay {
  date: IsoDate;
  day: number;
  index: number;
}

/** The held dates by day, then by the order given: nearly always given in order already, and then not sorted. */
function heldByDay(heldDates: readonly IsoDate[]): HeldDay[] {
  const held = new Array<HeldDay>(heldDates.length);
  let ordered = true;
  for (let i = 0; i < heldDates.length; i += 1) {
    const date = heldDates[i]!;
    held[i] = { date, day: toDayNumber(date), index: i };
    if (i > 0 && held[i - 1]!.day > held[i]!.day) ordered = false;
  }
  if (!ordered) held.sort((a, b) => a.day - b.day || a.index - b.index);
  return held;
}

/**
 * reviewSchedule() for episodes already sorted (sortEpisodes) with their periods of care (periodsOfCare), for a
 * caller that holds both: the report works out every child's clock over the whole record.
 */
export function reviewScheduleOfSorted(
  sorted: readonly ClockEpisode[],
  periods: PeriodOfCare[],
  heldDates: readonly IsoDate[],
  asOf: IsoDate,
): ReviewSchedule {
  const runs = clockRuns(sorted, periods);
  const held = heldByDay(heldDates);
  const asOfDay = toDayNumber(asOf);

  const reviews: ScheduledReview[] = [];
  const outsideCare: ReviewSchedule['outsideCare'] = [];
  const unfinished: UnfinishedInterval[] = [];
  let next: NextReviewDue | null = null;
  let h = 0;

  for (let runIndex = 0; runIndex < runs.length; runIndex += 1) {
    const run = runs[runIndex]!;
    const start = toDayNumber(run.start);
    const end = run.end === null ? Number.POSITIVE_INFINITY : toDayNumber(run.end);
    const nextRun = runs[runIndex + 1];
    // Reviews up to the end of care belong to the run; for short breaks also those between breaks.
    const takesReviewsUntil = endsWithEpisode(run)
      ? end
      : Math.min(lastCurrentDay(run), nextRun ? toDayNumber(nextRun.start) - 1 : Number.POSITIVE_INFINITY);
    // Reviews before this run that no earlier run took were held outside care.
    while (h < held.length && held[h]!.day < start) {
      outsideCare.push({ heldIndex: held[h]!.index, heldDate: held[h]!.date });
      h += 1;
    }
    const placements = run.adoptionPlacements.map(toDayNumber);
    let p = 0;
    let pending = firstPending(run);
    let reviewsInRun = 0;
    // Reviews held since the latest placement for adoption; null while none has begun in this run.
    let reviewsSincePlacement: number | null = null;
    while (h < held.length && held[h]!.day <= takesReviewsUntil) {
      const review = held[h]!;
      while (p < placements.length && placements[p]! <= review.day) {
        pending = applyPlacement(pending, placements[p]!);
        reviewsSincePlacement = 0;
        p += 1;
      }
      reviewsInRun += 1;
      const late = review.day - pending.due;
      reviews.push({
        run: runIndex,
        sequence: reviewsInRun,
        rule: pending.rule,
        countsFrom: fromDayNumber(pending.countsFrom),
        dueDate: fromDayNumber(pending.due),
        heldDate: review.date,
        heldIndex: review.index,
        inTime: late <= 0,
        daysLate: Math.max(0, late),
      });
      if (reviewsSincePlacement !== null) reviewsSincePlacement += 1;
      pending = pendingAfter(run, review.day, reviewsInRun, reviewsSincePlacement);
      h += 1;
    }
    const placementLimit = Math.min(end, asOfDay);
    while (p < placements.length && placements[p]! <= placementLimit) {
      pending = applyPlacement(pending, placements[p]!);
      p += 1;
    }
    // Current on the day: care going on, or a series of short breaks not yet over (a later run ends it).
    const current = start <= asOfDay && asOfDay <= Math.min(lastCurrentDay(run), nextRun ? toDayNumber(nextRun.start) - 1 : Number.POSITIVE_INFINITY);
    // A series of short breaks still current on the day has its review still to come (the next one due, however
    // late), not missed: it can yet be held before the series ends.
    if (run.end !== null && pending.due < end && !current) {
      // Due while the child was still looked after, and never held.
      reviews.push({
        run: runIndex,
        sequence: reviewsInRun + 1,
        rule: pending.rule,
        countsFrom: fromDayNumber(pending.countsFrom),
        dueDate: fromDayNumber(pending.due),
        heldDate: null,
        heldIndex: null,
        inTime: false,
        daysLate: end - pending.due,
      });
    } else if (endsWithEpisode(run) && run.end !== null && !current && end <= asOfDay) {
      // Care (or the agreement) ended before the review fell due: the interval running then was left open.
      unfinished.push({ run: runIndex, rule: pending.rule, countsFrom: fromDayNumber(pending.countsFrom), dueDate: fromDayNumber(pending.due) });
    }
    if (current) {
      next = {
        run: runIndex,
        sequence: reviewsInRun + 1,
        rule: pending.rule,
        countsFrom: fromDayNumber(pending.countsFrom),
        dueDate: fromDayNumber(pending.due),
        daysOverdue: Math.max(0, asOfDay - pending.due),
        daysToGo: pending.due - asOfDay,
      };
    }
  }
  while (h < held.length) {
    outsideCare.push({ heldIndex: held[h]!.index, heldDate: held[h]!.date });
    h += 1;
  }
  return { periods, runs, reviews, next, outsideCare, unfinished };
}

/** The midpoint of a review interval: where the IRO's mid-point monitoring check is expected. */
export function intervalMidpoint(countsFrom: IsoDate, dueDate: IsoDate): IsoDate {
  const from = toDayNumber(countsFrom);
  return fromDayNumber(from + Math.floor((toDayNumber(dueDate) - from) / 2));
}
