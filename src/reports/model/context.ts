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
  build(context: ReportContext): ReportSection;
}

export function createMemo(): ReportContext['memo'] {
  const cache = new Map<string, unknown>();
  return <T>(key: string, period: ReportPeriodInfo, compute: () => T): T => {
    const k = `${key}|${period.from}|${period.to}`;
    if (cache.has(k)) return cache.get(k) as T;
    const value = compute();
    cache.set(k, value);
    return value;
  };
}
