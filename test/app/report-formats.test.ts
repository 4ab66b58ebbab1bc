// One report in every format carries the same figures: the JSON's headline figures and its tables, the web
// page's tables, the Word document's tables (read from its XML) and the spreadsheet's cells (read back with
// exceljs). No child's name reaches any of them. The Word document converts to PDF with LibreOffice, as a
// council converts it for committee papers. On SQLite and PostgreSQL.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateReport } from '../../src/app/report.ts';
import type { ReportFormat, ReportModel, ReportTable } from '../../src/reports/index.ts';
import { escapeHtml } from '../../src/reports/render/html.ts';
import { formatCell } from '../../src/reports/render/format.ts';
import { unzip } from '../reports/zip.ts';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { FAMILY_NAME, GIVEN_NAME, PERIOD, seedReportRegister } from './report-support.ts';

const CURRENT = `period:${PERIOD.from}`;

/** JSON path of a headline figure, and the table cell it comes from. */
const FIGURES: [string, string, string, string][] = [
  ['reviews.held', 'timeliness.reviews', 'held', CURRENT],
  ['reviews.inTimescale', 'timeliness.reviews', 'in_time', CURRENT],
  ['reviews.outOfTimescale', 'timeliness.reviews', 'late', CURRENT],
  ['reviews.percentInTimescale', 'timeliness.reviews', 'share', CURRENT],
  ['participation.byCode.PN0', 'participation.codes', 'PN0', 'count'],
  ['participation.byCode.PN1', 'participation.codes', 'PN1', 'count'],
  ['participation.byCode.PN6', 'participation.codes', 'PN6', 'count'],
  ['participation.byCode.PN7', 'participation.codes', 'PN7', 'count'],
  ['participation.contributedPercent', 'participation.measures', 'contributed_share', CURRENT],
  ['participation.attendedPercent', 'participation.measures', 'attended_share', CURRENT],
  ['population.lookedAfterAtEnd', 'key-figures.summary', 'looked_after', CURRENT],
  ['entrants.total', 'key-figures.summary', 'started', CURRENT],
  ['leavers.total', 'key-figures.summary', 'stopped', CURRENT],
  ['leavers.byReason.E11', 'leavers.reason', 'E11', 'count'],
  ['caseload.iros', 'caseloads.summary', 'iros', 'value'],
  ['caseload.fte', 'caseloads.summary', 'fte', 'value'],
];

function at(json: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], json);
}

function tableOf(model: ReportModel, id: string): ReportTable {
  const t = model.sections.flatMap((s) => s.tables).find((x) => x.id === id);
  if (!t) throw new Error(`no table ${id}`);
  return t;
}

/** A cell as every format should show it: the table's caption, the row's and column's labels, the value and its text. */
function expected(model: ReportModel, tableId: string, rowKey: string, columnKey: string) {
  const table = tableOf(model, tableId);
  const row = [...table.rows, ...table.totals].find((r) => r.key === rowKey)!;
  const column = table.columns.findIndex((c) => c.key === columnKey);
  const cell = row.cells[column]!;
  const label = row.cells[0]!.type === 'text' ? row.cells[0]!.text : '';
  const number = cell.type === 'count' || cell.type === 'percent' || cell.type === 'number' ? cell.value : null;
  return { table, label, column, columnLabel: table.columns[column]!.label, number, text: formatCell(cell), percent: cell.type === 'percent' };
}

function htmlCell(html: string, tableId: string, rowLabel: string, column: number): string {
  const start = html.indexOf(`id="table-${tableId}"`);
  const table = html.slice(start, html.indexOf('</table>', start));
  const row = table.slice(table.indexOf(`>${escapeHtml(rowLabel)}</th>`));
  const cells = [...row.slice(0, row.indexOf('</tr>')).matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]!);
  return cells[column - 1] ?? '';
}

const xmlText = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!).join('');
const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

function docxCell(xml: string, caption: string, rowLabel: string, column: number): string {
  const start = xml.indexOf('<w:tbl>', xml.indexOf(`>${escapeHtml(caption).replace(/&#39;/g, '&apos;')}</w:t>`));
  const table = xml.slice(start, xml.indexOf('</w:tbl>', start));
  for (const row of table.split('<w:tr').slice(1)) {
    const cells = row.split('<w:tc>').slice(1).map((c) => unescapeXml(xmlText(c)));
    if (cells[0] === rowLabel) return cells[column] ?? '';
  }
  return `no row ${rowLabel}`;
}

function xlsxCell(workbook: ExcelJS.Workbook, caption: string, rowLabel: string, columnLabel: string): unknown {
  for (const sheet of workbook.worksheets) {
    for (let r = 1; r <= sheet.rowCount; r += 1) {
      if (sheet.getRow(r).getCell(1).value !== caption) continue;
      const header = sheet.getRow(r + 1);
      let column = 0;
      header.eachCell((c, i) => {
        if (c.value === columnLabel) column = i;
      });
      for (let d = r + 2; d <= sheet.rowCount && sheet.getRow(d).getCell(1).value !== null; d += 1) {
        if (sheet.getRow(d).getCell(1).value === rowLabel) return sheet.getRow(d).getCell(column).value;
      }
    }
  }
  return `no cell ${caption} / ${rowLabel}`;
}

