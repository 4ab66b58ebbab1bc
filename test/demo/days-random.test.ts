import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isWorkingDayNumber } from '../../src/domain/calendar.ts';
import { addMonths, ageInYears, fromDayNumber, toDayNumber } from '../../src/domain/dates.ts';
import { addMonthsToDay, birthday, iso, workingDayOnOrAfter, workingDayOnOrBefore } from '../../src/demo/days.ts';
import { mixSeed, Random, Weighted } from '../../src/demo/random.ts';

const day = fc.integer({ min: toDayNumber('1990-01-01'), max: toDayNumber('2035-12-31') });

describe('day-number arithmetic of the demo generator', () => {
  it('adds months exactly as the domain does', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -240, max: 240 }), (d, months) => {
        expect(fromDayNumber(addMonthsToDay(d, months))).toBe(addMonths(fromDayNumber(d), months));
      }),
    );
    expect(fromDayNumber(addMonthsToDay(toDayNumber('2023-08-31'), 6))).toBe('2024-02-29');
  });

  it('finds birthdays as ageInYears counts them, 29 February included', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 20 }), (dob, age) => {
        const b = birthday(dob, age);
        expect(ageInYears(fromDayNumber(dob), fromDayNumber(b))).toBe(age);
        expect(ageInYears(fromDayNumber(dob), fromDayNumber(b - 1))).toBe(age - 1);
      }),
    );
    expect(fromDayNumber(birthday(toDayNumber('2008-02-29'), 18))).toBe('2026-03-01');
  });

  it('moves to working days in the right direction', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 30 }), (d, room) => {
        const before = workingDayOnOrBefore(d, d - room);
        const after = workingDayOnOrAfter(d);
        expect(isWorkingDayNumber(after)).toBe(true);
        expect(after).toBeGreaterThanOrEqual(d);
        expect(before).toBeGreaterThanOrEqual(d - room);
        if (before <= d) expect(isWorkingDayNumber(before)).toBe(true);
      }),
    );
    // Christmas 2024 falls on a Wednesday: the working day before Boxing Day is Christmas Eve.
    expect(fromDayNumber(workingDayOnOrBefore(toDayNumber('2024-12-26'), toDayNumber('2024-12-01')))).toBe('2024-12-24');
  });

  it('shares one string per date', () => {
    const d = toDayNumber('2024-05-05');
    expect(iso(d)).toBe('2024-05-05');
    expect(iso(d)).toBe(iso(d));
  });
});

describe('the seeded random numbers', () => {
  it('repeat for the same seed and stream, and differ otherwise', () => {
    const draw = (seed: number, stream: string) => {
      const r = new Random(seed, stream);
      return Array.from({ length: 5 }, () => r.nextUint32());
    };
    expect(draw(1, 'a')).toEqual(draw(1, 'a'));
    expect(draw(1, 'a')).not.toEqual(draw(1, 'b'));
    expect(draw(1, 'a')).not.toEqual(draw(2, 'a'));
    expect(mixSeed(2 ** 40 + 1, 'x')).not.toBe(mixSeed(1, 'x'));
    // Fixed values: the generator must not change silently, or every demo register would change with it.
    expect(draw(2026, 'children')).toMatchInlineSnapshot(`
      [
        3053719877,
        4020398699,
        1819395103,
        2542121587,
        1608707873,
      ]
    `);
  });

  it('draw in [0, 1), integers in range, and weighted outcomes in their shares', () => {
    const r = new Random(7);
    const table = new Weighted([
      ['a', 1],
      ['b', 3],
    ] as const);
    let b = 0;
    for (let i = 0; i < 20_000; i += 1) {
      const u = r.next();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      const n = r.int(3, 5);
      expect(n >= 3 && n <= 5).toBe(true);
      if (table.sample(r) === 'b') b += 1;
    }
    expect(b / 20_000).toBeGreaterThan(0.73);
    expect(b / 20_000).toBeLessThan(0.77);
    expect(table.share('b')).toBeCloseTo(0.75);
  });
});
