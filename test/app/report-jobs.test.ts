// Reports built on the report thread: the same figures and files as built on the caller's thread, on a thread
// of their own (so pages keep answering while a report is built), one job at a time with each result reaching
// its caller, failures there coming back with their message and code, and a register held in memory (which no
// other thread can open) built where it is. On SQLite and PostgreSQL.

import { threadId } from 'node:worker_threads';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportJobError, prepareReportThread, runReportJob, runReportJobInBackground } from '../../src/app/report-jobs.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { loadReportInput } from '../../src/app/report-input.ts';
import { buildFigure } from '../../src/reports/index.ts';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { PERIOD, seedReportRegister } from './report-support.ts';
import { findTable, value } from '../reports/lookup.ts';

const NARRATIVE = { executiveSummary: 'Reviews were on time for most children.' };
const SIX_MONTHS = { from: '2023-10-01', to: '2024-03-31' } as const;

describe.each(DIALECTS)('reports built on the report thread (%s)', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await seedReportRegister(database);
  });
  afterAll(async () => {
    await database.destroy();
  });

  it('gives the model built here, from another thread', async () => {
    const here = await runReportJob(database, { kind: 'model', period: PERIOD, narrative: NARRATIVE });
    const there = await runReportJobInBackground(database, { kind: 'model', period: PERIOD, narrative: NARRATIVE });
    expect(there.threadId).not.toBe(0);
    expect(there.threadId).not.toBe(threadId);
    expect(there.model).toEqual(here.model);
    expect(there.model.narrative).toEqual(NARRATIVE);
    expect(value(findTable(there.model, 'timeliness.reviews'), 'held', `period:${PERIOD.from}`)).toBeGreaterThan(0);
  });

  it('writes each format there with the same bytes as here', async () => {
    for (const format of ['json', 'html', 'xlsx', 'docx'] as const) {
      const here = await runReportJob(database, { kind: 'file', period: PERIOD, format });
      const there = await runReportJobInBackground(database, { kind: 'file', period: PERIOD, format });
      expect(there.threadId).not.toBe(threadId);
      if (typeof here.body === 'string') {
        expect(there.body).toBe(here.body);
      } else {
        expect(Buffer.isBuffer(there.body)).toBe(true);
        // Word and spreadsheet files are zips stamped with the time they were made, so they are compared unzipped
        // elsewhere; here they must at least be whole zips of about the same size.
        if (format === 'json') expect((there.body as Buffer).equals(here.body)).toBe(true);
        else {
          expect((there.body as Buffer).subarray(0, 2).toString('latin1')).toBe('PK');
          expect(Math.abs((there.body as Buffer).length - here.body.length)).toBeLessThan(64);
        }
      }
    }
  });

  it('keeps one thread, started ahead of the first report, for the reports that follow', async () => {
    prepareReportThread(database);
    const first = await runReportJobInBackground(database, { kind: 'model', period: SIX_MONTHS });
    const second = await runReportJobInBackground(database, { kind: 'model', period: SIX_MONTHS });
    expect(first.threadId).not.toBe(threadId);
    expect(second.threadId).toBe(first.threadId);
    expect(second.model).toEqual(first.model);
  });

  it('runs jobs asked for at once one after another, each result reaching its caller', async () => {
    const [year, half, csv] = await Promise.all([
      runReportJobInBackground(database, { kind: 'model', period: PERIOD }),
      runReportJobInBackground(database, { kind: 'model', period: SIX_MONTHS }),
      runReportJobInBackground(database, { kind: 'review-timeliness', period: PERIOD }),
    ]);
    expect(year.model.period.from).toBe(PERIOD.from);
    expect(half.model.period.from).toBe(SIX_MONTHS.from);
    expect(half.model.title).toBe('Independent Reviewing Service six-monthly report');
    const here = await runReportJob(database, { kind: 'review-timeliness', period: PERIOD });
    expect(csv.csv).toBe(here.csv);
    expect(csv.rows).toBe(value(findTable(year.model, 'timeliness.reviews'), 'held', `period:${PERIOD.from}`));
  });

  it('finds one figure there and sends back only the page asked for, or its CSV', async () => {
    const ref = { tableId: 'timeliness.reviews', rowKey: 'late', columnKey: `period:${PERIOD.from}` };
    const whole = buildFigure(await loadReportInput(database, PERIOD), ref)!;
    // B2's first review, due on 3 July 2023, was held a week late (report-support.ts).
    expect(whole.records).toContainEqual({ childId: 'B2', date: '2023-07-10' });
    expect(whole.value).toBeGreaterThan(2);
    const job = { kind: 'figure', period: PERIOD, ...ref, page: 2, pageSize: 2 } as const;
    const here = await runReportJob(database, job);
    const there = await runReportJobInBackground(database, job);
    expect(there.threadId).not.toBe(threadId);
    expect(there.list).toEqual(here.list);
    expect(Object.keys(there).sort()).toEqual(['kind', 'list', 'threadId']);
    // Only the second page's two rows come back, with where they stand in the whole list.
    expect(there.list).toMatchObject({ total: whole.value, page: 2, first: 3, heading: { value: whole.value, countsRecords: true } });
    expect(there.list!.rows).toEqual(whole.records!.slice(2, 4).map((r) => ({ childId: r.childId, date: r.date })));
    const csv = await runReportJobInBackground(database, { kind: 'figure-csv', period: PERIOD, ...ref });
    expect(csv.csv!.trimEnd().split('\n')).toEqual(['Child,Date', ...whole.records!.map((r) => `${r.childId},${r.date}`)]);
    expect((await runReportJobInBackground(database, { ...job, rowKey: 'nothing' })).list).toBeNull();
    expect((await runReportJobInBackground(database, { kind: 'figure-csv', period: PERIOD, ...ref, rowKey: 'nothing' })).csv).toBeNull();
  });

  it('brings back a failure there with its message and code', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'iro-report-thread-'));
    try {
      const broken = { ...database, source: dialect === 'sqlite' ? { sqlitePath: folder } : { url: `${database.source!.url!.replace(/\/[^/]*$/, '')}/iro_no_such_database` } };
      const failure = await runReportJobInBackground(broken, { kind: 'model', period: PERIOD }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ReportJobError);
      expect((failure as ReportJobError).code).toBe(dialect === 'sqlite' ? 'DATABASE_PATH_IS_FOLDER' : 'DATABASE_DOES_NOT_EXIST');
      expect((failure as ReportJobError).message).toMatch(/^Cannot open the/);
      // The thread carries on with the next job.
      const next = await runReportJobInBackground(database, { kind: 'model', period: PERIOD });
      expect(next.model.period.to).toBe(PERIOD.to);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('the report thread and the process', () => {
  it('never keeps a process alive once its jobs are done', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'iro-report-thread-exit-'));
    try {
      const script = `
        import { openDatabase } from './src/db/database.ts';
        import { migrateToLatest } from './src/db/migrate.ts';
        import { prepareReportThread, runReportJobInBackground } from './src/app/report-jobs.ts';
        const database = await openDatabase({ sqlitePath: ${JSON.stringify(path.join(folder, 'register.sqlite'))} });
        await migrateToLatest(database);
        prepareReportThread(database);
        const { threadId } = await runReportJobInBackground(database, { kind: 'model', period: { from: '2023-04-01', to: '2024-03-31' } });
        await database.close();
        console.log('built on thread', threadId);
      `;
      const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: process.cwd(), encoding: 'utf8', timeout: 45_000 });
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^built on thread [1-9]/);
      // Ended by itself, not by the timeout.
      expect(run.signal).toBeNull();
      expect(run.status).toBe(0);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('a register held in memory', () => {
  it('is built on the caller’s thread, which alone can read it', async () => {
    const memory = await openDatabase({ sqlitePath: ':memory:' });
    try {
      expect(memory.source).toBeUndefined();
      prepareReportThread(memory);
      await migrateToLatest(memory);
      const result = await runReportJobInBackground(memory, { kind: 'model', period: PERIOD });
      expect(result.threadId).toBe(0);
      expect(result.model.period.from).toBe(PERIOD.from);
    } finally {
      await memory.close();
    }
  });
});
