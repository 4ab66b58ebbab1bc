// Form handling shared by every page: reading urlencoded bodies with zod and turning problems into the
// GOV.UK error summary and field messages.

import type { z } from 'zod';

/** The three boxes of a GOV.UK date input. */
export type DatePart = 'day' | 'month' | 'year';
const DATE_PARTS: readonly DatePart[] = ['day', 'month', 'year'];

export interface FormErrors {
  /** For govukErrorSummary: each links to its field. */
  list: { text: string; href: string }[];
  /** For each field's errorMessage; a date's names the boxes at fault (all three when not given). */
  byField: Record<string, { text: string; parts?: DatePart[] }>;
}

export function noErrors(): FormErrors {
  return { list: [], byField: {} };
}

export function addError(errors: FormErrors, field: string, text: string): FormErrors {
  if (!errors.byField[field]) {
    errors.byField[field] = { text };
    errors.list.push({ text, href: `#${field}` });
  }
  return errors;
}

/**
 * A date input's error, as the GOV.UK pattern asks: the summary links to the first box at fault and only those
 * boxes are highlighted; all three when the date as a whole is wrong (not a real date, or out of range).
 */
export function addDateError(errors: FormErrors, field: string, text: string, parts: readonly DatePart[] = DATE_PARTS): FormErrors {
  if (!errors.byField[field]) {
    const boxes = parts.length > 0 ? [...parts] : [...DATE_PARTS];
    errors.byField[field] = { text, parts: boxes };
    errors.list.push({ text, href: `#${field}-${boxes[0]!}` });
  }
  return errors;
}

export function hasErrors(errors: FormErrors): boolean {
  return errors.list.length > 0;
}

/** Parses a form body; on failure returns errors keyed by the first path segment (the field's id). */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): { data: z.infer<S>; errors: null } | { data: null; errors: FormErrors } {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { data: result.data, errors: null };
  const errors = noErrors();
  for (const issue of result.error.issues) addError(errors, issue.path.map(String).join('-') || 'form', issue.message);
  return { data: null, errors };
}

/**
 * A date field in three parts (GOV.UK date input), read as YYYY-MM-DD; null when all parts are empty. A problem
 * names the boxes at fault in `parts` (all three when each box is fine but together they are not a real date).
 */
export function dateFromParts(body: Record<string, unknown>, name: string): { value: string | null; problem: string | null; parts: DatePart[] } {
  const part = (p: string) => String(body[`${name}-${p}`] ?? '').trim();
  const [d, m, y] = [part('day'), part('month'), part('year')];
  if (!d && !m && !y) return { value: null, problem: null, parts: [] };
  const wrong = (problem: string, parts: DatePart[]) => ({ value: null, problem, parts });
  // As the GOV.UK date input asks: name the part that is missing, and a year with too few numbers.
  const missing = DATE_PARTS.filter((p) => !{ day: d, month: m, year: y }[p]);
  if (missing.length > 0) return wrong(`must include a ${missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}`}`, missing);
  const badDay = !/^\d{1,2}$/.test(d) || Number(d) < 1 || Number(d) > 31;
  const badMonth = !/^\d{1,2}$/.test(m) || Number(m) < 1 || Number(m) > 12;
  const badYear = !/^\d{4}$/.test(y);
  const atFault = DATE_PARTS.filter((_, i) => [badDay, badMonth, badYear][i]);
  if (/^\d{1,3}$/.test(y)) return wrong('must have a year with 4 numbers, like 2024', atFault);
  if (atFault.length > 0) return wrong('must be a real date', atFault);
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const check = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== iso) return wrong('must be a real date', [...DATE_PARTS]);
  return { value: iso, problem: null, parts: [] };
}

/** Values for a GOV.UK date input from an ISO date (or what the user typed). */
export function dateParts(body: Record<string, unknown> | null, name: string, iso?: string | null) {
  if (body && (`${name}-day` in body || `${name}-month` in body || `${name}-year` in body)) {
    return { day: String(body[`${name}-day`] ?? ''), month: String(body[`${name}-month`] ?? ''), year: String(body[`${name}-year`] ?? '') };
  }
  if (!iso) return { day: '', month: '', year: '' };
  return { day: String(Number(iso.slice(8, 10))), month: String(Number(iso.slice(5, 7))), year: iso.slice(0, 4) };
}
