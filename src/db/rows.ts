// Reading many rows: eachRow() hands each row of a select to a function as a list of its columns, for the
// bulk reads (the IRO report's input) that would otherwise hold millions of row objects at once.

import type { CompiledQuery, Kysely } from 'kysely';
import { sqliteHandleOf } from './database.ts';
import type { DatabaseSchema } from './schema.ts';
import { DATE_SLOTS, dateSlot } from '../domain/dates.ts';

/**
 * One copy of each date, code and id however many rows repeat it: the driver makes a new string for every
 * value, and a large register repeats a few hundred thousand of them millions of times. Bulk readers that keep
 * what they read share one of these.
 */
export class SharedStrings {
  private readonly seen = new Map<string, string>();
  /** Dates by day (years 1900 to 2199): found by arithmetic on their characters (dateSlot), with no hashing of a long map. */
  private readonly dates: (string | undefined)[] = new Array(DATE_SLOTS);

  of(value: string): string;
  of(value: string | null): string | null;
  of(value: unknown): string | null;
  of(value: unknown): string | null {
    if (value === null || value === undefined) return null;
    const text = value as string;
    const slot = dateSlot(text);
    if (slot !== -1) {
      // Each slot is one string of digits (dateSlot), so whatever it holds is this text.
      const known = this.dates[slot];
      if (known !== undefined) return known;
      this.dates[slot] = text;
      return text;
    }
    const known = this.seen.get(text);
    if (known !== undefined) return known;
    this.seen.set(text, text);
    return text;
  }
}

/** A select built with Kysely (not executed). */
export interface Compilable {
  compile(): CompiledQuery;
}

/** The SQLite driver eachRow() streams from: a database opened by openDatabase, not a transaction or a plugin-wrapped copy. */
function streamingHandle(db: Kysely<DatabaseSchema>) {
  return db.isTransaction ? undefined : sqliteHandleOf(db);
}

/** Whether eachRow() streams on this instance. */
export function streamsRows(db: Kysely<DatabaseSchema>): boolean {
  return streamingHandle(db) !== undefined;
}

/**
 * Runs a select and hands each row to `each` as a list of its columns, in the order selected. On SQLite the
 * rows come straight from the driver one at a time, as lists rather than objects: a national-sized register's
 * two million reviews are read in seconds and never held twice. Elsewhere (PostgreSQL, a transaction, a
 * Kysely instance wrapped by a plugin) the query runs through Kysely.
 */
export async function eachRow(db: Kysely<DatabaseSchema>, query: Compilable, each: (row: unknown[]) => void): Promise<void> {
  const compiled = query.compile();
  const handle = streamingHandle(db);
  if (handle) {
    // Through Kysely's hold on its one connection, so the read never runs inside another request's transaction.
    await db.connection().execute(async () => {
      const rows = handle.prepare(compiled.sql).raw(true).iterate(...compiled.parameters) as Iterable<unknown[]>;
      for (const row of rows) each(row);
    });
    return;
  }
  const { rows } = await db.executeQuery<Record<string, unknown>>(compiled);
  for (const row of rows) each(Object.values(row));
}
