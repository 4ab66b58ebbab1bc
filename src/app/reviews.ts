// A child's review as staff handle it before and at the meeting: booking it against the due date the review
// clock gives, moving or cancelling it with a reason, and recording the meeting once held (participation,
// attendance, chair, decisions as actions). Each change checks who may make it, refuses to overwrite a
// change someone else saved meanwhile (the review's version), and is audited in the same transaction.

import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { inTransaction, type DatabaseLike } from '../db/connection.ts';
import { ConflictError, NotFoundError } from '../db/errors.ts';
import { addRearrangement, addReview, findReview, listReviews, updateReview, type ReviewInRegister } from '../db/reviews.ts';
import { listEpisodes } from '../db/episodes.ts';
import { addReviewActions } from '../db/review-actions.ts';
import { setReviewWorkflow } from '../db/review-workflow.ts';
import { recordAudit } from '../db/audit.ts';
import { getSettings } from '../db/settings.ts';
import { listStaff } from '../db/staff.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { Action, Actor, ChildRelationship } from '../domain/access.ts';
import { ageInYears, type IsoDate } from '../domain/dates.ts';
import { checkParticipationCode } from '../domain/participation.ts';
import { periodsOfCare, sortEpisodes } from '../domain/periods-of-care.ts';
import type { ParticipationCode } from '../domain/codes.ts';
import type { Episode, ReviewFormat } from '../domain/register.ts';
import { REVIEW_RULE_LABELS, reviewSchedule } from '../domain/review-clock.ts';
import { commandAllowed, longDate, refusalFor, type Attendee, type ReviewCommand } from '../domain/review-workflow.ts';
import type { AuthoritySettings } from '../domain/settings.ts';
import { childFor, type VisibleChild } from './child-access.ts';

export interface Problem {
  field: string;
  text: string;
}

/** What was entered cannot be saved: each problem names its form field, for the GOV.UK error summary. */
export class ReviewProblems extends Error {
  override readonly name = 'ReviewProblems';
  readonly code = 'INVALID_INPUT';
  constructor(
    readonly problems: Problem[],
    /** Set when the date chosen is after the review's due date: the form asks the user to confirm. */
    readonly afterDue: { dueDate: IsoDate; date: IsoDate } | null = null,
  ) {
    super('What was entered cannot be saved');
  }
}

/** The review's status does not allow what was asked (e.g. moving a review already held). */
export class ReviewStateError extends Error {
  override readonly name = 'ReviewStateError';
  readonly code = 'REVIEW_STATE';
}

export const childNameOf = (child: Pick<VisibleChild, 'givenName' | 'familyName' | 'id'>): string =>
  [child.givenName, child.familyName].filter(Boolean).join(' ') || `Child ${child.id}`;

export interface ReviewContext {
  review: ReviewInRegister;
  child: VisibleChild;
  relationship: ChildRelationship;
}

/**
 * The review, if the actor may see its child (and, with `action`, do it): NotFoundError for a stranger,
 * FORBIDDEN for someone who may see but not change. With `audit`, the view is recorded with the read.
 */
export async function reviewFor(
  target: DatabaseLike,
  actor: Actor,
  reviewId: number,
  asOf: IsoDate,
  options: { action?: Action; audit?: boolean } = {},
): Promise<ReviewContext> {
  const review = await findReview(target, reviewId);
  if (!review) throw new NotFoundError('review');
  const { child, relationship } = await childFor(target, actor, review.childId, asOf, {
    ...(options.action && { action: options.action }),
    ...(options.audit && { audit: { entity: 'review', entityId: reviewId } }),
  });
  return { review, child, relationship };
}

export function requireCommand(review: ReviewInRegister, command: ReviewCommand): void {
  if (!commandAllowed(review.status, command)) throw new ReviewStateError(refusalFor(review.status, command));
}

/** The form was filled in against `version`: refuse if the review has changed since, before any other rule. */
export function requireVersion(review: ReviewInRegister, version: number, command: ReviewCommand): void {
  if (review.version !== version) throw new ConflictError('RECORD_CHANGED', 'Someone else changed this review after you opened it');
  requireCommand(review, command);
}

export function throwIfAny(problems: Problem[], afterDue: ReviewProblems['afterDue'] = null): void {
  if (problems.length > 0) throw new ReviewProblems(problems, afterDue);
}

/** What the forms show of a review. */
export function reviewSummary(review: ReviewInRegister) {
  return { id: review.id, version: review.version, status: review.status, dueDate: review.dueDate, bookedDate: review.bookedDate, heldDate: review.heldDate, format: review.format };
}

