// Reading a GOV.UK date input (day, month and year boxes): nothing typed is no date; a missing part is named;
// a year of fewer than four numbers is asked for in full; anything else that is not a day on the calendar is
// not a real date.

import { describe, expect, it } from 'vitest';
import { addDateError, dateFromParts, noErrors } from '../../src/web/forms.ts';

const read = (day: string, month: string, year: string) => dateFromParts({ 'from-day': day, 'from-month': month, 'from-year': year }, 'from');

describe('a date typed in three boxes', () => {
  it('reads a real date, with or without leading zeros and spaces', () => {
    expect(read('1', '4', '2024')).toEqual({ value: '2024-04-01', problem: null, parts: [] });
    expect(read(' 09 ', '03', '2025')).toEqual({ value: '2025-03-09', problem: null, parts: [] });
    expect(read('29', '2', '2024')).toEqual({ value: '2024-02-29', problem: null, parts: [] });
  });

  it('is no date, and no problem, when nothing is typed', () => {
    expect(read('', '', '')).toEqual({ value: null, problem: null, parts: [] });
  });

  it('names the parts that are missing', () => {
    expect(read('1', '', '2024').problem).toBe('must include a month');
    expect(read('', '', '2024').problem).toBe('must include a day and month');
    expect(read('', '4', '').problem).toBe('must include a day and year');
    expect(read('1', '4', '').problem).toBe('must include a year');
    // Only the boxes left empty are at fault, so only they are highlighted and the summary links to the first.
    expect(read('', '', '2024').parts).toEqual(['day', 'month']);
    expect(read('1', '4', '').parts).toEqual(['year']);
  });

  it('asks for a year in four numbers', () => {
    expect(read('1', '4', '24').problem).toBe('must have a year with 4 numbers, like 2024');
    expect(read('1', '4', '202').problem).toBe('must have a year with 4 numbers, like 2024');
    expect(read('1', '4', '24').parts).toEqual(['year']);
  });

  it('refuses what is not a day on the calendar, naming the box at fault', () => {
    for (const [d, m, y, parts] of [
      // Each box is fine, but together they are no day on the calendar: the whole date is at fault.
      ['31', '2', '2024', ['day', 'month', 'year']],
      ['29', '2', '2023', ['day', 'month', 'year']],
      ['1', '13', '2024', ['month']],
      ['0', '4', '2024', ['day']],
      ['one', '4', '2024', ['day']],
      ['32', '0', '2024', ['day', 'month']],
      ['1', '4', '20245', ['year']],
    ] as const) {
      expect(read(d, m, y)).toEqual({ value: null, problem: 'must be a real date', parts });
    }
  });
});

describe('a date error', () => {
  it('links to the first box at fault and names the boxes to highlight', () => {
    const errors = addDateError(noErrors(), 'from', 'The start date must include a month', ['month']);
    expect(errors.list).toEqual([{ text: 'The start date must include a month', href: '#from-month' }]);
    expect(errors.byField.from).toEqual({ text: 'The start date must include a month', parts: ['month'] });
    // A problem with the date as a whole (say, in the future) is all three boxes'.
    expect(addDateError(noErrors(), 'to', 'The end date must be today or in the past').list[0]!.href).toBe('#to-day');
    expect(addDateError(noErrors(), 'to', 'x').byField.to!.parts).toEqual(['day', 'month', 'year']);
  });
});
