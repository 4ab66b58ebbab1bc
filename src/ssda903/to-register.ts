// A return's rows as the register's records: each Header child with their UASC details, their episodes and
// the reviews held, each review with the participation code of the return and the due date the review
// clock gives it. Pure: the rows have passed the structural checks (see read.ts) before they come here.

import type { ParticipationCode } from '../domain/codes.ts';
import type { IsoDate } from '../domain/dates.ts';
import type { ChildRecord, Episode, Review } from '../domain/register.ts';
import { reviewSchedule } from '../domain/review-clock.ts';
import { sexFromReturn } from './code-lists.ts';
import type { LoadedReturn } from './read.ts';
import { groupByChild, type EpisodeRow, type UascRow } from './rows.ts';

export function episodeFromRow(row: EpisodeRow): Episode {
  return {
    start: row.DECOM!,
    reasonNewEpisode: row.RNE ?? '',
    legalStatus: row.LS ?? '',
    categoryOfNeed: row.CIN ?? '',
    placementType: row.PLACE ?? '',
    placementProvider: row.PLACE_PROVIDER,
    end: row.DEC,
    reasonCeased: row.REC,
    reasonPlacementChange: row.REASON_PLACE_CHANGE,
    homePostcode: row.HOME_POST,
    placementPostcode: row.PL_POST,
    urn: row.URN,
  };
}

export function heldReview(childId: string, heldDate: IsoDate, participationCode: ParticipationCode | null): Review {
  return {
    childId,
    dueDate: null,
    bookedDate: null,
    heldDate,
    status: 'held',
    participationCode,
    chairId: null,
    format: null,
    rearrangements: [],
  };
}

/**
 * Sets the due date of every held review from the review clock over the child's episodes; a review held
 * while the child was not looked after has none. Other reviews keep theirs.
 */
export function withDueDates(episodes: readonly Episode[], reviews: readonly Review[], asOf: IsoDate): Review[] {
  const held = reviews.map((r, index) => ({ r, index })).filter((x) => x.r.status === 'held' && x.r.heldDate !== null);
  const schedule = reviewSchedule(episodes, held.map((x) => x.r.heldDate!), asOf);
  const due = new Map<number, IsoDate>();
  for (const s of schedule.reviews) if (s.heldIndex !== null) due.set(held[s.heldIndex]!.index, s.dueDate);
  return reviews.map((r, index) => (r.status === 'held' && r.heldDate !== null ? { ...r, dueDate: due.get(index) ?? null } : r));
}

/** The register's records for a return, one per Header child, in the order of the Header table. */
export function recordsFromReturn(loaded: Pick<LoadedReturn, 'year' | 'header' | 'episodes' | 'reviews' | 'uasc'>): ChildRecord[] {
  const episodes = groupByChild(loaded.episodes);
  const reviews = groupByChild(loaded.reviews);
  const uasc = new Map<string, UascRow>();
  for (const row of loaded.uasc) if (!uasc.has(row.CHILD)) uasc.set(row.CHILD, row);
  const records: ChildRecord[] = [];
  const seen = new Set<string>();
  for (const row of loaded.header) {
    if (seen.has(row.CHILD)) continue;
    seen.add(row.CHILD);
    const uascRow = uasc.get(row.CHILD);
    const childEpisodes = (episodes.get(row.CHILD) ?? []).filter((e) => e.DECOM !== null).map(episodeFromRow);
    const heldDates = new Set<IsoDate>();
    const childReviews: Review[] = [];
    for (const r of reviews.get(row.CHILD) ?? []) {
      if (r.REVIEW === null || heldDates.has(r.REVIEW)) continue;
      heldDates.add(r.REVIEW);
      childReviews.push(heldReview(row.CHILD, r.REVIEW, r.REVIEW_CODE as ParticipationCode | null));
    }
    records.push({
      child: {
        id: row.CHILD,
        givenName: null,
        familyName: null,
        dateOfBirth: row.DOB,
        // The structural checks refuse a return whose SEX is not a code of its year.
        sex: sexFromReturn(row.SEX, loaded.year) ?? 'U',
        ethnicity: row.ETHNIC,
        upn: row.UPN,
        uasc: uascRow !== undefined,
        uascCeasedDate: uascRow?.DUC ?? null,
        disability: null,
        mother: row.MOTHER === '0' || row.MOTHER === '1' ? row.MOTHER : null,
        motherChildDob: row.MC_DOB,
      },
      episodes: childEpisodes,
      allocations: [],
      reviews: withDueDates(childEpisodes, sortReviews(childReviews), loaded.year.end),
    });
  }
  return records;
}

function sortReviews(reviews: Review[]): Review[] {
  return reviews.sort((a, b) => (a.heldDate! < b.heldDate! ? -1 : a.heldDate! > b.heldDate! ? 1 : 0));
}

