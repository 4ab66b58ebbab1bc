// An IRO's caseload as they work it: each child allocated to them (and those of IROs they cover), when the
// next review is due from the one review clock, where the current interval's mid-point check stands, the
// last time the IRO saw or spoke to the child, and the actions still open from reviews. Read in a few bulk
// queries over the caseload's children, never a query per child.

import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { chunks, kyselyOf } from '../db/connection.ts';
import type { ClockInputs } from '../db/reviews.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { getStaff, listStaff } from '../db/staff.ts';
import { getSettings } from '../db/settings.ts';
import type { NoteKind } from '../db/notes.ts';
import { addDays, addMonths, daysBetween, type IsoDate } from '../domain/dates.ts';
import { SHORT_BREAK_SERIES_MONTHS, intervalMidpoint, reviewSchedule, type NextReviewDue, type ReviewSchedule } from '../domain/review-clock.ts';
import { can, type Actor } from '../domain/access.ts';
import { iroIdsCoveredBy } from './child-access.ts';

/** A review due within this many days is flagged as due soon. */
export const DUE_SOON_DAYS = 14;

/** Notes that record the IRO seeing or speaking to the child: "date of last IRO visit or contact". */
export const CONTACT_NOTE_KINDS: readonly NoteKind[] = ['visit', 'child_contact', 'midpoint'];

export type DueStatus = 'overdue' | 'due_soon' | 'on_track';

export interface MidpointCheck {
  /** The current interval: from the start of care or the last review held, to the next review's due date. */
  intervalFrom: IsoDate;
  intervalTo: IsoDate;
  /** Halfway through the interval: when the check is expected. */
  midpoint: IsoDate;
  /** done: a mid-point note in this interval; due: midpoint still ahead; missing: midpoint passed without one;
   *  not_needed: the interval is too short for a mid-point check (settings.midpointMinimumIntervalWeeks). */
  state: 'done' | 'due' | 'missing' | 'not_needed';
  checkedOn: IsoDate | null;
}

export interface CaseloadRow {
  childId: string;
  name: string;
  /** Null for the IRO's own child; the IRO covered for otherwise. */
  coverFor: { iroId: number; iroName: string } | null;
  next: NextReviewDue | null;
  dueStatus: DueStatus | null;
  midpoint: MidpointCheck | null;
  /** The interval closed by the last review held had no mid-point check (and was long enough to need one). */
  previousIntervalUnchecked: boolean;
  lastContact: IsoDate | null;
  actions: { open: number; overdue: number };
}

export interface Caseload {
  iro: { id: number; name: string; fte: number };
  asOf: IsoDate;
  rows: CaseloadRow[];
  /** Children allocated but not looked after on the as-of date, left out unless asked for. */
  notLookedAfter: number;
  summary: { children: number; cover: number; overdue: number; dueSoon: number; midpointMissing: number; actionsOpen: number; actionsOverdue: number };
}

export function childName(c: { given_name: string | null; family_name: string | null }, id: string): string {
  return [c.given_name, c.family_name].filter(Boolean).join(' ') || `Child ${id}`;
}

export function dueStatusOf(next: NextReviewDue): DueStatus {
  if (next.daysToGo < 0) return 'overdue';
  return next.daysToGo <= DUE_SOON_DAYS ? 'due_soon' : 'on_track';
}

/** Whether a mid-point note falls within an interval: after it starts and before the review closing it. */
const checksIn = (checks: readonly IsoDate[], from: IsoDate, before: IsoDate) => checks.filter((d) => d > from && d < before);

/** The current interval's mid-point check, and whether the last completed interval had one. */
export function midpointState(
  schedule: ReviewSchedule,
  checks: readonly IsoDate[],
  asOf: IsoDate,
  minimumWeeks: number,
): { current: MidpointCheck | null; previousUnchecked: boolean } {
  const minimumDays = minimumWeeks * 7;
  const next = schedule.next;
  if (!next) return { current: null, previousUnchecked: false };
  const midpoint = intervalMidpoint(next.countsFrom, next.dueDate);
  const found = checksIn(checks, next.countsFrom, addDays(asOf, 1));
  const checkedOn = found.length > 0 ? found[found.length - 1]! : null;
  const short = daysBetween(next.countsFrom, next.dueDate) < minimumDays;
  const state = short ? 'not_needed' : checkedOn ? 'done' : asOf >= midpoint ? 'missing' : 'due';
  const last = [...schedule.reviews].reverse().find((r) => r.run === next.run && r.heldDate !== null);
  // Long enough for a check as the report measures it: to the review or its due date, whichever came first, so a
  // first review held late is still too short to have needed one.
  const lastEnd = last === undefined ? null : last.heldDate! < last.dueDate ? last.heldDate! : last.dueDate;
  const previousUnchecked =
    last !== undefined &&
    daysBetween(last.countsFrom, lastEnd!) >= minimumDays &&
    checksIn(checks, last.countsFrom, last.heldDate!).length === 0;
  return { current: { intervalFrom: next.countsFrom, intervalTo: next.dueDate, midpoint, state, checkedOn }, previousUnchecked };
}

