// What a DfE validation rule is here: a code, the DfE's message, the tables it reads and a check that
// returns the rows that fail. The context gives each check the return's rows already grouped by child and
// in date order, so a rule is a few lines that read like the DfE's own wording.

import { addMonths, type IsoDate } from '../../domain/dates.ts';
import { SHORT_BREAK_LEGAL_STATUSES, type Sex } from '../../domain/codes.ts';
import type { CollectionYear } from '../collection-year.ts';
import { sexFromReturn } from '../code-lists.ts';
import type { LoadedReturn } from '../read.ts';
import { groupByChild, type AnyRow, type EpisodeRow, type HeaderRow, type ReviewRow, type UascRow } from '../rows.ts';
import type { TableName } from '../tables.ts';
import { RULE_INFO } from './rule-info.ts';

export interface RuleContext {
  year: CollectionYear;
  tables: ReadonlySet<TableName>;
  header: readonly HeaderRow[];
  episodes: readonly EpisodeRow[];
  reviews: readonly ReviewRow[];
  uasc: readonly UascRow[];
  /** The first Header row of each child. */
  headerByChild: ReadonlyMap<string, HeaderRow>;
  /** Each child's episodes by start date (then end date, then line); episodes without a start date last. */
  episodesByChild: ReadonlyMap<string, readonly EpisodeRow[]>;
  reviewsByChild: ReadonlyMap<string, readonly ReviewRow[]>;
  uascByChild: ReadonlyMap<string, UascRow>;
  /** Children named in the tables IRO Desk does not store, by table. */
  otherChildren: ReadonlyMap<TableName, ReadonlySet<string>>;
}

export interface Rule {
  code: string;
  message: string;
  /** The tables the rule reads: it is run only when the return has all of them. */
  tables: readonly TableName[];
  /** The fields the DfE's rule list names as affected: the ones to look at to put a failure right. */
  fields: readonly string[];
  check(context: RuleContext): Iterable<AnyRow>;
}

/** One rule's failure for one child in one table of one file. */
export interface RuleFailure {
  code: string;
  message: string;
  /** The fields the rule is about, as the DfE's rule list names them. */
  fields: readonly string[];
  table: TableName;
  file: string;
  rows: number[];
  child: string;
}

/** A rule with the DfE's message and tables for its code; `tables` overrides where the check reads more. */
export function rule(code: string, check: (context: RuleContext) => Iterable<AnyRow>, tables?: readonly TableName[]): Rule {
  const info = RULE_INFO[code];
  if (!info) throw new Error(`rule ${code} is not in the DfE rule list`);
  return { code, message: info.message, tables: tables ?? info.tables, fields: info.fields, check };
}

/** A rule that looks at one row at a time. */
export function rowRule<R extends AnyRow>(code: string, rows: (context: RuleContext) => readonly R[], fails: (row: R, context: RuleContext) => boolean): Rule {
  return rule(code, function* (context) {
    for (const row of rows(context)) if (fails(row, context)) yield row;
  });
}

function compareEpisodes(a: EpisodeRow, b: EpisodeRow): number {
  if (a.DECOM !== b.DECOM) return a.DECOM === null ? 1 : b.DECOM === null ? -1 : a.DECOM < b.DECOM ? -1 : 1;
  if (a.DEC !== b.DEC) return a.DEC === null ? 1 : b.DEC === null ? -1 : a.DEC < b.DEC ? -1 : 1;
  return a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1;
}

export function buildContext(loaded: Pick<LoadedReturn, 'year' | 'tables' | 'header' | 'episodes' | 'reviews' | 'uasc' | 'otherChildren'>): RuleContext {
  const headerByChild = new Map<string, HeaderRow>();
  for (const row of loaded.header) if (!headerByChild.has(row.CHILD)) headerByChild.set(row.CHILD, row);
  const uascByChild = new Map<string, UascRow>();
  for (const row of loaded.uasc) if (!uascByChild.has(row.CHILD)) uascByChild.set(row.CHILD, row);
  const episodesByChild = groupByChild(loaded.episodes);
  for (const list of episodesByChild.values()) list.sort(compareEpisodes);
  return {
    year: loaded.year,
    tables: loaded.tables,
    header: loaded.header,
    episodes: loaded.episodes,
    reviews: loaded.reviews,
    uasc: loaded.uasc,
    headerByChild,
    episodesByChild,
    reviewsByChild: groupByChild(loaded.reviews),
    uascByChild,
    otherChildren: loaded.otherChildren,
  };
}

// Helpers the rules share.

/** The date a number of whole years after another (29 February + 1 year = 28 February), as the DfE ages are counted. */
export function yearsAfter(date: IsoDate, years: number): IsoDate {
  return addMonths(date, 12 * years);
}

export function dobOf(context: RuleContext, child: string): IsoDate | null {
  return context.headerByChild.get(child)?.DOB ?? null;
}

export function sexOf(context: RuleContext, row: HeaderRow): Sex | null {
  return sexFromReturn(row.SEX, context.year);
}

export const isIn = (list: readonly string[]) => (value: string | null): boolean => value !== null && list.includes(value);

/** Legal status V3 or V4: a series of short breaks (respite). */
export const shortBreak = isIn(SHORT_BREAK_LEGAL_STATUSES);

/** A child's episodes that have a start date, in date order: the sequence rules need a date to place an episode. */
export function datedEpisodes(context: RuleContext, child: string): readonly EpisodeRow[] {
  return (context.episodesByChild.get(child) ?? []).filter((e) => e.DECOM !== null);
}

/** Each dated episode with the one before it for the same child, and the one after when there is one. */
export function* inSequence(context: RuleContext): Generator<{ episode: EpisodeRow; previous: EpisodeRow | null; next: EpisodeRow | null; index: number; list: readonly EpisodeRow[] }> {
  for (const child of context.episodesByChild.keys()) {
    const list = datedEpisodes(context, child);
    for (let i = 0; i < list.length; i += 1) {
      yield { episode: list[i]!, previous: i > 0 ? list[i - 1]! : null, next: list[i + 1] ?? null, index: i, list };
    }
  }
}
