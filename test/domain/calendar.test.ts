import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ENGLAND_BANK_HOLIDAYS } from '../../src/domain/bank-holidays-england.ts';
import {
  addWorkingDays,
  bankHolidaysIn,
  easterSunday,
  isWorkingDay,
  standardEnglandHolidays,
  workingDaysBetween,
} from '../../src/domain/calendar.ts';
import { addDays, dayOfWeek, toDayNumber } from '../../src/domain/dates.ts';

// Days that differ from the standing rules, by royal proclamation: [added, removed] per year.
const PROCLAIMED_CHANGES: Record<number, { added: string[]; removed: string[] }> = {
  2011: { added: ['2011-04-29'], removed: [] },
  2012: { added: ['2012-06-04', '2012-06-05'], removed: ['2012-05-28'] },
  2020: { added: ['2020-05-08'], removed: ['2020-05-04'] },
  2022: { added: ['2022-06-02', '2022-06-03', '2022-09-19'], removed: ['2022-05-30'] },
  2023: { added: ['2023-05-08'], removed: [] },
};

// Easter Sunday as published, to check the algorithm the calendar extrapolates with.
const EASTER: Record<number, string> = {
  2010: '2010-04-04', 2011: '2011-04-24', 2012: '2012-04-08', 2013: '2013-03-31', 2014: '2014-04-20',
  2015: '2015-04-05', 2016: '2016-03-27', 2017: '2017-04-16', 2018: '2018-04-01', 2019: '2019-04-21',
  2020: '2020-04-12', 2021: '2021-04-04', 2022: '2022-04-17', 2023: '2023-04-09', 2024: '2024-03-31',
  2025: '2025-04-20', 2026: '2026-04-05', 2027: '2027-03-28', 2028: '2028-04-16', 2029: '2029-04-01',
  2030: '2030-04-21',
};

const YEARS = Array.from({ length: 21 }, (_, i) => 2010 + i);

describe('England bank holidays, year by year', () => {
  it.each(YEARS)('%i: the published list is the standing rules plus the proclaimed changes', (year) => {
    const listed = bankHolidaysIn(year).map((h) => h.date).sort();
    const change = PROCLAIMED_CHANGES[year] ?? { added: [], removed: [] };
    const expected = standardEnglandHolidays(year)
      .map((h) => h.date)
      .filter((d) => !change.removed.includes(d))
      .concat(change.added)
      .sort();
    expect(listed).toEqual(expected);
    expect(easterSunday(year)).toBe(EASTER[year]);
    for (const date of listed) {
      const dow = dayOfWeek(toDayNumber(date));
      expect(dow, `${date} falls on a weekend`).not.toBe(0);
      expect(dow, `${date} falls on a weekend`).not.toBe(6);
      expect(isWorkingDay(date)).toBe(false);
    }
  });

  it('has no date twice and only dates of 2010–2030', () => {
    const dates = ENGLAND_BANK_HOLIDAYS.map((h) => h.date);
    expect(new Set(dates).size).toBe(dates.length);
    expect(dates.every((d) => d >= '2010-01-01' && d <= '2030-12-31')).toBe(true);
  });

  it('includes the one-off and substitute days named in the regulations notes', () => {
    for (const d of ['2022-06-03', '2022-09-19', '2023-05-08', '2022-12-27', '2026-12-28', '2011-04-29', '2012-06-05']) {
      expect(isWorkingDay(d), d).toBe(false);
    }
    // The usual late May Monday was moved in 2012 and 2022, so it was a working day.
    expect(isWorkingDay('2012-05-28')).toBe(true);
    expect(isWorkingDay('2022-05-30')).toBe(true);
  });

  it('extrapolates beyond the published list by the standing rules', () => {
    expect(isWorkingDay('2031-12-25')).toBe(false);
    expect(isWorkingDay('2031-04-11')).toBe(false); // Good Friday 2031 (Easter 13 April)
    expect(isWorkingDay('2009-12-25')).toBe(false);
  });
});

describe('working days', () => {
  it('counts the examples of the regulations notes', () => {
    expect(addWorkingDays('2024-01-08', 20)).toBe('2024-02-05');
    expect(addWorkingDays('2023-11-30', 20)).toBe('2024-01-02');
  });

  it('skips weekends and the jubilee and funeral days of 2022', () => {
    expect(addWorkingDays('2022-06-01', 1)).toBe('2022-06-06');
    expect(addWorkingDays('2022-09-16', 1)).toBe('2022-09-20');
    expect(addWorkingDays('2024-01-08', 0)).toBe('2024-01-08');
    expect(addWorkingDays('2024-01-08', -1)).toBe('2024-01-05');
  });

  it('workingDaysBetween inverts addWorkingDays', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8000 }), fc.integer({ min: 0, max: 60 }), (offset, n) => {
        const from = addDays('2010-01-01', offset);
        expect(workingDaysBetween(from, addWorkingDays(from, n))).toBe(n);
      }),
    );
  });

  it('the result of adding working days is always a working day after the start', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8000 }), fc.integer({ min: 1, max: 60 }), (offset, n) => {
        const from = addDays('2010-01-01', offset);
        const to = addWorkingDays(from, n);
        expect(isWorkingDay(to)).toBe(true);
        expect(to > from).toBe(true);
      }),
    );
  });
});
