// The IRO report for the web application and the command line: a report generated from the register for any
// period, and reports kept in the register: started for a period, the narrative written around the figures,
// snapshots generated (the model exactly as it was, with its narrative) and opened again unchanged however the
// register has changed since. The children and records behind any one count are listed for the roles that see
// the report's lists of children. Each change, view and download is written to the audit trail, never with the
// narrative's words.

import type { Database } from '../db/database.ts';
import { inTransaction } from '../db/connection.ts';
import { recordAudit } from '../db/audit.ts';
import { NotFoundError } from '../db/errors.ts';
import { createReport, deleteReport, getReport, getSnapshotModel, listReports, listReportsForPeriod, listSnapshots, saveSnapshot, updateReport, type StoredReport } from '../db/reports.ts';
import { can, type Action, type Actor } from '../domain/access.ts';
import { addDays, addMonths, type IsoDate } from '../domain/dates.ts';
import {
  withoutChildIdentifiers,
  REPORT_FORMAT_DETAILS,
  buildReportModel,
  checkReportPeriod,
  formatGeneratedAt,
  periodLabel,
  renderHtmlContent,
  renderReport,
  wholeMonths,
  type FigureRef,
  type HtmlContentOptions,
  type RenderOptions,
  type ReportFormat,
  type ReportModel,
  type ReportNarrative,
  type ReportPeriod,
} from '../reports/index.ts';
import { InputProblems } from './children.ts';
import { loadReportInput, refreshReportRecordsUnlessBusy, type LoadReportOptions } from './report-input.ts';
import { runReportJob, runReportJobInBackground } from './report-jobs.ts';
import { checkNarrativeForm, narrativeForm, readNarrativeForm, type NarrativeForm } from './report-narrative.ts';

export { loadReportInput } from './report-input.ts';

/** A report file, ready to write or send. */
export interface ReportFile {
  format: ReportFormat | 'csv';
  body: Buffer | string;
  contentType: string;
  /** Letters, digits and dashes only, so it is safe in a header and on any disk. */
  fileName: string;
}

