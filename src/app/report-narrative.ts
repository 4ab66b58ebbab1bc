// The words a service manager writes around the report's figures, as the narrative form holds them: a title,
// who the report is for and who wrote it, the executive summary, commentary at the start of any section, the
// priorities of the last report with updates, and the action plan (priority, area for development, outcome for children, lead, timescale: Westminster's
// Appendix 1). The rules for rows live here: a blank row is ignored, a row filled in part is a mistake to put
// right, named by its row and field. Also the reporting periods offered as quick choices.

import { addDays, addMonths, financialYearStart, type IsoDate } from '../domain/dates.ts';
import { STANDARD_SECTIONS, periodLabel, type ActionPlanRow, type PreviousPriority, type ReportNarrative, type ReportPeriod } from '../reports/index.ts';
import { InputProblems } from './children.ts';

/** Blank rows offered after the filled ones, so more can be added without JavaScript. */
export const BLANK_ROWS = 5;
/** Rows read from a form at most, filled and blank. */
const MAX_ROWS = 60;

export const NARRATIVE_LIMITS = { title: 200, line: 200, summary: 20_000, cell: 2_000 } as const;

export const ACTION_PLAN_FIELDS = [
  { key: 'priority', label: 'priority' },
  { key: 'areaForDevelopment', label: 'area for development' },
  { key: 'outcomeForChildren', label: 'outcome for children' },
  { key: 'lead', label: 'lead' },
  { key: 'timescale', label: 'timescale' },
] as const satisfies readonly { key: keyof ActionPlanRow; label: string }[];

export const PRIORITY_FIELDS = [
  { key: 'priority', label: 'priority' },
  { key: 'update', label: 'update' },
] as const satisfies readonly { key: keyof PreviousPriority; label: string }[];

/**
 * The largest narrative form the server takes, in bytes: every field at its limit, every row filled, and each
 * character sent as the browser encodes one outside ASCII (up to nine bytes, as "%E2%82%AC"), with room for the
 * fields' names. A narrative the form accepts must reach the checks that name its fields, not be refused whole
 * as too large with what was typed lost; the server's usual limit for a form (1 MB) is below this.
 */
export const NARRATIVE_FORM_BYTES = (() => {
  const characters =
    NARRATIVE_LIMITS.title +
    2 * NARRATIVE_LIMITS.line +
    (1 + STANDARD_SECTIONS.length) * NARRATIVE_LIMITS.summary +
    MAX_ROWS * (PRIORITY_FIELDS.length + ACTION_PLAN_FIELDS.length) * NARRATIVE_LIMITS.cell;
  return characters * 9 + 256 * 1024;
})();

/** The report's sections, in order, each with the form field its commentary is typed in. */
export const COMMENTARY_SECTIONS: readonly { id: string; title: string; field: string }[] = STANDARD_SECTIONS.map((s) => ({
  id: s.id,
  title: s.title,
  field: `commentary-${s.id}`,
}));

/** The narrative form as typed: every row in the order shown, blank ones included. */
export interface NarrativeForm {
  title: string;
  reportTo: string;
  author: string;
  executiveSummary: string;
  /** By section id; every section, blank ones included. */
  sectionCommentary: Record<string, string>;
  previousPriorities: PreviousPriority[];
  actionPlan: ActionPlanRow[];
}

const blankAction = (): ActionPlanRow => ({ priority: '', areaForDevelopment: '', outcomeForChildren: '', lead: '', timescale: '' });
const blankPriority = (): PreviousPriority => ({ priority: '', update: '' });

/** The form for a stored report: what it holds, then blank rows to add more. */
export function narrativeForm(title: string, narrative: ReportNarrative): NarrativeForm {
  return {
    title,
    reportTo: narrative.reportTo ?? '',
    author: narrative.author ?? '',
    executiveSummary: narrative.executiveSummary ?? '',
    sectionCommentary: Object.fromEntries(COMMENTARY_SECTIONS.map((s) => [s.id, narrative.sectionCommentary?.[s.id] ?? ''])),
    previousPriorities: [...(narrative.previousPriorities ?? []), ...Array.from({ length: BLANK_ROWS }, blankPriority)],
    actionPlan: [...(narrative.actionPlan ?? []), ...Array.from({ length: BLANK_ROWS }, blankAction)],
  };
}

const text = (body: Record<string, unknown>, name: string): string => {
  const value = body[name];
  return typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '';
};

/** Rows named `<prefix>-<n>-<field>`, numbered from 1, up to the last row with any field sent. */
function rowsFrom<R extends object>(body: Record<string, unknown>, prefix: string, fields: readonly { key: keyof R & string }[], blank: () => R): R[] {
  let last = 0;
  for (const name of Object.keys(body)) {
    const m = new RegExp(`^${prefix}-(\\d+)-`).exec(name);
    if (m && Number(m[1]) <= MAX_ROWS) last = Math.max(last, Number(m[1]));
  }
  return Array.from({ length: last }, (_, i) => {
    const row = blank();
    for (const f of fields) (row as Record<string, string>)[f.key] = text(body, `${prefix}-${i + 1}-${f.key}`);
    return row;
  });
}

/** The form as posted (field names as the narrative page writes them). */
export function readNarrativeForm(body: Record<string, unknown>): NarrativeForm {
  return {
    title: text(body, 'title'),
    reportTo: text(body, 'reportTo'),
    author: text(body, 'author'),
    executiveSummary: text(body, 'executiveSummary'),
    sectionCommentary: Object.fromEntries(COMMENTARY_SECTIONS.map((s) => [s.id, text(body, s.field)])),
    previousPriorities: rowsFrom(body, 'priority', PRIORITY_FIELDS, blankPriority),
    actionPlan: rowsFrom(body, 'action', ACTION_PLAN_FIELDS, blankAction),
  };
}

