// Consultation requests as stored: who was asked for their views before which review, how (e-mail or a
// printed link), when, and their answers (saved drafts, then the answers sent). Links are found only by the
// SHA-256 of their token. Answers are JSON by question id, read back through a schema so a damaged row
// cannot reach a page as anything but plain text and lists.

import { z } from 'zod';
import type { Kysely } from 'kysely';
import { askedForAdvocate, type Answers, type FormVersion, type RespondentType } from '../domain/consultation.ts';
import type { IsoDate } from '../domain/dates.ts';
import type { ReviewStatus } from '../domain/register.ts';
import { chunks, kyselyOf, type DatabaseLike } from './connection.ts';
import { constraintError } from './errors.ts';
import { SharedStrings, eachRow } from './rows.ts';
import type { DatabaseSchema } from './schema.ts';
import type { ConsultationRequestTable } from './schema-web.ts';
import type { Selectable } from 'kysely';

export type ConsultationChannel = 'email' | 'print';

export interface ConsultationRequestRecord {
  id: number;
  reviewId: number;
  childId: string;
  respondent: RespondentType;
  formVersion: FormVersion;
  respondentLabel: string | null;
  channel: ConsultationChannel;
  email: string | null;
  sendOn: IsoDate;
  /** The day the first link reached the person: e-mail delivered, or printed link made. */
  firstSentOn: IsoDate | null;
  queuedAt: string | null;
  reminderQueuedAt: string | null;
  draftAnswers: Answers | null;
  draftSavedAt: string | null;
  answers: Answers | null;
  answeredOn: IsoDate | null;
  createdBy: number | null;
  createdAt: string;
}

export interface NewConsultationRequest {
  reviewId: number;
  childId: string;
  respondent: RespondentType;
  formVersion: FormVersion;
  respondentLabel: string | null;
  channel: ConsultationChannel;
  email: string | null;
  sendOn: IsoDate;
  createdBy: number | null;
  createdAt: string;
  /** Only the demo authority gives these: a request already sent and answered. */
  firstSentOn?: IsoDate | null;
  queuedAt?: string | null;
  answers?: Answers | null;
  answeredOn?: IsoDate | null;
}

const answersSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

function answersFrom(json: string | null): Answers | null {
  if (json === null) return null;
  try {
    const parsed = answersSchema.safeParse(JSON.parse(json));
    return parsed.success ? (parsed.data as Answers) : {};
  } catch {
    return {};
  }
}

type RequestRow = Selectable<ConsultationRequestTable>;

