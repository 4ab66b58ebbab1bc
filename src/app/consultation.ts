// Consultation as staff handle it: asking the child, parents, carers and the social worker for their views
// before a booked review (by e-mail on the send date, or as a printed link with a QR code), following which
// requests came back, and reading the answers on the review and on the child's record. Business support and
// IROs send; only the child's IRO (or cover) and IRO managers read answers, and every reading is audited.

import type { Database } from '../db/database.ts';
import { inTransaction, type DatabaseLike } from '../db/connection.ts';
import { recordAudit } from '../db/audit.ts';
import { NotFoundError } from '../db/errors.ts';
import { addConsultationRequest, addConsultationRequests, findConsultationRequest, listConsultationRequests, markFirstSent, type ConsultationChannel, type ConsultationRequestRecord } from '../db/consultation.ts';
import { listOutbox, type OutboxMessage } from '../db/outbox.ts';
import { findReview, listReviews, type ReviewInRegister } from '../db/reviews.ts';
import { getReviewWorkflow } from '../db/review-workflow.ts';
import { getSettings } from '../db/settings.ts';
import { canActOnChild, type Action, type Actor } from '../domain/access.ts';
import { PARTICIPATION_CODE } from '../domain/codes.ts';
import {
  FORMS,
  RESPONDENT_LABELS,
  RESPONDENT_TYPES,
  ageOnReviewDate,
  answersInWords,
  childFormVersionFor,
  defaultSendDate,
  linkState,
  reminderDate,
  sendDateProblem,
  suggestParticipation,
  versionsFor,
  type FormVersion,
  type RespondentType,
} from '../domain/consultation.ts';
import { addDays, type IsoDate } from '../domain/dates.ts';
import { longDate } from '../domain/review-workflow.ts';
import { kyselyOf } from '../db/connection.ts';
import { planDemoConsultation } from '../demo/consultation.ts';
import { childFor, type VisibleChild } from './child-access.ts';
import { childNameOf } from './reviews.ts';
import { CONSULTATION_EMAIL_PURPOSES } from './consultation-email.ts';
import { mintLink } from './consultation-link.ts';

export interface Problem {
  field: string;
  text: string;
}

/** What was entered cannot be saved; each problem names its field. */
export class ConsultationProblems extends Error {
  override readonly name = 'ConsultationProblems';
  readonly code = 'INVALID_INPUT';
  constructor(readonly problems: Problem[]) {
    super('What was entered cannot be saved');
  }
}

/** Views can be asked for only before a booked review, and a link only while the form is open. */
export class ConsultationStateError extends Error {
  override readonly name = 'ConsultationStateError';
  readonly code = 'CONSULTATION_STATE';
}

const reviewDateOf = (review: ReviewInRegister): IsoDate | null => review.heldDate ?? review.bookedDate;

async function reviewWithChild(target: DatabaseLike, actor: Actor, reviewId: number, asOf: IsoDate, action: Action, audit: boolean) {
  const review = await findReview(target, reviewId);
  if (!review) throw new NotFoundError('review');
  const { child, relationship } = await childFor(target, actor, review.childId, asOf, { action, ...(audit && { audit: { entity: 'consultation', entityId: reviewId } }) });
  return { review, child, mayRead: canActOnChild(actor, 'consultation.read', relationship) };
}

/** Whether views can still be asked for: a booked review, today or later. */
function openForRequests(review: ReviewInRegister, asOf: IsoDate): boolean {
  return review.status === 'booked' && review.bookedDate !== null && review.bookedDate >= asOf;
}

type Tag = 'green' | 'blue' | 'grey' | 'red' | 'yellow';

