// The SSDA903 collection year: 1 April to 31 March, named "2024-25". Which year a return belongs to decides
// its code lists (SEX 1/2 or M/F/U, placement types) and the dates several DfE rules compare against.

import { isIsoDate, type IsoDate } from '../domain/dates.ts';
import { Ssda903Error } from './errors.ts';

export interface CollectionYear {
  /** "2024-25" */
  label: string;
  /** The calendar year the collection year starts in: 2024 for 2024-25. */
  startYear: number;
  /** 1 April of startYear. */
  start: IsoDate;
  /** 31 March of the next year. */
  end: IsoDate;
}

export function collectionYearStarting(startYear: number): CollectionYear {
  const next = String((startYear + 1) % 100).padStart(2, '0');
  return {
    label: `${startYear}-${next}`,
    startYear,
    start: `${String(startYear).padStart(4, '0')}-04-01`,
    end: `${String(startYear + 1).padStart(4, '0')}-03-31`,
  };
}

export function collectionYearContaining(date: IsoDate): CollectionYear {
  const year = Number(date.slice(0, 4));
  return collectionYearStarting(date.slice(5) >= '04-01' ? year : year - 1);
}

/**
 * Reads "2024-25" (also "2024/25" and "2024-2025"). The second year must follow the first, so a typo
 * such as "2024-26" is refused rather than guessed.
 */
export function parseCollectionYear(text: string): CollectionYear {
  const m = /^\s*(\d{4})\s*[-/]\s*(\d{2}|\d{4})\s*$/.exec(text);
  if (m) {
    const startYear = Number(m[1]);
    const second = m[2]!;
    const expected = second.length === 2 ? String((startYear + 1) % 100).padStart(2, '0') : String(startYear + 1);
    if (second === expected && startYear >= 1991 && startYear <= 2100) return collectionYearStarting(startYear);
  }
  throw new Ssda903Error('SSDA903_BAD_YEAR', `"${text}" is not a collection year: write it as 2024-25 (1 April 2024 to 31 March 2025)`);
}

export function isInYear(date: IsoDate | null, year: CollectionYear): boolean {
  return date !== null && isIsoDate(date) && date >= year.start && date <= year.end;
}
