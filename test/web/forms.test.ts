// Reading a GOV.UK date input (day, month and year boxes): nothing typed is no date; a missing part is named;
// a year of fewer than four numbers is asked for in full; anything else that is not a day on the calendar is
// not a real date.

import { describe, expect, it } from 'vitest';
import { dateFromParts } from '../../src/web/forms.ts';

const read = (day: string, month: string, year: string) => dateFromParts({ 'from-day': day, 'from-month': month, 'from-year': year }, 'from');

describe('a date typed in three boxes', () => {
  it('reads a real date, with or without leading zeros and spaces', () => {
    expect(read('1', '4', '2024')).toEqual({ value: '2024-04-01', problem: null });
    expect(read(' 09 ', '03', '2025')).toEqual({ value: '2025-03-09', problem: null });
    expect(read('29', '2', '2024')).toEqual({ value: '2024-02-29', problem: null });
  });

  it('is no date, and no problem, when nothing is typed', () => {
    expect(read('', '', '')).toEqual({ value: null, problem: null });
  });

  it('names the parts that are missing', () => {
    expect(read('1', '', '2024').problem).toBe('must include a month');
    expect(read('', '', '2024').problem).toBe('must include a day and month');
    expect(read('', '4', '').problem).toBe('must include a day and year');
    expect(read('1', '4', '').problem).toBe('must include a year');
  });

  it('asks for a year in four numbers', () => {
    expect(read('1', '4', '24').problem).toBe('must have a year with 4 numbers, like 2024');
    expect(read('1', '4', '202').problem).toBe('must have a year with 4 numbers, like 2024');
  });

  it('refuses what is not a day on the calendar', () => {
    for (const [d, m, y] of [
      ['31', '2', '2024'],
      ['29', '2', '2023'],
      ['1', '13', '2024'],
      ['0', '4', '2024'],
      ['one', '4', '2024'],
      ['1', '4', '20245'],
    ]) {
      expect(read(d!, m!, y!)).toEqual({ value: null, problem: 'must be a real date' });
    }
  });
});