/** The next review due on the clock, counting only reviews held. */
function nextDue(episodes: Episode[], reviews: ReviewInRegister[], asOf: IsoDate) {
  const held = reviews.filter((r) => r.status === 'held' && r.heldDate !== null).map((r) => r.heldDate!);
  const next = reviewSchedule(episodes, held, asOf).next;
  return next ? { dueDate: next.dueDate, countsFrom: next.countsFrom, rule: REVIEW_RULE_LABELS[next.rule], daysOverdue: next.daysOverdue } : null;
}

async function bookingState(target: DatabaseLike, childId: string, asOf: IsoDate) {
  const [episodes, reviews] = await Promise.all([listEpisodes(target, childId), listReviews(target, childId)]);
  const open = reviews.find((r) => r.status === 'booked') ?? null;
  return { due: nextDue(episodes, reviews, asOf), openReview: open ? { id: open.id, bookedDate: open.bookedDate } : null };
}

/** The booking page: the child, the due date and rule from the clock, and any review already booked. */
export async function bookingForm(database: Database, actor: Actor, childId: string, asOf: IsoDate) {
  const { child } = await childFor(database, actor, childId, asOf, { action: 'review.book', audit: { entity: 'review_booking' } });
  return { child: { id: child.id, name: childNameOf(child) }, ...(await bookingState(database, childId, asOf)) };
}

/**
 * Books the child's next review on `bookedDate`, storing the due date the clock gives today. A date after the
 * due date is allowed only when `confirmLate` says the user has seen the warning.
 */
export async function bookReview(
  database: Database,
  actor: Actor,
  childId: string,
  input: { bookedDate: IsoDate; format: ReviewFormat; confirmLate: boolean },
  asOf: IsoDate,
): Promise<{ reviewId: number }> {
  return inTransaction(database, async (trx) => {
    const { child } = await childFor(trx, actor, childId, asOf, { action: 'review.book' });
    // Writing the child's row (to itself) holds it until commit, so two bookings for one child made at
    // the same moment queue, and the second sees the first's review as already booked.
    await trx.updateTable('child').set((eb) => ({ updated_at: eb.ref('updated_at') })).where('id', '=', childId).execute();
    const { due, openReview } = await bookingState(trx, childId, asOf);
    if (!due) throw new ReviewProblems([{ field: 'bookedDate', text: `No review can be booked: ${childNameOf(child)} is not looked after` }]);
    if (openReview) {
      const when = openReview.bookedDate ? ` for ${longDate(openReview.bookedDate)}` : '';
      throw new ReviewProblems([{ field: 'bookedDate', text: `A review is already booked${when}: rearrange that review instead` }]);
    }
    const problems: Problem[] = [];
    if (input.bookedDate < asOf) problems.push({ field: 'bookedDate', text: 'The date of the review must be today or in the future' });
    const afterDue = input.bookedDate > due.dueDate ? { dueDate: due.dueDate, date: input.bookedDate } : null;
    if (afterDue && !input.confirmLate) problems.push({ field: 'confirmLate', text: 'Confirm the review will be held after its due date, or choose an earlier date' });
    throwIfAny(problems, afterDue);
    const saved = await addReview(trx, {
      childId,
      dueDate: due.dueDate,
      bookedDate: input.bookedDate,
      heldDate: null,
      status: 'booked',
      participationCode: null,
      chairId: null,
      format: input.format,
      rearrangements: [],
    });
    await recordAudit(trx, {
      staffId: actor.id,
      action: 'create',
      entity: 'review',
      entityId: saved.id,
      childId,
      detail: { fields: ['due_date', 'booked_date', 'format'], afterDueDate: afterDue !== null },
    });
    return { reviewId: saved.id };
  });
}

/** The rearrange or cancel page: the review as it is now and the authority's reasons. */
export async function changeForm(database: Database, actor: Actor, reviewId: number, asOf: IsoDate, command: 'rearrange' | 'cancel') {
  const { review, child } = await reviewFor(database, actor, reviewId, asOf, { action: 'review.rearrange', audit: true });
  requireCommand(review, command);
  const settings = await getSettings(database);
  return { child: { id: child.id, name: childNameOf(child) }, review: reviewSummary(review), reasons: settings.rearrangementReasons };
}

function reasonProblems(settings: AuthoritySettings, reason: string, note: string | null): Problem[] {
  if (!settings.rearrangementReasons.some((r) => r.code === reason)) return [{ field: 'reason', text: 'Select the reason from the list' }];
  if (reason === 'other' && !note) return [{ field: 'note', text: 'Enter a note saying why, as the reason is ‘Other’' }];
  return [];
}

