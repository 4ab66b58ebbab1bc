// The report as an Excel workbook for analysts: a contents sheet, the narrative, one sheet per section, and
// the long lists (late reviews, data quality, caseloads by IRO, late notifications) each on a sheet of its
// own. Figures are numbers (percentages as fractions shown as %), dates are dates, and every piece of text
// that a spreadsheet could read as a formula is written with a leading apostrophe.

import ExcelJS from 'exceljs';
import { formatUkDate } from '../../domain/dates.ts';
import type { Cell, ReportModel, ReportTable } from '../model/types.ts';
import { NOTHING, documentTitle, paragraphs, snapshotLine } from './format.ts';

/** Text a spreadsheet would treat as a formula (or a DDE command) begins with one of these. */
const FORMULA_START = /^[=+\-@\t\r|]/;

export function safeText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * A name a spreadsheet accepts: no [ ] : * ? / \ ' and at most 31 characters. A longer name is cut after its
 * last whole word that fits ("Dispute resolution and", not "Dispute resolution and complime"); the contents
 * sheet gives every section's full title.
 */
function allowedSheetName(wanted: string): string {
  const name = wanted.replace(/[[\]:*?/\\']/g, ' ').replace(/\s+/g, ' ').trim();
  if (name.length <= 31) return name || 'Sheet';
  // A space just after the 31st character means the first 31 end with a whole word.
  const lastSpace = name.slice(0, 32).lastIndexOf(' ');
  return (lastSpace >= 12 ? name.slice(0, lastSpace) : name.slice(0, 31)).trim();
}

/** The spreadsheet sheet a list table is written to, before any number added to tell two apart. */
export function listSheetName(table: ReportTable): string {
  return allowedSheetName(LIST_SHEET_NAMES[table.id] ?? table.caption.split(',')[0] ?? table.id);
}

const LIST_SHEET_NAMES: Record<string, string> = {
  'timeliness.late-reviews': 'Late reviews',
  'data-quality.issues': 'Data quality list',
  'caseloads.by-iro': 'Caseloads by IRO',
  'notification.late-list': 'Late notifications',
  'consultation.advocates': 'Advocates asked for',
};

/** Sheets of sections whose titles are longer than a sheet name can be: short names of their own, not cut. */
const SECTION_SHEET_NAMES: Record<string, string> = {
  entrants: 'Started to be looked after',
  leavers: 'Stopped being looked after',
  'dispute-resolution': 'Disputes and compliments',
  rearrangements: 'Rearranged and cancelled',
};

function sheetName(wanted: string, used: Set<string>): string {
  const base = allowedSheetName(wanted);
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n += 1) name = `${base.slice(0, 28)} ${n}`;
  used.add(name.toLowerCase());
  return name;
}

function dateValue(iso: string): Date {
  return new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))));
}

function writeCell(target: ExcelJS.Cell, cell: Cell | undefined): void {
  if (!cell) return;
  switch (cell.type) {
    case 'text':
      target.value = safeText(cell.text);
      return;
    case 'count':
      target.value = cell.value;
      target.numFmt = '0';
      return;
    case 'percent':
      if (cell.value === null) target.value = NOTHING;
      else {
        target.value = cell.value / 100;
        target.numFmt = '0.0%';
      }
      return;
    case 'number':
      if (cell.value === null) target.value = NOTHING;
      else {
        target.value = cell.value;
        target.numFmt = cell.decimals > 0 ? `0.${'0'.repeat(cell.decimals)}` : '0';
      }
      return;
    case 'date':
      if (cell.value === null) target.value = NOTHING;
      else {
        target.value = dateValue(cell.value);
        target.numFmt = 'dd/mm/yyyy';
      }
      return;
    case 'not_recorded':
      target.value = 'Not recorded';
      return;
  }
}

function addText(sheet: ExcelJS.Worksheet, text: string, style: Partial<ExcelJS.Font> = {}): void {
  const r = sheet.addRow([safeText(text)]);
  r.getCell(1).font = style;
  r.getCell(1).alignment = { wrapText: false };
}

