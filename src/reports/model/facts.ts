// Each child's record read once for the report: episodes in order, periods of care, reviews held, and the
// review clock as it stood at the end of each reporting period. Children whose episodes cannot be trusted
// (dates unreadable, ending before they start, overlapping) are set aside here, with the reason, so no
// figure counts them and the data quality section lists them.

import { ADOPTION_PLACEMENTS, SHORT_BREAK_LEGAL_STATUSES } from '../../domain/codes.ts';
import { addMonths, daysBetween, isIsoDate, type IsoDate } from '../../domain/dates.ts';
import { episodesProblem, periodsOfCare, sortEpisodes, type ExclusionKind } from '../../domain/periods-of-care.ts';
import type { Child, ChildRecord, Episode, PeriodOfCare, Review } from '../../domain/register.ts';
import { SHORT_BREAK_SERIES_MONTHS, reviewScheduleOfSorted, type ClockRun, type NextReviewDue, type ReviewRule, type ReviewSchedule, type ScheduledReview } from '../../domain/review-clock.ts';
import type { ParticipationCode } from '../../domain/codes.ts';
import { byText } from './cells.ts';
import type { RecordRef } from './types.ts';

export interface ChildFacts {
  id: string;
  record: ChildRecord;
  child: Child;
  /** Null when missing or not a real date. */
  dateOfBirth: IsoDate | null;
  /** Sorted by start date. */
  episodes: Episode[];
  periods: PeriodOfCare[];
  /** Reviews with status "held" and a readable held date, by date held. */
  held: Review[];
  /** The review clock over the whole record, once worked out. */
  whole?: WholeRecordClock;
  /** What the clock as of a day needs to know of the record, once worked out (see recordShape). */
  shape?: RecordShape;
  /** The first and last days anything in the record happens or holds: see recordSpan(). */
  spanFrom: IsoDate;
  spanTo: IsoDate;
}

/** The review clock as it stood on a date: only what had happened by then. */
export interface ClockAt {
  asOf: IsoDate;
  /** The runs begun by the date, the reviews held or missed by then, and the review next due. */
  schedule: Pick<ReviewSchedule, 'runs' | 'reviews' | 'next' | 'unfinished'>;
  /** The held reviews given to the clock, in the order of heldIndex. */
  held: Review[];
}

/** The review clock over the whole record: every part of the schedule, reviews held outside care too. */
export interface WholeRecordClock extends ClockAt {
  schedule: ReviewSchedule;
  /** The schedule's entry for each held review, by its place in `held`; none for a review held outside care. */
  byHeld: (ScheduledReview | undefined)[];
  /** The schedule's reviews never held, in its order: for most children none. */
  missed: readonly ScheduledReview[];
}

const NO_REVIEWS: readonly ScheduledReview[] = [];

/**
 * A review held, with what the whole-record clock says of it: only the values the report counts, copied, so a
 * period's reviews keep neither the child's record nor the clock once the child has been counted. Its record (for
 * the lists behind counts) is made when first asked for, and is then one object however many counts include it.
 */
export class HeldReview {
  private record: RecordRef | undefined;
  readonly heldDate: IsoDate;
  readonly dueDate: IsoDate;
  readonly rule: ReviewRule;
  readonly inTime: boolean;
  readonly daysLate: number;
  readonly participationCode: ParticipationCode | null;
  /** The review's id in the register, when it has one. */
  readonly reviewId: number | null;
  /** The IRO who chaired it, when recorded. */
  readonly chairId: number | null;

  constructor(
    readonly facts: ChildFacts,
    review: Review,
    scheduled: ScheduledReview,
  ) {
    this.heldDate = scheduled.heldDate!;
    this.dueDate = scheduled.dueDate;
    this.rule = scheduled.rule;
    this.inTime = scheduled.inTime;
    this.daysLate = scheduled.daysLate;
    this.participationCode = review.participationCode;
    this.reviewId = review.id ?? null;
    this.chairId = review.chairId;
  }

