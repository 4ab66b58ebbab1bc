// Checking or importing an SSDA903 return uploaded through the web application: the same reading, rules
// and all-or-nothing import as `iro validate ssda903` and `iro import ssda903`, on files saved to a folder
// of their own for the request and removed afterwards. The import is recorded in the audit trail.

import fs from 'node:fs/promises';
import type { Database } from '../db/database.ts';
import { recordAudit } from '../db/audit.ts';
import { findReturns } from '../ssda903/csv-source.ts';
import { loadReturn } from '../ssda903/read.ts';
import { importSsda903, type ImportSummary } from '../ssda903/import.ts';
import { validateReturn, type ValidationReport } from '../ssda903/validate/index.ts';
import { Ssda903Error, type StructuralProblem } from '../ssda903/errors.ts';
import type { CollectionYear } from '../ssda903/collection-year.ts';

export type UploadOutcome =
  | { kind: 'checked'; reports: ValidationReport[]; problems: StructuralProblem[] }
  | { kind: 'imported'; summary: ImportSummary }
  | { kind: 'refused'; message: string; problems: readonly StructuralProblem[] };

export async function checkUploadedReturn(folder: string, year?: CollectionYear): Promise<UploadOutcome> {
  const { returns, problems } = await findReturns([folder]);
  if (returns.length === 0 && problems.length === 0) return { kind: 'refused', message: 'No CSV files were uploaded', problems: [] };
  const reports: ValidationReport[] = [];
  const unreadable = [...problems];
  for (const source of returns) {
    try {
      reports.push(validateReturn(await loadReturn(source, year ? { year } : {})));
    } catch (error) {
      if (!(error instanceof Ssda903Error)) throw error;
      unreadable.push(...error.problems);
      if (error.problems.length === 0) return { kind: 'refused', message: error.message, problems: unreadable };
    }
  }
  return { kind: 'checked', reports, problems: unreadable };
}

export async function importUploadedReturn(database: Database, actorId: number, folder: string, year?: CollectionYear): Promise<UploadOutcome> {
  try {
    const summary = await importSsda903(database, [folder], year ? { year } : {});
    await recordAudit(database, {
      staffId: actorId,
      action: 'create',
      entity: 'ssda903_import',
      detail: { returns: summary.returns.map((r) => r.year.label), childrenAdded: summary.children.added, childrenUpdated: summary.children.updated, reviewsAdded: summary.reviews.added },
    });
    return { kind: 'imported', summary };
  } catch (error) {
    if (error instanceof Ssda903Error) return { kind: 'refused', message: error.message, problems: error.problems };
    throw error;
  }
}

export async function removeUpload(folder: string): Promise<void> {
  await fs.rm(folder, { recursive: true, force: true });
}
