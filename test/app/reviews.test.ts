// The review's use cases against a real register: two people saving at the same moment (one wins, the other
// is told), bookings for one child queued, recording all or nothing, decision rows, status rules, sign-off
// by managers only, and actions completed once.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookReview, cancelReview, checkDecisionRows, rearrangeReview, recordHeldReview, ReviewProblems, ReviewStateError, type HeldReview } from '../../src/app/reviews.ts';
import { completeAction, recordWorkflowStep, signOffReview } from '../../src/app/review-workflow.ts';
import { listAudit } from '../../src/db/audit.ts';
import { listReviews } from '../../src/db/reviews.ts';
import { addReviewActions, listReviewActions } from '../../src/db/review-actions.ts';
import { saveChildRecords } from '../../src/db/register-import.ts';
import { addStaff } from '../../src/db/staff.ts';
import type { Actor } from '../../src/domain/access.ts';
import type { Review } from '../../src/domain/register.ts';
import { buildAllocation, buildChildRecord, buildEpisode, buildReview, buildStaffMember } from '../support/builders.ts';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const TODAY = '2024-06-03';
const booked = (bookedDate: string, dueDate: string | null = '2024-06-18'): Review =>
  buildReview({ dueDate, bookedDate, heldDate: null, status: 'booked', participationCode: null });

describe('decision rows', () => {
  const row = (description: string, owner: string, deadline: string | null, deadlineProblem: string | null = null) => ({ description, owner, deadline, deadlineProblem });
  it('ignores blank rows, keeps complete ones and names the row and field of a partly filled one', () => {
    const result = checkDecisionRows([row('', '', null), row('Visit', 'Social worker', '2024-06-10'), row('Advocacy', '', null), row('', '', null, 'must be a real date')], '2024-06-01');
    expect(result.actions).toEqual([{ description: 'Visit', owner: 'Social worker', dueDate: '2024-06-10' }]);
    expect(result.problems).toEqual([
      { field: 'actions-3-owner', text: 'Action 3: enter who will do it' },
      { field: 'actions-3-deadline', text: 'Action 3: enter the deadline' },
      { field: 'actions-4-description', text: 'Action 4: enter what is to be done' },
      { field: 'actions-4-owner', text: 'Action 4: enter who will do it' },
      { field: 'actions-4-deadline', text: 'Action 4: the deadline must be a real date' },
    ]);
  });
  it('refuses a deadline before the meeting', () => {
    expect(checkDecisionRows([row('Visit', 'SW', '2024-05-31')], '2024-06-01').problems).toEqual([
      { field: 'actions-1-deadline', text: 'Action 1: the deadline must be on or after the date the review was held' },
    ]);
  });
});