  get ref(): RecordRef {
    this.record ??= { childId: this.facts.id, date: this.heldDate };
    return this.record;
  }
}

export type { ExclusionKind };

export interface ExcludedChild {
  childId: string;
  kind: ExclusionKind;
  detail: string;
  /** Periods of care as far as they can be read, to decide whether the child matters to this report. */
  periods: PeriodOfCare[];
}

const byHeldDate = (a: Review, b: Review) => byText(a.heldDate!, b.heldDate!);

export function readChildren(records: Iterable<ChildRecord>): { children: ChildFacts[]; excluded: ExcludedChild[] } {
  const children: ChildFacts[] = [];
  const excluded: ExcludedChild[] = [];
  for (const record of records) {
    const problem = episodesProblem(record.episodes);
    if (problem) {
      const readable = record.episodes.filter((e) => isIsoDate(e.start) && (e.end === null || isIsoDate(e.end)));
      excluded.push({ childId: record.child.id, ...problem, periods: periodsOfCare(sortEpisodes(readable)) });
      continue;
    }
    const episodes = sortEpisodes(record.episodes);
    const held: Review[] = [];
    for (const review of record.reviews) {
      if (review.status === 'held' && review.heldDate !== null && isIsoDate(review.heldDate)) held.push(review);
    }
    // A stable sort: reviews held on the same day keep the record's order. Nearly always already in order, and
    // then not sorted at all.
    let ordered = true;
    for (let i = 1; i < held.length && ordered; i += 1) ordered = held[i - 1]!.heldDate! <= held[i]!.heldDate!;
    if (!ordered) held.sort(byHeldDate);
    const dob = record.child.dateOfBirth;
    const span = recordSpan(episodes, held, record.allocations);
    children.push({
      id: record.child.id,
      record,
      child: record.child,
      dateOfBirth: dob !== null && isIsoDate(dob) ? dob : null,
      episodes,
      periods: periodsOfCare(episodes),
      held,
      // Every field given here, in this order, so all children share one layout (none added later).
      whole: undefined,
      shape: undefined,
      spanFrom: span.spanFrom,
      spanTo: span.spanTo,
    });
  }
  // The register gives children in order of id: sorted only when they come otherwise.
  let ordered = true;
  for (let i = 1; i < children.length && ordered; i += 1) ordered = children[i - 1]!.id < children[i]!.id;
  if (!ordered) children.sort((a, b) => byText(a.id, b.id));
  excluded.sort((a, b) => byText(a.childId, b.childId));
  return { children, excluded };
}

/**
 * What stands for a record, its episodes or reviews once the child has been counted: reading any of it is a mistake
 * (a figure worked out after the count rather than in a section's gather), and says so rather than count nothing.
 */
const LET_GO = new Proxy([] as never[], {
  get() {
    throw new Error('a child’s record was read after the child was counted: the figure must be gathered (see gather.ts)');
  },
});

/**
 * Lets go of what was read to count a child, keeping what the counts hold of them: id and date of birth. The
 * periods of care the counts refer to (those begun in a period, for notifications and allocations) stay with them.
 */
export function letGoOfRecord(facts: ChildFacts): void {
  facts.record = LET_GO as unknown as ChildRecord;
  facts.child = LET_GO as unknown as Child;
  facts.periods = LET_GO;
  facts.episodes = LET_GO;
  facts.held = LET_GO;
  facts.whole = undefined;
  facts.shape = undefined;
}

const NEVER = '0000-01-01';
const ALWAYS = '9999-12-31';

/**
 * The days a record spans: from its first episode, review or IRO allocation to the last day anything in it
 * ends or happens, running on while care or an allocation is open. A series of short breaks keeps the clock
 * (and the IRO) for six months after a break ends, so the span runs on that long; a margin of six months more
 * is added at the end so no count that looks back from a period's first day can miss a child. A child whose
 * span misses a period has nothing in it to count.
 */
