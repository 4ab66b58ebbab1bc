// DfE rules on placements: provider and Ofsted URN by placement type, reasons for a change of placement,
// temporary placements and the return to the normal placement, placements for adoption, short breaks
// (respite, V3/V4), and postcodes.

import { OTHER_PLACEMENTS, placementsWithoutUrn, TEMPORARY_PLACEMENTS } from '../code-lists.ts';
import { hadText, type EpisodeRow } from '../rows.ts';
import { ADOPTION_PLACEMENTS } from '../../domain/codes.ts';
import { inSequence, shortBreak, isIn, rowRule, rule, type Rule, type RuleContext } from './rule.ts';

const episodes = (context: RuleContext) => context.episodes;
const temporary = isIn(TEMPORARY_PLACEMENTS);
const adoption = isIn(ADOPTION_PLACEMENTS);
const foster = isIn(['U1', 'U2', 'U3', 'U4', 'U5', 'U6']);
const provider = (code: string, places: readonly string[]) => (e: EpisodeRow) => e.PLACE_PROVIDER === code && isIn(places)(e.PLACE);

/** The form of a full UK postcode. Whether it exists needs the national postcode directory, which IRO Desk does not hold. */
const POSTCODE = /^(?:[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}|GIR\s*0AA)$/i;
const normalisePostcode = (postcode: string) => postcode.replace(/\s+/g, '').toUpperCase();

export const PLACEMENT_RULES: readonly Rule[] = [
  rowRule('213', episodes, (e, c) => e.PLACE_PROVIDER !== null && (temporary(e.PLACE) || (c.year.startYear >= 2025 && isIn(OTHER_PLACEMENTS)(e.PLACE)))),
  rowRule('214', episodes, (e) => shortBreak(e.LS) && (e.PL_POST !== null || e.URN !== null)),
  rowRule('217', episodes, (e) => isIn(['A3', 'A5'])(e.PLACE) && e.DECOM !== null && e.DECOM >= '2015-04-01' && !isIn(['S', 'T', 'U'])(e.RNE)),
  // Placements outside England need no URN either. Which those are needs a postcode directory, so as the
  // DfE's reference tool does in effect, a placement without a postcode (short breaks have none) is not checked.
  rowRule('218', episodes, (e, c) => (!hadText(e, 'DEC') || (e.DEC !== null && e.DEC >= c.year.start)) && e.URN === null && e.PL_POST !== null && !isIn(placementsWithoutUrn(c.year))(e.PLACE)),
  rowRule('222', episodes, (e, c) => isIn(placementsWithoutUrn(c.year))(e.PLACE) && e.URN !== null && e.URN !== 'XXXXXXX'),
  rule('225', function* (c) {
    for (const { episode: e, next } of inSequence(c)) {
      if (next && e.REC === 'X1' && e.REASON_PLACE_CHANGE === null && !temporary(e.PLACE) && isIn(['P', 'B', 'T', 'U'])(next.RNE) && !temporary(next.PLACE)) yield e;
    }
  }),
  rule('226', function* (c) {
    for (const { episode: e, previous } of inSequence(c)) {
      if (temporary(e.PLACE) && (e.REASON_PLACE_CHANGE !== null || (previous?.REASON_PLACE_CHANGE ?? null) !== null)) yield e;
    }
    for (const e of c.episodes) if (e.DECOM === null && temporary(e.PLACE) && e.REASON_PLACE_CHANGE !== null) yield e;
  }),
  rule('336', function* (c) {
    for (const { episode: e, previous } of inSequence(c)) {
      if (previous && isIn(['A3', 'A4'])(e.PLACE) && !adoption(previous.PLACE) && !foster(previous.PLACE)) yield e;
    }
  }),
  rowRule('378', episodes, (e) => e.PLACE === 'P1' && e.LS === 'V2'),
  rowRule('380', episodes, (e) => temporary(e.PLACE) && !isIn(['P', 'B'])(e.RNE)),
  rowRule('381', episodes, (e) => temporary(e.PLACE) && e.REC !== null && e.REC !== 'X1'),
  rowRule('382', episodes, (e) => shortBreak(e.LS) && temporary(e.PLACE)),
  // After a temporary placement the child goes back (RNE P) to the placement before it.
  rule('383', function* (c) {
    for (const { episode: e, previous, index, list } of inSequence(c)) {
      const before = index >= 2 ? list[index - 2]! : null;
      if (!previous || !before || !temporary(previous.PLACE)) continue;
      const samePostcode = c.year.startYear < 2025 || e.PL_POST === before.PL_POST;
      if (e.RNE !== 'P' || e.PLACE !== before.PLACE || !samePostcode) yield e;
    }
  }),
  rowRule('384', episodes, (e) => shortBreak(e.LS) && isIn(['U1', 'U4'])(e.PLACE)),
  rowRule('390', episodes, (e) => isIn(['E11', 'E12'])(e.REC) && !adoption(e.PLACE)),
  // Children who are or were unaccompanied asylum-seeking children are exempt: their home postcode is not known.
  rule('392b', function* (c) {
    for (const e of c.episodes) {
      if (c.uascByChild.has(e.CHILD) || shortBreak(e.LS)) continue;
      if (e.HOME_POST === null || e.PL_POST === null) yield e;
    }
  }),
  rowRule('392c', episodes, (e) => (e.HOME_POST !== null && !POSTCODE.test(e.HOME_POST)) || (e.PL_POST !== null && !POSTCODE.test(e.PL_POST))),
  rowRule('392d', episodes, (e) => e.PLACE !== 'P1' && e.HOME_POST !== null && e.PL_POST !== null && normalisePostcode(e.HOME_POST) === normalisePostcode(e.PL_POST)),
  rowRule('398', episodes, (e) => shortBreak(e.LS) && (e.HOME_POST !== null || e.PL_POST !== null)),
  rowRule('408', episodes, (e) => isIn(['A5', 'A6'])(e.PLACE) && e.LS !== 'E1'),
  rule('426', function* (c) {
    for (const list of c.episodesByChild.values()) {
      if (list.some((e) => e.LS === 'V3') && list.some((e) => e.LS === 'V4')) yield* list.filter((e) => shortBreak(e.LS));
    }
  }),
  rowRule('516', episodes, (e) => isIn(['E45', 'E46'])(e.REC) && !foster(e.PLACE)),
  rowRule('526', episodes, (e) => e.PLACE_PROVIDER === null && !temporary(e.PLACE) && !isIn(OTHER_PLACEMENTS)(e.PLACE)),
  rowRule('527', episodes, provider('PR1', ['P1', 'R2', 'R5'])),
  rowRule('528', episodes, provider('PR2', ['P1', 'R2', 'R5'])),
  rowRule('529', episodes, provider('PR3', ['A3', 'A4', 'A5', 'A6', 'K1', 'K2', 'P1', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6'])),
  rowRule('530', episodes, provider('PR4', ['P1'])),
  rowRule('531', episodes, provider('PR5', ['P1'])),
  rowRule('550', episodes, (e) => e.PLACE_PROVIDER === 'PR0' && e.PLACE !== 'P1'),
];

