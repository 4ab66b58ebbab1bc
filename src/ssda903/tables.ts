// The tables of the SSDA903 return and their columns, as the DfE schema names them. A file is recognised by
// its header row, never by its name: authorities' case systems name their extracts in many ways.

import type { CodeListName } from './code-lists.ts';

export type TableName =
  | 'Header'
  | 'Episodes'
  | 'Reviews'
  | 'UASC'
  | 'OC2'
  | 'OC3'
  | 'AD1'
  | 'PlacedAdoption'
  | 'PrevPerm'
  | 'Missing'
  | 'SWEpisodes';

/** The tables IRO Desk stores; the others are read and checked, then left aside. */
export const IMPORTED_TABLES = ['Header', 'Episodes', 'Reviews', 'UASC'] as const satisfies readonly TableName[];
export type ImportedTable = (typeof IMPORTED_TABLES)[number];

export type ColumnKind = { kind: 'id' } | { kind: 'date' } | { kind: 'text' } | { kind: 'integer' } | { kind: 'code'; list: CodeListName };

export interface ColumnSpec {
  name: string;
  kind: ColumnKind;
  /** A blank is a problem: an error in the tables IRO Desk stores (it cannot hold the row), a warning elsewhere. */
  required: boolean;
  /** The column may be left out of the file altogether. */
  optionalColumn?: boolean;
}

export interface TableSpec {
  name: TableName;
  columns: readonly ColumnSpec[];
  /** The file name IRO Desk writes the table to. */
  fileName: string;
}

const id = (name: string): ColumnSpec => ({ name, kind: { kind: 'id' }, required: true });
const date = (name: string, required: boolean): ColumnSpec => ({ name, kind: { kind: 'date' }, required });
const text = (name: string, required = false): ColumnSpec => ({ name, kind: { kind: 'text' }, required });
const code = (name: string, list: CodeListName, required: boolean): ColumnSpec => ({ name, kind: { kind: 'code', list }, required });
const integer = (name: string, required: boolean): ColumnSpec => ({ name, kind: { kind: 'integer' }, required });

