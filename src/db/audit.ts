// The audit trail: who viewed and changed what, and when. Written in the same transaction as the change it
// records (pass the transaction as `target`). The detail names fields, never their personal content.

import { kyselyOf, timestampNow, type DatabaseLike } from './connection.ts';

export interface AuditEvent {
  staffId: number | null;
  action: 'view' | 'create' | 'update' | 'delete' | 'sign_in' | 'sign_in_failed' | 'sign_out' | 'password_change' | 'export';
  entity: string;
  entityId?: string | number | null;
  childId?: string | null;
  detail?: Record<string, unknown> | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  staffId: number | null;
  staffName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  childId: string | null;
  detail: Record<string, unknown> | null;
}

export async function recordAudit(target: DatabaseLike, event: AuditEvent): Promise<void> {
  await kyselyOf(target)
    .insertInto('audit_event')
    .values({
      at: timestampNow(),
      staff_id: event.staffId,
      action: event.action,
      entity: event.entity,
      entity_id: event.entityId === undefined || event.entityId === null ? null : String(event.entityId),
      child_id: event.childId ?? null,
      detail: event.detail ? JSON.stringify(event.detail) : null,
    })
    .execute();
}

/** Audit entries, newest first, for a child or for everything. */
export async function listAudit(target: DatabaseLike, filter: { childId?: string; staffId?: number; limit?: number } = {}): Promise<AuditEntry[]> {
  let query = kyselyOf(target)
    .selectFrom('audit_event')
    .leftJoin('staff', 'staff.id', 'audit_event.staff_id')
    .select([
      'audit_event.id',
      'audit_event.at',
      'audit_event.staff_id',
      'staff.name as staff_name',
      'audit_event.action',
      'audit_event.entity',
      'audit_event.entity_id',
      'audit_event.child_id',
      'audit_event.detail',
    ]);
  if (filter.childId !== undefined) query = query.where('audit_event.child_id', '=', filter.childId);
  if (filter.staffId !== undefined) query = query.where('audit_event.staff_id', '=', filter.staffId);
  const rows = await query.orderBy('audit_event.id', 'desc').limit(filter.limit ?? 500).execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    staffId: r.staff_id,
    staffName: r.staff_name ?? null,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    childId: r.child_id,
    detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
  }));
}
