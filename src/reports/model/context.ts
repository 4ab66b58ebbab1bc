// What every section builder is given: the input, the reporting period and the earlier periods it is
// compared with, the children read once, and a memo so that figures two sections share (the key figures
// and the timeliness section both need reviews held) are worked out once.

import type { IsoDate } from '../../domain/dates.ts';
import type { AuthoritySettings } from '../../domain/settings.ts';
import type { ReportInput, ReportStaffMember } from '../input.ts';
import type { ChildFacts, ExcludedChild } from './facts.ts';
import type { ReportPeriodInfo, ReportSection } from './types.ts';

export interface ReportContext {
  input: ReportInput;
  settings: AuthoritySettings;
  period: ReportPeriodInfo;
  /** Earlier periods, oldest first. */
  comparisons: ReportPeriodInfo[];
  /** The comparisons then the reporting period: the columns of year-on-year tables. */
  allPeriods: ReportPeriodInfo[];
  /** Children whose records can be counted, by id. */
  children: ChildFacts[];
  /** Of those, the children whose records span some day of a period (by id): the only ones counted in it. */
  childrenIn(period: ReportPeriodInfo): ChildFacts[];
  /**
   * The first day the register's records are complete from: the one given in the input, else the first day any
   * child in it was looked after; null for an empty register.
   */
  recordsFrom: IsoDate | null;
  /** Children set aside because their episodes cannot be read as periods of care. */
  excluded: ExcludedChild[];
  staffById: Map<number, ReportStaffMember>;
  /** Works a figure out once per key and period. */
  memo<T>(key: string, period: ReportPeriodInfo, compute: () => T): T;
}

/**
 * A named part of the report. The standard sections are a list of these; later sections (dispute
 * resolution, consultation) are added to the list without changing the others.
 */
export interface SectionBuilder {
  id: string;
  title: string;
  /**
   * Works out, for a few children at a time, every figure of theirs the section will count (see gather.ts): given a
   * context whose children are those few, it calls the measures the section reads, for each period it shows. Once
   * every child has been counted their records are let go, so a section that reads a child's record when built,
   * rather than here, fails rather than counting from a record no longer held.
   */
  gather?(context: ReportContext): void;
  build(context: ReportContext): ReportSection;
}

/** The key a figure is remembered by: its name and period. */
export function memoKey(key: string, period: ReportPeriodInfo): string {
  return `${key}|${period.from}|${period.to}`;
}

/** A memo, optionally starting from figures already worked out (those gathered child by child). */
export function createMemo(cache = new Map<string, unknown>()): ReportContext['memo'] {
  return <T>(key: string, period: ReportPeriodInfo, compute: () => T): T => {
    const k = memoKey(key, period);
    if (cache.has(k)) return cache.get(k) as T;
    const value = compute();
    cache.set(k, value);
    return value;
  };
}
