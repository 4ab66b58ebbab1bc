// Builders for SSDA903 tests: rows of a return with fixed dates that pass every DfE rule, changed only where
// a test says so; temporary folders of CSV files; and the reference files kept in test/fixtures.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectionYearStarting, parseCollectionYear } from '../../src/ssda903/collection-year.ts';
import type { EpisodeRow, HeaderRow, ReviewRow, UascRow } from '../../src/ssda903/rows.ts';
import type { TableName } from '../../src/ssda903/tables.ts';
import { buildContext, type Rule, type RuleContext } from '../../src/ssda903/validate/rule.ts';
import { RULES, runRules } from '../../src/ssda903/validate/index.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The DfE rule list and format-only fake files, kept in the repository so a lone clone can run the tests. */
export const referenceDir = path.resolve(repoRoot, 'test/fixtures/ssda903');

type Without<R> = Omit<R, 'table' | 'file' | 'line' | 'badDates'> & { badDates?: string[] | null };

export function headerRow(overrides: Partial<Without<HeaderRow>> = {}): Without<HeaderRow> {
  return { CHILD: 'C1', SEX: 'F', DOB: '2012-03-14', ETHNIC: 'WBRI', UPN: 'A123456789012', MOTHER: '0', MC_DOB: null, ...overrides };
}

/** Became looked after on 1 May 2024 on a full care order with foster carers; still open on 31 March 2025. */
export function episodeRow(overrides: Partial<Without<EpisodeRow>> = {}): Without<EpisodeRow> {
  return {
    CHILD: 'C1', DECOM: '2024-05-01', RNE: 'S', LS: 'C2', CIN: 'N1', PLACE: 'U4', PLACE_PROVIDER: 'PR1', DEC: null, REC: null,
    REASON_PLACE_CHANGE: null, HOME_POST: 'NG1 1AA', PL_POST: 'NG2 2BB', URN: 'SC123456', ...overrides,
  };
}

export function reviewRow(overrides: Partial<Without<ReviewRow>> = {}): Without<ReviewRow> {
  return { CHILD: 'C1', DOB: '2012-03-14', REVIEW: '2024-05-29', REVIEW_CODE: 'PN1', ...overrides };
}

export function uascRow(overrides: Partial<Without<UascRow>> = {}): Without<UascRow> {
  return { CHILD: 'C1', SEX: 'F', DOB: '2012-03-14', DUC: null, ...overrides };
}

export interface TestReturn {
  header?: Without<HeaderRow>[];
  episodes?: Without<EpisodeRow>[];
  reviews?: Without<ReviewRow>[];
  uasc?: Without<UascRow>[];
  /** OC3 children, for the rule that lets care leavers have no episodes. */
  oc3?: string[];
}

/** One child, looked after since 1 May 2024, with a first review on time: passes every rule. */
export function cleanReturn(): Required<Omit<TestReturn, 'oc3'>> {
  return { header: [headerRow()], episodes: [episodeRow()], reviews: [reviewRow()], uasc: [] };
}

const FILES: Record<string, string> = { Header: 'header.csv', Episodes: 'episodes.csv', Reviews: 'reviews.csv', UASC: 'uasc.csv' };

function place<R extends { badDates?: string[] | null }>(table: 'Header' | 'Episodes' | 'Reviews' | 'UASC', rows: R[]) {
  return rows.map((row, i) => ({ ...row, table, file: FILES[table]!, line: i + 2, badDates: row.badDates ?? null }));
}

/** A rule context for a return built from rows; every stored table is present unless `tables` says otherwise. */
export function contextOf(data: TestReturn, year = '2024-25', tables?: TableName[]): RuleContext {
  const present = new Set<TableName>(tables ?? ['Header', 'Episodes', 'Reviews', 'UASC', ...(data.oc3 ? (['OC3'] as const) : [])]);
  return buildContext({
    year: parseCollectionYear(year),
    tables: present,
    header: place('Header', data.header ?? []) as HeaderRow[],
    episodes: place('Episodes', data.episodes ?? []) as EpisodeRow[],
    reviews: place('Reviews', data.reviews ?? []) as ReviewRow[],
    uasc: place('UASC', data.uasc ?? []) as UascRow[],
    otherChildren: new Map(data.oc3 ? [['OC3', new Set(data.oc3)]] : []),
  });
}

export function ruleByCode(code: string): Rule {
  const found = RULES.find((r) => r.code === code);
  if (!found) throw new Error(`no rule ${code}`);
  return found;
}

/** The rows a rule flags, as "Table:line", in order. */
export function flagged(code: string, data: TestReturn, year = '2024-25'): string[] {
  const { failures } = runRules(contextOf(data, year), [ruleByCode(code)]);
  return failures.flatMap((f) => f.rows.map((line) => `${f.table}:${line}`)).sort();
}

/** Every rule's failures on a return, as "code Table:line". */
export function allFailures(data: TestReturn, year = '2024-25'): string[] {
  const { failures } = runRules(contextOf(data, year));
  return failures.flatMap((f) => f.rows.map((line) => `${f.code} ${f.table}:${line}`));
}

export const year2024 = collectionYearStarting(2024);

/** A new empty temporary folder, removed by the caller with removeDir. */
export function tempDir(prefix = 'iro-ssda903-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Writes a CSV file from a header and rows of text, quoting only where CSV needs it. */
export function writeCsv(dir: string, name: string, columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const text = [columns, ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

export const HEADER_COLUMNS = ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'];
export const EPISODE_COLUMNS = ['CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC', 'REASON_PLACE_CHANGE', 'HOME_POST', 'PL_POST', 'URN'];
export const REVIEW_COLUMNS = ['CHILD', 'DOB', 'REVIEW', 'REVIEW_CODE'];
export const UASC_COLUMNS = ['CHILD', 'SEX', 'DOB', 'DUC'];
