// Building a report from the register is the heaviest work the application does: a large authority's register
// is read whole and its review clocks run for seven periods. The web application does it on a thread of its
// own (src/app/report-thread.ts), so pages keep answering for everyone else while a report is built, and the
// memory a report needs is given back when the thread is done. Jobs run one at a time, in the order asked: two
// managers generating reports at once do not need twice the memory.
//
// The thread opens the register itself for each job (a SQLite file or a PostgreSQL server; its connection is
// closed when the job ends). A register it cannot open (SQLite in memory) is built here, on the caller's thread.

import { Worker } from 'node:worker_threads';
import { stringify } from 'csv-stringify/sync';
import { openDatabase, type Database, type OpenDatabaseOptions } from '../db/database.ts';
import {
  REVIEW_TIMELINESS_COLUMNS,
  buildFigure,
  buildReportModel,
  figureListPage,
  figureRows,
  renderReport,
  reviewTimelinessRows,
  withoutChildIdentifiers,
  type FigureListPage,
  type FigureRef,
  type ReportFormat,
  type ReportModel,
  type ReportNarrative,
  type ReportPeriod,
} from '../reports/index.ts';
import { loadReportInput, refreshReportRecordsUnlessBusy } from './report-input.ts';

/** A stored report's own words: the title the manager gave it (the standard one when not given) and its narrative. */
interface Words {
  title?: string;
  narrative?: ReportNarrative;
}

export type ReportJob =
  /** The figures with the narrative (for the report's page and snapshots), without the lists behind each count. */
  | ({ kind: 'model'; period: ReportPeriod } & Words)
  /** The same, written out in a format; the lists that name children emptied when `withholdChildren`. */
  | ({ kind: 'file'; period: ReportPeriod; format: ReportFormat; withholdChildren?: boolean } & Words)
  /** One CSV row per review held in the period: the rows behind the timeliness figures. */
  | { kind: 'review-timeliness'; period: ReportPeriod }
  /** One page of the children and records behind a count; null when the report has no such count. */
  | ({ kind: 'figure'; period: ReportPeriod; page: number; pageSize: number } & FigureRef)
  /** Every row behind a count as CSV; null when the report has no such count. */
  | ({ kind: 'figure-csv'; period: ReportPeriod } & FigureRef);

export type ReportJobResult =
  | { kind: 'model'; model: ReportModel }
  | { kind: 'file'; model: ReportModel; body: Buffer | string }
  | { kind: 'review-timeliness'; csv: string; rows: number }
  | { kind: 'figure'; list: FigureListPage | null }
  | { kind: 'figure-csv'; csv: string | null };

/** What a kind of job gives. */
export type ResultOf<J extends ReportJob> = Extract<ReportJobResult, { kind: J['kind'] }>;

/** A job's work, on whichever thread runs it. */
export async function runReportJob<J extends ReportJob>(database: Database, job: J): Promise<ResultOf<J>> {
  return (await work(database, job)) as ResultOf<J>;
}

async function work(database: Database, job: ReportJob): Promise<ReportJobResult> {
  await refreshReportRecordsUnlessBusy(database);
  if (job.kind === 'review-timeliness') {
    const input = await loadReportInput(database, job.period, { countOnce: true });
    const rows = reviewTimelinessRows(input, job.period);
    const csv = stringify(rows, {
      header: true,
      columns: REVIEW_TIMELINESS_COLUMNS.map((c) => ({ key: c.key, header: c.header })),
      // Formula-safe for spreadsheets.
      escape_formulas: true,
    });
    return { kind: 'review-timeliness', csv, rows: rows.length };
  }
  if (job.kind === 'figure' || job.kind === 'figure-csv') {
    // Only the figure's section is built with its lists, and only the page asked for (or the CSV) goes back: a
    // large register's list of hundreds of thousands of rows is never copied to the thread that answers pages.
    const figure = buildFigure(await loadReportInput(database, job.period, { countOnce: true }), { tableId: job.tableId, rowKey: job.rowKey, columnKey: job.columnKey });
    if (job.kind === 'figure') return { kind: 'figure', list: figure && figureListPage(figure, job.page, job.pageSize) };
    if (figure === null) return { kind: 'figure-csv', csv: null };
    const columns = [{ key: 'childId', header: 'Child' }, ...(figure.records !== null ? [{ key: 'date', header: 'Date' }] : [])];
    // Formula-safe for spreadsheets.
    return { kind: 'figure-csv', csv: stringify(figureRows(figure), { header: true, columns, escape_formulas: true }) };
  }
  // One report is built from the input, so each child's copy is let go once counted.
  const input = await loadReportInput(database, job.period, { countOnce: true, ...(job.narrative !== undefined && { narrative: job.narrative }) });
  // Pages, files and snapshots show the figures alone, so the lists behind each count are not built.
  const built = buildReportModel(input, { childLists: false });
  const model = job.title !== undefined && job.title.trim() !== '' ? { ...built, title: job.title.trim() } : built;
  if (job.kind === 'model') return { kind: 'model', model };
  return { kind: 'file', model, body: await renderReport(job.withholdChildren === true ? withoutChildIdentifiers(model) : model, job.format) };
}

