// An IRO's caseload worked out from a hand-built register: a child overdue, one due soon, children held
// as cover, one no longer looked after, mid-point checks done, missing and not needed, and open actions.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseloadPage, iroCaseload, iroChoices, midpointState } from '../../src/app/caseload.ts';
import { kyselyOf } from '../../src/db/connection.ts';
import { addNote } from '../../src/db/notes.ts';
import { saveChildRecords } from '../../src/db/register-import.ts';
import { addReviewActions } from '../../src/db/review-actions.ts';
import { addStaff } from '../../src/db/staff.ts';
import { reviewSchedule } from '../../src/domain/review-clock.ts';
import { buildAllocation, buildChildRecord, buildEpisode, buildReview, buildStaffMember } from '../support/builders.ts';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const TODAY = '2024-06-03';
const held = (heldDate: string) => buildReview({ dueDate: null, bookedDate: heldDate, heldDate });

/** Ivy holds A (overdue), B (due soon) and D (left care); she covers Olu, who holds C and E (mid-point missed). */
async function seedCaseloads(database: TestDatabase) {
  const ivy = await addStaff(database, buildStaffMember({ name: 'Ivy Iro', email: 'ivy@test.example' }));
  const olu = await addStaff(database, buildStaffMember({ name: 'Olu Iro', email: 'olu@test.example', fte: 0.5 }));
  const allocated = (iroId: number, from: string) => [buildAllocation({ iroId, from })];
  await saveChildRecords(database, [
    buildChildRecord({ child: { id: 'A1', givenName: 'Ann' }, reviews: ['2023-04-28', '2023-07-20', '2023-12-01'].map(held), allocations: allocated(ivy.id, '2023-04-05') }),
    buildChildRecord({ child: { id: 'B2', givenName: 'Ben' }, episodes: [buildEpisode({ start: '2024-05-13' })], reviews: [], allocations: allocated(ivy.id, '2024-05-22') }),
    buildChildRecord({
      child: { id: 'C3', givenName: 'Cat' },
      episodes: [buildEpisode({ start: '2022-01-10' })],
      reviews: ['2022-02-01', '2022-05-01', '2022-10-25', '2023-04-20', '2023-10-10', '2024-04-02'].map(held),
      allocations: allocated(olu.id, '2022-01-11'),
    }),
    buildChildRecord({ child: { id: 'D4', givenName: 'Dan' }, episodes: [buildEpisode({ start: '2020-01-06', end: '2021-01-05', reasonCeased: 'E4A' })], reviews: [], allocations: allocated(ivy.id, '2020-01-07') }),
    buildChildRecord({ child: { id: 'E5', givenName: 'Eve' }, episodes: [buildEpisode({ start: '2024-03-04' })], reviews: [held('2024-04-10')], allocations: allocated(olu.id, '2024-03-05') }),
    buildChildRecord({ child: { id: 'F6', givenName: 'Fay' }, episodes: [buildEpisode({ start: '2024-05-20' })], reviews: [] }),
  ]);
  const db = kyselyOf(database);
  await db.insertInto('iro_cover').values({ iro_id: ivy.id, covered_iro_id: olu.id, start_date: '2024-05-20', end_date: null }).execute();
  await addNote(database, { childId: 'A1', authorId: ivy.id, kind: 'midpoint', date: '2024-03-04', text: 'Plan on track.' });
  await addNote(database, { childId: 'A1', authorId: ivy.id, kind: 'visit', date: '2024-05-15', text: 'Visited at the placement.' });
  await addNote(database, { childId: 'A1', authorId: ivy.id, kind: 'other', date: '2024-05-30', text: 'Not a contact.' });
  const review = await db.selectFrom('review').select('id').where('child_id', '=', 'A1').orderBy('held_date', 'desc').executeTakeFirstOrThrow();
  await addReviewActions(database, review.id, 'A1', [
    { description: 'Health assessment', owner: 'Social worker', dueDate: '2024-05-01' },
    { description: 'Life story work', owner: 'Carer', dueDate: '2024-07-01' },
    { description: 'Done already', owner: 'IRO', dueDate: '2024-01-01' },
  ]);
  await db.updateTable('review_action').set({ completed_date: '2024-01-02' }).where('description', '=', 'Done already').execute();
  return { ivy: ivy.id, olu: olu.id };
}

