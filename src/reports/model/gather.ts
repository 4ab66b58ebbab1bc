// The register counted a few children at a time (decision 16). Each section says, in its gather(), which of its
// measures it reads; those are worked out for a chunk of children, added to the figures of the chunks before, and
// the chunk's records, review clocks and everything else made for them are let go before the next chunk is read.
// A national-sized register is then never held whole: only what each count keeps of a child (their id and the
// few values it shows) stays, and the objects made for a chunk die young, which is cheap for the collector.
//
// A measure gathered this way must be one that adds up child by child: a list of children or records, or maps and
// objects of such lists, made in order of child. Anything worked out from the whole list (the late reviews in
// order of due date, the participation measures) is not gathered but made afterwards from what was.

import type { IsoDate } from '../../domain/dates.ts';
import type { ChildRecord } from '../../domain/register.ts';
import type { ChildRecordSource } from '../input.ts';
import { memoKey, type ReportContext, type SectionBuilder } from './context.ts';
import { byText, keepingLists } from './cells.ts';
import { letGoOfRecord, readChildren, spansPeriod, type ChildFacts, type ExcludedChild } from './facts.ts';
import type { ReportPeriodInfo } from './types.ts';

/**
 * Children counted together: enough that the work per chunk is small beside the work per child, few enough that
 * what is made for a chunk dies in the young generation rather than being copied on (on the 85,000-child register
 * the model took 19 s in chunks of 100, 23 s in chunks of 1,000 and 28 s in chunks of 3,000).
 */
export const CHILDREN_PER_CHUNK = 100;

/** How the values one measure took in each chunk, in order, add up to its value for the whole register. */
type Combine = (values: unknown[]) => unknown;

/**
 * Lists are joined (chunks come in order of child, so a list in order of child stays so); maps join their entries,
 * and objects their fields, the same way. A value found in two chunks under one key that is not a list is a
 * mistake in what was declared gathered.
 */
function joined(values: unknown[]): unknown {
  const first = values[0];
  if (values.length === 1) return first;
  if (Array.isArray(first)) {
    // Made at its full length at once: grown item by item, a list of millions is copied over and over.
    let length = 0;
    for (const value of values as unknown[][]) length += value.length;
    const all = new Array<unknown>(length);
    let at = 0;
    for (const value of values as unknown[][]) for (let i = 0; i < value.length; i += 1) all[at++] = value[i];
    return all;
  }
  if (first instanceof Map) {
    const byKey = new Map<unknown, unknown[]>();
    for (const map of values as Map<unknown, unknown>[]) {
      for (const [key, value] of map) {
        const list = byKey.get(key);
        if (list === undefined) byKey.set(key, [value]);
        else list.push(value);
      }
    }
    const all = new Map<unknown, unknown>();
    for (const [key, list] of byKey) all.set(key, joined(list));
    return all;
  }
  if (typeof first === 'object' && first !== null) {
    const all: Record<string, unknown> = {};
    for (const field of Object.keys(first)) all[field] = joined((values as Record<string, unknown>[]).map((v) => v[field]));
    return all;
  }
  throw new Error('a gathered figure holds a value that cannot be added up child by child');
}

/** For each key, the earliest date: the day each IRO was first allocated a child. */
function earliestByKey(values: unknown[]): Map<unknown, IsoDate> {
  const all = new Map<unknown, IsoDate>();
  for (const map of values as Map<unknown, IsoDate>[]) {
    for (const [key, date] of map) {
      const had = all.get(key);
      if (had === undefined || date < had) all.set(key, date);
    }
  }
  return all;
}

/** Counts added up and lists joined, field by field: the figures kept of a period's reviews held. */
function added(values: unknown[]): unknown {
  const first = values[0] as Record<string, unknown>;
  const all: Record<string, unknown> = {};
  for (const field of Object.keys(first)) {
    const parts = (values as Record<string, unknown>[]).map((v) => v[field]);
    all[field] = typeof parts[0] === 'number' ? (parts as number[]).reduce((n, x) => n + x, 0) : joined(parts);
  }
  return all;
}

/** The measures worked out chunk by chunk, by the name each is remembered by, with how chunks add up. */
const GATHERED: Record<string, Combine> = {
  population: joined,
  entrants: joined,
  leavers: joined,
  stability: joined,
  'reviews-held': joined,
  'held-figures': added,
  'clock-at-end': joined,
  'children-on-time': joined,
  caseloads: joined,
  'first-allocations': earliestByKey,
  'iro-changes': joined,
  'starts-of-care': joined,
  'changes-in': joined,
  'data-quality-children': joined,
};

/**
 * Measures gathered for some periods only; for the others they are worked out for each chunk, read by the measures
 * gathered from them, and let go with the chunk. The reviews held are kept for the reporting period, whose tables
 * list them by month and kind, and for every period when the lists behind each count are kept; an earlier period
 * otherwise shows only figures (held-figures), and a national-sized register holds a million and more of its reviews.
 */
const GATHERED_FOR: Record<string, (report: ReportPeriodInfo, p: ReportPeriodInfo) => boolean> = {
  'reviews-held': (report, p) => keepingLists() || (p.from === report.from && p.to === report.to),
};

/** Figures made from the input as a whole rather than child by child (indexes of notifications, checks): made once. */
const WHOLE_INPUT = new Set(['midpoint-checks', 'notified-dates', 'notifications-by-child', 'workflow-index']);

