// A fresh, migrated register for each test, in every dialect the suite runs on. SQLite gets a new file in a
// temporary folder; PostgreSQL a new database iro_test_<random> on the test server, dropped afterwards, so
// test files can run in parallel without seeing each other's rows.
//
// IRO_TEST_DIALECTS chooses the dialects (default "sqlite,postgres"); TEST_POSTGRES_URL the server and the
// database to connect to while creating and dropping (default postgres://postgres@127.0.0.1:5432/postgres).

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach } from 'vitest';
import { openDatabase, type Database, type DialectName } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

export type TestDialect = DialectName;

export const DIALECTS: TestDialect[] = (process.env.IRO_TEST_DIALECTS ?? 'sqlite,postgres')
  .split(',')
  .map((name) => name.trim())
  .filter((name) => name !== '')
  .map((name) => {
    if (name !== 'sqlite' && name !== 'postgres') throw new Error(`IRO_TEST_DIALECTS: unknown dialect "${name}" (sqlite or postgres)`);
    return name;
  });

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase extends Database {
  /** Closes the database and deletes it (the file, or the PostgreSQL database). */
  destroy(): Promise<void>;
}

/** A new empty register; migrated unless `migrate: false`. Call destroy() when done. */
export async function createTestDatabase(dialect: TestDialect, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const database = dialect === 'sqlite' ? await createSqlite() : await createPostgres();
  if (options.migrate ?? true) {
    try {
      await migrateToLatest(database);
    } catch (error) {
      await database.destroy();
      throw error;
    }
  }
  return database;
}

async function createSqlite(): Promise<TestDatabase> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'iro-test-'));
  const database = await openDatabase({ sqlitePath: path.join(folder, 'register.sqlite') });
  return {
    ...database,
    destroy: async () => {
      await database.close();
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}

async function createPostgres(): Promise<TestDatabase> {
  const name = `iro_test_${randomBytes(6).toString('hex')}`;
  await onServer(`create database ${name}`);
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  let database: Database;
  try {
    database = await openDatabase({ url: url.toString() });
  } catch (error) {
    await onServer(`drop database if exists ${name} with (force)`);
    throw error;
  }
  return {
    ...database,
    destroy: async () => {
      await database.close();
      await onServer(`drop database if exists ${name} with (force)`);
    },
  };
}

async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Gives each test in the enclosing describe block its own fresh register; call the returned function
 * inside a test to reach it.
 *
 *   describe.each(DIALECTS)('children (%s)', (dialect) => {
 *     const database = withTestDatabase(dialect);
 *     it('…', async () => { await upsertChild(database(), buildChild()); });
 *   });
 */
export function withTestDatabase(dialect: TestDialect, options: { migrate?: boolean } = {}): () => TestDatabase {
  let current: TestDatabase | undefined;
  beforeEach(async () => {
    current = await createTestDatabase(dialect, options);
  });
  afterEach(async () => {
    await current?.destroy();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('withTestDatabase: the database exists only while a test runs');
    return current;
  };
}
