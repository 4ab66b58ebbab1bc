// Accounts, managed by an administrator: add a member of staff with a sign-in, set a new password, unlock,
// or disable. Each change is audited in its own transaction.

import type { Database } from '../db/database.ts';
import { inTransaction, kyselyOf } from '../db/connection.ts';
import { addStaff, getStaff, listStaff, type SavedStaffMember } from '../db/staff.ts';
import { setPasswordHash, clearFailedSignIns } from '../db/accounts.ts';
import { deleteSessionsOf } from '../db/sessions.ts';
import { recordAudit } from '../db/audit.ts';
import type { StaffRole } from '../domain/register.ts';
import { hashPassword } from './passwords.ts';

export interface AccountSummary extends SavedStaffMember {
  hasSignIn: boolean;
  locked: boolean;
}

export async function listAccounts(database: Database, now: Date = new Date()): Promise<AccountSummary[]> {
  const staff = await listStaff(database);
  const accounts = await kyselyOf(database).selectFrom('account').select(['staff_id', 'locked_until']).execute();
  const byStaff = new Map(accounts.map((a) => [a.staff_id, a]));
  return staff.map((s) => {
    const account = byStaff.get(s.id);
    return { ...s, hasSignIn: account !== undefined, locked: Boolean(account?.locked_until && account.locked_until > now.toISOString()) };
  });
}

export async function createAccount(
  database: Database,
  actorId: number,
  details: { name: string; email: string; role: StaffRole; team: string | null; fte: number; password: string },
): Promise<SavedStaffMember> {
  const hash = await hashPassword(details.password);
  return inTransaction(database, async (trx) => {
    const member = await addStaff(trx, { name: details.name, email: details.email, role: details.role, team: details.team, fte: details.fte, active: true });
    await setPasswordHash(trx, member.id, hash);
    await recordAudit(trx, { staffId: actorId, action: 'create', entity: 'account', entityId: member.id, detail: { role: details.role } });
    return member;
  });
}

export async function resetPassword(database: Database, actorId: number, staffId: number, password: string): Promise<void> {
  await getStaff(database, staffId);
  const hash = await hashPassword(password);
  await inTransaction(database, async (trx) => {
    await setPasswordHash(trx, staffId, hash);
    await deleteSessionsOf(trx, staffId);
    await recordAudit(trx, { staffId: actorId, action: 'update', entity: 'account', entityId: staffId, detail: { fields: ['password'] } });
  });
}

export async function unlockAccount(database: Database, actorId: number, staffId: number): Promise<void> {
  await inTransaction(database, async (trx) => {
    await clearFailedSignIns(trx, staffId);
    await recordAudit(trx, { staffId: actorId, action: 'update', entity: 'account', entityId: staffId, detail: { fields: ['locked'] } });
  });
}

export async function setAccountActive(database: Database, actorId: number, staffId: number, active: boolean): Promise<void> {
  await getStaff(database, staffId);
  await inTransaction(database, async (trx) => {
    await trx.updateTable('staff').set({ active: active ? 1 : 0 }).where('id', '=', staffId).execute();
    if (!active) await deleteSessionsOf(trx, staffId);
    await recordAudit(trx, { staffId: actorId, action: 'update', entity: 'account', entityId: staffId, detail: { fields: ['active'], active } });
  });
}

/** Gives every member of staff without one a sign-in with the same password: the demo authority's accounts. */
export async function giveSignInsToAll(database: Database, password: string): Promise<number> {
  const staff = await listStaff(database);
  const existing = new Set((await kyselyOf(database).selectFrom('account').select('staff_id').execute()).map((r) => r.staff_id));
  const hash = await hashPassword(password);
  let added = 0;
  await inTransaction(database, async (trx) => {
    for (const s of staff) {
      if (existing.has(s.id)) continue;
      await setPasswordHash(trx, s.id, hash);
      added += 1;
    }
  });
  return added;
}
