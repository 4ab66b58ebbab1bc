// Nunjucks set-up for server-rendered pages: our templates first, then GOV.UK Frontend's macros.

import path from 'node:path';
import { createRequire } from 'node:module';
import nunjucks from 'nunjucks';
import { formatUkDate } from '../domain/dates.ts';

const require = createRequire(import.meta.url);
/** The folder holding govuk-frontend's `govuk/` templates and assets. */
export const GOVUK_FRONTEND_DIST = path.join(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist');
const TEMPLATES = path.join(import.meta.dirname, 'templates');

export function createViews(): nunjucks.Environment {
  const env = nunjucks.configure([TEMPLATES, GOVUK_FRONTEND_DIST], { autoescape: true, throwOnUndefined: false, noCache: false });
  // Dates on pages read as users write them: 5 February 2024.
  env.addFilter('longDate', (iso: string | null | undefined) => {
    if (!iso) return '';
    const d = new Date(`${iso}T00:00:00Z`);
    return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  });
  env.addFilter('ukDate', (iso: string | null | undefined) => (iso ? formatUkDate(iso) : ''));
  return env;
}
