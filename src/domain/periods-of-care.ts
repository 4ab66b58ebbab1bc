// Periods of care derived from SSDA903 episodes. A period is a continuous time looked after: it starts with
// the child's first episode, an episode whose reason for new episode is S, or an episode that starts after
// the previous one ended (a gap); a change of placement or legal status (RNE L, P, T, B, U) on the day the
// previous episode ended continues the same period.

import { SHORT_BREAK_LEGAL_STATUSES } from './codes.ts';
import type { Episode, PeriodOfCare } from './register.ts';

/** Episodes in the order the clock reads them: by start date, then by the order given. */
export function sortEpisodes<E extends Pick<Episode, 'start'>>(episodes: readonly E[]): E[] {
  // Records nearly always hold their episodes in order already: then a copy, with no sort.
  let ordered = true;
  for (let i = 1; i < episodes.length && ordered; i += 1) ordered = episodes[i - 1]!.start <= episodes[i]!.start;
  if (ordered) return episodes.slice();
  return episodes
    .map((episode, index) => ({ episode, index }))
    .sort((a, b) => (a.episode.start < b.episode.start ? -1 : a.episode.start > b.episode.start ? 1 : a.index - b.index))
    .map((x) => x.episode);
}

/** Periods of care from episodes already sorted by start date (see sortEpisodes). */
export function periodsOfCare(sorted: readonly Pick<Episode, 'start' | 'end' | 'reasonNewEpisode' | 'legalStatus'>[]): PeriodOfCare[] {
  const periods: PeriodOfCare[] = [];
  let current: PeriodOfCare | null = null;
  let previousEnd: string | null = null;
  sorted.forEach((episode, index) => {
    const startsNewPeriod =
      current === null || episode.reasonNewEpisode === 'S' || (previousEnd !== null && previousEnd < episode.start);
    const isShortBreak = SHORT_BREAK_LEGAL_STATUSES.includes(episode.legalStatus);
    if (startsNewPeriod) {
      current = { start: episode.start, end: episode.end, firstEpisode: index, lastEpisode: index, shortBreaks: isShortBreak };
      periods.push(current);
    } else if (current !== null) {
      current.lastEpisode = index;
      current.end = episode.end;
      current.shortBreaks = current.shortBreaks && isShortBreak;
    }
    previousEnd = episode.end;
  });
  return periods;
}
