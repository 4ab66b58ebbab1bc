// Consultation in a real browser at a phone's size with JavaScript off: a child opens their link, saves,
// comes back to the draft, sends, sees the thank-you and the link refuses a second use; the IRO then reads
// the answers from the review. Every form version (the child's by age, easy-read, parent, carer, social
// worker), its error state and the staff pages are checked by axe.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createAccount } from '../src/app/accounts.ts';
import { askForViews, printLink } from '../src/app/consultation.ts';
import { saveChildRecords } from '../src/db/register-import.ts';
import { addReview } from '../src/db/reviews.ts';
import { addStaff } from '../src/db/staff.ts';
import type { Actor } from '../src/domain/access.ts';
import { FORM_VERSIONS, respondentOf, type FormVersion } from '../src/domain/consultation.ts';
import { buildAllocation, buildChildRecord } from '../test/support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database.ts';
import { expectAccessible, launchBrowser, newContext, signIn, startServer, type RunningServer } from './support/browser.ts';

const TODAY = '2024-06-03';
const PASSWORD = 'correct horse battery';

describe('consultation forms on a phone', () => {
  let database: TestDatabase;
  let server: RunningServer;
  let browser: Browser;
  let reviewId: number;
  let bea: Actor;
  /** A printed link for the child's review, made as business support would. */
  const linkFor = async (formVersion: FormVersion) => {
    const id = await askForViews(database, bea, reviewId, { respondent: respondentOf(formVersion), formVersion, respondentLabel: null, channel: 'print', email: null, sendOn: null }, TODAY);
    return `${server.baseUrl}/have-your-say/${(await printLink(database, bea, id, TODAY)).token}`;
  };

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    const admin = await addStaff(database, { name: 'Ada Admin', email: 'admin@test.example', role: 'administrator', team: null, fte: 1, active: true });
    const ivy = await createAccount(database, admin.id, { name: 'Ivy Iro', email: 'ivy@test.example', role: 'iro', team: null, fte: 1, password: PASSWORD });
    const support = await createAccount(database, admin.id, { name: 'Bea Support', email: 'bea@test.example', role: 'business_support', team: null, fte: 1, password: PASSWORD });
    bea = { id: support.id, role: 'business_support', team: null };
    await saveChildRecords(database, [buildChildRecord({ child: { id: 'A1', givenName: 'Ann', dateOfBirth: '2014-03-14' }, allocations: [buildAllocation({ iroId: ivy.id })] })]);
    reviewId = (await addReview(database, { childId: 'A1', dueDate: '2024-07-10', bookedDate: '2024-07-01', heldDate: null, status: 'booked', participationCode: null, chairId: null, format: 'in_person', rearrangements: [] })).id;
    server = await startServer(database, TODAY);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.app.close();
    await database?.destroy();
  });

  it('a child saves, comes back, sends once and sees only a thank-you after (JavaScript off)', async () => {
    const link = await linkFor('age_8_12');
    const context = await newContext(browser, { phone: true, javaScript: false });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(link);
    expect(await page.locator('h1').innerText()).toBe('Your review: have your say');
    expect(await page.locator('main').innerText()).toContain('Hello Ann. Your review is on 1 July 2024.');
    await page.getByLabel('What is going well for you at the moment?').fill('Football on Saturdays');
    await page.getByRole('button', { name: 'Save and finish later' }).click();
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Your answers are saved');
    await expectAccessible(page);

    // Coming back later with the same link shows the draft.
    const later = await (await newContext(browser, { phone: true, javaScript: false })).newPage();
    await later.goto(link);
    expect(await later.getByLabel('What is going well for you at the moment?').inputValue()).toBe('Football on Saturdays');
    await later.getByLabel('Is anything worrying you, or not going well?').fill('Moving school');
    await later.getByRole('group', { name: 'Would you like an advocate?' }).getByLabel('Yes, please').check();
    await later.getByRole('group', { name: 'Who would you like to be at your meeting?' }).getByLabel('My social worker').check();
    await later.getByRole('group', { name: 'Would you like to come to your meeting?' }).getByLabel('No – I want this form to tell them what I think').check();
    await later.getByRole('button', { name: 'Send my answers' }).click();
    expect(await later.locator('.govuk-panel').innerText()).toContain('Your answers have been sent');
    await expectAccessible(later);

    // The link now refuses a second use: only the thank-you, no form, nothing of the child.
    await page.goto(link);
    expect(await page.locator('.govuk-panel__title').innerText()).toBe('Thank you');
    expect(await page.locator('form').count()).toBe(0);
    expect(await page.locator('main').innerText()).not.toContain('Ann');
    // Sending the old page's form again is refused.
    const resend = await page.request.post(link, { form: { action: 'send', goingWell: 'Changed' }, maxRedirects: 0 });
    expect([403, 409]).toContain(resend.status());
    await context.close();
    await later.context().close();
  });

  it('the IRO reads the answers from the review, with PN6 suggested', async () => {
    const context = await newContext(browser, { phone: true, javaScript: false });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, server.baseUrl, 'ivy@test.example', PASSWORD);
    await page.goto(`${server.baseUrl}/reviews/${reviewId}`);
    await page.getByRole('link', { name: /Consultation forms and answers/ }).click();
    await page.getByRole('heading', { name: 'Views before the review', level: 1 }).waitFor();
    const main = await page.locator('main').innerText();
    expect(main).toContain('Football on Saturdays');
    expect(main).toContain('Moving school');
    expect(main).toContain('PN6');
    await expectAccessible(page);
    await context.close();
  });

  for (const version of FORM_VERSIONS) {
    it(`the ${version.replaceAll('_', ' ')} form passes axe on a phone, filled in and with a problem`, async () => {
      const link = await linkFor(version);
      const context = await newContext(browser, { phone: true, javaScript: false });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(link);
      await expectAccessible(page);
      // Nothing answered: the error summary links to the first question.
      await page.getByRole('button', { name: 'Send my answers' }).click();
      expect(await page.locator('.govuk-error-summary').innerText()).toContain('Answer at least one question');
      await expectAccessible(page);
      await context.close();
    });
  }

  it('the staff pages pass axe: asking for views and the printed link with its QR code (JavaScript on)', async () => {
    const context = await newContext(browser, { phone: true });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, server.baseUrl, 'bea@test.example', PASSWORD);
    await page.goto(`${server.baseUrl}/reviews/${reviewId}/consultation`);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Ask someone for their views' }).click();
    await page.getByRole('heading', { name: 'Ask someone for their views' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Carer’s form').check();
    await page.getByLabel('A printed link with a QR code, to give or post to them').check();
    await page.getByRole('button', { name: 'Ask for their views' }).click();
    await page.getByRole('heading', { name: 'Your views before the review' }).waitFor();
    expect(await page.locator('svg[role="img"]').count()).toBe(1);
    const address = await page.locator('main').innerText();
    expect(address).toMatch(/have-your-say\/[A-Za-z0-9_-]{43}/);
    await expectAccessible(page);
    await context.close();
  });
});
