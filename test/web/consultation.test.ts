// Consultation over HTTP on SQLite and PostgreSQL: staff ask for views and print a link; the link opens the
// form with no account, saves and returns a draft, sends once and then only thanks; it expires after the
// review, closes when the review is cancelled, refuses guesses with 429, and reaches no other child's data.
// Answers are read on the review and the child's record only by the child's IRO and managers, each time audited.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createAccount } from '../../src/app/accounts.ts';
import { hashLinkToken, newLinkToken } from '../../src/app/consultation-link.ts';
import { listAudit } from '../../src/db/audit.ts';
import { kyselyOf } from '../../src/db/connection.ts';
import { listConsultationRequests } from '../../src/db/consultation.ts';
import { saveChildRecords } from '../../src/db/register-import.ts';
import { addReview } from '../../src/db/reviews.ts';
import { addStaff } from '../../src/db/staff.ts';
import type { StaffRole } from '../../src/domain/register.ts';
import { buildServer } from '../../src/web/server.ts';
import { createViews } from '../../src/web/views.ts';
import { consultationSummary } from '../../src/app/consultation.ts';
import { buildAllocation, buildChildRecord } from '../support/builders.ts';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { WebClient } from '../support/web-client.ts';

const PASSWORD = 'correct horse battery';
const booked = (childId: string, bookedDate: string) => ({ childId, dueDate: '2024-07-10', bookedDate, heldDate: null, status: 'booked' as const, participationCode: null, chairId: null, format: 'in_person' as const, rearrangements: [] });
const tokenOf = (html: string) => /have-your-say\/([A-Za-z0-9_-]{43})/.exec(html)?.[1] ?? '';
/** The page without its random link and CSRF tokens, which can hold "A1" or "Ben" by chance. */
const withoutTokens = (html: string, token: string) => html.replaceAll(token, '').replace(/name="_csrf" value="[^"]*"/g, '');

