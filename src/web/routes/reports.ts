// Reports: the list of reports kept and a form to start one for a period, a report's page (its figures in the
// page with the narrative), the narrative form, snapshots, and downloads of the report as a web page, Word,
// spreadsheet or JSON, from the register now or exactly as a snapshot was generated. Everything here is for
// those allowed 'report.view'; writing the narrative and generating snapshots for 'report.write' (managers) too,
// and the children behind a figure for 'report.childLists'.
// The rules are in src/app/report.ts.

import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  currentReportFile,
  currentReviewTimelinessFile,
  deletePage,
  deleteStoredReport,
  figureFile,
  figurePage,
  generateSnapshot,
  listStoredReports,
  narrativePage,
  reportPage,
  reportsForPeriod,
  saveNarrative,
  snapshotFile,
  startReport,
  type ReportFile,
} from '../../app/report.ts';
import { InputProblems } from '../../app/children.ts';
import { prepareReportThread } from '../../app/report-jobs.ts';
import { ACTION_PLAN_FIELDS, BLANK_ROWS, COMMENTARY_SECTIONS, NARRATIVE_FORM_BYTES, NARRATIVE_LIMITS, PRIORITY_FIELDS, periodChoices, readNarrativeForm, withBlankRows, type NarrativeForm } from '../../app/report-narrative.ts';
import { ConflictError, NotFoundError } from '../../db/errors.ts';
import { can } from '../../domain/access.ts';
import { REPORT_FORMATS, figureLinkId, isReportFormat, type FigureRef, type ReportFormat } from '../../reports/index.ts';
import { addDateError, addError, dateFromParts, dateParts, hasErrors, noErrors, type FormErrors } from '../forms.ts';
import { pagination } from '../pagination.ts';

const access = 'report.view' as const;
const DATE_FIELDS = new Set(['from', 'to']);

const FORMAT_NAMES: Record<ReportFormat, string> = {
  html: 'Web page (HTML)',
  docx: 'Word document (DOCX)',
  xlsx: 'Spreadsheet (XLSX)',
  json: 'Data for analysts (JSON)',
};
const FORMATS = REPORT_FORMATS.map((value) => ({ value, text: FORMAT_NAMES[value] }));

const idParams = z.object({ id: z.coerce.number().int().positive() });
const formatOf = (value: string): ReportFormat => {
  if (!isReportFormat(value)) throw new NotFoundError('report');
  return value;
};
const downloadParams = idParams.extend({ format: z.string().max(10).transform(formatOf) });
const snapshotParams = downloadParams.extend({ snapshotId: z.coerce.number().int().positive() });
// A figure by its table ("timeliness.reviews"), row and column keys; anything else is a page that does not exist.
const figureParams = idParams.extend({
  tableId: z.string().max(100).regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/),
  // A theme's or a team's name (up to 200 characters) after its kind, as "theme:".
  rowKey: z.string().min(1).max(300),
  columnKey: z.string().min(1).max(100),
});
// A page number past the last, however large, shows the last page (figurePage).
const pageQuery = z.object({ page: z.string().regex(/^\d+$/).transform(Number).optional().catch(undefined) });

/** The address of a figure's page in a report; its CSV is `/children.csv` below it. */
function figureUrl(id: number, ref: FigureRef): string {
  return `/reports/${id}/figures/${[ref.tableId, ref.rowKey, ref.columnKey].map(encodeURIComponent).join('/')}`;
}

const BANNERS: Record<string, string> = { narrative: 'The narrative has been saved', snapshot: 'A snapshot has been generated', deleted: 'The report has been deleted' };

/** A field's error; a date's links to its first box. */
function fieldError(errors: FormErrors, field: string, text: string): void {
  if (DATE_FIELDS.has(field)) addDateError(errors, field, text);
  else addError(errors, field, text);
}

/** A problem with the page as a whole, not one of its fields: listed in the summary without a link. */
function pageError(text: string): FormErrors {
  return { list: [{ text, href: '' }], byField: {} };
}

function withProblems(errors: FormErrors, error: unknown): FormErrors {
  if (!(error instanceof InputProblems)) throw error;
  for (const p of error.problems) fieldError(errors, p.field, p.text);
  return errors;
}

function send(reply: FastifyReply, file: ReportFile) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${file.fileName}"`)
    .header('cache-control', 'no-store')
    .send(file.body);
}

