// Storing the report's copies gives way to another writer: nothing is stored, nothing fails, and the children
// are read from the tables until the copies are stored later. SQLite only: its writers queue for one lock.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { kyselyOf } from '../../src/db/connection.ts';
import { openDatabase, sqliteHandleOf, type Database } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { saveChildRecords } from '../../src/db/register-import.ts';
import { refreshReportRecords, refreshReportRecordsUnlessBusy } from '../../src/db/report-children.ts';
import { buildChildRecords } from '../support/builders.ts';

describe('storing the report’s copies beside another writer', () => {
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
  });

  it('gives way, storing nothing, and stores them once the other writer has finished', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'iro-copies-')), 'register.sqlite');
    database = await openDatabase({ sqlitePath: file });
    await migrateToLatest(database);
    await saveChildRecords(database, buildChildRecords(3));
    const db = kyselyOf(database);
    // Wait a moment for the lock, not the five seconds the register waits.
    sqliteHandleOf(db)!.pragma('busy_timeout = 50');
    const copies = async () => (await db.selectFrom('child_report_record').select('child_id').execute()).length;

    const other = new BetterSqlite3(file);
    other.exec('begin immediate');
    try {
      await expect(refreshReportRecords(database)).rejects.toMatchObject({ code: expect.stringMatching(/^SQLITE_BUSY/) });
      await expect(refreshReportRecordsUnlessBusy(database)).resolves.toBeUndefined();
    } finally {
      other.exec('rollback');
      other.close();
    }
    expect(await copies()).toBe(0);
    await refreshReportRecordsUnlessBusy(database);
    expect(await copies()).toBe(3);
  });
});
