// The demo authority written as an SSDA903 return, for demonstrations and for trying the import and the
// validator: realistic enough to pass every DfE rule IRO Desk runs, except for errors it is asked to seed,
// each reported with the rule or problem it should raise and where. The register does not hold some of the
// return's administrative fields (the mother fields, a UPN for every child, fostering services' URNs, full
// postcodes): the demo return fills them deterministically from the child's identifier, as a case system
// would hold them. Nothing here reads the clock or Math.random: the same authority gives the same files.

import { SHORT_BREAK_LEGAL_STATUSES } from '../domain/codes.ts';
import { addDays, daysBetween, formatUkDate, parseUkDate, type IsoDate } from '../domain/dates.ts';
import type { ChildRecord, Episode } from '../domain/register.ts';
import { parseCollectionYear, type CollectionYear } from './collection-year.ts';
import { placementsWithoutUrn, sexFromReturn } from './code-lists.ts';
import { childReturnRows, ReturnWriter, type ReturnRow, type WrittenTable } from './export.ts';
import type { ImportedTable } from './tables.ts';

/** Errors the demo return can be asked to carry, and what IRO Desk's validator says about each. */
export const SEEDABLE_ERRORS = {
  badDate: { expect: '141', what: 'an episode start date that is not a date (31 February)' },
  unknownCode: { expect: '145', what: 'a category of need that is not a code (N9)' },
  childNotInHeader: { expect: 'INT08', what: 'a review for a child not in the Header table' },
  participationAge: { expect: '440', what: 'participation PN0 (under 4) for a child aged 4 or more' },
  overlappingEpisodes: { expect: '501', what: 'an episode starting before the previous one ended' },
  firstEpisodeNotS: { expect: '357', what: 'a first episode whose reason for new episode is not S' },
  blankParticipation: { expect: '167', what: 'a review with no participation code' },
} as const;
export type SeedableError = keyof typeof SEEDABLE_ERRORS;

export interface DemoReturnOptions {
  /** How many of each error to seed; none by default. */
  seedErrors?: Partial<Record<SeedableError, number>>;
}

export interface SeededError {
  kind: SeedableError;
  /** The DfE rule code IRO Desk's validator reports it under. */
  expect: string;
  table: ImportedTable;
  file: string;
  row: number;
  child: string;
}

export interface DemoReturn {
  year: CollectionYear;
  tables: WrittenTable[];
  children: number;
  seeded: SeededError[];
}

/** A number from text, the same on every machine (FNV-1a). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const digits = (seed: string, count: number) => String(hash(seed) % 10 ** count).padStart(count, '0');
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** A postcode given to its sector ("DM5 7") completed to a full one, the same for the same child and sector. */
function fullPostcode(postcode: string | null, child: string): string | null {
  if (postcode === null || !/^[A-Z]{1,2}\d[A-Z\d]?\s+\d$/i.test(postcode.trim())) return postcode;
  const h = hash(`${child}|${postcode}`);
  return `${postcode.trim().toUpperCase()}${INWARD_LETTERS[h % 20]}${INWARD_LETTERS[Math.floor(h / 20) % 20]}`;
}

/** Short breaks in long-term foster care, or police protection past 72 hours, are not in a valid return. */
function repairEpisodes(child: string, episodes: readonly Episode[], year: CollectionYear): Episode[] {
  const noUrn = placementsWithoutUrn(year);
  const repaired = episodes.map((e) => {
    const shortBreak = SHORT_BREAK_LEGAL_STATUSES.includes(e.legalStatus);
    const placementType = shortBreak && e.placementType === 'U1' ? 'U3' : shortBreak && e.placementType === 'U4' ? 'U6' : e.placementType;
    return {
      ...e,
      placementType,
      homePostcode: fullPostcode(e.homePostcode, child),
      placementPostcode: fullPostcode(e.placementPostcode, child),
      // One placement, one URN: episodes that only change the legal status keep it (rule 434).
      urn: e.urn ?? (shortBreak || noUrn.includes(placementType) ? null : `SC${digits(`${child}|${e.placementPostcode}|${placementType}|${e.placementProvider}`, 6)}`),
    };
  });
  const sorted = [...repaired].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  for (let i = 0; i < sorted.length; i += 1) {
    if (sorted[i]!.legalStatus !== 'L1') continue;
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1]!.legalStatus === 'L1' && sorted[j + 1]!.start === sorted[j]!.end) j += 1;
    const end = sorted[j]!.end;
    // Police protection lasts 72 hours at most: a longer stretch is recorded as an emergency protection order.
    if (end !== null && daysBetween(sorted[i]!.start, end) > 3 && daysBetween(sorted[i]!.start, end) <= 21) {
      for (let k = i; k <= j; k += 1) sorted[k] = { ...sorted[k]!, legalStatus: 'L2' };
    }
    i = j;
  }
  return sorted;
}