/**
 * Moves a booked review to a new date: a rearrangement row (changed today, from, to, reason) and the new
 * booked date, saved together only if nobody has changed the review since `version`.
 */
export async function rearrangeReview(
  database: Database,
  actor: Actor,
  reviewId: number,
  input: { version: number; newDate: IsoDate; reason: string; note: string | null; confirmLate: boolean },
  asOf: IsoDate,
): Promise<void> {
  await inTransaction(database, async (trx) => {
    const { review } = await reviewFor(trx, actor, reviewId, asOf, { action: 'review.rearrange' });
    requireVersion(review, input.version, 'rearrange');
    const problems: Problem[] = [];
    if (input.newDate < asOf) problems.push({ field: 'newDate', text: 'The new date must be today or in the future' });
    else if (input.newDate === review.bookedDate) problems.push({ field: 'newDate', text: 'The new date must be different from the date booked now' });
    problems.push(...reasonProblems(await getSettings(trx), input.reason, input.note));
    const afterDue = review.dueDate !== null && input.newDate > review.dueDate ? { dueDate: review.dueDate, date: input.newDate } : null;
    if (afterDue && !input.confirmLate) problems.push({ field: 'confirmLate', text: 'Confirm the review will be held after its due date, or choose an earlier date' });
    throwIfAny(problems, afterDue);
    await updateReview(trx, reviewId, input.version, { bookedDate: input.newDate });
    await addRearrangement(trx, reviewId, { changedOn: asOf, fromDate: review.bookedDate, toDate: input.newDate, reason: input.reason, note: input.note });
    await recordAudit(trx, {
      staffId: actor.id,
      action: 'update',
      entity: 'review',
      entityId: reviewId,
      childId: review.childId,
      detail: { fields: ['booked_date'], change: 'rearranged', reason: input.reason, afterDueDate: afterDue !== null },
    });
  });
}

/** Cancels a booked review with a reason: a rearrangement row to no date, and the status cancelled. */
export async function cancelReview(
  database: Database,
  actor: Actor,
  reviewId: number,
  input: { version: number; reason: string; note: string | null },
  asOf: IsoDate,
): Promise<void> {
  await inTransaction(database, async (trx) => {
    const { review } = await reviewFor(trx, actor, reviewId, asOf, { action: 'review.rearrange' });
    requireVersion(review, input.version, 'cancel');
    throwIfAny(reasonProblems(await getSettings(trx), input.reason, input.note));
    await updateReview(trx, reviewId, input.version, { status: 'cancelled' });
    await addRearrangement(trx, reviewId, { changedOn: asOf, fromDate: review.bookedDate, toDate: null, reason: input.reason, note: input.note });
    await recordAudit(trx, {
      staffId: actor.id,
      action: 'update',
      entity: 'review',
      entityId: reviewId,
      childId: review.childId,
      detail: { fields: ['status'], change: 'cancelled', reason: input.reason },
    });
  });
}

/** IROs who may chair a review: active staff in the IRO role. */
async function chairChoices(target: DatabaseLike): Promise<{ id: number; name: string }[]> {
  return (await listStaff(target, { role: 'iro', activeOnly: true })).map((s) => ({ id: s.id, name: s.name }));
}

/** The record page: the review, the child's age and care start (for the form's hints), and the IROs to chair. */
export async function recordForm(database: Database, actor: Actor, reviewId: number, asOf: IsoDate) {
  const { review, child } = await reviewFor(database, actor, reviewId, asOf, { action: 'review.record', audit: true });
  requireCommand(review, 'record');
  const [chairs, episodes] = await Promise.all([chairChoices(database), listEpisodes(database, child.id)]);
  const defaultChairId = actor.role === 'iro' ? actor.id : (review.chairId ?? child.currentIroId);
  return {
    child: { id: child.id, name: childNameOf(child), dateOfBirth: child.dateOfBirth, ageToday: child.dateOfBirth ? ageInYears(child.dateOfBirth, asOf) : null },
    careStarted: sortEpisodes(episodes)[0]?.start ?? null,
    review: reviewSummary(review),
    chairs,
    defaultChairId: chairs.some((c) => c.id === defaultChairId) ? defaultChairId : null,
  };
}

/** One row of decisions from the form; blank rows are ignored, a partly filled row is a problem. */
export interface DecisionRow {
  description: string;
  owner: string;
  deadline: IsoDate | null;
  /** What is wrong with the deadline as typed (e.g. not a real date); null when fine or blank. */
  deadlineProblem: string | null;
}

