import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  addMonths,
  ageInYears,
  formatUkDate,
  fromDayNumber,
  isIsoDate,
  parseUkDate,
  toDayNumber,
} from '../../src/domain/dates.ts';

describe('dates', () => {
  it('adds months to the corresponding date, clamped to the end of a shorter month', () => {
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2024-02-05', 3)).toBe('2024-05-05');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-12-15', 3)).toBe('2025-03-15');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
  });

  it('round-trips day numbers for every date 1900–2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: toDayNumber('1900-01-01'), max: toDayNumber('2100-12-31') }), (day) => {
        const iso = fromDayNumber(day);
        expect(isIsoDate(iso)).toBe(true);
        expect(toDayNumber(iso)).toBe(day);
        expect(addDays(iso, 1) > iso).toBe(true);
      }),
    );
  });

  it('rejects dates that do not exist', () => {
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(() => toDayNumber('2024-13-01')).toThrow(/not a real date/);
    // Days past 31 are not the next month's first days, however the digits are read.
    for (const day of ['32', '35', '39', '00']) {
      expect(isIsoDate(`2020-01-${day}`), day).toBe(false);
      expect(() => toDayNumber(`2020-01-${day}`), day).toThrow(/not a real date/);
    }
    expect(isIsoDate('2020-04-31')).toBe(false);
    expect(isIsoDate('2020-01-31')).toBe(true);
    expect(toDayNumber('2020-02-01') - toDayNumber('2020-01-31')).toBe(1);
    // Outside the years read by arithmetic, the same rules.
    expect(isIsoDate('1899-02-29')).toBe(false);
    expect(isIsoDate('2400-02-29')).toBe(true);
    expect(parseUkDate('31/04/2024')).toBeNull();
    expect(parseUkDate('05/02/2024')).toBe('2024-02-05');
    expect(formatUkDate('2024-02-05')).toBe('05/02/2024');
  });

  it('counts age in whole years, a 29 February birthday from 1 March', () => {
    expect(ageInYears('2020-05-10', '2024-05-09')).toBe(3);
    expect(ageInYears('2020-05-10', '2024-05-10')).toBe(4);
    expect(ageInYears('2020-02-29', '2023-02-28')).toBe(2);
    expect(ageInYears('2020-02-29', '2023-03-01')).toBe(3);
  });
});