describe.each(DIALECTS)('one report in every format (%s)', (dialect) => {
  let database: TestDatabase;
  const files = {} as Record<ReportFormat, Buffer | string>;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await seedReportRegister(database);
    const narrative = { executiveSummary: 'The narrative, in every format.' };
    for (const format of ['html', 'docx', 'xlsx', 'json'] as const) files[format] = (await generateReport(database, { ...PERIOD, format }, narrative)).file.body;
  });
  afterAll(async () => {
    await database.destroy();
  });

  it('has the documented headline figures in the JSON, agreeing with its tables', () => {
    const json = JSON.parse(files.json.toString()) as ReportModel;
    expect(at(json, 'period.from')).toBe(PERIOD.from);
    expect(at(json, 'period.to')).toBe(PERIOD.to);
    for (const [dotted, tableId, rowKey, columnKey] of FIGURES) {
      const cell = expected(json, tableId, rowKey, columnKey);
      expect(at(json, dotted), dotted).toBe(cell.number);
      expect(typeof at(json, dotted), dotted).toBe('number');
    }
    expect(Object.keys(at(json, 'participation.byCode') as object)).toEqual(['PN0', 'PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7']);
    expect(at(json, 'leavers.byReason.E11')).toBe(1);
    expect(at(json, 'reviews.held')).toBe((at(json, 'reviews.inTimescale') as number) + (at(json, 'reviews.outOfTimescale') as number));
  });

  it('shows the same figures in the web page, the Word document and the spreadsheet', async () => {
    const json = JSON.parse(files.json.toString()) as ReportModel;
    const html = files.html as string;
    const docx = unzip(files.docx as Buffer).get('word/document.xml')!.toString('utf8');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(files.xlsx as Buffer as unknown as ArrayBuffer);
    for (const [dotted, tableId, rowKey, columnKey] of FIGURES) {
      const cell = expected(json, tableId, rowKey, columnKey);
      expect(htmlCell(html, tableId, cell.label, cell.column), `${dotted} in the web page`).toBe(escapeHtml(cell.text));
      expect(docxCell(docx, cell.table.caption, cell.label, cell.column), `${dotted} in Word`).toBe(cell.text);
      const sheetValue = xlsxCell(workbook, cell.table.caption, cell.label, cell.columnLabel);
      expect(sheetValue, `${dotted} in the spreadsheet`).toBe(cell.percent && cell.number !== null ? cell.number / 100 : cell.number);
    }
    expect(html).toContain('The narrative, in every format.');
    expect(xmlText(docx)).toContain('The narrative, in every format.');
  });

  it('names no child in any format: children are shown by identifier only', () => {
    const texts = {
      html: files.html as string,
      json: files.json.toString(),
      docx: [...unzip(files.docx as Buffer).values()].map((b) => b.toString('utf8')).join('\n'),
      xlsx: [...unzip(files.xlsx as Buffer).values()].map((b) => b.toString('utf8')).join('\n'),
    };
    for (const [format, text] of Object.entries(texts)) {
      expect(text, format).not.toContain(FAMILY_NAME);
      expect(text, format).not.toContain(GIVEN_NAME);
    }
    // The children behind the counts are there, by identifier.
    expect(texts.json).toContain('"B2"');
    expect(texts.html).toContain('>B2<');
  });
});

describe('the Word document converts to PDF', () => {
  const run = promisify(execFile);
  const installed = ['/usr/bin/libreoffice', '/usr/local/bin/libreoffice'].some((p) => fs.existsSync(p));
  // On a developer's machine without LibreOffice the test is skipped; in CI it always runs.
  it.skipIf(!installed && !process.env.CI)('with libreoffice --headless --convert-to pdf', async () => {
    const database = await createTestDatabase('sqlite');
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'iro-pdf-'));
    try {
      await seedReportRegister(database);
      const { file } = await generateReport(database, { ...PERIOD, format: 'docx' }, { executiveSummary: 'For committee.' });
      const docx = path.join(folder, file.fileName);
      fs.writeFileSync(docx, file.body);
      // A profile of its own, so a LibreOffice already open on the machine does not take the job.
      const profile = `-env:UserInstallation=file://${path.join(folder, 'profile')}`;
      await run('libreoffice', [profile, '--headless', '--convert-to', 'pdf', '--outdir', folder, docx], { timeout: 180_000 });
      const pdf = fs.readFileSync(docx.replace(/\.docx$/, '.pdf'));
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // Every section's tables and charts run to several pages.
      expect((pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length).toBeGreaterThan(5);
    } finally {
      await database.destroy();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
