// The e-mail outbox: each message waits here until it is delivered, so nothing is lost when the mail server
// is down or the process stops. A message is claimed for a short lease before it is sent, so several app
// servers can deliver from one outbox without sending a message twice; a claim left by a stopped process
// lapses and the message is tried again. Errors are kept as a code only (the server's words can quote the
// address).

import { kyselyOf, type DatabaseLike } from './connection.ts';

export type OutboxStatus = 'queued' | 'sent' | 'failed' | 'cancelled';

export interface OutboxMessage {
  id: number;
  purpose: string;
  referenceId: number | null;
  to: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

type Row = {
  id: number;
  purpose: string;
  reference_id: number | null;
  to_address: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
};

function messageFromRow(row: Row): OutboxMessage {
  return {
    id: row.id,
    purpose: row.purpose,
    referenceId: row.reference_id,
    to: row.to_address,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

/** Puts a message in the outbox, to be sent from `notBefore` (now when not given). */
export async function enqueueEmail(target: DatabaseLike, message: { purpose: string; referenceId: number | null; to: string; now: Date; notBefore?: Date }): Promise<number> {
  const row = await kyselyOf(target)
    .insertInto('email_outbox')
    .values({
      purpose: message.purpose,
      reference_id: message.referenceId,
      to_address: message.to,
      next_attempt_at: (message.notBefore ?? message.now).toISOString(),
      created_at: message.now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Claims up to `limit` queued messages whose time has come: each claim counts an attempt and holds the
 * message until `leaseUntil`. A message another server claimed first is skipped.
 */
export async function claimDueEmails(target: DatabaseLike, now: Date, leaseUntil: Date, limit: number): Promise<OutboxMessage[]> {
  const db = kyselyOf(target);
  const due = await db
    .selectFrom('email_outbox')
    .selectAll()
    .where('status', '=', 'queued')
    .where('next_attempt_at', '<=', now.toISOString())
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  const claimed: OutboxMessage[] = [];
  for (const row of due) {
    const result = await db
      .updateTable('email_outbox')
      .set({ attempts: row.attempts + 1, next_attempt_at: leaseUntil.toISOString() })
      .where('id', '=', row.id)
      .where('status', '=', 'queued')
      .where('attempts', '=', row.attempts)
      .where('next_attempt_at', '=', row.next_attempt_at)
      .executeTakeFirst();
    if (result.numUpdatedRows === 1n) claimed.push(messageFromRow({ ...row, attempts: row.attempts + 1, next_attempt_at: leaseUntil.toISOString() }));
  }
  return claimed;
}

export async function markEmailSent(target: DatabaseLike, id: number, at: Date): Promise<void> {
  await kyselyOf(target).updateTable('email_outbox').set({ status: 'sent', sent_at: at.toISOString(), last_error: null }).where('id', '=', id).execute();
}

/** After a failed attempt: try again at `retryAt`, or give up (status failed) when `retryAt` is null. */
export async function markEmailAttemptFailed(target: DatabaseLike, id: number, error: string, retryAt: Date | null): Promise<void> {
  await kyselyOf(target)
    .updateTable('email_outbox')
    .set(retryAt === null ? { status: 'failed', last_error: error } : { last_error: error, next_attempt_at: retryAt.toISOString() })
    .where('id', '=', id)
    .execute();
}

/** The message is no longer wanted (e.g. the answers came back before it went). */
export async function markEmailCancelled(target: DatabaseLike, id: number): Promise<void> {
  await kyselyOf(target).updateTable('email_outbox').set({ status: 'cancelled' }).where('id', '=', id).execute();
}

/** Messages for some records of one purpose, oldest first: how staff see whether an e-mail went. */
export async function listOutbox(target: DatabaseLike, filter: { purposes?: readonly string[]; referenceIds?: readonly number[] } = {}): Promise<OutboxMessage[]> {
  let query = kyselyOf(target).selectFrom('email_outbox').selectAll();
  if (filter.purposes) {
    if (filter.purposes.length === 0) return [];
    query = query.where('purpose', 'in', [...filter.purposes]);
  }
  if (filter.referenceIds) {
    if (filter.referenceIds.length === 0) return [];
    query = query.where('reference_id', 'in', [...filter.referenceIds]);
  }
  return (await query.orderBy('id').execute()).map(messageFromRow);
}
