// Periods of care derived from SSDA903 episodes. A period is a continuous time looked after: it starts with
// the child's first episode, an episode whose reason for new episode is S, or an episode that starts after
// the previous one ended (a gap); a change of placement or legal status (RNE L, P, T, B, U) on the day the
// previous episode ended continues the same period.

import { SHORT_BREAK_LEGAL_STATUSES } from './codes.ts';
import type { Episode, PeriodOfCare } from './register.ts';
import { isIsoDate } from './dates.ts';

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

/** Why a child's episodes cannot be read as periods of care; the report sets such a child aside and lists them. */
export type ExclusionKind = 'episode_dates_unreadable' | 'episode_ends_before_start' | 'overlapping_episodes';

/** What stops a child's episodes being read as periods of care (dates unreadable, reversed or overlapping), or null. */
export function episodesProblem(episodes: readonly Episode[]): { kind: ExclusionKind; detail: string } | null {
  for (const e of episodes) {
    if (!isIsoDate(e.start) || (e.end !== null && !isIsoDate(e.end))) {
      return { kind: 'episode_dates_unreadable', detail: `episode dates "${e.start}" to "${e.end ?? ''}" are not real dates` };
    }
    if (e.end !== null && e.end < e.start) {
      return { kind: 'episode_ends_before_start', detail: `episode starting ${e.start} ends ${e.end}, before it starts` };
    }
  }
  const sorted = sortEpisodes(episodes);
  for (let i = 1; i < sorted.length; i += 1) {
    const previous = sorted[i - 1]!;
    const current = sorted[i]!;
    // An episode ending on the day the next begins is a change (X1), not an overlap.
    if (previous.end === null || current.start < previous.end) {
      return {
        kind: 'overlapping_episodes',
        detail: `episode starting ${current.start} begins before the episode starting ${previous.start} ended (${previous.end ?? 'still open'})`,
      };
    }
  }
  return null;
}


/**
 * The earlier of `earliest` and the first day of these episodes, when they can be read as periods of care: folded
 * over a register's records, the first day any child it counts was looked after. Only episodes that could move it
 * earlier are checked.
 */
export function earliestCountedStart(earliest: string | null, episodes: readonly Episode[]): string | null {
  let first: string | null = null;
  for (const e of episodes) if (first === null || e.start < first) first = e.start;
  if (first === null || (earliest !== null && first >= earliest) || episodesProblem(episodes) !== null) return earliest;
  return first;
}