export function registerReportRoutes(app: FastifyInstance): void {
  const listPage = async (body: Record<string, unknown> | null, errors: FormErrors) => {
    const choices = periodChoices(app.today());
    const chosen = typeof body?.period === 'string' ? body.period : '';
    return {
      title: 'Reports',
      reports: await listStoredReports(app.database),
      periodItems: choices.map((c) => ({ value: c.value, text: `${c.text}: ${c.label}`, checked: chosen === c.value })),
      dates: { from: dateParts(body, 'from'), to: dateParts(body, 'to') },
      errors,
    };
  };

  app.get('/reports', { config: { access } }, async (request, reply) => {
    // Someone choosing a report is about to open one: its thread loads meanwhile.
    prepareReportThread(app.database);
    const done = String((request.query as Record<string, unknown> | undefined)?.done ?? '');
    return reply.render('pages/reports/index.njk', { ...(await listPage(null, noErrors())), banner: BANNERS[done] ?? null });
  });

  app.post('/reports', { config: { access } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const errors = noErrors();
    const again = async (e: FormErrors) => reply.code(400).render('pages/reports/index.njk', await listPage(body, e));
    let period: { from: string; to: string } | null = null;
    const quick = periodChoices(app.today()).find((c) => c.value === body.period);
    if (quick) period = quick.period;
    else if (body.period === 'custom') {
      const from = dateFromParts(body, 'from');
      const to = dateFromParts(body, 'to');
      if (from.problem) addDateError(errors, 'from', `The start date ${from.problem}`, from.parts);
      else if (from.value === null) fieldError(errors, 'from', 'Enter the start date');
      if (to.problem) addDateError(errors, 'to', `The end date ${to.problem}`, to.parts);
      else if (to.value === null) fieldError(errors, 'to', 'Enter the end date');
      if (from.value && to.value) period = { from: from.value, to: to.value };
    } else fieldError(errors, 'period', 'Select the period the report covers, or enter its dates');
    if (!period || hasErrors(errors)) return again(errors);
    // The same period chosen again is nearly always the report already started: asked before a second is made.
    if (body.another !== 'yes') {
      const existing = await reportsForPeriod(app.database, period);
      if (existing.length > 0) return reply.render('pages/reports/duplicate.njk', { title: 'A report for this period has already been started', period, existing });
    }
    try {
      const id = await startReport(app.database, request.user!, period, app.today());
      return reply.redirect(`/reports/${id}`);
    } catch (error) {
      return again(withProblems(errors, error));
    }
  });

  const showReport = async (reply: FastifyReply, id: number, extra: { banner?: string | null; errors?: FormErrors; label?: string; status?: number }) => {
    const page = await reportPage(app.database, reply.request.user!, id, { figureHref: (ref) => figureUrl(id, ref) });
    return reply.code(extra.status ?? 200).render('pages/reports/report.njk', {
      title: page.report.title,
      page,
      formats: FORMATS,
      banner: extra.banner ?? null,
      errors: extra.errors ?? noErrors(),
      label: extra.label ?? '',
      styleNonce: reply.cspNonce?.style,
      canDelete: can(reply.request.user!, 'report.delete') && page.snapshots.length === 0,
      canWrite: can(reply.request.user!, 'report.write'),
      canSeeChildLists: can(reply.request.user!, 'report.childLists'),
    });
  };

  app.get('/reports/:id', { config: { access } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const done = String((request.query as Record<string, unknown> | undefined)?.done ?? '');
    return showReport(reply, id, { banner: BANNERS[done] ?? null });
  });

  const narrativeView = (id: number, reportTitle: string, periodLabel: string, version: number, form: NarrativeForm, errors: FormErrors) => ({
    title: `Narrative: ${reportTitle}`,
    id,
    periodLabel,
    version,
    form,
    errors,
    actionFields: ACTION_PLAN_FIELDS,
    priorityFields: PRIORITY_FIELDS,
    limits: NARRATIVE_LIMITS,
    summaryLimit: NARRATIVE_LIMITS.summary.toLocaleString('en-GB'),
    cellLimit: NARRATIVE_LIMITS.cell.toLocaleString('en-GB'),
    commentarySections: COMMENTARY_SECTIONS,
    blankRows: BLANK_ROWS,
  });

  app.get('/reports/:id/narrative', { config: { access: 'report.write' } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const { report, form } = await narrativePage(app.database, id);
    return reply.render('pages/reports/narrative.njk', narrativeView(id, report.title, report.periodLabel, report.version, form, noErrors()));
  });

  app.post('/reports/:id/narrative', { config: { access: 'report.write' }, bodyLimit: NARRATIVE_FORM_BYTES }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const version = z.coerce.number().int().nonnegative().safeParse(body.version);
    const { report } = await narrativePage(app.database, id);
    if (!version.success) {
      return reply.code(400).render('pages/error.njk', { title: 'The narrative was not saved', message: 'Go back, reload the page and try again.' });
    }
    try {
      await saveNarrative(app.database, request.user!, id, version.data, body);
    } catch (error) {
      const form = withBlankRows(readNarrativeForm(body));
      if (error instanceof ConflictError && error.code === 'RECORD_CHANGED') {
        // Saved by someone else (or in another tab) since this form was opened: what was typed comes back, not
        // lost, and saving it again is a choice to replace the version saved meanwhile.
        const errors = addError(
          noErrors(),
          'executiveSummary',
          'This narrative was saved by someone else, or in another tab, after you opened it, so your changes were not saved. They are below: check the saved version in another tab, then save again to replace it with yours',
        );
        return reply.code(409).render('pages/reports/narrative.njk', narrativeView(id, report.title, report.periodLabel, report.version, form, errors));
      }
      const errors = withProblems(noErrors(), error);
      return reply.code(400).render('pages/reports/narrative.njk', narrativeView(id, report.title, report.periodLabel, version.data, form, errors));
    }
    return reply.redirect(`/reports/${id}?done=narrative`);
  });

  app.post('/reports/:id/snapshots', { config: { access: 'report.write' } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const label = typeof body.label === 'string' ? body.label : '';
    try {
      await generateSnapshot(app.database, request.user!, id, label);
    } catch (error) {
      return showReport(reply, id, { errors: withProblems(noErrors(), error), label, status: 400 });
    }
    // To the top of the page, where the banner says it was made (the list of snapshots is below it).
    return reply.redirect(`/reports/${id}?done=snapshot`);
  });

  const deleteView = async (reply: FastifyReply, id: number, errors: FormErrors, status = 200) => {
    const page = await deletePage(app.database, id);
    const title = page.snapshots > 0 ? 'This report cannot be deleted' : `Delete ${page.report.title}`;
    return reply.code(status).render('pages/reports/delete.njk', { title, page, errors });
  };

  app.get('/reports/:id/delete', { config: { access: 'report.delete' } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    return deleteView(reply, id, noErrors());
  });

  app.post('/reports/:id/delete', { config: { access: 'report.delete' } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const version = z.coerce.number().int().nonnegative().safeParse(body.version);
    if (!version.success) return deleteView(reply, id, pageError('The report was not deleted: reload the page and try again'), 400);
    try {
      await deleteStoredReport(app.database, request.user!, id, version.data);
    } catch (error) {
      if (error instanceof ConflictError && error.code === 'RECORD_CHANGED') {
        // The page comes back with the report as it is now, so what would be lost is what is shown.
        return deleteView(reply, id, pageError('Someone changed this report after you opened this page, so it was not deleted. Check what it holds now before deleting it'), 409);
      }
      if (error instanceof ConflictError && error.code === 'REPORT_HAS_SNAPSHOTS') return deleteView(reply, id, noErrors(), 409);
      throw error;
    }
    return reply.redirect('/reports?done=deleted');
  });

  app.get('/reports/:id/snapshots/:snapshotId.:format', { config: { access } }, async (request, reply) => {
    const { id, snapshotId, format } = snapshotParams.parse(request.params);
    return send(reply, await snapshotFile(app.database, request.user!, id, snapshotId, format));
  });

  // One row per review, by child: for the roles that see the report's lists of children (decision 11).
  app.get('/reports/:id/review-timeliness.csv', { config: { access: 'report.childLists' } }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    return send(reply, await currentReviewTimelinessFile(app.database, request.user!, id));
  });

  // The children and records behind one count of the report: they name children (decision 11).
  app.get('/reports/:id/figures/:tableId/:rowKey/:columnKey', { config: { access: 'report.childLists' } }, async (request, reply) => {
    const { id, ...ref } = figureParams.parse(request.params);
    const { page } = pageQuery.parse(request.query ?? {});
    const shown = await figurePage(app.database, request.user!, id, ref, { page: page ?? 1 });
    const url = figureUrl(id, ref);
    const heading = shown.figure.countsRecords ? 'Records behind the figure' : 'Children behind the figure';
    return reply.render('pages/reports/figure.njk', {
      title: `${heading}: ${shown.figure.rowLabel}, ${shown.figure.columnLabel}`,
      heading,
      id,
      shown,
      // Back to the count followed, so a keyboard user carries on from it.
      reportHref: `/reports/${id}#${figureLinkId(url)}`,
      csvHref: `${url}/children.csv`,
      // The first page is the figure's own address, so the report's link and page 1 are one page.
      pagination: pagination(shown.page, shown.pages, (n) => (n === 1 ? url : `${url}?page=${n}`)),
    });
  });

  app.get('/reports/:id/figures/:tableId/:rowKey/:columnKey/children.csv', { config: { access: 'report.childLists' } }, async (request, reply) => {
    const { id, ...ref } = figureParams.parse(request.params);
    return send(reply, await figureFile(app.database, request.user!, id, ref));
  });

  app.get('/reports/:id/download.:format', { config: { access } }, async (request, reply) => {
    const { id, format } = downloadParams.parse(request.params);
    return send(reply, await currentReportFile(app.database, request.user!, id, format));
  });
}
