// Saving many child records in one transaction: round trip, all or nothing, and re-saving.

import { describe, expect, it } from 'vitest';
import { listAllocations } from '../../src/db/allocations.ts';
import { countChildren, getChild, listChildren, upsertChild } from '../../src/db/children.ts';
import { listEpisodes, listPeriodsOfCare } from '../../src/db/episodes.ts';
import { DatabaseError } from '../../src/db/errors.ts';
import { saveChildRecords, saveStaff } from '../../src/db/register-import.ts';
import { listReviews } from '../../src/db/reviews.ts';
import { listStaff } from '../../src/db/staff.ts';
import { periodsOfCare, sortEpisodes } from '../../src/domain/periods-of-care.ts';
import type { ChildRecord } from '../../src/domain/register.ts';
import { buildChildRecord, buildChildRecords, buildEpisode, buildReview, buildStaffMember } from '../support/builders.ts';
import { DIALECTS, withTestDatabase, type TestDatabase } from '../support/test-database.ts';

/** Everything the register holds, read back through the repositories, without ids and timestamps. */
async function everything(database: TestDatabase) {
  const children = await listChildren(database);
  return Promise.all(
    children.map(async (child) => ({
      child,
      episodes: await listEpisodes(database, child.id),
      periods: await listPeriodsOfCare(database, child.id),
      allocations: await listAllocations(database, child.id),
      reviews: (await listReviews(database, child.id)).map(({ id: _id, version: _version, ...review }) => review),
    })),
  );
}

async function rowCounts(database: TestDatabase) {
  const { db } = database;
  const count = async (table: 'child' | 'episode' | 'period_of_care' | 'iro_allocation' | 'review' | 'review_rearrangement') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    child: await count('child'),
    episode: await count('episode'),
    period_of_care: await count('period_of_care'),
    iro_allocation: await count('iro_allocation'),
    review: await count('review'),
    review_rearrangement: await count('review_rearrangement'),
  };
}

/** What the register should hold for a record: episodes sorted, reviews in date order. */
function expected(record: ChildRecord) {
  const dateOf = (r: ChildRecord['reviews'][number]) => r.heldDate ?? r.bookedDate ?? r.dueDate ?? '';
  return {
    child: { ...record.child, notifiedDate: null },
    episodes: sortEpisodes(record.episodes),
    periods: periodsOfCare(sortEpisodes(record.episodes)).map((p, i) => ({ sequence: i + 1, start: p.start, end: p.end, shortBreaks: p.shortBreaks })),
    allocations: record.allocations,
    reviews: [...record.reviews].sort((a, b) => (dateOf(a) < dateOf(b) ? -1 : dateOf(a) > dateOf(b) ? 1 : 0)),
  };
}

