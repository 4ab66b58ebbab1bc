// The report thread: takes one job at a time from src/app/report-jobs.ts, opens the register the job names,
// builds the report and sends it back. Nothing here logs: a job's figures and any error's message go back to
// the thread that asked, which decides what to show.

import { parentPort, threadId } from 'node:worker_threads';
import { runReportJob, withDatabase, type ReportJobResult, type ThreadReply, type ThreadRequest } from './report-jobs.ts';

const port = parentPort;
if (!port) throw new Error('report-thread.ts runs only as a worker thread');

/** A buffer that owns its memory whole is moved, not copied; a slice of Node's shared pool is copied. */
function movable(result: ReportJobResult): ArrayBuffer[] {
  if (result.kind !== 'file' || typeof result.body === 'string') return [];
  const body = result.body;
  return body.byteOffset === 0 && body.byteLength === body.buffer.byteLength && body.buffer instanceof ArrayBuffer ? [body.buffer] : [];
}

port.on('message', (request: ThreadRequest) => {
  void withDatabase(request.source, (database) => runReportJob(database, request.job)).then(
    (result) => port.postMessage({ id: request.id, ok: true, result, threadId } satisfies ThreadReply, movable(result)),
    (error: unknown) => {
      const e = error instanceof Error ? error : new Error(String(error));
      const code = (e as { code?: unknown }).code;
      port.postMessage({ id: request.id, ok: false, error: { name: e.name, message: e.message, ...(typeof code === 'string' && { code }) } } satisfies ThreadReply);
    },
  );
});