/** A period's label as part of a file name: letters, digits and dashes only. */
function fileLabel(periodLabelText: string): string {
  return periodLabelText.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export function reportFileName(model: Pick<ReportModel, 'laCode' | 'period'>, format: ReportFormat, suffix = ''): string {
  return `iro-report-${model.laCode}-${fileLabel(model.period.label)}${suffix}.${REPORT_FORMAT_DETAILS[format].extension}`;
}

export async function reportFile(model: ReportModel, format: ReportFormat, suffix = '', options: RenderOptions = {}): Promise<ReportFile> {
  return { format, body: await renderReport(model, format, options), contentType: REPORT_FORMAT_DETAILS[format].contentType, fileName: reportFileName(model, format, suffix) };
}

/** The report for a period from the register as it is now, with the narrative given. */
export async function generateReport(
  database: Database,
  request: { from: string; to: string; format: ReportFormat } & Pick<LoadReportOptions, 'recordsFrom' | 'comparisonPeriods'> & RenderOptions,
  narrative?: ReportNarrative,
): Promise<{ model: ReportModel; file: ReportFile }> {
  const period = checkReportPeriod(request.from, request.to);
  await refreshReportRecordsUnlessBusy(database);
  const input = await loadReportInput(database, period, {
    countOnce: true,
    ...(narrative !== undefined && { narrative }),
    ...(request.recordsFrom !== undefined && { recordsFrom: request.recordsFrom }),
    ...(request.comparisonPeriods !== undefined && { comparisonPeriods: request.comparisonPeriods }),
  });
  const withChildren = request.withChildren === true && request.format === 'json';
  const model = buildReportModel(input, { childLists: withChildren });
  return { model, file: await reportFile(model, request.format, '', { withChildren }) };
}

/**
 * The reviews held in a period, one CSV row each (child, review date, due date, within timescale, days late,
 * participation code, IRO): the rows behind the report's timeliness figures. Formula-safe for spreadsheets.
 */
export async function reviewTimelinessCsv(database: Database, request: { from: string; to: string }): Promise<{ csv: string; rows: number }> {
  const result = await runReportJob(database, { kind: 'review-timeliness', period: checkReportPeriod(request.from, request.to) });
  return { csv: result.csv, rows: result.rows };
}

/** "Annual report 2023-24", "Six-monthly report Oct 2023 – Mar 2024": the title a new report starts with. */
export function defaultTitle(period: ReportPeriod): string {
  const kind = { 12: 'Annual report', 6: 'Six-monthly report', 3: 'Quarterly report' }[wholeMonths(period) ?? 0] ?? 'Report';
  return `${kind} ${periodLabel(period)}`;
}

export type StoredReportRow = StoredReport<ReportNarrative> & { periodLabel: string };

const withLabel = (r: StoredReport<ReportNarrative>): StoredReportRow => ({ ...r, periodLabel: periodLabel({ from: r.from, to: r.to }) });

export async function listStoredReports(database: Database): Promise<StoredReportRow[]> {
  return (await listReports(database)).map((r) => withLabel(r as StoredReport<ReportNarrative>));
}

const EARLIEST_REPORT_START = '2000-01-01';
const LONGEST_REPORT_YEARS = 5;

/**
 * Starts a report for a period, with an empty narrative. The period must have begun and ended by `asOf`: a
 * period still running would count reviews not yet due as overdue. InputProblems on the fields `from`, `to`.
 */
export async function startReport(database: Database, actor: Actor, period: { from: IsoDate; to: IsoDate }, asOf: IsoDate): Promise<number> {
  // One problem for each date, the start's first, as the form shows them (the error summary follows the fields).
  let fromProblem: string | null = null;
  let toProblem: string | null = null;
  if (period.from > asOf) fromProblem = 'The start date must be today or in the past';
  // Limits no report of an IRO service reaches (the role began in 2004), so a mistyped year is caught before
  // the whole register is read for it.
  else if (period.from < EARLIEST_REPORT_START) fromProblem = 'The start date must be in 2000 or later';
  if (period.to < period.from) toProblem = 'The end date must be the same as or after the start date';
  else if (period.from <= asOf && period.to > asOf) toProblem = 'The end date must be today or in the past';
  else if (period.from >= EARLIEST_REPORT_START && period.to > addDays(addMonths(period.from, 12 * LONGEST_REPORT_YEARS), -1)) {
    toProblem = `The period must be ${LONGEST_REPORT_YEARS} years or shorter`;
  }
  const problems: { field: string; text: string }[] = [];
  if (fromProblem) problems.push({ field: 'from', text: fromProblem });
  if (toProblem) problems.push({ field: 'to', text: toProblem });
  if (problems.length > 0) throw new InputProblems(problems);
  const checked = checkReportPeriod(period.from, period.to);
  return inTransaction(database, async (trx) => {
    const id = await createReport<ReportNarrative>(trx, { title: defaultTitle(checked), from: checked.from, to: checked.to, narrative: {}, createdBy: actor.id });
    await recordAudit(trx, { staffId: actor.id, action: 'create', entity: 'report', entityId: id, detail: { from: checked.from, to: checked.to } });
    return id;
  });
}

/** Reports already started for exactly this period: starting another asks first (two are allowed, say for two committees). */
export async function reportsForPeriod(database: Database, period: { from: IsoDate; to: IsoDate }): Promise<StoredReportRow[]> {
  return (await listReportsForPeriod(database, period)).map((r) => withLabel(r as StoredReport<ReportNarrative>));
}

/** What deleting a report would lose: its narrative's parts written, and whether snapshots keep it (then it cannot be). */
export async function deletePage(database: Database, id: number) {
  const report = withLabel(await getReport<ReportNarrative>(database, id));
  const snapshots = await listSnapshots(database, id);
  const n = report.narrative;
  const written = [
    n.executiveSummary && 'the executive summary',
    Object.keys(n.sectionCommentary ?? {}).length > 0 && 'the commentary on sections',
    (n.previousPriorities?.length ?? 0) > 0 && 'the previous priorities',
    (n.actionPlan?.length ?? 0) > 0 && 'the action plan',
  ].filter((part): part is string => typeof part === 'string');
  return { report, snapshots: snapshots.length, written };
}

/**
 * Deletes a report started by mistake, with its narrative, if nobody has changed it since `expectedVersion`.
 * A report with snapshots is kept: they are the record of what was presented (ConflictError REPORT_HAS_SNAPSHOTS).
 */
export async function deleteStoredReport(database: Database, actor: Actor, id: number, expectedVersion: number): Promise<void> {
  await inTransaction(database, async (trx) => {
    const report = await getReport(trx, id);
    await deleteReport(trx, id, expectedVersion);
    await recordAudit(trx, { staffId: actor.id, action: 'delete', entity: 'report', entityId: id, detail: { from: report.from, to: report.to } });
  });
}

/** Whether the reader sees the report's lists that name children (decision 11). */
const mayReadChildLists = (actor: Actor) => can(actor, 'report.childLists');

/** The model as this reader is shown it: with the lists that name children emptied unless their role sees them. */
function asShownTo(actor: Actor, model: ReportModel): ReportModel {
  return mayReadChildLists(actor) ? model : withoutChildIdentifiers(model);
}

/** The model of a stored report from the register as it is now, with its narrative. */
async function currentModel(database: Database, report: StoredReport<ReportNarrative>): Promise<ReportModel> {
  // Built on the report thread, without the lists behind each count (pages, files and snapshots show the figures alone).
  const result = await runReportJobInBackground(database, { kind: 'model', period: { from: report.from, to: report.to }, title: report.title, narrative: report.narrative });
  return result.model;
}

/**
 * A stored report's page: its details, snapshots, and its figures from the register now, as HTML to show in the
 * page. Given `figureHref` (the address of a figure's page), each count above zero leads to the children behind
 * it, for a reader who sees the report's lists of children.
 */
export async function reportPage(database: Database, actor: Actor, id: number, links: { figureHref?: (ref: FigureRef) => string } = {}) {
  const report = withLabel(await getReport<ReportNarrative>(database, id));
  const [snapshots, model] = await Promise.all([listSnapshots(database, id), currentModel(database, report)]);
  await recordAudit(database, { staffId: actor.id, action: 'view', entity: 'report', entityId: id });
  const shown = asShownTo(actor, model);
  const figureHref = mayReadChildLists(actor) ? links.figureHref : undefined;
  const options: HtmlContentOptions = figureHref ? { cellHref: (table, row, i) => figureHref({ tableId: table.id, rowKey: row.key, columnKey: table.columns[i]!.key }) } : {};
  return { report, snapshots: snapshots.map((s) => ({ ...s, when: formatGeneratedAt(s.generatedAt) })), model: shown, contentHtml: renderHtmlContent(shown, options) };
}

export async function narrativePage(database: Database, id: number): Promise<{ report: StoredReportRow; form: NarrativeForm }> {
  const report = withLabel(await getReport<ReportNarrative>(database, id));
  return { report, form: narrativeForm(report.title, report.narrative) };
}

/** Which parts of the narrative a change touched, for the audit trail (never the words themselves). */
function changedParts(before: { title: string; narrative: ReportNarrative }, after: { title: string; narrative: ReportNarrative }): string[] {
  const parts = ['reportTo', 'author', 'executiveSummary', 'sectionCommentary', 'previousPriorities', 'actionPlan'] as const;
  return [
    ...(before.title !== after.title ? ['title'] : []),
    ...parts.filter((p) => JSON.stringify(before.narrative[p] ?? null) !== JSON.stringify(after.narrative[p] ?? null)),
  ];
}

/** Refuses (FORBIDDEN) anyone whose role is not allowed the action, whoever calls. */
function refuseUnless(actor: Actor, action: Action, message: string): void {
  if (!can(actor, action)) throw Object.assign(new Error(message), { code: 'FORBIDDEN' });
}

/** The narrative and the snapshots are the managers' to write (decision 13): FORBIDDEN for anyone else. */
function mayWrite(actor: Actor): void {
  refuseUnless(actor, 'report.write', 'Only IRO managers and heads of service write a report');
}

/**
 * Saves the narrative as posted if nobody else has since `expectedVersion`: InputProblems for the form's
 * mistakes (blank rows ignored, a row filled in part named by row and field), ConflictError RECORD_CHANGED
 * when someone else saved first.
 */
export async function saveNarrative(database: Database, actor: Actor, id: number, expectedVersion: number, body: Record<string, unknown>): Promise<void> {
  mayWrite(actor);
  const checked = checkNarrativeForm(readNarrativeForm(body));
  await inTransaction(database, async (trx) => {
    const before = await getReport<ReportNarrative>(trx, id);
    await updateReport(trx, id, expectedVersion, checked);
    await recordAudit(trx, { staffId: actor.id, action: 'update', entity: 'report', entityId: id, detail: { changed: changedParts(before, checked) } });
  });
}

/** Generates the report from the register now, with its narrative, and keeps the model as a snapshot. */
export async function generateSnapshot(database: Database, actor: Actor, id: number, label: string | null): Promise<number> {
  mayWrite(actor);
  const text = label?.trim() ?? '';
  if (text.length > 200) throw new InputProblems([{ field: 'label', text: 'The label must be 200 characters or fewer' }]);
  const report = await getReport<ReportNarrative>(database, id);
  const model = await currentModel(database, report);
  return inTransaction(database, async (trx) => {
    // The figures and narrative as generated, without the lists of children behind each count (currentModel
    // does not build them), so a snapshot stays small whatever the authority's size.
    const snapshotId = await saveSnapshot(trx, { reportId: id, generatedBy: actor.id, label: text === '' ? null : text, model });
    await recordAudit(trx, { staffId: actor.id, action: 'create', entity: 'report', entityId: id, detail: { snapshot: snapshotId } });
    return snapshotId;
  });
}

/** A snapshot's file, rendered from the model exactly as it was generated. */
export async function snapshotFile(database: Database, actor: Actor, id: number, snapshotId: number, format: ReportFormat): Promise<ReportFile> {
  const model = await getSnapshotModel<ReportModel>(database, id, snapshotId);
  const summary = (await listSnapshots(database, id)).find((s) => s.id === snapshotId);
  // The files say which snapshot they are; the figures and narrative are exactly as stored.
  const stamped: ReportModel = summary ? { ...model, snapshot: { id: snapshotId, label: summary.label, generatedAt: summary.generatedAt } } : model;
  const file = await reportFile(asShownTo(actor, stamped), format, `-snapshot-${snapshotId}`);
  await recordAudit(database, { staffId: actor.id, action: 'export', entity: 'report', entityId: id, detail: { snapshot: snapshotId, format } });
  return file;
}

/** A stored report's file from the register as it is now. */
export async function currentReportFile(database: Database, actor: Actor, id: number, format: ReportFormat): Promise<ReportFile> {
  const report = await getReport<ReportNarrative>(database, id);
  // Written out on the report thread too: a large authority's Word document takes seconds to put together.
  const result = await runReportJobInBackground(database, {
    kind: 'file',
    period: { from: report.from, to: report.to },
    title: report.title,
    narrative: report.narrative,
    format,
    withholdChildren: !mayReadChildLists(actor),
  });
  const file: ReportFile = { format, body: result.body, contentType: REPORT_FORMAT_DETAILS[format].contentType, fileName: reportFileName(result.model, format) };
  await recordAudit(database, { staffId: actor.id, action: 'export', entity: 'report', entityId: id, detail: { format } });
  return file;
}

/** A stored report's reviews behind its timeliness figures, from the register as it is now, as CSV. */
export async function currentReviewTimelinessFile(database: Database, actor: Actor, id: number): Promise<ReportFile> {
  // One row per review, by child: for the roles that see the report's lists of children (decision 11).
  refuseUnless(actor, 'report.childLists', 'Only IRO managers and heads of service see the reviews behind the timeliness figures');
  const report = await getReport<ReportNarrative>(database, id);
  const result = await runReportJobInBackground(database, { kind: 'review-timeliness', period: { from: report.from, to: report.to } });
  const csv = result.csv;
  await recordAudit(database, { staffId: actor.id, action: 'export', entity: 'report', entityId: id, detail: { format: 'review-timeliness.csv' } });
  const label = fileLabel(periodLabel({ from: report.from, to: report.to }));
  return { format: 'csv', body: csv, contentType: 'text/csv; charset=utf-8', fileName: `iro-review-timeliness-${label}.csv` };
}

/** Rows of a figure's list on one page: enough to read down, few enough for a large authority's figure to open quickly. */
export const FIGURE_PAGE_SIZE = 100;

/** The lists name children (decision 11): FORBIDDEN for anyone else, whoever calls. */
function mayReadFigures(actor: Actor): void {
  refuseUnless(actor, 'report.childLists', 'Only IRO managers and heads of service see the children behind a figure');
}

/** What the audit trail says of a figure: where it is in the report, never who is behind it. */
const figureDetail = (ref: FigureRef) => ({ figure: ref.tableId, row: ref.rowKey, column: ref.columnKey });

const figureJob = (report: StoredReport<ReportNarrative>, ref: FigureRef) => ({ period: { from: report.from, to: report.to }, tableId: ref.tableId, rowKey: ref.rowKey, columnKey: ref.columnKey });

/**
 * The page of a figure from the register now: the report, where the figure is (table, row and column), the figure,
 * and one page of the children behind it, or of the records it counts with their child and date. A page past the
 * last shows the last. NotFoundError when the report has no such count.
 */
export async function figurePage(database: Database, actor: Actor, id: number, ref: FigureRef, { page = 1, pageSize = FIGURE_PAGE_SIZE } = {}) {
  mayReadFigures(actor);
  const report = withLabel(await getReport<ReportNarrative>(database, id));
  const { list } = await runReportJobInBackground(database, { kind: 'figure', ...figureJob(report, ref), page, pageSize });
  if (list === null) throw new NotFoundError('report figure');
  await recordAudit(database, { staffId: actor.id, action: 'view', entity: 'report', entityId: id, detail: figureDetail(ref) });
  return { report, figure: list.heading, rows: list.rows, total: list.total, page: list.page, pages: list.pages, first: list.first };
}

/** Every row behind a figure as CSV (child, and the date when it counts records), formula-safe for spreadsheets. */
export async function figureFile(database: Database, actor: Actor, id: number, ref: FigureRef): Promise<ReportFile> {
  mayReadFigures(actor);
  const report = withLabel(await getReport<ReportNarrative>(database, id));
  const { csv } = await runReportJobInBackground(database, { kind: 'figure-csv', ...figureJob(report, ref) });
  if (csv === null) throw new NotFoundError('report figure');
  await recordAudit(database, { staffId: actor.id, action: 'export', entity: 'report', entityId: id, detail: { ...figureDetail(ref), format: 'csv' } });
  const label = fileLabel(`${report.periodLabel} ${ref.tableId} ${ref.rowKey} ${ref.columnKey}`);
  return { format: 'csv', body: csv, contentType: 'text/csv; charset=utf-8', fileName: `iro-report-figure-${label}.csv` };
}
