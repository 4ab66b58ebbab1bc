// Sign-in sessions, kept in the database so that several app servers share them. The cookie carries a
// random token; only its SHA-256 is stored.

import { kyselyOf, type DatabaseLike } from './connection.ts';

export interface SessionRecord {
  id: string;
  staffId: number;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export async function createSession(target: DatabaseLike, session: SessionRecord): Promise<void> {
  await kyselyOf(target)
    .insertInto('session')
    .values({
      id: session.id,
      staff_id: session.staffId,
      created_at: session.createdAt,
      last_seen_at: session.lastSeenAt,
      expires_at: session.expiresAt,
    })
    .execute();
}

export async function findSession(target: DatabaseLike, id: string): Promise<SessionRecord | undefined> {
  const row = await kyselyOf(target).selectFrom('session').selectAll().where('id', '=', id).executeTakeFirst();
  return row
    ? { id: row.id, staffId: row.staff_id, createdAt: row.created_at, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at }
    : undefined;
}

export async function touchSession(target: DatabaseLike, id: string, lastSeenAt: string): Promise<void> {
  await kyselyOf(target).updateTable('session').set({ last_seen_at: lastSeenAt }).where('id', '=', id).execute();
}

export async function deleteSession(target: DatabaseLike, id: string): Promise<void> {
  await kyselyOf(target).deleteFrom('session').where('id', '=', id).execute();
}

/** Ends every session of a staff member, e.g. when their password changes or the account is disabled. */
export async function deleteSessionsOf(target: DatabaseLike, staffId: number, exceptId?: string): Promise<void> {
  let query = kyselyOf(target).deleteFrom('session').where('staff_id', '=', staffId);
  if (exceptId) query = query.where('id', '!=', exceptId);
  await query.execute();
}
