// The stored copies of a SQLite register read on a thread of their own (decision 19), while the thread that asked
// reads the rest of the report's input. It opens the register file read-only, runs the one query it is given and
// sends back each child's id with the number of their copy, the copies packed into blocks that are moved, not
// copied, to the other thread. Nothing here logs: an error goes back to the thread that asked, which reports it.

import BetterSqlite3 from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { Copies } from './report-copies.ts';
import type { CopiesRequest, CopiesSent } from './stored-copies.ts';

const port = parentPort;
if (!port) throw new Error('stored-copies-thread.ts runs only as a worker thread');

const request = workerData as CopiesRequest;
try {
  const register = new BetterSqlite3(request.file, { readonly: true, fileMustExist: true });
  try {
    const ids: string[] = [];
    const copyOf: number[] = [];
    const copies = new Copies();
    const rows = register.prepare(request.sql).raw(true).iterate(...request.parameters) as Iterable<[string, number | null, Uint8Array | null]>;
    for (const [id, format, record] of rows) {
      ids.push(id);
      copyOf.push(format === request.format && record !== null ? copies.add(record) : -1);
    }
    const parts = copies.parts();
    port.postMessage({ ids, copyOf, parts } satisfies CopiesSent, parts.blocks.map((b) => b.buffer));
  } finally {
    register.close();
  }
} catch (error) {
  // Sent as plain values: the driver's own error class does not cross between threads whole.
  const e = error instanceof Error ? error : new Error(String(error));
  const code = (e as { code?: unknown }).code;
  port.postMessage({ failed: { message: e.message, ...(typeof code === 'string' && { code }) } } satisfies CopiesSent);
}
