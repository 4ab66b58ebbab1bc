// Importing SSDA903 returns into the register: years of history in one go. Every file of every return is
// read and checked first; one structural error anywhere and nothing is stored. Then, in ONE transaction,
// each child's returns (oldest year first) are merged into what the register holds (see merge.ts) and only
// what changed is written, so importing the same files again changes nothing. An empty register takes the
// whole lot through the bulk writer.

import type { Database } from '../db/database.ts';
import { countChildren, findChild, upsertChild } from '../db/children.ts';
import { inTransaction, type DatabaseLike } from '../db/connection.ts';
import { listEpisodes, replaceEpisodes } from '../db/episodes.ts';
import { saveChildRecords } from '../db/register-import.ts';
import { refreshReportRecordsUnlessBusy } from '../db/report-children.ts';
import { noteRecordsCompleteFrom } from '../db/settings.ts';
import { addReview, listReviews, updateReview, type ReviewChanges, type ReviewInRegister } from '../db/reviews.ts';
import type { IsoDate } from '../domain/dates.ts';
import { sortEpisodes } from '../domain/periods-of-care.ts';
import type { Child, ChildRecord, Episode } from '../domain/register.ts';
import type { CollectionYear } from './collection-year.ts';
import { findReturns } from './csv-source.ts';
import { Ssda903Error, type StructuralProblem } from './errors.ts';
import { mergeChildRecord } from './merge.ts';
import { loadReturn, type FileSummary, type TableProblem } from './read.ts';
import { recordsFromReturn } from './to-register.ts';
import { validateReturn } from './validate/index.ts';

export interface ImportProgress {
  phase: 'read' | 'save';
  /** The return being read, or "register" while saving. */
  label: string;
  done: number;
  total: number;
}

