// Consultation requests in the register on SQLite and PostgreSQL: the schema's rules, links found only by
// their hash, a draft kept until the answers are sent once, the rows the report counts, and the demo
// authority's requests made the same way from the same seed.

import { describe, expect, it } from 'vitest';
import { loadDemoConsultation } from '../../src/app/consultation.ts';
import { hashLinkToken, newLinkToken } from '../../src/app/consultation-link.ts';
import {
  addConsultationLink,
  addConsultationRequest,
  findRequestByLink,
  listConsultationForReport,
  listConsultationRequests,
  markFirstSent,
  saveDraftAnswers,
  saveSentAnswers,
  type NewConsultationRequest,
} from '../../src/db/consultation.ts';
import { kyselyOf } from '../../src/db/connection.ts';
import { saveChildRecords } from '../../src/db/register-import.ts';
import { addReview } from '../../src/db/reviews.ts';
import { buildChildRecord, buildChildRecords, buildReview } from '../support/builders.ts';
import { DIALECTS, withTestDatabase } from '../support/test-database.ts';

const request = (reviewId: number, overrides: Partial<NewConsultationRequest> = {}): NewConsultationRequest => ({
  reviewId,
  childId: 'A1',
  respondent: 'child',
  formVersion: 'age_8_12',
  respondentLabel: null,
  channel: 'print',
  email: null,
  sendOn: '2024-06-03',
  createdBy: null,
  createdAt: '2024-06-03T09:00:00.000Z',
  ...overrides,
});

describe.each(DIALECTS)('consultation in the register (%s)', (dialect) => {
  const database = withTestDatabase(dialect);
  const setUp = async () => {
    await saveChildRecords(database(), [buildChildRecord({ child: { id: 'A1', givenName: 'Ann', dateOfBirth: '2014-03-14' }, reviews: [] })]);
    return (await addReview(database(), buildReview({ childId: 'A1', heldDate: null, status: 'booked', bookedDate: '2024-07-01', participationCode: null }))).id;
  };

  it('refuses an e-mail request without an address, and an unknown form', async () => {
    const reviewId = await setUp();
    await expect(addConsultationRequest(database(), request(reviewId, { channel: 'email', email: null }))).rejects.toMatchObject({ code: 'CONSTRAINT_VIOLATED' });
    await expect(addConsultationRequest(database(), request(reviewId, { formVersion: 'age_99' as never }))).rejects.toMatchObject({ code: 'CONSTRAINT_VIOLATED' });
  });

  it('finds a request by its link’s hash only, with the first name and review date and nothing else of the child', async () => {
    const reviewId = await setUp();
    const id = await addConsultationRequest(database(), request(reviewId));
    const token = newLinkToken();
    await addConsultationLink(database(), { requestId: id, tokenHash: hashLinkToken(token), channel: 'print', createdAt: '2024-06-03T09:00:00.000Z' });
    expect(await findRequestByLink(database(), token)).toBeUndefined();
    const found = await findRequestByLink(database(), hashLinkToken(token));
    expect(found).toMatchObject({ reviewStatus: 'booked', reviewDate: '2024-07-01', childFirstName: 'Ann', request: { id, childId: 'A1' } });
    await expect(addConsultationLink(database(), { requestId: id, tokenHash: hashLinkToken(token), channel: 'email', createdAt: 'x' })).rejects.toThrow();
  });

  it('keeps a draft until the answers are sent, and takes the answers once', async () => {
    const reviewId = await setUp();
    const id = await addConsultationRequest(database(), request(reviewId));
    expect(await saveDraftAnswers(database(), id, { goingWell: 'Football' }, '2024-06-03T10:00:00.000Z')).toBe(true);
    expect((await listConsultationRequests(database(), { reviewId }))[0]).toMatchObject({ draftAnswers: { goingWell: 'Football' }, answers: null });
    expect(await saveSentAnswers(database(), id, { goingWell: 'Football', whoComes: ['carer'] }, '2024-06-04')).toBe(true);
    expect(await saveSentAnswers(database(), id, { goingWell: 'Again' }, '2024-06-05')).toBe(false);
    expect(await saveDraftAnswers(database(), id, { goingWell: 'Later' }, '2024-06-05T10:00:00.000Z')).toBe(false);
    expect((await listConsultationRequests(database(), { childId: 'A1' }))[0]).toMatchObject({
      draftAnswers: null,
      answers: { goingWell: 'Football', whoComes: ['carer'] },
      answeredOn: '2024-06-04',
    });
  });

  it('gives the report each request that reached someone, with whether a child asked for an advocate', async () => {
    const reviewId = await setUp();
    const child = await addConsultationRequest(database(), request(reviewId));
    const parent = await addConsultationRequest(database(), request(reviewId, { respondent: 'parent', formVersion: 'parent' }));
    await addConsultationRequest(database(), request(reviewId, { respondent: 'carer', formVersion: 'carer' }));
    await markFirstSent(database(), child, '2024-06-03');
    await markFirstSent(database(), parent, '2024-06-04');
    await markFirstSent(database(), parent, '2024-06-09');
    await saveSentAnswers(database(), child, { advocate: 'yes' }, '2024-06-10');
    // "yes" to another question after "no" to the advocate one: read from the database, then not counted.
    const again = await addConsultationRequest(database(), request(reviewId));
    await markFirstSent(database(), again, '2024-06-05');
    await saveSentAnswers(database(), again, { advocate: 'no', goingWell: 'yes' }, '2024-06-11');
    expect(await listConsultationForReport(database())).toEqual([
      { childId: 'A1', respondent: 'child', reviewDate: '2024-07-01', sentOn: '2024-06-03', answeredOn: '2024-06-10', askedForAdvocate: true },
      { childId: 'A1', respondent: 'parent', reviewDate: '2024-07-01', sentOn: '2024-06-04', answeredOn: null, askedForAdvocate: false },
      { childId: 'A1', respondent: 'child', reviewDate: '2024-07-01', sentOn: '2024-06-05', answeredOn: '2024-06-11', askedForAdvocate: false },
    ]);
  });

  it('loads the demo authority’s requests and answers the same way from the same seed', async () => {
    const records = buildChildRecords(12).map((r) => ({ ...r, reviews: [...r.reviews, buildReview({ childId: r.child.id, heldDate: null, status: 'booked', bookedDate: '2024-06-20', participationCode: null })] }));
    await saveChildRecords(database(), records);
    const count = await loadDemoConsultation(database(), { seed: 7, asOf: '2024-06-03' });
    expect(count).toBeGreaterThan(0);
    const rows = await kyselyOf(database()).selectFrom('consultation_request').select(['child_id', 'respondent', 'form_version', 'answers', 'send_on']).orderBy('id').execute();
    expect(rows.filter((r) => r.answers !== null).length).toBeGreaterThan(0);
    // Not every review gets every kind of request, and nobody sends an empty form.
    for (const r of rows.filter((x) => x.answers !== null)) expect(Object.keys(JSON.parse(r.answers!) as object).length).toBeGreaterThan(0);
    await kyselyOf(database()).deleteFrom('consultation_request').execute();
    await loadDemoConsultation(database(), { seed: 7, asOf: '2024-06-03' });
    const again = await kyselyOf(database()).selectFrom('consultation_request').select(['child_id', 'respondent', 'form_version', 'answers', 'send_on']).orderBy('id').execute();
    expect(again).toEqual(rows);
  });
});
