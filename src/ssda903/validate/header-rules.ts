// DfE rules on the Header table alone: the child's sex, date of birth, ethnicity, unique pupil number and
// the mother fields, and that each child appears once.

import { codesFor } from '../code-lists.ts';
import { hadText } from '../rows.ts';
import { rowRule, rule, sexOf, yearsAfter, type Rule, type RuleContext } from './rule.ts';

const header = (context: RuleContext) => context.header;
const UPN = /^(?:[A-HJ-NP-RT-Z]\d{12}|[A-HJ-NP-RT-Z]\d{11}[A-Z]|UN[1-5])$/;

export const HEADER_RULES: readonly Rule[] = [
  rowRule('101', header, (row, c) => row.SEX === null || !codesFor('SEX', c.year).has(row.SEX)),
  rowRule('102', header, (row) => row.DOB === null),
  rowRule('103', header, (row, c) => row.ETHNIC === null || !codesFor('ETHNIC', c.year).has(row.ETHNIC)),
  rowRule('168', header, (row) => row.UPN !== null && !UPN.test(row.UPN.toUpperCase())),
  rowRule('171', header, (row) => row.MC_DOB === null && hadText(row, 'MC_DOB')),
  rowRule('174', header, (row, c) => sexOf(c, row) === 'M' && hadText(row, 'MC_DOB')),
  // UN1 ("not yet allocated") is for children under school age: 4 by 31 August before the collection year.
  rowRule('209', header, (row, c) => row.UPN?.toUpperCase() === 'UN1' && row.DOB !== null && yearsAfter(row.DOB, 4) <= `${c.year.startYear - 1}-08-31`),
  rowRule('301', header, (row, c) => row.DOB !== null && row.DOB > c.year.end),
  rowRule('351', header, (row, c) => row.DOB !== null && yearsAfter(row.DOB, 25) < c.year.start),
  rowRule('611', header, (row) => row.MOTHER === '1' && !hadText(row, 'MC_DOB')),
  rowRule('612', header, (row, c) => (row.MOTHER === '0' || row.MOTHER === null) && sexOf(c, row) === 'F' && hadText(row, 'MC_DOB')),
  rowRule('620', header, (row, c) => row.MOTHER === '1' && row.DOB !== null && yearsAfter(row.DOB, 11) > c.year.start),
  rowRule('621', header, (row) => row.MC_DOB !== null && row.DOB !== null && row.MC_DOB <= row.DOB),
  rule('INT32', function* (c) {
    const counts = new Map<string, number>();
    for (const row of c.header) counts.set(row.CHILD, (counts.get(row.CHILD) ?? 0) + 1);
    for (const row of c.header) if ((counts.get(row.CHILD) ?? 0) > 1) yield row;
  }),
  // A child in Header needs episodes, unless they are a care leaver reported only in OC3.
  rowRule('EPI', header, (row, c) => !c.episodesByChild.has(row.CHILD) && !(c.otherChildren.get('OC3')?.has(row.CHILD) ?? false)),
];
