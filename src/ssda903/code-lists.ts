// The code lists of the SSDA903 return, by collection year, in one place. Most lists have not changed for
// years; the ones that have are dated here so that a 2019-20 return and a 2025-26 return are each read with
// their own year's codes:
// - SEX: 1 (male) / 2 (female) up to 2023-24; M / F / U from 2024-25;
// - PLACE: H5 (semi-independent living) up to 2023-24; K3 (registered supported accommodation) from
//   2024-25; P2 (independent living) not valid for a placement open after 28 October 2023 and gone from
//   2025-26; Z1 (other placements) replaced by Z11–Z14 in 2025-26.
// The wording users see lives in src/domain/codes.ts; these are the codes each year accepts.

import type { IsoDate } from '../domain/dates.ts';
import type { Sex } from '../domain/codes.ts';
import type { CollectionYear } from './collection-year.ts';

export type CodeListName =
  | 'SEX'
  | 'ETHNIC'
  | 'RNE'
  | 'LS'
  | 'CIN'
  | 'PLACE'
  | 'PLACE_PROVIDER'
  | 'REC'
  | 'REASON_PLACE_CHANGE'
  | 'REVIEW_CODE'
  | 'ZERO_ONE'
  | 'SDQ_REASON'
  | 'IN_TOUCH'
  | 'ACTIV'
  | 'ACCOM'
  | 'SEX_ADOPTR'
  | 'LS_ADOPTR'
  | 'REASON_PLACED_CEASED'
  | 'PREV_PERM'
  | 'MISSING'
  | 'SW_REASON';

const TEMPORARY = ['T0', 'T1', 'T2', 'T3', 'T4'] as const;
const PLACE_BEFORE_2024 = [
  'A3', 'A4', 'A5', 'A6', 'H5', 'K1', 'K2', 'P1', 'P2', 'P3', 'R1', 'R2', 'R3', 'R5', 'S1',
  ...TEMPORARY, 'U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'Z1',
];
const PLACE_2024 = [...PLACE_BEFORE_2024.filter((c) => c !== 'H5'), 'K3'];
const PLACE_2025 = [...PLACE_2024.filter((c) => c !== 'P2' && c !== 'Z1'), 'Z11', 'Z12', 'Z13', 'Z14'];

/** The lists as they stood from the first collection year; later entries change only what changed. */
const YEAR_TABLES: readonly { fromStartYear: number; lists: Partial<Record<CodeListName, readonly string[]>> }[] = [
  {
    fromStartYear: 1991,
    lists: {
      SEX: ['1', '2'],
      ETHNIC: ['WBRI', 'WIRI', 'WOTH', 'WIRT', 'WROM', 'MWBC', 'MWBA', 'MWAS', 'MOTH', 'AIND', 'APKN', 'ABAN', 'AOTH',
        'BCRB', 'BAFR', 'BOTH', 'CHNE', 'OOTH', 'REFU', 'NOBT'],
      RNE: ['S', 'L', 'P', 'T', 'B', 'U'],
      LS: ['C1', 'C2', 'D1', 'E1', 'V2', 'V3', 'V4', 'L1', 'L2', 'L3', 'J1', 'J2', 'J3'],
      CIN: ['N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8'],
      PLACE: PLACE_BEFORE_2024,
      PLACE_PROVIDER: ['PR0', 'PR1', 'PR2', 'PR3', 'PR4', 'PR5'],
      REC: ['X1', 'E11', 'E12', 'E2', 'E3', 'E4A', 'E4B', 'E13', 'E41', 'E45', 'E46', 'E47', 'E48', 'E5', 'E6', 'E7',
        'E9', 'E14', 'E15', 'E16', 'E17', 'E8'],
      REASON_PLACE_CHANGE: ['CARPL', 'CLOSE', 'ALLEG', 'STAND', 'APPRR', 'CREQB', 'CREQO', 'CHILD', 'LAREQ', 'PLACE',
        'CUSTOD', 'OTHER'],
      REVIEW_CODE: ['PN0', 'PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7'],
      ZERO_ONE: ['0', '1'],
      SDQ_REASON: ['SDQ1', 'SDQ2', 'SDQ3', 'SDQ4', 'SDQ5'],
      IN_TOUCH: ['YES', 'NO', 'DIED', 'REFU', 'NREQ', 'RHOM'],
      ACTIV: ['F1', 'P1', 'F2', 'P2', 'F4', 'P4', 'F5', 'P5', 'G4', 'G5', 'G6', '0'],
      ACCOM: ['B1', 'B2', 'C1', 'C2', 'D1', 'D2', 'E1', 'E2', 'G1', 'G2', 'H1', 'H2', 'K1', 'K2', 'R1', 'R2', 'S1', 'S2',
        'T1', 'T2', 'U1', 'U2', 'V1', 'V2', 'W1', 'W2', 'X1', 'X2', 'Y1', 'Y2', 'Z1', 'Z2', '0'],
      SEX_ADOPTR: ['M1', 'F1', 'MM', 'FF', 'MF'],
      LS_ADOPTR: ['L0', 'L11', 'L12', 'L2', 'L3', 'L4'],
      REASON_PLACED_CEASED: ['RD1', 'RD2', 'RD3', 'RD4'],
      PREV_PERM: ['P1', 'P2', 'P3', 'P4', 'Z1'],
      MISSING: ['M', 'A'],
      SW_REASON: ['MANAGE', 'FCONTA', 'LEFTRL', 'ORGRST', 'TSPROC', 'ABSENC', 'CHCHAN', 'PCCHAN', 'SWDIED', 'OTHERS'],
    },
  },
  { fromStartYear: 2024, lists: { SEX: ['M', 'F', 'U'], PLACE: PLACE_2024 } },
  { fromStartYear: 2025, lists: { PLACE: PLACE_2025 } },
];