describe.each(DIALECTS)('an IRO’s caseload (%s)', (dialect) => {
  let database: TestDatabase;
  let staff: { ivy: number; olu: number };
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    staff = await seedCaseloads(database);
  });
  afterAll(async () => {
    await database.destroy();
  });

  it('lists own and covered children looked after, next review due first, with the summary counts', async () => {
    const caseload = await iroCaseload(database, { iroId: staff.ivy, asOf: TODAY });
    expect(caseload.rows.map((r) => r.childId)).toEqual(['A1', 'B2', 'E5', 'C3']);
    expect(caseload.notLookedAfter).toBe(1);
    expect(caseload.summary).toEqual({ children: 4, cover: 2, overdue: 1, dueSoon: 1, midpointMissing: 1, actionsOpen: 2, actionsOverdue: 1 });
  });

  it('gives each child’s due date from the review clock, with days to go or overdue', async () => {
    const rows = new Map((await iroCaseload(database, { iroId: staff.ivy, asOf: TODAY })).rows.map((r) => [r.childId, r]));
    expect(rows.get('A1')).toMatchObject({ name: 'Ann Taylor', dueStatus: 'overdue', next: { dueDate: '2024-06-01', daysOverdue: 2 }, coverFor: null });
    // 20 working days from Monday 13 May 2024, the Spring bank holiday skipped.
    expect(rows.get('B2')).toMatchObject({ dueStatus: 'due_soon', next: { dueDate: '2024-06-11', daysToGo: 8, rule: 'first_20_working_days' } });
    expect(rows.get('C3')).toMatchObject({ dueStatus: 'on_track', next: { dueDate: '2024-10-02', daysToGo: 121 }, coverFor: { iroId: staff.olu, iroName: 'Olu Iro' } });
    expect(rows.get('E5')).toMatchObject({ dueStatus: 'on_track', next: { dueDate: '2024-07-10', rule: 'second_3_months' } });
  });

  it('shows where each mid-point check stands, leaving out intervals too short for one', async () => {
    const rows = new Map((await iroCaseload(database, { iroId: staff.ivy, asOf: TODAY })).rows.map((r) => [r.childId, r]));
    expect(rows.get('A1')!.midpoint).toEqual({ intervalFrom: '2023-12-01', intervalTo: '2024-06-01', midpoint: '2024-03-01', state: 'done', checkedOn: '2024-03-04' });
    expect(rows.get('A1')!.previousIntervalUnchecked).toBe(true);
    expect(rows.get('B2')!.midpoint?.state).toBe('not_needed');
    expect(rows.get('C3')!.midpoint).toMatchObject({ midpoint: '2024-07-02', state: 'due' });
    expect(rows.get('E5')!.midpoint).toMatchObject({ midpoint: '2024-05-25', state: 'missing' });
  });

  it('gives the last IRO contact from visits, contacts and mid-point notes only, and open actions', async () => {
    const rows = new Map((await iroCaseload(database, { iroId: staff.ivy, asOf: TODAY })).rows.map((r) => [r.childId, r]));
    expect(rows.get('A1')!.lastContact).toBe('2024-05-15');
    expect(rows.get('A1')!.actions).toEqual({ open: 2, overdue: 1 });
    expect(rows.get('C3')!.lastContact).toBeNull();
  });

  it('includes children no longer looked after when asked', async () => {
    const caseload = await iroCaseload(database, { iroId: staff.ivy, asOf: TODAY, includeNotLookedAfter: true });
    expect(caseload.rows.map((r) => r.childId)).toEqual(['A1', 'B2', 'E5', 'C3', 'D4']);
    expect(caseload.rows[4]).toMatchObject({ next: null, dueStatus: null, midpoint: null });
  });

  it('shows cover only while it lasts', async () => {
    const before = await iroCaseload(database, { iroId: staff.ivy, asOf: '2024-05-19' });
    expect(before.rows.map((r) => r.childId)).toEqual(['A1']);
  });

  it('lets only those allowed open another IRO’s caseload', async () => {
    const iro = { id: staff.ivy, role: 'iro' as const, team: null };
    await expect(caseloadPage(database, iro, { iroId: staff.olu, asOf: TODAY, includeNotLookedAfter: false })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const manager = { id: 999, role: 'iro_manager' as const, team: null };
    const page = await caseloadPage(database, manager, { iroId: staff.olu, asOf: TODAY, includeNotLookedAfter: false });
    expect(page.caseload.rows.map((r) => r.childId)).toEqual(['E5', 'C3']);
    expect(page.holders?.map((h) => h.name)).toEqual(['Ivy Iro', 'Olu Iro']);
  });

  it('counts children looked after per IRO for the choice of IRO', async () => {
    expect(await iroChoices(database, TODAY)).toEqual([
      { id: staff.ivy, name: 'Ivy Iro', children: 2 },
      { id: staff.olu, name: 'Olu Iro', children: 2 },
    ]);
  });
});

