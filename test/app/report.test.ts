// The IRO report from the register: the bulk loader gives the same figures as the records themselves, in a
// handful of queries however many children; the web application's own records (notifications, mid-point
// checks, decisions and actions) reach the report; reports kept with their narrative, whose snapshots stay
// as generated when the register changes; every change audited. On SQLite and PostgreSQL.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import { InputProblems } from '../../src/app/children.ts';
import { refreshReportRecords } from '../../src/app/report-input.ts';
import {
  currentReportFile,
  currentReviewTimelinessFile,
  figureFile,
  figurePage,
  generateSnapshot,
  listStoredReports,
  loadReportInput,
  narrativePage,
  reportPage,
  saveNarrative,
  snapshotFile,
  startReport,
} from '../../src/app/report.ts';
import { listAudit } from '../../src/db/audit.ts';
import { kyselyOf } from '../../src/db/connection.ts';
import { getReport, getSnapshotModel, listSnapshots } from '../../src/db/reports.ts';
import { listStaff } from '../../src/db/staff.ts';
import { getSettings, saveSettings } from '../../src/db/settings.ts';
import type { StaffRole } from '../../src/domain/register.ts';
import { CHILDREN_WITHHELD_NOTE, buildReportModel, withoutChildLists, type ReportModel, type ReportNarrative } from '../../src/reports/index.ts';
import { findTable, value } from '../reports/lookup.ts';
import { unzip } from '../reports/zip.ts';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { FAMILY_NAME, PERIOD, TODAY, seedReportRegister, type SeededRegister } from './report-support.ts';

const CURRENT = `period:${PERIOD.from}`;
const actor = (id: number, role: StaffRole = 'iro_manager') => ({ id, role, team: null });

