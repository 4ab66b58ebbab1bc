// A child's reviews, made by walking the statutory clock forward: each review is due by the clock's rule
// (20 working days, then 3 months, then 6 months from the date the last one was actually held; short
// breaks 3 then 6 months; 4 weeks after a placement for adoption, then 3, then 6 months), and is held on
// or a few days before that date, now and then late, now and then rearranged. The walk mirrors
// reviewSchedule() in src/domain/review-clock.ts step by step, so the due date stored on each review is
// the one the clock computes; the tests check that they agree.

import { addWorkingDaysToDayNumber } from '../domain/calendar.ts';
import type { ParticipationCode } from '../domain/codes.ts';
import { toDayNumber } from '../domain/dates.ts';
import type { Rearrangement, Review, ReviewFormat } from '../domain/register.ts';
import type { PeriodFacts } from './care-history.ts';
import { addMonthsToDay, iso, workingDayOnOrAfter, workingDayOnOrBefore } from './days.ts';
import { Random, Weighted } from './random.ts';

/** The child's IRO day by day: allocation segments, earliest first, `to` inclusive (Infinity while open). */
export class AllocationTimeline {
  from: number[] = [];
  to: number[] = [];
  iro: number[] = [];

  clear(): void {
    this.from.length = 0;
    this.to.length = 0;
    this.iro.length = 0;
  }

  add(from: number, to: number, iro: number): void {
    this.from.push(from);
    this.to.push(to);
    this.iro.push(iro);
  }

  /** The IRO allocated on a day, or null when none was. */
  on(day: number): number | null {
    for (let i = this.from.length - 1; i >= 0; i -= 1) {
      if (this.from[i]! <= day) return day <= this.to[i]! ? this.iro[i]! : null;
    }
    return null;
  }
}

// Participation of children aged 4 and over (national returns and the seed reports).
const PARTICIPATION = new Weighted<ParticipationCode>([
  ['PN1', 55],
  ['PN2', 3],
  ['PN3', 3],
  ['PN4', 4],
  ['PN5', 5],
  ['PN6', 22],
  ['PN7', 8],
]);

const POSTPONED = new Weighted<string>([
  ['court_timetable', 30],
  ['social_worker_unavailable', 25],
  ['late_report', 9],
  ['iro_unavailable', 8],
  ['carer_unavailable', 6],
  ['parent_unavailable', 6],
  ['childs_wish', 5],
  ['child_unwell', 5],
  ['placement_move', 4],
  ['other', 2],
]);
const BROUGHT_FORWARD = new Weighted<string>([
  ['early_review_requested', 70],
  ['iro_unavailable', 15],
  ['other', 15],
]);
const OTHER_NOTES = ['Interpreter not available', 'Venue not available', 'Clash with a court hearing for a sibling', 'Requested by the school'];

const PANDEMIC_FROM = toDayNumber('2020-03-23');
const PANDEMIC_TO = toDayNumber('2021-07-19');

/** Rearranged reviews are more often late; first reviews are late more often (late notification). */
const REARRANGED_SHARE = 0.14;
const LATE_IF_REARRANGED = 0.14;
const LATE_FIRST = 0.035;
const LATE_LATER = 0.02;

interface Pending {
  due: number;
}

export interface ReviewWalkOptions {
  childId: string;
  run: PeriodFacts;
  /** The first day a review could be chaired: the day the IRO was allocated. */
  allocatedFrom: number;
  fourthBirthday: number;
  timeline: AllocationTimeline;
  out: Review[];
}

export class ReviewWriter {
  constructor(
    private readonly random: Random,
    private readonly asOf: number,
  ) {}

  private format(day: number): ReviewFormat {
    const u = this.random.next();
    if (day < PANDEMIC_FROM) return u < 0.96 ? 'in_person' : u < 0.98 ? 'hybrid' : 'virtual';
    if (day <= PANDEMIC_TO) return u < 0.1 ? 'in_person' : u < 0.2 ? 'hybrid' : 'virtual';
    return u < 0.62 ? 'in_person' : u < 0.85 ? 'virtual' : 'hybrid';
  }

