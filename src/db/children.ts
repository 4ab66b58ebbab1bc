// Children in the register: the SSDA903 header and UASC details, plus the date the IRO service was told
// the child became looked after (for the late notifications the reports count).

import type { IsoDate } from '../domain/dates.ts';
import type { Child } from '../domain/register.ts';
import { kyselyOf, timestampNow, toYesNo, type DatabaseLike } from './connection.ts';
import { NotFoundError } from './errors.ts';
import type { ChildRow, NewChildRow } from './schema.ts';

export type ChildInRegister = Child & {
  /** When the IRO service was told the child became looked after; null when not recorded. */
  notifiedDate: IsoDate | null;
};

export function childFromRow(row: ChildRow): ChildInRegister {
  return {
    id: row.id,
    givenName: row.given_name,
    familyName: row.family_name,
    dateOfBirth: row.date_of_birth,
    sex: row.sex,
    ethnicity: row.ethnicity,
    upn: row.upn,
    uasc: row.uasc === 1,
    uascCeasedDate: row.uasc_ceased_date,
    mother: row.mother === '0' || row.mother === '1' ? row.mother : null,
    motherChildDob: row.mother_child_dob,
    disability: row.disability,
    notifiedDate: row.notified_date,
  };
}

/** The columns a child's details fill, without the timestamps. */
export function childColumns(child: Child) {
  return {
    id: child.id,
    given_name: child.givenName,
    family_name: child.familyName,
    date_of_birth: child.dateOfBirth,
    sex: child.sex,
    ethnicity: child.ethnicity,
    upn: child.upn,
    uasc: toYesNo(child.uasc),
    uasc_ceased_date: child.uascCeasedDate,
    mother: child.mother ?? null,
    mother_child_dob: child.motherChildDob ?? null,
    disability: child.disability,
  } satisfies Omit<NewChildRow, 'created_at' | 'updated_at' | 'notified_date'>;
}

export async function findChild(target: DatabaseLike, id: string): Promise<ChildInRegister | undefined> {
  const row = await kyselyOf(target).selectFrom('child').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? childFromRow(row) : undefined;
}

export async function getChild(target: DatabaseLike, id: string): Promise<ChildInRegister> {
  const child = await findChild(target, id);
  if (!child) throw new NotFoundError('child');
  return child;
}

/** Children in order of their identifier; every child unless `limit` is given. */
export async function listChildren(target: DatabaseLike, page: { limit?: number; offset?: number } = {}): Promise<ChildInRegister[]> {
  let query = kyselyOf(target).selectFrom('child').selectAll().orderBy('id');
  if (page.limit !== undefined) query = query.limit(page.limit);
  if (page.offset !== undefined) query = (page.limit === undefined ? query.limit(Number.MAX_SAFE_INTEGER) : query).offset(page.offset);
  const rows = await query.execute();
  return rows.map(childFromRow);
}

export async function countChildren(target: DatabaseLike): Promise<number> {
  const row = await kyselyOf(target)
    .selectFrom('child')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Adds a child or updates the details of one already in the register. A notified date left out keeps the
 * one recorded; null clears it.
 */
export async function upsertChild(target: DatabaseLike, child: Child & { notifiedDate?: IsoDate | null }): Promise<ChildInRegister> {
  const now = timestampNow();
  const columns = childColumns(child);
  const { id: _id, ...changes } = columns;
  const notified = child.notifiedDate === undefined ? {} : { notified_date: child.notifiedDate };
  const row = await kyselyOf(target)
    .insertInto('child')
    .values({ ...columns, notified_date: child.notifiedDate ?? null, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('id').doUpdateSet({ ...changes, ...notified, updated_at: now }))
    .returningAll()
    .executeTakeFirstOrThrow();
  return childFromRow(row);
}
