// Finding a child for a member of staff: only when their role and relationship allow it (their IRO or
// cover, their social work team, or a service-wide role); otherwise the child is "not found", so the register
// does not reveal who is in care. Views are written to the audit trail with the read, in one transaction.

import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { inTransaction, kyselyOf, type DatabaseLike } from '../db/connection.ts';
import { childFromRow, type ChildInRegister } from '../db/children.ts';
import { NotFoundError } from '../db/errors.ts';
import { recordAudit } from '../db/audit.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { canActOnChild, canSeeChild, type Action, type Actor, type ChildRelationship } from '../domain/access.ts';
import type { IsoDate } from '../domain/dates.ts';

export type VisibleChild = ChildInRegister & { socialWorkTeam: string | null; currentIroId: number | null };

/** IRO ids whose children `iroId` covers on a date (including their own). */
export async function iroIdsCoveredBy(target: DatabaseLike, iroId: number, on: IsoDate): Promise<number[]> {
  const rows = await kyselyOf(target)
    .selectFrom('iro_cover')
    .select('covered_iro_id')
    .where('iro_id', '=', iroId)
    .where('start_date', '<=', on)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', on)]))
    .execute();
  return [iroId, ...rows.map((r) => r.covered_iro_id)];
}

async function loadChild(db: Kysely<DatabaseSchema>, childId: string, on: IsoDate): Promise<{ child: VisibleChild } | undefined> {
  const row = await db.selectFrom('child').selectAll().where('id', '=', childId).executeTakeFirst();
  if (!row) return undefined;
  const allocation = await db
    .selectFrom('iro_allocation')
    .select('iro_id')
    .where('child_id', '=', childId)
    .where('start_date', '<=', on)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', on)]))
    .orderBy('start_date', 'desc')
    .executeTakeFirst();
  return { child: { ...childFromRow(row), socialWorkTeam: row.social_work_team, currentIroId: allocation?.iro_id ?? null } };
}

async function relationshipOf(db: Kysely<DatabaseSchema>, actor: Actor, child: VisibleChild, on: IsoDate): Promise<ChildRelationship> {
  let isIroOrCover = false;
  if (actor.role === 'iro' && child.currentIroId !== null) {
    isIroOrCover = (await iroIdsCoveredBy(db, actor.id, on)).includes(child.currentIroId);
  }
  return { isIroOrCover, childTeam: child.socialWorkTeam };
}

/**
 * The child, if the actor may see them (and, with `action`, do it); NotFoundError otherwise. Records a view
 * in the audit trail when `audit` is given, in the caller's transaction when there is one.
 */
export async function childFor(
  target: DatabaseLike,
  actor: Actor,
  childId: string,
  on: IsoDate,
  options: { action?: Action; audit?: { entity: string; entityId?: string | number } } = {},
): Promise<{ child: VisibleChild; relationship: ChildRelationship }> {
  return inTransaction(target, async (trx) => {
    const found = await loadChild(trx, childId, on);
    if (!found) throw new NotFoundError('child');
    const relationship = await relationshipOf(trx, actor, found.child, on);
    const allowed = options.action ? canActOnChild(actor, options.action, relationship) : canSeeChild(actor, relationship);
    if (!allowed) {
      // A child the actor can see but may not change is a refusal, not a secret.
      if (canSeeChild(actor, relationship)) throw Object.assign(new Error('Your role cannot make this change'), { code: 'FORBIDDEN' });
      throw new NotFoundError('child');
    }
    if (options.audit) {
      await recordAudit(trx, { staffId: actor.id, action: 'view', entity: options.audit.entity, entityId: options.audit.entityId ?? childId, childId });
    }
    return { child: found.child, relationship };
  });
}

/** Ids of the children an IRO holds on a date, with those of the IROs they cover. */
export async function caseloadChildIds(database: Database, iroId: number, on: IsoDate): Promise<string[]> {
  const iroIds = await iroIdsCoveredBy(database, iroId, on);
  const rows = await kyselyOf(database)
    .selectFrom('iro_allocation')
    .select('child_id')
    .where('iro_id', 'in', iroIds)
    .where('start_date', '<=', on)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', on)]))
    .execute();
  return [...new Set(rows.map((r) => r.child_id))].sort();
}
