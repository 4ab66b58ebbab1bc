// The one rounding of percentages the report and the dashboard share.
import { describe, expect, it } from 'vitest';
import { percentage } from '../../src/domain/percentages.ts';

describe('a percentage', () => {
  it('has one decimal place, rounded half up (so 1,999 of 2,000 shows as 100)', () => {
    expect(percentage(199, 200)).toBe(99.5);
    expect(percentage(57, 200)).toBe(28.5);
    expect(percentage(1, 3)).toBe(33.3);
    expect(percentage(2, 3)).toBe(66.7);
    expect(percentage(1999, 2000)).toBe(100);
    expect(percentage(0, 5)).toBe(0);
  });
  it('is null when there is nothing to divide by', () => {
    expect(percentage(0, 0)).toBeNull();
  });
});