/** The decisions to save, or the problems with them, each naming its row and field. */
export function checkDecisionRows(rows: readonly DecisionRow[], heldDate: IsoDate | null): { actions: { description: string; owner: string; dueDate: IsoDate }[]; problems: Problem[] } {
  const actions: { description: string; owner: string; dueDate: IsoDate }[] = [];
  const problems: Problem[] = [];
  rows.forEach((row, index) => {
    const n = index + 1;
    if (!row.description && !row.owner && row.deadline === null && row.deadlineProblem === null) return;
    const field = (name: string) => `actions-${n}-${name}`;
    if (!row.description) problems.push({ field: field('description'), text: `Action ${n}: enter what is to be done` });
    if (!row.owner) problems.push({ field: field('owner'), text: `Action ${n}: enter who will do it` });
    if (row.deadlineProblem) problems.push({ field: field('deadline'), text: `Action ${n}: the deadline ${row.deadlineProblem}` });
    else if (row.deadline === null) problems.push({ field: field('deadline'), text: `Action ${n}: enter the deadline` });
    else if (heldDate !== null && row.deadline < heldDate) problems.push({ field: field('deadline'), text: `Action ${n}: the deadline must be on or after the date the review was held` });
    if (row.description && row.owner && row.deadline !== null && !row.deadlineProblem) actions.push({ description: row.description, owner: row.owner, dueDate: row.deadline });
  });
  return { actions, problems };
}

export interface HeldReview {
  version: number;
  heldDate: IsoDate;
  participationCode: ParticipationCode;
  attendance: Attendee[];
  format: ReviewFormat;
  chairId: number;
  actions: DecisionRow[];
}

async function heldDateProblems(trx: Kysely<DatabaseSchema>, childId: string, heldDate: IsoDate, asOf: IsoDate): Promise<Problem[]> {
  if (heldDate > asOf) return [{ field: 'heldDate', text: 'The date the review was held must be today or in the past' }];
  const periods = periodsOfCare(sortEpisodes(await listEpisodes(trx, childId)));
  const first = periods[0];
  if (first && heldDate < first.start) return [{ field: 'heldDate', text: `The date the review was held must be on or after ${longDate(first.start)}, when care started` }];
  if (!periods.some((p) => p.start <= heldDate && (p.end === null || heldDate <= p.end))) {
    return [{ field: 'heldDate', text: 'The child was not looked after on the date entered: check the date the review was held' }];
  }
  return [];
}

/**
 * Records a booked review as held: its date, participation (checked against the child's age that day),
 * attendance, format, chair and the decisions as actions; all or nothing, and only if nobody changed the
 * review since `version`. The review keeps the due date it had; the clock counts the next one from the held date.
 */
export async function recordHeldReview(database: Database, actor: Actor, reviewId: number, input: HeldReview, asOf: IsoDate): Promise<void> {
  await inTransaction(database, async (trx) => {
    const { review, child } = await reviewFor(trx, actor, reviewId, asOf, { action: 'review.record' });
    requireVersion(review, input.version, 'record');
    const problems = await heldDateProblems(trx, child.id, input.heldDate, asOf);
    const participation = checkParticipationCode(input.participationCode, child.dateOfBirth, input.heldDate);
    if (participation) problems.push({ field: 'participationCode', text: `Participation code: ${participation.message}` });
    if (!(await chairChoices(trx)).some((c) => c.id === input.chairId)) problems.push({ field: 'chairId', text: 'Select the IRO who chaired the review' });
    const decisions = checkDecisionRows(input.actions, input.heldDate);
    problems.push(...decisions.problems);
    throwIfAny(problems);
    let dueDate = review.dueDate;
    if (dueDate === null) {
      // Never booked through IRO Desk with a due date: take the one the clock gives this review.
      const [episodes, reviews] = await Promise.all([listEpisodes(trx, child.id), listReviews(trx, child.id)]);
      const held = reviews.filter((r) => r.status === 'held' && r.heldDate !== null).map((r) => r.heldDate!);
      dueDate = reviewSchedule(episodes, [...held, input.heldDate], asOf).reviews.find((r) => r.heldIndex === held.length)?.dueDate ?? null;
    }
    await updateReview(trx, reviewId, input.version, {
      status: 'held',
      heldDate: input.heldDate,
      dueDate,
      participationCode: input.participationCode,
      chairId: input.chairId,
      format: input.format,
    });
    await setReviewWorkflow(trx, reviewId, { attendance: input.attendance });
    await addReviewActions(trx, reviewId, child.id, decisions.actions);
    await recordAudit(trx, {
      staffId: actor.id,
      action: 'update',
      entity: 'review',
      entityId: reviewId,
      childId: child.id,
      detail: { fields: ['status', 'held_date', 'participation_code', 'attendance', 'format', 'chair'], change: 'held', actions: decisions.actions.length },
    });
  });
}