describe.each(DIALECTS)('the report from the register (%s)', (dialect) => {
  let database: TestDatabase;
  let seeded: SeededRegister;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    seeded = await seedReportRegister(database);
  });
  afterAll(async () => {
    await database.destroy();
  });

  it('loads every child record in bulk and gives the same figures as the records themselves', async () => {
    const input = await loadReportInput(database, PERIOD);
    expect([...input.children].map((c) => c.child.id)).toEqual(seeded.records.map((r) => r.child.id).sort());
    // Nothing that names a child is read.
    expect(JSON.stringify(input)).not.toContain(FAMILY_NAME);
    expect(input.recordsFrom).toBe('2021-01-04');
    const fromRecords = buildReportModel({
      period: PERIOD,
      settings: await getSettings(database),
      staff: (await listStaff(database)).map((s) => ({ ...s, email: '' })),
      children: seeded.records,
      recordsFrom: '2021-01-04',
    });
    const fromRegister = buildReportModel({ ...input, notifications: undefined, midpointChecks: undefined, reviewWorkflow: undefined });
    expect(JSON.stringify(fromRegister)).toBe(JSON.stringify(fromRecords));
  });

  it('gives the same figures and lists counting a few children at a time as counting them all at once', async () => {
    const input = await loadReportInput(database, PERIOD);
    // Every part of the input is there to be counted: notifications, checks and what followed reviews.
    expect([input.notifications!.length, input.midpointChecks!.length, input.reviewWorkflow!.length].every((n) => n > 0)).toBe(true);
    const whole = JSON.stringify(buildReportModel(input, { childrenPerChunk: Infinity }));
    for (const size of [1, 3, 8]) expect(JSON.stringify(buildReportModel(input, { childrenPerChunk: size }))).toBe(whole);
    // Without the lists, an earlier period's reviews held are kept as figures added up chunk by chunk.
    const bare = JSON.stringify(buildReportModel(input, { childLists: false, childrenPerChunk: Infinity }));
    expect(bare).toBe(JSON.stringify(withoutChildLists(JSON.parse(whole) as ReportModel)));
    for (const size of [1, 3, 8]) expect(JSON.stringify(buildReportModel(input, { childLists: false, childrenPerChunk: size }))).toBe(bare);
  });

  it('counts an input read to be counted once with the same figures, and refuses to count it a second time', async () => {
    await refreshReportRecords(database);
    const once = await loadReportInput(database, PERIOD, { countOnce: true });
    const model = JSON.stringify(buildReportModel(once, { childrenPerChunk: 2 }));
    expect(model).toBe(JSON.stringify(buildReportModel(await loadReportInput(database, PERIOD))));
    expect(() => buildReportModel(once)).toThrow(/counted only once/);
  });

  it('compares only the periods from the day the register records itself complete from', async () => {
    // Records from 4 January 2021: 2021-22 and 2022-23 are compared. Complete only from 2022-01-10 (as an
    // SSDA903 import of 2022-23 onwards would record, say): 2021-22 is left out; an explicit day still wins.
    const labels = async (options = {}) => buildReportModel(await loadReportInput(database, PERIOD, options)).comparisonPeriods.map((p) => p.label);
    expect(await labels()).toEqual(['2021-22', '2022-23']);
    await saveSettings(database, { recordsCompleteFrom: '2022-01-10' });
    try {
      expect((await loadReportInput(database, PERIOD)).recordsFrom).toBe('2022-01-10');
      expect(await labels()).toEqual(['2022-23']);
      expect(await labels({ recordsFrom: '2021-01-04' })).toEqual(['2021-22', '2022-23']);
    } finally {
      await saveSettings(database, { recordsCompleteFrom: null });
    }
  });

  it('reads a range of children at a time: a few queries, not one per child', async () => {
    let queries = 0;
    const counter: KyselyPlugin = {
      transformQuery: (args) => {
        queries += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const counted = kyselyOf(database).withPlugin(counter);
    // Settings, staff, mid-point checks and the dispute resolution records (challenges, their children, themes and
    // steps, and compliments: five reads, each a whole table): 8. The first review with anything recorded after it:
    // 2. Then each range of ten children with their stored copies (four ranges for 32 children), and
    // for the children with no copy seven queries (child, episodes, allocations, rearrangements, actions, reviews and
    // requests for views) for each thousand of them.
    await kyselyOf(database).deleteFrom('child_report_record').execute();
    const input = await loadReportInput(counted, PERIOD, { batchSize: 10 });
    expect([...input.children]).toHaveLength(32);
    expect(queries).toBe(8 + 2 + 4 + 7);
    queries = 0;
    await loadReportInput(counted, PERIOD);
    expect(queries).toBe(8 + 2 + 1 + 7);
    // Once the copies are stored, one row per child and nothing more.
    await refreshReportRecords(database);
    queries = 0;
    const fromCopies = await loadReportInput(counted, PERIOD, { batchSize: 10 });
    expect(queries).toBe(8 + 2 + 4);
    // The same records, read from the copies each time the children are read.
    expect({ ...fromCopies, children: [...fromCopies.children] }).toEqual({ ...input, children: [...input.children] });
    expect(JSON.stringify(fromCopies)).toBe(JSON.stringify(input));
  });

  it('brings in notifications, mid-point checks and what happened after reviews', async () => {
    const input = await loadReportInput(database, PERIOD);
    expect(input.notifications).toEqual([
      { childId: 'B2', periodOfCareStart: '2023-06-05', notifiedDate: '2023-06-15' },
      { childId: 'L1', periodOfCareStart: '2022-11-07', notifiedDate: '2022-11-08' },
    ]);
    expect(input.midpointChecks).toEqual([
      { childId: 'B2', date: '2023-08-21' },
      { childId: 'C00002', date: '2023-10-16' },
    ]);
    // Recording began with B2's review of 2 October 2023: earlier reviews have nothing to be missing.
    const workflow = input.reviewWorkflow!;
    expect(workflow.every((w) => w.heldDate >= '2023-10-02')).toBe(true);
    expect(workflow.find((w) => w.childId === 'B2')).toMatchObject({
      heldDate: '2023-10-02',
      decisionsIssuedDate: '2023-10-05',
      recordDistributedDate: '2023-11-10',
      actions: [{ dueDate: '2023-12-01', completedDate: null }],
    });
    const model = buildReportModel(input);
    expect(value(findTable(model, 'key-figures.summary'), 'late_notifications', CURRENT)).toBe(1);
    expect(value(findTable(model, 'monitoring.actions'), 'set', 'count')).toBe(1);
    expect(value(findTable(model, 'monitoring.actions'), 'open', 'count')).toBe(1);
    expect(value(findTable(model, 'monitoring.decisions'), 'within', 'decisions')).toBe(1);
  });

  it('reads each child from the copy stored for the report as from the tables, and from the tables again once anything in it changes', async () => {
    const db = kyselyOf(database);
    const copies = async () => (await db.selectFrom('child_report_record').select('child_id').orderBy('child_id').execute()).map((r) => r.child_id);
    await db.deleteFrom('child_report_record').execute();
    const fromTables = JSON.stringify(await loadReportInput(database, PERIOD));
    expect(await refreshReportRecords(database)).toBe(32);
    expect(await copies()).toHaveLength(32);
    // Only the missing are stored.
    expect(await refreshReportRecords(database)).toBe(0);
    expect(JSON.stringify(await loadReportInput(database, PERIOD))).toBe(fromTables);

    // A change to anything a copy holds deletes that child's copy, whichever table it is in and however it is written.
    const reviewOf = async (childId: string) => (await db.selectFrom('review').select('id').where('child_id', '=', childId).orderBy('id').executeTakeFirstOrThrow()).id;
    const c4Review = await reviewOf('C00004');
    const changes: [string, () => Promise<unknown>][] = [
      ['C00007', () => db.updateTable('child').set({ ethnicity: 'WIRI' }).where('id', '=', 'C00007').execute()],
      ['C00001', () => db.updateTable('episode').set({ placement_type: 'U2' }).where('child_id', '=', 'C00001').execute()],
      ['C00002', () => db.insertInto('iro_allocation').values({ child_id: 'C00002', iro_id: seeded.otherIroId, start_date: '2024-01-08', end_date: null, reason: null }).execute()],
      ['C00003', () => db.updateTable('review').set({ participation_code: 'PN2' }).where('child_id', '=', 'C00003').execute()],
      ['C00004', () => db.insertInto('review_rearrangement').values({ review_id: c4Review, changed_on: '2023-06-20', from_date: null, to_date: null, reason: 'court', note: null }).execute()],
      ['B2', () => db.updateTable('review_action').set({ completed_date: '2023-11-20' }).where('child_id', '=', 'B2').execute()],
      ['C00005', () => db.deleteFrom('review').where('child_id', '=', 'C00005').execute()],
      [
        'C00006',
        async () =>
          db
            .insertInto('consultation_request')
            .values({
              review_id: await reviewOf('C00006'),
              child_id: 'C00006',
              respondent: 'carer',
              form_version: 'carer',
              channel: 'print',
              send_on: '2023-06-01',
              first_sent_on: '2023-06-01',
              created_at: '2023-06-01T09:00:00Z',
            })
            .execute(),
      ],
    ];
    for (const [childId, change] of changes) {
      expect(await copies()).toContain(childId);
      await change();
      expect(await copies()).not.toContain(childId);
    }
    expect(await copies()).toHaveLength(32 - changes.length);
    // The changed children are read from the tables: the same as reading every child from them.
    const mixed = JSON.stringify(await loadReportInput(database, PERIOD));
    expect(mixed).not.toBe(fromTables);
    await db.deleteFrom('child_report_record').execute();
    expect(JSON.stringify(await loadReportInput(database, PERIOD))).toBe(mixed);
  });

  it('reads the stored copies on a thread of their own as on this one, children without a copy among them', async () => {
    const db = kyselyOf(database);
    await refreshReportRecords(database);
    await db.deleteFrom('child_report_record').where('child_id', 'in', ['C00003', 'L1']).execute();
    // On SQLite the copies are read on their own thread from any number of children; PostgreSQL reads them here.
    const onThread = await loadReportInput(database, PERIOD, { copiesThreadFrom: 0 });
    const here = await loadReportInput(database, PERIOD, { copiesThreadFrom: Infinity });
    expect(JSON.stringify(onThread)).toBe(JSON.stringify(here));
    expect(JSON.stringify(buildReportModel(onThread))).toBe(JSON.stringify(buildReportModel(here)));
  });
});

