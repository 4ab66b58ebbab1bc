// The register's stored copies (decision 12) read on a thread of their own when the register is a SQLite file
// (decision 19). Reading them is the largest part of loading a large register for the report: a national-sized one
// has 324,000 copies, and the driver makes a buffer of each. On a thread of their own they are read while this thread
// reads the rest of the report's input (challenges, mid-point checks, settings), and come back as a few blocks of
// bytes moved between the threads rather than copied. PostgreSQL, a register in memory, and a read inside a
// transaction read them on this thread, as before.

import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import { Copies, type CopiesParts } from './report-copies.ts';
import { REPORT_RECORD_FORMAT } from './report-records.ts';
import { sqliteHandleOf } from './database.ts';
import type { DatabaseSchema } from './schema.ts';
import type { Compilable } from './rows.ts';

/** What the thread is asked: the register's file, the query (see storedCopiesQuery) and the layout read now. */
export interface CopiesRequest {
  file: string;
  sql: string;
  parameters: readonly unknown[];
  format: number;
}

/** What the thread sends back: the copies, or why it could not read them. */
export type CopiesSent = { ids: string[]; copyOf: number[]; parts: CopiesParts } | { failed: { message: string; code?: string } };

/** Each child in order of id, with the number of their copy among `copies` (-1 for none in the layout read now). */
export interface StoredCopies {
  ids: string[];
  copyOf: number[];
  copies: Copies;
}

/** The copies being read on their own thread: awaited once the rest of the input is read, or stopped if it fails. */
export interface CopiesReading {
  result: Promise<StoredCopies>;
  stop(): void;
}

/**
 * The file of a SQLite register that another connection can read as this one would: none for a register in memory
 * or a temporary one, nor for a read inside a transaction (which another connection would not see).
 */
function registerFile(db: Kysely<DatabaseSchema>): string | null {
  if (db.isTransaction) return null;
  const handle = sqliteHandleOf(db);
  if (handle === undefined || handle.memory || handle.name === '' || handle.name === ':memory:') return null;
  return path.resolve(handle.name);
}

/** Starts reading the copies on a thread of their own; null where they are read on this thread (see above). */
export function readStoredCopiesOnThread(db: Kysely<DatabaseSchema>, query: Compilable): CopiesReading | null {
  const file = registerFile(db);
  if (file === null) return null;
  const compiled = query.compile();
  const request: CopiesRequest = { file, sql: compiled.sql, parameters: compiled.parameters, format: REPORT_RECORD_FORMAT };
  const worker = new Worker(new URL('./stored-copies-thread.mjs', import.meta.url), { workerData: request, execArgv: [] });
  const result = new Promise<StoredCopies>((resolve, reject) => {
    let sent = false;
    worker.once('message', (m: CopiesSent) => {
      sent = true;
      if ('failed' in m) reject(Object.assign(new Error(m.failed.message), m.failed.code === undefined ? {} : { code: m.failed.code }));
      else resolve({ ids: m.ids, copyOf: m.copyOf, copies: Copies.from(m.parts) });
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!sent) reject(new Error(`reading the register's stored copies stopped before it finished (exit code ${code})`));
    });
  });
  // Awaited only once the rest of the input is read: a failure before then is not left unhandled.
  result.catch(() => undefined);
  return { result, stop: () => void worker.terminate() };
}
