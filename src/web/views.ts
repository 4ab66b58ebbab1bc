// Nunjucks set-up for server-rendered pages: our templates first, then GOV.UK Frontend's macros.

import path from 'node:path';
import { createRequire } from 'node:module';
import nunjucks from 'nunjucks';
import { formatUkDate } from '../domain/dates.ts';

const require = createRequire(import.meta.url);
/** The folder holding govuk-frontend's `govuk/` templates and assets. */
export const GOVUK_FRONTEND_DIST = path.join(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist');
const TEMPLATES = path.join(import.meta.dirname, 'templates');
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function createViews(): nunjucks.Environment {
  const env = nunjucks.configure([TEMPLATES, GOVUK_FRONTEND_DIST], { autoescape: true, throwOnUndefined: false, noCache: false });
  // Dates on pages read as users write them: 5 February 2024. (Built by hand: Intl formatting per date
  // was most of a page's rendering time.)
  env.addFilter('longDate', (iso: string | null | undefined) => {
    if (!iso || !/^\d{4}-\d{2}-\d{2}/.test(iso)) return iso ?? '';
    return `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1] ?? ''} ${iso.slice(0, 4)}`;
  });
  env.addFilter('ukDate', (iso: string | null | undefined) => (iso ? formatUkDate(iso) : ''));
  return env;
}
