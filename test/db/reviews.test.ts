// Reviews with their rearrangements, optimistic concurrency, and the bulk read for the review clock.

import { describe, expect, it } from 'vitest';
import { upsertChild } from '../../src/db/children.ts';
import { replaceEpisodes } from '../../src/db/episodes.ts';
import { ConflictError, DatabaseError, NotFoundError } from '../../src/db/errors.ts';
import { addRearrangement, addReview, getReview, listReviews, loadClockInputs, streamClockInputs, updateReview } from '../../src/db/reviews.ts';
import { addStaff } from '../../src/db/staff.ts';
import { reviewSchedule } from '../../src/domain/review-clock.ts';
import { buildChild, buildEpisode, buildRearrangement, buildReview, buildStaffMember } from '../support/builders.ts';
import { DIALECTS, withTestDatabase } from '../support/test-database.ts';

describe.each(DIALECTS)('reviews (%s)', (dialect) => {
  const database = withTestDatabase(dialect);

  it('round-trip with their rearrangements, in date order', async () => {
    await upsertChild(database(), buildChild());
    const chair = await addStaff(database(), buildStaffMember());
    const second = buildReview({
      dueDate: '2023-07-28',
      bookedDate: '2023-07-31',
      heldDate: null,
      status: 'booked',
      participationCode: null,
      chairId: chair.id,
      format: 'virtual',
      rearrangements: [
        buildRearrangement({ changedOn: '2023-07-10', fromDate: '2023-07-20', toDate: '2023-07-31', reason: 'social_worker_unavailable', note: 'Annual leave' }),
        buildRearrangement({ changedOn: '2023-07-01', fromDate: '2023-07-14', toDate: '2023-07-20', reason: 'court_timetable' }),
      ],
    });
    const first = buildReview({ chairId: chair.id });
    const added = await addReview(database(), second);
    await addReview(database(), first);
    expect(added).toMatchObject({ version: 1, status: 'booked' });

    const reviews = await listReviews(database(), 'C0001');
    expect(reviews.map(({ id: _id, version: _v, ...review }) => review)).toEqual([
      first,
      { ...second, rearrangements: [second.rearrangements[1], second.rearrangements[0]] },
    ]);
    expect(await getReview(database(), added.id)).toEqual(reviews[1]);
  });

  it('change with the version read, and refuse a change made on a stale version', async () => {
    await upsertChild(database(), buildChild());
    const booked = await addReview(database(), buildReview({ heldDate: null, status: 'booked', participationCode: null }));
    const held = await updateReview(database(), booked.id, booked.version, { status: 'held', heldDate: '2023-04-28', participationCode: 'PN5' });
    expect(held).toMatchObject({ status: 'held', heldDate: '2023-04-28', participationCode: 'PN5', version: 2 });

    const error = await updateReview(database(), booked.id, booked.version, { format: 'hybrid' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).code).toBe('RECORD_CHANGED');
    expect((await getReview(database(), booked.id)).format).toBe('in_person');
    await expect(updateReview(database(), 999, 1, { format: 'hybrid' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('record a rearrangement of a review', async () => {
    await upsertChild(database(), buildChild());
    const review = await addReview(database(), buildReview({ heldDate: null, status: 'booked', participationCode: null }));
    await addRearrangement(database(), review.id, buildRearrangement({ reason: 'iro_unavailable', note: null }));
    expect((await getReview(database(), review.id)).rearrangements).toEqual([buildRearrangement({ reason: 'iro_unavailable', note: null })]);
    await expect(addRearrangement(database(), 999, buildRearrangement())).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuse a status or format outside the list', async () => {
    await upsertChild(database(), buildChild());
    const badStatus = await addReview(database(), buildReview({ status: 'postponed' as never })).catch((e: unknown) => e);
    expect(badStatus).toBeInstanceOf(DatabaseError);
    expect((badStatus as DatabaseError).code).toBe('CONSTRAINT_VIOLATED');
    await expect(addReview(database(), buildReview({ format: 'phone' as never }))).rejects.toBeInstanceOf(DatabaseError);
    await expect(addReview(database(), buildReview({ participationCode: 'PN9' as never }))).rejects.toBeInstanceOf(DatabaseError);
    expect(await listReviews(database(), 'C0001')).toEqual([]);
  });

  it('throw NOT_FOUND for a review or child not in the register', async () => {
    await expect(getReview(database(), 12345)).rejects.toBeInstanceOf(NotFoundError);
    await expect(addReview(database(), buildReview({ childId: 'nobody' }))).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe.each(DIALECTS)('clock inputs for every child (%s)', (dialect) => {
  const database = withTestDatabase(dialect);

  it('group episodes and held review dates by child, in order, across batches', async () => {
    for (const id of ['C3', 'C1', 'C2', 'C4']) await upsertChild(database(), buildChild({ id }));
    await replaceEpisodes(database(), 'C1', [buildEpisode({ start: '2023-09-11', reasonNewEpisode: 'P' }), buildEpisode({ end: '2023-09-11', reasonCeased: 'X1' })]);
    await replaceEpisodes(database(), 'C3', [buildEpisode({ start: '2024-01-08' })]);
    await addReview(database(), buildReview({ childId: 'C1', heldDate: '2023-07-20' }));
    await addReview(database(), buildReview({ childId: 'C1' }));
    await addReview(database(), buildReview({ childId: 'C1', heldDate: null, status: 'booked', bookedDate: '2024-01-10' }));
    await addReview(database(), buildReview({ childId: 'C1', heldDate: '2023-06-01', status: 'cancelled' }));
    await addReview(database(), buildReview({ childId: 'C3', heldDate: '2024-02-01' }));

    const inputs = await loadClockInputs(database());
    expect([...inputs.keys()]).toEqual(['C1', 'C2', 'C3', 'C4']);
    expect(inputs.get('C1')).toEqual({
      episodes: [
        { start: '2023-04-03', end: '2023-09-11', reasonNewEpisode: 'S', legalStatus: 'C2', placementType: 'U6' },
        { start: '2023-09-11', end: null, reasonNewEpisode: 'P', legalStatus: 'C2', placementType: 'U6' },
      ],
      heldDates: ['2023-04-28', '2023-07-20'],
    });
    expect(inputs.get('C2')).toEqual({ episodes: [], heldDates: [] });
    expect(inputs.get('C3')?.heldDates).toEqual(['2024-02-01']);

    const streamed: string[] = [];
    for await (const input of streamClockInputs(database(), { batchSize: 1 })) streamed.push(`${input.childId}:${input.episodes.length}:${input.heldDates.length}`);
    expect(streamed).toEqual(['C1:2:2', 'C2:0:0', 'C3:1:1', 'C4:0:0']);

    const schedule = reviewSchedule(inputs.get('C1')!.episodes, inputs.get('C1')!.heldDates, '2023-12-01');
    expect(schedule.reviews.map((r) => [r.dueDate, r.heldDate, r.inTime])).toEqual([
      ['2023-05-04', '2023-04-28', true],
      ['2023-07-28', '2023-07-20', true],
    ]);
  });
});