/** What the thread is sent: the job, and how to open the register it reads. */
export interface ThreadRequest {
  id: number;
  source: OpenDatabaseOptions;
  job: ReportJob;
}

export type ThreadReply =
  | { id: number; ok: true; result: ReportJobResult; threadId: number }
  | { id: number; ok: false; error: { name: string; message: string; code?: string } };

/** A job that failed on the report thread, with the message (and code) of the error there. */
export class ReportJobError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly originalName: string,
  ) {
    super(message);
    this.name = 'ReportJobError';
  }
}

/** How long the thread waits for another job before it ends, giving its memory back: long enough for a manager to view a report and then download it without the thread starting again (a second or two). */
const IDLE_MS = 5 * 60_000;

interface Pending {
  resolve(reply: { result: ReportJobResult; threadId: number }): void;
  reject(error: Error): void;
}

/** The one report thread of this process: started for the first job, ended after five minutes with none. */
class ReportThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idle: NodeJS.Timeout | null = null;
  /** Jobs run one after another: each waits for the one before. */
  private queue: Promise<unknown> = Promise.resolve();

  run(source: OpenDatabaseOptions, job: ReportJob): Promise<{ result: ReportJobResult; threadId: number }> {
    const turn = this.queue.then(() => this.send(source, job));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Starts the thread if it is not running, so its code is loaded (a second or two) before a job is asked for. */
  prepare(): void {
    if (this.worker) return;
    const worker = this.start();
    this.stopWhenIdle(worker);
  }

  private send(source: OpenDatabaseOptions, job: ReportJob): Promise<{ result: ReportJobResult; threadId: number }> {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    // A job being built keeps the process alive until it is done.
    worker.ref();
    return new Promise<{ result: ReportJobResult; threadId: number }>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, source, job } satisfies ThreadRequest);
    }).finally(() => {
      if (this.pending.size === 0 && this.worker === worker) {
        worker.unref();
        this.stopWhenIdle(worker);
      }
    });
  }

  private stopWhenIdle(worker: Worker): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => {
      if (this.worker === worker && this.pending.size === 0) void this.stop();
    }, IDLE_MS);
    this.idle.unref();
  }

  private start(): Worker {
    // None of this process's own Node options (a script given with -e, say): the thread loads its code itself.
    const worker = new Worker(new URL('./report-thread.mjs', import.meta.url), { execArgv: [] });
    worker.on('message', (reply: ThreadReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiting.resolve({ result: reply.result, threadId: reply.threadId });
      else waiting.reject(new ReportJobError(reply.error.message, reply.error.code, reply.error.name));
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', (error) => fail(new ReportJobError(`The report could not be built: ${error.message}`, undefined, error.name)));
    worker.on('exit', (code) => fail(new ReportJobError(`The report could not be built: its thread stopped (exit code ${code})`, undefined, 'Error')));
    // An idle thread never keeps the process alive (a server stopping, a command ending): unref'd after the
    // listeners above, since adding a listener refs it again.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.idle = null;
    await worker?.terminate();
  }
}

let thread: ReportThread | null = null;

/**
 * Runs a report job on the report thread when the register can be opened there, else on this thread.
 * `threadId` says which thread built it (0 is the main thread).
 */
export async function runReportJobInBackground<J extends ReportJob>(database: Database, job: J): Promise<ResultOf<J> & { threadId: number }> {
  const source = database.source;
  if (source === undefined) return { ...(await runReportJob(database, job)), threadId: 0 };
  thread ??= new ReportThread();
  const { result, threadId } = await thread.run(source, job);
  // Buffers come back across threads as plain bytes.
  if (result.kind === 'file' && typeof result.body !== 'string' && !Buffer.isBuffer(result.body)) {
    const bytes = result.body as Uint8Array;
    return { ...(result as ResultOf<J>), body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), threadId };
  }
  return { ...(result as ResultOf<J>), threadId };
}

/**
 * Starts the report thread ahead of a report being asked for (when the server starts, when someone opens the
 * list of reports), so the first one does not wait for the thread's code to load. Nothing for a register that
 * is built in place.
 */
export function prepareReportThread(database: Database): void {
  if (database.source === undefined) return;
  thread ??= new ReportThread();
  thread.prepare();
}

/** The register for one job on the report thread; closed when the job ends. */
export async function withDatabase<T>(source: OpenDatabaseOptions, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(source);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}