describe.each(DIALECTS)('caseloads on a handover day (%s)', (dialect) => {
  let database: TestDatabase;
  let a = 0;
  let b = 0;
  const DAY = '2024-06-03';
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    a = (await addStaff(database, buildStaffMember({ name: 'Ada Old', email: 'ada@test.example' }))).id;
    b = (await addStaff(database, buildStaffMember({ name: 'Bo New', email: 'bo@test.example' }))).id;
    await saveChildRecords(database, [
      // Imported history: Ada's allocation ends on the day Bo's begins, so both cover the handover day.
      buildChildRecord({ child: { id: 'H1' }, episodes: [buildEpisode({ start: '2023-04-03' })], allocations: [buildAllocation({ iroId: a, from: '2023-04-05', to: DAY }), buildAllocation({ iroId: b, from: DAY })] }),
      // Care ended that day: no longer looked after at the end of it.
      buildChildRecord({ child: { id: 'L1' }, episodes: [buildEpisode({ start: '2023-04-03', end: DAY, reasonCeased: 'E4A' })], allocations: [buildAllocation({ iroId: a, from: '2023-04-05', to: DAY })] }),
      // Between short breaks: the series goes on, and so does Ada.
      buildChildRecord({ child: { id: 'S1' }, episodes: [buildEpisode({ start: '2024-04-08', end: '2024-04-12', legalStatus: 'V3', reasonCeased: 'E8' })], reviews: [], allocations: [buildAllocation({ iroId: a, from: '2024-04-08' })] }),
      // Short breaks recorded as one agreement (V4): the series ends with the agreement, and so does Ada's part.
      buildChildRecord({ child: { id: 'S2' }, episodes: [buildEpisode({ start: '2023-10-02', end: '2024-04-12', legalStatus: 'V4', reasonCeased: 'E8' })], reviews: [], allocations: [buildAllocation({ iroId: a, from: '2023-10-02' })] }),
      // A single break, then within six months an agreement: one series, which ends with the agreement.
      buildChildRecord({
        child: { id: 'S3' },
        episodes: [
          buildEpisode({ start: '2024-01-08', end: '2024-01-12', legalStatus: 'V3', reasonCeased: 'E8' }),
          buildEpisode({ start: '2024-02-05', end: '2024-05-10', legalStatus: 'V4', reasonCeased: 'E8' }),
        ],
        reviews: [],
        allocations: [buildAllocation({ iroId: a, from: '2024-01-08' })],
      }),
      // An agreement, then a single break on its last day: the single break carries the series on six months.
      buildChildRecord({
        child: { id: 'S4' },
        episodes: [
          buildEpisode({ start: '2023-10-02', end: '2024-04-12', legalStatus: 'V4', reasonCeased: 'E8' }),
          buildEpisode({ start: '2024-04-12', end: '2024-04-12', legalStatus: 'V3', reasonCeased: 'E8' }),
        ],
        reviews: [],
        allocations: [buildAllocation({ iroId: b, from: '2023-10-02' })],
      }),
    ]);
  });
  afterAll(async () => {
    await database.destroy();
  });

  it('gives the child to the new IRO alone, on the caseload pages and in the choice of IRO', async () => {
    expect((await iroCaseload(database, { iroId: a, asOf: DAY })).rows.map((r) => r.childId)).toEqual(['S1']);
    expect((await iroCaseload(database, { iroId: b, asOf: DAY })).rows.map((r) => r.childId).sort()).toEqual(['H1', 'S4']);
    expect(await iroChoices(database, DAY)).toEqual([
      { id: a, name: 'Ada Old', children: 1 },
      { id: b, name: 'Bo New', children: 2 },
    ]);
  });
});

describe('mid-point state', () => {
  const schedule = reviewSchedule([buildEpisode({ start: '2023-04-03' })], ['2023-04-28', '2023-07-20'], '2023-10-01');
  it('is due before the midpoint and missing after it, unless a check falls in the interval', () => {
    expect(midpointState(schedule, [], '2023-08-01', 8).current?.state).toBe('due');
    expect(midpointState(schedule, [], '2023-10-20', 8).current?.state).toBe('missing');
    expect(midpointState(schedule, ['2023-07-20'], '2023-10-20', 8).current?.state).toBe('missing');
    expect(midpointState(schedule, ['2023-09-01'], '2023-10-20', 8).current).toMatchObject({ state: 'done', checkedOn: '2023-09-01' });
  });
  it('is not needed when the interval is shorter than the minimum', () => {
    // The interval from the first review (28 April) to the second's due date (28 July) is 91 days.
    const second = reviewSchedule([buildEpisode({ start: '2023-04-03' })], ['2023-04-28'], '2023-06-01');
    expect(midpointState(second, [], '2023-06-20', 8).current?.state).toBe('missing');
    expect(midpointState(second, [], '2023-06-20', 14).current?.state).toBe('not_needed');
  });
  it('does not flag the interval before a first review held late as unchecked: it was too short to need a check', () => {
    // Care from 8 January 2024: the first review was due 5 February (28 days), held late on 20 March.
    const late = reviewSchedule([buildEpisode({ start: '2024-01-08' })], ['2024-03-20'], '2024-04-01');
    expect(midpointState(late, [], '2024-04-01', 8).previousUnchecked).toBe(false);
    // The next interval, 20 March to 20 June, is long enough: left unchecked, it is flagged once closed.
    const after = reviewSchedule([buildEpisode({ start: '2024-01-08' })], ['2024-03-20', '2024-06-18'], '2024-06-20');
    expect(midpointState(after, [], '2024-06-20', 8).previousUnchecked).toBe(true);
  });
});
