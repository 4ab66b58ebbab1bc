// The web application in a real browser, with JavaScript on and off: an IRO finds a child, books and
// records a review and sees it on the caseload; a manager adds a new child, sees the dashboard count them
// as not allocated, allocates an IRO and sees the dashboard change. Every page is checked with axe, and the
// audit trail is checked for every view and change made.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database.ts';
import { addStaff } from '../src/db/staff.ts';
import { createAccount } from '../src/app/accounts.ts';
import { saveChildRecords } from '../src/db/register-import.ts';
import { listAudit } from '../src/db/audit.ts';
import { buildChildRecord, buildEpisode, buildReview } from '../test/support/builders.ts';
import { expectAccessible, launchBrowser, newContext, signIn, startServer, type RunningServer } from './support/browser.ts';

const TODAY = '2024-04-15';
const PASSWORD = 'a long test password';

async function fillDate(page: Page, id: string, iso: string): Promise<void> {
  await page.locator(`#${id}-day`).fill(String(Number(iso.slice(8, 10))));
  await page.locator(`#${id}-month`).fill(String(Number(iso.slice(5, 7))));
  await page.locator(`#${id}-year`).fill(iso.slice(0, 4));
}

async function dashboardUnallocated(page: Page, baseUrl: string): Promise<number> {
  await page.goto(`${baseUrl}/dashboard`);
  const row = page.locator('.govuk-summary-list__row', { hasText: 'Children looked after without an IRO' });
  return Number((await row.locator('.govuk-summary-list__value').innerText()).trim());
}

