// Signing in and managing accounts in a real browser, with JavaScript on and off, each page checked by axe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database.ts';
import { addStaff } from '../src/db/staff.ts';
import { createAccount } from '../src/app/accounts.ts';
import { listAudit } from '../src/db/audit.ts';
import { expectAccessible, launchBrowser, newContext, signIn, startServer, type RunningServer } from './support/browser.ts';

describe('accounts in the browser', () => {
  let database: TestDatabase;
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    const seed = await addStaff(database, { name: 'Seed Admin', email: 'seed@test.example', role: 'administrator', team: null, fte: 1, active: true });
    await createAccount(database, seed.id, { name: 'Alex Admin', email: 'alex@test.example', role: 'administrator', team: null, fte: 1, password: 'admin password 1' });
    server = await startServer(database);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.app.close();
    await database?.destroy();
  });

  for (const javaScript of [true, false]) {
    it(`signs in, adds an account and signs out (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const context = await newContext(browser, { javaScript });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(`${server.baseUrl}/sign-in`);
      await expectAccessible(page);
      // A wrong password shows the error summary, linked to the field.
      await page.getByLabel('Email address').fill('alex@test.example');
      await page.getByLabel('Password', { exact: true }).fill('not the password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.locator('.govuk-error-summary')).toBeTruthy();
      expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter a correct email address and password');
      await expectAccessible(page);

      await signIn(page, server.baseUrl, 'alex@test.example', 'admin password 1');
      expect(page.url()).toBe(`${server.baseUrl}/admin/accounts`);
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Add an account' }).click();
      await expectAccessible(page);
      // Submitting empty shows every problem.
      await page.getByRole('button', { name: 'Add account' }).click();
      const summary = await page.locator('.govuk-error-summary').innerText();
      expect(summary).toContain('Enter the name');
      expect(summary).toContain('Select a role');
      await expectAccessible(page);
      const email = `ivy.${javaScript ? 'js' : 'nojs'}@test.example`;
      await page.getByLabel('Full name').fill('Ivy Iro');
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('Role').selectOption('iro');
      await page.getByLabel('Full-time equivalent').fill('0.8');
      await page.getByLabel('First password', { exact: true }).fill('a first password');
      await page.getByRole('button', { name: 'Add account' }).click();
      expect(page.url()).toBe(`${server.baseUrl}/admin/accounts`);
      expect(await page.locator('table').innerText()).toContain(email);

      await page.goto(`${server.baseUrl}/account/password`);
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Sign out' }).click();
      expect(page.url()).toBe(`${server.baseUrl}/sign-in`);
      await context.close();
    });
  }

  it('wrote the audit trail for the changes', async () => {
    const audit = await listAudit(database, {});
    expect(audit.filter((a) => a.entity === 'account' && a.action === 'create')).toHaveLength(3);
    expect(audit.some((a) => a.action === 'sign_in')).toBe(true);
    expect(audit.some((a) => a.action === 'sign_out')).toBe(true);
  });
});
