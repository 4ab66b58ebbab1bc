// Reviews in a reporting period: those held and whether in time (always from reviewSchedule(), never a
// second clock), children whose reviews were all on time, reviews overdue or never held, and the child's
// participation, and the review intervals mid-point monitoring counts. Worked out once per period and shared by
// the key figures and the review sections.

import { addDays, addMonths, ageInYears, daysBetween, type IsoDate } from '../../domain/dates.ts';
import { workingDaysBetween } from '../../domain/calendar.ts';
import { ATTENDED_CODES, CONTRIBUTED_CODES, checkParticipationCodeAtAge } from '../../domain/participation.ts';
import type { ParticipationCode } from '../../domain/codes.ts';
import { SHORT_BREAK_SERIES_MONTHS, intervalMidpoint, type ReviewRule } from '../../domain/review-clock.ts';
import type { ReportContext } from './context.ts';
import { clockAt, overlaps, pushHeldReviewsBetween, recordShape, wholeRecordClock, type ChildFacts, type ClockAt, type HeldReview } from './facts.ts';
import { byText, keepingLists, recordCount } from './cells.ts';
import { inPeriod } from './periods.ts';
import type { Cell, RecordRef, ReportPeriodInfo } from './types.ts';

/** The record of a review held; the same object each time, so the many counts of one review share it. */
export function reviewRef(r: HeldReview): RecordRef {
  return r.ref;
}

/** Reviews held in the period, by child then date; reviews held when the child was not looked after are not here. */
export function reviewsHeld(ctx: ReportContext, p: ReportPeriodInfo): HeldReview[] {
  return ctx.memo('reviews-held', p, () => {
    const result: HeldReview[] = [];
    for (const facts of ctx.childrenIn(p)) pushHeldReviewsBetween(facts, p.from, p.to, result);
    return result;
  });
}

/** A review that was late: held after its due date, never held before care ended, or still not held at the period's end. */
export interface LateReview {
  childId: string;
  rule: ReviewRule;
  dueDate: IsoDate;
  heldDate: IsoDate | null;
  status: 'held_late' | 'never_held' | 'overdue_at_end';
  /** Days after the due date: to the day held, to the end of care, or to the end of the period. */
  daysLate: number;
}

function overdueAtEnd(facts: ChildFacts, clock: ClockAt, p: ReportPeriodInfo): LateReview | null {
  const { schedule } = clock;
  const next = schedule.next;
  if (next === null || next.daysOverdue <= 0) return null;
  // A child whose care ended on the last day has left, as the population is counted.
  const run = schedule.runs[next.run];
  if (run && run.kind === 'care' && run.end === p.to) return null;
  // A review held between short breaks counts once a later break shows the series went on; if one was held
  // after the interval began, it is not overdue.
  if (heldBetween(facts, next.countsFrom, p.to, false)) return null;
  return { childId: facts.id, rule: next.rule, dueDate: next.dueDate, heldDate: null, status: 'overdue_at_end', daysLate: next.daysOverdue };
}

function pushNeverHeld(facts: ChildFacts, clock: ClockAt, p: ReportPeriodInfo, into: LateReview[]): void {
  for (const s of clock.schedule.reviews) {
    if (s.heldIndex === null && s.dueDate >= p.from && s.dueDate <= p.to) {
      into.push({ childId: facts.id, rule: s.rule, dueDate: s.dueDate, heldDate: null, status: 'never_held', daysLate: s.daysLate });
    }
  }
}

/**
 * Looked after at some time in the period, in a series of short breaks still current in it (six months after a
 * break ended), or with a review held in it.
 */
function mattersIn(facts: ChildFacts, p: ReportPeriodInfo): boolean {
  for (const period of facts.periods) {
    if (period.start > p.to) continue;
    if (period.end === null || period.end >= p.from || (period.shortBreaks && addMonths(period.end, SHORT_BREAK_SERIES_MONTHS) >= p.from)) return true;
  }
  return heldBetween(facts, p.from, p.to, true);
}

/**
 * Whether a review was held after a day (on it too when `including`) and by another: a loop rather than a closure
 * made for each of the hundreds of thousands of children and periods of a large register.
 */
function heldBetween(facts: ChildFacts, after: IsoDate, by: IsoDate, including: boolean): boolean {
  for (const r of facts.held) {
    const held = r.heldDate!;
    if ((including ? held >= after : held > after) && held <= by) return true;
  }
  return false;
}

const byDueDateThenChild = (a: LateReview, b: LateReview) =>
  byText(a.dueDate, b.dueDate) || byText(a.childId, b.childId) || byText(a.heldDate ?? '', b.heldDate ?? '');