/** The form again after a problem, with blank rows to fill if all were used. */
export function withBlankRows(form: NarrativeForm): NarrativeForm {
  const blanks = <R extends object>(rows: R[], blank: () => R) => {
    const empty = rows.filter((r) => Object.values(r).every((v) => String(v).trim() === '')).length;
    return [...rows, ...Array.from({ length: Math.max(0, BLANK_ROWS - empty) }, blank)];
  };
  return { ...form, previousPriorities: blanks(form.previousPriorities, blankPriority), actionPlan: blanks(form.actionPlan, blankAction) };
}

type Problem = { field: string; text: string };

function checkRows<R extends object>(
  rows: readonly R[],
  prefix: string,
  name: string,
  fields: readonly { key: keyof R & string; label: string }[],
  problems: Problem[],
): R[] {
  const kept: R[] = [];
  rows.forEach((row, i) => {
    const values = fields.map((f) => String(row[f.key] ?? '').trim());
    if (values.every((v) => v === '')) return;
    fields.forEach((f, j) => {
      const field = `${prefix}-${i + 1}-${f.key}`;
      if (values[j] === '') problems.push({ field, text: `Enter the ${f.label} for row ${i + 1} of ${name}, or clear the row` });
      else if (values[j]!.length > NARRATIVE_LIMITS.cell) problems.push({ field, text: `The ${f.label} in row ${i + 1} of ${name} must be ${NARRATIVE_LIMITS.cell.toLocaleString('en-GB')} characters or fewer` });
    });
    kept.push(Object.fromEntries(fields.map((f, j) => [f.key, values[j]])) as R);
  });
  return kept;
}

/**
 * The title and narrative to store, from the form; InputProblems naming each field to put right otherwise.
 * Blank rows are dropped; other text is kept as typed, without surrounding spaces.
 */
export function checkNarrativeForm(form: NarrativeForm): { title: string; narrative: ReportNarrative } {
  const problems: Problem[] = [];
  const title = form.title.trim();
  if (title === '') problems.push({ field: 'title', text: 'Enter a title for the report' });
  else if (title.length > NARRATIVE_LIMITS.title) problems.push({ field: 'title', text: `The title must be ${NARRATIVE_LIMITS.title} characters or fewer` });
  const line = (field: 'reportTo' | 'author', label: string) => {
    const value = form[field].trim();
    if (value.length > NARRATIVE_LIMITS.line) problems.push({ field, text: `${label} must be ${NARRATIVE_LIMITS.line} characters or fewer` });
    return value;
  };
  const reportTo = line('reportTo', 'Who the report is for');
  const author = line('author', 'The author');
  const executiveSummary = form.executiveSummary.trim();
  if (executiveSummary.length > NARRATIVE_LIMITS.summary) {
    problems.push({ field: 'executiveSummary', text: `The executive summary must be ${NARRATIVE_LIMITS.summary.toLocaleString('en-GB')} characters or fewer` });
  }
  const sectionCommentary: Record<string, string> = {};
  for (const section of COMMENTARY_SECTIONS) {
    const value = (form.sectionCommentary[section.id] ?? '').trim();
    if (value.length > NARRATIVE_LIMITS.summary) {
      problems.push({ field: section.field, text: `The commentary on “${section.title}” must be ${NARRATIVE_LIMITS.summary.toLocaleString('en-GB')} characters or fewer` });
    } else if (value !== '') sectionCommentary[section.id] = value;
  }
  const previousPriorities = checkRows(form.previousPriorities, 'priority', 'the last report’s priorities', PRIORITY_FIELDS, problems);
  const actionPlan = checkRows(form.actionPlan, 'action', 'the action plan', ACTION_PLAN_FIELDS, problems);
  if (problems.length > 0) throw new InputProblems(problems);
  return {
    title,
    narrative: {
      ...(reportTo && { reportTo }),
      ...(author && { author }),
      ...(executiveSummary && { executiveSummary }),
      ...(Object.keys(sectionCommentary).length > 0 && { sectionCommentary }),
      ...(previousPriorities.length > 0 && { previousPriorities }),
      ...(actionPlan.length > 0 && { actionPlan }),
    },
  };
}

export type PeriodChoice = 'financial_year' | 'half_year' | 'quarter';


/** The last whole stretch of `months` months ending before `date`, stretches starting 1 April. */
function lastWhole(date: IsoDate, months: number): ReportPeriod {
  let from = financialYearStart(date);
  while (addMonths(from, months) <= date) from = addMonths(from, months);
  const start = addMonths(from, -months);
  return { from: start, to: addDays(from, -1) };
}

/**
 * The periods offered as quick choices on a date: the last complete financial year, the last complete half of
 * one (April to September, or October to March) and the last complete quarter.
 */
export function periodChoices(today: IsoDate): { value: PeriodChoice; text: string; period: ReportPeriod; label: string }[] {
  const choices: { value: PeriodChoice; text: string; months: number }[] = [
    { value: 'financial_year', text: 'Last financial year', months: 12 },
    { value: 'half_year', text: 'Last six months', months: 6 },
    { value: 'quarter', text: 'Last quarter', months: 3 },
  ];
  return choices.map((c) => {
    const period = lastWhole(today, c.months);
    return { value: c.value, text: c.text, period, label: periodLabel(period) };
  });
}