function recordSpan(episodes: readonly Episode[], held: readonly Review[], allocations: ChildRecord['allocations']): { spanFrom: IsoDate; spanTo: IsoDate } {
  let from = ALWAYS;
  let to = NEVER;
  for (const e of episodes) {
    if (e.start < from) from = e.start;
    const end = e.end === null ? ALWAYS : SHORT_BREAK_LEGAL_STATUSES.includes(e.legalStatus) ? addMonths(e.end, SHORT_BREAK_SERIES_MONTHS) : e.end;
    if (end > to) to = end;
  }
  for (const r of held) {
    if (r.heldDate! < from) from = r.heldDate!;
    if (r.heldDate! > to) to = r.heldDate!;
  }
  for (const a of allocations) {
    if (a.from < from) from = a.from;
    const end = a.to ?? ALWAYS;
    if (end > to) to = end;
  }
  if (to === NEVER) return { spanFrom: ALWAYS, spanTo: NEVER };
  return { spanFrom: from, spanTo: to === ALWAYS ? ALWAYS : addMonths(to, 6) };
}

/** A counted child found by id: the children are in order of id. */
export function childById(ctx: { children: readonly ChildFacts[] }, id: string): ChildFacts | undefined {
  const children = ctx.children;
  let low = 0;
  let high = children.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (children[middle]!.id < id) low = middle + 1;
    else high = middle;
  }
  return children[low]?.id === id ? children[low] : undefined;
}

/** Whether a child's record spans any day of a period: only those children can be counted in it. */
export function spansPeriod(facts: ChildFacts, p: { from: IsoDate; to: IsoDate }): boolean {
  return facts.spanFrom <= p.to && facts.spanTo >= p.from;
}

/**
 * The review clock as it stood at the end of a day: episodes starting later left out, episodes ending
 * later treated as open, reviews held later left out. Due dates of reviews already held never change
 * with later events, so this agrees with the clock run on the whole record for every review held by then.
 *
 * For a record with no short breaks and no placement for adoption (most children), the clock as of a day is
 * read off the whole-record clock, which the report works out once per child: the reviews held by then, the
 * reviews missed in periods of care that had ended by then, and the review next due, which is the whole
 * record's next entry in the period of care running that day, or the interval that care's end left unfinished.
 * Otherwise, or where the whole record does not show the next due date, the clock is run as of the day.
 * Nothing is kept: a national-sized register has hundreds of thousands of children in each period.
 */
export function clockAt(facts: ChildFacts, asOf: IsoDate): ClockAt {
  if (settledBy(facts, asOf)) {
    // Nothing in the record happens after this day and no series of short breaks runs on past its last break:
    // the clock reads the same as over the whole record, with no review to come.
    const whole = wholeRecordClock(facts);
    return { asOf, schedule: whole.schedule, held: whole.held };
  }
  return (isPlain(facts) && readOffWholeRecord(facts, asOf)) || runClockAt(facts, asOf);
}

/** The review clock as it stood at the end of a day, run on the record as it was then. */
export function runClockAt(facts: ChildFacts, asOf: IsoDate): ClockAt {
  const episodes = facts.episodes
    .filter((e) => e.start <= asOf)
    .map((e) => (e.end !== null && e.end > asOf ? { ...e, end: null } : e));
  const held = facts.held.filter((r) => r.heldDate! <= asOf);
  // Still in order of start: a filter keeps the order, and an episode cut short keeps its start.
  const schedule = reviewScheduleOfSorted(
    episodes,
    periodsOfCare(episodes),
    held.map((r) => r.heldDate!),
    asOf,
  );
  return { asOf, schedule, held };
}

/** Facts of a record that do not change from one period to the next: worked out once, not for every period. */
export interface RecordShape {
  /** No short breaks and no placement for adoption: one timetable per period of care, moved only by reviews. */
  plain: boolean;
  /** The last day anything happened (care ending or a review held); far in the future while in care. */
  lastActivity: IsoDate;
  /**
   * The day from which the record is settled (see settledBy), or null when it never is: care still open, or short
   * breaks, whose series runs on past the last break.
   */
  settledFrom: IsoDate | null;
}

