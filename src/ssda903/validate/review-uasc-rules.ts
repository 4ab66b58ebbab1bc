// DfE rules on the Reviews and UASC tables, and the internal checks that every row belongs to a child in
// the Header table with the same date of birth and sex.

import { codesFor } from '../code-lists.ts';
import { hadText, type EpisodeRow, type ReviewRow, type UascRow } from '../rows.ts';
import { isIn, rowRule, rule, shortBreak, yearsAfter, type Rule, type RuleContext } from './rule.ts';

const reviews = (context: RuleContext) => context.reviews;
const uasc = (context: RuleContext) => context.uasc;

/** Rows of a table whose child is not in Header. */
function notInHeader<R extends EpisodeRow | ReviewRow | UascRow>(code: string, rows: (context: RuleContext) => readonly R[]): Rule {
  return rowRule(code, rows, (row, c) => !c.headerByChild.has(row.CHILD));
}

/** Rows whose date of birth differs from the child's in Header (both being dates). */
const dobDiffers = (row: ReviewRow | UascRow, c: RuleContext) => {
  const header = c.headerByChild.get(row.CHILD);
  return header !== undefined && header.DOB !== null && row.DOB !== null && header.DOB !== row.DOB;
};

export const REVIEW_RULES: readonly Rule[] = [
  rowRule('166', reviews, (r) => r.REVIEW === null),
  rowRule('167', reviews, (r, c) => {
    const held = hadText(r, 'REVIEW');
    return held ? r.REVIEW_CODE === null || !codesFor('REVIEW_CODE', c.year).has(r.REVIEW_CODE) : r.REVIEW_CODE !== null;
  }),
  // The age at the review is read from the Reviews table's own DOB, as the DfE does; INT17 checks it against Header.
  rowRule('440', reviews, (r) => r.REVIEW_CODE === 'PN0' && r.REVIEW !== null && r.DOB !== null && r.REVIEW > yearsAfter(r.DOB, 4)),
  rowRule('441', reviews, (r) => isIn(['PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7'])(r.REVIEW_CODE) && r.REVIEW !== null && r.DOB !== null && r.REVIEW < yearsAfter(r.DOB, 4)),
  // A child looked after only for short breaks (V3/V4) has no statutory review and no mother field.
  rule('399', function* (c) {
    for (const [child, list] of c.episodesByChild) {
      if (!list.every((e) => shortBreak(e.LS))) continue;
      const header = c.headerByChild.get(child);
      if (!header) continue;
      const childReviews = c.reviewsByChild.get(child) ?? [];
      const recorded = childReviews.filter((r) => hadText(r, 'REVIEW') || r.REVIEW_CODE !== null);
      if (header.MOTHER === null && recorded.length === 0) continue;
      yield* list;
      yield header;
      yield* header.MOTHER !== null ? childReviews : recorded;
    }
  }),
  // Reviews of a child with no episodes: the DfE rule covers the other tables too, which IRO Desk does not check.
  rule('1012', (c) => c.reviews.filter((r) => !c.episodesByChild.has(r.CHILD)), ['Episodes', 'Reviews']),
  notInHeader('INT08', reviews),
  rowRule('INT17', reviews, dobDiffers),
];

export const UASC_RULES: readonly Rule[] = [
  rowRule('104', uasc, (u, c) => (u.DUC === null ? hadText(u, 'DUC') : u.DUC < c.year.start)),
  rowRule('304', uasc, (u) => u.DUC !== null && u.DOB !== null && u.DUC > yearsAfter(u.DOB, 18)),
  notInHeader('INT09', uasc),
  rowRule('INT18', uasc, dobDiffers),
  rowRule('INT21', uasc, (u, c) => {
    const header = c.headerByChild.get(u.CHILD);
    return header !== undefined && header.SEX !== null && u.SEX !== null && header.SEX !== u.SEX;
  }),
  rule('INT36', function* (c) {
    const counts = new Map<string, number>();
    for (const row of c.uasc) counts.set(row.CHILD, (counts.get(row.CHILD) ?? 0) + 1);
    for (const row of c.uasc) if ((counts.get(row.CHILD) ?? 0) > 1) yield row;
  }),
];

export const INTERNAL_EPISODE_RULES: readonly Rule[] = [notInHeader('INT03', (c) => c.episodes)];