describe.each(DIALECTS)('saveChildRecords (%s)', (dialect) => {
  const database = withTestDatabase(dialect);

  it('saves a few hundred records with their episodes, periods, allocations, reviews and rearrangements', async () => {
    const [iroId] = await saveStaff(database(), [buildStaffMember()]);
    const records = buildChildRecords(300, { iroId });
    const summary = await saveChildRecords(database(), records);
    expect(summary).toEqual({
      children: 300,
      episodes: 100 * 3 + 200 * 2,
      periodsOfCare: 100 * 2 + 200,
      allocations: 300,
      reviews: 900,
      rearrangements: 60,
      staffIds: [],
    });
    expect(await rowCounts(database())).toEqual({
      child: 300,
      episode: 700,
      period_of_care: 400,
      iro_allocation: 300,
      review: 900,
      review_rearrangement: 60,
    });
    expect(await everything(database())).toEqual(records.map(expected));
  });

  it('saves nothing at all when one record breaks a rule', async () => {
    const [iroId] = await saveStaff(database(), [buildStaffMember()]);
    const records = buildChildRecords(300, { iroId });
    records[250]!.reviews.push(buildReview({ childId: records[250]!.child.id, status: 'lost' as never }));
    const error = await saveChildRecords(database(), records).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).code).toBe('CONSTRAINT_VIOLATED');
    expect(await rowCounts(database())).toEqual({ child: 0, episode: 0, period_of_care: 0, iro_allocation: 0, review: 0, review_rearrangement: 0 });
  });

  it('leaves the earlier records as they were when a re-save fails', async () => {
    const records = buildChildRecords(120);
    await saveChildRecords(database(), records);
    const before = await everything(database());
    const changed = buildChildRecords(120).map((record) => ({ ...record, episodes: [buildEpisode({ start: '2024-01-08' })] }));
    changed[119]!.episodes.push(buildEpisode({ start: '2024-13-01' }));
    await expect(saveChildRecords(database(), changed)).rejects.toBeInstanceOf(DatabaseError);
    expect(await everything(database())).toEqual(before);
  });

  it('gives the same rows when the same records are saved again', async () => {
    const records = buildChildRecords(200);
    await saveChildRecords(database(), records);
    const first = await everything(database());
    const counts = await rowCounts(database());
    await saveChildRecords(database(), records);
    expect(await rowCounts(database())).toEqual(counts);
    expect(await everything(database())).toEqual(first);
  });

  it('replaces only the children among the records, keeping a notified date already recorded', async () => {
    await saveChildRecords(database(), buildChildRecords(3));
    await upsertChild(database(), { ...buildChildRecords(1)[0]!.child, notifiedDate: '2023-04-04' });
    const replacement = buildChildRecord({ child: { id: 'C00001', familyName: 'Renamed' }, episodes: [buildEpisode({ start: '2024-01-08' })], reviews: [] });
    await saveChildRecords(database(), [replacement]);
    expect(await getChild(database(), 'C00001')).toMatchObject({ familyName: 'Renamed', notifiedDate: '2023-04-04' });
    expect(await listEpisodes(database(), 'C00001')).toEqual([buildEpisode({ start: '2024-01-08' })]);
    expect(await listReviews(database(), 'C00001')).toEqual([]);
    expect(await listReviews(database(), 'C00002')).toHaveLength(3);
    expect(await countChildren(database())).toBe(3);
  });

  it('saves staff given with the records and links the records to them', async () => {
    await saveStaff(database(), [buildStaffMember({ email: 'already@example.gov.uk' })]);
    const staff = [buildStaffMember({ id: 501, email: 'first@example.gov.uk' }), buildStaffMember({ email: 'second@example.gov.uk', name: 'Second' })];
    const records = [buildChildRecord({ child: { id: 'A1' }, iroId: 501 }), buildChildRecord({ child: { id: 'A2' }, iroId: 2 })];
    const summary = await saveChildRecords(database(), records, staff);
    const [first, second] = summary.staffIds;
    expect(await listAllocations(database(), 'A1')).toMatchObject([{ iroId: first }]);
    expect(await listAllocations(database(), 'A2')).toMatchObject([{ iroId: second }]);
    expect((await listReviews(database(), 'A2'))[0]?.chairId).toBe(second);
    expect((await listStaff(database())).map((s) => s.email).sort()).toEqual(['already@example.gov.uk', 'first@example.gov.uk', 'second@example.gov.uk']);

    const unknown = await saveChildRecords(database(), [buildChildRecord({ child: { id: 'A3' }, iroId: 77 })], staff).catch((e: unknown) => e);
    expect((unknown as DatabaseError).code).toBe('INVALID_RECORD');
  });

  it('refuses records that contradict themselves', async () => {
    const twice = await saveChildRecords(database(), [buildChildRecord(), buildChildRecord()]).catch((e: unknown) => e);
    expect((twice as DatabaseError).code).toBe('INVALID_RECORD');
    const misfiled = buildChildRecord();
    misfiled.reviews.push(buildReview({ childId: 'someone-else' }));
    const error = await saveChildRecords(database(), [misfiled]).catch((e: unknown) => e);
    expect((error as DatabaseError).code).toBe('INVALID_RECORD');
    expect(await countChildren(database())).toBe(0);
  });

  it('refuses an allocation to a staff member who does not exist', async () => {
    const error = await saveChildRecords(database(), [buildChildRecord({ iroId: 4242 })]).catch((e: unknown) => e);
    expect((error as DatabaseError).code).toBe('CONSTRAINT_VIOLATED');
    expect(await countChildren(database())).toBe(0);
  });

  it('joins a transaction the caller has begun, saving the same rows, and rolls back with it', async () => {
    const [iroId] = await saveStaff(database(), [buildStaffMember()]);
    const records = buildChildRecords(150, { iroId });
    await database().db.transaction().execute(async (trx) => {
      await saveChildRecords(trx, records);
      await saveChildRecords(trx, records);
    });
    expect(await everything(database())).toEqual(records.map(expected));
    expect((await rowCounts(database())).review_rearrangement).toBe(30);

    const more = buildChildRecords(160).slice(150);
    const failure = new Error('the caller changed its mind');
    await expect(
      database().db.transaction().execute(async (trx) => {
        await saveChildRecords(trx, more);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await countChildren(database())).toBe(150);
  });

  it('accepts an empty list', async () => {
    expect((await saveChildRecords(database(), [])).children).toBe(0);
  });
});