/** Where a request has got to, in words for the list. */
function statusOf(request: ConsultationRequestRecord, messages: OutboxMessage[], review: ReviewInRegister, asOf: IsoDate): { text: string; tag: Tag } {
  if (request.answers !== null) return { text: `Answers sent ${longDate(request.answeredOn ?? asOf)}`, tag: 'green' };
  const state = linkState({ answered: false, reviewStatus: review.status, reviewDate: reviewDateOf(review), today: asOf });
  if (state !== 'open') return { text: 'No answers', tag: 'grey' };
  if (request.draftAnswers !== null) return { text: 'Started, not sent yet', tag: 'yellow' };
  if (request.channel === 'print') return request.firstSentOn ? { text: `Printed link made ${longDate(request.firstSentOn)}`, tag: 'blue' } : { text: 'Link not printed yet', tag: 'grey' };
  const latest = messages[messages.length - 1];
  if (!latest) {
    if (request.firstSentOn) return { text: `E-mailed ${longDate(request.firstSentOn)}`, tag: 'blue' };
    if (request.queuedAt || request.sendOn <= asOf) return { text: 'E-mail waiting to be sent', tag: 'grey' };
    return { text: `To be e-mailed ${longDate(request.sendOn)}`, tag: 'grey' };
  }
  if (latest.status === 'failed') return { text: 'E-mail could not be delivered', tag: 'red' };
  if (latest.status === 'queued') return { text: latest.lastError ? `E-mail not delivered yet (tried ${latest.attempts} times)` : 'E-mail waiting to be sent', tag: 'grey' };
  return { text: request.firstSentOn ? `E-mailed ${longDate(request.firstSentOn)}` : 'E-mailed', tag: 'blue' };
}

/** Records that the answers were read, one audit event per request shown. */
async function auditAnswersRead(target: DatabaseLike, actor: Actor, requests: ConsultationRequestRecord[]): Promise<void> {
  for (const r of requests) {
    if (r.answers !== null) await recordAudit(target, { staffId: actor.id, action: 'view', entity: 'consultation_answers', entityId: r.id, childId: r.childId });
  }
}

function answersView(request: ConsultationRequestRecord) {
  return request.answers === null ? null : answersInWords(request.formVersion, request.answers);
}

/** The participation code the review should consider, from the child's form and the attendance recorded. */
async function suggestionFor(target: DatabaseLike, review: ReviewInRegister, child: VisibleChild, requests: ConsultationRequestRecord[]) {
  const date = reviewDateOf(review);
  if (date === null || review.status === 'cancelled') return null;
  const attendance = review.status === 'held' ? (await getReviewWorkflow(target, review.id)).attendance : null;
  const suggestion = suggestParticipation({
    ageOnReviewDate: ageOnReviewDate(child.dateOfBirth, date),
    childFormReturned: requests.some((r) => r.respondent === 'child' && r.answers !== null),
    childAttended: attendance === null ? null : attendance.includes('child'),
    recordedCode: review.participationCode,
  });
  if (!suggestion) return null;
  const name = child.givenName ?? 'the child';
  const label = `${suggestion.code}: ${PARTICIPATION_CODE.labels[suggestion.code]}`;
  return {
    code: suggestion.code,
    label,
    text: suggestion.onlyIfChildDoesNotAttend
      ? `${name} sent their views on their form. If ${name} does not attend the review, record ${label}.`
      : `${name} did not attend, and their views reached the review on their form: ${label} fits${review.participationCode ? ` rather than ${review.participationCode}` : ''}.`,
  };
}

/** The review's consultation page: each request and where it has got to, the answers for those who may read them (audited), and the PN6 suggestion. */
export async function consultationPage(database: Database, actor: Actor, reviewId: number, asOf: IsoDate) {
  return inTransaction(database, async (trx) => {
    const { review, child, mayRead } = await reviewWithChild(trx, actor, reviewId, asOf, 'consultation.send', true);
    const requests = await listConsultationRequests(trx, { reviewId });
    const messages = await listOutbox(trx, { purposes: CONSULTATION_EMAIL_PURPOSES, referenceIds: requests.map((r) => r.id) });
    if (mayRead) await auditAnswersRead(trx, actor, requests);
    const settings = await getSettings(trx);
    const date = reviewDateOf(review);
    const open = openForRequests(review, asOf);
    return {
      child: { id: child.id, name: childNameOf(child) },
      review: { id: review.id, status: review.status, date },
      mayRead,
      open,
      sendOn: open && date ? defaultSendDate(date, asOf, settings) : null,
      reminderOn: open && date ? reminderDate(date, settings) : null,
      answered: requests.filter((r) => r.answers !== null).length,
      requests: requests.map((r) => ({
        id: r.id,
        respondent: RESPONDENT_LABELS[r.respondent],
        who: r.respondentLabel,
        form: FORMS[r.formVersion].name,
        how: r.channel === 'email' ? `E-mail to ${r.email ?? ''}` : 'Printed link',
        status: statusOf(r, messages.filter((m) => m.referenceId === r.id), review, asOf),
        canPrint: open && r.answers === null,
        answeredOn: r.answeredOn,
        answers: mayRead ? answersView(r) : null,
      })),
      suggestion: mayRead ? await suggestionFor(trx, review, child, requests) : null,
    };
  });
}