/** Every late review of the period, by due date then child. */
export function lateReviews(ctx: ReportContext, p: ReportPeriodInfo): LateReview[] {
  return ctx.memo('late-reviews', p, () => {
    const result: LateReview[] = [];
    for (const r of reviewsHeld(ctx, p)) {
      if (r.inTime) continue;
      result.push({
        childId: r.facts.id,
        rule: r.rule,
        dueDate: r.dueDate,
        heldDate: r.heldDate,
        status: 'held_late',
        daysLate: r.daysLate,
      });
    }
    for (const l of clockAtEnd(ctx, p).late) result.push(l);
    return result.sort(byDueDateThenChild);
  });
}

/** A review interval whose midpoint falls in a period, with whether a mid-point check was recorded in it. */
export interface MidpointInterval {
  readonly ref: RecordRef;
  readonly short: boolean;
  readonly checked: boolean;
}

/** An interval; its record (child and midpoint) is made when first asked for, since only the lists need it. */
class Interval implements MidpointInterval {
  private record: RecordRef | undefined;

  constructor(
    private readonly childId: string,
    private readonly midpoint: IsoDate,
    readonly short: boolean,
    readonly checked: boolean,
  ) {}

  get ref(): RecordRef {
    this.record ??= { childId: this.childId, date: this.midpoint };
    return this.record;
  }
}

/**
 * Without the lists behind counts, an interval is only whether it was short and whether it was checked: one shared
 * object for each of the four kinds, rather than one for each of the millions of intervals of a large register.
 */
class UnlistedInterval implements MidpointInterval {
  constructor(
    readonly short: boolean,
    readonly checked: boolean,
  ) {}

  get ref(): RecordRef {
    throw new Error('an interval’s record was asked for in a report built without the lists behind its counts');
  }
}

const UNLISTED_INTERVALS = [new UnlistedInterval(false, false), new UnlistedInterval(false, true), new UnlistedInterval(true, false), new UnlistedInterval(true, true)] as const;

/** Review intervals whose midpoint falls in the period, each with whether a mid-point check was recorded in it. */
export function midpointIntervals(ctx: ReportContext, p: ReportPeriodInfo): MidpointInterval[] {
  return clockAtEnd(ctx, p).intervals;
}


/** Each child's mid-point checks, once for the report. */
function checksByChild(ctx: ReportContext): Map<string, IsoDate[]> {
  return ctx.memo('midpoint-checks', ctx.period, () => {
    const checks = new Map<string, IsoDate[]>();
    for (const c of ctx.input.midpointChecks ?? []) {
      const dates = checks.get(c.childId);
      if (dates) dates.push(c.date);
      else checks.set(c.childId, [c.date]);
    }
    // Copied to their own length: a list grown by push keeps room for more, and it is kept for the whole report.
    for (const [childId, dates] of checks) if (dates.length > 1) checks.set(childId, dates.slice());
    return checks;
  });
}

/** What every interval of one child's clock in one period is measured against. */
interface IntervalScope {
  facts: ChildFacts;
  p: ReportPeriodInfo;
  dayAfter: IsoDate;
  minimumDays: number;
  checks: IsoDate[] | undefined;
  into: MidpointInterval[];
}

/** Whether a mid-point check was recorded inside an interval, by the end of the period. */
function checkedBetween(checks: IsoDate[] | undefined, countsFrom: IsoDate, closes: IsoDate, to: IsoDate): boolean {
  if (checks === undefined) return false;
  for (const d of checks) if (d > countsFrom && d < closes && d <= to) return true;
  return false;
}

// A function of the module rather than a closure made for each child and period: millions of calls in a large
// register, and each closure made is also named at run time by the TypeScript loader.
function considerInterval(s: IntervalScope, countsFrom: IsoDate, dueDate: IsoDate, heldDate: IsoDate | null, careEnded: IsoDate | null): void {
  const p = s.p;
  // The midpoint lies between the two ends: an interval wholly outside the period has none in it.
  if (countsFrom > p.to || dueDate < p.from) return;
  const midpoint = intervalMidpoint(countsFrom, dueDate);
  if (!inPeriod(midpoint, p)) return;
  // An interval that care ended before its review was due counts only if the midpoint came while care lasted.
  if (careEnded !== null && midpoint >= careEnded) return;
  // Too short for a check when the review came early, or was due soon (a first review): measured to the review
  // or its due date, whichever is earlier, so a review held late does not make its interval long enough.
  const length = daysBetween(countsFrom, heldDate !== null && heldDate < dueDate ? heldDate : dueDate);
  const closes = heldDate ?? (careEnded !== null && careEnded < p.to ? addDays(careEnded, 1) : s.dayAfter);
  const checked = checkedBetween(s.checks, countsFrom, closes, p.to);
  const short = length < s.minimumDays;
  s.into.push(keepingLists() ? new Interval(s.facts.id, midpoint, short, checked) : UNLISTED_INTERVALS[(short ? 2 : 0) + (checked ? 1 : 0)]!);
}

