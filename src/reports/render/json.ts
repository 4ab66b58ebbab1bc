// The report model as JSON, for analysts and other systems: keys in alphabetical order at every level and a
// fixed layout, so the same model always gives the same text and two reports compare line by line. Lists of
// plain values (the child ids behind a count) stay on one line, and each record ({childId, date}) on a line
// of its own: a large authority's report stays a readable size.
//
// The report file adds, beside the model's sections, a few top-level figures under stable names (reviews,
// participation, population, entrants, leavers, caseload: see docs/report-json.md), so a reader need not
// know the table ids. They are read from the same cells the sections show, so the two always agree.
//
// The text is written in pieces into bytes: a national-sized register gives more JSON than the longest
// string JavaScript can hold.

import { PARTICIPATION_CODE, REASON_EPISODE_CEASED } from '../../domain/codes.ts';
import { periodKey } from '../model/periods.ts';
import type { Cell, ReportModel, ReportTable } from '../model/types.ts';

/** Pieces of text gathered into bytes a few megabytes at a time. */
class Output {
  private readonly parts: Buffer[] = [];
  private pending: string[] = [];
  private size = 0;

  add(text: string): void {
    this.pending.push(text);
    this.size += text.length;
    if (this.size > 8_000_000) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.parts.push(Buffer.from(this.pending.join(''), 'utf8'));
    this.pending = [];
    this.size = 0;
  }