  /** A held (or booked) date for a review due on `due`, no earlier than `earliest`. */
  private chooseDay(due: number, earliest: number, sequence: number, rearranged: boolean): number {
    const r = this.random;
    const lateChance = rearranged ? LATE_IF_REARRANGED : sequence === 1 ? LATE_FIRST : LATE_LATER;
    if (earliest <= due && !r.chance(lateChance)) {
      const u = r.next();
      const offset = sequence === 1 ? r.int(0, 6) : u < 0.35 ? r.int(0, 3) : u < 0.75 ? r.int(4, 10) : r.int(11, 25);
      const day = workingDayOnOrBefore(Math.max(earliest, due - offset), earliest);
      return day;
    }
    const u = r.next();
    const late = u < 0.55 ? r.int(1, 5) : u < 0.85 ? r.int(6, 14) : r.int(15, 30);
    return workingDayOnOrAfter(Math.max(earliest, due + late));
  }

  private rearrangements(finalDay: number, due: number, earliest: number, count: number): Rearrangement[] {
    const r = this.random;
    const dates: number[] = [finalDay];
    const postponed = finalDay > due || r.chance(0.8);
    for (let i = 0; i < count; i += 1) {
      const after = dates[0]!;
      const before = postponed
        ? workingDayOnOrBefore(after - r.int(3, 20), Math.max(earliest, Math.min(after - 1, due)))
        : workingDayOnOrAfter(after + r.int(3, 15));
      if (before === after || (postponed && before > after)) break;
      dates.unshift(before);
    }
    const result: Rearrangement[] = [];
    let changedFloor = earliest - 1;
    for (let i = 0; i + 1 < dates.length; i += 1) {
      const fromDay = dates[i]!;
      const toDay = dates[i + 1]!;
      const changedOn = Math.max(changedFloor, Math.min(fromDay, toDay) - r.int(1, 14));
      changedFloor = changedOn;
      const reason = toDay < fromDay ? BROUGHT_FORWARD.sample(r) : POSTPONED.sample(r);
      result.push({
        changedOn: iso(changedOn),
        fromDate: iso(fromDay),
        toDate: iso(toDay),
        reason,
        note: reason === 'other' ? r.pick(OTHER_NOTES) : null,
      });
    }
    return result;
  }

  private participation(day: number, fourthBirthday: number): ParticipationCode {
    return day < fourthBirthday ? 'PN0' : PARTICIPATION.sample(this.random);
  }

