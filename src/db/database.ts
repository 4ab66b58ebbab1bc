// Opens the register: SQLite in one file by default (zero set-up for a single council), PostgreSQL when
// given a postgres:// URL (several app servers, backups, replication). Both are driven through the same
// Kysely query builder, so the repositories do not know which one they talk to.

import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { DatabaseError } from './errors.ts';
import type { DatabaseSchema } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DatabaseSchema>;
  dialect: DialectName;
  /** Which database this is, safe to show and log: a file path, or a server and database name without any password. */
  description: string;
  /**
   * How to open this database again from another thread (the report thread): none for SQLite in memory. A
   * PostgreSQL URL may hold a password, so this is never shown or logged; `description` is.
   */
  source?: OpenDatabaseOptions;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres://… or postgresql://… selects PostgreSQL; sqlite:PATH or file:PATH a SQLite file. */
  url?: string;
  /** The SQLite file, used when no PostgreSQL URL is given. */
  sqlitePath?: string;
}

export const DEFAULT_SQLITE_PATH = path.join('data', 'iro.sqlite');

// Bulk imports on SQLite go faster as prepared statements on the driver itself than through the query
// builder; the handle is kept here rather than on Database so the public shape stays dialect-neutral.
const sqliteHandles = new WeakMap<Kysely<DatabaseSchema>, BetterSqlite3.Database>();

/** The better-sqlite3 handle behind a Kysely instance opened by openDatabase, if it is SQLite. */
export function sqliteHandleOf(db: Kysely<DatabaseSchema>): BetterSqlite3.Database | undefined {
  return sqliteHandles.get(db);
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const url = options.url?.trim();
  if (url) {
    if (isPostgresUrl(url)) return openPostgres(url);
    const sqliteUrl = /^(sqlite|file):(\/\/)?(.+)$/i.exec(url);
    if (sqliteUrl) return openSqlite(sqliteUrl[3]!);
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
      throw new DatabaseError(
        'DATABASE_URL_INVALID',
        `The database URL must start with postgres:// or postgresql:// (or name a SQLite file); it starts with ${url.slice(0, url.indexOf(':'))}://`,
      );
    }
    return openSqlite(url);
  }
  return openSqlite(options.sqlitePath ?? DEFAULT_SQLITE_PATH);
}

/** The register the environment names: DATABASE_URL when set, else the given SQLite file, else data/iro.sqlite. */
export function databaseFromEnvironment(options: { dbPath?: string } = {}): Promise<Database> {
  const url = process.env.DATABASE_URL?.trim();
  if (url) return openDatabase({ url });
  return openDatabase({ sqlitePath: options.dbPath ?? DEFAULT_SQLITE_PATH });
}

function openSqlite(file: string): Database {
  const description = `the SQLite database ${file}`;
  if (file !== ':memory:') {
    if (isFolder(file)) {
      throw new DatabaseError('DATABASE_PATH_IS_FOLDER', `Cannot open ${description}: that is a folder, not a file`);
    }
    try {
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    } catch (error) {
      throw new DatabaseError('DATABASE_CANNOT_OPEN', `Cannot create the folder for ${description}`, { cause: error });
    }
  }
  let handle: BetterSqlite3.Database | undefined;
  try {
    handle = new BetterSqlite3(file);
    // The first statement reads the file's header, so a file that is not SQLite fails here.
    handle.pragma('journal_mode = WAL');
    handle.pragma('foreign_keys = ON');
    // Another process (the CLI beside the web server) may hold the write lock for a moment.
    handle.pragma('busy_timeout = 5000');
    // Safe with WAL: a power cut can lose the last commits but never corrupts the file.
    handle.pragma('synchronous = NORMAL');
    // 64 MB of page cache rather than 2 MB: bulk imports and whole-register reads touch every index.
    handle.pragma('cache_size = -65536');
  } catch (error) {
    handle?.close();
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_NOTADB') {
      throw new DatabaseError('DATABASE_NOT_SQLITE', `Cannot open ${description}: the file is not a SQLite database`, { cause: error });
    }
    throw new DatabaseError('DATABASE_CANNOT_OPEN', `Cannot open ${description}: ${(error as Error).message}`, { cause: error });
  }
  const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: handle }) });
  sqliteHandles.set(db, handle);
  return {
    db,
    dialect: 'sqlite',
    description,
    // A temporary database ('') and one in memory exist only for this connection.
    ...(file !== '' && file !== ':memory:' && { source: { sqlitePath: path.resolve(file) } }),
    close: () => db.destroy(),
  };
}

function isFolder(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

// Dates come back as the 'YYYY-MM-DD' text they are in the domain (pg would make a local-midnight Date,
// shifting the day in some zones); counts and sums (int8, numeric) as numbers, never near 2^53 here.
const typeParsers = new Map<number, (value: string) => unknown>([
  [1082, (value) => value],
  [20, Number],
  [1700, Number],
]);
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    typeParsers.get(oid) ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** 'the PostgreSQL database "iro" on db.example:5432 as iro_app': the URL without its password. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const name = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(default)';
    const host = parsed.host || 'localhost';
    const user = parsed.username ? ` as ${decodeURIComponent(parsed.username)}` : '';
    return `the PostgreSQL database "${name}" on ${host}${user}`;
  } catch {
    return 'the PostgreSQL database';
  }
}

async function openPostgres(url: string): Promise<Database> {
  try {
    new URL(url);
  } catch {
    throw new DatabaseError('DATABASE_URL_INVALID', 'The PostgreSQL URL cannot be read; expected postgres://user:password@host:port/database');
  }
  const description = describePostgresUrl(url);
  const pool = new pg.Pool({ connectionString: url, types, connectionTimeoutMillis: 10_000 });
  // An idle connection dropped by the server (restart, failover) must not crash the process: the pool
  // discards it and the next query opens a new one or reports the failure to its caller.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw postgresOpenError(error, description);
  }
  const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', description, source: { url }, close: () => db.destroy() };
}

function postgresOpenError(error: unknown, description: string): DatabaseError {
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case '28P01':
    case '28000':
      return new DatabaseError('DATABASE_ACCESS_DENIED', `Cannot open ${description}: the server refused the user name or password`, {
        cause: error,
      });
    case '3D000':
      return new DatabaseError('DATABASE_DOES_NOT_EXIST', `Cannot open ${description}: the server has no database of that name`, {
        cause: error,
      });
    default:
      return new DatabaseError(
        'DATABASE_UNREACHABLE',
        `Cannot open ${description}: the server could not be reached${typeof code === 'string' ? ` (${code})` : ''}`,
        { cause: error },
      );
  }
}
