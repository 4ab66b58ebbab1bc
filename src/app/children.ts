// Children in the register as staff reach them: finding a child among those they may see, the child's
// record (audited with the read), the record's audit trail, adding a child who has become looked after,
// and changing the child's IRO. Every change is written with its audit event in one transaction.

import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { inTransaction, kyselyOf, timestampNow, toYesNo } from '../db/connection.ts';
import { childColumns } from '../db/children.ts';
import { replaceEpisodes } from '../db/episodes.ts';
import { allocateIro, currentIro, listAllocations } from '../db/allocations.ts';
import { listAudit, recordAudit } from '../db/audit.ts';
import { ConflictError, isUniqueViolation } from '../db/errors.ts';
import { listStaff } from '../db/staff.ts';
import { getSettings } from '../db/settings.ts';
import { listNotes, NOTE_KINDS } from '../db/notes.ts';
import { listReviewActions } from '../db/review-actions.ts';
import { can, canActOnChild, SERVICE_WIDE_ROLES, type Actor } from '../domain/access.ts';
import { ETHNICITY, LEGAL_STATUS, PLACEMENT_TYPE, REASON_EPISODE_CEASED, REASON_NEW_EPISODE, SEX } from '../domain/codes.ts';
import { REVIEW_RULE_LABELS } from '../domain/review-clock.ts';
import { addWorkingDays, workingDaysBetween } from '../domain/calendar.ts';
import { ageInYears, type IsoDate } from '../domain/dates.ts';
import { allocationOn, type Child, type Episode, type PeriodOfCare } from '../domain/register.ts';
import { caseloadChildIds, childFor } from './child-access.ts';
import { childName, iroChoices } from './caseload.ts';
import { childRecord } from './child-record.ts';

/** Problems with what was entered, each naming its form field: shown as the GOV.UK error summary. */
export class InputProblems extends Error {
  override readonly name = 'InputProblems';
  readonly code = 'INVALID_INPUT';
  constructor(readonly problems: { field: string; text: string }[]) {
    super('What was entered cannot be saved');
  }
}

function throwIfAny(problems: { field: string; text: string }[]): void {
  if (problems.length > 0) throw new InputProblems(problems);
}

export const PAGE_SIZE = 25;

export interface ChildSearchResult {
  rows: { childId: string; name: string; dateOfBirth: IsoDate | null; socialWorkTeam: string | null; iroName: string | null }[];
  total: number;
  page: number;
  pages: number;
}

/** Children the actor may see whose name or identifier contains the query, a page at a time. */
export async function searchChildren(database: Database, actor: Actor, options: { query: string; page: number; asOf: IsoDate }): Promise<ChildSearchResult> {
  const db = kyselyOf(database);
  let base = db.selectFrom('child');
  if (actor.role === 'iro') {
    const ids = await caseloadChildIds(database, actor.id, options.asOf);
    if (ids.length === 0) return { rows: [], total: 0, page: 1, pages: 1 };
    base = base.where('child.id', 'in', ids);
  } else if (actor.role === 'team_manager') {
    if (actor.team === null) return { rows: [], total: 0, page: 1, pages: 1 };
    base = base.where('child.social_work_team', '=', actor.team);
  } else if (!SERVICE_WIDE_ROLES.includes(actor.role)) {
    return { rows: [], total: 0, page: 1, pages: 1 };
  }
  const query = options.query.trim().toLowerCase();
  if (query) {
    const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const like = (expression: ReturnType<typeof sql>) => sql<boolean>`lower(${expression}) like ${pattern} escape '\\'`;
    base = base.where((eb) =>
      eb.or([
        like(sql`child.id`),
        like(sql`coalesce(child.given_name, '') || ' ' || coalesce(child.family_name, '')`),
        like(sql`coalesce(child.family_name, '') || ' ' || coalesce(child.given_name, '')`),
      ]),
    );
  }
  const counted = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const total = Number(counted.total);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(Math.max(1, options.page), pages);
  const rows = await base
    .select(['child.id', 'child.given_name', 'child.family_name', 'child.date_of_birth', 'child.social_work_team'])
    .orderBy('child.family_name')
    .orderBy('child.given_name')
    .orderBy('child.id')
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  const ids = rows.map((r) => r.id);
  const iros =
    ids.length === 0
      ? []
      : await db
          .selectFrom('iro_allocation')
          .innerJoin('staff', 'staff.id', 'iro_allocation.iro_id')
          .select(['iro_allocation.child_id', 'staff.name'])
          .where('iro_allocation.child_id', 'in', ids)
          .where('iro_allocation.start_date', '<=', options.asOf)
          .where((eb) => eb.or([eb('iro_allocation.end_date', 'is', null), eb('iro_allocation.end_date', '>=', options.asOf)]))
          .orderBy('iro_allocation.start_date')
          .execute();
  const iroByChild = new Map(iros.map((r) => [r.child_id, r.name]));
  return {
    rows: rows.map((r) => ({ childId: r.id, name: childName(r, r.id), dateOfBirth: r.date_of_birth, socialWorkTeam: r.social_work_team, iroName: iroByChild.get(r.id) ?? null })),
    total,
    page,
    pages,
  };
}

