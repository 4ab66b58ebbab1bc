// The stored copies read on a thread of their own (decision 19): the same children, in the same order, with the same
// bytes as the query gives on this thread; none for a register another connection cannot read as this one would;
// and a failure on the thread is the read's failure, not a silence.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { kyselyOf } from '../../src/db/connection.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { saveChildRecords } from '../../src/db/register-import.ts';
import { refreshReportRecords, storedCopiesQuery } from '../../src/db/report-children.ts';
import { REPORT_RECORD_FORMAT } from '../../src/db/report-records.ts';
import { readStoredCopiesOnThread } from '../../src/db/stored-copies.ts';
import { buildChildRecords } from '../support/builders.ts';

describe('the stored copies read on a thread of their own', () => {
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  const register = async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'iro-copies-thread-')), 'register.sqlite');
    database = await openDatabase({ sqlitePath: file });
    await migrateToLatest(database);
    await saveChildRecords(database, buildChildRecords(40));
    await refreshReportRecords(database);
    return kyselyOf(database);
  };

  it('gives every child in order of id, with the bytes of their copy, and none for a child without one', async () => {
    const db = await register();
    const [first, second] = (await db.selectFrom('child').select('id').orderBy('id').limit(2).execute()).map((r) => r.id);
    await db.deleteFrom('child_report_record').where('child_id', '=', second!).execute();
    const rows = await storedCopiesQuery(db).execute();

    const read = await readStoredCopiesOnThread(db, storedCopiesQuery(db))!.result;
    expect(read.ids).toEqual(rows.map((r) => r.id));
    expect(read.ids[0]).toBe(first);
    expect(read.copyOf[1]).toBe(-1);
    rows.forEach((row, i) => {
      const n = read.copyOf[i]!;
      if (row.record === null || row.format !== REPORT_RECORD_FORMAT) expect(n).toBe(-1);
      else expect(Buffer.from(read.copies.get(n)).equals(Buffer.from(row.record))).toBe(true);
    });
    expect(read.copyOf.filter((n) => n !== -1)).toHaveLength(39);
  });

  it('is not used for a register in memory or inside a transaction, which another connection would not see', async () => {
    const memory = await openDatabase({ sqlitePath: ':memory:' });
    try {
      expect(readStoredCopiesOnThread(memory.db, storedCopiesQuery(memory.db))).toBeNull();
    } finally {
      await memory.close();
    }
    const db = await register();
    await db.transaction().execute(async (trx) => {
      expect(readStoredCopiesOnThread(trx, storedCopiesQuery(trx))).toBeNull();
    });
  });

  it('fails with the register’s own error when the thread cannot read', async () => {
    const db = await register();
    const broken = { compile: () => sql`select no_such_column from child`.compile(db) };
    await expect(readStoredCopiesOnThread(db, broken)!.result).rejects.toThrow(/no_such_column/);
  });
});
