// What every repository function takes: an open Database, or a Kysely instance (which may be a transaction
// the caller has begun), so one function serves on its own and inside a bigger change, such as one that
// writes an audit event with it.

import { Kysely, PostgresAdapter, type Transaction } from 'kysely';
import type { Database } from './database.ts';
import type { DatabaseSchema } from './schema.ts';

export type DatabaseLike = Database | Kysely<DatabaseSchema>;

export function kyselyOf(target: DatabaseLike): Kysely<DatabaseSchema> {
  return target instanceof Kysely ? target : target.db;
}

export function isPostgres(db: Kysely<DatabaseSchema>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Runs work in one transaction, joining the caller's when it already is one. */
export function inTransaction<T>(target: DatabaseLike, work: (trx: Kysely<DatabaseSchema>) => Promise<T>): Promise<T> {
  const db = kyselyOf(target);
  if (db.isTransaction) return work(db);
  return db.transaction().execute((trx: Transaction<DatabaseSchema>) => work(trx));
}

/** Now as an ISO timestamp, for created_at and updated_at. */
export function timestampNow(): string {
  return new Date().toISOString();
}

/** Splits a list into runs of at most `size`, for multi-row statements within the drivers' parameter limits. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export const toYesNo = (value: boolean): 0 | 1 => (value ? 1 : 0);
export const fromYesNo = (value: number): boolean => value === 1;