/**
 * Whether the IRO service was told late that a child became looked after: more than the allocation
 * timescale in working days after the start of the period of care the notice was about (the latest to
 * start on or before it). Null when no notice date is recorded.
 */
export function lateNotification(
  periods: readonly Pick<PeriodOfCare, 'start'>[],
  notifiedDate: IsoDate | null,
  allocationWorkingDays: number,
): { careStarted: IsoDate; workingDays: number; late: boolean } | null {
  if (notifiedDate === null) return null;
  const period = [...periods].reverse().find((p) => p.start <= notifiedDate);
  if (!period) return null;
  const workingDays = workingDaysBetween(period.start, notifiedDate);
  // Late is after the deadline day, as the report reads it: told on the Saturday after a Friday deadline is late.
  return { careStarted: period.start, workingDays, late: notifiedDate > addWorkingDays(period.start, allocationWorkingDays) };
}

/**
 * The child's record as its page shows it, if the actor may see the child (NotFoundError otherwise); the
 * view is written to the audit trail with the access check. Reviews and the next one due come from the
 * review clock (childRecord).
 */
export async function childRecordPage(database: Database, actor: Actor, childId: string, asOf: IsoDate) {
  const { child, relationship } = await childFor(database, actor, childId, asOf, { audit: { entity: 'child' } });
  const [record, notes, actions, settings] = await Promise.all([
    childRecord(database, childId, asOf),
    listNotes(database, childId),
    listReviewActions(database, { childId, openOnly: true }),
    getSettings(database),
  ]);
  const label = (list: { labels: Record<string, string> }, code: string | null) => (code === null ? null : (list.labels[code] ?? code));
  const timeline = record.periods.map((period) => ({
    start: period.start,
    end: period.end,
    shortBreaks: period.shortBreaks,
    episodes: record.episodes.slice(period.firstEpisode, period.lastEpisode + 1).map((e) => ({
      start: e.start,
      end: e.end,
      legalStatus: label(LEGAL_STATUS, e.legalStatus),
      placementType: label(PLACEMENT_TYPE, e.placementType),
      reasonNewEpisode: label(REASON_NEW_EPISODE, e.reasonNewEpisode),
      reasonCeased: label(REASON_EPISODE_CEASED, e.reasonCeased),
    })),
  }));
  const reviews = record.reviews.map(({ review, timeliness }) => ({
    reviewId: review?.id ?? null,
    dueDate: timeliness?.dueDate ?? review?.dueDate ?? null,
    bookedDate: review?.bookedDate ?? null,
    heldDate: review?.heldDate ?? null,
    status: review === null ? 'missed' : review.status === 'held' && timeliness === null ? 'outside_care' : review.status,
    inTime: timeliness && timeliness.heldDate !== null ? timeliness.inTime : null,
    daysLate: timeliness?.daysLate ?? null,
    participationCode: review?.participationCode ?? null,
    rule: timeliness ? REVIEW_RULE_LABELS[timeliness.rule] : null,
  }));
  const currentAllocation = allocationOn(record.allocations, asOf);
  return {
    child: {
      ...child,
      name: childName({ given_name: child.givenName, family_name: child.familyName }, child.id),
      age: child.dateOfBirth ? ageInYears(child.dateOfBirth, asOf) : null,
      sexLabel: label(SEX, child.sex),
      ethnicityLabel: label(ETHNICITY, child.ethnicity),
    },
    notification: lateNotification(record.periods, child.notifiedDate, settings.allocationWorkingDays),
    allocationWorkingDays: settings.allocationWorkingDays,
    timeline,
    allocations: [...record.allocations].reverse(),
    currentIro: currentAllocation?.iroName ?? null,
    reviews,
    next: record.next ? { ...record.next, ruleLabel: REVIEW_RULE_LABELS[record.next.rule] } : null,
    // Paragraphs rather than pre-formatted text: the page's style policy allows no inline styles.
    notes: notes.map((n) => ({ ...n, kindLabel: NOTE_KINDS[n.kind], paragraphs: n.text.split(/(?:\r?\n)+/).filter((p) => p.trim() !== '') })),
    actions,
    allowed: {
      bookReview: canActOnChild(actor, 'review.book', relationship),
      addNote: canActOnChild(actor, 'note.add', relationship),
      allocate: can(actor, 'child.allocate'),
      audit: can(actor, 'child.audit'),
      consultation: canActOnChild(actor, 'consultation.read', relationship),
    },
  };
}