describe.each(DIALECTS)('review use cases (%s)', (dialect) => {
  let database: TestDatabase;
  let iro: Actor;
  let support: Actor;
  let manager: Actor;
  const reviewOf = async (childId: string) => (await listReviews(database, childId))[0]!;
  const heldInput = (version: number, overrides: Partial<HeldReview> = {}): HeldReview => ({
    version,
    heldDate: '2024-05-30',
    participationCode: 'PN1',
    attendance: ['child'],
    format: 'virtual',
    chairId: iro.id,
    actions: [{ description: 'Visit', owner: 'Social worker', deadline: '2024-06-20', deadlineProblem: null }],
    ...overrides,
  });

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const ivy = await addStaff(database, buildStaffMember({ name: 'Ivy Iro', email: 'ivy@test.example', team: null }));
    const bea = await addStaff(database, buildStaffMember({ name: 'Bea Support', email: 'bea@test.example', role: 'business_support', team: null }));
    const mo = await addStaff(database, buildStaffMember({ name: 'Mo Manager', email: 'mo@test.example', role: 'iro_manager', team: null }));
    iro = { id: ivy.id, role: 'iro', team: null };
    support = { id: bea.id, role: 'business_support', team: null };
    manager = { id: mo.id, role: 'iro_manager', team: null };
    const care = [buildEpisode({ start: '2024-05-20' })];
    const child = (id: string, reviews: Review[]) => buildChildRecord({ child: { id, dateOfBirth: '2015-01-01' }, episodes: care, reviews, allocations: [buildAllocation({ iroId: ivy.id, from: '2024-05-20' })] });
    await saveChildRecords(database, [
      child('RACE1', [booked('2024-06-10')]),
      child('RACE2', []),
      child('ALL1', [booked('2024-05-30', null)]),
      child('STATE1', [booked('2024-06-10')]),
      child('SIGN1', [buildReview({ dueDate: '2024-06-18', bookedDate: '2024-05-30', heldDate: '2024-05-30' })]),
    ]);
  });
  afterAll(async () => {
    await database.destroy();
  });

  it('lets only one of two people rearranging the same review at the same moment save', async () => {
    const review = await reviewOf('RACE1');
    const attempt = (actor: Actor, day: string, reason: string) =>
      rearrangeReview(database, actor, review.id, { version: review.version, newDate: day, reason, note: null, confirmLate: false }, TODAY);
    const results = await Promise.allSettled([attempt(iro, '2024-06-11', 'iro_unavailable'), attempt(support, '2024-06-12', 'carer_unavailable')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected');
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: 'RECORD_CHANGED' });
    const after = await reviewOf('RACE1');
    expect(after.rearrangements).toHaveLength(1);
    expect(after.bookedDate).toBe(after.rearrangements[0]!.toDate);
    expect(after.version).toBe(review.version + 1);
    expect((await listAudit(database, { childId: 'RACE1' })).filter((a) => a.action === 'update')).toHaveLength(1);
  });

  it('books one review when two bookings for a child arrive together', async () => {
    const book = (actor: Actor) => bookReview(database, actor, 'RACE2', { bookedDate: '2024-06-14', format: 'in_person', confirmLate: false }, TODAY);
    const results = await Promise.allSettled([book(iro), book(support)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ReviewProblems);
    expect((refused.reason as ReviewProblems).problems[0]!.text).toMatch(/already booked for 14 June 2024/);
    expect(await listReviews(database, 'RACE2')).toHaveLength(1);
  });

  it('records the meeting all or nothing, and gives a review with no due date the clock’s', async () => {
    const review = await reviewOf('ALL1');
    const refused = recordHeldReview(database, iro, review.id, heldInput(review.version, { participationCode: 'PN0' }), TODAY);
    await expect(refused).rejects.toBeInstanceOf(ReviewProblems);
    expect(await reviewOf('ALL1')).toMatchObject({ status: 'booked', version: review.version, heldDate: null });
    expect(await listReviewActions(database, { reviewId: review.id })).toEqual([]);
    expect(await listAudit(database, { childId: 'ALL1' })).toEqual([]);
    await recordHeldReview(database, iro, review.id, heldInput(review.version), TODAY);
    expect(await reviewOf('ALL1')).toMatchObject({ status: 'held', heldDate: '2024-05-30', dueDate: '2024-06-18', format: 'virtual', chairId: iro.id });
    expect(await listReviewActions(database, { reviewId: review.id })).toHaveLength(1);
    // Saving the same form again is a conflict, not a second record.
    await expect(recordHeldReview(database, iro, review.id, heldInput(review.version), TODAY)).rejects.toMatchObject({ code: 'RECORD_CHANGED' });
    expect(await listReviewActions(database, { reviewId: review.id })).toHaveLength(1);
  });

  it('follows the status rules: a cancelled review cannot be recorded, a booked one has no workflow yet', async () => {
    const review = await reviewOf('STATE1');
    await expect(recordWorkflowStep(database, support, review.id, { version: review.version, step: 'decisions', date: TODAY }, TODAY)).rejects.toBeInstanceOf(ReviewStateError);
    await cancelReview(database, support, review.id, { version: review.version, reason: 'childs_wish', note: null }, TODAY);
    const cancelled = await reviewOf('STATE1');
    await expect(recordHeldReview(database, iro, review.id, heldInput(cancelled.version), TODAY)).rejects.toBeInstanceOf(ReviewStateError);
    await expect(cancelReview(database, support, review.id, { version: cancelled.version, reason: 'other', note: 'again' }, TODAY)).rejects.toThrow(/cancelled/);
  });

  it('leaves sign-off to the IRO manager once decisions and record are out, and completes an action once', async () => {
    const review = await reviewOf('SIGN1');
    await expect(signOffReview(database, iro, review.id, { version: review.version }, TODAY)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(signOffReview(database, manager, review.id, { version: review.version }, TODAY)).rejects.toBeInstanceOf(ReviewStateError);
    await recordWorkflowStep(database, support, review.id, { version: review.version, step: 'decisions', date: '2024-05-31' }, TODAY);
    await recordWorkflowStep(database, support, review.id, { version: review.version + 1, step: 'record', date: TODAY }, TODAY);
    await signOffReview(database, manager, review.id, { version: review.version + 2 }, TODAY);
    expect((await listAudit(database, { childId: 'SIGN1' })).map((a) => a.detail?.fields)).toEqual([['signed_off'], ['record_distributed_date'], ['decisions_issued_date']]);

    await addReviewActions(database, review.id, 'SIGN1', [{ description: 'Visit', owner: 'SW', dueDate: '2024-06-20' }]);
    const action = (await listReviewActions(database, { reviewId: review.id }))[0]!;
    expect(await completeAction(database, support, action.id, '2024-06-03')).toEqual({ reviewId: review.id, alreadyDone: false });
    expect(await completeAction(database, iro, action.id, '2024-06-04')).toEqual({ reviewId: review.id, alreadyDone: true });
    expect((await listReviewActions(database, { reviewId: review.id }))[0]!.completedDate).toBe('2024-06-03');
  });
});
