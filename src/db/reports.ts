// Reports kept in the register: each with its period and narrative, and the snapshots generated from it.

import { gunzipSync, gzipSync } from 'node:zlib';
import { kyselyOf, timestampNow, type DatabaseLike } from './connection.ts';
import { ConflictError, NotFoundError } from './errors.ts';
import type { IsoDate } from '../domain/dates.ts';

export interface StoredReport<N = unknown> {
  id: number;
  title: string;
  from: IsoDate;
  to: IsoDate;
  narrative: N;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface SnapshotSummary {
  id: number;
  reportId: number;
  generatedAt: string;
  generatedBy: number | null;
  generatedByName: string | null;
  label: string | null;
}

const fromRow = <N>(r: { id: number; title: string; period_from: string; period_to: string; narrative: string; created_by: number | null; created_at: string; updated_at: string; version: number }): StoredReport<N> => ({
  id: r.id,
  title: r.title,
  from: r.period_from,
  to: r.period_to,
  narrative: JSON.parse(r.narrative) as N,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});

export async function createReport<N>(target: DatabaseLike, report: { title: string; from: IsoDate; to: IsoDate; narrative: N; createdBy: number | null }): Promise<number> {
  const now = timestampNow();
  const row = await kyselyOf(target)
    .insertInto('report')
    .values({ title: report.title, period_from: report.from, period_to: report.to, narrative: JSON.stringify(report.narrative), created_by: report.createdBy, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listReports(target: DatabaseLike): Promise<StoredReport[]> {
  const rows = await kyselyOf(target).selectFrom('report').selectAll().orderBy('period_to', 'desc').orderBy('id', 'desc').execute();
  return rows.map((r) => fromRow(r));
}

export async function getReport<N = unknown>(target: DatabaseLike, id: number): Promise<StoredReport<N>> {
  const row = await kyselyOf(target).selectFrom('report').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('report');
  return fromRow<N>(row);
}

/** Saves a report's narrative and title if nobody else has since `expectedVersion`. */
export async function updateReport<N>(target: DatabaseLike, id: number, expectedVersion: number, changes: { title: string; narrative: N }): Promise<void> {
  const result = await kyselyOf(target)
    .updateTable('report')
    .set((eb) => ({ title: changes.title, narrative: JSON.stringify(changes.narrative), updated_at: timestampNow(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) {
    await getReport(target, id);
    throw new ConflictError('RECORD_CHANGED', 'Someone else changed this report after you opened it');
  }
}

/** Reports started for exactly this period, latest first. */
export async function listReportsForPeriod(target: DatabaseLike, period: { from: IsoDate; to: IsoDate }): Promise<StoredReport[]> {
  const rows = await kyselyOf(target).selectFrom('report').selectAll().where('period_from', '=', period.from).where('period_to', '=', period.to).orderBy('id', 'desc').execute();
  return rows.map((r) => fromRow(r));
}

/**
 * Deletes a report with no snapshots if nobody has changed it since `expectedVersion`. ConflictError
 * REPORT_HAS_SNAPSHOTS when it has any, RECORD_CHANGED when it was changed meanwhile; NotFoundError when gone.
 */
export async function deleteReport(target: DatabaseLike, id: number, expectedVersion: number): Promise<void> {
  const db = kyselyOf(target);
  const result = await db
    .deleteFrom('report')
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    // Checked in the same statement as the delete, not read first and deleted after.
    .where((eb) => eb.not(eb.exists(eb.selectFrom('report_snapshot').select('report_snapshot.id').whereRef('report_snapshot.report_id', '=', 'report.id'))))
    .executeTakeFirst();
  if (result.numDeletedRows > 0n) return;
  await getReport(target, id);
  if ((await listSnapshots(target, id)).length > 0) throw new ConflictError('REPORT_HAS_SNAPSHOTS', 'This report has snapshots, so it is kept');
  throw new ConflictError('RECORD_CHANGED', 'Someone else changed this report after you opened it');
}

export async function saveSnapshot(target: DatabaseLike, snapshot: { reportId: number; generatedBy: number | null; label: string | null; model: unknown }): Promise<number> {
  const compressed = gzipSync(Buffer.from(JSON.stringify(snapshot.model))).toString('base64');
  const row = await kyselyOf(target)
    .insertInto('report_snapshot')
    .values({ report_id: snapshot.reportId, generated_at: timestampNow(), generated_by: snapshot.generatedBy, label: snapshot.label, model_gzip_base64: compressed })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listSnapshots(target: DatabaseLike, reportId: number): Promise<SnapshotSummary[]> {
  const rows = await kyselyOf(target)
    .selectFrom('report_snapshot')
    .leftJoin('staff', 'staff.id', 'report_snapshot.generated_by')
    .select(['report_snapshot.id', 'report_snapshot.report_id', 'report_snapshot.generated_at', 'report_snapshot.generated_by', 'staff.name', 'report_snapshot.label'])
    .where('report_snapshot.report_id', '=', reportId)
    .orderBy('report_snapshot.id', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, reportId: r.report_id, generatedAt: r.generated_at, generatedBy: r.generated_by, generatedByName: r.name ?? null, label: r.label }));
}

/** The model exactly as it was generated. */
export async function getSnapshotModel<M = unknown>(target: DatabaseLike, reportId: number, snapshotId: number): Promise<M> {
  const row = await kyselyOf(target)
    .selectFrom('report_snapshot')
    .select('model_gzip_base64')
    .where('id', '=', snapshotId)
    .where('report_id', '=', reportId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('report');
  return JSON.parse(gunzipSync(Buffer.from(row.model_gzip_base64, 'base64')).toString('utf8')) as M;
}