describe.each(DIALECTS)('consultation pages (%s)', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let today = '2024-06-03';
  const ids: Record<string, number> = {};
  const reviews: Record<string, number> = {};
  const staff = async (who: string) => {
    const client = new WebClient(app);
    expect((await client.signIn(`${who}@test.example`, PASSWORD)).statusCode).toBe(302);
    return client;
  };
  /** Business support asks for the child's views with a printed link; returns the link's token. */
  const printedLink = async (review: number, formVersion = 'age_8_12') => {
    const bea = await staff('bea');
    await bea.get(`/reviews/${review}/consultation/new`);
    const response = await bea.post(`/reviews/${review}/consultation/new`, { formVersion, channel: 'print', respondentLabel: '' });
    expect(response.statusCode).toBe(200);
    return tokenOf(response.body);
  };

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const admin = await addStaff(database, { name: 'Ada Admin', email: 'admin@test.example', role: 'administrator', team: null, fte: 1, active: true });
    const people: [string, StaffRole, string | null][] = [['ivy', 'iro', null], ['olu', 'iro', null], ['mo', 'iro_manager', null], ['bea', 'business_support', null], ['tess', 'team_manager', 'North']];
    for (const [key, role, team] of people) ids[key] = (await createAccount(database, admin.id, { name: key, email: `${key}@test.example`, role, team, fte: 1, password: PASSWORD })).id;
    await saveChildRecords(database, [
      buildChildRecord({ child: { id: 'A1', givenName: 'Ann', familyName: 'Taylor', dateOfBirth: '2014-03-14' }, allocations: [buildAllocation({ iroId: ids.ivy! })] }),
      buildChildRecord({ child: { id: 'B2', givenName: 'Ben', familyName: 'Stone', dateOfBirth: '2009-05-05' }, allocations: [buildAllocation({ iroId: ids.olu! })] }),
      buildChildRecord({ child: { id: 'T3', givenName: 'Tia', dateOfBirth: '2021-01-01' } }),
    ]);
    await kyselyOf(database).updateTable('child').set({ social_work_team: 'North' }).execute();
    reviews.ann = (await addReview(database, booked('A1', '2024-07-01'))).id;
    reviews.ben = (await addReview(database, booked('B2', '2024-06-20'))).id;
    reviews.tia = (await addReview(database, booked('T3', '2024-06-28'))).id;
    app = await buildServer({ database, today: () => today, signInRateLimit: 1000 });
  });
  afterAll(async () => {
    await app?.close();
    await database?.destroy();
  });

  it('lets business support ask for views, suggesting the child’s form by age, and checks what is entered', async () => {
    const bea = await staff('bea');
    const form = await bea.get(`/reviews/${reviews.ann}/consultation/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/value="age_8_12" checked/);
    expect(form.body).toContain('3 June 2024'); // 30 days before 1 July has passed: today
    const wrong = await bea.post(`/reviews/${reviews.ann}/consultation/new`, { formVersion: 'parent', channel: 'email', email: 'not an address', 'sendOn-day': '1', 'sendOn-month': '8', 'sendOn-year': '2024' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Enter an e-mail address in the correct format');
    expect(wrong.body).toContain('on or before the date of the review');
    const ok = await bea.post(`/reviews/${reviews.ann}/consultation/new`, { formVersion: 'parent', channel: 'email', email: 'mum@example.com', respondentLabel: 'Mum', 'sendOn-day': '10', 'sendOn-month': '6', 'sendOn-year': '2024' });
    expect(ok.statusCode).toBe(302);
    const page = await bea.get(`/reviews/${reviews.ann}/consultation`);
    expect(page.body).toContain('To be e-mailed 10 June 2024');
    expect(page.body).toContain('Only the child’s IRO and IRO managers can read the answers.');
    // A child under 4 is not asked with a form.
    const tia = await bea.post(`/reviews/${reviews.tia}/consultation/new`, { formVersion: 'age_4_7', channel: 'print' });
    expect(tia.statusCode).toBe(400);
    expect(tia.body).toContain('under 4 on the day of the review');
  });

  it('opens a printed link with no account, saves and returns the draft, sends once, then only thanks', async () => {
    const token = await printedLink(reviews.ann!);
    expect(token).toHaveLength(43);
    const child = new WebClient(app);
    const form = await child.get(`/have-your-say/${token}`);
    expect(form.statusCode).toBe(200);
    expect(form.headers['cache-control']).toBe('no-store');
    expect(form.body).toContain('Hello Ann');
    expect(form.body).toContain('1 July 2024');
    for (const secret of ['Taylor', 'A1', '2014', 'mum@example.com', 'Ben']) expect(withoutTokens(form.body, token)).not.toContain(secret);

    const saved = await child.post(`/have-your-say/${token}`, { action: 'save', goingWell: 'My dog Biscuit', advocate: 'yes' });
    expect(saved.statusCode).toBe(302);
    const back = await new WebClient(app).get(`/have-your-say/${token}`);
    expect(back.body).toContain('My dog Biscuit');
    expect(back.body).toMatch(/value="yes" checked/);

    expect((await child.post(`/have-your-say/${token}`, { action: 'send' })).statusCode).toBe(400);
    const sent = await child.post(`/have-your-say/${token}`, { action: 'send', goingWell: 'My dog Biscuit', worries: 'Moving school', advocate: 'yes', attend: 'no' });
    expect(sent.statusCode).toBe(302);
    const thanks = await child.get(`/have-your-say/${token}`);
    expect(thanks.body).toContain('Your answers have been sent');
    for (const secret of ['Ann', 'Biscuit', '1 July 2024']) expect(withoutTokens(thanks.body, token)).not.toContain(secret);
    // A second sending is refused and changes nothing.
    const again = await child.post(`/have-your-say/${token}`, { action: 'send', goingWell: 'Changed' });
    expect(again.statusCode).toBe(409);
    const [request] = (await listConsultationRequests(database, { reviewId: reviews.ann })).filter((r) => r.channel === 'print');
    expect(request!.answers).toEqual({ goingWell: 'My dog Biscuit', worries: 'Moving school', attend: 'no', advocate: 'yes' });
  });

  it('shows the answers to the child’s IRO with PN6 suggested, audits each reading, and hides them from others', async () => {
    const ivy = await staff('ivy');
    const page = await ivy.get(`/reviews/${reviews.ann}/consultation`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('My dog Biscuit');
    expect(page.body).toContain('PN6');
    // The review page itself shows the answers before the meeting (another audited reading).
    const reviewPage = (await ivy.get(`/reviews/${reviews.ann}`)).body;
    expect(reviewPage).toContain(`/reviews/${reviews.ann}/consultation`);
    expect(reviewPage).toContain('My dog Biscuit');
    const record = await ivy.get('/children/A1/consultation');
    expect(record.statusCode).toBe(200);
    expect(record.body).toContain('Moving school');
    const reads = (await listAudit(database, { childId: 'A1' })).filter((a) => a.entity === 'consultation_answers' && a.staffId === ids.ivy);
    expect(reads).toHaveLength(3);

    expect((await (await staff('mo')).get(`/reviews/${reviews.ann}/consultation`)).body).toContain('My dog Biscuit');
    expect((await (await staff('bea')).get(`/reviews/${reviews.ann}/consultation`)).body).not.toContain('My dog Biscuit');
    expect((await (await staff('bea')).get('/children/A1/consultation')).statusCode).toBe(403);
    expect((await (await staff('olu')).get(`/reviews/${reviews.ann}/consultation`)).statusCode).toBe(404);
    expect((await (await staff('olu')).get('/children/A1/consultation')).statusCode).toBe(404);
    expect((await (await staff('tess')).get(`/reviews/${reviews.ann}/consultation`)).statusCode).toBe(403);
    // The review page's summary: counts for those who send, the suggestion only for those who read answers.
    const actor = (who: string, role: StaffRole) => ({ id: ids[who]!, role, team: who === 'tess' ? 'North' : null });
    expect(await consultationSummary(database, actor('ivy', 'iro'), reviews.ann!, today)).toMatchObject({ answered: 1, suggestion: { code: 'PN6' } });
    expect(await consultationSummary(database, actor('bea', 'business_support'), reviews.ann!, today)).toMatchObject({ answered: 1, suggestion: null });
    expect(await consultationSummary(database, actor('tess', 'team_manager'), reviews.ann!, today)).toBeNull();
    // The link holder is not signed in: staff pages send them to sign in.
    expect((await new WebClient(app).get(`/reviews/${reviews.ann}/consultation`)).statusCode).toBe(302);
  });

  it('reaches no other child’s data from a link, whatever is posted with it', async () => {
    const annToken = await printedLink(reviews.ann!);
    const benToken = await printedLink(reviews.ben!, 'age_13_plus');
    const client = new WebClient(app);
    await client.get(`/have-your-say/${annToken}`);
    const before = await listConsultationRequests(database, { childId: 'B2' });
    const posted = await client.post(`/have-your-say/${annToken}`, { action: 'save', goingWell: 'Mine', childId: 'B2', reviewId: String(reviews.ben), requestId: String(before[0]!.id), token: benToken });
    expect(posted.statusCode).toBe(302);
    expect(await listConsultationRequests(database, { childId: 'B2' })).toEqual(before);
    const ben = await client.get(`/have-your-say/${benToken}`);
    expect(withoutTokens(ben.body, benToken)).not.toContain('Mine');
    expect(withoutTokens(ben.body, benToken)).not.toContain('Ann');
    // Nothing but the token's hash is stored.
    const stored = JSON.stringify(await kyselyOf(database).selectFrom('consultation_link').selectAll().execute());
    expect(stored).not.toContain(annToken);
    expect(stored).toContain(hashLinkToken(annToken));
  });

  it('needs the form’s CSRF token to post, and says a made-up or malformed link does not work', async () => {
    const token = await printedLink(reviews.ann!);
    const client = new WebClient(app);
    await client.get(`/have-your-say/${token}`);
    expect((await client.post(`/have-your-say/${token}`, { action: 'save', goingWell: 'x' }, { withCsrf: false })).statusCode).toBe(403);
    const unknown = await client.get(`/have-your-say/${newLinkToken()}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('This link does not work');
    expect((await client.get('/have-your-say/short')).statusCode).toBe(404);
  });

  it('expires after the review date and closes when the review is cancelled', async () => {
    const token = await printedLink(reviews.ben!, 'age_13_plus');
    const client = new WebClient(app);
    today = '2024-06-20';
    expect((await client.get(`/have-your-say/${token}`)).statusCode).toBe(200);
    today = '2024-06-21';
    const expired = await client.get(`/have-your-say/${token}`);
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('This form has closed');
    expect(withoutTokens(expired.body, token)).not.toContain('Ben');
    today = '2024-06-03';
    const cancelled = await printedLink(reviews.tia!, 'carer');
    await kyselyOf(database).updateTable('review').set({ status: 'cancelled' }).where('id', '=', reviews.tia!).execute();
    expect((await client.get(`/have-your-say/${cancelled}`)).statusCode).toBe(410);
  });

  it('turns away guessing with 429: many links from one address, or one link from many', async () => {
    const guesser = await buildServer({ database, today: () => today });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 62; i += 1) statuses.push((await guesser.inject({ method: 'GET', url: `/have-your-say/${newLinkToken()}` })).statusCode);
      expect(statuses.slice(0, 60).every((s) => s === 404)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await guesser.close();
    }
    const oneLink = await buildServer({ database, today: () => today });
    try {
      const token = newLinkToken();
      const statuses: number[] = [];
      for (let i = 0; i < 32; i += 1) {
        const from = `10.0.${i}.1`;
        statuses.push((await oneLink.inject({ method: 'GET', url: `/have-your-say/${token}`, remoteAddress: from })).statusCode);
      }
      expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await oneLink.close();
    }
  });

  it('records every request, link, saving and sending in the audit trail', async () => {
    const audit = await listAudit(database, { childId: 'A1' });
    expect(audit.some((a) => a.entity === 'consultation_request' && a.action === 'create' && a.staffId === ids.bea)).toBe(true);
    expect(audit.some((a) => a.entity === 'consultation_link' && a.action === 'create')).toBe(true);
    expect(audit.some((a) => a.detail?.change === 'answers_saved' && a.staffId === null)).toBe(true);
    expect(audit.some((a) => a.detail?.change === 'answers_sent')).toBe(true);
    // Never an address or an answer.
    expect(JSON.stringify(audit)).not.toMatch(/mum@example\.com|Biscuit/);
  });
});

describe('the panel on the review page', () => {
  const views = createViews();
  const render = (consultation: unknown) => views.render('pages/consultation/review-panel.njk', { page: { review: { id: 5 }, ...(consultation !== undefined && { consultation }) } });
  it('links to the review’s consultation, with the counts and the suggestion when the review page passes them', () => {
    expect(render(undefined)).toContain('href="/reviews/5/consultation"');
    const full = render({ asked: 3, answered: 1, suggestion: { text: 'Ann sent their views on their form. If Ann does not attend the review, record PN6.' } });
    expect(full).toContain('1 of 3 asked have sent their answers.');
    expect(full).toContain('record PN6');
    expect(render(null)).not.toContain('consultation');
  });
});
