// DfE rules that read the child's age (Header DOB) against an episode: the age to start care, to be on a
// legal status or in a placement, and to leave care for a reason; and the Header fields a looked after
// child needs (UPN, mother).

import type { IsoDate } from '../../domain/dates.ts';
import { hadText, type EpisodeRow, type HeaderRow } from '../rows.ts';
import { dobOf, datedEpisodes, isIn, rule, sexOf, shortBreak, yearsAfter, type Rule, type RuleContext } from './rule.ts';


/** Episodes failing a test of the child's date of birth; the Header row too when `withHeader`. */
function episodeAgeRule(code: string, fails: (e: EpisodeRow, dob: IsoDate, context: RuleContext) => boolean, withHeader = false): Rule {
  return rule(code, function* (c) {
    const headers = new Set<HeaderRow>();
    for (const e of c.episodes) {
      const dob = dobOf(c, e.CHILD);
      if (dob !== null && fails(e, dob, c)) {
        yield e;
        if (withHeader) headers.add(c.headerByChild.get(e.CHILD)!);
      }
    }
    yield* headers;
  });
}

/** A placement the child must be at least `age` to begin. */
const placementAge = (code: string, places: readonly string[], age: number) =>
  episodeAgeRule(code, (e, dob) => isIn(places)(e.PLACE) && e.DECOM !== null && e.DECOM < yearsAfter(dob, age));

/** Header rows of children who have an episode other than a short break (they are looked after, not on respite). */
function* lookedAfterHeaders(context: RuleContext): Generator<HeaderRow> {
  for (const row of context.header) {
    if ((context.episodesByChild.get(row.CHILD) ?? []).some((e) => !shortBreak(e.LS))) yield row;
  }
}

export const AGE_RULES: readonly Rule[] = [
  rule('210', function* (c) {
    const cutOff = `${c.year.startYear + 1}-03-24`;
    for (const row of c.header) {
      if (row.UPN?.toUpperCase() !== 'UN4') continue;
      const late = (c.episodesByChild.get(row.CHILD) ?? []).filter((e) => e.DECOM !== null && e.DECOM >= cutOff);
      if (late.length > 0) yield* [...late, row];
    }
  }),
  rule('302', function* (c) {
    for (const row of c.header) {
      const first = datedEpisodes(c, row.CHILD)[0];
      if (first && row.DOB !== null && row.DOB > first.DECOM!) yield* [first, row];
    }
  }),
  episodeAgeRule('352', (e, dob) => e.RNE === 'S' && e.DECOM !== null && yearsAfter(dob, 18) <= e.DECOM),
  episodeAgeRule('358', (e, dob) => isIn(['J1', 'J2', 'J3'])(e.LS) && e.DECOM !== null && yearsAfter(dob, 10) >= e.DECOM, true),
  episodeAgeRule('359', (e, dob, c) => yearsAfter(dob, 18) < c.year.end && !hadText(e, 'DEC') && !(e.LS === 'V2' && e.PLACE === 'K2')),
  placementAge('371', ['H5', 'K3'], 16),
  placementAge('372', ['R5'], 10),
  placementAge('373', ['S1'], 4),
  placementAge('374', ['P3'], 14),
  episodeAgeRule('386', (e, dob) => isIn(['E11', 'E12'])(e.REC) && e.DEC !== null && e.DEC >= yearsAfter(dob, 18)),
  episodeAgeRule('387', (e, dob) => isIn(['E5', 'E6'])(e.REC) && e.DEC !== null && e.DEC < yearsAfter(dob, 14)),
  episodeAgeRule('389', (e, dob) => e.REC === 'E7' && e.DEC !== null && e.DEC < yearsAfter(dob, 16)),
  episodeAgeRule('407', (e, dob) => isIn(['E45', 'E46', 'E47', 'E48'])(e.REC) && e.DEC !== null && e.DEC > yearsAfter(dob, 18), true),
  episodeAgeRule('460', (e, dob) => e.REC === 'E17' && e.DEC !== null && e.DEC < yearsAfter(dob, 18)),
  rule('393', function* (c) {
    for (const row of lookedAfterHeaders(c)) if (sexOf(c, row) === 'F' && row.MOTHER === null) yield row;
  }),
  rule('442', function* (c) {
    for (const row of lookedAfterHeaders(c)) if (row.UPN === null) yield row;
  }),
  rule('607', function* (c) {
    for (const row of c.header) {
      if (sexOf(c, row) !== 'F' || row.MOTHER !== null) continue;
      const left = (c.episodesByChild.get(row.CHILD) ?? []).filter(
        (e) => e.DEC !== null && e.DEC >= c.year.start && e.DEC <= c.year.end && e.REC !== null && e.REC !== 'X1' && !shortBreak(e.LS),
      );
      if (left.length > 0) yield* [...left, row];
    }
  }),
  // The mother's child cannot be born after the year ended or after the mother left care.
  rule('625', function* (c) {
    for (const row of c.header) {
      if (row.MC_DOB === null) continue;
      const ended = (c.episodesByChild.get(row.CHILD) ?? []).filter((e) => e.DEC !== null);
      const latest = ended.reduce<EpisodeRow | null>((a, e) => (a === null || e.DEC! > a.DEC! ? e : a), null);
      const late = row.MC_DOB > c.year.end || (latest !== null && row.MC_DOB > latest.DEC!);
      if (late) yield* latest ? [latest, row] : [row];
    }
  }),
];