export function recordShape(facts: ChildFacts): RecordShape {
  if (facts.shape) return facts.shape;
  let plain = true;
  let open = false;
  let shortBreaks = false;
  let last = facts.held[facts.held.length - 1]?.heldDate ?? '0000-01-01';
  for (const e of facts.episodes) {
    const breaks = SHORT_BREAK_LEGAL_STATUSES.includes(e.legalStatus);
    if (breaks) shortBreaks = true;
    if (breaks || ADOPTION_PLACEMENTS.includes(e.placementType)) plain = false;
    if (e.end === null) open = true;
    else if (e.end > last) last = e.end;
  }
  facts.shape = { plain, lastActivity: open ? '9999-12-31' : last, settledFrom: open || shortBreaks ? null : last };
  return facts.shape;
}

function isPlain(facts: ChildFacts): boolean {
  return recordShape(facts).plain;
}

function readOffWholeRecord(facts: ChildFacts, asOf: IsoDate): ClockAt | null {
  const whole = wholeRecordClock(facts);
  const w = whole.schedule;
  // Runs as they stood: those begun by the day, a run still going on it open.
  let begun = 0;
  let current = -1;
  while (begun < w.runs.length && w.runs[begun]!.start <= asOf) {
    const end = w.runs[begun]!.end;
    if (end === null || end > asOf) current = begun;
    begun += 1;
  }
  let runs: ClockRun[] = begun === w.runs.length ? w.runs : w.runs.slice(0, begun);
  if (current !== -1 && w.runs[current]!.end !== null) {
    runs = runs === w.runs ? runs.slice() : runs;
    runs[current] = { ...w.runs[current]!, end: null };
  }
  // The whole record's reviews run by run in date order, each run's missed review last, so the reviews as they
  // stood are its first ones: up to the first that is held later, missed later or in a run begun later.
  let known = 0;
  for (; known < w.reviews.length; known += 1) {
    const r = w.reviews[known]!;
    if (r.heldDate !== null ? r.heldDate > asOf : r.run >= begun || r.run === current) break;
  }
  const reviews = known === w.reviews.length ? w.reviews : w.reviews.slice(0, known);
  let next: NextReviewDue | null = null;
  if (current !== -1) {
    // The interval running on the day ends at the whole record's next entry in this run (the review that
    // closed it, or the one missed before care ended); while care goes on, at the whole record's next review.
    // Care that ended before another review fell due left that interval unfinished in the whole record.
    const following = w.reviews[known];
    const due =
      following !== undefined && following.run === current
        ? following
        : w.next !== null && w.next.run === current
          ? w.next
          : w.unfinished.find((u) => u.run === current);
    if (due === undefined) return null;
    let sequence = 1;
    for (let i = known - 1; i >= 0 && w.reviews[i]!.run === current; i -= 1) sequence += 1;
    const days = daysBetween(asOf, due.dueDate);
    next = { run: current, sequence, rule: due.rule, countsFrom: due.countsFrom, dueDate: due.dueDate, daysOverdue: Math.max(0, -days), daysToGo: days };
  }
  // Intervals left open by care that had ended by the day: for most children there are none, and nothing is made.
  let unfinished = w.unfinished;
  if (unfinished.length > 0) {
    const ended = unfinished.filter((u) => {
      const end = w.runs[u.run]!.end;
      return end !== null && end <= asOf;
    });
    if (ended.length !== unfinished.length) unfinished = ended;
  }
  return { asOf, schedule: { runs, reviews, next, unfinished }, held: whole.held };
}

/** Every period of care ended, and every review held, by a day; none of them short breaks. */
function settledBy(facts: ChildFacts, asOf: IsoDate): boolean {
  const from = recordShape(facts).settledFrom;
  return from !== null && from <= asOf;
}

