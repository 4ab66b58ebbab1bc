// The reviews behind the timeliness figures, one row each, worked out by hand: due dates from the regulations,
// days late in calendar days, and the IRO who chaired (or, with no chair recorded, held the child that day).

import { describe, expect, it } from 'vitest';
import { reviewTimelinessRows } from '../../src/reports/review-timeliness.ts';
import { STAFF, allocation, childRecord, episode, held } from './builders.ts';

describe('review timeliness rows', () => {
  // Care from Monday 8 January 2024: first review due 5 February (20 working days), then within 3 months.
  const record = childRecord(
    'T1',
    {},
    [episode('2024-01-08')],
    [
      held('T1', '2024-02-05', 'PN1'),
      held('T1', '2024-05-07', 'PN6', { chairId: 3 }),
      held('T1', '2024-08-01', null),
    ],
    // Ada holds the child to 7 May, the day of the second review; Ben from 8 May.
    [allocation('T1', 1, '2024-01-08', '2024-05-07'), allocation('T1', 2, '2024-05-08')],
  );

  it('gives each review held in the period with its due date, timeliness and IRO', () => {
    const rows = reviewTimelinessRows({ children: [record], staff: STAFF }, { from: '2024-01-01', to: '2024-12-31' });
    expect(rows).toEqual([
      { child: 'T1', reviewDate: '2024-02-05', dueDate: '2024-02-05', withinTimescale: 'Y', daysLate: 0, participationCode: 'PN1', iro: 'Ada Iro' },
      // Due 3 months after 5 February; held two days late, chaired by Cal though Ada held the child that day.
      { child: 'T1', reviewDate: '2024-05-07', dueDate: '2024-05-05', withinTimescale: 'N', daysLate: 2, participationCode: 'PN6', iro: 'Cal Iro' },
      { child: 'T1', reviewDate: '2024-08-01', dueDate: '2024-11-07', withinTimescale: 'Y', daysLate: 0, participationCode: '', iro: 'Ben Iro' },
    ]);
  });

  it('names the IRO who held the child on the last day of their allocation', () => {
    const handover = { ...record, reviews: [held('T1', '2024-02-05'), held('T1', '2024-05-07')] };
    const rows = reviewTimelinessRows({ children: [handover], staff: STAFF }, { from: '2024-05-01', to: '2024-05-31' });
    expect(rows.map((r) => [r.reviewDate, r.iro])).toEqual([['2024-05-07', 'Ada Iro']]);
  });

  it('leaves out reviews outside the period', () => {
    expect(reviewTimelinessRows({ children: [record], staff: STAFF }, { from: '2024-06-01', to: '2024-07-31' })).toEqual([]);
  });
});