function pushIntervals(
  facts: ChildFacts,
  clock: ClockAt,
  p: ReportPeriodInfo,
  dayAfter: IsoDate,
  minimumDays: number,
  checks: IsoDate[] | undefined,
  into: MidpointInterval[],
): void {
  const scope: IntervalScope = { facts, p, dayAfter, minimumDays, checks, into };
  const { schedule } = clock;
  for (const i of schedule.reviews) {
    // Most of a child's intervals lie wholly before or after the period: passed over without a call.
    if (i.countsFrom > p.to || i.dueDate < p.from) continue;
    considerInterval(scope, i.countsFrom, i.dueDate, i.heldDate, null);
  }
  if (schedule.next) considerInterval(scope, schedule.next.countsFrom, schedule.next.dueDate, null, null);
  for (const u of schedule.unfinished) considerInterval(scope, u.countsFrom, u.dueDate, null, schedule.runs[u.run]?.end ?? null);
}

/**
 * What the review clock shows at the end of a period, child by child, in one pass, so that each child's clock
 * as of that day is worked out once: the reviews never held or overdue at the end (for the late reviews), and
 * the review intervals whose midpoint falls in the period (for mid-point monitoring).
 */
function clockAtEnd(ctx: ReportContext, p: ReportPeriodInfo): { late: LateReview[]; intervals: MidpointInterval[] } {
  return ctx.memo('clock-at-end', p, () => {
    const late: LateReview[] = [];
    const intervals: MidpointInterval[] = [];
    const minimumDays = ctx.settings.midpointMinimumIntervalWeeks * 7;
    const checks = checksByChild(ctx);
    // No interval is longer than 6 months, so its midpoint is at most 3 months after it began: a child whose
    // record ended more than that before the period, or begins after it, has none in it.
    const endedBefore = addMonths(p.from, -4);
    const dayAfter = addDays(p.to, 1);
    for (const facts of ctx.childrenIn(p)) {
      const matters = mattersIn(facts, p);
      const first = facts.episodes[0];
      const hasIntervals = first !== undefined && first.start <= p.to && recordShape(facts).lastActivity >= endedBefore;
      if (!matters && !hasIntervals) continue;
      const clock = clockAt(facts, p.to);
      if (matters) {
        pushNeverHeld(facts, clock, p, late);
        const overdue = overdueAtEnd(facts, clock, p);
        if (overdue) late.push(overdue);
      }
      if (hasIntervals) pushIntervals(facts, clock, p, dayAfter, minimumDays, checks.get(facts.id), intervals);
    }
    return { late, intervals };
  });
}

export interface ChildrenOnTime {
  /** Looked after (not on short breaks only) for at least 20 working days of the period. */
  eligible: ChildFacts[];
  /** Of those, every review held in the period in time, none never held, none overdue at the end. */
  allOnTime: ChildFacts[];
}

/**
 * Working days looked after within the period, stopping once the threshold (at most 20) is reached. Six weeks
 * in a row always hold more than 20 working days (30 weekdays, and no six weeks hold more than five bank
 * holidays), so longer stretches are not counted day by day.
 */
function workingDaysInCare(facts: ChildFacts, p: ReportPeriodInfo, enough: number): number {
  let total = 0;
  for (const period of facts.periods) {
    if (period.shortBreaks || !overlaps(period, p.from, p.to)) continue;
    const from = period.start > p.from ? period.start : p.from;
    const to = period.end !== null && period.end < p.to ? period.end : p.to;
    if (enough <= 20 && daysBetween(from, to) >= 41) return enough;
    total += workingDaysBetween(addDays(from, -1), to);
    if (total >= enough) return total;
  }
  return total;
}

/**
 * A review already overdue when the period began that was never held before care ended in the period: the late
 * reviews of the period do not list it (it fell due earlier), yet the child went unreviewed while looked after in
 * it. A review overdue at the start and held in the period, or still not held at its end, is listed already.
 */
function missedFromBefore(facts: ChildFacts, p: ReportPeriodInfo): boolean {
  const whole = wholeRecordClock(facts);
  const runs = whole.schedule.runs;
  for (const r of whole.missed) {
    if (r.dueDate >= p.from) continue;
    const end = runs[r.run]?.end ?? null;
    if (end !== null && end >= p.from && end <= p.to) return true;
  }
  return false;
}

export function childrenOnTime(ctx: ReportContext, p: ReportPeriodInfo): ChildrenOnTime {
  return ctx.memo('children-on-time', p, () => {
    const late = new Set(lateReviews(ctx, p).map((r) => r.childId));
    const eligible = ctx.childrenIn(p).filter((facts) => workingDaysInCare(facts, p, 20) >= 20);
    return { eligible, allOnTime: eligible.filter((facts) => !late.has(facts.id) && !missedFromBefore(facts, p)) };
  });
}

