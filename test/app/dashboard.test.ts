// The service dashboard's figures from a hand-built register, the counts-only view, and its speed over a
// register of 2,000 children.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lateNotification } from '../../src/app/children.ts';
import { serviceDashboard } from '../../src/app/dashboard.ts';
import { financialYearStart } from '../../src/domain/dates.ts';
import { kyselyOf } from '../../src/db/connection.ts';
import { saveChildRecords } from '../../src/db/register-import.ts';
import { addReviewActions } from '../../src/db/review-actions.ts';
import { saveSettings } from '../../src/db/settings.ts';
import { addStaff } from '../../src/db/staff.ts';
import { buildAllocation, buildChildRecord, buildChildRecords, buildEpisode, buildReview, buildStaffMember } from '../support/builders.ts';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const TODAY = '2024-06-03';
const held = (heldDate: string) => buildReview({ dueDate: null, bookedDate: heldDate, heldDate });

async function seed(database: TestDatabase) {
  const ivy = await addStaff(database, buildStaffMember({ name: 'Ivy Iro', email: 'ivy@test.example' }));
  const olu = await addStaff(database, buildStaffMember({ name: 'Olu Iro', email: 'olu@test.example', fte: 0.5 }));
  await addStaff(database, buildStaffMember({ name: 'Pat Iro', email: 'pat@test.example' }));
  const allocated = (iroId: number, from: string) => [buildAllocation({ iroId, from })];
  await saveChildRecords(database, [
    // Overdue: the third review was held on 1 December 2023, so the next was due by 1 June 2024.
    buildChildRecord({ child: { id: 'A1', givenName: 'Ann' }, reviews: ['2023-04-28', '2023-07-20', '2023-12-01'].map(held), allocations: allocated(ivy.id, '2023-04-05') }),
    // Care began 13 May; IRO allocated 22 May, 7 working days later: late. First review due 11 June.
    buildChildRecord({ child: { id: 'B2', givenName: 'Ben' }, episodes: [buildEpisode({ start: '2024-05-13' })], reviews: [], allocations: allocated(ivy.id, '2024-05-22') }),
    // Reviewed in time on 2 April 2024.
    buildChildRecord({
      child: { id: 'C3', givenName: 'Cat' },
      episodes: [buildEpisode({ start: '2022-01-10' })],
      reviews: ['2022-02-01', '2022-05-01', '2022-10-25', '2023-04-20', '2023-10-10', '2024-04-02'].map(held),
      allocations: allocated(olu.id, '2022-01-11'),
    }),
    // Left care in 2021: not looked after, not in any caseload count.
    buildChildRecord({ child: { id: 'D4', givenName: 'Dan' }, episodes: [buildEpisode({ start: '2020-01-06', end: '2021-01-05', reasonCeased: 'E4A' })], reviews: [], allocations: allocated(ivy.id, '2020-01-07') }),
    // First review due 3 April 2024 (Easter skipped), held 10 April: 7 days late. Allocated the next day.
    buildChildRecord({ child: { id: 'E5', givenName: 'Eve' }, episodes: [buildEpisode({ start: '2024-03-04' })], reviews: [held('2024-04-10')], allocations: allocated(olu.id, '2024-03-05') }),
    // Care began 20 May, no IRO yet: 9 working days on 3 June. First review due 18 June.
    buildChildRecord({ child: { id: 'F6', givenName: 'Fay' }, episodes: [buildEpisode({ start: '2024-05-20' })], reviews: [] }),
  ]);
  const db = kyselyOf(database);
  await db.updateTable('review').set({ decisions_issued_date: '2024-04-03' }).where('child_id', '=', 'C3').where('held_date', '=', '2024-04-02').execute();
  const review = await db.selectFrom('review').select('id').where('child_id', '=', 'A1').orderBy('held_date', 'desc').executeTakeFirstOrThrow();
  await addReviewActions(database, review.id, 'A1', [
    { description: 'Health assessment', owner: 'Social worker', dueDate: '2024-05-01' },
    { description: 'Life story work', owner: 'Carer', dueDate: '2024-07-01' },
  ]);
  await saveSettings(database, { caseloadGuideLow: 2, caseloadGuideHigh: 3 });
}