/** The mother field and a UPN for every child, which the register does not hold. */
function completeHeader(header: ReturnRow, record: ChildRecord, year: CollectionYear, onlyShortBreaks: boolean): ReturnRow {
  const female = sexFromReturn(header.SEX || null, year) === 'F';
  let upn = header.UPN ?? '';
  if (upn === '') {
    const dob = record.child.dateOfBirth;
    // UN1 ("not yet allocated") only for a child not yet 4 on 31 August before the year (rule 209).
    const underSchoolAge = dob !== null && dob > `${year.startYear - 5}-08-31`;
    upn = underSchoolAge ? 'UN1' : `A999${digits(`${record.child.id}|upn`, 9)}`;
  }
  return { ...header, UPN: upn, MOTHER: female && !onlyShortBreaks ? '0' : '' };
}

/**
 * Writes the authority's return for a collection year into outDir (header.csv, episodes.csv, reviews.csv,
 * uasc.csv), with the errors asked for seeded; returns where each was put.
 */
export async function writeDemoReturn(
  authority: { children: readonly ChildRecord[] },
  outDir: string,
  year: CollectionYear | string,
  options: DemoReturnOptions = {},
): Promise<DemoReturn> {
  const collectionYear = typeof year === 'string' ? parseCollectionYear(year) : year;
  const tables: Record<ImportedTable, ReturnRow[]> = { Header: [], Episodes: [], Reviews: [], UASC: [] };
  const records = [...authority.children].sort((a, b) => (a.child.id < b.child.id ? -1 : a.child.id > b.child.id ? 1 : 0));
  for (const record of records) {
    const repaired = { ...record, episodes: repairEpisodes(record.child.id, record.episodes, collectionYear) };
    const rows = childReturnRows(repaired, collectionYear);
    if (!rows) continue;
    const onlyShortBreaks = rows.Episodes.every((e) => SHORT_BREAK_LEGAL_STATUSES.includes(e.LS!));
    tables.Header.push(completeHeader(rows.Header, record, collectionYear, onlyShortBreaks));
    tables.Episodes.push(...rows.Episodes);
    tables.Reviews.push(...rows.Reviews);
    tables.UASC.push(...rows.UASC);
  }
  const seeded = seedErrors(tables, collectionYear, options.seedErrors ?? {});
  const writer = await ReturnWriter.open(outDir);
  for (const table of Object.keys(tables) as ImportedTable[]) for (const row of tables[table]) await writer.write(table, row);
  const written = await writer.close();
  const file = (table: ImportedTable) => written.find((w) => w.table === table)!.file;
  return { year: collectionYear, tables: written, children: tables.Header.length, seeded: seeded.map((s) => ({ ...s, file: file(s.table) })) };
}

const uk = (date: IsoDate) => formatUkDate(date);
const iso = (date: string): IsoDate => parseUkDate(date)!;

/** Spreads `count` picks evenly over the candidates, so seeded errors are not all in the first rows. */
function spread<T>(candidates: readonly T[], count: number): T[] {
  const picks: T[] = [];
  for (let i = 0; i < Math.min(count, candidates.length); i += 1) picks.push(candidates[Math.floor((i * candidates.length) / Math.min(count, candidates.length))]!);
  return picks;
}