const cache = new Map<string, ReadonlySet<string>>();

/** The codes a collection year accepts for a list. */
export function codesFor(list: CodeListName, year: CollectionYear): ReadonlySet<string> {
  const key = `${list}:${year.startYear}`;
  let codes = cache.get(key);
  if (!codes) {
    let found: readonly string[] = [];
    for (const table of YEAR_TABLES) {
      const entry = table.lists[list];
      if (table.fromStartYear <= year.startYear && entry) found = entry;
    }
    codes = new Set(found);
    cache.set(key, codes);
  }
  return codes;
}

/** Placement types with no placement provider and no Ofsted URN: temporary and "other" placements. */
export const TEMPORARY_PLACEMENTS: readonly string[] = TEMPORARY;
export const OTHER_PLACEMENTS: readonly string[] = ['Z1', 'Z11', 'Z12', 'Z13', 'Z14'];

/**
 * Placement types that have no Ofsted URN (rules 218 and 222), by year: H5 needed one from 2023-24, P2 left the
 * list with 2024-25 and Z1 became Z11–Z14 in 2025-26.
 */
export function placementsWithoutUrn(year: CollectionYear): readonly string[] {
  const always = ['P1', 'P3', 'R1', 'R2', 'R5', ...TEMPORARY];
  if (year.startYear >= 2025) return [...always, 'Z11', 'Z12', 'Z13', 'Z14'];
  if (year.startYear === 2024) return [...always, 'Z1'];
  if (year.startYear === 2023) return [...always, 'P2', 'Z1'];
  return [...always, 'H5', 'P2', 'Z1'];
}

/** The day from which P2 (independent living) may no longer be used for a placement still going on. */
export const P2_LAST_DAY: IsoDate = '2023-10-28';

/**
 * Why a placement type is not valid for an episode in a collection year, or null when it is.
 * P2 stays in the lists of 2023-24 and 2024-25 for placements that ended by 28 October 2023.
 */
export function placementTypeProblem(place: string, episodeEnd: IsoDate | null, year: CollectionYear): string | null {
  if (!codesFor('PLACE', year).has(place)) {
    if (place === 'H5' && year.startYear >= 2024) return `H5 is not a placement type from 2024-25 (use K3, registered supported accommodation)`;
    if (place === 'K3' && year.startYear < 2024) return `K3 is a placement type only from 2024-25`;
    if (place === 'Z1' && year.startYear >= 2025) return `Z1 is replaced by Z11–Z14 from 2025-26`;
    if (/^Z1[1-4]$/.test(place)) return `${place} is a placement type only from 2025-26`;
    if (place === 'P2') return `P2 is not a placement type from 2025-26`;
    return `not a placement type code of ${year.label}`;
  }
  if (place === 'P2' && year.startYear >= 2023 && (episodeEnd === null || episodeEnd > P2_LAST_DAY)) {
    return 'P2 (independent living) is not valid for a placement open after 28 October 2023';
  }
  return null;
}

/** SEX as the register holds it (M/F/U), from the coding of the return's year; null when not a code of that year. */
export function sexFromReturn(value: string | null, year: CollectionYear): Sex | null {
  if (value === null) return null;
  if (year.startYear < 2024) return value === '1' ? 'M' : value === '2' ? 'F' : null;
  return value === 'M' || value === 'F' || value === 'U' ? value : null;
}

/** SEX in the coding of the return's year. Years before 2024-25 have no code for "unknown": it is left blank. */
export function sexForReturn(sex: Sex, year: CollectionYear): string {
  if (year.startYear >= 2024) return sex;
  return sex === 'M' ? '1' : sex === 'F' ? '2' : '';
}

/** What the coding of SEX is in a year, for messages. */
export function sexCodingOf(year: CollectionYear): string {
  return year.startYear < 2024 ? '1 (male) or 2 (female)' : 'M, F or U';
}

/** A year to check the year-independent lists with (those of the tables IRO Desk does not store). */
export function collectionYearForCodes(): CollectionYear {
  return { label: '2024-25', startYear: 2024, start: '2024-04-01', end: '2025-03-31' };
}