/** The child's audit trail, newest first, for managers; looking at it is itself recorded. */
export async function childAuditTrail(database: Database, actor: Actor, childId: string, asOf: IsoDate) {
  const { child } = await childFor(database, actor, childId, asOf, { audit: { entity: 'child_audit' } });
  const entries = await listAudit(database, { childId, limit: 1000 });
  const when = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  return {
    child: { id: child.id, name: childName({ given_name: child.givenName, family_name: child.familyName }, child.id) },
    entries: entries.map((e) => ({ id: e.id, at: e.at, when: when.format(new Date(e.at)), who: e.staffName ?? 'The system', what: describeAudit(e.action, e.entity, e.detail) })),
  };
}

const AUDIT_WORDS: Record<string, string> = {
  'view child': 'Viewed the record',
  'view child_audit': 'Viewed the audit trail',
  'create child': 'Added the child to the register',
  'create allocation': 'Allocated an IRO',
  'update allocation': 'Changed the IRO',
  'create note': 'Added an IRO note',
  'view review': 'Viewed a review',
  'create review': 'Booked a review',
  'update review': 'Changed a review',
};

export function describeAudit(action: string, entity: string, detail: Record<string, unknown> | null): string {
  const words = AUDIT_WORDS[`${action} ${entity}`] ?? `${action[0]?.toUpperCase() ?? ''}${action.slice(1).replace(/_/g, ' ')}: ${entity.replace(/_/g, ' ')}`;
  const fields = Array.isArray(detail?.fields) ? ` (${(detail.fields as unknown[]).map(String).join(', ').replace(/_/g, ' ')})` : '';
  return `${words}${fields}`;
}

/** Social work teams to choose from: those of team managers and those children already have. */
export async function socialWorkTeams(database: Database): Promise<string[]> {
  const db = kyselyOf(database);
  const [staff, children] = await Promise.all([
    db.selectFrom('staff').select('team').where('role', '=', 'team_manager').where('team', 'is not', null).distinct().execute(),
    db.selectFrom('child').select('social_work_team').where('social_work_team', 'is not', null).distinct().execute(),
  ]);
  const teams = new Set([...staff.map((s) => s.team!), ...children.map((c) => c.social_work_team!)]);
  return [...teams].sort((a, b) => a.localeCompare(b, 'en-GB'));
}