/** Episodes and held review dates of the given children only: the clock's inputs for a caseload. */
export async function clockInputsFor(db: Kysely<DatabaseSchema>, childIds: readonly string[]): Promise<Map<string, ClockInputs>> {
  const inputs = new Map<string, ClockInputs>(childIds.map((id) => [id, { episodes: [], heldDates: [] }]));
  for (const ids of chunks(childIds, 500)) {
    const episodes = await db
      .selectFrom('episode')
      .select(['child_id', 'start_date', 'end_date', 'reason_new_episode', 'legal_status', 'placement_type'])
      .where('child_id', 'in', ids)
      .orderBy('child_id')
      .orderBy('start_date')
      .orderBy('id')
      .execute();
    for (const e of episodes) {
      inputs.get(e.child_id)?.episodes.push({
        start: e.start_date,
        end: e.end_date,
        reasonNewEpisode: e.reason_new_episode,
        legalStatus: e.legal_status,
        placementType: e.placement_type,
      });
    }
    const held = await db
      .selectFrom('review')
      .select(['child_id', 'held_date'])
      .where('child_id', 'in', ids)
      .where('status', '=', 'held')
      .where('held_date', 'is not', null)
      .orderBy('child_id')
      .orderBy('held_date')
      .execute();
    for (const r of held) if (r.held_date !== null) inputs.get(r.child_id)?.heldDates.push(r.held_date);
  }
  return inputs;
}

/** Notes of the given kinds for the given children, by child, each list in date order. */
async function notesFor(db: Kysely<DatabaseSchema>, childIds: readonly string[], kinds: readonly NoteKind[]) {
  const result = new Map<string, { kind: NoteKind; date: IsoDate }[]>();
  for (const ids of chunks(childIds, 500)) {
    const rows = await db
      .selectFrom('iro_note')
      .select(['child_id', 'kind', 'note_date'])
      .where('child_id', 'in', ids)
      .where('kind', 'in', [...kinds])
      .orderBy('note_date')
      .execute();
    for (const r of rows) result.set(r.child_id, [...(result.get(r.child_id) ?? []), { kind: r.kind as NoteKind, date: r.note_date }]);
  }
  return result;
}

/** Open review actions of the given children: how many, and how many are past their deadline. */
async function openActionsFor(db: Kysely<DatabaseSchema>, childIds: readonly string[], asOf: IsoDate) {
  const result = new Map<string, { open: number; overdue: number }>();
  for (const ids of chunks(childIds, 500)) {
    const rows = await db.selectFrom('review_action').select(['child_id', 'due_date']).where('child_id', 'in', ids).where('completed_date', 'is', null).execute();
    for (const r of rows) {
      const entry = result.get(r.child_id) ?? { open: 0, overdue: 0 };
      entry.open += 1;
      if (r.due_date < asOf) entry.overdue += 1;
      result.set(r.child_id, entry);
    }
  }
  return result;
}

/**
 * The caseload of one IRO on a date, sorted by next review due (the most overdue first). Children no longer
 * looked after are left out unless `includeNotLookedAfter`; NotFoundError when there is no such staff member.
 */
