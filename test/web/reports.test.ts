// The report pages over HTTP: who may reach them, starting a report for a period, its figures in the page,
// each count leading a manager to the children behind it, the narrative form (blank rows ignored, a row filled in
// part named, a stale version refused), snapshots that stay as generated, and downloads with their names and
// types. No child's name in any page or file.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createAccount } from '../../src/app/accounts.ts';
import { kyselyOf } from '../../src/db/connection.ts';
import { addStaff } from '../../src/db/staff.ts';
import type { StaffRole } from '../../src/domain/register.ts';
import { buildServer } from '../../src/web/server.ts';
import { figureLinkId } from '../../src/reports/index.ts';
import { unzip } from '../reports/zip.ts';
import { FAMILY_NAME, GIVEN_NAME, TODAY, seedReportRegister } from '../app/report-support.ts';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { WebClient } from '../support/web-client.ts';

const PASSWORD = 'correct horse battery';

describe.each(DIALECTS)('the report pages (%s)', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let reportUrl = '';
  const signedIn = async (who: string) => {
    const client = new WebClient(app);
    expect((await client.signIn(`${who}@test.example`, PASSWORD)).statusCode).toBe(302);
    return client;
  };

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await seedReportRegister(database);
    const admin = await addStaff(database, { name: 'Ada Admin', email: 'admin@test.example', role: 'administrator', team: null, fte: 1, active: true });
    const people: [string, string, StaffRole][] = [
      ['ivy', 'Ivy Reviewer', 'iro'],
      ['mo', 'Morgan Manager', 'iro_manager'],
      ['ana', 'Ana Lyst', 'analyst'],
      ['hos', 'Hana Head', 'head_of_service'],
    ];
    for (const [key, name, role] of people) await createAccount(database, admin.id, { name, email: `${key}@test.example`, role, team: null, fte: 1, password: PASSWORD });
    app = await buildServer({ database, today: () => TODAY, signInRateLimit: 1000 });
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('is for IRO managers, heads of service and analysts, not IROs', async () => {
    expect((await (await signedIn('ivy')).get('/reports')).statusCode).toBe(403);
    for (const who of ['mo', 'ana', 'hos']) {
      const page = await (await signedIn(who)).get('/reports');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<a class="govuk-service-navigation__link" href="/reports"');
    }
    const ivyHome = await (await signedIn('ivy')).get('/caseload');
    expect(ivyHome.body).not.toContain('href="/reports"');
  });

  it('starts a report for a quick choice of period, or says what is wrong with the dates given', async () => {
    const mo = await signedIn('mo');
    const list = await mo.get('/reports');
    expect(list.body).toContain('Last financial year: 2023-24');
    expect(list.body).toContain('Last six months: Oct 2023 – Mar 2024');
    expect(list.body).toContain('Last quarter: Jan–Mar 2024');
    const none = await mo.post('/reports', {});
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Select the period the report covers, or enter its dates');
    const custom = await mo.post('/reports', { period: 'custom', 'from-day': '1', 'from-month': '4', 'from-year': '2023', 'to-day': '31', 'to-month': '2', 'to-year': '2024' });
    expect(custom.statusCode).toBe(400);
    expect(custom.body).toContain('href="#to-day">The end date must be a real date');
    // A box left empty is named, linked to and highlighted alone.
    const noMonth = await mo.post('/reports', { period: 'custom', 'from-day': '1', 'from-month': '', 'from-year': '2023', 'to-day': '31', 'to-month': '3', 'to-year': '2024' });
    expect(noMonth.body).toContain('href="#from-month">The start date must include a month');
    expect(noMonth.body).toMatch(/class="govuk-input govuk-date-input__input govuk-input--error[^"]*" id="from-month"/);
    expect(noMonth.body).toMatch(/class="govuk-input govuk-date-input__input govuk-input--width-2" id="from-day"/);
    const future = await mo.post('/reports', { period: 'custom', 'from-day': '1', 'from-month': '4', 'from-year': '2024', 'to-day': '31', 'to-month': '3', 'to-year': '2025' });
    expect(future.body).toContain('The end date must be today or in the past');
    const started = await mo.post('/reports', { period: 'financial_year' });
    expect(started.statusCode).toBe(302);
    reportUrl = String(started.headers.location);
    expect(reportUrl).toMatch(/^\/reports\/\d+$/);
  });

  it('shows the figures in the page, by child identifier, never by name', async () => {
    for (const who of ['mo', 'ana']) {
      const page = await (await signedIn(who)).get(reportUrl);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<h1 class="govuk-heading-l">Annual report 2023-24</h1>');
      expect(page.body).toContain('id="table-timeliness.reviews"');
      expect(page.body).toMatch(/<svg role="img"/);
      // The report's own layout rules come with the page's nonce, as the security policy asks.
      expect(page.body).toMatch(/<style nonce="[^"]+">\n\.app-table-wrapper\{/);
      // The late reviews name children for a manager; an analyst sees the figures, the list emptied and why.
      if (who === 'mo') expect(page.body).toContain('>B2<');
      else {
        expect(page.body).not.toContain('>B2<');
        expect(page.body).toContain('The children are listed for IRO managers and heads of service only.');
      }
      expect(page.body).not.toContain(FAMILY_NAME);
      expect(page.body).not.toContain(GIVEN_NAME);
    }
  });

  // Worked out from the register (test/app/report-support.ts), not read from the report: of the thirty shared
  // children, every eleventh (C00001, C00012, C00023) is an unaccompanied asylum-seeking child, and all thirty are
  // still looked after on 31 March 2024; every fifth (C00001, C00006, …, C00026) had its first review rearranged
  // once, on 20 April 2023. The two children of their own are neither; B2 is looked after on 31 March, L1 left in
  // February, so 31 children are looked after at the end.
  const UASC_AT_END = ['C00001', 'C00012', 'C00023'];
  const REARRANGED = ['C00001', 'C00006', 'C00011', 'C00016', 'C00021', 'C00026'];
  const CURRENT = 'period:2023-04-01';
  const figureUrl = (tableId: string, rowKey: string, columnKey: string) => `${reportUrl}/figures/${tableId}/${encodeURIComponent(rowKey)}/${encodeURIComponent(columnKey)}`;
  /** The rows of a figure's list as the page shows them: each child's identifier (and the date, for records). */
  const listed = (body: string) =>
    [...body.matchAll(/<tr class="govuk-table__row">\s*<td class="govuk-table__cell"><a class="govuk-link" href="\/children\/([^"]+)">\1<\/a><\/td>\s*(?:<td class="govuk-table__cell">([^<]*)<\/td>)?/g)].map(
      (m) => (m[2] === undefined ? m[1]! : `${m[1]!} ${m[2]}`),
    );

  it('links each count above zero to the children behind it, for managers and heads of service only', async () => {
    const uasc = figureUrl('population.uasc', 'uasc', CURRENT);
    for (const who of ['mo', 'hos']) {
      const page = await (await signedIn(who)).get(reportUrl);
      expect(page.body).toContain(
        `<a class="govuk-link" id="${figureLinkId(uasc)}" href="${uasc}">3<span class="govuk-visually-hidden">, the list behind this figure: Unaccompanied asylum-seeking children, 2023-24</span></a>`,
      );
      // Totals too; a zero, a percentage and a row's label are never links.
      expect(page.body).toContain(`href="${figureUrl('population.uasc', 'total', CURRENT)}"`);
      expect(page.body).not.toContain(`href="${figureUrl('population.uasc', 'uasc', 'share')}"`);
      expect(page.body).not.toContain(`href="${figureUrl('population.uasc', 'uasc', 'label')}"`);
      expect(page.body).not.toMatch(/\/figures\/[^"]+">0<span/);
      expect(page.body).toContain('Select a figure to see the children or records behind it.');
      expect(page.body.match(/<a class="govuk-link" id="figure-[\w-]+" href="\/reports\/\d+\/figures\//g)!.length).toBeGreaterThan(100);
    }
    const analyst = await (await signedIn('ana')).get(reportUrl);
    expect(analyst.body).not.toContain('Select a figure');
    expect(analyst.body).toContain('id="table-population.uasc"');
    expect(analyst.body).not.toContain('/figures/');
    expect(analyst.body).not.toContain('the list behind this figure');
    expect((await (await signedIn('ana')).get(uasc)).statusCode).toBe(403);
    expect((await (await signedIn('ana')).get(`${uasc}/children.csv`)).statusCode).toBe(403);
  });

  it('lists the children behind a figure, each leading to their record, and writes the view to the audit trail', async () => {
    const mo = await signedIn('mo');
    const page = await mo.get(figureUrl('population.uasc', 'uasc', CURRENT));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="govuk-heading-l">Children behind the figure</h1>');
    expect(page.body).toContain('Annual report 2023-24');
    expect(page.body).toContain('1 April 2023 to 31 March 2024 (2023-24)');
    expect(page.body).toContain('Unaccompanied asylum-seeking children (UASC) looked after at the end of the period');
    expect(page.body).toMatch(/Figure\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*3\s*<\/dd>/);
    // The year-on-year column counts its own period.
    expect(page.body).toMatch(/Period counted\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*1 April 2023 to 31 March 2024 \(2023-24\)\s*<\/dd>/);
    expect(listed(page.body)).toEqual(UASC_AT_END);
    expect(page.body).not.toContain(FAMILY_NAME);
    expect(page.body).not.toContain(GIVEN_NAME);
    // Back to the count followed, which the report's page marks with that id.
    const uasc = figureUrl('population.uasc', 'uasc', CURRENT);
    expect(page.body).toContain(`href="${reportUrl}#${figureLinkId(uasc)}"`);
    const audit = await kyselyOf(database).selectFrom('audit_event').select(['action', 'entity', 'entity_id', 'detail']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'view', entity: 'report', entity_id: reportUrl.split('/')[2] });
    expect(JSON.parse(audit.detail ?? '{}')).toEqual({ figure: 'population.uasc', row: 'uasc', column: CURRENT });
    expect((await mo.get(reportUrl)).body).toContain(`id="${figureLinkId(uasc)}" href="${uasc}"`);
    // The child's record opens from the identifier.
    expect((await mo.get('/children/C00012')).statusCode).toBe(200);

    // The same children behind the total of its table, and behind the figure in a head of service's hands.
    const total = await (await signedIn('hos')).get(figureUrl('population.uasc', 'total', CURRENT));
    expect(total.statusCode).toBe(200);
    expect(listed(total.body)).toEqual(expect.arrayContaining(UASC_AT_END));
    expect(listed(total.body)).toHaveLength(31);
  });

  it('lists the records behind a count of records, one row each with its child and date, and downloads them', async () => {
    const mo = await signedIn('mo');
    const url = figureUrl('rearrangements.summary', 'rearrangements', CURRENT);
    const page = await mo.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="govuk-heading-l">Records behind the figure</h1>');
    expect(page.body).toContain('6 records of 6 children');
    // A page number however large shows the last page; one that is not a number, the first.
    for (const page of ['99999999999999999999', '1' + '0'.repeat(400), 'abc', '0']) expect((await mo.get(`${url}?page=${page}`)).statusCode).toBe(200);
    expect(listed(page.body)).toEqual(REARRANGED.map((id) => `${id} 20 April 2023`));
    expect(page.body).toContain(`href="${url}/children.csv"`);
    const csv = await mo.get(`${url}/children.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="iro-report-figure-2023-24-rearrangements-summary-rearrangements-period-2023-04-01.csv"');
    expect(csv.body.trimEnd().split('\n')).toEqual(['Child,Date', ...REARRANGED.map((id) => `${id},2023-04-20`)]);
    const children = await mo.get(`${figureUrl('population.uasc', 'uasc', CURRENT)}/children.csv`);
    expect(children.body.trimEnd().split('\n')).toEqual(['Child', ...UASC_AT_END]);
    const audit = await kyselyOf(database).selectFrom('audit_event').select(['action', 'detail']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.action).toBe('export');
    expect(JSON.parse(audit.detail ?? '{}')).toEqual({ figure: 'population.uasc', row: 'uasc', column: CURRENT, format: 'csv' });
  });

  it('says a figure that is not in the report is not found', async () => {
    const mo = await signedIn('mo');
    for (const url of [
      figureUrl('population.nothing', 'uasc', CURRENT),
      figureUrl('nothing.uasc', 'uasc', CURRENT),
      figureUrl('population', 'uasc', CURRENT),
      figureUrl('population.uasc', 'nobody', CURRENT),
      figureUrl('population.uasc', 'uasc', 'period:1999-04-01'),
      // The row's label and a percentage are not counts.
      figureUrl('population.uasc', 'uasc', 'label'),
      figureUrl('population.uasc', 'uasc', 'share'),
      `/reports/99999/figures/population.uasc/uasc/${encodeURIComponent(CURRENT)}`,
      `${figureUrl('population.uasc', 'nobody', CURRENT)}/children.csv`,
    ]) {
      const page = await mo.get(url);
      expect(page.statusCode, url).toBe(404);
      expect(page.body).toContain('Page not found');
    }
  });

  it('saves the narrative: five blank rows offered, a row filled in part named, a stale version refused', async () => {
    const mo = await signedIn('mo');
    const form = await mo.get(`${reportUrl}/narrative`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="action-5-priority"');
    expect(form.body).not.toContain('name="action-6-priority"');
    const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
    const narrative = {
      version,
      title: 'IRO annual report 2023-24',
      reportTo: 'Corporate Parenting Panel',
      executiveSummary: 'Reviews were held on time for nearly every child.',
      'action-1-priority': 'Participation',
      'action-1-areaForDevelopment': 'Consultation forms on a phone',
      'action-1-outcomeForChildren': 'Children’s views heard at every review',
      'action-1-lead': 'Service Manager',
      'action-1-timescale': 'March 2025',
      'action-2-priority': 'Timeliness',
    };
    const partial = await mo.post(`${reportUrl}/narrative`, narrative);
    expect(partial.statusCode).toBe(400);
    expect(partial.body).toContain('href="#action-2-lead">Enter the lead for row 2 of the action plan, or clear the row');
    expect(partial.body).toContain('value="Timeliness"');
    const saved = await mo.post(`${reportUrl}/narrative`, { ...narrative, 'action-2-priority': '' });
    expect(saved.statusCode).toBe(302);
    expect(saved.headers.location).toBe(`${reportUrl}?done=narrative`);
    // Saved from a form opened before that save (another tab): refused, with what was typed kept on the form
    // and the saved version now the one a second save replaces.
    const stale = await mo.post(`${reportUrl}/narrative`, { ...narrative, 'action-2-priority': '', title: 'Another title', executiveSummary: 'Written in the other tab.' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('href="#executiveSummary">This narrative was saved by someone else, or in another tab, after you opened it');
    expect(stale.body).toContain('value="Another title"');
    expect(stale.body).toContain('Written in the other tab.');
    const current = /name="version" value="(\d+)"/.exec(stale.body)![1]!;
    expect(Number(current)).toBeGreaterThan(Number(version));
    let page = await mo.get(`${reportUrl}?done=narrative`);
    expect(page.body).toContain('The narrative has been saved');
    expect(page.body).toContain('Reviews were held on time for nearly every child.');
    expect(page.body).not.toContain('Written in the other tab.');
    // Saving it again is the choice to replace the other version.
    const replaced = await mo.post(`${reportUrl}/narrative`, { ...narrative, 'action-2-priority': '', executiveSummary: 'Written in the other tab.', version: current });
    expect(replaced.statusCode).toBe(302);
    page = await mo.get(`${reportUrl}`);
    expect(page.body).toContain('Written in the other tab.');
    await mo.post(`${reportUrl}/narrative`, { ...narrative, 'action-2-priority': '', version: String(Number(current) + 1) });
    page = await mo.get(`${reportUrl}?done=narrative`);
    expect(page.body).toContain('Reviews were held on time for nearly every child.');
    expect(page.body).toContain('Appendix 1: Action plan');
  });

  it('leaves the narrative and the snapshots to managers: an analyst reads them but cannot change them', async () => {
    const ana = await signedIn('ana');
    const page = await ana.get(reportUrl);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(`href="${reportUrl}/narrative"`);
    expect(page.body).not.toContain(`action="${reportUrl}/snapshots"`);
    expect(page.body).toContain('IRO managers and heads of service write the report’s narrative and generate its snapshots.');
    expect((await ana.get(`${reportUrl}/narrative`)).statusCode).toBe(403);
    const before = await kyselyOf(database).selectFrom('report').select(['narrative', 'version']).where('id', '=', Number(reportUrl.split('/')[2])).executeTakeFirstOrThrow();
    expect((await ana.post(`${reportUrl}/narrative`, { title: 'Changed', executiveSummary: 'Not the manager’s words.', version: String(before.version) })).statusCode).toBe(403);
    expect((await ana.post(`${reportUrl}/snapshots`, { label: 'analyst snapshot' })).statusCode).toBe(403);
    const after = await kyselyOf(database).selectFrom('report').select(['narrative', 'version']).where('id', '=', Number(reportUrl.split('/')[2])).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    expect(await kyselyOf(database).selectFrom('report_snapshot').select('id').where('label', '=', 'analyst snapshot').execute()).toEqual([]);
    // A manager has both.
    const manager = await (await signedIn('mo')).get(reportUrl);
    expect(manager.body).toContain(`href="${reportUrl}/narrative"`);
    expect(manager.body).toContain(`action="${reportUrl}/snapshots"`);
  });

  it('downloads the report as it is now in each format, with the narrative in place', async () => {
    const ana = await signedIn('ana');
    const types = {
      html: 'text/html; charset=utf-8',
      docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      json: 'application/json; charset=utf-8',
    };
    for (const [format, type] of Object.entries(types)) {
      const file = await ana.get(`${reportUrl}/download.${format}`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe(type);
      expect(file.headers['content-disposition']).toBe(`attachment; filename="iro-report-999-2023-24.${format}"`);
      expect(file.body).not.toContain(FAMILY_NAME);
    }
    const word = await ana.get(`${reportUrl}/download.docx`);
    expect(unzip(word.rawPayload).get('word/document.xml')!.toString('utf8')).toContain('Reviews were held on time for nearly every child.');
    expect((await ana.get(`${reportUrl}/download.html`)).body).toContain('Consultation forms on a phone');
    expect((await ana.get(`${reportUrl}/download.pdf`)).statusCode).toBe(404);
    expect((await ana.get('/reports/99999/download.json')).statusCode).toBe(404);
  });

  it('downloads the reviews behind the timeliness figures, one row each, and audits it', async () => {
    const mo = await signedIn('mo');
    const json = JSON.parse((await mo.get(`${reportUrl}/download.json`)).body) as { reviews: { held: number; inTimescale: number } };
    const csv = await mo.get(`${reportUrl}/review-timeliness.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="iro-review-timeliness-2023-24.csv"');
    const lines = csv.body.trimEnd().split('\n');
    expect(lines[0]).toBe('Child,Review date,Due date,Within timescale (Y/N),Days late,Participation code,IRO');
    expect(lines).toHaveLength(json.reviews.held + 1);
    expect(lines.filter((l) => l.split(',')[3] === 'Y')).toHaveLength(json.reviews.inTimescale);
    expect(csv.body).not.toContain(FAMILY_NAME);
    expect((await mo.get('/reports/99999/review-timeliness.csv')).statusCode).toBe(404);
    const audit = await kyselyOf(database)
      .selectFrom('audit_event')
      .select(['action', 'entity', 'detail'])
      .where('entity', '=', 'report')
      .where('action', '=', 'export')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail ?? '{}')).toEqual({ format: 'review-timeliness.csv' });
  });

  it('generates a snapshot that downloads exactly as generated after the register changes', async () => {
    const mo = await signedIn('mo');
    await mo.get(reportUrl);
    const generated = await mo.post(`${reportUrl}/snapshots`, { label: 'Presented to Corporate Parenting Panel' });
    expect(generated.statusCode).toBe(302);
    // Back to the top of the report's page, where the banner says so.
    expect(generated.headers.location).toBe(`${reportUrl}?done=snapshot`);
    const page = await mo.get(`${reportUrl}?done=snapshot`);
    expect(page.body).toContain('A snapshot has been generated');
    expect(page.body).toContain('Presented to Corporate Parenting Panel');
    const snapshotId = /\/snapshots\/(\d+)\.json"/.exec(page.body)![1]!;
    const before = await mo.get(`${reportUrl}/snapshots/${snapshotId}.json`);
    expect(before.headers['content-disposition']).toBe(`attachment; filename="iro-report-999-2023-24-snapshot-${snapshotId}.json"`);
    const heldBefore = (JSON.parse(before.body) as { reviews: { held: number } }).reviews.held;

    await kyselyOf(database).updateTable('review').set({ status: 'held', held_date: '2024-01-15', participation_code: 'PN1' }).where('child_id', '=', 'C00008').where('status', '=', 'booked').execute();

    const after = await mo.get(`${reportUrl}/snapshots/${snapshotId}.json`);
    expect(after.body).toBe(before.body);
    const live = JSON.parse((await mo.get(`${reportUrl}/download.json`)).body) as { reviews: { held: number } };
    expect(live.reviews.held).toBe(heldBefore + 1);
    const word = await mo.get(`${reportUrl}/snapshots/${snapshotId}.docx`);
    expect(unzip(word.rawPayload).get('word/document.xml')!.toString('utf8')).toContain('Corporate Parenting Panel');
    expect((await mo.get(`${reportUrl}/snapshots/99999.json`)).statusCode).toBe(404);
    // A report with snapshots is the record of what was presented: it is not offered for deletion, and is kept.
    expect(page.body).not.toContain(`href="${reportUrl}/delete"`);
    const kept = await mo.get(`${reportUrl}/delete`);
    expect(kept.body).toContain('This report cannot be deleted');
    expect(kept.body).not.toContain('Delete report</button>');
    const version = (await kyselyOf(database).selectFrom('report').select('version').where('id', '=', Number(reportUrl.split('/')[2])).executeTakeFirstOrThrow()).version;
    expect((await mo.post(`${reportUrl}/delete`, { version: String(version) })).statusCode).toBe(409);
    expect((await mo.get(reportUrl)).statusCode).toBe(200);
  });

  it('asks before starting a second report for a period, and deletes one started by mistake', async () => {
    const mo = await signedIn('mo');
    // The financial year already has a report: the choice leads to it, not to a copy.
    const again = await mo.post('/reports', { period: 'financial_year' });
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('A report for this period has already been started');
    expect(again.body).toContain(`href="${reportUrl}"`);
    const reports = kyselyOf(database).selectFrom('report').select(['id', 'version']).where('period_from', '=', '2023-04-01').where('period_to', '=', '2024-03-31');
    expect(await reports.execute()).toHaveLength(1);
    // Asked for on purpose (the page's own form), a second one is started.
    const hidden = Object.fromEntries([...again.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].filter((m) => m[1] !== '_csrf').map((m) => [m[1]!, m[2]!]));
    expect(hidden).toMatchObject({ period: 'custom', another: 'yes', 'from-day': '01', 'from-month': '04', 'from-year': '2023', 'to-day': '31', 'to-month': '03', 'to-year': '2024' });
    const second = await mo.post('/reports', hidden);
    expect(second.statusCode).toBe(302);
    const secondUrl = String(second.headers.location);
    expect(secondUrl).not.toBe(reportUrl);
    expect(await reports.execute()).toHaveLength(2);

    // Only managers may delete; an analyst can start reports and download them but not remove them.
    const ana = await signedIn('ana');
    expect((await ana.get(`${secondUrl}/delete`)).statusCode).toBe(403);
    expect((await ana.get(secondUrl)).body).not.toContain(`href="${secondUrl}/delete"`);
    expect((await mo.get(secondUrl)).body).toContain(`href="${secondUrl}/delete"`);
    // The reviews behind the figures list children: not for an analyst, who is told why.
    expect((await ana.get(secondUrl)).body).not.toContain(`href="${secondUrl}/review-timeliness.csv"`);
    expect((await mo.get(secondUrl)).body).toContain(`href="${secondUrl}/review-timeliness.csv"`);
    expect((await ana.get(`${secondUrl}/review-timeliness.csv`)).statusCode).toBe(403);

    const id = Number(secondUrl.split('/')[2]);
    const confirm = await mo.get(`${secondUrl}/delete`);
    expect(confirm.body).toContain('Are you sure you want to delete');
    expect(confirm.body).toContain('No narrative has been written for it');
    // A narrative written meanwhile (another tab) is not deleted unseen.
    const { version } = await kyselyOf(database).selectFrom('report').select('version').where('id', '=', id).executeTakeFirstOrThrow();
    await kyselyOf(database).updateTable('report').set({ narrative: JSON.stringify({ executiveSummary: 'A good year.' }), version: version + 1 }).where('id', '=', id).execute();
    const stale = await mo.post(`${secondUrl}/delete`, { version: String(version) });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone changed this report after you opened this page');
    expect(stale.body).toContain('Its narrative will be deleted too: the executive summary');
    const deleted = await mo.post(`${secondUrl}/delete`, { version: String(version + 1) });
    expect(deleted.statusCode).toBe(302);
    expect(deleted.headers.location).toBe('/reports?done=deleted');
    expect((await mo.get('/reports?done=deleted')).body).toContain('The report has been deleted');
    expect((await mo.get(secondUrl)).statusCode).toBe(404);
    expect(await reports.execute()).toHaveLength(1);
    const audit = await kyselyOf(database).selectFrom('audit_event').select(['action', 'entity_id']).where('entity', '=', 'report').where('action', '=', 'delete').execute();
    expect(audit).toEqual([{ action: 'delete', entity_id: String(id) }]);
  });
});
