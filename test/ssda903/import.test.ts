// Importing returns into the register, on every database the suite runs: all or nothing, a second import of
// the same files changes nothing, next year's return merges without losing what IRO Desk recorded itself,
// and a return exported from the register imports back to the same register.

import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allocateIro, listAllocations } from '../../src/db/allocations.ts';
import { findChild, upsertChild } from '../../src/db/children.ts';
import type { Database } from '../../src/db/database.ts';
import { listEpisodes } from '../../src/db/episodes.ts';
import { addReview, listReviews, updateReview } from '../../src/db/reviews.ts';
import { getSettings } from '../../src/db/settings.ts';
import { addStaff } from '../../src/db/staff.ts';
import { parseCollectionYear } from '../../src/ssda903/collection-year.ts';
import { Ssda903Error } from '../../src/ssda903/errors.ts';
import { writeReturn } from '../../src/ssda903/export.ts';
import { importSsda903 } from '../../src/ssda903/import.ts';
import { recordsInRegister } from '../../src/ssda903/register-source.ts';
import { DIALECTS, withTestDatabase, createTestDatabase } from '../support/test-database.ts';
import { RETURN_2023_24, RETURN_2024_25, writeReturnFiles, type ReturnFiles } from './returns.ts';
import { referenceDir, removeDir, tempDir } from './support.ts';

async function dump(database: Database) {
  const db = database.db;
  return {
    child: await db.selectFrom('child').selectAll().orderBy('id').execute(),
    episode: await db.selectFrom('episode').selectAll().orderBy('id').execute(),
    period: await db.selectFrom('period_of_care').selectAll().orderBy('id').execute(),
    allocation: await db.selectFrom('iro_allocation').selectAll().orderBy('id').execute(),
    review: await db.selectFrom('review').selectAll().orderBy('id').execute(),
    rearrangement: await db.selectFrom('review_rearrangement').selectAll().orderBy('id').execute(),
  };
}

/** The register's records without the ids and timestamps a database gives them. */
async function registerContent(database: Database) {
  const records = [];
  for await (const { child, episodes, reviews } of recordsInRegister(database)) {
    records.push({ child, episodes, reviews: reviews.map(({ id: _id, version: _version, ...r }) => r) });
  }
  return records;
}

function readCsv(file: string): string[][] {
  return parse(fs.readFileSync(file)) as string[][];
}