  bytes(): Buffer {
    this.flush();
    return this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object';

function isFlat(value: unknown): boolean {
  if (!isObject(value)) return true;
  if (Array.isArray(value)) return false;
  return Object.values(value).every((v) => !isObject(v));
}

// Objects of one shape (a cell, a record) recur by the million: their keys are sorted once per shape.
const sortedKeys = new Map<string, string[]>();

function keysOf(value: Record<string, unknown>): string[] {
  const own = Object.keys(value);
  const shape = own.join('\u0000');
  let sorted = sortedKeys.get(shape);
  if (sorted === undefined) {
    sorted = [...own].sort();
    if (sortedKeys.size < 1000) sortedKeys.set(shape, sorted);
  }
  return sorted.some((k) => value[k] === undefined) ? sorted.filter((k) => value[k] !== undefined) : sorted;
}

function write(value: unknown, indent: string, out: Output): void {
  if (!isObject(value)) {
    out.add(JSON.stringify(value) ?? 'null');
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return out.add('[]');
    if (value.every((v) => !isObject(v))) return out.add(`[${value.map((v) => JSON.stringify(v) ?? 'null').join(', ')}]`);
    out.add('[\n');
    value.forEach((v, i) => {
      out.add(inner);
      if (isFlat(v)) out.add(compact(v));
      else write(v, inner, out);
      out.add(i < value.length - 1 ? ',\n' : `\n${indent}]`);
    });
    return;
  }
  const keys = keysOf(value);
  if (keys.length === 0) return out.add('{}');
  out.add('{\n');
  keys.forEach((k, i) => {
    out.add(`${inner}${JSON.stringify(k)}: `);
    write(value[k], inner, out);
    out.add(i < keys.length - 1 ? ',\n' : `\n${indent}}`);
  });
}

/** A flat object on one line, keys sorted. */
function compact(value: unknown): string {
  if (!isObject(value)) return JSON.stringify(value) ?? 'null';
  let text = '{';
  for (const k of keysOf(value)) text += `${text.length > 1 ? ', ' : ''}${JSON.stringify(k)}: ${JSON.stringify(value[k])}`;
  return `${text}}`;
}

/** Any value as the report's JSON, in bytes. */
export function renderJsonBuffer(value: unknown): Buffer {
  const out = new Output();
  write(value, '', out);
  out.add('\n');
  return out.bytes();
}

/** Any value as the report's JSON text (for values that fit in a string). */
export function renderJson(value: unknown): string {
  return renderJsonBuffer(value).toString('utf8');
}

function findTable(model: ReportModel, id: string): ReportTable | undefined {
  for (const s of model.sections) for (const t of s.tables) if (t.id === id) return t;
  return undefined;
}

/** The number in a cell (a count, a percentage to one decimal place, a number), or null. */
function figure(table: ReportTable | undefined, rowKey: string, columnKey: string): number | null {
  if (!table) return null;
  const column = table.columns.findIndex((c) => c.key === columnKey);
  const cell: Cell | undefined = [...table.rows, ...table.totals].find((r) => r.key === rowKey)?.cells[column];
  if (!cell || column < 0) return null;
  return cell.type === 'count' || cell.type === 'percent' || cell.type === 'number' ? cell.value : null;
}

/** A count that is zero when the table has no row for it (a code nobody had). */
const count = (table: ReportTable | undefined, rowKey: string, columnKey: string) => figure(table, rowKey, columnKey) ?? (table ? 0 : null);

/**
 * The headline figures of the reporting period under stable names, read from the sections' cells. Counts are
 * whole numbers; percentages are 0 to 100 to one decimal place (as in every format), null when nothing was
 * there to divide by.
 */
export function reportSummary(model: ReportModel) {
  const current = periodKey(model.period);
  const keyFigures = findTable(model, 'key-figures.summary');
  const timeliness = findTable(model, 'timeliness.reviews');
  const codes = findTable(model, 'participation.codes');
  const measures = findTable(model, 'participation.measures');
  const reasons = findTable(model, 'leavers.reason');
  const caseloads = findTable(model, 'caseloads.summary');
  const byReason: Record<string, number | null> = {};
  for (const code of REASON_EPISODE_CEASED.codes) byReason[code] = count(reasons, code, 'count');
  // A code outside the list still has its children counted, under the code recorded.
  for (const r of reasons?.rows ?? []) if (r.key !== 'not_recorded' && !(r.key in byReason)) byReason[r.key] = count(reasons, r.key, 'count');
  return {
    reviews: {
      held: figure(timeliness, 'held', current),
      inTimescale: figure(timeliness, 'in_time', current),
      outOfTimescale: figure(timeliness, 'late', current),
      percentInTimescale: figure(timeliness, 'share', current),
      percentOfChildrenAllOnTime: figure(keyFigures, 'children_on_time', current),
    },
    participation: {
      byCode: Object.fromEntries(PARTICIPATION_CODE.codes.map((code) => [code, count(codes, code, 'count')])),
      noCodeRecorded: count(codes, 'not_recorded', 'count'),
      reviewsOfChildrenAged4Plus: figure(measures, 'aged_4_plus', current),
      contributed: figure(measures, 'contributed', current),
      contributedPercent: figure(measures, 'contributed_share', current),
      attended: figure(measures, 'attended', current),
      attendedPercent: figure(measures, 'attended_share', current),
    },
    population: {
      lookedAfterAtEnd: figure(keyFigures, 'looked_after', current),
      uascAtEnd: figure(keyFigures, 'uasc', current),
      shortBreaksOnly: figure(keyFigures, 'short_breaks', current),
    },
    entrants: { total: figure(keyFigures, 'started', current) },
    leavers: { total: figure(keyFigures, 'stopped', current), byReason, reasonNotRecorded: count(reasons, 'not_recorded', 'count') },
    caseload: {
      iros: figure(caseloads, 'iros', 'value'),
      fte: figure(caseloads, 'fte', 'value'),
      children: figure(caseloads, 'children', 'value'),
      childrenPerFte: figure(caseloads, 'average_fte', 'value'),
      childrenWithoutIro: figure(caseloads, 'no_iro', 'value'),
    },
  };
}

/** What the report's JSON file holds: the model, and the headline figures beside it. */
export function reportJson(model: ReportModel): ReportModel & ReturnType<typeof reportSummary> {
  return { ...model, ...reportSummary(model) };
}
