// The working-day calendar of England: a working day is not a Saturday, Sunday, Christmas Day, Good Friday
// or a bank holiday (Banking and Financial Dealings Act 1971). Every working-day timescale in IRO Desk
// (the 20-working-day first review, allocation within 5 working days, dispute resolution stages) uses this
// one module. Holidays come from the published list; for years beyond it the usual rules are applied, so a
// clock running into a later year still gives an answer (a proclamation can then be added to the list).

import { ENGLAND_BANK_HOLIDAYS, FIRST_COVERED_YEAR, LAST_COVERED_YEAR, type BankHoliday } from './bank-holidays-england.ts';
import { dayNumberFromParts, dayOfWeek, daysInMonth, fromDayNumber, toDayNumber, type IsoDate } from './dates.ts';

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return fromDayNumber(dayNumberFromParts(year, month, day));
}

function firstMonday(year: number, month: number): number {
  const first = dayNumberFromParts(year, month, 1);
  return first + ((8 - dayOfWeek(first)) % 7);
}

function lastMonday(year: number, month: number): number {
  const last = dayNumberFromParts(year, month, daysInMonth(year, month));
  return last - ((dayOfWeek(last) + 6) % 7);
}

/**
 * The holidays a year has by the standing rules alone, with the weekend substitute days; no one-off or
 * moved days. Used beyond the published list, and in tests to check the list.
 */
export function standardEnglandHolidays(year: number): BankHoliday[] {
  const easter = toDayNumber(easterSunday(year));
  const result: BankHoliday[] = [];
  const newYear = dayNumberFromParts(year, 1, 1);
  const nyDow = dayOfWeek(newYear);
  result.push(
    nyDow === 6 || nyDow === 0
      ? { date: fromDayNumber(newYear + (nyDow === 6 ? 2 : 1)), name: "New Year's Day (substitute day)" }
      : { date: fromDayNumber(newYear), name: "New Year's Day" },
  );
  result.push({ date: fromDayNumber(easter - 2), name: 'Good Friday' });
  result.push({ date: fromDayNumber(easter + 1), name: 'Easter Monday' });
  result.push({ date: fromDayNumber(firstMonday(year, 5)), name: 'Early May bank holiday' });
  result.push({ date: fromDayNumber(lastMonday(year, 5)), name: 'Spring bank holiday' });
  result.push({ date: fromDayNumber(lastMonday(year, 8)), name: 'Summer bank holiday' });
  const christmas = dayNumberFromParts(year, 12, 25);
  switch (dayOfWeek(christmas)) {
    case 5: // Friday: Boxing Day on Saturday moves to Monday
      result.push({ date: fromDayNumber(christmas), name: 'Christmas Day' });
      result.push({ date: fromDayNumber(christmas + 3), name: 'Boxing Day (substitute day)' });
      break;
    case 6: // Saturday: both move to Monday and Tuesday
      result.push({ date: fromDayNumber(christmas + 2), name: 'Christmas Day (substitute day)' });
      result.push({ date: fromDayNumber(christmas + 3), name: 'Boxing Day (substitute day)' });
      break;
    case 0: // Sunday: Boxing Day on Monday, Christmas substitute on Tuesday
      result.push({ date: fromDayNumber(christmas + 1), name: 'Boxing Day' });
      result.push({ date: fromDayNumber(christmas + 2), name: 'Christmas Day (substitute day)' });
      break;
    default:
      result.push({ date: fromDayNumber(christmas), name: 'Christmas Day' });
      result.push({ date: fromDayNumber(christmas + 1), name: 'Boxing Day' });
  }
  return result;
}

const holidayDays = new Set<number>();
for (const h of ENGLAND_BANK_HOLIDAYS) holidayDays.add(toDayNumber(h.date));
const extrapolatedYears = new Set<number>();

function ensureYear(year: number): void {
  if ((year >= FIRST_COVERED_YEAR && year <= LAST_COVERED_YEAR) || extrapolatedYears.has(year)) return;
  extrapolatedYears.add(year);
  for (const h of standardEnglandHolidays(year)) holidayDays.add(toDayNumber(h.date));
}

// Day numbers of 1 January for the covered range, to find a day's year quickly without date parsing.
const coveredStart = dayNumberFromParts(FIRST_COVERED_YEAR, 1, 1);
const coveredEnd = dayNumberFromParts(LAST_COVERED_YEAR, 12, 31);

export function isWorkingDayNumber(day: number): boolean {
  const dow = dayOfWeek(day);
  if (dow === 0 || dow === 6) return false;
  if (day < coveredStart || day > coveredEnd) ensureYear(Number(fromDayNumber(day).slice(0, 4)));
  return !holidayDays.has(day);
}

export function isWorkingDay(date: IsoDate): boolean {
  return isWorkingDayNumber(toDayNumber(date));
}

/** The bank holidays of England within a year (published list, or the standing rules outside it). */
export function bankHolidaysIn(year: number): BankHoliday[] {
  if (year >= FIRST_COVERED_YEAR && year <= LAST_COVERED_YEAR) {
    return ENGLAND_BANK_HOLIDAYS.filter((h) => h.date.startsWith(`${year}-`));
  }
  return standardEnglandHolidays(year);
}

/**
 * The date `count` working days after `date` (the starting day itself never counts, so care starting on
 * Monday 2024-01-08 gives the 20th working day 2024-02-05). A negative count goes backwards.
 */
export function addWorkingDaysToDayNumber(day: number, count: number): number {
  const step = count >= 0 ? 1 : -1;
  let remaining = Math.abs(count);
  let current = day;
  while (remaining > 0) {
    current += step;
    if (isWorkingDayNumber(current)) remaining -= 1;
  }
  return current;
}

export function addWorkingDays(date: IsoDate, count: number): IsoDate {
  return fromDayNumber(addWorkingDaysToDayNumber(toDayNumber(date), count));
}

/**
 * Working days after `from` up to and including `to` (0 when `to` is not after `from`): the number of
 * working days a response took, counted as the timescales are.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  const start = toDayNumber(from);
  const end = toDayNumber(to);
  let count = 0;
  for (let d = start + 1; d <= end; d += 1) if (isWorkingDayNumber(d)) count += 1;
  return count;
}
