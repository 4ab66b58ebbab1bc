// Brings a register's schema up to date. The migrations are listed here one by one (not found by scanning a
// folder) so they travel inside any bundle and their order is plain to read; each is frozen once landed.

import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import * as m0001 from './migrations/0001_register.ts';
import * as m0002 from './migrations/0002_web_application.ts';
import * as m0003 from './migrations/0003_reports.ts';
import * as m0004 from './migrations/0004_dispute_resolution.ts';
import * as m0005 from './migrations/0005_consultation.ts';
import * as m0006 from './migrations/0006_child_mother.ts';
import * as m0007 from './migrations/0007_report_indexes.ts';
import * as m0008 from './migrations/0008_report_records.ts';
import { DatabaseError } from './errors.ts';
import { kyselyOf, type DatabaseLike } from './connection.ts';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_register': m0001,
  '0002_web_application': m0002,
  '0003_reports': m0003,
  '0004_dispute_resolution': m0004,
  '0005_consultation': m0005,
  '0006_child_mother': m0006,
  '0007_report_indexes': m0007,
  '0008_report_records': m0008,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve({ ...MIGRATIONS }) };

function migratorFor(target: DatabaseLike): Migrator {
  return new Migrator({ db: kyselyOf(target), provider });
}

/** Applies every migration not yet applied, in order; returns the names applied now (none when up to date). */
export async function migrateToLatest(target: DatabaseLike): Promise<string[]> {
  const { error, results } = await migratorFor(target).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new DatabaseError(
      'DATABASE_MIGRATION_FAILED',
      failed ? `The database could not be brought up to date: migration ${failed} failed` : `The database could not be brought up to date: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Each known migration and whether the database has it. */
export async function migrationStatus(target: DatabaseLike): Promise<{ name: string; applied: boolean }[]> {
  const all = await migratorFor(target).getMigrations();
  return all.map((m) => ({ name: m.name, applied: m.executedAt !== undefined }));
}