function seedErrors(tables: Record<ImportedTable, ReturnRow[]>, year: CollectionYear, asked: Partial<Record<SeedableError, number>>): Omit<SeededError, 'file'>[] {
  const seeded: Omit<SeededError, 'file'>[] = [];
  const touched = new Set<string>();
  const dobOf = new Map(tables.Header.map((h) => [h.CHILD!, h.DOB!]));
  const episodesByChild = new Map<string, number[]>();
  tables.Episodes.forEach((e, i) => episodesByChild.set(e.CHILD!, [...(episodesByChild.get(e.CHILD!) ?? []), i]));
  const record = (kind: SeedableError, table: ImportedTable, index: number) => {
    const child = tables[table][index]!.CHILD!;
    touched.add(child);
    seeded.push({ kind, expect: SEEDABLE_ERRORS[kind].expect, table, row: index + 2, child });
  };
  const free = (table: ImportedTable) => tables[table].map((_, i) => i).filter((i) => !touched.has(tables[table][i]!.CHILD!));

  for (const index of spread(free('Episodes'), asked.unknownCode ?? 0)) {
    tables.Episodes[index]!.CIN = 'N9';
    record('unknownCode', 'Episodes', index);
  }
  for (const index of spread(free('Reviews'), asked.blankParticipation ?? 0)) {
    tables.Reviews[index]!.REVIEW_CODE = '';
    record('blankParticipation', 'Reviews', index);
  }
  const fourOrOver = free('Reviews').filter((i) => {
    const r = tables.Reviews[i]!;
    const dob = dobOf.get(r.CHILD!);
    return dob && r.REVIEW && daysBetween(iso(dob), iso(r.REVIEW)) > 4 * 366 && r.REVIEW_CODE !== '';
  });
  for (const index of spread(fourOrOver, asked.participationAge ?? 0)) {
    tables.Reviews[index]!.REVIEW_CODE = 'PN0';
    record('participationAge', 'Reviews', index);
  }
  // The second of two episodes joined end to start, moved to begin the day before the first ended.
  const joined = free('Episodes').filter((i) => {
    const list = episodesByChild.get(tables.Episodes[i]!.CHILD!)!;
    const previous = list.indexOf(i) > 0 ? tables.Episodes[list[list.indexOf(i) - 1]!]! : null;
    return previous !== null && previous.DEC === tables.Episodes[i]!.DECOM && previous.DEC !== '' && daysBetween(iso(previous.DECOM!), iso(previous.DEC!)) >= 2;
  });
  for (const index of spread(joined, asked.overlappingEpisodes ?? 0)) {
    tables.Episodes[index]!.DECOM = uk(addDays(iso(tables.Episodes[index]!.DECOM!), -1));
    record('overlappingEpisodes', 'Episodes', index);
  }
  const firstInYear = free('Episodes').filter((i) => {
    const e = tables.Episodes[i]!;
    return episodesByChild.get(e.CHILD!)![0] === i && e.RNE === 'S' && iso(e.DECOM!) >= year.start;
  });
  for (const index of spread(firstInYear, asked.firstEpisodeNotS ?? 0)) {
    tables.Episodes[index]!.RNE = 'P';
    record('firstEpisodeNotS', 'Episodes', index);
  }
  for (const index of spread(free('Episodes'), asked.badDate ?? 0)) {
    tables.Episodes[index]!.DECOM = `31/02/${year.startYear + 1}`;
    record('badDate', 'Episodes', index);
  }
  for (let i = 0; i < (asked.childNotInHeader ?? 0); i += 1) {
    const child = `NOT-IN-HEADER-${i + 1}`;
    tables.Reviews.push({ CHILD: child, DOB: uk(`${year.startYear - 10}-01-01`), REVIEW: uk(year.start), REVIEW_CODE: 'PN1' });
    record('childNotInHeader', 'Reviews', tables.Reviews.length - 1);
  }
  return seeded;
}

