// Statutory dates are calendar dates in England with no time of day: plain ISO strings ("YYYY-MM-DD")
// in the domain, and whole day numbers (days since 1970-01-01) for arithmetic. Nothing here reads the
// machine's time zone, so a due date is the same on every server.

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class InvalidDateError extends Error {
  readonly code = 'INVALID_DATE';
  constructor(readonly value: string) {
    super(`"${value}" is not a real date in the form YYYY-MM-DD`);
  }
}

/** Days in a month of the proleptic Gregorian calendar; month is 1–12. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to the given civil date (Howard Hinnant's algorithm; exact for any year). */
export function dayNumberFromParts(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function partsFromDayNumber(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

// Records repeat the same few thousand dates millions of times, so a date of the years 1900 to 2199 is read
// by arithmetic on its characters into a slot of a table of day numbers, filled as dates are first met: no
// regular expression and no hashing of the string. Other years take the long way.
const SLOT_FIRST_YEAR = 1900;
const SLOT_YEARS = 300;
export const DATE_SLOTS = SLOT_YEARS * 12 * 31;
const UNSET = 0x7fffffff;
const NOT_REAL = 0x7ffffffe;
const slotDays = new Int32Array(DATE_SLOTS).fill(UNSET);

/**
 * Where a "YYYY-MM-DD" string of the years 1900 to 2199 with a month of 1 to 12 and a day of 1 to 31 is kept
 * (not yet checked to be a real date, such as 31 April), else -1.
 */
export function dateSlot(text: string): number {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return -1;
  let year = 0;
  for (let i = 0; i < 4; i += 1) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    year = year * 10 + digit;
  }
  const m1 = text.charCodeAt(5) - 48;
  const m2 = text.charCodeAt(6) - 48;
  const d1 = text.charCodeAt(8) - 48;
  const d2 = text.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 1 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 3 || d2 < 0 || d2 > 9) return -1;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  // Days 32 to 39 would land in the next month's slots: each slot must hold one string only.
  if (year < SLOT_FIRST_YEAR || year >= SLOT_FIRST_YEAR + SLOT_YEARS || month < 1 || month > 12 || day < 1 || day > 31) return -1;
  return ((year - SLOT_FIRST_YEAR) * 12 + month - 1) * 31 + day - 1;
}

/** The day number kept in a slot, worked out the first time; NOT_REAL for a day the month does not have. */
function slotDayNumber(slot: number): number {
  const known = slotDays[slot]!;
  if (known !== UNSET) return known;
  const day = (slot % 31) + 1;
  const month = (Math.floor(slot / 31) % 12) + 1;
  const year = Math.floor(slot / (31 * 12)) + SLOT_FIRST_YEAR;
  const value = day > daysInMonth(year, month) ? NOT_REAL : dayNumberFromParts(year, month, day);
  slotDays[slot] = value;
  return value;
}

export function isIsoDate(value: string): boolean {
  const slot = dateSlot(value);
  if (slot !== -1) return slotDayNumber(slot) !== NOT_REAL;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month);
}

// Formatted dates are remembered too; the cache is bounded by the calendar, not by the data.
const CACHE_FIRST_DAY = -25567; // 1900-01-01
const CACHE_LAST_DAY = 47482; // 2099-12-31
const formattedDays: (string | undefined)[] = new Array(CACHE_LAST_DAY - CACHE_FIRST_DAY + 1);

/** Parses an ISO date, throwing InvalidDateError for anything that is not a real calendar date. */
export function toDayNumber(date: IsoDate): number {
  const slot = dateSlot(date);
  if (slot !== -1) {
    const day = slotDayNumber(slot);
    if (day === NOT_REAL) throw new InvalidDateError(date);
    return day;
  }
  return parseDayNumber(date);
}

function parseDayNumber(date: IsoDate): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new InvalidDateError(date);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw new InvalidDateError(date);
  return dayNumberFromParts(year, month, day);
}

export function fromDayNumber(dayNumber: number): IsoDate {
  const inCache = dayNumber >= CACHE_FIRST_DAY && dayNumber <= CACHE_LAST_DAY;
  if (inCache) {
    const cached = formattedDays[dayNumber - CACHE_FIRST_DAY];
    if (cached !== undefined) return cached;
  }
  const { year, month, day } = partsFromDayNumber(dayNumber);
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (inCache) formattedDays[dayNumber - CACHE_FIRST_DAY] = iso;
  return iso;
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function dayOfWeek(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/**
 * The corresponding date `months` later, clamped to the last day of a shorter month
 * (2023-08-31 + 6 months = 2024-02-29), as the regulations' "months" are read.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  return fromDayNumber(addMonthsToDayNumber(toDayNumber(date), months));
}

/** 1 April of the financial year (April to March) a date falls in. */
export function financialYearStart(date: IsoDate): IsoDate {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 4 ? `${year}-04-01` : `${year - 1}-04-01`;
}

/** addMonths on day numbers, for the clock's inner loop. */
export function addMonthsToDayNumber(dayNumber: number, months: number): number {
  const { year, month, day } = partsFromDayNumber(dayNumber);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = (index % 12) + 1;
  return dayNumberFromParts(newYear, newMonth, Math.min(day, daysInMonth(newYear, newMonth)));
}

/** Whole years of age on a date: the birthday counts from the day itself (29 February birthdays from 1 March). */
export function ageInYears(dateOfBirth: IsoDate, on: IsoDate): number {
  // Both must be real dates (toDayNumber throws otherwise); the age is then read off their digits, with no
  // objects made: the report works out the age of every review's child.
  toDayNumber(dateOfBirth);
  toDayNumber(on);
  const age = digitsAt(on, 0, 4) - digitsAt(dateOfBirth, 0, 4);
  const monthDay = digitsAt(on, 5, 2) * 100 + digitsAt(on, 8, 2);
  const birthday = digitsAt(dateOfBirth, 5, 2) * 100 + digitsAt(dateOfBirth, 8, 2);
  return monthDay < birthday ? age - 1 : age;
}

/** The number written by `count` digits from `start` of a date already known to be "YYYY-MM-DD". */
function digitsAt(date: IsoDate, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i += 1) value = value * 10 + date.charCodeAt(i) - 48;
  return value;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

/** Dates in dd/mm/yyyy, as the DfE return writes them. Returns null when the text is not a real date. */
export function parseUkDate(text: string): IsoDate | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

export function formatUkDate(date: IsoDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}