/**
 * What the review page shows of consultation: how many were asked and have answered, and (to those who may
 * read answers) the participation code to consider. Null for someone who cannot send or read consultation.
 * Reads no answers, so it is not an audited reading of them.
 */
export async function consultationSummary(database: Database, actor: Actor, reviewId: number, asOf: IsoDate) {
  const review = await findReview(database, reviewId);
  if (!review) throw new NotFoundError('review');
  const { child, relationship } = await childFor(database, actor, review.childId, asOf);
  if (!canActOnChild(actor, 'consultation.send', relationship)) return null;
  const requests = await listConsultationRequests(database, { reviewId });
  const mayRead = canActOnChild(actor, 'consultation.read', relationship);
  return {
    asked: requests.length,
    answered: requests.filter((r) => r.answers !== null).length,
    suggestion: mayRead ? await suggestionFor(database, review, child, requests) : null,
  };
}

/** The page for asking someone's views: the review, the form the child's age suggests and the default send date. */
export async function requestForm(database: Database, actor: Actor, reviewId: number, asOf: IsoDate) {
  const { review, child } = await reviewWithChild(database, actor, reviewId, asOf, 'consultation.send', false);
  if (!openForRequests(review, asOf)) throw new ConsultationStateError('Views can be asked for only before a review that is booked.');
  const settings = await getSettings(database);
  const date = review.bookedDate!;
  const age = ageOnReviewDate(child.dateOfBirth, date);
  return {
    child: { id: child.id, name: childNameOf(child), age },
    review: { id: review.id, date },
    childVersion: childFormVersionFor(age),
    childUnder4: age !== null && age < 4,
    sendOn: defaultSendDate(date, asOf, settings),
    reminderOn: reminderDate(date, settings),
    versions: RESPONDENT_TYPES.map((respondent) => ({ respondent, label: RESPONDENT_LABELS[respondent], forms: versionsFor(respondent).map((v) => ({ version: v, name: FORMS[v].name })) })),
  };
}

export interface ViewsRequest {
  respondent: RespondentType;
  formVersion: FormVersion;
  respondentLabel: string | null;
  channel: ConsultationChannel;
  email: string | null;
  /** For e-mail; a printed link is made when asked for. */
  sendOn: IsoDate | null;
}

const EMAIL = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/;

/** Asks someone for their views before a booked review; the request and its audit event in one transaction. */
export async function askForViews(database: Database, actor: Actor, reviewId: number, input: ViewsRequest, asOf: IsoDate): Promise<number> {
  return inTransaction(database, async (trx) => {
    const { review, child } = await reviewWithChild(trx, actor, reviewId, asOf, 'consultation.send', false);
    if (!openForRequests(review, asOf)) throw new ConsultationStateError('Views can be asked for only before a review that is booked.');
    const date = review.bookedDate!;
    const problems: Problem[] = [];
    if (!versionsFor(input.respondent).includes(input.formVersion)) problems.push({ field: 'formVersion', text: 'Select a form for this person' });
    const age = ageOnReviewDate(child.dateOfBirth, date);
    if (input.respondent === 'child' && age !== null && age < 4) {
      problems.push({ field: 'respondent', text: `${childNameOf(child)} will be under 4 on the day of the review, so is not asked with a form` });
    }
    if (input.respondentLabel !== null && input.respondentLabel.length > 100) problems.push({ field: 'respondentLabel', text: 'Who it is for must be 100 characters or fewer' });
    let sendOn = asOf;
    if (input.channel === 'email') {
      if (!input.email || input.email.length > 254 || !EMAIL.test(input.email)) problems.push({ field: 'email', text: 'Enter an e-mail address in the correct format, like name@example.com' });
      if (input.sendOn === null) problems.push({ field: 'sendOn', text: 'Enter the date to send the e-mail' });
      else {
        const problem = sendDateProblem(input.sendOn, date, asOf);
        if (problem) problems.push({ field: 'sendOn', text: problem });
        sendOn = input.sendOn;
      }
    }
    if (problems.length > 0) throw new ConsultationProblems(problems);
    const id = await addConsultationRequest(trx, {
      reviewId,
      childId: child.id,
      respondent: input.respondent,
      formVersion: input.formVersion,
      respondentLabel: input.respondentLabel,
      channel: input.channel,
      email: input.channel === 'email' ? input.email : null,
      sendOn,
      createdBy: actor.id,
      createdAt: new Date().toISOString(),
    });
    // The audit names who was asked and how, never the address.
    await recordAudit(trx, {
      staffId: actor.id,
      action: 'create',
      entity: 'consultation_request',
      entityId: id,
      childId: child.id,
      detail: { reviewId, respondent: input.respondent, formVersion: input.formVersion, channel: input.channel, sendOn },
    });
    return id;
  });
}