  /** Walks one period of care (or series of short breaks) and appends its reviews. */
  walk(options: ReviewWalkOptions): void {
    const { childId, run, allocatedFrom, fourthBirthday, timeline, out } = options;
    const r = this.random;
    const asOf = this.asOf;
    const limit = run.reviewsUntil;
    const ended = run.end !== null || limit < asOf;
    const placements = run.adoptionPlacements;
    const moves = run.moves;
    let pending: Pending = {
      due: run.shortBreaks ? addMonthsToDay(run.start, 3) : addWorkingDaysToDayNumber(run.start, 20),
    };
    let reviewsInRun = 0;
    let sincePlacement: number | null = null;
    let p = 0;
    let m = 0;
    let earliest = Math.max(run.start + 1, allocatedFrom);
    for (;;) {
      const sequence = reviewsInRun + 1;
      const rearranged = r.chance(REARRANGED_SHARE);
      let day = this.chooseDay(pending.due, earliest, sequence, rearranged);
      // Sometimes the IRO brings a review forward after a move (reg 33(3)); it restarts the interval.
      while (m < moves.length && moves[m]! < earliest) m += 1;
      if (m < moves.length && moves[m]! + 25 < day && r.chance(0.12)) {
        day = workingDayOnOrAfter(moves[m]! + r.int(7, 20));
      }
      // A placement for adoption brings the review forward to 4 weeks after it, as the clock does.
      let lastPlacement = Number.NEGATIVE_INFINITY;
      let brought = false;
      while (p < placements.length && placements[p]! <= Math.min(day, limit)) {
        const placed = placements[p]!;
        if (placed + 28 < pending.due) {
          pending = { due: placed + 28 };
          brought = true;
        }
        sincePlacement = 0;
        lastPlacement = placed;
        p += 1;
      }
      if (brought) day = this.chooseDay(pending.due, Math.max(earliest, lastPlacement), sequence, rearranged);
      if (day > limit) {
        if (ended && pending.due < limit && earliest <= limit) {
          // The child is leaving care with a review falling due first: it is held before they go.
          day = workingDayOnOrBefore(Math.min(pending.due, limit), earliest);
          if (day > limit) day = limit;
        } else {
          this.afterWalk(options, pending.due, day, ended);
          return;
        }
      }
      out.push({
        childId,
        dueDate: iso(pending.due),
        bookedDate: iso(day),
        heldDate: iso(day),
        status: 'held',
        participationCode: this.participation(day, fourthBirthday),
        chairId: timeline.on(day),
        format: this.format(day),
        rearrangements: rearranged ? this.rearrangements(day, pending.due, earliest, r.chance(0.8) ? 1 : 2) : [],
      });
      reviewsInRun += 1;
      if (sincePlacement !== null) sincePlacement += 1;
      pending = { due: this.nextDue(run, day, reviewsInRun, sincePlacement) };
      earliest = day + 1;
    }
  }

  private nextDue(run: PeriodFacts, held: number, reviewsInRun: number, sincePlacement: number | null): number {
    if (sincePlacement !== null) return addMonthsToDay(held, sincePlacement === 1 ? 3 : 6);
    if (run.shortBreaks) return addMonthsToDay(held, 6);
    return addMonthsToDay(held, reviewsInRun === 1 ? 3 : 6);
  }

  /** The review after the last one held: booked if the child is still looked after, perhaps cancelled if not. */
  private afterWalk(options: ReviewWalkOptions, due: number, planned: number, ended: boolean): void {
    const { childId, run, timeline, out } = options;
    const r = this.random;
    const asOf = this.asOf;
    if (!ended || run.end === null) {
      // Still looked after (or a series of short breaks that goes on): the next review is in the diary.
      const booked = planned > asOf ? planned : workingDayOnOrAfter(asOf + r.int(1, 10));
      if (r.chance(0.04)) {
        const cancelled = workingDayOnOrAfter(Math.max(asOf - r.int(0, 30), run.start + 1));
        out.push({
          childId,
          dueDate: iso(due),
          bookedDate: iso(cancelled),
          heldDate: null,
          status: 'cancelled',
          participationCode: null,
          chairId: timeline.on(Math.min(cancelled, asOf)),
          format: null,
          rearrangements: [
            {
              changedOn: iso(Math.min(asOf, cancelled - 1)),
              fromDate: iso(cancelled),
              toDate: null,
              reason: r.chance(0.5) ? 'early_review_requested' : 'other',
              note: 'Additional review no longer needed',
            },
          ],
        });
      }
      out.push({
        childId,
        dueDate: iso(due),
        bookedDate: iso(booked),
        heldDate: null,
        status: 'booked',
        participationCode: null,
        chairId: timeline.on(asOf),
        format: this.format(booked),
        rearrangements: [],
      });
      return;
    }
    // Left care before the next review: it was booked and is cancelled.
    if (planned <= asOf && planned > run.end && r.chance(0.5)) {
      const changedOn = Math.min(planned - 1, run.end + r.int(0, 5));
      out.push({
        childId,
        dueDate: iso(due),
        bookedDate: iso(planned),
        heldDate: null,
        status: 'cancelled',
        participationCode: null,
        chairId: timeline.on(run.end),
        format: null,
        rearrangements: [{ changedOn: iso(changedOn), fromDate: iso(planned), toDate: null, reason: 'other', note: 'Child ceased to be looked after' }],
      });
    }
  }
}