/** Calls a measure for every period the report shows. */
export function forEachPeriod(ctx: ReportContext, measure: (ctx: ReportContext, p: ReportPeriodInfo) => unknown): void {
  for (const p of ctx.allPeriods) measure(ctx, p);
}

const byChildId = (a: ChildRecord, b: ChildRecord) => byText(a.child.id, b.child.id);

/**
 * The records a chunk at a time, in order of child id. A list is sorted when it comes otherwise (a hand-built
 * authority); a source is the register's, which gives them in order, and is read once, as it goes.
 */
function* chunksOf(records: readonly ChildRecord[] | ChildRecordSource, size: number): Generator<ChildRecord[]> {
  if (Array.isArray(records)) {
    let list = records as readonly ChildRecord[];
    for (let i = 1; i < list.length; i += 1) {
      if (!(list[i - 1]!.child.id < list[i]!.child.id)) {
        list = [...list].sort(byChildId);
        break;
      }
    }
    for (let at = 0; at < list.length; at += size) yield list.slice(at, at + size);
    return;
  }
  let chunk: ChildRecord[] = [];
  let last: string | null = null;
  for (const record of records) {
    if (last !== null && !(last < record.child.id)) throw new Error(`children's records came out of order: ${record.child.id} after ${last}`);
    last = record.child.id;
    chunk.push(record);
    if (chunk.length >= size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

export interface Counted {
  /** Every child counted, in order of id, holding only what the figures keep of them (see letGoOfRecord). */
  children: ChildFacts[];
  excluded: ExcludedChild[];
  /** The gathered figures, by memoKey(), for the report's memo to start from. */
  figures: Map<string, unknown>;
}

/**
 * Counts every child's record for the sections given, a chunk at a time. `ctx` is the report's context; each
 * chunk is counted in a copy of it whose children are the chunk's, sharing what is made from the input as a whole.
 */
export function countChildByChild(
  ctx: ReportContext,
  records: readonly ChildRecord[] | ChildRecordSource,
  builders: readonly SectionBuilder[],
  chunkSize = CHILDREN_PER_CHUNK,
): Counted {
  const gatherers = builders.filter((b) => b.gather !== undefined);
  // What each chunk gave for each gathered measure and period, added up once every chunk is counted: by the
  // measure's name and then the period, with the key the figure is remembered by.
  const given = new Map<string, Map<ReportPeriodInfo, { key: string; values: unknown[] }>>();
  // Each period the measures are asked for, numbered in the order first met: a period given as another object with the
  // same dates is the same period. The report's own periods are nearly always the objects given, and are found by
  // looking along a short list rather than by hashing, since a chunk of a hundred children asks for its figures
  // hundreds of times.
  const known: { period: ReportPeriodInfo; key: string }[] = [];
  const seen: ReportPeriodInfo[] = [];
  const seenAs: number[] = [];
  const samePeriod = new Map<ReportPeriodInfo, number>();
  const byDates = new Map<string, number>();
  const numberOf = (period: ReportPeriodInfo): number => {
    for (let i = 0; i < seen.length; i += 1) if (seen[i] === period) return seenAs[i]!;
    let n = samePeriod.get(period);
    if (n === undefined) {
      const key = memoKey('', period);
      n = byDates.get(key);
      if (n === undefined) {
        n = known.length;
        known.push({ period, key });
        byDates.set(key, n);
      }
      samePeriod.set(period, n);
      // The first few objects met are kept on the short list: the report's periods.
      if (seen.length < 16) {
        seen.push(period);
        seenAs.push(n);
      }
    }
    return n;
  };
  const children: ChildFacts[] = [];
  const excluded: ExcludedChild[] = [];
  for (const some of chunksOf(records, chunkSize)) {
    const chunk = readChildren(some);
    for (const x of chunk.excluded) excluded.push(x);
    // The chunk's memo: for each period by its number, each measure's value by name.
    const local: (Map<string, unknown> | undefined)[] = [];
    const chunkCtx: ReportContext = {
      ...ctx,
      children: chunk.children,
      childrenIn: (p) => chunkCtx.memo('children-in', p, () => chunk.children.filter((facts) => spansPeriod(facts, p))),
      memo: <T>(key: string, period: ReportPeriodInfo, compute: () => T): T => {
        if (WHOLE_INPUT.has(key)) return ctx.memo(key, period, compute);
        const n = numberOf(period);
        let values = local[n];
        if (values === undefined) {
          values = new Map();
          local[n] = values;
        }
        const had = values.get(key);
        if (had !== undefined || values.has(key)) return had as T;
        const value = compute();
        values.set(key, value);
        const same = known[n]!;
        if (GATHERED[key] !== undefined && (GATHERED_FOR[key]?.(ctx.period, same.period) ?? true)) {
          let measure = given.get(key);
          if (measure === undefined) {
            measure = new Map();
            given.set(key, measure);
          }
          const kept = measure.get(same.period);
          if (kept === undefined) measure.set(same.period, { key: key + same.key, values: [value] });
          else kept.values.push(value);
        }
        return value;
      },
    };
    for (const b of gatherers) b.gather!(chunkCtx);
    for (const facts of chunk.children) {
      letGoOfRecord(facts);
      children.push(facts);
    }
  }
  const figures = new Map<string, unknown>();
  for (const [name, measure] of given) for (const { key, values } of measure.values()) figures.set(key, GATHERED[name]!(values));
  excluded.sort((a, b) => byText(a.childId, b.childId));
  return { children, excluded, figures };
}
