// Opening the register in each dialect, the errors when it cannot be opened, and the migrations.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFromEnvironment, describePostgresUrl, openDatabase } from '../../src/db/database.ts';
import { DatabaseError } from '../../src/db/errors.ts';
import { migrateToLatest, migrationStatus, MIGRATIONS } from '../../src/db/migrate.ts';
import { createTestDatabase, DIALECTS, TEST_POSTGRES_URL, withTestDatabase } from '../support/test-database.ts';

// The register's own tables (migration 0001); later migrations add the web application's.
const REGISTER_TABLES = ['authority_setting', 'child', 'episode', 'iro_allocation', 'period_of_care', 'review', 'review_rearrangement', 'staff'];

describe.each(DIALECTS)('migrations (%s)', (dialect) => {
  const database = withTestDatabase(dialect, { migrate: false });

  it('run on an empty database and create every table', async () => {
    expect(await migrateToLatest(database())).toEqual(Object.keys(MIGRATIONS));
    const tables = (await database().db.introspection.getTables()).map((t) => t.name).filter((name) => !name.startsWith('kysely_'));
    expect(tables).toEqual(expect.arrayContaining(REGISTER_TABLES));
    expect(await migrationStatus(database())).toEqual(Object.keys(MIGRATIONS).map((name) => ({ name, applied: true })));
  });

  it('do nothing the second time', async () => {
    await migrateToLatest(database());
    expect(await migrateToLatest(database())).toEqual([]);
  });

  it('report the pending ones before they run', async () => {
    expect(await migrationStatus(database())).toEqual(Object.keys(MIGRATIONS).map((name) => ({ name, applied: false })));
  });
});

describe.each(DIALECTS)('openDatabase (%s)', (dialect) => {
  const database = withTestDatabase(dialect);

  it('says which dialect it is and stores dates as YYYY-MM-DD text', async () => {
    expect(database().dialect).toBe(dialect);
    const { db } = database();
    await db
      .insertInto('child')
      .values({ id: 'D1', sex: 'U', uasc: 0, date_of_birth: '2024-02-29', created_at: 'x', updated_at: 'x' })
      .execute();
    const row = await db.selectFrom('child').select(['date_of_birth', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('date_of_birth').executeTakeFirstOrThrow();
    expect(row).toEqual({ date_of_birth: '2024-02-29', n: 1 });
  });

  it('refuses a date that does not exist', async () => {
    const { db } = database();
    await expect(
      db.insertInto('child').values({ id: 'D2', sex: 'U', uasc: 0, date_of_birth: '2023-02-29', created_at: 'x', updated_at: 'x' }).execute(),
    ).rejects.toThrow();
  });

  it('enforces foreign keys', async () => {
    await expect(
      database().db.insertInto('episode').values({
        child_id: 'nobody',
        start_date: '2023-01-01',
        reason_new_episode: 'S',
        legal_status: 'C2',
        category_of_need: 'N1',
        placement_type: 'U6',
        placement_provider: null,
        end_date: null,
        reason_ceased: null,
        reason_placement_change: null,
        home_postcode: null,
        placement_postcode: null,
        urn: null,
      }).execute(),
    ).rejects.toThrow();
  });
});

describe('openDatabase errors', () => {
  let folder: string;
  beforeAll(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'iro-open-'));
  });
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('creates the parent folder of a new SQLite file, in WAL mode with foreign keys on', async () => {
    const file = path.join(folder, 'nested', 'deeper', 'register.sqlite');
    const database = await openDatabase({ sqlitePath: file });
    try {
      expect(database.dialect).toBe('sqlite');
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(database.db);
      expect(mode.rows[0]?.journal_mode).toBe('wal');
      const keys = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(database.db);
      expect(keys.rows[0]?.foreign_keys).toBe(1);
    } finally {
      await database.close();
    }
    expect(fs.existsSync(file)).toBe(true);
  });

  it('says so when the SQLite path is a folder', async () => {
    const error = await openDatabase({ sqlitePath: folder }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).code).toBe('DATABASE_PATH_IS_FOLDER');
    expect((error as DatabaseError).message).toContain(folder);
  });

  it('says so when the file is not a SQLite database', async () => {
    const file = path.join(folder, 'notes.txt');
    fs.writeFileSync(file, 'These are meeting notes, not a database. '.repeat(20));
    const error = await openDatabase({ sqlitePath: file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).code).toBe('DATABASE_NOT_SQLITE');
    expect((error as DatabaseError).message).toContain('notes.txt');
  });

  it('turns away a URL of another kind of database', async () => {
    const error = await openDatabase({ url: 'mysql://root:secret@localhost/iro' }).catch((e: unknown) => e);
    expect((error as DatabaseError).code).toBe('DATABASE_URL_INVALID');
    expect((error as DatabaseError).message).not.toContain('secret');
  });

  it('says which PostgreSQL server refused, without the password', async () => {
    const error = await openDatabase({ url: 'postgres://iro_app:s3cret-pass@127.0.0.1:1/iro' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).code).toBe('DATABASE_UNREACHABLE');
    expect((error as DatabaseError).message).toContain('"iro" on 127.0.0.1:1');
    expect((error as DatabaseError).message).not.toContain('s3cret');
  });

  it('describes a PostgreSQL URL without its password', () => {
    expect(describePostgresUrl('postgresql://iro_app:p%40ss@db.example:6543/iro_live')).toBe(
      'the PostgreSQL database "iro_live" on db.example:6543 as iro_app',
    );
  });

  it('uses DATABASE_URL when set, else the given path', async () => {
    const saved = process.env.DATABASE_URL;
    try {
      delete process.env.DATABASE_URL;
      const file = path.join(folder, 'from-path.sqlite');
      const fromPath = await databaseFromEnvironment({ dbPath: file });
      expect(fromPath.description).toContain('from-path.sqlite');
      await fromPath.close();

      process.env.DATABASE_URL = `sqlite:${path.join(folder, 'from-env.sqlite')}`;
      const fromEnv = await databaseFromEnvironment({ dbPath: file });
      expect(fromEnv.dialect).toBe('sqlite');
      expect(fromEnv.description).toContain('from-env.sqlite');
      await fromEnv.close();
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  });
});

describe.runIf(DIALECTS.includes('postgres'))('PostgreSQL specifics', () => {
  it('reports a database that does not exist', async () => {
    const url = new URL(TEST_POSTGRES_URL);
    url.pathname = '/iro_test_no_such_database';
    const error = await openDatabase({ url: url.toString() }).catch((e: unknown) => e);
    expect((error as DatabaseError).code).toBe('DATABASE_DOES_NOT_EXIST');
  });

  it('returns counts as numbers and dates as text', async () => {
    const database = await createTestDatabase('postgres');
    try {
      const result = await sql<{ n: unknown; d: unknown; s: unknown }>`select count(*) as n, date '2024-02-05' as d, sum(1.5) as s`.execute(database.db);
      expect(result.rows[0]).toEqual({ n: 1, d: '2024-02-05', s: 1.5 });
    } finally {
      await database.destroy();
    }
  });
});
