// The service dashboard: what an IRO manager watches week by week. Reviews coming due and overdue, reviews
// held in and out of timescale, caseloads per IRO and per FTE against the handbook's guide, children not yet
// allocated or allocated late, decisions and records not yet sent, actions past their deadline, challenges
// waiting too long for a response. Computed from a handful of bulk reads over the whole register (every
// child's clock at once), never a query per child. Child lists are only built for roles allowed them;
// analysts get the counts alone.

import type { Database } from '../db/database.ts';
import { listChallenges } from '../db/challenges.ts';
import { kyselyOf } from '../db/connection.ts';
import { loadClockInputs } from '../db/reviews.ts';
import { firstReviewWithDecisionsOrRecord } from '../db/review-workflow.ts';
import { getSettings } from '../db/settings.ts';
import { listStaff } from '../db/staff.ts';
import { addWorkingDays, workingDaysBetween } from '../domain/calendar.ts';
import { addDays, addMonths, daysBetween, financialYearStart, minDate, type IsoDate } from '../domain/dates.ts';
import { reviewSchedule, type NextReviewDue } from '../domain/review-clock.ts';
import { percentage } from '../domain/percentages.ts';
import { childName } from './caseload.ts';

/** Reviews due within this many days are "coming up". */
export const DUE_WITHIN_DAYS = 28;

export interface DashboardPeriod {
  id: 'financial_year' | 'last_3_months';
  label: string;
  from: IsoDate;
  to: IsoDate;
  reviewsHeld: number;
  inTime: number;
  late: number;
  /** Per cent held in time, to one decimal place as the report gives it; null when none were held. */
  percentInTime: number | null;
  /** Periods of care that began in the period, and how their IRO allocation went. */
  careStarts: number;
  allocatedInTime: number;
  allocatedLate: number;
  /** Still unallocated and already past the allocation timescale. */
  unallocatedLate: number;
  /** Not allocated, and the timescale not passed (care began days ago, or ended within it): the columns add up. */
  unallocatedInTime: number;
}

export interface ChildRef {
  childId: string;
  name: string;
  iroName: string | null;
}

export interface IroCaseloadLine {
  iroId: number;
  name: string;
  fte: number;
  children: number;
  perFte: number | null;
  guide: 'under' | 'within' | 'over';
}

export interface Dashboard {
  asOf: IsoDate;
  settings: { caseloadGuideLow: number; caseloadGuideHigh: number; allocationWorkingDays: number; decisionsIssueWorkingDays: number; recordWorkingDays: number };
  lookedAfter: number;
  /** Children in a series of short breaks still current (V3/V4), counted apart from those looked after. */
  onShortBreaks: number;
  dueSoon: { count: number; list: (ChildRef & { next: NextReviewDue })[] | null };
  overdue: { count: number; list: (ChildRef & { next: NextReviewDue })[] | null };
  periods: DashboardPeriod[];
  caseloads: { lines: IroCaseloadLine[]; totalChildren: number; totalFte: number; perFte: number | null };
  unallocated: { count: number; list: (ChildRef & { careStarted: IsoDate; workingDays: number })[] | null };
  /** Late allocations of periods of care that began this financial year. */
  lateAllocations: { count: number; list: (ChildRef & { careStarted: IsoDate; allocatedOn: IsoDate | null; workingDays: number })[] | null };
  /** Null when the service has not yet recorded any decisions or records sent (e.g. only imported history). */
  decisionsOverdue: { count: number; list: (ChildRef & { heldDate: IsoDate; deadline: IsoDate; daysOverdue: number })[] | null } | null;
  recordsOverdue: { count: number; list: (ChildRef & { heldDate: IsoDate; deadline: IsoDate; daysOverdue: number })[] | null } | null;
  actionsOverdue: { count: number; list: (ChildRef & { description: string; owner: string; dueDate: IsoDate; daysOverdue: number })[] | null };
  /** Challenges waiting for a response past the date it was due (the challenge register lists them). */
  challengesOverdue: number;
}


