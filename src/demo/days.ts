// Date arithmetic on whole day numbers for the demo generator, which handles millions of dates: the same
// rules as src/domain/dates.ts (months clamp to the end of a shorter month) without parsing strings, and
// one shared string per day so a large register does not hold millions of copies of the same date.

import { isWorkingDayNumber } from '../domain/calendar.ts';
import { dayNumberFromParts, daysInMonth, fromDayNumber, partsFromDayNumber, type IsoDate } from '../domain/dates.ts';

export const DAYS_PER_YEAR = 365.2425;

const isoCache = new Map<number, IsoDate>();

/** The ISO string of a day number, shared between every record that holds that date. */
export function iso(day: number): IsoDate {
  let text = isoCache.get(day);
  if (text === undefined) {
    text = fromDayNumber(day);
    isoCache.set(day, text);
  }
  return text;
}

/** Same as addMonths() in src/domain/dates.ts, on day numbers. */
export function addMonthsToDay(day: number, months: number): number {
  const { year, month, day: dayOfMonth } = partsFromDayNumber(day);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = (index % 12) + 1;
  return dayNumberFromParts(newYear, newMonth, Math.min(dayOfMonth, daysInMonth(newYear, newMonth)));
}

/**
 * The day a child born on `dateOfBirth` reaches `age`, as ageInYears() counts it: a 29 February birthday
 * falls on 1 March in other years.
 */
export function birthday(dateOfBirth: number, age: number): number {
  const { year, month, day } = partsFromDayNumber(dateOfBirth);
  const y = year + age;
  if (month === 2 && day === 29 && daysInMonth(y, 2) === 28) return dayNumberFromParts(y, 3, 1);
  return dayNumberFromParts(y, month, day);
}

/** The working day on or before `day`, but not before `earliest` (then the first working day after it). */
export function workingDayOnOrBefore(day: number, earliest: number): number {
  for (let d = day; d >= earliest; d -= 1) if (isWorkingDayNumber(d)) return d;
  return workingDayOnOrAfter(earliest);
}

/** The working day on or after `day`. */
export function workingDayOnOrAfter(day: number): number {
  let d = day;
  while (!isWorkingDayNumber(d)) d += 1;
  return d;
}