export type ParticipationKey = ParticipationCode | 'not_recorded';

export interface ParticipationFigures {
  reviews: HeldReview[];
  byCode: Map<ParticipationKey, HeldReview[]>;
  /** Reviews of children aged 4 or over whose code fits their age: the denominator of both measures. */
  aged4Plus: HeldReview[];
  contributed: HeldReview[];
  attended: HeldReview[];
  /** Reviews left out of the two measures, with the reason (listed as data quality). */
  notCounted: { review: HeldReview; problem: 'no_date_of_birth' | 'code_missing' | 'code_mismatch'; detail: string }[];
}

const CONTRIBUTED: ReadonlySet<ParticipationCode> = new Set(CONTRIBUTED_CODES);
const ATTENDED: ReadonlySet<ParticipationCode> = new Set(ATTENDED_CODES);

export function participationIn(ctx: ReportContext, p: ReportPeriodInfo): ParticipationFigures {
  return ctx.memo('participation', p, () => {
    const reviews = reviewsHeld(ctx, p);
    const byCode = new Map<ParticipationKey, HeldReview[]>();
    const aged4Plus: HeldReview[] = [];
    const notCounted: ParticipationFigures['notCounted'] = [];
    for (const r of reviews) {
      const code = r.participationCode;
      const key: ParticipationKey = code ?? 'not_recorded';
      // Pushed in place: copying the list for each review is quadratic in a large authority.
      const sameCode = byCode.get(key);
      if (sameCode) sameCode.push(r);
      else byCode.set(key, [r]);
      const held = r.heldDate;
      if (code === null) {
        notCounted.push({ review: r, problem: 'code_missing', detail: 'no participation code recorded' });
        continue;
      }
      // The age is worked out once for both the check and the measure.
      const age = r.facts.dateOfBirth === null ? null : ageInYears(r.facts.dateOfBirth, held);
      const problem = checkParticipationCodeAtAge(code, age);
      if (problem) {
        notCounted.push({ review: r, problem: 'code_mismatch', detail: problem.message });
        continue;
      }
      if (age === null) {
        notCounted.push({ review: r, problem: 'no_date_of_birth', detail: 'age on the review date not known' });
        continue;
      }
      if (age >= 4) aged4Plus.push(r);
    }
    const contributed: HeldReview[] = [];
    const attended: HeldReview[] = [];
    for (const r of aged4Plus) {
      const code = r.participationCode as ParticipationCode;
      if (CONTRIBUTED.has(code)) contributed.push(r);
      if (ATTENDED.has(code)) attended.push(r);
    }
    return { reviews, byCode, aged4Plus, contributed, attended, notCounted };
  });
}

/**
 * What the year-on-year tables show of the reviews held in a period: counts, and the reviews left out of the
 * participation measures (listed under data quality). Gathered child by child for every period, so an earlier
 * period's reviews need not be kept once counted: only the reporting period's are, for its tables by month and by
 * kind, unless the lists behind each count are kept (see gather.ts).
 */
export interface HeldFigures {
  held: number;
  inTime: number;
  aged4Plus: number;
  contributed: number;
  attended: number;
  notCounted: ParticipationFigures['notCounted'];
}

export function heldFigures(ctx: ReportContext, p: ReportPeriodInfo): HeldFigures {
  return ctx.memo('held-figures', p, () => {
    const reviews = reviewsHeld(ctx, p);
    let inTime = 0;
    for (const r of reviews) if (r.inTime) inTime += 1;
    const f = participationIn(ctx, p);
    return {
      held: reviews.length,
      inTime,
      aged4Plus: f.aged4Plus.length,
      contributed: f.contributed.length,
      attended: f.attended.length,
      notCounted: f.notCounted,
    };
  });
}

/**
 * A count of a period's reviews held (all, or those that pass a test), from its figures; with the reviews behind it
 * when the lists are kept, which are then kept for every period.
 */
export function reviewsHeldCount(ctx: ReportContext, p: ReportPeriodInfo, value: (f: HeldFigures) => number, which?: (r: HeldReview) => boolean): Cell {
  if (!keepingLists()) return { type: 'count', value: value(heldFigures(ctx, p)) };
  const reviews = reviewsHeld(ctx, p);
  return recordCount(which ? reviews.filter(which) : reviews, reviewRef);
}

/** The same for the participation measures' lists (reviews of children aged 4 or over, contributed, attended). */
export function participationCount(ctx: ReportContext, p: ReportPeriodInfo, which: 'aged4Plus' | 'contributed' | 'attended'): Cell {
  if (!keepingLists()) return { type: 'count', value: heldFigures(ctx, p)[which] };
  return recordCount(participationIn(ctx, p)[which], reviewRef);
}