describe.each(DIALECTS)('the service dashboard (%s)', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await seed(database);
  });
  afterAll(async () => {
    await database.destroy();
  });

  it('counts reviews coming due and overdue, with the children behind them', async () => {
    const d = await serviceDashboard(database, { asOf: TODAY, withChildLists: true });
    expect(d.lookedAfter).toBe(5);
    expect(d.dueSoon.count).toBe(2);
    expect(d.dueSoon.list!.map((r) => [r.childId, r.next.dueDate, r.iroName])).toEqual([
      ['B2', '2024-06-11', 'Ivy Iro'],
      ['F6', '2024-06-18', null],
    ]);
    expect(d.overdue.list!.map((r) => [r.childId, r.name, r.next.daysOverdue])).toEqual([['A1', 'Ann Taylor', 2]]);
  });

  it('gives reviews held in and out of timescale this financial year and in the last 3 months', async () => {
    const d = await serviceDashboard(database, { asOf: TODAY, withChildLists: true });
    const [year, quarter] = d.periods;
    expect(year).toMatchObject({ from: '2024-04-01', to: TODAY, reviewsHeld: 2, inTime: 1, late: 1, percentInTime: 50 });
    expect(quarter).toMatchObject({ from: '2024-03-04', reviewsHeld: 2, percentInTime: 50 });
  });

  it('measures caseloads per IRO and per FTE against the guide', async () => {
    const d = await serviceDashboard(database, { asOf: TODAY, withChildLists: true });
    expect(d.caseloads.lines.map((l) => [l.name, l.children, l.perFte, l.guide])).toEqual([
      ['Ivy Iro', 2, 2, 'within'],
      ['Olu Iro', 2, 4, 'over'],
      ['Pat Iro', 0, 0, 'under'],
    ]);
    // Over the IROs holding children (Pat holds none): 4 children over 1.5 FTE, as the report counts it.
    expect(d.caseloads).toMatchObject({ totalChildren: 4, totalFte: 1.5, perFte: 2.7 });
  });

  it('finds children without an IRO and allocations later than the timescale', async () => {
    const d = await serviceDashboard(database, { asOf: TODAY, withChildLists: true });
    expect(d.unallocated.list).toEqual([{ childId: 'F6', name: 'Fay Taylor', iroName: null, careStarted: '2024-05-20', workingDays: 9 }]);
    expect(d.lateAllocations.list!.map((r) => [r.childId, r.allocatedOn, r.workingDays])).toEqual([
      ['B2', '2024-05-22', 7],
      ['F6', null, 9],
    ]);
    const [year, quarter] = d.periods;
    expect(year).toMatchObject({ careStarts: 2, allocatedInTime: 0, allocatedLate: 1, unallocatedLate: 1, unallocatedInTime: 0 });
    expect(quarter).toMatchObject({ careStarts: 3, allocatedInTime: 1, allocatedLate: 1, unallocatedLate: 1, unallocatedInTime: 0 });
  });

  it('counts decisions and records not sent, from the first review the service recorded them for', async () => {
    const d = await serviceDashboard(database, { asOf: TODAY, withChildLists: true });
    // Recording began with C3's review of 2 April; A1's reviews of 2023 are history without such records.
    expect(d.decisionsOverdue!.list!.map((r) => [r.childId, r.deadline])).toEqual([['E5', '2024-04-17']]);
    expect(d.recordsOverdue!.list!.map((r) => [r.childId, r.deadline])).toEqual([
      ['C3', '2024-04-30'],
      ['E5', '2024-05-09'],
    ]);
    expect(d.actionsOverdue.list!.map((r) => [r.childId, r.description, r.daysOverdue])).toEqual([['A1', 'Health assessment', 33]]);
  });

  it('gives an analyst the counts without any child', async () => {
    const d = await serviceDashboard(database, { asOf: TODAY, withChildLists: false });
    expect(d.overdue).toEqual({ count: 1, list: null });
    expect(d.dueSoon).toEqual({ count: 2, list: null });
    expect(d.unallocated).toEqual({ count: 1, list: null });
    expect(d.recordsOverdue).toEqual({ count: 2, list: null });
    expect(JSON.stringify(d)).not.toContain('Taylor');
  });
});

