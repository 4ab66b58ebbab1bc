// DfE rules on one episode's own fields: codes of the collection year's lists, dates that are dates and in
// order, and legal statuses that did not exist (or no longer existed) when the episode began.

import { codesFor, OTHER_PLACEMENTS, placementTypeProblem, TEMPORARY_PLACEMENTS, type CodeListName } from '../code-lists.ts';
import { hadText, type EpisodeRow } from '../rows.ts';
import { rowRule, type Rule, type RuleContext } from './rule.ts';

const episodes = (context: RuleContext) => context.episodes;
const notInList = (list: CodeListName) => (value: string | null, context: RuleContext) => value !== null && !codesFor(list, context.year).has(value);
const NO_PROVIDER = [...TEMPORARY_PLACEMENTS, ...OTHER_PLACEMENTS];

export const EPISODE_FIELD_RULES: readonly Rule[] = [
  rowRule('141', episodes, (e) => e.DECOM === null && hadText(e, 'DECOM')),
  rowRule('143', episodes, (e, c) => notInList('RNE')(e.RNE, c)),
  rowRule('144', episodes, (e, c) => notInList('LS')(e.LS, c)),
  rowRule('145', episodes, (e, c) => notInList('CIN')(e.CIN, c)),
  rowRule('146', episodes, (e, c) => e.PLACE !== null && placementTypeProblem(e.PLACE, e.DEC, c.year) !== null),
  rowRule('147', episodes, (e) => e.DEC === null && hadText(e, 'DEC')),
  rowRule('148', episodes, (e) => hadText(e, 'DEC') !== (e.REC !== null)),
  rowRule('149', episodes, (e, c) => notInList('REC')(e.REC, c)),
  rowRule('1009', episodes, (e, c) => notInList('REASON_PLACE_CHANGE')(e.REASON_PLACE_CHANGE, c)),
  // A provider code must be a code, and temporary and "other" placements have no provider.
  rowRule('178', episodes, (e, c) => e.PLACE_PROVIDER !== null && (notInList('PLACE_PROVIDER')(e.PLACE_PROVIDER, c) || NO_PROVIDER.includes(e.PLACE ?? ''))),
  rowRule('353', episodes, (e) => e.DECOM !== null && e.DECOM < '1991-10-14'),
  rowRule('354', episodes, (e, c) => e.DECOM !== null && e.DECOM > c.year.end),
  rowRule('355', episodes, (e) => e.DECOM !== null && e.DECOM === e.DEC),
  rowRule('356', episodes, (e) => e.DECOM !== null && e.DEC !== null && e.DEC < e.DECOM),
  rowRule('385', episodes, (e, c) => e.DEC !== null && e.DEC > c.year.end),
  rowRule('445', episodes, (e) => e.LS === 'D1' && e.DECOM !== null && e.DECOM > '2005-12-31'),
  rowRule('446', episodes, (e) => e.LS === 'E1' && e.DECOM !== null && e.DECOM < '2005-12-01'),
  rowRule('451', episodes, (e: EpisodeRow) => e.LS === 'D1' && !hadText(e, 'DEC') && e.REC === null),
];
