// Form handling shared by every page: reading urlencoded bodies with zod and turning problems into the
// GOV.UK error summary and field messages.

import type { z } from 'zod';

export interface FormErrors {
  /** For govukErrorSummary: each links to its field. */
  list: { text: string; href: string }[];
  /** For each field's errorMessage. */
  byField: Record<string, { text: string }>;
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

/** A date field in three parts (GOV.UK date input), read as YYYY-MM-DD; null when all parts are empty. */
export function dateFromParts(body: Record<string, unknown>, name: string): { value: string | null; problem: string | null } {
  const part = (p: string) => String(body[`${name}-${p}`] ?? '').trim();
  const [d, m, y] = [part('day'), part('month'), part('year')];
  if (!d && !m && !y) return { value: null, problem: null };
  // As the GOV.UK date input asks: name the part that is missing, and a year with too few numbers.
  const missing = [!d && 'day', !m && 'month', !y && 'year'].filter((p): p is string => typeof p === 'string');
  if (missing.length > 0) return { value: null, problem: `must include a ${missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}`}` };
  if (/^\d{1,3}$/.test(y)) return { value: null, problem: 'must have a year with 4 numbers, like 2024' };
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return { value: null, problem: 'must be a real date' };
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const check = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== iso) return { value: null, problem: 'must be a real date' };
  return { value: iso, problem: null };
}

/** Values for a GOV.UK date input from an ISO date (or what the user typed). */
export function dateParts(body: Record<string, unknown> | null, name: string, iso?: string | null) {
  if (body && (`${name}-day` in body || `${name}-month` in body || `${name}-year` in body)) {
    return { day: String(body[`${name}-day`] ?? ''), month: String(body[`${name}-month`] ?? ''), year: String(body[`${name}-year`] ?? '') };
  }
  if (!iso) return { day: '', month: '', year: '' };
  return { day: String(Number(iso.slice(8, 10))), month: String(Number(iso.slice(5, 7))), year: iso.slice(0, 4) };
}