export async function iroCaseload(
  database: Database,
  options: { iroId: number; asOf: IsoDate; includeNotLookedAfter?: boolean },
): Promise<Caseload> {
  const { iroId, asOf } = options;
  const db = kyselyOf(database);
  const iro = await getStaff(database, iroId);
  const settings = await getSettings(database);
  const iroIds = await iroIdsCoveredBy(database, iroId, asOf);
  const allocated = await db
    .selectFrom('iro_allocation')
    .innerJoin('child', 'child.id', 'iro_allocation.child_id')
    .select(['iro_allocation.child_id', 'iro_allocation.iro_id', 'child.given_name', 'child.family_name'])
    .where('iro_allocation.iro_id', 'in', iroIds)
    .where('iro_allocation.start_date', '<=', asOf)
    .where((eb) => eb.or([eb('iro_allocation.end_date', 'is', null), eb('iro_allocation.end_date', '>=', asOf)]))
    .orderBy('iro_allocation.start_date')
    .orderBy('iro_allocation.id')
    .execute();
  // Should allocations overlap (imported history: a handover day in both), the latest to start holds the child,
  // as everywhere else, whichever IRO it is: a child handed on that day is the new IRO's alone.
  const holders = await holdersOn(db, [...new Set(allocated.map((a) => a.child_id))], asOf);
  const byChild = new Map(allocated.filter((a) => iroIds.includes(holders.get(a.child_id) ?? -1)).map((a) => [a.child_id, a]));
  const ids = [...byChild.keys()];
  const coveredNames = new Map<number, string>();
  if (iroIds.length > 1) for (const s of await listStaff(database)) if (iroIds.includes(s.id)) coveredNames.set(s.id, s.name);
  const [inputs, notes, actions] = await Promise.all([
    clockInputsFor(db, ids),
    notesFor(db, ids, CONTACT_NOTE_KINDS),
    openActionsFor(db, ids, asOf),
  ]);

  const rows: CaseloadRow[] = [];
  let notLookedAfter = 0;
  for (const [childId, allocation] of byChild) {
    const input = inputs.get(childId) ?? { episodes: [], heldDates: [] };
    const schedule = reviewSchedule(input.episodes, input.heldDates, asOf);
    if (!schedule.next) {
      notLookedAfter += 1;
      if (!options.includeNotLookedAfter) continue;
    }
    const childNotes = notes.get(childId) ?? [];
    const checks = childNotes.filter((n) => n.kind === 'midpoint').map((n) => n.date);
    const contacts = childNotes.filter((n) => n.date <= asOf);
    const midpoint = midpointState(schedule, checks, asOf, settings.midpointMinimumIntervalWeeks);
    rows.push({
      childId,
      name: childName(allocation, childId),
      coverFor: allocation.iro_id === iroId ? null : { iroId: allocation.iro_id, iroName: coveredNames.get(allocation.iro_id) ?? `Staff ${allocation.iro_id}` },
      next: schedule.next,
      dueStatus: schedule.next ? dueStatusOf(schedule.next) : null,
      midpoint: midpoint.current,
      previousIntervalUnchecked: midpoint.previousUnchecked,
      lastContact: contacts.length > 0 ? contacts[contacts.length - 1]!.date : null,
      actions: actions.get(childId) ?? { open: 0, overdue: 0 },
    });
  }
  rows.sort((a, b) => {
    const da = a.next?.dueDate ?? '9999-12-31';
    const dbb = b.next?.dueDate ?? '9999-12-31';
    return da < dbb ? -1 : da > dbb ? 1 : a.childId < b.childId ? -1 : a.childId > b.childId ? 1 : 0;
  });
  const count = (test: (r: CaseloadRow) => boolean) => rows.filter(test).length;
  return {
    iro: { id: iro.id, name: iro.name, fte: iro.fte },
    asOf,
    rows,
    notLookedAfter,
    summary: {
      children: rows.length,
      cover: count((r) => r.coverFor !== null),
      overdue: count((r) => r.dueStatus === 'overdue'),
      dueSoon: count((r) => r.dueStatus === 'due_soon'),
      midpointMissing: count((r) => r.midpoint?.state === 'missing'),
      actionsOpen: rows.reduce((sum, r) => sum + r.actions.open, 0),
      actionsOverdue: rows.reduce((sum, r) => sum + r.actions.overdue, 0),
    },
  };
}

/** The IRO holding each child on a day: of the allocations covering it, the latest to start (then the latest made). */
async function holdersOn(db: ReturnType<typeof kyselyOf>, childIds: readonly string[], asOf: IsoDate): Promise<Map<string, number>> {
  const holders = new Map<string, number>();
  for (let i = 0; i < childIds.length; i += 500) {
    const rows = await db
      .selectFrom('iro_allocation')
      .select(['child_id', 'iro_id'])
      .where('child_id', 'in', childIds.slice(i, i + 500))
      .where('start_date', '<=', asOf)
      .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', asOf)]))
      .orderBy('start_date')
      .orderBy('id')
      .execute();
    for (const r of rows) holders.set(r.child_id, r.iro_id);
  }
  return holders;
}

