// DfE rules on how long an episode may last: the short emergency legal statuses (police protection,
// emergency protection, child assessment, PACE), short breaks (respite) and temporary placements. An episode
// still open is counted to the end of the collection year.

import { addDays, addMonths, daysBetween, type IsoDate } from '../../domain/dates.ts';
import type { EpisodeRow } from '../rows.ts';
import { datedEpisodes, rowRule, rule, type Rule, type RuleContext } from './rule.ts';

const episodes = (context: RuleContext) => context.episodes;
const endOf = (e: EpisodeRow, context: RuleContext): IsoDate => e.DEC ?? context.year.end;

/**
 * Episodes on one legal status that run on from each other (each starting no later than the previous one
 * ended) count as one stretch; a stretch longer than the law allows fails as a whole.
 */
function legalStatusLongerThan(code: string, legalStatus: string, maxDays: number): Rule {
  return rule(code, function* (c) {
    for (const child of c.episodesByChild.keys()) {
      let stretch: EpisodeRow[] = [];
      const close = function* () {
        const first = stretch[0];
        if (first && daysBetween(first.DECOM!, stretch.reduce((end, e) => (endOf(e, c) > end ? endOf(e, c) : end), endOf(first, c))) > maxDays) {
          yield* stretch;
        }
        stretch = [];
      };
      for (const e of datedEpisodes(c, child)) {
        if (e.LS !== legalStatus) continue;
        const last = stretch[stretch.length - 1];
        if (last && e.DECOM! > endOf(last, c)) yield* close();
        stretch.push(e);
      }
      yield* close();
    }
  });
}

function placementLongerThan(code: string, place: string, maxDays: number): Rule {
  return rowRule(code, episodes, (e) => e.PLACE === place && e.DECOM !== null && e.DEC !== null && e.DEC > addDays(e.DECOM, maxDays));
}

export const EPISODE_DURATION_RULES: readonly Rule[] = [
  legalStatusLongerThan('361', 'L1', 3),
  legalStatusLongerThan('362', 'L2', 21),
  legalStatusLongerThan('363', 'L3', 7),
  legalStatusLongerThan('364', 'J2', 21),
  rowRule('365', episodes, (e, c) => e.LS === 'V3' && e.DECOM !== null && endOf(e, c) > addDays(e.DECOM, 17)),
  rowRule('366', episodes, (e) => e.LS === 'V3' && e.RNE !== 'S'),
  // Days of respite within the collection year, over all the child's V3 episodes.
  rule('367', function* (c) {
    for (const list of c.episodesByChild.values()) {
      const counted = list
        .filter((e) => e.LS === 'V3' && e.DECOM !== null)
        .map((e) => {
          const start = e.DECOM! < c.year.start ? c.year.start : e.DECOM!;
          const end = e.DEC === null || e.DEC > c.year.end ? c.year.end : e.DEC;
          return { e, days: daysBetween(start, end) };
        })
        .filter((x) => x.days > 0);
      if (counted.reduce((sum, x) => sum + x.days, 0) > 75) yield* counted.map((x) => x.e);
    }
  }),
  placementLongerThan('375', 'T1', 42),
  placementLongerThan('376', 'T3', 21),
  // More than two temporary placements for a foster carer's holiday starting within twelve months.
  rule('377', function* (c) {
    for (const child of c.episodesByChild.keys()) {
      const holidays = datedEpisodes(c, child).filter((e) => e.PLACE === 'T3');
      const flagged = new Set<EpisodeRow>();
      holidays.forEach((first, i) => {
        const within = holidays.slice(i).filter((e) => e.DECOM! < addMonths(first.DECOM!, 12));
        if (within.length > 2) within.forEach((e) => flagged.add(e));
      });
      yield* holidays.filter((e) => flagged.has(e));
    }
  }),
  placementLongerThan('379', 'T4', 7),
];