function addTable(sheet: ExcelJS.Worksheet, table: ReportTable): void {
  addText(sheet, table.caption, { bold: true, size: 12 });
  const header = sheet.addRow(table.columns.map((c) => safeText(c.label)));
  header.eachCell((c) => {
    c.font = { bold: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F2F1' } };
    c.alignment = { wrapText: true, vertical: 'top' };
  });
  for (const r of table.rows) {
    const row = sheet.addRow([]);
    r.cells.forEach((cell, i) => writeCell(row.getCell(i + 1), cell));
  }
  if (table.rows.length === 0) addText(sheet, 'None');
  for (const r of table.totals) {
    const row = sheet.addRow([]);
    r.cells.forEach((cell, i) => writeCell(row.getCell(i + 1), cell));
    row.font = { bold: true };
  }
  for (const note of table.notes) addText(sheet, note, { italic: true, size: 9 });
  sheet.addRow([]);
}

function setWidths(sheet: ExcelJS.Worksheet, first: number): void {
  sheet.getColumn(1).width = first;
  for (let i = 2; i <= 12; i += 1) sheet.getColumn(i).width = 16;
}

export async function renderXlsx(model: ReportModel): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  // Fixed metadata, so the workbook does not carry the time it was made.
  workbook.creator = model.authorityName;
  workbook.lastModifiedBy = model.authorityName;
  workbook.created = dateValue(model.period.to);
  workbook.modified = dateValue(model.period.to);
  workbook.title = documentTitle(model);
  const used = new Set<string>();
  const contents = workbook.addWorksheet(sheetName('Contents', used));
  setWidths(contents, 70);
  addText(contents, model.authorityName, { size: 12 });
  addText(contents, documentTitle(model), { bold: true, size: 16 });
  addText(contents, `Reporting period: ${formatUkDate(model.period.from)} to ${formatUkDate(model.period.to)}`);
  const version = snapshotLine(model);
  if (version) addText(contents, `Version: ${version}`);
  if (model.comparisonPeriods.length) addText(contents, `Compared with: ${model.comparisonPeriods.map((p) => p.label).join(', ')}`);
  contents.addRow([]);
  addText(contents, 'Sheets', { bold: true });

  const sheetTitles: string[] = [];
  const n = model.narrative;
  if (n && (n.executiveSummary || n.previousPriorities?.length || n.actionPlan?.length)) {
    const sheet = workbook.addWorksheet(sheetName('Narrative', used));
    sheetTitles.push(sheet.name);
    setWidths(sheet, 60);
    if (n.executiveSummary) {
      addText(sheet, 'Executive summary', { bold: true, size: 14 });
      for (const p of paragraphs(n.executiveSummary)) addText(sheet, p);
      sheet.addRow([]);
    }
    if (n.previousPriorities?.length) {
      addText(sheet, 'Updates on the last report’s priorities', { bold: true, size: 14 });
      sheet.addRow(['Priority', 'Update']).font = { bold: true };
      for (const p of n.previousPriorities) sheet.addRow([safeText(p.priority), safeText(p.update)]);
      sheet.addRow([]);
    }
    if (n.actionPlan?.length) {
      addText(sheet, 'Appendix 1: Action plan', { bold: true, size: 14 });
      sheet.addRow(['Priority', 'Area for development', 'Outcome for children', 'Lead', 'Timescale']).font = { bold: true };
      for (const a of n.actionPlan) sheet.addRow([a.priority, a.areaForDevelopment, a.outcomeForChildren, a.lead, a.timescale].map(safeText));
    }
  }

  for (const section of model.sections) {
    const sheet = workbook.addWorksheet(sheetName(SECTION_SHEET_NAMES[section.id] ?? section.title, used));
    sheetTitles.push(sheet.name);
    setWidths(sheet, 60);
    addText(sheet, section.title, { bold: true, size: 14 });
    for (const s of section.summary) addText(sheet, s);
    const commentary = paragraphs(n?.sectionCommentary?.[section.id]);
    for (const p of commentary) addText(sheet, p, { italic: true });
    sheet.addRow([]);
    for (const table of section.tables.filter((t) => t.kind === 'summary')) addTable(sheet, table);
    for (const table of section.tables.filter((t) => t.kind === 'list')) {
      const list = workbook.addWorksheet(sheetName(listSheetName(table), used));
      sheetTitles.push(list.name);
      setWidths(list, 18);
      addTable(list, table);
      list.views = [{ state: 'frozen', ySplit: 2 }];
    }
  }
  for (const title of sheetTitles) addText(contents, title);
  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}
