// The report loader's string sharing: one copy of each value, and never a different value in its place,
// whatever the text (dates that are not real dates, years outside the quick range, codes and ids).

import { describe, expect, it } from 'vitest';
import { SharedStrings } from '../../src/db/rows.ts';

/** A new string with the same characters, as the database driver gives for each row. */
const fresh = (text: string) => text.split('').join('');

describe('SharedStrings', () => {
  it('gives back the first copy of each value, and the value itself', () => {
    const strings = new SharedStrings();
    for (const value of ['2024-03-31', '1900-01-01', '2199-12-31', 'PN1', '1002942', '', '1899-12-31', '2200-01-01']) {
      const first = strings.of(fresh(value));
      expect(first).toBe(value);
      expect(strings.of(fresh(value))).toBe(first);
    }
    expect(strings.of(null)).toBeNull();
    expect(strings.of(undefined)).toBeNull();
  });

  it('keeps a date-shaped text that is not a real date apart from the real date it would share a place with', () => {
    const strings = new SharedStrings();
    // The 13th month of 2020 is worked out to the place of January 2021, the 32nd of January to 1 February.
    expect(strings.of(fresh('2021-01-01'))).toBe('2021-01-01');
    expect(strings.of(fresh('2020-13-01'))).toBe('2020-13-01');
    expect(strings.of(fresh('2020-02-01'))).toBe('2020-02-01');
    expect(strings.of(fresh('2020-01-32'))).toBe('2020-01-32');
    expect(strings.of(fresh('2021-01-01'))).toBe('2021-01-01');
    expect(strings.of(fresh('2020-00-10'))).toBe('2020-00-10');
    expect(strings.of(fresh('20x0-01-01'))).toBe('20x0-01-01');
  });
});