export function requestFromRow(row: RequestRow): ConsultationRequestRecord {
  return {
    id: row.id,
    reviewId: row.review_id,
    childId: row.child_id,
    respondent: row.respondent as RespondentType,
    formVersion: row.form_version as FormVersion,
    respondentLabel: row.respondent_label,
    channel: row.channel,
    email: row.email,
    sendOn: row.send_on,
    firstSentOn: row.first_sent_on,
    queuedAt: row.queued_at,
    reminderQueuedAt: row.reminder_queued_at,
    draftAnswers: answersFrom(row.draft_answers),
    draftSavedAt: row.draft_saved_at,
    answers: answersFrom(row.answers),
    answeredOn: row.answered_on,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

function rowOf(request: NewConsultationRequest) {
  return {
    review_id: request.reviewId,
    child_id: request.childId,
    respondent: request.respondent,
    form_version: request.formVersion,
    respondent_label: request.respondentLabel,
    channel: request.channel,
    email: request.email,
    send_on: request.sendOn,
    first_sent_on: request.firstSentOn ?? null,
    queued_at: request.queuedAt ?? null,
    answers: request.answers ? JSON.stringify(request.answers) : null,
    answered_on: request.answeredOn ?? null,
    created_by: request.createdBy,
    created_at: request.createdAt,
  };
}

export async function addConsultationRequest(target: DatabaseLike, request: NewConsultationRequest): Promise<number> {
  try {
    const row = await kyselyOf(target).insertInto('consultation_request').values(rowOf(request)).returning('id').executeTakeFirstOrThrow();
    return row.id;
  } catch (error) {
    throw constraintError(error, 'The consultation request');
  }
}

/** Many requests at once (the demo authority), in statements the drivers accept. */
export async function addConsultationRequests(target: DatabaseLike, requests: readonly NewConsultationRequest[]): Promise<void> {
  const db = kyselyOf(target);
  for (const part of chunks(requests, 200)) await db.insertInto('consultation_request').values(part.map(rowOf)).execute();
}

export async function findConsultationRequest(target: DatabaseLike, id: number): Promise<ConsultationRequestRecord | undefined> {
  const row = await kyselyOf(target).selectFrom('consultation_request').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? requestFromRow(row) : undefined;
}

export async function listConsultationRequests(target: DatabaseLike, filter: { reviewId?: number; childId?: string }): Promise<ConsultationRequestRecord[]> {
  let query = kyselyOf(target).selectFrom('consultation_request').selectAll();
  if (filter.reviewId !== undefined) query = query.where('review_id', '=', filter.reviewId);
  if (filter.childId !== undefined) query = query.where('child_id', '=', filter.childId);
  return (await query.orderBy('id').execute()).map(requestFromRow);
}

export async function addConsultationLink(target: DatabaseLike, link: { requestId: number; tokenHash: string; channel: ConsultationChannel; createdAt: string }): Promise<void> {
  await kyselyOf(target)
    .insertInto('consultation_link')
    .values({ request_id: link.requestId, token_hash: link.tokenHash, channel: link.channel, created_at: link.createdAt })
    .execute();
}

/** What a link's page may know: the request, its review's status and date, and the child's first name. */
export interface LinkedRequest {
  request: ConsultationRequestRecord;
  reviewStatus: ReviewStatus;
  reviewDate: IsoDate | null;
  childFirstName: string | null;
}

export async function findRequestByLink(target: DatabaseLike, tokenHash: string): Promise<LinkedRequest | undefined> {
  const row = await kyselyOf(target)
    .selectFrom('consultation_link')
    .innerJoin('consultation_request', 'consultation_request.id', 'consultation_link.request_id')
    .innerJoin('review', 'review.id', 'consultation_request.review_id')
    .innerJoin('child', 'child.id', 'consultation_request.child_id')
    .selectAll('consultation_request')
    .select(['review.status as review_status', 'review.booked_date as review_booked_date', 'review.held_date as review_held_date', 'child.given_name as child_given_name'])
    .where('consultation_link.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    request: requestFromRow(row),
    reviewStatus: row.review_status,
    reviewDate: row.review_held_date ?? row.review_booked_date,
    childFirstName: row.child_given_name,
  };
}

/** Keeps answers not yet sent; false when they had been sent meanwhile (nothing is changed then). */
export async function saveDraftAnswers(target: DatabaseLike, requestId: number, answers: Answers, at: string): Promise<boolean> {
  const result = await kyselyOf(target)
    .updateTable('consultation_request')
    .set({ draft_answers: JSON.stringify(answers), draft_saved_at: at })
    .where('id', '=', requestId)
    .where('answers', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Stores the answers sent, once: false when answers were already there, so a link cannot be used twice. */
export async function saveSentAnswers(target: DatabaseLike, requestId: number, answers: Answers, on: IsoDate): Promise<boolean> {
  const result = await kyselyOf(target)
    .updateTable('consultation_request')
    .set({ answers: JSON.stringify(answers), answered_on: on, draft_answers: null, draft_saved_at: null })
    .where('id', '=', requestId)
    .where('answers', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Records the day the first link reached the person (kept if already set). */
export async function markFirstSent(target: DatabaseLike, requestId: number, on: IsoDate): Promise<void> {
  await kyselyOf(target).updateTable('consultation_request').set({ first_sent_on: on }).where('id', '=', requestId).where('first_sent_on', 'is', null).execute();
}

export async function markQueued(target: DatabaseLike, requestId: number, field: 'queued_at' | 'reminder_queued_at', at: string): Promise<boolean> {
  const result = await kyselyOf(target).updateTable('consultation_request').set({ [field]: at }).where('id', '=', requestId).where(field, 'is', null).executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** E-mail requests not yet queued whose send date has come, for reviews still booked. */
export async function requestsDueToQueue(target: DatabaseLike, today: IsoDate): Promise<ConsultationRequestRecord[]> {
  const rows = await pendingEmail(kyselyOf(target))
    .where('consultation_request.queued_at', 'is', null)
    .where('consultation_request.send_on', '<=', today)
    .execute();
  return rows.map(requestFromRow);
}

/** E-mail requests queued, not answered and not yet reminded, with their review's date, for the reminder rule. */
export async function requestsForReminder(target: DatabaseLike): Promise<{ request: ConsultationRequestRecord; reviewStatus: ReviewStatus; reviewDate: IsoDate | null }[]> {
  const rows = await pendingEmail(kyselyOf(target))
    .where('consultation_request.queued_at', 'is not', null)
    .where('consultation_request.reminder_queued_at', 'is', null)
    .select(['review.status as review_status', 'review.booked_date as review_booked_date'])
    .execute();
  return rows.map((row) => ({ request: requestFromRow(row), reviewStatus: row.review_status, reviewDate: row.review_booked_date }));
}

function pendingEmail(db: Kysely<DatabaseSchema>) {
  return db
    .selectFrom('consultation_request')
    .innerJoin('review', 'review.id', 'consultation_request.review_id')
    .selectAll('consultation_request')
    .where('consultation_request.channel', '=', 'email')
    .where('consultation_request.answers', 'is', null)
    .where('review.status', '=', 'booked' satisfies ReviewStatus);
}

/** One request as the IRO report counts it (the report's ConsultationRecord). */
export interface ConsultationReportRow {
  childId: string;
  respondent: RespondentType;
  reviewDate: IsoDate | null;
  sentOn: IsoDate;
  answeredOn: IsoDate | null;
  askedForAdvocate: boolean;
}

/** Every request that reached someone, for the report: of the answers, only whether a child asked for an advocate. */
const ADVOCATE_YES = /"advocate"\s*:\s*"yes"/;

/** The requests sent, as the report counts them: every child's, or (`childIds`) the children named only, by child. */
export async function listConsultationForReport(
  target: DatabaseLike,
  strings = new SharedStrings(),
  childIds?: readonly string[],
): Promise<ConsultationReportRow[]> {
  const db = kyselyOf(target);
  const result: ConsultationReportRow[] = [];
  // Only a child's answers can ask for an advocate, and only answers that say so are read in full: a large
  // authority has a million requests, and the words people wrote are not the report's business.
  const query = db
    .selectFrom('consultation_request')
    .innerJoin('review', 'review.id', 'consultation_request.review_id')
    .select((eb) => [
      'consultation_request.child_id',
      'consultation_request.respondent',
      'consultation_request.form_version',
      'consultation_request.first_sent_on',
      'consultation_request.answered_on',
      // Only a child's answers that may say "yes" to the advocate question leave the database: a wider net than
      // ADVOCATE_YES (which then decides), so that the other answers are never read.
      eb
        .case()
        .when(eb.and([eb('consultation_request.respondent', '=', 'child'), eb('consultation_request.answers', 'like', '%"advocate"%:%"yes"%')]))
        .then(eb.ref('consultation_request.answers'))
        .else(null)
        .end()
        .as('answers'),
      'review.held_date',
      'review.booked_date',
    ])
    .where('consultation_request.first_sent_on', 'is not', null)
    .$if(childIds !== undefined, (q) => q.where('consultation_request.child_id', 'in', childIds!.length > 0 ? [...childIds!] : ['']).orderBy('consultation_request.child_id'))
    .orderBy('consultation_request.id');
  await eachRow(db, query, (r) => {
    const answers = r[5] as string | null;
    // Only answers that say "yes" to the advocate question are parsed and checked in full.
    const mayAsk = answers !== null && ADVOCATE_YES.test(answers);
    result.push({
      childId: strings.of(r[0] as string),
      respondent: strings.of(r[1]) as RespondentType,
      reviewDate: strings.of(r[6] ?? r[7]),
      sentOn: strings.of(r[3] as string),
      answeredOn: strings.of(r[4]),
      askedForAdvocate: mayAsk && askedForAdvocate(r[2] as FormVersion, answersFrom(answers) ?? {}),
    });
  });
  return result;
}
