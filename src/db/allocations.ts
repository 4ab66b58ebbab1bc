// Which IRO each child has had, and when: the history behind caseloads and continuity ("children whose
// IRO changed in the period"). A child has at most one open allocation; a new one closes it the day before
// it starts, so every day belongs to exactly one IRO.

import { addDays, type IsoDate } from '../domain/dates.ts';
import type { IroAllocation } from '../domain/register.ts';
import { inTransaction, kyselyOf, type DatabaseLike } from './connection.ts';
import { ConflictError, NotFoundError } from './errors.ts';
import type { IroAllocationRow } from './schema.ts';

export function allocationFromRow(row: Omit<IroAllocationRow, 'id'>): IroAllocation {
  return { childId: row.child_id, iroId: row.iro_id, from: row.start_date, to: row.end_date, reason: row.reason };
}

/** A child's IRO allocations, earliest first. */
export async function listAllocations(target: DatabaseLike, childId: string): Promise<IroAllocation[]> {
  const rows = await kyselyOf(target)
    .selectFrom('iro_allocation')
    .selectAll()
    .where('child_id', '=', childId)
    .orderBy('start_date')
    .orderBy('id')
    .execute();
  return rows.map(allocationFromRow);
}

/**
 * Allocates an IRO to a child from a date. The open allocation ends the day before; one that began on the
 * same day is taken to be a correction and changed in place. Allocating the IRO the child already has
 * changes nothing.
 */
export async function allocateIro(
  target: DatabaseLike,
  childId: string,
  iroId: number,
  from: IsoDate,
  reason: string | null = null,
): Promise<IroAllocation> {
  return inTransaction(target, async (trx) => {
    const child = await trx.selectFrom('child').select('id').where('id', '=', childId).executeTakeFirst();
    if (!child) throw new NotFoundError('child');
    const iro = await trx.selectFrom('staff').select('id').where('id', '=', iroId).executeTakeFirst();
    if (!iro) throw new NotFoundError('staff member');

    const open = await trx
      .selectFrom('iro_allocation')
      .selectAll()
      .where('child_id', '=', childId)
      .where('end_date', 'is', null)
      .orderBy('start_date', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (open) {
      if (open.iro_id === iroId) return allocationFromRow(open);
      if (open.start_date > from) {
        throw new ConflictError('ALLOCATION_BEFORE_CURRENT', 'A new IRO allocation cannot start before the current one');
      }
      if (open.start_date === from) {
        await trx.updateTable('iro_allocation').set({ iro_id: iroId, reason }).where('id', '=', open.id).execute();
        return { childId, iroId, from, to: null, reason };
      }
      await trx.updateTable('iro_allocation').set({ end_date: addDays(from, -1) }).where('id', '=', open.id).execute();
    }
    await trx.insertInto('iro_allocation').values({ child_id: childId, iro_id: iroId, start_date: from, end_date: null, reason }).execute();
    return { childId, iroId, from, to: null, reason };
  });
}

/** The allocation covering a date, or the open one when no date is given. */
export async function currentIro(target: DatabaseLike, childId: string, on?: IsoDate): Promise<IroAllocation | undefined> {
  let query = kyselyOf(target).selectFrom('iro_allocation').selectAll().where('child_id', '=', childId);
  query =
    on === undefined
      ? query.where('end_date', 'is', null)
      : query.where('start_date', '<=', on).where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', on)]));
  const row = await query.orderBy('start_date', 'desc').orderBy('id', 'desc').executeTakeFirst();
  return row ? allocationFromRow(row) : undefined;
}

/** Every child's IRO on a date, as child id → staff id: for caseloads and lists across the register. */
export async function currentAllocations(target: DatabaseLike, on: IsoDate): Promise<Map<string, number>> {
  const rows = await kyselyOf(target)
    .selectFrom('iro_allocation')
    .select(['child_id', 'iro_id'])
    .where('start_date', '<=', on)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', on)]))
    .orderBy('child_id')
    .orderBy('start_date')
    .orderBy('id')
    .execute();
  // Should allocations overlap (imported history), the latest to start wins.
  return new Map(rows.map((row) => [row.child_id, row.iro_id]));
}
