// The IRO service's staff: IROs whose caseloads the reports count, their managers, business support and
// the others who use the system. Email addresses are held in lower case so each is unique however typed.

import type { StaffMember, StaffRole } from '../domain/register.ts';
import { kyselyOf, timestampNow, toYesNo, type DatabaseLike } from './connection.ts';
import { ConflictError, isUniqueViolation, NotFoundError } from './errors.ts';
import type { StaffRow } from './schema.ts';

export type SavedStaffMember = StaffMember & { id: number };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function staffFromRow(row: StaffRow): SavedStaffMember {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role as StaffRole,
    team: row.team,
    fte: row.fte,
    active: row.active === 1,
  };
}

export async function addStaff(target: DatabaseLike, member: Omit<StaffMember, 'id'>): Promise<SavedStaffMember> {
  try {
    const row = await kyselyOf(target)
      .insertInto('staff')
      .values({
        name: member.name,
        email: normaliseEmail(member.email),
        role: member.role,
        team: member.team,
        fte: member.fte,
        active: toYesNo(member.active),
        created_at: timestampNow(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return staffFromRow(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('EMAIL_IN_USE', 'Another member of staff already has that email address');
    throw error;
  }
}

/** Staff by name; `role` and `activeOnly` narrow the list. */
export async function listStaff(
  target: DatabaseLike,
  filter: { role?: StaffRole; activeOnly?: boolean } = {},
): Promise<SavedStaffMember[]> {
  let query = kyselyOf(target).selectFrom('staff').selectAll();
  if (filter.role) query = query.where('role', '=', filter.role);
  if (filter.activeOnly) query = query.where('active', '=', 1);
  const rows = await query.orderBy('name').orderBy('id').execute();
  return rows.map(staffFromRow);
}

export async function findStaffByEmail(target: DatabaseLike, email: string): Promise<SavedStaffMember | undefined> {
  const row = await kyselyOf(target).selectFrom('staff').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
  return row ? staffFromRow(row) : undefined;
}

export async function findStaff(target: DatabaseLike, id: number): Promise<SavedStaffMember | undefined> {
  const row = await kyselyOf(target).selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? staffFromRow(row) : undefined;
}

export async function getStaff(target: DatabaseLike, id: number): Promise<SavedStaffMember> {
  const member = await findStaff(target, id);
  if (!member) throw new NotFoundError('staff member');
  return member;
}
