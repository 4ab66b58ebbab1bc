// Reports in a real browser, with JavaScript on and off, on a desktop screen and a phone: a manager opens
// Reports, starts a report for a period (the second time, asked whether to start another), reads its figures,
// opens the question before deleting it, writes the narrative, generates a snapshot and downloads it; and
// follows a figure to the children behind it and on to a child's record. Every page is checked with axe.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database.ts';
import { addStaff } from '../src/db/staff.ts';
import { createAccount } from '../src/app/accounts.ts';
import { seedReportRegister, FAMILY_NAME, TODAY } from '../test/app/report-support.ts';
import { expectAccessible, launchBrowser, newContext, signIn, startServer, type RunningServer } from './support/browser.ts';

const PASSWORD = 'a long test password';

async function fillDate(page: Page, id: string, iso: string): Promise<void> {
  await page.locator(`#${id}-day`).fill(String(Number(iso.slice(8, 10))));
  await page.locator(`#${id}-month`).fill(String(Number(iso.slice(5, 7))));
  await page.locator(`#${id}-year`).fill(iso.slice(0, 4));
}

describe('reports in a browser', () => {
  let database: TestDatabase;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    await seedReportRegister(database);
    const admin = await addStaff(database, { name: 'Seed Admin', email: 'seed@e2e.example', role: 'administrator', team: null, fte: 1, active: true });
    await createAccount(database, admin.id, { name: 'Morgan Manager', email: 'morgan@e2e.example', role: 'iro_manager', team: null, fte: 1, password: PASSWORD });
    server = await startServer(database, TODAY);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.app.close();
    await database?.destroy();
  });

  for (const [javaScript, phone] of [
    [true, false],
    [false, true],
  ] as const) {
    it(`takes a report from a period to a downloaded snapshot (JavaScript ${javaScript ? 'on' : 'off'}, ${phone ? 'phone' : 'desktop'})`, async () => {
      const context = await newContext(browser, { javaScript, phone });
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      // The browser reports anything the content security policy blocks (a chart's inline style, say) here.
      const blocked: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) blocked.push(message.text());
      });
      await signIn(page, server.baseUrl, 'morgan@e2e.example', PASSWORD);
      if (phone) await page.getByRole('button', { name: 'Menu' }).click({ timeout: 2000 }).catch(() => undefined);
      await page.getByRole('link', { name: 'Reports', exact: true }).click();
      expect(page.url()).toBe(`${server.baseUrl}/reports`);
      await expectAccessible(page);

      // Dates of its own: the first half of the financial year 2023-24.
      await fillDate(page, 'from', '2023-04-01');
      await fillDate(page, 'to', '2023-09-30');
      await page.getByRole('button', { name: 'Start report for these dates' }).click();
      if (!javaScript) {
        // The first run started a report for these dates: the choice is asked again rather than copied.
        await expect(page.locator('h1').innerText()).resolves.toBe('A report for this period has already been started');
        await expectAccessible(page);
        await page.getByRole('button', { name: 'Start another report for this period' }).click();
      }
      expect(page.url()).toMatch(/\/reports\/\d+$/);
      await expect(page.locator('h1').innerText()).resolves.toBe('Six-monthly report Apr–Sep 2023');
      // The heading arrives before the rest of a long page: wait for the table rather than look once.
      await page.locator('#table-timeliness\\.reviews').waitFor({ state: 'visible' });
      expect(await page.content()).not.toContain(FAMILY_NAME);
      await expectAccessible(page);
      // The charts' lettering shows as drawn: nothing in the page was refused by its security policy.
      await expect(page.locator('svg[role="img"] text').count()).resolves.toBeGreaterThan(0);
      expect(blocked).toEqual([]);

      // A report started by mistake can be deleted, after a question; cancelled here.
      await page.getByRole('link', { name: /^Delete this report/ }).click();
      await expect(page.locator('h1').innerText()).resolves.toBe('Are you sure you want to delete Six-monthly report Apr–Sep 2023?');
      await expectAccessible(page);
      await page.getByRole('link', { name: 'Cancel' }).click();
      await page.locator('#table-timeliness\\.reviews').waitFor({ state: 'visible' });

      await page.getByRole('button', { name: 'Edit the narrative' }).click();
      await expectAccessible(page);
      await page.getByLabel('Who the report is for (optional)').fill('Corporate Parenting Panel');
      await page.getByLabel('Executive summary (optional)').fill('Nearly every review was held on time.');
      await page.getByLabel('Timeliness of reviews (optional)').fill('Court timetables moved three reviews.');
      const row = page.getByRole('group', { name: 'Action plan row 1' });
      await row.getByLabel('Priority').fill('Participation');
      await row.getByLabel('Area for development').fill('Consultation forms on a phone');
      await page.getByRole('button', { name: 'Save narrative' }).click();
      // A row filled in part is named, and nothing is lost.
      const summary = page.locator('.govuk-error-summary');
      await expect(summary.innerText()).resolves.toContain('Enter the outcome for children for row 1 of the action plan');
      await expectAccessible(page);
      await row.getByLabel('Outcome for children').fill('Children’s views heard at every review');
      await row.getByLabel('Lead').fill('Service Manager');
      await row.getByLabel('Timescale').fill('March 2024');
      await page.getByRole('button', { name: 'Save narrative' }).click();
      await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('The narrative has been saved');
      await expect(page.locator('#executive-summary').innerText()).resolves.toContain('Nearly every review was held on time.');
      await expect(page.locator('#action-plan').innerText()).resolves.toContain('Consultation forms on a phone');
      await expect(page.locator('#section-timeliness').innerText()).resolves.toContain('Court timetables moved three reviews.');

      await page.getByLabel('Label (optional)').fill('Presented to Corporate Parenting Panel');
      await page.getByRole('button', { name: 'Generate a snapshot' }).click();
      await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('A snapshot has been generated');
      await expectAccessible(page);
      // Without JavaScript every table's box is a Tab stop; with it, only those whose table is wider than the box
      // (worked out again as the page settles, so read once it has).
      const boxes = async () =>
        JSON.parse(
          (await page.evaluate(
            "JSON.stringify([...document.querySelectorAll('.app-table-wrapper')].map((b) => [b.hasAttribute('tabindex'), b.scrollWidth > b.clientWidth]))",
          )) as string,
        ) as [boolean, boolean][];
      expect((await boxes()).length).toBeGreaterThan(10);
      if (javaScript) {
        await vi.waitFor(async () => expect((await boxes()).every(([stop, wide]) => stop === wide)).toBe(true), { timeout: 5000 });
        expect((await boxes()).some(([stop]) => !stop)).toBe(true);
      } else expect((await boxes()).every(([stop]) => stop)).toBe(true);
      // Every table scrolls in its own box on a narrow screen, the snapshots' too: the page never does (WCAG 1.4.10).
      await page.setViewportSize({ width: 320, height: 740 });
      await expect(page.evaluate('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(320);
      await page.setViewportSize(phone ? { width: 360, height: 740 } : { width: 1280, height: 900 });
      const snapshots = page.locator('table', { hasText: 'Presented to Corporate Parenting Panel' });
      const [download] = await Promise.all([page.waitForEvent('download'), snapshots.getByRole('link', { name: /^Word document \(DOCX\)/ }).first().click()]);
      expect(download.suggestedFilename()).toMatch(/^iro-report-999-Apr-Sep-2023-snapshot-\d+\.docx$/);
      const saved = await download.path();
      expect(fs.readFileSync(saved).subarray(0, 2).toString('latin1')).toBe('PK');
      await context.close();
      // A whole journey with eight accessibility checks, some of a page with hundreds of figure links: longer than a
      // test's usual minute when the machine is busy with the other test files.
    }, 150_000);
  }

  it('follows a figure of the report to the children behind it and on to a child’s record (JavaScript off)', async () => {
    const context = await newContext(browser, { javaScript: false });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, server.baseUrl, 'morgan@e2e.example', PASSWORD);
    await page.getByRole('link', { name: 'Reports', exact: true }).click();
    await page.getByLabel('Last financial year: 2023-24').check();
    await page.getByRole('button', { name: 'Start report', exact: true }).click();
    await page.locator('#table-population\\.uasc').waitFor({ state: 'visible' });
    // Every eleventh of the register's thirty shared children is an unaccompanied asylum-seeking child, and all
    // are still looked after at the end of March 2024 (test/app/report-support.ts).
    // The hidden words are a box of their own, so the browser puts a space before their comma.
    const figure = page.getByRole('link', { name: /^3 ?, the list behind this figure: Unaccompanied asylum-seeking children, 2023-24$/ });
    await figure.click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Children behind the figure');
    await expect(page.locator('.govuk-summary-list').innerText()).resolves.toContain('Unaccompanied asylum-seeking children (UASC) looked after at the end of the period');
    const rows = page.getByRole('table', { name: 'Children behind the figure' }).locator('tbody tr');
    await expect(rows.allInnerTexts()).resolves.toEqual(['C00001', 'C00012', 'C00023']);
    expect(await page.content()).not.toContain(FAMILY_NAME);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'C00012', exact: true }).click();
    expect(page.url()).toBe(`${server.baseUrl}/children/C00012`);
    await page.goBack();
    await page.getByRole('link', { name: 'Back to the report' }).click();
    // Back at the count followed: the next Tab goes on from it.
    expect(page.url()).toMatch(/\/reports\/\d+#figure-[\w-]+$/);
    const followed = decodeURIComponent(new URL(page.url()).hash.slice(1));
    await expect(page.locator(`[id="${followed}"]`).getAttribute('href')).resolves.toMatch(/\/figures\/population\.uasc\/uasc\/period%3A2023-04-01$/);
    await context.close();
  });
});
