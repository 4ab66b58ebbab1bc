// A child's review over HTTP: booking against the clock's due date (with the warning when late), the review
// page, rearranging and cancelling with reasons, recording the meeting (participation against age,
// decisions as actions), the workflow's working-day deadlines and the team manager's query window, two
// people saving the same review, who may see and do what, and the audit trail of every view and change.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createAccount } from '../../src/app/accounts.ts';
import { listAudit } from '../../src/db/audit.ts';
import { listReviews } from '../../src/db/reviews.ts';
import { addReviewActions, listReviewActions } from '../../src/db/review-actions.ts';
import { getReviewWorkflow, setReviewWorkflow } from '../../src/db/review-workflow.ts';
import { kyselyOf } from '../../src/db/connection.ts';
import { saveChildRecords } from '../../src/db/register-import.ts';
import { addStaff } from '../../src/db/staff.ts';
import type { Review, StaffRole } from '../../src/domain/register.ts';
import { buildServer } from '../../src/web/server.ts';
import { buildAllocation, buildChildRecord, buildEpisode, buildReview } from '../support/builders.ts';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { WebClient } from '../support/web-client.ts';

const TODAY = '2024-06-03';
const PASSWORD = 'correct horse battery';

/** Care from Monday 20 May 2024: the first review is due 18 June (20 working days, the spring bank holiday skipped). */
const RECENT_CARE = [buildEpisode({ start: '2024-05-20' })];
const booked = (bookedDate: string, dueDate = '2024-06-18'): Review =>
  buildReview({ dueDate, bookedDate, heldDate: null, status: 'booked', participationCode: null, format: 'in_person' });
const held = (heldDate: string, dueDate = '2024-06-18'): Review => buildReview({ dueDate, bookedDate: heldDate, heldDate, status: 'held', participationCode: 'PN1' });
const dateFields = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });

