// Today's date in England, whatever zone the server runs in: statutory dates are English calendar dates.
import type { IsoDate } from '../domain/dates.ts';

export function todayInEngland(now: Date = new Date()): IsoDate {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