/**
 * The review clock over the child's whole record. Held reviews are read from this one: their due dates never
 * depend on later events, but whether a review between two short breaks falls inside the series does (a
 * later break keeps the series going), so the whole record decides.
 */
export function wholeRecordClock(facts: ChildFacts): WholeRecordClock {
  if (facts.whole) return facts.whole;
  let last = facts.held[facts.held.length - 1]?.heldDate ?? '0000-01-01';
  for (const e of facts.episodes) {
    if (e.start > last) last = e.start;
    if (e.end !== null && e.end > last) last = e.end;
  }
  const schedule = reviewScheduleOfSorted(
    facts.episodes,
    facts.periods,
    facts.held.map((r) => r.heldDate!),
    last,
  );
  const byHeld = new Array<ScheduledReview | undefined>(facts.held.length);
  let missed: ScheduledReview[] | null = null;
  for (const r of schedule.reviews) {
    if (r.heldIndex !== null) byHeld[r.heldIndex] = r;
    else (missed ??= []).push(r);
  }
  facts.whole = { asOf: last, schedule, held: facts.held, byHeld, missed: missed ?? NO_REVIEWS };
  return facts.whole;
}

/** Reviews held between two dates, with their due dates and timeliness; reviews held outside care are not here. */
export function heldReviewsBetween(facts: ChildFacts, from: IsoDate, to: IsoDate): HeldReview[] {
  const result: HeldReview[] = [];
  pushHeldReviewsBetween(facts, from, to, result);
  return result;
}

/** heldReviewsBetween(), added to a list: a period's reviews are gathered child by child without a list for each. */
export function pushHeldReviewsBetween(facts: ChildFacts, from: IsoDate, to: IsoDate, into: HeldReview[]): void {
  // Held reviews are in date order, as the clock takes them: most children have none in a given period, and
  // are passed over here; for the others only the reviews held in the period are looked at.
  const held = facts.held;
  let low = 0;
  let high = held.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (held[middle]!.heldDate! < from) low = middle + 1;
    else high = middle;
  }
  if (low === held.length || held[low]!.heldDate! > to) return;
  const clock = wholeRecordClock(facts);
  for (let i = low; i < held.length && held[i]!.heldDate! <= to; i += 1) {
    const scheduled = clock.byHeld[i];
    if (scheduled === undefined) continue;
    into.push(new HeldReview(facts, held[i]!, scheduled));
  }
}

export interface CareOnDate {
  period: PeriodOfCare;
  episode: Episode;
}

/**
 * The period of care and episode a child is in at the end of a day, as the DfE counts children looked
 * after on 31 March: an episode ending that day has ended (the child is counted as leaving, not staying).
 */
export function careAtEndOf(facts: ChildFacts, date: IsoDate): CareOnDate | null {
  for (const period of facts.periods) {
    if (period.start > date || (period.end !== null && period.end <= date)) continue;
    let episode: Episode | undefined;
    for (let i = period.firstEpisode; i <= period.lastEpisode; i += 1) {
      const e = facts.episodes[i]!;
      if (e.start <= date && (e.end === null || e.end > date)) episode = e;
    }
    episode ??= facts.episodes[period.lastEpisode]!;
    return { period, episode };
  }
  return null;
}

/** Whether a period of care overlaps the dates given (a period ending on the first day counts). */
export function overlaps(period: PeriodOfCare, from: IsoDate, to: IsoDate): boolean {
  return period.start <= to && (period.end === null || period.end >= from);
}

/** Periods of care that overlap the dates given (a period ending on the first day counts). */
export function periodsOverlapping(periods: readonly PeriodOfCare[], from: IsoDate, to: IsoDate): PeriodOfCare[] {
  return periods.filter((p) => overlaps(p, from, to));
}

export function isUascOn(child: Child, date: IsoDate): boolean {
  return child.uasc && (child.uascCeasedDate === null || child.uascCeasedDate > date);
}