export function caseloadGuide(perFte: number | null, low: number, high: number): IroCaseloadLine['guide'] {
  if (perFte === null || perFte < low) return 'under';
  return perFte > high ? 'over' : 'within';
}

const inRange = (date: IsoDate, from: IsoDate, to: IsoDate) => date >= from && date <= to;

export async function serviceDashboard(database: Database, options: { asOf: IsoDate; withChildLists: boolean }): Promise<Dashboard> {
  const { asOf, withChildLists } = options;
  const db = kyselyOf(database);
  const settings = await getSettings(database);
  const [inputs, allocationRows, staff, childRows] = await Promise.all([
    loadClockInputs(database),
    db.selectFrom('iro_allocation').select(['child_id', 'iro_id', 'start_date', 'end_date']).orderBy('child_id').orderBy('start_date').orderBy('id').execute(),
    listStaff(database),
    withChildLists ? db.selectFrom('child').select(['id', 'given_name', 'family_name']).execute() : Promise.resolve([]),
  ]);
  const names = new Map(childRows.map((c) => [c.id, childName(c, c.id)]));
  const staffById = new Map(staff.map((s) => [s.id, s]));
  const allocationsByChild = new Map<string, typeof allocationRows>();
  const currentIro = new Map<string, number>();
  for (const a of allocationRows) {
    allocationsByChild.set(a.child_id, [...(allocationsByChild.get(a.child_id) ?? []), a]);
    if (a.start_date <= asOf && (a.end_date === null || a.end_date >= asOf)) currentIro.set(a.child_id, a.iro_id);
  }
  const ref = (childId: string): ChildRef => {
    const iroId = currentIro.get(childId);
    return { childId, name: names.get(childId) ?? childId, iroName: iroId === undefined ? null : (staffById.get(iroId)?.name ?? null) };
  };

  const fyStart = financialYearStart(asOf);
  const periods: DashboardPeriod[] = [
    { id: 'financial_year', label: 'This financial year to date', from: fyStart, to: asOf },
    { id: 'last_3_months', label: 'The last 3 months', from: addDays(addMonths(asOf, -3), 1), to: asOf },
  ].map((p) => ({ ...(p as Pick<DashboardPeriod, 'id' | 'label' | 'from' | 'to'>), reviewsHeld: 0, inTime: 0, late: 0, percentInTime: null, careStarts: 0, allocatedInTime: 0, allocatedLate: 0, unallocatedLate: 0, unallocatedInTime: 0 }));

  const earliest = periods.reduce((min, p) => (p.from < min ? p.from : min), asOf);
  const dueSoon: (ChildRef & { next: NextReviewDue })[] = [];
  const overdue: (ChildRef & { next: NextReviewDue })[] = [];
  const unallocated: NonNullable<Dashboard['unallocated']['list']> = [];
  const lateAllocations: NonNullable<Dashboard['lateAllocations']['list']> = [];
  const caseloadCount = new Map<number, number>();
  let lookedAfter = 0;
  let onShortBreaks = 0;

  for (const [childId, input] of inputs) {
    const schedule = reviewSchedule(input.episodes, input.heldDates, asOf);
    for (const review of schedule.reviews) {
      if (review.heldDate === null) continue;
      for (const p of periods) {
        if (!inRange(review.heldDate, p.from, p.to)) continue;
        p.reviewsHeld += 1;
        if (review.inTime) p.inTime += 1;
        else p.late += 1;
      }
    }
    const allocations = allocationsByChild.get(childId) ?? [];
    for (const period of schedule.periods) {
      // Only periods of care beginning within a dashboard period are measured; short breaks are not care
      // starts (the series keeps its IRO from break to break), as the report counts them.
      if (period.shortBreaks || period.start > asOf || period.start < earliest) continue;
      // Allocated in time when an allocation covers the start of care (a returning child keeping their IRO)
      // or begins within the timescale after it.
      const covering = allocations.find((a) => a.start_date <= period.start && (a.end_date === null || a.end_date >= period.start));
      const later = allocations.find((a) => a.start_date > period.start && (period.end === null || a.start_date <= period.end));
      const allocatedOn = covering ? period.start : (later?.start_date ?? null);
      // Never allocated: counted to the end of the period of care, or to today while it goes on. Late is after
      // the deadline day itself, so a Saturday after a Friday deadline is late though no working day passed.
      const until = allocatedOn ?? minDate(asOf, period.end ?? asOf);
      const workingDays = workingDaysBetween(period.start, until);
      const late = until > addWorkingDays(period.start, settings.allocationWorkingDays);
      for (const p of periods) {
        if (!inRange(period.start, p.from, p.to)) continue;
        p.careStarts += 1;
        if (allocatedOn === null) {
          if (late) p.unallocatedLate += 1;
          else p.unallocatedInTime += 1;
        }
        else if (late) p.allocatedLate += 1;
        else p.allocatedInTime += 1;
      }
      if (late && inRange(period.start, fyStart, asOf)) lateAllocations.push({ ...ref(childId), careStarted: period.start, allocatedOn, workingDays });
    }
    const next = schedule.next;
    if (!next) continue;
    // Looked after as the DfE counts it; a series of short breaks still needs its reviews and its IRO.
    const run = schedule.runs[next.run];
    if (run?.kind === 'short_breaks') onShortBreaks += 1;
    else lookedAfter += 1;
    const iroId = currentIro.get(childId);
    if (iroId === undefined) {
      // The time needing an IRO began with the period of care, or with the first break of the series.
      const careStarted = run?.start ?? next.countsFrom;
      unallocated.push({ ...ref(childId), careStarted, workingDays: workingDaysBetween(careStarted, asOf) });
    } else {
      caseloadCount.set(iroId, (caseloadCount.get(iroId) ?? 0) + 1);
    }
    if (next.daysToGo < 0) overdue.push({ ...ref(childId), next });
    else if (next.daysToGo <= DUE_WITHIN_DAYS) dueSoon.push({ ...ref(childId), next });
  }
  // One decimal place, rounded as the report rounds: 199 of 200 is 99.5%, never 100%.
  for (const p of periods) p.percentInTime = percentage(p.inTime, p.reviewsHeld);

  const iroIds = new Set([...staff.filter((s) => s.role === 'iro' && s.active).map((s) => s.id), ...caseloadCount.keys()]);
  const lines: IroCaseloadLine[] = [...iroIds].map((iroId) => {
    const member = staffById.get(iroId);
    const fte = member?.fte ?? 1;
    const children = caseloadCount.get(iroId) ?? 0;
    const perFte = fte > 0 ? Math.round((children / fte) * 10) / 10 : null;
    return { iroId, name: member?.name ?? `Staff ${iroId}`, fte, children, perFte, guide: caseloadGuide(perFte, settings.caseloadGuideLow, settings.caseloadGuideHigh) };
  });
  lines.sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || a.iroId - b.iroId);
  const totalChildren = lines.reduce((sum, l) => sum + l.children, 0);
  // As the report counts it: the IROs holding children, their children over their FTE (an IRO with none
  // recorded adds no time, so is left out of both).
  const holding = lines.filter((l) => l.children > 0 && l.fte > 0);
  const totalFte = Math.round(holding.reduce((sum, l) => sum + l.fte, 0) * 100) / 100;
  const childrenWithFte = holding.reduce((sum, l) => sum + l.children, 0);

  const byDue = (a: { next: NextReviewDue; childId: string }, b: { next: NextReviewDue; childId: string }) =>
    a.next.dueDate.localeCompare(b.next.dueDate) || a.childId.localeCompare(b.childId);
  const listed = <T>(list: T[]) => ({ count: list.length, list: withChildLists ? list : null });
  return {
    asOf,
    settings: {
      caseloadGuideLow: settings.caseloadGuideLow,
      caseloadGuideHigh: settings.caseloadGuideHigh,
      allocationWorkingDays: settings.allocationWorkingDays,
      decisionsIssueWorkingDays: settings.decisionsIssueWorkingDays,
      recordWorkingDays: settings.recordWorkingDays,
    },
    lookedAfter,
    onShortBreaks,
    dueSoon: listed(dueSoon.sort(byDue)),
    overdue: listed(overdue.sort(byDue)),
    periods,
    caseloads: { lines, totalChildren, totalFte, perFte: totalFte > 0 ? Math.round((childrenWithFte / totalFte) * 10) / 10 : null },
    unallocated: listed(unallocated.sort((a, b) => a.careStarted.localeCompare(b.careStarted) || a.childId.localeCompare(b.childId))),
    lateAllocations: listed(lateAllocations.sort((a, b) => a.careStarted.localeCompare(b.careStarted) || a.childId.localeCompare(b.childId))),
    ...(await afterReview(database, asOf, settings, ref, withChildLists)),
    actionsOverdue: listed(await overdueActions(database, asOf, ref)),
    challengesOverdue: (await listChallenges(database, { asOf, state: 'overdue' }, { limit: 0, offset: 0 })).total,
  };
}

