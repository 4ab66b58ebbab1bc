// Laying a return over what the register holds for a child, without a database: which episodes the return
// replaces, which reviews it updates, and what it leaves alone.

import { describe, expect, it } from 'vitest';
import type { ChildRecord } from '../../src/domain/register.ts';
import { parseCollectionYear } from '../../src/ssda903/collection-year.ts';
import { coverage, mergeChildRecord, mergeReviews } from '../../src/ssda903/merge.ts';
import { buildChild, buildEpisode, buildReview } from '../support/builders.ts';

const y2425 = parseCollectionYear('2024-25');
const ep = (start: string, end: string | null, placementType = 'U4') => buildEpisode({ start, end, reasonCeased: end ? 'X1' : null, placementType, reasonNewEpisode: 'P' });

describe('merging a return into a child record', () => {
  const existing: ChildRecord = {
    child: buildChild({ id: 'C1', givenName: 'Alex', ethnicity: 'WBRI' }),
    episodes: [ep('2019-01-01', '2020-01-01'), ep('2023-06-01', null), ep('2024-07-01', null, 'K2')],
    allocations: [{ childId: 'C1', iroId: 4, from: '2019-01-03', to: null, reason: null }],
    reviews: [
      buildReview({ childId: 'C1', heldDate: '2024-06-01', participationCode: 'PN1', chairId: 4, format: 'virtual' }),
      buildReview({ childId: 'C1', heldDate: null, bookedDate: '2024-12-01', status: 'booked', participationCode: null }),
      buildReview({ childId: 'C1', heldDate: null, bookedDate: '2025-06-01', status: 'booked', participationCode: null }),
    ],
  };
  const incoming: ChildRecord = {
    child: buildChild({ id: 'C1', givenName: null, ethnicity: 'WOTH' }),
    episodes: [ep('2023-06-01', '2024-09-01'), ep('2024-09-01', null, 'U6')],
    allocations: [],
    reviews: [
      buildReview({ childId: 'C1', heldDate: '2024-06-01', participationCode: null, chairId: null, format: null }),
      buildReview({ childId: 'C1', heldDate: '2024-12-01', participationCode: 'PN6', bookedDate: null, chairId: null, format: null }),
      buildReview({ childId: 'C1', heldDate: '2025-03-01', participationCode: 'PN7', bookedDate: null, chairId: null, format: null }),
    ],
  };

  it('covers the collection year and back to the earliest episode it reports', () => {
    expect(coverage(incoming, y2425)).toEqual({ from: '2023-06-01', to: '2025-03-31' });
  });

  it("replaces the register's episodes in what the return covers and keeps the others", () => {
    const merged = mergeChildRecord(existing, incoming, y2425);
    expect(merged.episodes.map((e) => [e.start, e.end, e.placementType])).toEqual([
      ['2019-01-01', '2020-01-01', 'U4'],
      ['2023-06-01', '2024-09-01', 'U4'],
      ['2024-09-01', null, 'U6'],
    ]);
    expect(merged.child).toMatchObject({ givenName: 'Alex', ethnicity: 'WOTH' });
    expect(merged.allocations).toBe(existing.allocations);
  });

  it('keeps how an episode open on the return’s 31 March ended, when the register knows from a later year', () => {
    // The register holds 2024-25's record: the episode from October 2023 ended on 1 June 2024 (X1), and a new one began.
    const later: ChildRecord = { ...existing, episodes: [ep('2023-10-01', '2024-06-01'), ep('2024-06-01', null, 'U6')] };
    // The 2023-24 return, imported again (or after 2024-25), gives the episode as still open on 31 March 2024.
    const earlier: ChildRecord = { ...incoming, episodes: [ep('2023-10-01', null)], reviews: [] };
    const merged = mergeChildRecord(later, earlier, parseCollectionYear('2023-24'));
    expect(merged.episodes.map((e) => [e.start, e.end, e.placementType])).toEqual([
      ['2023-10-01', '2024-06-01', 'U4'],
      ['2024-06-01', null, 'U6'],
    ]);
    // An end within the return's own year is the return's to give: the register's open copy is replaced.
    const ended: ChildRecord = { ...incoming, episodes: [ep('2023-10-01', '2024-02-01')], reviews: [] };
    expect(mergeChildRecord(later, ended, parseCollectionYear('2023-24')).episodes.map((e) => [e.start, e.end])).toEqual([
      ['2023-10-01', '2024-02-01'],
      ['2024-06-01', null],
    ]);
  });

  it('updates reviews held or booked on the same dates, adds the rest, and keeps what IRO Desk recorded', () => {
    const reviews = mergeReviews(existing.reviews, incoming.reviews);
    expect(reviews.map((r) => [r.status, r.heldDate, r.bookedDate, r.participationCode, r.chairId, r.format])).toEqual([
      ['held', '2024-06-01', '2023-04-28', 'PN1', 4, 'virtual'],
      ['held', '2024-12-01', '2024-12-01', 'PN6', existing.reviews[1]!.chairId, existing.reviews[1]!.format],
      ['booked', null, '2025-06-01', null, existing.reviews[2]!.chairId, existing.reviews[2]!.format],
      ['held', '2025-03-01', null, 'PN7', null, null],
    ]);
  });

  it('gives held reviews the due dates of the merged episodes', () => {
    const merged = mergeChildRecord(null, { ...incoming, reviews: [incoming.reviews[1]!] }, y2425);
    expect(merged.reviews[0]!.dueDate).not.toBeNull();
  });
});
