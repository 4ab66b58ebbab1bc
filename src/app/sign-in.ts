// Signing in and out: checks the password, locks an account after repeated failures, keeps sessions in the
// database (so several app servers share them) and ends them after a time idle.

import crypto from 'node:crypto';
import type { Database } from '../db/database.ts';
import { findStaffByEmail, findStaff, type SavedStaffMember } from '../db/staff.ts';
import { clearFailedSignIns, findAccount, recordFailedSignIn, setPasswordHash } from '../db/accounts.ts';
import { createSession, deleteSession, deleteSessionsOf, findSession, touchSession } from '../db/sessions.ts';
import { recordAudit } from '../db/audit.ts';
import { inTransaction } from '../db/connection.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';

export const SIGN_IN_POLICY = {
  lockAfterFailures: 5,
  lockMinutes: 15,
  idleMinutes: 30,
  absoluteHours: 12,
};

export type SignInResult =
  | { ok: true; token: string; staff: SavedStaffMember }
  | { ok: false; reason: 'invalid' | 'locked' };

// Verifying against a real hash when the e-mail is unknown keeps the time taken the same, so the response
// does not tell which addresses have accounts.
let decoyHash: Promise<string> | null = null;

const sha256 = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export async function signIn(database: Database, email: string, password: string, now: Date = new Date()): Promise<SignInResult> {
  const staff = await findStaffByEmail(database, email);
  const account = staff && staff.active ? await findAccount(database, staff.id) : undefined;
  if (!staff || !account) {
    decoyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'));
    await verifyPassword(await decoyHash, password);
    await recordAudit(database, { staffId: null, action: 'sign_in_failed', entity: 'account' });
    return { ok: false, reason: 'invalid' };
  }
  if (account.lockedUntil && account.lockedUntil > now.toISOString()) {
    await recordAudit(database, { staffId: staff.id, action: 'sign_in_failed', entity: 'account', entityId: staff.id, detail: { locked: true } });
    return { ok: false, reason: 'locked' };
  }
  if (!(await verifyPassword(account.passwordHash, password))) {
    const lockUntil = new Date(now.getTime() + SIGN_IN_POLICY.lockMinutes * 60_000).toISOString();
    await inTransaction(database, async (trx) => {
      await recordFailedSignIn(trx, staff.id, SIGN_IN_POLICY.lockAfterFailures, lockUntil);
      await recordAudit(trx, { staffId: staff.id, action: 'sign_in_failed', entity: 'account', entityId: staff.id });
    });
    const after = await findAccount(database, staff.id);
    return { ok: false, reason: after?.lockedUntil && after.lockedUntil > now.toISOString() ? 'locked' : 'invalid' };
  }
  const token = crypto.randomBytes(32).toString('base64url');
  await inTransaction(database, async (trx) => {
    await clearFailedSignIns(trx, staff.id);
    await createSession(trx, {
      id: sha256(token),
      staffId: staff.id,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SIGN_IN_POLICY.absoluteHours * 3_600_000).toISOString(),
    });
    await recordAudit(trx, { staffId: staff.id, action: 'sign_in', entity: 'account', entityId: staff.id });
  });
  return { ok: true, token, staff };
}

/** The signed-in staff member for a session token, or undefined when it is unknown, expired or idle too long. */
export async function resumeSession(database: Database, token: string, now: Date = new Date()): Promise<{ staff: SavedStaffMember; sessionId: string } | undefined> {
  const id = sha256(token);
  const session = await findSession(database, id);
  if (!session) return undefined;
  const idleLimit = new Date(new Date(session.lastSeenAt).getTime() + SIGN_IN_POLICY.idleMinutes * 60_000);
  if (session.expiresAt <= now.toISOString() || idleLimit <= now) {
    await deleteSession(database, id);
    return undefined;
  }
  const staff = await findStaff(database, session.staffId);
  if (!staff || !staff.active) return undefined;
  // Writing on every request would make each page a write; a minute's precision is enough for idling.
  if (now.getTime() - new Date(session.lastSeenAt).getTime() > 60_000) await touchSession(database, id, now.toISOString());
  return { staff, sessionId: id };
}

export async function signOut(database: Database, token: string, staffId: number): Promise<void> {
  await inTransaction(database, async (trx) => {
    await deleteSession(trx, sha256(token));
    await recordAudit(trx, { staffId, action: 'sign_out', entity: 'account', entityId: staffId });
  });
}

export type PasswordChangeResult = { ok: true } | { ok: false; field: 'currentPassword' | 'newPassword'; message: string };

export async function changePassword(
  database: Database,
  staffId: number,
  sessionId: string,
  currentPassword: string,
  newPassword: string,
): Promise<PasswordChangeResult> {
  const account = await findAccount(database, staffId);
  if (!account || !(await verifyPassword(account.passwordHash, currentPassword))) {
    return { ok: false, field: 'currentPassword', message: 'Your current password is not right' };
  }
  const problem = passwordProblem(newPassword);
  if (problem) return { ok: false, field: 'newPassword', message: problem };
  const hash = await hashPassword(newPassword);
  await inTransaction(database, async (trx) => {
    await setPasswordHash(trx, staffId, hash);
    // Other sessions (another browser, a stolen cookie) end with the old password.
    await deleteSessionsOf(trx, staffId, sessionId);
    await recordAudit(trx, { staffId, action: 'password_change', entity: 'account', entityId: staffId });
  });
  return { ok: true };
}