describe.each(DIALECTS)('reports kept in the register (%s)', (dialect) => {
  let database: TestDatabase;
  let seeded: SeededRegister;
  let reportId = 0;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    seeded = await seedReportRegister(database);
  });
  afterAll(async () => {
    await database.destroy();
  });

  it('starts a report for a period that has ended, titled by its length', async () => {
    await expect(startReport(database, actor(seeded.managerId), { from: '2024-04-01', to: '2025-03-31' }, TODAY)).rejects.toMatchObject({
      problems: [{ field: 'to', text: 'The end date must be today or in the past' }],
    });
    await expect(startReport(database, actor(seeded.managerId), { from: '2024-03-01', to: '2024-02-01' }, TODAY)).rejects.toBeInstanceOf(InputProblems);
    // A mistyped year is caught before the register is read for it; five years is the longest period.
    await expect(startReport(database, actor(seeded.managerId), { from: '1024-04-01', to: '2024-03-31' }, TODAY)).rejects.toMatchObject({
      problems: [{ field: 'from', text: 'The start date must be in 2000 or later' }],
    });
    await expect(startReport(database, actor(seeded.managerId), { from: '2019-04-01', to: '2024-04-01' }, TODAY)).rejects.toMatchObject({
      problems: [{ field: 'to', text: 'The period must be 5 years or shorter' }],
    });
    // One problem for each date, the start's first, as the form's error summary lists them.
    await expect(startReport(database, actor(seeded.managerId), { from: '1900-04-01', to: '2099-03-31' }, TODAY)).rejects.toMatchObject({
      problems: [
        { field: 'from', text: 'The start date must be in 2000 or later' },
        { field: 'to', text: 'The end date must be today or in the past' },
      ],
    });
    await expect(startReport(database, actor(seeded.managerId), { from: '1900-04-01', to: '1899-03-31' }, TODAY)).rejects.toMatchObject({
      problems: [
        { field: 'from', text: 'The start date must be in 2000 or later' },
        { field: 'to', text: 'The end date must be the same as or after the start date' },
      ],
    });
    reportId = await startReport(database, actor(seeded.managerId), PERIOD, TODAY);
    const [listed] = await listStoredReports(database);
    expect(listed).toMatchObject({ id: reportId, title: 'Annual report 2023-24', periodLabel: '2023-24', from: PERIOD.from, to: PERIOD.to, narrative: {} });
  });

  it('saves the narrative: blank rows ignored, a row filled in part named by row and field', async () => {
    const { report } = await narrativePage(database, reportId);
    const body = {
      title: 'IRO annual report 2023-24',
      reportTo: 'Corporate Parenting Panel',
      author: '',
      executiveSummary: 'Reviews were timely.\n\nMore children took part.',
      'commentary-timeliness': '  Court timetables moved several reviews.  ',
      'commentary-caseloads': 'x'.repeat(20_001),
      'priority-1-priority': 'Mid-point checks',
      'priority-1-update': 'Recorded on every file',
      'priority-2-priority': '',
      'priority-2-update': '',
      'action-1-priority': 'Timeliness',
      'action-1-areaForDevelopment': 'Fewer reviews moved by court dates',
      'action-1-outcomeForChildren': 'Plans reviewed when due',
      'action-1-lead': 'Service Manager',
      'action-1-timescale': 'September 2024',
      'action-2-priority': 'Participation',
      'action-2-areaForDevelopment': '',
      'action-2-outcomeForChildren': '',
      'action-2-lead': 'Team Manager',
      'action-2-timescale': '',
    };
    const error = await saveNarrative(database, actor(seeded.managerId), reportId, report.version, body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputProblems);
    expect((error as InputProblems).problems).toEqual([
      { field: 'commentary-caseloads', text: 'The commentary on “IRO caseloads and continuity” must be 20,000 characters or fewer' },
      { field: 'action-2-areaForDevelopment', text: 'Enter the area for development for row 2 of the action plan, or clear the row' },
      { field: 'action-2-outcomeForChildren', text: 'Enter the outcome for children for row 2 of the action plan, or clear the row' },
      { field: 'action-2-timescale', text: 'Enter the timescale for row 2 of the action plan, or clear the row' },
    ]);
    const corrected = { ...body, 'commentary-caseloads': '', 'action-2-priority': '', 'action-2-lead': '' };
    await saveNarrative(database, actor(seeded.managerId), reportId, report.version, corrected);
    const saved = await getReport<ReportNarrative>(database, reportId);
    expect(saved.title).toBe('IRO annual report 2023-24');
    expect(saved.narrative).toEqual({
      reportTo: 'Corporate Parenting Panel',
      executiveSummary: 'Reviews were timely.\n\nMore children took part.',
      sectionCommentary: { timeliness: 'Court timetables moved several reviews.' },
      previousPriorities: [{ priority: 'Mid-point checks', update: 'Recorded on every file' }],
      actionPlan: [
        { priority: 'Timeliness', areaForDevelopment: 'Fewer reviews moved by court dates', outcomeForChildren: 'Plans reviewed when due', lead: 'Service Manager', timescale: 'September 2024' },
      ],
    });
    // Every file of the report carries the title given (which names its period already).
    const files = await Promise.all((['json', 'html', 'docx', 'xlsx'] as const).map((f) => currentReportFile(database, actor(seeded.managerId), reportId, f)));
    expect(JSON.parse(files[0]!.body.toString()).title).toBe('IRO annual report 2023-24');
    expect(files[1]!.body.toString()).toMatch(/<title>IRO annual report 2023-24 – [^<]+<\/title>/);
    expect(unzip(files[2]!.body as Buffer).get('docProps/core.xml')!.toString()).toContain('<dc:title>IRO annual report 2023-24</dc:title>');
    expect(unzip(files[3]!.body as Buffer).get('docProps/core.xml')!.toString()).toContain('<dc:title>IRO annual report 2023-24</dc:title>');
    // The section's commentary is in each document, before its figures.
    expect(files[1]!.body.toString()).toContain('Court timetables moved several reviews.');
    expect(unzip(files[2]!.body as Buffer).get('word/document.xml')!.toString()).toContain('Court timetables moved several reviews.');
    // The form comes back with the rows saved and five blank ones.
    const { form } = await narrativePage(database, reportId);
    expect(form.actionPlan).toHaveLength(6);
    expect(form.sectionCommentary.timeliness).toBe('Court timetables moved several reviews.');
    expect(form.sectionCommentary['key-figures']).toBe('');
    // Saving again over the version first read is refused.
    await expect(saveNarrative(database, actor(seeded.managerId), reportId, report.version, corrected)).rejects.toMatchObject({ code: 'RECORD_CHANGED' });
  });

  it('leaves the narrative and the snapshots to managers (decision 13)', async () => {
    const [report] = await listStoredReports(database);
    const analyst = actor(seeded.managerId, 'analyst');
    await expect(saveNarrative(database, analyst, reportId, report!.version, { title: 'Changed' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(generateSnapshot(database, analyst, reportId, null)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const [after] = await listStoredReports(database);
    expect(after).toEqual(report);
    expect(await listSnapshots(database, reportId)).toEqual([]);
  });

  it('keeps a snapshot exactly as generated while the register changes', async () => {
    const snapshotId = await generateSnapshot(database, actor(seeded.managerId), reportId, 'Presented to Corporate Parenting Panel');
    const [summary] = await listSnapshots(database, reportId);
    expect(summary).toMatchObject({ id: snapshotId, label: 'Presented to Corporate Parenting Panel', generatedByName: 'Mo Manager' });
    const before = await getSnapshotModel<ReportModel>(database, reportId, snapshotId);
    expect(before.narrative?.reportTo).toBe('Corporate Parenting Panel');
    const heldBefore = value(findTable(before, 'timeliness.reviews'), 'held', CURRENT) as number;
    const lateBefore = value(findTable(before, 'timeliness.reviews'), 'late', CURRENT) as number;
    const beforeJson = (await snapshotFile(database, actor(seeded.managerId), reportId, snapshotId, 'json')).body.toString();
    // Its files say which snapshot they are, and when it was generated; the stored figures do not carry it.
    expect(JSON.parse(beforeJson).snapshot).toEqual({ id: snapshotId, label: 'Presented to Corporate Parenting Panel', generatedAt: summary!.generatedAt });
    expect(before.snapshot).toBeUndefined();
    const word = unzip((await snapshotFile(database, actor(seeded.managerId), reportId, snapshotId, 'docx')).body as Buffer).get('word/document.xml')!.toString();
    expect(word).toContain(`Snapshot ${snapshotId}, “Presented to Corporate Parenting Panel”, generated `);
    const html = (await snapshotFile(database, actor(seeded.managerId), reportId, snapshotId, 'html')).body.toString();
    expect(html).toMatch(new RegExp(`Version</dt><dd class="govuk-summary-list__value">Snapshot ${snapshotId}, “Presented to Corporate Parenting Panel”, generated \\d{1,2} [A-Z][a-z]+ \\d{4} at \\d{2}:\\d{2}`));
    expect(unzip((await currentReportFile(database, actor(seeded.managerId), reportId, 'docx')).body as Buffer).get('word/document.xml')!.toString()).not.toContain('Snapshot ');

    // B2's late first review is corrected to the day it was due, and another review is held in the year.
    const db = kyselyOf(database);
    await db.updateTable('review').set({ held_date: '2023-07-03' }).where('child_id', '=', 'B2').where('held_date', '=', '2023-07-10').execute();
    await db.updateTable('review').set({ status: 'held', held_date: '2024-01-15', participation_code: 'PN1' }).where('child_id', '=', 'C00001').where('status', '=', 'booked').execute();

    const live = (await reportPage(database, actor(seeded.managerId), reportId)).model;
    expect(value(findTable(live, 'timeliness.reviews'), 'held', CURRENT)).toBe(heldBefore + 1);
    expect(value(findTable(live, 'timeliness.reviews'), 'late', CURRENT)).toBe(lateBefore - 1);
    const after = await getSnapshotModel<ReportModel>(database, reportId, snapshotId);
    expect(after).toEqual(before);
    expect((await snapshotFile(database, actor(seeded.managerId), reportId, snapshotId, 'json')).body.toString()).toBe(beforeJson);
  });

  it('audits each change, view and download, naming the parts changed but never the words', async () => {
    const audit = (await listAudit(database, {})).filter((a) => a.entity === 'report');
    const actions = audit.map((a) => a.action).reverse();
    expect(actions).toEqual(['create', 'update', 'export', 'export', 'export', 'export', 'create', 'export', 'export', 'export', 'export', 'view', 'export']);
    const update = audit.find((a) => a.action === 'update')!;
    expect(update.detail).toEqual({ changed: ['title', 'reportTo', 'executiveSummary', 'sectionCommentary', 'previousPriorities', 'actionPlan'] });
    expect(JSON.stringify(audit)).not.toContain('timely');
    expect(audit.every((a) => a.staffId === seeded.managerId && a.entityId === String(reportId))).toBe(true);
  });

  // The CSV of reviews is refused by its route's access (report.childLists), tested with the pages.
  it('shows an analyst the figures with the lists that name children emptied', async () => {
    const analyst = actor(seeded.managerId, 'analyst');
    const naming = (m: ReportModel) => m.sections.flatMap((s) => s.tables).filter((t) => t.kind === 'list' && t.columns.some((c) => c.key === 'child'));
    const manager = (await reportPage(database, actor(seeded.managerId), reportId)).model;
    const listed = naming(manager).flatMap((t) => t.rows.map((r) => r.cells[0]));
    expect(listed.length).toBeGreaterThan(0);
    const page = await reportPage(database, analyst, reportId);
    expect(naming(page.model).map((t) => [t.rows.length, t.notes.at(-1)])).toEqual(naming(manager).map(() => [0, CHILDREN_WITHHELD_NOTE]));
    // Every figure is the same.
    expect(findTable(page.model, 'timeliness.reviews')).toEqual(findTable(manager, 'timeliness.reviews'));
    const childIds = [...new Set(naming(manager).flatMap((t) => t.rows.map((r) => (r.cells[0]?.type === 'text' ? r.cells[0].text : ''))))].filter((id) => id !== '');
    expect(childIds.length).toBeGreaterThan(0);
    const [snapshot] = await listSnapshots(database, reportId);
    for (const file of [
      await currentReportFile(database, analyst, reportId, 'xlsx'),
      await currentReportFile(database, analyst, reportId, 'json'),
      await snapshotFile(database, analyst, reportId, snapshot!.id, 'html'),
    ]) {
      // A spreadsheet's text is in its shared strings (its sheets hold cell addresses such as B2).
      const text = file.format === 'xlsx' ? (unzip(file.body as Buffer).get('xl/sharedStrings.xml')?.toString() ?? '') : file.body.toString();
      for (const id of childIds) expect(text, `${file.fileName} names ${id}`).not.toMatch(new RegExp(`[>"]${id}[<"]`));
    }
  });

  it('lists the children behind a figure for managers, a page at a time, and refuses anyone else (decision 11)', async () => {
    // Every fifth of the shared children had its first review rearranged on 20 April 2023 (report-support.ts).
    const ref = { tableId: 'rearrangements.summary', rowKey: 'rearrangements', columnKey: CURRENT };
    const before = (await listAudit(database, {})).length;
    for (const role of ['analyst', 'iro', 'business_support'] as const) {
      await expect(figurePage(database, actor(seeded.managerId, role), reportId, ref)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(figureFile(database, actor(seeded.managerId, role), reportId, ref)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(currentReviewTimelinessFile(database, actor(seeded.managerId, role), reportId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await listAudit(database, {})).toHaveLength(before);

    const second = await figurePage(database, actor(seeded.managerId, 'head_of_service'), reportId, ref, { page: 2, pageSize: 4 });
    expect(second).toMatchObject({ total: 6, page: 2, pages: 2, first: 5, figure: { value: 6, children: 6, countsRecords: true, rowLabel: 'Times a review was rearranged', columnLabel: '2023-24' } });
    expect(second.rows).toEqual([
      { childId: 'C00021', date: '2023-04-20' },
      { childId: 'C00026', date: '2023-04-20' },
    ]);
    // A page past the last shows the last.
    expect((await figurePage(database, actor(seeded.managerId), reportId, ref, { page: 9, pageSize: 4 })).rows).toEqual(second.rows);
    expect((await figurePage(database, actor(seeded.managerId), reportId, ref, { page: 1e20, pageSize: 4 })).page).toBe(2);
    await expect(figurePage(database, actor(seeded.managerId), reportId, { ...ref, rowKey: 'nothing' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const file = await figureFile(database, actor(seeded.managerId), reportId, ref);
    expect(file.body.toString().trimEnd().split('\n')).toEqual(['Child,Date', ...['C00001', 'C00006', 'C00011', 'C00016', 'C00021', 'C00026'].map((id) => `${id},2023-04-20`)]);
    const audit = (await listAudit(database, {})).slice(0, 3).map((a) => [a.action, a.detail]);
    const detail = { figure: 'rearrangements.summary', row: 'rearrangements', column: CURRENT };
    expect(audit).toEqual([
      ['export', { ...detail, format: 'csv' }],
      ['view', detail],
      ['view', detail],
    ]);
  });
});