/** What the new-child form offers: IROs with their caseloads, and the social work teams. */
export async function newChildChoices(database: Database, asOf: IsoDate) {
  const [iros, teams, settings] = await Promise.all([iroChoices(database, asOf), socialWorkTeams(database), getSettings(database)]);
  return { iros, teams, allocationWorkingDays: settings.allocationWorkingDays };
}

export interface NewChild {
  childId: string;
  givenName: string;
  familyName: string;
  dateOfBirth: IsoDate;
  sex: Child['sex'];
  ethnicity: string;
  upn: string | null;
  uasc: boolean;
  socialWorkTeam: string | null;
  careStart: IsoDate;
  legalStatus: string;
  categoryOfNeed: string;
  placementType: string;
  notifiedDate: IsoDate;
  iroId: number | null;
}

/**
 * Adds a child who has started to be looked after: their details, a first episode (reason S), the date
 * the service was told, and optionally their IRO from today; all or nothing, audited. Throws InputProblems
 * when a rule is broken (identifier taken, dates out of order, an IRO who is not available).
 */
export async function addChildLookedAfter(database: Database, actor: Actor, input: NewChild, asOf: IsoDate) {
  const problems: { field: string; text: string }[] = [];
  if (input.dateOfBirth > asOf) problems.push({ field: 'dateOfBirth', text: 'Date of birth must be today or in the past' });
  if (input.careStart > asOf) problems.push({ field: 'careStart', text: 'The date care started must be today or in the past' });
  else if (input.careStart < input.dateOfBirth) problems.push({ field: 'careStart', text: 'The date care started must be on or after the date of birth' });
  else if (ageInYears(input.dateOfBirth, input.careStart) >= 18) problems.push({ field: 'careStart', text: 'The child must be under 18 on the date care started' });
  if (input.notifiedDate > asOf) problems.push({ field: 'notifiedDate', text: 'The date the service was told must be today or in the past' });
  const choices = await newChildChoices(database, asOf);
  if (input.iroId !== null && !choices.iros.some((i) => i.id === input.iroId)) problems.push({ field: 'iroId', text: 'Select an IRO from the list' });
  if (input.socialWorkTeam !== null && choices.teams.length > 0 && !choices.teams.includes(input.socialWorkTeam)) {
    problems.push({ field: 'socialWorkTeam', text: 'Select a social work team from the list' });
  }
  throwIfAny(problems);
  const settings = await getSettings(database);
  const episode: Episode = {
    start: input.careStart,
    reasonNewEpisode: 'S',
    legalStatus: input.legalStatus,
    categoryOfNeed: input.categoryOfNeed,
    placementType: input.placementType,
    placementProvider: null,
    end: null,
    reasonCeased: null,
    reasonPlacementChange: null,
    homePostcode: null,
    placementPostcode: null,
    urn: null,
  };
  const notification = lateNotification([{ start: input.careStart }], input.notifiedDate, settings.allocationWorkingDays);
  const taken = { field: 'childId', text: 'A child with this identifier is already in the register' };
  return inTransaction(database, async (trx) => {
    if (await trx.selectFrom('child').select('id').where('id', '=', input.childId).executeTakeFirst()) throw new InputProblems([taken]);
    const child: Child = {
      id: input.childId,
      givenName: input.givenName,
      familyName: input.familyName,
      dateOfBirth: input.dateOfBirth,
      sex: input.sex,
      ethnicity: input.ethnicity,
      upn: input.upn,
      uasc: input.uasc,
      uascCeasedDate: null,
      disability: null,
    };
    const now = timestampNow();
    try {
      await trx
        .insertInto('child')
        .values({ ...childColumns(child), uasc: toYesNo(input.uasc), notified_date: input.notifiedDate, social_work_team: input.socialWorkTeam, created_at: now, updated_at: now })
        .execute();
    } catch (error) {
      // Someone added the same identifier a moment ago.
      if (isUniqueViolation(error)) throw new InputProblems([taken]);
      throw error;
    }
    await replaceEpisodes(trx, input.childId, [episode]);
    const fields = ['details', 'first_episode', 'notified_date', ...(input.socialWorkTeam ? ['social_work_team'] : [])];
    await recordAudit(trx, { staffId: actor.id, action: 'create', entity: 'child', entityId: input.childId, childId: input.childId, detail: { fields, lateNotification: notification?.late ?? false } });
    if (input.iroId !== null) {
      await allocateIro(trx, input.childId, input.iroId, asOf, 'Allocated when the child was added');
      await recordAudit(trx, { staffId: actor.id, action: 'create', entity: 'allocation', childId: input.childId, detail: { iroId: input.iroId, from: asOf } });
    }
    return { childId: input.childId, lateNotification: notification };
  });
}

