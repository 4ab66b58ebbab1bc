// How a cell of the report reads on the page, the same in every format: percentages to one decimal place
// (none when whole), dates as dd/mm/yyyy, a dash for nothing to show, and "Not recorded" kept apart from zero.

import { formatUkDate } from '../../domain/dates.ts';
import type { Cell, ReportChart, ReportModel, ReportSection, ReportTable } from '../model/types.ts';

export const NOTHING = '–';

const GENERATED_AT = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** "12 March 2024 at 14:05", in England's time; the text given when it is not a timestamp. */
export function formatGeneratedAt(timestamp: string): string {
  const date = new Date(timestamp);
  return Number.isNaN(date.getTime()) ? timestamp : GENERATED_AT.format(date);
}

/** What a snapshot's files say about it: 'Snapshot 3, “For panel”, generated 12 March 2024 at 14:05'; null for a report as it is now. */
export function snapshotLine(model: Pick<ReportModel, 'snapshot'>): string | null {
  const s = model.snapshot;
  if (!s) return null;
  return `Snapshot ${s.id}${s.label ? `, “${s.label}”` : ''}, generated ${formatGeneratedAt(s.generatedAt)}: the figures and narrative as they were then`;
}

/**
 * The title a document shows: the report's own ("Annual report 2023-24", or whatever the manager named it) with
 * the period after it, unless the title already says which period it is.
 */
export function documentTitle(model: Pick<ReportModel, 'title' | 'period'>): string {
  return model.title.includes(model.period.label) ? model.title : `${model.title}, ${model.period.label}`;
}

export function formatPercent(value: number | null): string {
  if (value === null) return NOTHING;
  return `${Number.isInteger(value) ? value : value.toFixed(1)}%`;
}

export function formatCell(cell: Cell | undefined): string {
  if (!cell) return '';
  switch (cell.type) {
    case 'text':
      return cell.text;
    case 'count':
      return String(cell.value);
    case 'percent':
      return formatPercent(cell.value);
    case 'number':
      return cell.value === null ? NOTHING : cell.value.toFixed(cell.decimals);
    case 'date':
      return cell.value === null ? NOTHING : formatUkDate(cell.value);
    case 'not_recorded':
      return 'Not recorded';
  }
}

/** Cells right-aligned in tables: figures and the dash or "not recorded" in their place. */
export function isNumericCell(cell: Cell | undefined): boolean {
  return cell !== undefined && (cell.type === 'count' || cell.type === 'percent' || cell.type === 'number' || cell.type === 'not_recorded');
}

export function isNumericColumn(table: ReportTable, index: number): boolean {
  const kind = table.columns[index]?.kind;
  return kind === 'count' || kind === 'percent' || kind === 'number';
}

/** Paragraphs of narrative text: separated by blank lines, single line breaks kept as spaces. */
export function paragraphs(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.replace(/\s*\r?\n\s*/g, ' ').trim())
    .filter((p) => p.length > 0);
}

/**
 * A section's tables and charts in the order a document shows them: the tables in the section's order, each
 * charted one with its chart; a chart whose table the section does not hold comes last, alone.
 */
export function sectionParts(section: ReportSection): { chart?: ReportChart; table?: ReportTable }[] {
  const parts: { chart?: ReportChart; table?: ReportTable }[] = section.tables.map((table) => {
    const chart = section.charts.find((c) => c.tableId === table.id);
    return chart ? { chart, table } : { table };
  });
  for (const chart of section.charts) if (!section.tables.some((t) => t.id === chart.tableId)) parts.push({ chart });
  return parts;
}