/**
 * Active IROs with how many children each holds on a date, for choosing one: children in a period of care
 * that goes on past the day (one ending that day has left), read from the stored periods so the list costs one
 * query, and children whose only care is a series of short breaks that may still be current, which the review
 * clock decides as the caseload page does (single breaks carry the series six months, an agreement ends it, and a
 * break soon after an agreement joins its series).
 */
export async function iroChoices(database: Database, asOf: IsoDate): Promise<{ id: number; name: string; children: number }[]> {
  const staff = (await listStaff(database, { activeOnly: true })).filter((s) => s.role === 'iro');
  const seriesFrom = addMonths(asOf, -SHORT_BREAK_SERIES_MONTHS);
  const db = kyselyOf(database);
  const periodsOn = (eb: ExpressionBuilder<DatabaseSchema, 'iro_allocation'>, current: 'care' | 'any') =>
    eb.exists(
      eb
        .selectFrom('period_of_care')
        .select('period_of_care.id')
        .whereRef('period_of_care.child_id', '=', 'iro_allocation.child_id')
        .where('period_of_care.start_date', '<=', asOf)
        .where((p) =>
          current === 'care'
            ? p.or([p('period_of_care.end_date', 'is', null), p('period_of_care.end_date', '>', asOf)])
            : p.or([
                p('period_of_care.end_date', 'is', null),
                p('period_of_care.end_date', '>', asOf),
                p.and([p('period_of_care.short_breaks', '=', 1), p('period_of_care.end_date', '>=', seriesFrom)]),
              ]),
        ),
    );
  const rows = await db
    .selectFrom('iro_allocation')
    .select((eb) => ['child_id', 'iro_id', periodsOn(eb, 'care').as('in_care')])
    .where('start_date', '<=', asOf)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', asOf)]))
    .where((eb) => periodsOn(eb, 'any'))
    .orderBy('start_date')
    .orderBy('id')
    .execute();
  // On a handover day in both allocations, the later holds the child.
  const holders = new Map(rows.map((r) => [r.child_id, r.iro_id]));
  // The few children whose care had ended by the day, short breaks within the last six months: looked after only
  // while their series is current.
  const series = [...new Set(rows.filter((r) => !r.in_care).map((r) => r.child_id))];
  const inputs = await clockInputsFor(db, series);
  for (const id of series) {
    const input = inputs.get(id)!;
    if (reviewSchedule(input.episodes, input.heldDates, asOf).next === null) holders.delete(id);
  }
  const counts = new Map<number, number>();
  for (const iroId of holders.values()) counts.set(iroId, (counts.get(iroId) ?? 0) + 1);
  return staff.map((s) => ({ id: s.id, name: s.name, children: counts.get(s.id) ?? 0 }));
}

/** Staff whose caseload a manager may open: IROs and IRO managers, active or not. */
export async function caseloadHolders(database: Database): Promise<{ id: number; name: string; active: boolean }[]> {
  return (await listStaff(database)).filter((s) => s.role === 'iro' || s.role === 'iro_manager').map((s) => ({ id: s.id, name: s.name, active: s.active }));
}

/**
 * The caseload page: the actor's own caseload, or another's for those allowed to see others' (FORBIDDEN
 * otherwise), with the list of caseloads they may switch to.
 */
export async function caseloadPage(database: Database, actor: Actor, options: { iroId?: number; asOf: IsoDate; includeNotLookedAfter: boolean }) {
  const iroId = options.iroId ?? actor.id;
  const mayOpenOthers = can(actor, 'caseload.others');
  if (iroId !== actor.id && !mayOpenOthers) throw Object.assign(new Error('Only managers can open another IRO’s caseload'), { code: 'FORBIDDEN' });
  const caseload = await iroCaseload(database, { iroId, asOf: options.asOf, includeNotLookedAfter: options.includeNotLookedAfter });
  return { caseload, own: iroId === actor.id, holders: mayOpenOthers ? await caseloadHolders(database) : null };
}
