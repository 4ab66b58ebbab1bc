// Reporting periods: the label users write for one ("2022-23", "Apr–Sep 2023"), the earlier periods of the
// same length that year-on-year columns compare with, and the months a period spans.

import { addDays, addMonths, daysBetween, daysInMonth, formatUkDate, type IsoDate } from '../../domain/dates.ts';
import type { ReportPeriod } from '../input.ts';
import type { ReportPeriodInfo } from './types.ts';

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

export const MAX_COMPARISON_PERIODS = 6;

function parts(date: IsoDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

function monthName(month: number): string {
  return MONTH_NAMES[month - 1] ?? '';
}

/** Whole calendar months from the first of one month to the last of another: the number of months, else null. */
/** The key of a period's column or row in year-on-year tables ("period:2023-04-01"), by which its figures are found. */
export function periodKey(period: ReportPeriod): string {
  return `period:${period.from}`;
}

export function wholeMonths(period: ReportPeriod): number | null {
  const f = parts(period.from);
  const t = parts(period.to);
  if (f.day !== 1 || t.day !== daysInMonth(t.year, t.month)) return null;
  return t.year * 12 + t.month - (f.year * 12 + f.month) + 1;
}

export function periodLabel(period: ReportPeriod): string {
  const months = wholeMonths(period);
  const f = parts(period.from);
  const t = parts(period.to);
  if (months === null) return `${formatUkDate(period.from)} to ${formatUkDate(period.to)}`;
  // Financial years are how councils name their annual reports; calendar years by the year alone.
  if (months === 12 && f.month === 4) return `${f.year}-${String((f.year + 1) % 100).padStart(2, '0')}`;
  if (months === 12 && f.month === 1) return String(f.year);
  if (months === 1) return `${monthName(f.month)} ${f.year}`;
  if (f.year === t.year) return `${monthName(f.month)}–${monthName(t.month)} ${f.year}`;
  return `${monthName(f.month)} ${f.year} – ${monthName(t.month)} ${t.year}`;
}

export function periodInfo(period: ReportPeriod): ReportPeriodInfo {
  return { from: period.from, to: period.to, label: periodLabel(period) };
}

/**
 * The period `steps` lengths before the given one: whole months move by months (so a financial year
 * compares with financial years, whatever their number of days), other periods by their number of days.
 */
export function earlierPeriod(period: ReportPeriod, steps: number): ReportPeriod {
  const months = wholeMonths(period);
  if (months !== null) {
    const shift = -steps * months;
    return { from: addMonths(period.from, shift), to: addDays(addMonths(addDays(period.to, 1), shift), -1) };
  }
  const length = daysBetween(period.from, period.to) + 1;
  return { from: addDays(period.from, -steps * length), to: addDays(period.to, -steps * length) };
}

/**
 * Up to `count` earlier periods of the same length, oldest first. With `recordsFrom` (the day from which the
 * register is complete), only periods starting on or after it; otherwise those that end after the earliest
 * date in the data (nothing could be counted before it).
 */
export function comparisonPeriods(
  period: ReportPeriod,
  count: number,
  coverage: { earliestData: IsoDate | null; recordsFrom?: IsoDate | undefined },
): ReportPeriodInfo[] {
  const wanted = Math.max(0, Math.min(MAX_COMPARISON_PERIODS, Math.floor(count)));
  const result: ReportPeriodInfo[] = [];
  if (coverage.earliestData === null) return result;
  for (let step = 1; step <= wanted; step += 1) {
    const earlier = earlierPeriod(period, step);
    if (coverage.recordsFrom !== undefined ? earlier.from < coverage.recordsFrom : earlier.to < coverage.earliestData) break;
    result.unshift(periodInfo(earlier));
  }
  return result;
}

export interface MonthInPeriod {
  key: string;
  label: string;
  from: IsoDate;
  to: IsoDate;
}

/** The calendar months a period touches, each clipped to the period. */
export function monthsOf(period: ReportPeriod): MonthInPeriod[] {
  const result: MonthInPeriod[] = [];
  let start = `${period.from.slice(0, 7)}-01`;
  while (start <= period.to) {
    const { year, month } = parts(start);
    const end = `${start.slice(0, 7)}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
    result.push({
      key: start.slice(0, 7),
      label: `${monthName(month)} ${year}`,
      from: start > period.from ? start : period.from,
      to: end < period.to ? end : period.to,
    });
    start = addMonths(start, 1);
  }
  return result;
}

export function inPeriod(date: IsoDate | null | undefined, period: ReportPeriod): date is IsoDate {
  return date !== null && date !== undefined && date >= period.from && date <= period.to;
}