describe('the web application in a browser', () => {
  let database: TestDatabase;
  let server: RunningServer;
  let browser: Browser;
  let iroId = 0;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    const admin = await addStaff(database, { name: 'Seed Admin', email: 'seed@e2e.example', role: 'administrator', team: null, fte: 1, active: true });
    const iro = await createAccount(database, admin.id, { name: 'Ivy Reviewer', email: 'ivy@e2e.example', role: 'iro', team: null, fte: 1, password: PASSWORD });
    iroId = iro.id;
    await createAccount(database, admin.id, { name: 'Mo Manager', email: 'mo@e2e.example', role: 'iro_manager', team: null, fte: 1, password: PASSWORD });
    // Two children on Ivy's caseload, each had a first review in time; the second is due 5 May 2024.
    await saveChildRecords(
      database,
      ['Amara', 'Bilal'].map((name, i) =>
        buildChildRecord({
          child: { id: `E2E-${i + 1}`, givenName: name, familyName: 'Testchild', dateOfBirth: '2012-03-01' },
          episodes: [buildEpisode({ start: '2024-01-08' })],
          allocations: [{ childId: `E2E-${i + 1}`, iroId: iro.id, from: '2024-01-09', to: null, reason: 'Became looked after' }],
          reviews: [buildReview({ childId: `E2E-${i + 1}`, status: 'held', heldDate: '2024-02-05', dueDate: '2024-02-05', participationCode: 'PN1', chairId: iro.id })],
        }),
      ),
    );
    server = await startServer(database, TODAY);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.app.close();
    await database?.destroy();
  });

  for (const [javaScript, childId, givenName] of [
    [true, 'E2E-1', 'Amara'],
    [false, 'E2E-2', 'Bilal'],
  ] as const) {
    it(`an IRO books and records a review and sees it on the caseload (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const context = await newContext(browser, { javaScript });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await signIn(page, server.baseUrl, 'ivy@e2e.example', PASSWORD);
      expect(page.url()).toBe(`${server.baseUrl}/caseload`);
      await expectAccessible(page);
      expect(await page.locator('main').innerText()).toContain(`${givenName} Testchild`);

      // Find the child.
      await page.getByRole('link', { name: 'Children', exact: true }).click();
      await page.getByLabel('Search by name or identifier').fill(givenName);
      await page.getByRole('button', { name: 'Search' }).click();
      await expectAccessible(page);
      await page.getByRole('link', { name: `${givenName} Testchild` }).click();
      expect(page.url()).toBe(`${server.baseUrl}/children/${childId}`);
      await expectAccessible(page);

      // Book the review before its due date (5 May 2024).
      await page.getByRole('link', { name: 'Book a review' }).click();
      await expectAccessible(page);
      expect(await page.locator('main').innerText()).toContain('5 May 2024');
      await fillDate(page, 'bookedDate', '2024-04-29');
      await page.getByLabel('In person', { exact: true }).check();
      await page.getByRole('button', { name: 'Book review' }).click();
      expect(page.url()).toMatch(/\/reviews\/\d+/);
      await expectAccessible(page);

      // Record it as held: an empty form first shows the problems, then the review is recorded.
      await page.getByRole('link', { name: 'Record the review as held' }).click();
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Save the review as held' }).click();
      expect(await page.locator('.govuk-error-summary').innerText()).toContain('There is a problem');
      await expectAccessible(page);
      await fillDate(page, 'heldDate', TODAY);
      await page.locator('input[name="participationCode"][value="PN1"]').check();
      await page.locator('input[name="attendance"]').first().check();
      await page.getByLabel('In person', { exact: true }).check();
      await page.locator('#actions-1-description').fill('Arrange a visit with her brother');
      await page.locator('#actions-1-owner').fill('Social worker');
      await fillDate(page, 'actions-1-deadline', '2024-05-31');
      await page.getByRole('button', { name: 'Save the review as held' }).click();
      expect(page.url()).toMatch(/\/reviews\/\d+/);
      const review = await page.locator('main').innerText();
      expect(review).toContain('Arrange a visit with her brother');
      await expectAccessible(page);

      // The caseload now counts the next review from the one just held: 15 April + 6 months.
      await page.goto(`${server.baseUrl}/caseload`);
      const row = page.locator('tr', { hasText: `${givenName} Testchild` });
      expect(await row.innerText()).toContain('15 October 2024');
      await context.close();
    });

    it(`a manager adds a child, allocates an IRO and sees the dashboard change (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const context = await newContext(browser, { javaScript });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await signIn(page, server.baseUrl, 'mo@e2e.example', PASSWORD);
      expect(page.url()).toBe(`${server.baseUrl}/dashboard`);
      await expectAccessible(page);
      const before = await dashboardUnallocated(page, server.baseUrl);

      const newId = javaScript ? 'NEWJS1' : 'NEWNOJS1';
      await page.goto(`${server.baseUrl}/children/new`);
      await expectAccessible(page);
      await page.locator('#childId').fill(newId);
      await page.locator('#givenName').fill('Chidi');
      await page.locator('#familyName').fill('Newcomer');
      await fillDate(page, 'dateOfBirth', '2015-07-20');
      await page.locator('input[name="sex"]').first().check();
      await page.locator('#ethnicity').selectOption({ index: 1 });
      await page.locator('input[name="uasc"][value="no"]').check();
      await fillDate(page, 'careStart', '2024-04-10');
      await page.locator('#legalStatus').selectOption('C1');
      await page.locator('#categoryOfNeed').selectOption('N1');
      await page.locator('#placementType').selectOption('U6');
      await fillDate(page, 'notifiedDate', '2024-04-11');
      await page.getByRole('button', { name: 'Add child' }).click();
      const problems = page.url().endsWith('/children/new') ? await page.locator('.govuk-error-summary').innerText() : '';
      expect(problems).toBe('');
      expect(page.url().split('?')[0]).toBe(`${server.baseUrl}/children/${newId}`);
      await expectAccessible(page);

      expect(await dashboardUnallocated(page, server.baseUrl)).toBe(before + 1);

      await page.goto(`${server.baseUrl}/children/${newId}/allocate`);
      await expectAccessible(page);
      await page.locator('#iroId').selectOption(String(iroId));
      await page.getByRole('button', { name: 'Allocate IRO' }).click();
      expect(page.url().split('?')[0]).toBe(`${server.baseUrl}/children/${newId}`);
      expect(await page.locator('main').innerText()).toContain('Ivy Reviewer');

      expect(await dashboardUnallocated(page, server.baseUrl)).toBe(before);
      await expectAccessible(page);
      await context.close();
    });
  }

  it('the other pages of the register and the review pass axe too', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, server.baseUrl, 'mo@e2e.example', PASSWORD);
    for (const path of ['/children/E2E-1/notes/new', '/children/E2E-1/audit', '/caseload?iro=' + iroId, '/children', '/account/password', '/imports']) {
      await page.goto(`${server.baseUrl}${path}`);
      expect(page.url(), path).toContain(path.split('?')[0]);
      await expectAccessible(page);
    }
    // A booked review's rearrange and cancel pages.
    await page.goto(`${server.baseUrl}/children/E2E-1/reviews/new`);
    await fillDate(page, 'bookedDate', '2024-10-01');
    await page.getByLabel('Virtual (online or by phone)').check();
    await page.getByRole('button', { name: 'Book review' }).click();
    const reviewUrl = page.url().split('?')[0]!;
    for (const step of ['rearrange', 'cancel']) {
      await page.goto(`${reviewUrl}/${step}`);
      await expectAccessible(page);
      await page.locator('main form button[type="submit"]').first().click();
      // Submitted with nothing filled in: the page comes back with the problems.
      await page.locator('.govuk-error-summary').waitFor();
      await expectAccessible(page);
    }
    await context.close();
  });

  it('the audit trail has an entry for every view and change made above', async () => {
    const audit = await listAudit(database, { limit: 10_000 });
    for (const childId of ['E2E-1', 'E2E-2']) {
      const events = audit.filter((a) => a.childId === childId);
      expect(events.some((a) => a.action === 'view' && a.entity === 'child'), `${childId} record viewed`).toBe(true);
      expect(events.some((a) => a.action === 'view' && a.entity === 'review'), `${childId} review viewed`).toBe(true);
      expect(events.filter((a) => a.action === 'create' && a.entity === 'review').length, `${childId} review booked`).toBeGreaterThanOrEqual(1);
      expect(events.some((a) => a.action === 'update' && a.entity === 'review'), `${childId} review recorded`).toBe(true);
    }
    for (const childId of ['NEWJS1', 'NEWNOJS1']) {
      const events = audit.filter((a) => a.childId === childId);
      expect(events.some((a) => a.action === 'create' && a.entity === 'child'), `${childId} added`).toBe(true);
      expect(events.some((a) => a.entity === 'allocation'), `${childId} allocated`).toBe(true);
      expect(events.some((a) => a.action === 'view' && a.entity === 'child'), `${childId} record viewed`).toBe(true);
    }
    expect(audit.filter((a) => a.action === 'sign_in').length).toBeGreaterThanOrEqual(4);
  });
});
