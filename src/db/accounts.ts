// Sign-in accounts of staff: the password hash and the count of failed attempts that locks an account.

import { kyselyOf, timestampNow, type DatabaseLike } from './connection.ts';

export interface AccountRecord {
  staffId: number;
  passwordHash: string;
  failedSignIns: number;
  lockedUntil: string | null;
}

export async function findAccount(target: DatabaseLike, staffId: number): Promise<AccountRecord | undefined> {
  const row = await kyselyOf(target).selectFrom('account').selectAll().where('staff_id', '=', staffId).executeTakeFirst();
  return row
    ? { staffId: row.staff_id, passwordHash: row.password_hash, failedSignIns: row.failed_sign_ins, lockedUntil: row.locked_until }
    : undefined;
}

/** Sets (or replaces) a staff member's password hash and clears any lock. */
export async function setPasswordHash(target: DatabaseLike, staffId: number, passwordHash: string): Promise<void> {
  const db = kyselyOf(target);
  const now = timestampNow();
  const updated = await db
    .updateTable('account')
    .set({ password_hash: passwordHash, failed_sign_ins: 0, locked_until: null, password_changed_at: now })
    .where('staff_id', '=', staffId)
    .executeTakeFirst();
  if (updated.numUpdatedRows === 0n) {
    await db.insertInto('account').values({ staff_id: staffId, password_hash: passwordHash, password_changed_at: now }).execute();
  }
}

/** Counts a failed attempt; locks the account until `lockUntil` once `lockAfter` attempts have failed. */
export async function recordFailedSignIn(target: DatabaseLike, staffId: number, lockAfter: number, lockUntil: string): Promise<void> {
  const db = kyselyOf(target);
  await db
    .updateTable('account')
    .set((eb) => ({ failed_sign_ins: eb('failed_sign_ins', '+', 1) }))
    .where('staff_id', '=', staffId)
    .execute();
  await db
    .updateTable('account')
    .set({ locked_until: lockUntil, failed_sign_ins: 0 })
    .where('staff_id', '=', staffId)
    .where('failed_sign_ins', '>=', lockAfter)
    .execute();
}

export async function clearFailedSignIns(target: DatabaseLike, staffId: number): Promise<void> {
  await kyselyOf(target).updateTable('account').set({ failed_sign_ins: 0, locked_until: null }).where('staff_id', '=', staffId).execute();
}