describe.each(DIALECTS)('the service dashboard over 2,000 children (%s)', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const iro = await addStaff(database, buildStaffMember({ email: 'sam@test.example' }));
    await saveChildRecords(database, buildChildRecords(2000, { iroId: iro.id }));
  });
  afterAll(async () => {
    await database.destroy();
  });

  // Its speed is measured by `npm run bench` (the dashboard under 50 users), not here.
  it('counts every child of a large register', async () => {
    const d = await serviceDashboard(database, { asOf: TODAY, withChildLists: true });
    expect(d.lookedAfter).toBe(2000);
    expect(d.caseloads.lines[0]!.children).toBe(2000);
  });
});

describe.each(DIALECTS)('the service dashboard at its edges (%s)', (dialect) => {
  let database: TestDatabase;
  let ivy: number;
  const AS_OF = '2024-07-01';
  const shortBreak = (start: string, end: string) => buildEpisode({ start, end, legalStatus: 'V3', placementType: 'U4', reasonCeased: 'E8' });
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    ivy = (await addStaff(database, buildStaffMember({ name: 'Ivy Iro', email: 'ivy@test.example' }))).id;
    await saveChildRecords(database, [
      // A series of short breaks since January, with its IRO: breaks are not care starts.
      buildChildRecord({
        child: { id: 'SB1' },
        episodes: [shortBreak('2024-01-08', '2024-01-12'), shortBreak('2024-04-08', '2024-04-12'), shortBreak('2024-05-06', '2024-05-10'), shortBreak('2024-06-10', '2024-06-14')],
        reviews: [held('2024-04-02')],
        allocations: [buildAllocation({ iroId: ivy, from: '2024-01-10' })],
      }),
      // A series from 8 April with no IRO: waiting since its first break, not its last.
      buildChildRecord({ child: { id: 'SB2' }, episodes: [shortBreak('2024-04-08', '2024-04-22'), shortBreak('2024-05-13', '2024-05-28')], reviews: [], allocations: [] }),
      // Care from Friday 28 June, no IRO yet: the deadline (Friday 5 July) has not passed.
      buildChildRecord({ child: { id: 'N2' }, episodes: [buildEpisode({ start: '2024-06-28' })], reviews: [], allocations: [] }),
      // Care from Friday 12 April: the deadline is Friday 19 April, and an IRO from Saturday 20 April is late.
      buildChildRecord({ child: { id: 'W1' }, episodes: [buildEpisode({ start: '2024-04-12' })], reviews: [], allocations: [buildAllocation({ iroId: ivy, from: '2024-04-20' })] }),
    ]);
  });
  afterAll(async () => {
    await database.destroy();
  });

  it('counts periods of care, not short breaks, as care starts, and short-break series apart from those looked after', async () => {
    const d = await serviceDashboard(database, { asOf: AS_OF, withChildLists: true });
    // W1 allocated late, N2 within the timescale still: the columns add up to the care starts.
    expect(d.periods[0]).toMatchObject({ careStarts: 2, allocatedInTime: 0, allocatedLate: 1, unallocatedLate: 0, unallocatedInTime: 1 });
    expect(d.lookedAfter).toBe(2);
    expect(d.onShortBreaks).toBe(2);
    expect(d.unallocated.list!.map((r) => [r.childId, r.careStarted])).toEqual([
      ['SB2', '2024-04-08'],
      ['N2', '2024-06-28'],
    ]);
    // Both series still need their IRO: Ivy holds SB1 and W1.
    expect(d.caseloads.lines.map((l) => [l.name, l.children])).toEqual([['Ivy Iro', 2]]);
  });

  it('counts an allocation on the day after the deadline as late, though it is a Saturday', async () => {
    const d = await serviceDashboard(database, { asOf: AS_OF, withChildLists: true });
    expect(d.lateAllocations.list!.map((r) => [r.childId, r.allocatedOn, r.workingDays])).toEqual([['W1', '2024-04-20', 5]]);
    // The child's page reads a notification the same way.
    expect(lateNotification([{ start: '2024-04-12' }], '2024-04-19', 5)).toMatchObject({ late: false });
    expect(lateNotification([{ start: '2024-04-12' }], '2024-04-20', 5)).toMatchObject({ late: true, workingDays: 5 });
  });
});

describe('the financial year', () => {
  it('starts on 1 April', () => {
    expect(financialYearStart('2024-06-03')).toBe('2024-04-01');
    expect(financialYearStart('2024-03-31')).toBe('2023-04-01');
    expect(financialYearStart('2024-04-01')).toBe('2024-04-01');
  });
});