export interface ImportOptions {
  /** The collection year of every return; by default each return's is worked out from its latest date. */
  year?: CollectionYear;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportedReturn {
  label: string;
  year: CollectionYear;
  yearInferredFrom: IsoDate | null;
  files: FileSummary[];
  children: number;
  episodes: number;
  reviews: number;
  /** Failures of the DfE's rules: reported, not blocking (run `iro validate ssda903` for the list). */
  ruleFailures: number;
}

export interface ImportSummary {
  returns: ImportedReturn[];
  children: { added: number; updated: number; unchanged: number };
  reviews: { added: number; updated: number };
  warnings: TableProblem[];
}

/** Reads, checks and imports the returns found at the paths. Throws Ssda903Error SSDA903_STRUCTURE, storing nothing, on any structural error. */
export async function importSsda903(database: Database, paths: readonly string[], options: ImportOptions = {}): Promise<ImportSummary> {
  const { returns: sources, problems: pathProblems } = await findReturns(paths);
  if (sources.length === 0 && pathProblems.length === 0) {
    throw new Ssda903Error('SSDA903_NO_FILES', `no CSV files found in ${paths.join(', ')}`);
  }
  const errors: StructuralProblem[] = [...pathProblems];
  const warnings: TableProblem[] = [];
  const returns: ImportedReturn[] = [];
  const incoming: { year: CollectionYear; records: ChildRecord[] }[] = [];

  for (const source of sources) {
    let loaded;
    try {
      loaded = await loadReturn(source, {
        year: options.year,
        onProgress: (done, total) => options.onProgress?.({ phase: 'read', label: source.label, done, total }),
      });
    } catch (error) {
      if (!(error instanceof Ssda903Error) || error.code !== 'SSDA903_YEAR_UNKNOWN') throw error;
      errors.push({ code: 'YEAR_UNKNOWN', severity: 'error', file: source.label, row: null, column: null, value: null, reason: error.message });
      continue;
    }
    for (const problem of loaded.problems) (problem.severity === 'error' ? errors : warnings).push(problem);
    if (!loaded.tables.has('Header')) {
      errors.push({ code: 'MISSING_TABLE', severity: 'error', file: source.label, row: null, column: null, value: null, reason: 'the return has no Header table: the children cannot be imported without it' });
    }
    const records = recordsFromReturn(loaded);
    returns.push({
      label: source.label,
      year: loaded.year,
      yearInferredFrom: loaded.yearInferredFrom,
      files: loaded.files,
      children: records.length,
      episodes: loaded.episodes.length,
      reviews: loaded.reviews.length,
      ruleFailures: validateReturn(loaded).failures.length,
    });
    incoming.push({ year: loaded.year, records });
  }
  if (errors.length > 0) {
    throw new Ssda903Error('SSDA903_STRUCTURE', `${errors.length} ${errors.length === 1 ? 'problem' : 'problems'} in the files: nothing was imported`, errors);
  }

  // Oldest year first, so a later return has the last word on the years it covers.
  const byChild = new Map<string, { year: CollectionYear; record: ChildRecord }[]>();
  for (const { year, records } of [...incoming].sort((a, b) => a.year.startYear - b.year.startYear)) {
    for (const record of records) {
      const list = byChild.get(record.child.id);
      if (list) list.push({ year, record });
      else byChild.set(record.child.id, [{ year, record }]);
    }
  }
  const counts = { children: { added: 0, updated: 0, unchanged: 0 }, reviews: { added: 0, updated: 0 } };
  const progress = (done: number) => options.onProgress?.({ phase: 'save', label: 'register', done, total: byChild.size });

  // Each return holds every child looked after in its year, so the register is complete from the earliest
  // year's first day: the report compares no period before it.
  const completeFrom = incoming.map((i) => i.year.start).reduce((a, b) => (a < b ? a : b));
  if ((await countChildren(database)) === 0) {
    const records = [...byChild.values()].map((list) => fold(null, list));
    progress(0);
    await saveChildRecords(database, records, undefined, { alsoWrite: (trx) => noteRecordsCompleteFrom(trx, completeFrom) });
    progress(records.length);
    counts.children.added = records.length;
    counts.reviews.added = records.reduce((n, r) => n + r.reviews.length, 0);
  } else {
    await inTransaction(database, async (trx) => {
      let done = 0;
      for (const [id, list] of byChild) {
        await mergeIntoRegister(trx, id, list, counts);
        done += 1;
        if (done % 100 === 0) progress(done);
      }
      await noteRecordsCompleteFrom(trx, completeFrom);
      progress(done);
    });
  }
  // The report's copy of each child's record just written (decision 12). The import is saved already: should
  // another writer be busy, the copies are stored before the next report instead.
  await refreshReportRecordsUnlessBusy(database);
  return { returns, ...counts, warnings };
}

function fold<R extends ChildRecord>(existing: R | null, list: readonly { year: CollectionYear; record: ChildRecord }[]): ChildRecord {
  let merged: ChildRecord | null = existing;
  for (const { year, record } of list) merged = mergeChildRecord(merged, record, year);
  return merged!;
}

// Every detail mergeChild() takes from a return: one left out here would never be written when it alone changed.
const sameChild = (a: Child, b: Child) =>
  a.dateOfBirth === b.dateOfBirth &&
  a.sex === b.sex &&
  a.ethnicity === b.ethnicity &&
  a.upn === b.upn &&
  a.uasc === b.uasc &&
  a.uascCeasedDate === b.uascCeasedDate &&
  (a.mother ?? null) === (b.mother ?? null) &&
  (a.motherChildDob ?? null) === (b.motherChildDob ?? null);

const episodeKey = (episodes: readonly Episode[]) =>
  JSON.stringify(sortEpisodes(episodes).map((e) => [e.start, e.reasonNewEpisode, e.legalStatus, e.categoryOfNeed, e.placementType, e.placementProvider, e.end, e.reasonCeased, e.reasonPlacementChange, e.homePostcode, e.placementPostcode, e.urn]));

/** Writes one child's merge: only the details, episodes and reviews that differ from the register's. */
async function mergeIntoRegister(
  trx: DatabaseLike,
  id: string,
  list: readonly { year: CollectionYear; record: ChildRecord }[],
  counts: { children: { added: number; updated: number; unchanged: number }; reviews: { added: number; updated: number } },
): Promise<void> {
  const child = await findChild(trx, id);
  if (!child) {
    const merged = fold(null, list);
    await upsertChild(trx, merged.child);
    if (merged.episodes.length > 0) await replaceEpisodes(trx, id, merged.episodes);
    for (const review of merged.reviews) await addReview(trx, review);
    counts.children.added += 1;
    counts.reviews.added += merged.reviews.length;
    return;
  }
  const before = { child, episodes: await listEpisodes(trx, id), reviews: await listReviews(trx, id), allocations: [] };
  const merged = fold(before, list);
  let changed = false;
  if (!sameChild(child, merged.child)) {
    await upsertChild(trx, merged.child);
    changed = true;
  }
  if (episodeKey(before.episodes) !== episodeKey(merged.episodes)) {
    await replaceEpisodes(trx, id, merged.episodes);
    changed = true;
  }
  const byId = new Map<number, ReviewInRegister>(before.reviews.map((r) => [r.id, r]));
  for (const review of merged.reviews) {
    const old = review.id === undefined ? undefined : byId.get(review.id);
    if (!old) {
      await addReview(trx, review);
      counts.reviews.added += 1;
      changed = true;
      continue;
    }
    const changes: ReviewChanges = {
      ...(old.status !== review.status && { status: review.status }),
      ...(old.heldDate !== review.heldDate && { heldDate: review.heldDate }),
      ...(old.participationCode !== review.participationCode && { participationCode: review.participationCode }),
      ...(old.dueDate !== review.dueDate && { dueDate: review.dueDate }),
    };
    if (Object.keys(changes).length > 0) {
      await updateReview(trx, old.id, old.version, changes);
      counts.reviews.updated += 1;
      changed = true;
    }
  }
  if (changed) counts.children.updated += 1;
  else counts.children.unchanged += 1;
}
