// Validating a return with the DfE's rules: every rule whose tables the return has is run, and each failure
// is reported with the rule's code and message, the table, file and rows, and the child. The rules come from
// the DfE's 2024-25 list; a year's own code lists (SEX, placement types) are used for the year validated.

import type { IsoDate } from '../../domain/dates.ts';
import type { CollectionYear } from '../collection-year.ts';
import type { LoadedReturn, FileSummary, TableProblem } from '../read.ts';
import { ruleCovering } from '../read.ts';
import type { AnyRow } from '../rows.ts';
import { AGE_RULES } from './age-rules.ts';
import { EPISODE_DURATION_RULES } from './episode-duration-rules.ts';
import { EPISODE_FIELD_RULES } from './episode-field-rules.ts';
import { EPISODE_SEQUENCE_RULES } from './episode-sequence-rules.ts';
import { HEADER_RULES } from './header-rules.ts';
import { PLACEMENT_RULES } from './placement-rules.ts';
import { INTERNAL_EPISODE_RULES, REVIEW_RULES, UASC_RULES } from './review-uasc-rules.ts';
import { buildContext, type Rule, type RuleContext, type RuleFailure } from './rule.ts';

export type { Rule, RuleContext, RuleFailure };

const POSTCODE_DIRECTORY =
  "derives the placement's local authority, location or distance from home from the national postcode directory, which IRO Desk does not hold";
const UASC_FIELD =
  "reads the Header table's UASC field, which only the XML return has; in a CSV return a child's UASC status is their row in the UASC table, so the rule cannot fail";

/** DfE rules on these tables that IRO Desk does not run, and why. */
export const SKIPPED_RULES: Readonly<Record<string, string>> = {
  '105': UASC_FIELD,
  '303': UASC_FIELD,
  '164': POSTCODE_DIRECTORY,
  '169': POSTCODE_DIRECTORY,
  '179': POSTCODE_DIRECTORY,
  '392a': POSTCODE_DIRECTORY,
  '406': POSTCODE_DIRECTORY,
  '411': POSTCODE_DIRECTORY,
  '420': POSTCODE_DIRECTORY,
  '1015': POSTCODE_DIRECTORY,
  '503D': "compares the first episode with the open episode at the end of the previous year's return, which a single return does not have",
};

export const RULES: readonly Rule[] = [
  ...HEADER_RULES,
  ...EPISODE_FIELD_RULES,
  ...EPISODE_SEQUENCE_RULES,
  ...EPISODE_DURATION_RULES,
  ...PLACEMENT_RULES,
  ...AGE_RULES,
  ...REVIEW_RULES,
  ...UASC_RULES,
  ...INTERNAL_EPISODE_RULES,
].sort((a, b) => compareCodes(a.code, b.code));

/** Rule codes in the DfE's order: numbers first by value (392a after 392), then the internal checks. */
export function compareCodes(a: string, b: string): number {
  const na = /^\d+/.exec(a);
  const nb = /^\d+/.exec(b);
  if (na && nb && na[0] !== nb[0]) return Number(na[0]) - Number(nb[0]);
  if (na && !nb) return -1;
  if (!na && nb) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface ValidationReport {
  label: string;
  year: CollectionYear;
  yearInferredFrom: IsoDate | null;
  files: FileSummary[];
  /** Problems reading the files that no DfE rule reports. */
  problems: TableProblem[];
  omittedProblems: number;
  failures: RuleFailure[];
  rulesRun: number;
  /** Rules not run because the return lacks a table they read. */
  notRun: { code: string; missing: string[] }[];
}

/** Runs the rules on rows already grouped; exported for the tests of each rule. */
export function runRules(context: RuleContext, rules: readonly Rule[] = RULES): { failures: RuleFailure[]; rulesRun: number; notRun: ValidationReport['notRun'] } {
  const failures: RuleFailure[] = [];
  const notRun: ValidationReport['notRun'] = [];
  let rulesRun = 0;
  for (const r of rules) {
    const missing = r.tables.filter((t) => !context.tables.has(t));
    if (missing.length > 0) {
      notRun.push({ code: r.code, missing });
      continue;
    }
    rulesRun += 1;
    failures.push(...groupFailures(r, r.check(context)));
  }
  return { failures, rulesRun, notRun };
}

/** One failure per child, table and file, with its rows in order and each row once. */
function groupFailures(r: Rule, rows: Iterable<AnyRow>): RuleFailure[] {
  const groups = new Map<string, RuleFailure>();
  for (const row of rows) {
    const key = `${row.CHILD}\u0000${row.table}\u0000${row.file}`;
    let failure = groups.get(key);
    if (!failure) groups.set(key, (failure = { code: r.code, message: r.message, fields: r.fields, table: row.table, file: row.file, rows: [], child: row.CHILD }));
    if (!failure.rows.includes(row.line)) failure.rows.push(row.line);
  }
  const list = [...groups.values()];
  for (const f of list) f.rows.sort((a, b) => a - b);
  return list.sort((a, b) => (a.file === b.file ? a.rows[0]! - b.rows[0]! : a.file < b.file ? -1 : 1));
}

export function validateReturn(loaded: LoadedReturn, rules: readonly Rule[] = RULES): ValidationReport {
  const { failures, rulesRun, notRun } = runRules(buildContext(loaded), rules);
  return {
    label: loaded.source.label,
    year: loaded.year,
    yearInferredFrom: loaded.yearInferredFrom,
    files: loaded.files,
    problems: loaded.problems.filter((p) => ruleCovering(p) === null),
    omittedProblems: loaded.omittedProblems,
    failures,
    rulesRun,
    notRun,
  };
}