/**
 * Makes a new link for a request, to print with its QR code. The token is returned once and never kept, so
 * printing again makes another link; earlier links keep working until the answers are sent.
 */
export async function printLink(database: Database, actor: Actor, requestId: number, asOf: IsoDate) {
  return inTransaction(database, async (trx) => {
    const request = await findConsultationRequest(trx, requestId);
    if (!request) throw new NotFoundError('review');
    const { review, child } = await reviewWithChild(trx, actor, request.reviewId, asOf, 'consultation.send', false);
    if (request.answers !== null || !openForRequests(review, asOf)) throw new ConsultationStateError('A link can be made only before the review, and until the answers are sent.');
    const token = await mintLink(trx, request.id, 'print');
    await markFirstSent(trx, request.id, asOf);
    await recordAudit(trx, { staffId: actor.id, action: 'create', entity: 'consultation_link', entityId: request.id, childId: child.id, detail: { channel: 'print' } });
    const form = FORMS[request.formVersion];
    return {
      token,
      reviewId: review.id,
      childName: childNameOf(child),
      childFirstName: child.givenName,
      reviewDate: review.bookedDate!,
      forChild: form.respondent === 'child',
      who: request.respondentLabel ?? RESPONDENT_LABELS[request.respondent],
      formName: form.name,
    };
  });
}

/** Every answer about a child, review by review, newest first: the views stay on the child's record. Audited. */
export async function childConsultation(database: Database, actor: Actor, childId: string, asOf: IsoDate) {
  return inTransaction(database, async (trx) => {
    const { child } = await childFor(trx, actor, childId, asOf, { action: 'consultation.read', audit: { entity: 'consultation', entityId: childId } });
    const requests = (await listConsultationRequests(trx, { childId })).filter((r) => r.answers !== null);
    await auditAnswersRead(trx, actor, requests);
    const reviews = await listReviews(trx, childId);
    const byReview = reviews
      .map((review) => ({
        id: review.id,
        date: reviewDateOf(review),
        status: review.status,
        answers: requests
          .filter((r) => r.reviewId === review.id)
          .map((r) => ({ id: r.id, respondent: RESPONDENT_LABELS[r.respondent], who: r.respondentLabel, form: FORMS[r.formVersion].name, answeredOn: r.answeredOn, answers: answersView(r) ?? [] })),
      }))
      .filter((r) => r.answers.length > 0)
      .reverse();
    return { child: { id: child.id, name: childNameOf(child) }, reviews: byReview };
  });
}

/** The demo authority's consultation: requests and answers for reviews held in the last year and those booked. */
export async function loadDemoConsultation(database: Database, options: { seed: number; asOf: IsoDate }): Promise<number> {
  const rows = await kyselyOf(database)
    .selectFrom('review')
    .innerJoin('child', 'child.id', 'review.child_id')
    .select(['review.id', 'review.child_id', 'review.status', 'review.held_date', 'review.booked_date', 'child.date_of_birth'])
    .where((eb) =>
      eb.or([
        eb.and([eb('review.status', '=', 'held'), eb('review.held_date', '>', addDays(options.asOf, -365)), eb('review.held_date', '<=', options.asOf)]),
        eb.and([eb('review.status', '=', 'booked'), eb('review.booked_date', 'is not', null)]),
      ]),
    )
    .execute();
  const reviews = rows.map((row) => ({ reviewId: row.id, childId: row.child_id, dateOfBirth: row.date_of_birth, status: row.status, date: (row.held_date ?? row.booked_date)! }));
  const requests = planDemoConsultation(reviews, { ...options, settings: await getSettings(database) });
  await inTransaction(database, (trx) => addConsultationRequests(trx, requests.map((r) => ({ ...r, createdBy: null, createdAt: `${r.sendOn}T08:00:00.000Z` }))));
  return requests.length;
}
