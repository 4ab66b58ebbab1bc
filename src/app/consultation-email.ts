// Consultation by e-mail: requests whose send date has come, and reminders a week (the authority's
// setting) before the review to those who have not answered, are put in the outbox; each message is written
// when it is sent, with a new link made at that moment, so no link is ever stored readable. A message no
// longer needed (answers already sent, review cancelled) is dropped.

import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { inTransaction } from '../db/connection.ts';
import { recordAudit } from '../db/audit.ts';
import { findConsultationRequest, markFirstSent, markQueued, requestsDueToQueue, requestsForReminder } from '../db/consultation.ts';
import { enqueueEmail, type OutboxMessage } from '../db/outbox.ts';
import { getSettings } from '../db/settings.ts';
import { reminderDue, respondentOf } from '../domain/consultation.ts';
import type { IsoDate } from '../domain/dates.ts';
import { longDate } from '../domain/review-workflow.ts';
import { linkPath, mintLink } from './consultation-link.ts';

export const CONSULTATION_REQUEST_EMAIL = 'consultation_request';
export const CONSULTATION_REMINDER_EMAIL = 'consultation_reminder';
export const CONSULTATION_EMAIL_PURPOSES = [CONSULTATION_REQUEST_EMAIL, CONSULTATION_REMINDER_EMAIL] as const;

/** Puts in the outbox every request and reminder due today; returns how many of each. */
export async function queueConsultationEmails(database: Database, today: IsoDate, now: Date = new Date()): Promise<{ requests: number; reminders: number }> {
  let requests = 0;
  let reminders = 0;
  for (const request of await requestsDueToQueue(database, today)) {
    await inTransaction(database, async (trx) => {
      // The mark is the claim: a second server queueing at the same moment finds it taken.
      if (!(await markQueued(trx, request.id, 'queued_at', now.toISOString()))) return;
      await enqueueEmail(trx, { purpose: CONSULTATION_REQUEST_EMAIL, referenceId: request.id, to: request.email!, now });
      requests += 1;
    });
  }
  const settings = await getSettings(database);
  for (const { request, reviewStatus, reviewDate } of await requestsForReminder(database)) {
    const due = reminderDue({
      byEmail: true,
      firstSentOn: request.firstSentOn,
      answered: request.answers !== null,
      reminderQueued: request.reminderQueuedAt !== null,
      reviewStatus,
      reviewDate,
      today,
      settings,
    });
    if (!due) continue;
    await inTransaction(database, async (trx) => {
      if (!(await markQueued(trx, request.id, 'reminder_queued_at', now.toISOString()))) return;
      await enqueueEmail(trx, { purpose: CONSULTATION_REMINDER_EMAIL, referenceId: request.id, to: request.email!, now });
      reminders += 1;
    });
  }
  return { requests, reminders };
}

function possessive(name: string): string {
  return name.endsWith('s') ? `${name}’` : `${name}’s`;
}

/** The words of a request or reminder, with a new link; null when it is no longer needed. */
export async function composeConsultationEmail(db: Kysely<DatabaseSchema>, message: OutboxMessage, context: { now: Date; today: IsoDate; linkBase: string }) {
  if (message.referenceId === null) return null;
  const request = await findConsultationRequest(db, message.referenceId);
  if (!request || request.answers !== null) return null;
  const review = await db
    .selectFrom('review')
    .innerJoin('child', 'child.id', 'review.child_id')
    .select(['review.status', 'review.booked_date', 'child.given_name'])
    .where('review.id', '=', request.reviewId)
    .executeTakeFirst();
  const today = context.today;
  if (!review || review.status !== 'booked' || review.booked_date === null || review.booked_date < today) return null;
  const token = await mintLink(db, request.id, 'email');
  const { authorityName } = await getSettings(db);
  const reminder = message.purpose === CONSULTATION_REMINDER_EMAIL;
  const date = longDate(review.booked_date);
  const forChild = respondentOf(request.formVersion) === 'child';
  const whose = forChild ? 'your review' : review.given_name ? `${possessive(review.given_name)} review` : 'the review';
  const subject = `${reminder ? 'Reminder: ' : ''}${forChild ? 'Have your say before your review' : 'Your views before the review'} on ${date}`;
  const text = [
    'Hello,',
    '',
    reminder
      ? `This is a reminder from ${authorityName}: we would still like your views before ${whose} on ${date}.`
      : `${authorityName} would like your views before ${whose} on ${date}.`,
    '',
    'Open this link to answer a few questions. You do not need an account. You can save your answers and come back to them before you send them.',
    '',
    `${context.linkBase}${linkPath(token)}`,
    '',
    `The link works until ${date}. It is only for you: please do not pass it on.`,
    '',
    'If you did not expect this e-mail, you can ignore it.',
  ].join('\n');
  return {
    subject,
    text,
    afterSent: async (trx: Kysely<DatabaseSchema>) => {
      await markFirstSent(trx, request.id, today);
      await recordAudit(trx, {
        staffId: null,
        action: 'update',
        entity: 'consultation_request',
        entityId: request.id,
        childId: request.childId,
        detail: { change: reminder ? 'reminder_emailed' : 'request_emailed' },
      });
    },
  };
}