describe.each(DIALECTS)('a child’s review (%s)', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  const ids: Record<string, number> = {};
  const signedIn = async (who: string) => {
    const client = new WebClient(app);
    expect((await client.signIn(`${who}@test.example`, PASSWORD)).statusCode).toBe(302);
    return client;
  };
  const reviewOf = async (childId: string) => (await listReviews(database, childId))[0]!;
  const audits = async (childId: string) => listAudit(database, { childId });

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const admin = await addStaff(database, { name: 'Ada Admin', email: 'admin@test.example', role: 'administrator', team: null, fte: 1, active: true });
    const people: [string, string, StaffRole, string | null][] = [
      ['ivy', 'Ivy Iro', 'iro', null],
      ['olu', 'Olu Iro', 'iro', null],
      ['mo', 'Mo Manager', 'iro_manager', null],
      ['tess', 'Tess Teams', 'team_manager', 'North'],
      ['tom', 'Tom Teams', 'team_manager', 'South'],
      ['bea', 'Bea Support', 'business_support', null],
    ];
    for (const [key, name, role, team] of people) {
      ids[key] = (await createAccount(database, admin.id, { name, email: `${key}@test.example`, role, team, fte: 1, password: PASSWORD })).id;
    }
    const ivys = (id: string, child: Record<string, unknown>, episodes: ReturnType<typeof buildEpisode>[], reviews: Review[]) =>
      buildChildRecord({ child: { id, ...child }, episodes, reviews, allocations: [buildAllocation({ iroId: ids.ivy!, from: episodes[0]!.start })] });
    const toddler = { givenName: 'Tia', dateOfBirth: '2021-01-10' };
    const five = { givenName: 'Finn', dateOfBirth: '2019-01-10' };
    await saveChildRecords(database, [
      // Looked after from 4 March 2024: the first review was due 3 April (Easter skipped), so is overdue today.
      ivys('BOOK1', toddler, [buildEpisode({ start: '2024-03-04' })], []),
      ivys('REAR1', five, RECENT_CARE, [booked('2024-06-10')]),
      ivys('CANC1', five, RECENT_CARE, [booked('2024-06-10')]),
      ivys('TODD3', toddler, RECENT_CARE, [booked('2024-05-30')]),
      ivys('FIVE5', five, RECENT_CARE, [booked('2024-05-30')]),
      ivys('FLOW1', five, [buildEpisode({ start: '2024-04-08' })], [held('2024-05-02', '2024-05-07')]),
      ivys('QRY1', five, RECENT_CARE, [held('2024-05-20')]),
      ivys('QRY2', five, RECENT_CARE, [held('2024-05-20')]),
      ivys('CONF1', five, RECENT_CARE, [booked('2024-06-10')]),
    ]);
    await kyselyOf(database).updateTable('child').set({ social_work_team: 'North' }).execute();
    // Decisions on QRY1 sent Friday 24 May (query open to 3 June, Monday 27 May a bank holiday); on QRY2 a day earlier (closed 31 May).
    await setReviewWorkflow(database, (await reviewOf('QRY1')).id, { decisionsIssuedDate: '2024-05-24' });
    await setReviewWorkflow(database, (await reviewOf('QRY2')).id, { decisionsIssuedDate: '2024-05-23' });
    app = await buildServer({ database, today: () => TODAY, signInRateLimit: 1000 });
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('books a review after its due date only once the warning is confirmed, and audits the page and the booking', async () => {
    const bea = await signedIn('bea');
    const form = await bea.get('/children/BOOK1/reviews/new');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('3 April 2024');
    expect(form.body).toContain('First review: within 20 working days of becoming looked after');
    expect(form.body).toContain('Overdue by 61 days');
    expect(form.body).toContain('name="_csrf"');

    const empty = await bea.post('/children/BOOK1/reviews/new', {});
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#bookedDate-day"');
    expect(empty.body).toContain('Enter the date of the review');
    expect(empty.body).toContain('href="#format"');

    const late = { ...dateFields('bookedDate', '2024-06-10'), format: 'hybrid' };
    const warned = await bea.post('/children/BOOK1/reviews/new', late);
    expect(warned.statusCode).toBe(400);
    expect(warned.body).toContain('The date you entered, 10 June 2024, is after the date the review is due, 3 April 2024');
    expect(warned.body).toContain('href="#confirmLate"');
    expect(warned.body).toMatch(/value="hybrid" checked/);
    expect(warned.body).toContain('value="2024"');
    expect(await listReviews(database, 'BOOK1')).toEqual([]);

    const saved = await bea.post('/children/BOOK1/reviews/new', { ...late, confirmLate: 'yes' });
    expect(saved.statusCode).toBe(302);
    const review = await reviewOf('BOOK1');
    expect(saved.headers.location).toBe(`/reviews/${review.id}?done=booked`);
    expect(review).toMatchObject({ status: 'booked', dueDate: '2024-04-03', bookedDate: '2024-06-10', format: 'hybrid', heldDate: null });
    const page = await bea.get(String(saved.headers.location));
    expect(page.body).toContain('The review has been booked');
    expect(page.body).toContain('href="/reviews/' + review.id + '/rearrange"');
    expect(page.body).not.toContain('/record"');

    const again = await bea.get('/children/BOOK1/reviews/new');
    expect(again.body).toContain('A review is already booked for 10 June 2024');
    const trail = await audits('BOOK1');
    expect(trail.some((a) => a.action === 'view' && a.entity === 'review_booking' && a.staffId === ids.bea)).toBe(true);
    expect(trail.find((a) => a.action === 'create' && a.entity === 'review')).toMatchObject({ staffId: ids.bea, entityId: String(review.id), detail: { afterDueDate: true } });
    expect(trail.some((a) => a.action === 'view' && a.entity === 'review' && a.entityId === String(review.id))).toBe(true);
  });

  it('rearranges with a reason from the list, shows the history, and asks for a note when the reason is Other', async () => {
    const ivy = await signedIn('ivy');
    const review = await reviewOf('REAR1');
    const form = await ivy.get(`/reviews/${review.id}/rearrange`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Court timetable');
    expect(form.body).toContain(`name="version" value="${review.version}"`);

    const other = await ivy.post(`/reviews/${review.id}/rearrange`, { version: String(review.version), ...dateFields('newDate', '2024-06-12'), reason: 'other' });
    expect(other.statusCode).toBe(400);
    expect(other.body).toContain('href="#note"');
    expect(other.body).toContain('Enter a note saying why');

    const moved = await ivy.post(`/reviews/${review.id}/rearrange`, { version: String(review.version), ...dateFields('newDate', '2024-06-12'), reason: 'court_timetable', note: 'Final hearing moved' });
    expect(moved.statusCode).toBe(302);
    const after = await reviewOf('REAR1');
    expect(after).toMatchObject({ bookedDate: '2024-06-12', status: 'booked', version: review.version + 1 });
    expect(after.rearrangements).toEqual([{ changedOn: TODAY, fromDate: '2024-06-10', toDate: '2024-06-12', reason: 'court_timetable', note: 'Final hearing moved' }]);
    const page = await ivy.get(`/reviews/${review.id}`);
    expect(page.body).toContain('Changes of date');
    expect(page.body).toMatch(/3 June 2024<\/td>\s*<td class="govuk-table__cell">10 June 2024<\/td>\s*<td class="govuk-table__cell">12 June 2024<\/td>\s*<td class="govuk-table__cell">Court timetable<\/td>\s*<td class="govuk-table__cell">Final hearing moved/);
    expect((await audits('REAR1')).find((a) => a.action === 'update')).toMatchObject({ staffId: ids.ivy, detail: { change: 'rearranged', reason: 'court_timetable' } });
  });

  it('cancels with a reason, as a change of date to none', async () => {
    const bea = await signedIn('bea');
    const review = await reviewOf('CANC1');
    await bea.get(`/reviews/${review.id}/cancel`);
    const noReason = await bea.post(`/reviews/${review.id}/cancel`, { version: String(review.version) });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('href="#reason"');
    expect((await reviewOf('CANC1')).status).toBe('booked');
    const cancelled = await bea.post(`/reviews/${review.id}/cancel`, { version: String(review.version), reason: 'placement_move' });
    expect(cancelled.statusCode).toBe(302);
    const after = await reviewOf('CANC1');
    expect(after.status).toBe('cancelled');
    expect(after.rearrangements).toEqual([{ changedOn: TODAY, fromDate: '2024-06-10', toDate: null, reason: 'placement_move', note: null }]);
    const page = await bea.get(`/reviews/${review.id}`);
    expect(page.body).toContain('Change of placement');
    expect(page.body).not.toContain('/rearrange"');
    expect((await bea.get(`/reviews/${review.id}/rearrange`)).statusCode).toBe(409);
    expect((await audits('CANC1')).find((a) => a.action === 'update')).toMatchObject({ detail: { change: 'cancelled' } });
  });

  const recordBody = (version: number, code: string, extra: Record<string, string | string[]> = {}) => ({
    version: String(version),
    ...dateFields('heldDate', '2024-05-30'),
    participationCode: code,
    attendance: ['child', 'carer', 'social_worker'],
    format: 'in_person',
    chairId: String(ids.ivy),
    ...extra,
  });

  it('records PN0 for a 3-year-old and refuses PN1, naming the field', async () => {
    const ivy = await signedIn('ivy');
    const review = await reviewOf('TODD3');
    const form = await ivy.get(`/reviews/${review.id}/record`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('PN6: Child does not attend but conveys his or her feelings by a facilitative medium');
    expect(form.body).toMatch(new RegExp(`<option value="${ids.ivy}" selected>Ivy Iro</option>`));
    expect(form.body).toContain('id="actions-5-description"');
    const refused = await ivy.post(`/reviews/${review.id}/record`, recordBody(review.version, 'PN1'));
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#participationCode"');
    expect(refused.body).toContain('Participation code: The child was under 4 on the review date, so the code must be PN0');
    expect(refused.body).toMatch(/value="carer" checked/);
    expect((await reviewOf('TODD3')).status).toBe('booked');
    const saved = await ivy.post(`/reviews/${review.id}/record`, recordBody(review.version, 'PN0'));
    expect(saved.statusCode).toBe(302);
    expect(await reviewOf('TODD3')).toMatchObject({ status: 'held', heldDate: '2024-05-30', participationCode: 'PN0', chairId: ids.ivy, dueDate: '2024-06-18' });
    expect((await getReviewWorkflow(database, review.id)).attendance).toEqual(['child', 'carer', 'social_worker']);
  });

  it('refuses PN0 for a 5-year-old and records PN1, with the decisions as actions; a part-filled row names its row and field', async () => {
    const ivy = await signedIn('ivy');
    const review = await reviewOf('FIVE5');
    await ivy.get(`/reviews/${review.id}/record`);
    const pn0 = await ivy.post(`/reviews/${review.id}/record`, recordBody(review.version, 'PN0'));
    expect(pn0.statusCode).toBe(400);
    expect(pn0.body).toContain('Participation code: PN0 is only for a child under 4; the child was 5 on the review date');

    const rows = {
      'actions-1-description': 'Arrange a dentist appointment',
      'actions-1-owner': 'Carer',
      ...dateFields('actions-1-deadline', '2024-06-28'),
      'actions-2-description': 'Refer to advocacy',
      'actions-2-owner': '',
      'actions-2-deadline-day': '',
      'actions-2-deadline-month': '',
      'actions-2-deadline-year': '',
      'actions-3-description': '',
      'actions-3-owner': '',
    };
    const partly = await ivy.post(`/reviews/${review.id}/record`, recordBody(review.version, 'PN1', rows));
    expect(partly.statusCode).toBe(400);
    expect(partly.body).toContain('href="#actions-2-owner"');
    expect(partly.body).toContain('Action 2: enter who will do it');
    expect(partly.body).toContain('href="#actions-2-deadline-day"');
    expect(partly.body).toContain('Arrange a dentist appointment');
    expect(await listReviewActions(database, { reviewId: review.id })).toEqual([]);

    const future = await ivy.post(`/reviews/${review.id}/record`, recordBody(review.version, 'PN1', dateFields('heldDate', '2024-06-04')));
    expect(future.body).toContain('The date the review was held must be today or in the past');
    const early = await ivy.post(`/reviews/${review.id}/record`, recordBody(review.version, 'PN1', dateFields('heldDate', '2024-05-17')));
    expect(early.body).toContain('The date the review was held must be on or after 20 May 2024, when care started');

    // Without JavaScript, more rows come from the server: the form again as filled in, with room for more.
    const more = await ivy.post(`/reviews/${review.id}/record`, recordBody(review.version, 'PN1', { ...rows, addRows: 'yes' }));
    expect(more.statusCode).toBe(200);
    expect(more.body).toContain('id="actions-8-description"');
    expect(more.body).toContain('Refer to advocacy');
    expect(more.body).not.toContain('There is a problem');
    expect((await reviewOf('FIVE5')).status).toBe('booked');

    const complete = { ...rows, 'actions-2-owner': 'Social worker', ...dateFields('actions-2-deadline', '2024-06-14') };
    const saved = await ivy.post(`/reviews/${review.id}/record`, recordBody(review.version, 'PN1', complete));
    expect(saved.statusCode).toBe(302);
    expect(await listReviewActions(database, { reviewId: review.id })).toMatchObject([
      { description: 'Refer to advocacy', owner: 'Social worker', dueDate: '2024-06-14', completedDate: null },
      { description: 'Arrange a dentist appointment', owner: 'Carer', dueDate: '2024-06-28', completedDate: null },
    ]);
    const page = await ivy.get(`/reviews/${review.id}`);
    expect(page.body).toContain('PN1: Child physically attends and speaks for him or herself');
    expect(page.body).toContain('The child, Carer, Social worker');
    expect(page.body).toContain('Refer to advocacy');
    expect(page.body).toContain('In timescale');
    // The clock now counts the second review from the day this one was held.
    expect((await ivy.get('/children/FIVE5')).body).toContain('30 August 2024');
    expect((await audits('FIVE5')).find((a) => a.action === 'update')).toMatchObject({ staffId: ids.ivy, detail: { change: 'held', actions: 2 } });
  });

  it('shows the workflow’s working-day deadlines across the bank holiday, flags the overdue ones and records each step', async () => {
    const bea = await signedIn('bea');
    const review = await reviewOf('FLOW1');
    await addReviewActions(database, review.id, 'FLOW1', [
      { description: 'Update the care plan', owner: 'Social worker', dueDate: '2024-05-31' },
      { description: 'Book a health assessment', owner: 'Social worker', dueDate: '2024-06-30' },
    ]);
    const page = await bea.get(`/reviews/${review.id}`);
    expect(page.statusCode).toBe(200);
    // Held Thursday 2 May 2024: decisions due 10 May (Monday 6 May skipped), the record 3 June (27 May skipped too).
    expect(page.body).toMatch(/10 May 2024<\/td>\s*<td class="govuk-table__cell"><\/td>\s*<td class="govuk-table__cell">\s*<strong class="govuk-tag govuk-tag--red">\s*Overdue/);
    expect(page.body).toMatch(/3 June 2024<\/td>\s*<td class="govuk-table__cell"><\/td>\s*<td class="govuk-table__cell">\s*<strong class="govuk-tag govuk-tag--blue">\s*Due/);
    expect(page.body).toMatch(/Update the care plan[\s\S]*?govuk-tag--red">\s*Overdue/);

    const decisions = await bea.post(`/reviews/${review.id}/workflow`, { version: String(review.version), step: 'decisions', ...dateFields('decisionsIssuedDate', '2024-05-13') });
    expect(decisions.statusCode).toBe(302);
    const afterDecisions = await bea.get(`/reviews/${review.id}`);
    expect(afterDecisions.body).toMatch(/10 May 2024<\/td>\s*<td class="govuk-table__cell">13 May 2024<\/td>\s*<td class="govuk-table__cell">\s*<strong class="govuk-tag govuk-tag--orange">\s*Done late/);
    const version = (await reviewOf('FLOW1')).version;
    const tooEarly = await bea.post(`/reviews/${review.id}/workflow`, { version: String(version), step: 'record', ...dateFields('recordDistributedDate', '2024-05-01') });
    expect(tooEarly.statusCode).toBe(400);
    expect(tooEarly.body).toContain('href="#recordDistributedDate-day"');
    const record = await bea.post(`/reviews/${review.id}/workflow`, { version: String(version), step: 'record', ...dateFields('recordDistributedDate', TODAY) });
    expect(record.statusCode).toBe(302);
    expect(await getReviewWorkflow(database, review.id)).toMatchObject({ decisionsIssuedDate: '2024-05-13', recordDistributedDate: TODAY, signedOffDate: null });

    const ivy = await signedIn('ivy');
    const ivysPage = await ivy.get(`/reviews/${review.id}`);
    expect(ivysPage.body).not.toContain('Sign off the review');
    expect((await ivy.post(`/reviews/${review.id}/sign-off`, { version: String(version + 1) })).statusCode).toBe(403);
    const mo = await signedIn('mo');
    expect((await mo.get(`/reviews/${review.id}`)).body).toContain('Sign off the review');
    expect((await mo.post(`/reviews/${review.id}/sign-off`, { version: String(version + 1) })).statusCode).toBe(302);
    expect((await mo.get(`/reviews/${review.id}`)).body).toContain('Signed off by Mo Manager');

    const action = (await listReviewActions(database, { reviewId: review.id }))[0]!;
    const tess = await signedIn('tess');
    await tess.get(`/reviews/${review.id}`);
    const done = await tess.post(`/actions/${action.id}/complete`, {});
    expect(done.headers.location).toBe(`/reviews/${review.id}?done=action#actions`);
    expect((await tess.post(`/actions/${action.id}/complete`, {})).headers.location).toBe(`/reviews/${review.id}?done=action_already#actions`);
    expect((await listReviewActions(database, { reviewId: review.id }))[0]).toMatchObject({ id: action.id, completedDate: TODAY });
    const trail = await audits('FLOW1');
    expect(trail.filter((a) => a.action === 'update' && a.entity === 'review').map((a) => (a.detail?.fields as string[])[0]).sort()).toEqual(['decisions_issued_date', 'record_distributed_date', 'signed_off']);
    expect(trail.filter((a) => a.entity === 'review_action')).toHaveLength(1);
  });

  it('lets the child’s team manager query the decisions within 5 working days of them being sent, and not after', async () => {
    const tess = await signedIn('tess');
    const open = await reviewOf('QRY1');
    const page = await tess.get(`/reviews/${open.id}`);
    expect(page.body).toContain('You can query the decisions until 3 June 2024');
    const empty = await tess.post(`/reviews/${open.id}/query`, { version: String(open.version), queryText: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#queryText"');
    const queried = await tess.post(`/reviews/${open.id}/query`, { version: String(open.version), queryText: 'Please reconsider the contact arrangements.' });
    expect(queried.statusCode).toBe(302);
    expect(await getReviewWorkflow(database, open.id)).toMatchObject({ queriedDate: TODAY, queryText: 'Please reconsider the contact arrangements.' });
    expect((await tess.get(`/reviews/${open.id}`)).body).toContain('Please reconsider the contact arrangements.');
    const trail = await audits('QRY1');
    expect(trail.find((a) => a.action === 'update')).toMatchObject({ staffId: ids.tess, detail: { fields: ['query'] } });
    expect(JSON.stringify(trail)).not.toContain('contact arrangements');

    const closed = await reviewOf('QRY2');
    const closedPage = await tess.get(`/reviews/${closed.id}`);
    expect(closedPage.body).toContain('The time to query these decisions ended on 31 May 2024');
    expect(closedPage.body).not.toContain('name="queryText"');
    const late = await tess.post(`/reviews/${closed.id}/query`, { version: String(closed.version), queryText: 'Too late?' });
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('The time to query these decisions ended on 31 May 2024: 5 working days after they were sent');
    expect((await getReviewWorkflow(database, closed.id)).queriedDate).toBeNull();

    const tom = await signedIn('tom');
    expect((await tom.get(`/reviews/${closed.id}`)).statusCode).toBe(404);
    const ivy = await signedIn('ivy');
    expect((await ivy.post(`/reviews/${open.id}/query`, { version: '1', queryText: 'x' })).statusCode).toBe(403);
  });

  it('shows the second of two people saving the same review a conflict, and keeps the first one’s change', async () => {
    const review = await reviewOf('CONF1');
    const ivy = await signedIn('ivy');
    const bea = await signedIn('bea');
    await ivy.get(`/reviews/${review.id}/rearrange`);
    await bea.get(`/reviews/${review.id}/rearrange`);
    const first = await ivy.post(`/reviews/${review.id}/rearrange`, { version: String(review.version), ...dateFields('newDate', '2024-06-11'), reason: 'iro_unavailable' });
    expect(first.statusCode).toBe(302);
    const second = await bea.post(`/reviews/${review.id}/rearrange`, { version: String(review.version), ...dateFields('newDate', '2024-06-14'), reason: 'carer_unavailable' });
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('Someone else changed this review');
    expect(second.body).toContain(`href="/reviews/${review.id}"`);
    const after = await reviewOf('CONF1');
    expect(after.bookedDate).toBe('2024-06-11');
    expect(after.rearrangements).toHaveLength(1);
    // A form opened before the change cannot record the meeting over it either.
    const stale = await bea.post(`/reviews/${review.id}/cancel`, { version: String(review.version), reason: 'other', note: 'x' });
    expect(stale.statusCode).toBe(409);
    expect((await reviewOf('CONF1')).status).toBe('booked');
  });

  it('hides another IRO’s child’s review as not found, and keeps recording from business support', async () => {
    const review = await reviewOf('REAR1');
    const olu = await signedIn('olu');
    expect((await olu.get(`/reviews/${review.id}`)).statusCode).toBe(404);
    expect((await olu.get(`/reviews/${review.id}/rearrange`)).statusCode).toBe(404);
    expect((await olu.get('/children/REAR1/reviews/new')).statusCode).toBe(404);
    expect((await olu.get('/reviews/999999')).statusCode).toBe(404);
    const bea = await signedIn('bea');
    expect((await bea.get(`/reviews/${review.id}/record`)).statusCode).toBe(403);
    expect((await bea.post(`/reviews/${review.id}/record`, recordBody(review.version, 'PN1'))).statusCode).toBe(403);
    expect((await bea.get(`/reviews/${review.id}`)).body).not.toContain('Record the review as held');
    expect((await reviewOf('REAR1')).status).toBe('booked');
  });

  it('audits every view of a review and its forms', async () => {
    const review = await reviewOf('QRY2');
    const mo = await signedIn('mo');
    await mo.get(`/reviews/${review.id}`);
    const views = (await audits('QRY2')).filter((a) => a.action === 'view' && a.staffId === ids.mo);
    expect(views).toEqual([expect.objectContaining({ entity: 'review', entityId: String(review.id) })]);
    const ivy = await signedIn('ivy');
    const booking = await reviewOf('CONF1');
    await ivy.get(`/reviews/${booking.id}`);
    await ivy.get(`/reviews/${booking.id}/record`);
    await ivy.get(`/reviews/${booking.id}/cancel`);
    expect((await audits('CONF1')).filter((a) => a.action === 'view' && a.staffId === ids.ivy).length).toBeGreaterThanOrEqual(3);
  });
});