// In the stored tables "required" marks what the register cannot do without; the DfE rules report the rest.
export const TABLES: Record<TableName, TableSpec> = {
  Header: {
    name: 'Header',
    fileName: 'header.csv',
    columns: [id('CHILD'), code('SEX', 'SEX', true), date('DOB', false), code('ETHNIC', 'ETHNIC', false), text('UPN'),
      code('MOTHER', 'ZERO_ONE', false), date('MC_DOB', false)],
  },
  Episodes: {
    name: 'Episodes',
    fileName: 'episodes.csv',
    columns: [id('CHILD'), date('DECOM', true), code('RNE', 'RNE', true), code('LS', 'LS', true), code('CIN', 'CIN', true),
      code('PLACE', 'PLACE', true), code('PLACE_PROVIDER', 'PLACE_PROVIDER', false), date('DEC', false), code('REC', 'REC', false),
      code('REASON_PLACE_CHANGE', 'REASON_PLACE_CHANGE', false), text('HOME_POST'), text('PL_POST'), text('URN')],
  },
  Reviews: {
    name: 'Reviews',
    fileName: 'reviews.csv',
    columns: [id('CHILD'), date('DOB', false), date('REVIEW', true), code('REVIEW_CODE', 'REVIEW_CODE', false)],
  },
  UASC: {
    name: 'UASC',
    fileName: 'uasc.csv',
    columns: [id('CHILD'), code('SEX', 'SEX', false), date('DOB', false), date('DUC', false)],
  },
  OC2: {
    name: 'OC2',
    fileName: 'oc2.csv',
    columns: [id('CHILD'), date('DOB', true), integer('SDQ_SCORE', false), code('SDQ_REASON', 'SDQ_REASON', false),
      ...['CONVICTED', 'HEALTH_CHECK', 'IMMUNISATIONS', 'TEETH_CHECK', 'HEALTH_ASSESSMENT', 'SUBSTANCE_MISUSE',
        'INTERVENTION_RECEIVED', 'INTERVENTION_OFFERED'].map((name) => code(name, 'ZERO_ONE', false))],
  },
  OC3: {
    name: 'OC3',
    fileName: 'oc3.csv',
    columns: [id('CHILD'), date('DOB', true), code('IN_TOUCH', 'IN_TOUCH', true), code('ACTIV', 'ACTIV', true),
      code('ACCOM', 'ACCOM', true)],
  },
  AD1: {
    name: 'AD1',
    fileName: 'ad1.csv',
    columns: [id('CHILD'), date('DOB', true), date('DATE_INT', true), date('DATE_MATCH', true),
      code('FOSTER_CARE', 'ZERO_ONE', true), integer('NB_ADOPTR', true), code('SEX_ADOPTR', 'SEX_ADOPTR', true),
      code('LS_ADOPTR', 'LS_ADOPTR', true)],
  },
  PlacedAdoption: {
    name: 'PlacedAdoption',
    fileName: 'placed_for_adoption.csv',
    columns: [id('CHILD'), date('DOB', true), date('DATE_PLACED', true), date('DATE_PLACED_CEASED', false),
      code('REASON_PLACED_CEASED', 'REASON_PLACED_CEASED', false)],
  },
  PrevPerm: {
    name: 'PrevPerm',
    fileName: 'previous_permanence.csv',
    columns: [id('CHILD'), date('DOB', true), code('PREV_PERM', 'PREV_PERM', true), text('LA_PERM'), date('DATE_PERM', false)],
  },
  Missing: {
    name: 'Missing',
    fileName: 'missing.csv',
    columns: [id('CHILD'), date('DOB', true), code('MISSING', 'MISSING', true), date('MIS_START', true), date('MIS_END', false)],
  },
  SWEpisodes: {
    name: 'SWEpisodes',
    fileName: 'sw_episodes.csv',
    columns: [id('CHILD'), { ...date('DOB', false), optionalColumn: true }, text('SW_ID', true), date('SW_DECOM', true),
      date('SW_DEC', false), code('SW_REASON', 'SW_REASON', false)],
  },
};

/** Columns that name the person rather than the table: they do not tell tables apart. */
const SHARED_COLUMNS = new Set(['CHILD', 'DOB', 'SEX']);

export type Recognition =
  | { table: TableSpec; missing: string[]; unknown: string[]; duplicates: string[] }
  | { table: null; duplicates: string[] };

export function normaliseColumnName(name: string): string {
  return name.replace(/^\uFEFF/, '').trim().toUpperCase();
}

/**
 * Which table a header row belongs to. A file that has every column of a table is that table (the one with
 * most columns when several fit); otherwise the table sharing most of its own columns, with what is missing.
 */
export function recogniseTable(headerFields: readonly string[]): Recognition {
  const names = headerFields.map(normaliseColumnName);
  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (const name of names) {
    if (seen.has(name) && name !== '') duplicates.push(name);
    seen.add(name);
  }
  let best: { table: TableSpec; complete: boolean; matched: number; distinctive: number } | null = null;
  for (const table of Object.values(TABLES)) {
    const columns = table.columns.filter((c) => !c.optionalColumn);
    const matched = columns.filter((c) => seen.has(c.name)).length;
    const distinctive = columns.filter((c) => !SHARED_COLUMNS.has(c.name) && seen.has(c.name)).length;
    const complete = matched === columns.length;
    const better =
      best === null ||
      (complete && !best.complete) ||
      (complete === best.complete && (complete ? matched > best.matched : distinctive > best.distinctive));
    if (better) best = { table, complete, matched, distinctive };
  }
  if (!best || (!best.complete && best.distinctive === 0)) return { table: null, duplicates };
  const known = new Set(best.table.columns.map((c) => c.name));
  return {
    table: best.table,
    missing: best.table.columns.filter((c) => !c.optionalColumn && !seen.has(c.name)).map((c) => c.name),
    unknown: [...seen].filter((name) => !known.has(name) && name !== ''),
    duplicates,
  };
}