describe.each(DIALECTS)('importing SSDA903 returns (%s)', (dialect) => {
  const database = withTestDatabase(dialect);
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => removeDir(dir));

  it('imports the children with UASC details, their episodes and the reviews held with due dates', async () => {
    const folder = writeReturnFiles(dir, '2023-24', RETURN_2023_24);
    const summary = await importSsda903(database(), [folder]);
    expect(summary.returns.map((r) => [r.year.label, r.children, r.episodes, r.reviews])).toEqual([['2023-24', 2, 3, 3]]);
    expect(summary.children).toEqual({ added: 2, updated: 0, unchanged: 0 });
    expect(summary.reviews).toEqual({ added: 3, updated: 0 });
    expect(await findChild(database(), 'C1')).toMatchObject({ sex: 'F', dateOfBirth: '2012-03-14', ethnicity: 'WBRI', upn: 'A123456789012', uasc: false });
    expect(await findChild(database(), 'C2')).toMatchObject({ sex: 'M', uasc: true, uascCeasedDate: null });
    expect((await listEpisodes(database(), 'C2')).map((e) => [e.start, e.placementType, e.end, e.reasonCeased])).toEqual([
      ['2023-07-10', 'U6', '2024-01-20', 'X1'],
      ['2024-01-20', 'K2', null, null],
    ]);
    // Looked after from 1 May 2023: the first review is due 20 working days later, skipping the bank holidays
    // of 8 May (the Coronation) and 29 May; the second 3 months after the first was held.
    const reviews = await listReviews(database(), 'C1');
    expect(reviews.map((r) => [r.heldDate, r.status, r.participationCode, r.dueDate])).toEqual([
      ['2023-05-29', 'held', 'PN1', '2023-05-31'],
      ['2023-08-20', 'held', 'PN6', '2023-08-29'],
    ]);
  });

  it('stores nothing when a file has a bad row, and names the file, row and field', async () => {
    const bad: ReturnFiles = { ...RETURN_2024_25, episodes: [...RETURN_2024_25.episodes, ['C3', '31/02/2025', 'P', 'C1', 'N1', 'U3', 'PR1', '', '', '', '', '', '']] };
    const folder = writeReturnFiles(dir, 'bad', bad);
    const error = await importSsda903(database(), [folder]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Ssda903Error);
    expect((error as Ssda903Error).code).toBe('SSDA903_STRUCTURE');
    expect((error as Ssda903Error).problems).toEqual([
      expect.objectContaining({ file: path.join(folder, 'episodes.csv'), row: 6, column: 'DECOM', value: '31/02/2025', code: 'BAD_DATE' }),
    ]);
    expect((await dump(database())).child).toEqual([]);

    // Nor into a register that already holds children.
    await importSsda903(database(), [writeReturnFiles(dir, '2023-24', RETURN_2023_24)]);
    const before = await dump(database());
    await expect(importSsda903(database(), [folder])).rejects.toMatchObject({ code: 'SSDA903_STRUCTURE' });
    expect(await dump(database())).toEqual(before);
  });

  it('refuses the public fake files (random codes and dates) with every problem named, and does not crash', async () => {
    const error = await importSsda903(database(), [path.join(referenceDir, 'fake-data-format-only')]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SSDA903_STRUCTURE' });
    const problems = (error as Ssda903Error).problems;
    expect(problems.length).toBeGreaterThan(100);
    for (const p of problems) {
      expect(p.file.startsWith(referenceDir)).toBe(true);
      expect(p.reason).not.toBe('');
    }
    // Their latest dates are in 2030, so the year is 2030-31, whose SEX codes are M/F/U, not 1/2.
    expect(problems).toContainEqual(expect.objectContaining({ column: 'SEX', row: 2, value: '2', reason: 'SEX in a 2030-31 return is M, F or U' }));
    expect(problems).toContainEqual(expect.objectContaining({ column: 'MOTHER', value: '1.0', reason: 'not a MOTHER code of 2030-31 (0 or 1)' }));
    expect((await dump(database())).child).toEqual([]);
  });

  it('changes nothing when the same files are imported again', async () => {
    const folders = [writeReturnFiles(dir, '2023-24', RETURN_2023_24), writeReturnFiles(dir, '2024-25', RETURN_2024_25)];
    await importSsda903(database(), folders);
    const before = await dump(database());
    const again = await importSsda903(database(), folders);
    expect(again.children).toEqual({ added: 0, updated: 0, unchanged: 3 });
    expect(again.reviews).toEqual({ added: 0, updated: 0 });
    expect(await dump(database())).toEqual(before);
  });

  it('changes nothing when an earlier year is imported again on its own, or after a later one', async () => {
    const earlier = writeReturnFiles(dir, '2023-24', RETURN_2023_24);
    const later = writeReturnFiles(dir, '2024-25', RETURN_2024_25);
    await importSsda903(database(), [earlier, later]);
    const both = await dump(database());
    // An episode open on 31 March 2024 in 2023-24, ended in 2024-25, keeps its end.
    expect((await importSsda903(database(), [earlier])).children).toMatchObject({ updated: 0 });
    expect(await dump(database())).toEqual(both);
    const apart = await createTestDatabase(dialect);
    try {
      await importSsda903(apart, [later]);
      await importSsda903(apart, [earlier]);
      expect(await registerContent(apart)).toEqual(await registerContent(database()));
    } finally {
      await apart.destroy();
    }
  });

  it('records that the register is complete from the earliest year imported, and only moves that day earlier', async () => {
    const completeFrom = async () => (await getSettings(database())).recordsCompleteFrom;
    expect(await completeFrom()).toBeNull();
    // The first import (into an empty register) and later ones (merged) both record it.
    await importSsda903(database(), [writeReturnFiles(dir, '2024-25', RETURN_2024_25)]);
    expect(await completeFrom()).toBe('2024-04-01');
    await importSsda903(database(), [writeReturnFiles(dir, '2023-24', RETURN_2023_24)]);
    expect(await completeFrom()).toBe('2023-04-01');
    await importSsda903(database(), [writeReturnFiles(dir, '2024-25', RETURN_2024_25)]);
    expect(await completeFrom()).toBe('2023-04-01');
  });

  it('leaves the day the register is complete from alone when an import stores nothing', async () => {
    await importSsda903(database(), [writeReturnFiles(dir, '2024-25', RETURN_2024_25)]);
    const bad: ReturnFiles = { ...RETURN_2023_24, episodes: [...RETURN_2023_24.episodes, ['C3', '31/02/2024', 'S', 'C1', 'N1', 'U3', 'PR1', '', '', '', '', '', '']] };
    const folder = writeReturnFiles(dir, 'bad', bad);
    await expect(importSsda903(database(), [folder])).rejects.toMatchObject({ code: 'SSDA903_STRUCTURE' });
    expect((await getSettings(database())).recordsCompleteFrom).toBe('2024-04-01');
  });

  it('writes a change to MOTHER or MC_DOB alone when the same year comes again corrected', async () => {
    await importSsda903(database(), [writeReturnFiles(dir, '2024-25', RETURN_2024_25)]);
    // C1, 12, becomes a mother: the corrected return says so and nothing else about her changes.
    const corrected = { ...RETURN_2024_25, header: RETURN_2024_25.header.map((row) => (row[0] === 'C1' ? [...row.slice(0, 5), '1', '01/02/2025'] : row)) };
    const summary = await importSsda903(database(), [writeReturnFiles(path.join(dir, 'corrected'), '2024-25', corrected)]);
    expect(summary.children).toEqual({ added: 0, updated: 1, unchanged: 2 });
    expect(await findChild(database(), 'C1')).toMatchObject({ mother: '1', motherChildDob: '2025-02-01' });
  });

  it("merges next year's return and keeps what IRO Desk recorded itself", async () => {
    await importSsda903(database(), [writeReturnFiles(dir, '2023-24', RETURN_2023_24)]);
    // What the IRO service recorded between the two returns.
    const iro = await addStaff(database(), { name: 'Sam IRO', email: 'sam@example.org', role: 'iro', team: null, fte: 1, active: true });
    const c1 = (await findChild(database(), 'C1'))!;
    await upsertChild(database(), { ...c1, givenName: 'Alex', familyName: 'Taylor', disability: 'ADHD', notifiedDate: '2023-05-02' });
    await allocateIro(database(), 'C1', iro.id, '2023-05-03');
    const first = (await listReviews(database(), 'C1'))[0]!;
    await updateReview(database(), first.id, first.version, { chairId: iro.id, format: 'in_person' });
    const booked = await addReview(database(), {
      childId: 'C1', dueDate: '2024-02-20', bookedDate: '2024-08-15', heldDate: null, status: 'booked', participationCode: null,
      chairId: iro.id, format: 'virtual', rearrangements: [{ changedOn: '2024-08-01', fromDate: '2024-08-10', toDate: '2024-08-15', reason: 'court_timetable', note: 'hearing moved' }],
    });

    const summary = await importSsda903(database(), [writeReturnFiles(dir, '2024-25', RETURN_2024_25)]);
    expect(summary.children).toEqual({ added: 1, updated: 2, unchanged: 0 });

    expect(await findChild(database(), 'C1')).toMatchObject({ givenName: 'Alex', familyName: 'Taylor', disability: 'ADHD', notifiedDate: '2023-05-02' });
    expect(await listAllocations(database(), 'C1')).toEqual([{ childId: 'C1', iroId: iro.id, from: '2023-05-03', to: null, reason: null }]);
    // The open episode of 2023-24 is replaced by the same episode as it ended in 2024-25.
    expect((await listEpisodes(database(), 'C1')).map((e) => [e.start, e.end, e.placementType])).toEqual([
      ['2023-05-01', '2024-09-10', 'U4'],
      ['2024-09-10', null, 'U6'],
    ]);
    const reviews = await listReviews(database(), 'C1');
    expect(reviews.map((r) => [r.id, r.heldDate, r.status, r.participationCode, r.chairId, r.format])).toEqual([
      [first.id, '2023-05-29', 'held', 'PN1', iro.id, 'in_person'],
      [expect.any(Number), '2023-08-20', 'held', 'PN6', null, null],
      // The booked review the return reports as held: same review, now held, its chair and rearrangement kept.
      [booked.id, '2024-08-15', 'held', 'PN7', iro.id, 'virtual'],
    ]);
    expect(reviews[2]!.rearrangements).toEqual(booked.rearrangements);
    expect(reviews[2]!.dueDate).toBe('2024-02-20');
    expect(await findChild(database(), 'C3')).toMatchObject({ sex: 'U', uasc: false });
  });

  it('round-trips: import, export and import into an empty register give the same register, and the export reproduces the return', async () => {
    for (const [label, files] of [['2023-24', RETURN_2023_24], ['2024-25', RETURN_2024_25]] as const) {
      const folder = writeReturnFiles(dir, label, files);
      const first = await createTestDatabase(dialect);
      const second = await createTestDatabase(dialect);
      try {
        await importSsda903(first, [folder]);
        const out = path.join(dir, `${label}-out`);
        const result = await writeReturn(recordsInRegister(first), parseCollectionYear(label), out);
        expect(result.tables.map((t) => [t.table, t.rows])).toEqual([
          ['Header', files.header.length], ['Episodes', files.episodes.length], ['Reviews', files.reviews.length], ['UASC', files.uasc.length],
        ]);
        expect(readCsv(path.join(out, 'header.csv')).slice(1)).toEqual(files.header);
        expect(readCsv(path.join(out, 'episodes.csv')).slice(1)).toEqual(files.episodes);
        expect(readCsv(path.join(out, 'reviews.csv')).slice(1)).toEqual(files.reviews);
        expect(readCsv(path.join(out, 'uasc.csv')).slice(1)).toEqual(files.uasc);
        await importSsda903(second, [out]);
        expect(await registerContent(second)).toEqual(await registerContent(first));
      } finally {
        await first.destroy();
        await second.destroy();
      }
    }
  });
});
