// Merging a return into what the register already holds for a child. The return is the authority's record
// of its collection year, so for the years it covers its episodes replace the register's and its reviews
// update those held on the same dates; everything recorded in IRO Desk itself stays: the child's name,
// disability and notification date, IRO allocations, booked and cancelled reviews, a review's chair,
// format and rearrangements, and held reviews the return does not mention. Pure, so the same merge serves
// an empty register (in memory) and a live one (see import.ts).

import type { IsoDate } from '../domain/dates.ts';
import { sortEpisodes } from '../domain/periods-of-care.ts';
import type { Child, ChildRecord, Episode, Review } from '../domain/register.ts';
import type { CollectionYear } from './collection-year.ts';
import { withDueDates } from './to-register.ts';

/**
 * What a return covers for one child: its collection year, reaching back to the start of the earliest
 * episode it reports (an episode open on 1 April began in an earlier year).
 */
export function coverage(incoming: ChildRecord, year: CollectionYear): { from: IsoDate; to: IsoDate } {
  const from = incoming.episodes.reduce((min, e) => (e.start < min ? e.start : min), year.start);
  return { from, to: year.end };
}

/** The child's details as the return gives them, keeping what only IRO Desk records. */
export function mergeChild<C extends Child>(existing: C, incoming: Child): C {
  return {
    ...existing,
    dateOfBirth: incoming.dateOfBirth,
    sex: incoming.sex,
    ethnicity: incoming.ethnicity,
    upn: incoming.upn,
    uasc: incoming.uasc,
    uascCeasedDate: incoming.uascCeasedDate,
    mother: incoming.mother ?? null,
    motherChildDob: incoming.motherChildDob ?? null,
  };
}

/**
 * The return's episodes in place of the register's over what it covers. An episode the return gives as still
 * open on its 31 March, which the register holds (from a later year's return, or the web application) as going
 * on past that day, keeps the register's copy: the later record knows how it ended, and an earlier year imported
 * again, or after a later one, must not reopen it.
 */
export function mergeEpisodes(existing: readonly Episode[], incoming: readonly Episode[], covered: { from: IsoDate; to: IsoDate }): Episode[] {
  const kept = existing.filter((e) => e.start < covered.from || e.start > covered.to);
  const knownLater = new Map(existing.filter((e) => e.start >= covered.from && e.start <= covered.to && (e.end === null || e.end > covered.to)).map((e) => [e.start, e]));
  const laid = incoming.map((e) => (e.end === null ? (knownLater.get(e.start) ?? e) : e));
  return sortEpisodes([...kept, ...laid]);
}

/**
 * The return's reviews laid over the register's: a held review on the same date, or else a review booked
 * for that date, becomes the return's (held, with its participation code); the rest are added.
 */
export function mergeReviews(existing: readonly Review[], incoming: readonly Review[]): Review[] {
  const merged = existing.map((r) => ({ ...r }));
  for (const review of incoming) {
    const held = merged.findIndex((r) => r.status === 'held' && r.heldDate === review.heldDate);
    const index = held >= 0 ? held : merged.findIndex((r) => r.status === 'booked' && r.bookedDate === review.heldDate);
    if (index >= 0) {
      const current = merged[index]!;
      merged[index] = {
        ...current,
        status: 'held',
        heldDate: review.heldDate,
        // A return without a code does not wipe one recorded here.
        participationCode: review.participationCode ?? current.participationCode,
      };
    } else {
      merged.push({ ...review });
    }
  }
  return merged;
}

/** A child's record after a return: the register's (or none) with the return's laid over it. */
export function mergeChildRecord<R extends ChildRecord>(existing: R | null, incoming: ChildRecord, year: CollectionYear): ChildRecord {
  if (existing === null) return { ...incoming, reviews: withDueDates(incoming.episodes, incoming.reviews, year.end) };
  const episodes = mergeEpisodes(existing.episodes, incoming.episodes, coverage(incoming, year));
  return {
    child: mergeChild(existing.child, incoming.child),
    episodes,
    allocations: existing.allocations,
    reviews: withDueDates(episodes, mergeReviews(existing.reviews, incoming.reviews), year.end),
  };
}