/**
 * Decisions and records not sent by their deadline. Counted only from the first review for which the service
 * recorded either being sent: reviews before that (imported history) have no such record to be missing.
 */
async function afterReview(
  database: Database,
  asOf: IsoDate,
  settings: { decisionsIssueWorkingDays: number; recordWorkingDays: number },
  ref: (childId: string) => ChildRef,
  withChildLists: boolean,
): Promise<Pick<Dashboard, 'decisionsOverdue' | 'recordsOverdue'>> {
  const db = kyselyOf(database);
  const first = await firstReviewWithDecisionsOrRecord(database);
  if (first === null) return { decisionsOverdue: null, recordsOverdue: null };
  const rows = await db
    .selectFrom('review')
    .select(['child_id', 'held_date', 'decisions_issued_date', 'record_distributed_date'])
    .where('status', '=', 'held')
    .where('held_date', '>=', first)
    .where('held_date', '<=', asOf)
    .where((eb) => eb.or([eb('decisions_issued_date', 'is', null), eb('record_distributed_date', 'is', null)]))
    .orderBy('held_date')
    .orderBy('id')
    .execute();
  type Late = ChildRef & { heldDate: IsoDate; deadline: IsoDate; daysOverdue: number };
  const decisions: Late[] = [];
  const records: Late[] = [];
  for (const r of rows) {
    if (r.held_date === null) continue;
    const check = (sent: IsoDate | null, days: number, into: Late[]) => {
      const deadline = addWorkingDays(r.held_date!, days);
      if (sent === null && deadline < asOf) into.push({ ...ref(r.child_id), heldDate: r.held_date!, deadline, daysOverdue: daysBetween(deadline, asOf) });
    };
    check(r.decisions_issued_date, settings.decisionsIssueWorkingDays, decisions);
    check(r.record_distributed_date, settings.recordWorkingDays, records);
  }
  return {
    decisionsOverdue: { count: decisions.length, list: withChildLists ? decisions : null },
    recordsOverdue: { count: records.length, list: withChildLists ? records : null },
  };
}

async function overdueActions(database: Database, asOf: IsoDate, ref: (childId: string) => ChildRef) {
  const rows = await kyselyOf(database)
    .selectFrom('review_action')
    .select(['child_id', 'description', 'owner', 'due_date'])
    .where('completed_date', 'is', null)
    .where('due_date', '<', asOf)
    .orderBy('due_date')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...ref(r.child_id), description: r.description, owner: r.owner, dueDate: r.due_date, daysOverdue: daysBetween(r.due_date, asOf) }));
}