/** The change-of-IRO page: the child, their IRO now and before, and the IROs to choose from. */
export async function allocationChoices(database: Database, actor: Actor, childId: string, asOf: IsoDate) {
  const { child } = await childFor(database, actor, childId, asOf, { action: 'child.allocate' });
  const [history, iros, staff] = await Promise.all([listAllocations(database, childId), iroChoices(database, asOf), listStaff(database)]);
  const names = new Map(staff.map((s) => [s.id, s.name]));
  const current = await currentIro(database, childId);
  return {
    child: { id: child.id, name: childName({ given_name: child.givenName, family_name: child.familyName }, child.id) },
    current: current ? { ...current, iroName: names.get(current.iroId) ?? `Staff ${current.iroId}` } : null,
    history: history.map((a) => ({ ...a, iroName: names.get(a.iroId) ?? `Staff ${a.iroId}` })).reverse(),
    iros,
  };
}

/**
 * Gives the child a new IRO from a date, closing the current allocation the day before. `expectedIroId` is
 * the IRO the form showed: if someone has changed it since, ConflictError RECORD_CHANGED and nothing is saved.
 */
export async function changeIro(
  database: Database,
  actor: Actor,
  childId: string,
  input: { iroId: number; from: IsoDate; reason: string | null; expectedIroId: number | null },
  asOf: IsoDate,
): Promise<void> {
  const iros = await iroChoices(database, asOf);
  await inTransaction(database, async (trx) => {
    await childFor(trx, actor, childId, asOf, { action: 'child.allocate' });
    const current = await currentIro(trx, childId);
    if ((current?.iroId ?? null) !== input.expectedIroId) throw new ConflictError('RECORD_CHANGED', 'Someone else changed the IRO after the page was opened');
    const problems: { field: string; text: string }[] = [];
    if (!iros.some((i) => i.id === input.iroId)) problems.push({ field: 'iroId', text: 'Select an IRO from the list' });
    else if (current?.iroId === input.iroId) problems.push({ field: 'iroId', text: 'Select a different IRO: this one is already allocated' });
    if (input.from > asOf) problems.push({ field: 'from', text: 'The date the new IRO takes over must be today or in the past' });
    else if (current && input.from < current.from) problems.push({ field: 'from', text: 'The date the new IRO takes over must be on or after the date the current IRO started' });
    if (current && !input.reason) problems.push({ field: 'reason', text: 'Enter the reason for changing IRO' });
    throwIfAny(problems);
    await allocateIro(trx, childId, input.iroId, input.from, input.reason);
    await recordAudit(trx, {
      staffId: actor.id,
      action: current ? 'update' : 'create',
      entity: 'allocation',
      childId,
      detail: { fields: ['iro'], fromIroId: current?.iroId ?? null, toIroId: input.iroId, from: input.from },
    });
  });
}
