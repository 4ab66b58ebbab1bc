// Reading figures back out of a report model in tests: a table by id, a row by key, a cell by column key.

import type { Cell, ReportModel, ReportTable } from '../../src/reports/model/types.ts';

export function findTable(model: ReportModel, id: string): ReportTable {
  for (const s of model.sections) for (const t of s.tables) if (t.id === id) return t;
  throw new Error(`no table ${id}`);
}

export function cell(t: ReportTable, rowKey: string, columnKey: string): Cell {
  const r = [...t.rows, ...t.totals].find((x) => x.key === rowKey);
  if (!r) throw new Error(`no row ${rowKey} in ${t.id} (rows: ${t.rows.map((x) => x.key).join(', ')})`);
  const i = t.columns.findIndex((c) => c.key === columnKey);
  if (i < 0) throw new Error(`no column ${columnKey} in ${t.id} (columns: ${t.columns.map((c) => c.key).join(', ')})`);
  const c = r.cells[i];
  if (!c) throw new Error(`no cell ${rowKey}/${columnKey} in ${t.id}`);
  return c;
}

/** The number in a cell: a count, a percentage or a number; 'not recorded' and text give a string. */
export function value(t: ReportTable, rowKey: string, columnKey: string): number | string | null {
  const c = cell(t, rowKey, columnKey);
  switch (c.type) {
    case 'count':
    case 'percent':
    case 'number':
      return c.value;
    case 'text':
      return c.text;
    case 'date':
      return c.value;
    case 'not_recorded':
      return 'not recorded';
  }
}

export function ids(t: ReportTable, rowKey: string, columnKey: string): string[] {
  const c = cell(t, rowKey, columnKey);
  if (c.type !== 'count') throw new Error(`${rowKey}/${columnKey} in ${t.id} is not a count`);
  if (c.childIds === undefined) throw new Error(`${rowKey}/${columnKey} in ${t.id} has no list of children`);
  return c.childIds;
}

/** Values of a row across the period columns, oldest first. */
export function across(t: ReportTable, rowKey: string): (number | string | null)[] {
  return t.columns.filter((c) => c.key.startsWith('period:')).map((c) => value(t, rowKey, c.key));
}

export const CURRENT = 'period:2023-04-01';
export const PREVIOUS = 'period:2022-04-01';
