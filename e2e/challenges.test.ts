// Dispute resolution in a real browser, each page checked by axe: an IRO raises an informal challenge from
// the child's record, escalates it to stage 1, the team manager responds, the IRO resolves it; a themed
// challenge across three children appears on each child's record; the raise form also works with
// JavaScript off; the register, the protocol and compliments pages pass too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hashPassword } from '../src/app/passwords.ts';
import { findChallenge } from '../src/db/challenges.ts';
import { setPasswordHash } from '../src/db/accounts.ts';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database.ts';
import { buildAuthority, TODAY, type Authority } from '../test/app/challenges-support.ts';
import { expectAccessible, launchBrowser, newContext, signIn, startServer, type RunningServer } from './support/browser.ts';

const PASSWORD = 'a long demo password';

describe('dispute resolution in the browser', () => {
  let database: TestDatabase;
  let server: RunningServer;
  let browser: Browser;
  let people: Authority;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    const hash = await hashPassword(PASSWORD);
    people = await buildAuthority(database, (_person, staffId) => setPasswordHash(database, staffId, hash));
    server = await startServer(database, TODAY);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.app.close();
    await database?.destroy();
  });

  async function pageFor(who: keyof Authority, javaScript = true): Promise<Page> {
    const context = await newContext(browser, { javaScript });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, server.baseUrl, people[who].email, PASSWORD);
    return page;
  }

  async function raiseFromRecord(page: Page, child: string): Promise<void> {
    await page.goto(`${server.baseUrl}/children/${child}`);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Raise a challenge' }).first().click();
    await expectAccessible(page);
  }

  for (const javaScript of [true, false]) {
    it(`shows the raise form’s problems and keeps what was typed (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const page = await pageFor('ivy', javaScript);
      await raiseFromRecord(page, 'A2');
      await page.getByLabel('What is wrong').fill('Statutory visit missed');
      await page.getByRole('button', { name: 'Raise challenge' }).click();
      const summary = await page.locator('.govuk-error-summary').innerText();
      expect(summary).toContain('Select at least one theme');
      expect(summary).toContain('Enter what you are asking for');
      expect(await page.getByLabel('What is wrong').inputValue()).toBe('Statutory visit missed');
      await expectAccessible(page);
      await page.getByLabel('Statutory visits out of timescale').check();
      await page.getByLabel('What you are asking for').fill('Visit this week');
      await page.getByLabel('Addressed to').selectOption({ label: 'Tess Teams (Social work team manager, North)' });
      await page.getByRole('button', { name: 'Raise challenge' }).click();
      expect(await page.locator('.govuk-notification-banner').innerText()).toContain('The challenge has been raised');
      await expectAccessible(page);
      await page.context().close();
    });
  }

  it('raises an informal challenge, escalates it to stage 1, the team manager responds and the IRO resolves it', async () => {
    const ivy = await pageFor('ivy');
    await raiseFromRecord(ivy, 'A1');
    await ivy.getByLabel('Informal challenge').check();
    await ivy.getByLabel('PEP out of timescale or not recorded').check();
    await ivy.getByLabel('What is wrong').fill('The PEP has not been held this term.');
    await ivy.getByLabel('What you are asking for').fill('Hold the PEP meeting before the review.');
    await ivy.getByLabel('Addressed to').selectOption({ label: 'Tess Teams (Social work team manager, North)' });
    await ivy.getByRole('button', { name: 'Raise challenge' }).click();
    const id = Number(/\/challenges\/(\d+)/.exec(ivy.url())?.[1]);
    // Raised Thursday 2 May 2024; the Monday after is a bank holiday.
    expect(await ivy.locator('.govuk-summary-list').innerText()).toContain('10 May 2024');
    await expectAccessible(ivy);

    await ivy.getByRole('link', { name: 'Escalate the challenge' }).click();
    await expectAccessible(ivy);
    await ivy.getByLabel('Escalate to').selectOption({ label: 'Stage 1: Team manager, 5 working days' });
    await ivy.getByLabel('Addressed to').selectOption({ label: 'Tess Teams (Social work team manager, North)' });
    await ivy.getByLabel('Why are you escalating it?').fill('The social worker has not replied.');
    await ivy.getByRole('button', { name: 'Escalate challenge' }).click();
    expect(await ivy.locator('.govuk-notification-banner').innerText()).toContain('escalated');
    await ivy.context().close();

    const tess = await pageFor('tess');
    await tess.getByRole('link', { name: 'Challenges', exact: true }).click();
    expect(tess.url()).toBe(`${server.baseUrl}/challenges/addressed-to-me`);
    await expectAccessible(tess);
    await tess.getByRole('link', { name: `Respond to informal challenge ${id}` }).click();
    await expectAccessible(tess);
    await tess.getByLabel('Your response').fill('The PEP meeting is booked for 20 May.');
    await tess.getByRole('button', { name: 'Send response' }).click();
    expect(tess.url()).toContain('/challenges/addressed-to-me');
    expect(await tess.locator('.govuk-notification-banner').innerText()).toContain('Your response has been recorded');
    expect(await tess.getByRole('table', { name: 'Challenges sent to you before' }).innerText()).toContain(`Informal challenge ${id}`);
    await expectAccessible(tess);
    await tess.context().close();

    const back = await pageFor('ivy');
    await back.goto(`${server.baseUrl}/challenges/${id}`);
    await back.getByRole('link', { name: 'Resolve the challenge' }).click();
    await back.getByLabel('How was it resolved?').fill('Satisfied with the date.');
    await back.getByRole('button', { name: 'Resolve challenge' }).click();
    expect(await back.locator('.govuk-summary-list').innerText()).toContain('Resolved');
    await expectAccessible(back);
    await back.context().close();
    expect((await findChallenge(database, id))?.steps.map((s) => s.action)).toEqual(['raise', 'escalate', 'respond', 'resolve']);
  });

  it('shows a themed challenge across three children on each child’s record', async () => {
    const mo = await pageFor('mo');
    await mo.goto(`${server.baseUrl}/challenges/new`);
    await mo.getByLabel('Themed service challenge').check();
    await mo.getByLabel('Stage it starts at').selectOption({ label: 'Stage 2: Service manager, 5 working days' });
    await mo.getByLabel('Children’s identifiers').fill('A1, A2, A3');
    await mo.getByLabel('PEP out of timescale or not recorded').check();
    await mo.getByLabel('What is wrong').fill('PEP meetings are out of timescale across the team.');
    await mo.getByLabel('What you are asking for').fill('A plan to bring them up to date.');
    await mo.getByLabel('Addressed to').selectOption({ label: 'Hal Head (Head of service)' });
    await mo.getByRole('button', { name: 'Raise challenge' }).click();
    const id = Number(/\/challenges\/(\d+)/.exec(mo.url())?.[1]);
    for (const child of ['A1', 'A2', 'A3']) {
      await mo.goto(`${server.baseUrl}/children/${child}`);
      expect(await mo.locator('#challenges + ul + table').innerText()).toContain(`Themed service challenge ${id}`);
    }
    await expectAccessible(mo);
    await mo.goto(`${server.baseUrl}/challenges?type=themed`);
    expect(await mo.locator('table').innerText()).toContain(`Themed service challenge ${id}`);
    await expectAccessible(mo);
    await mo.goto(`${server.baseUrl}/compliments/new?child=A1`);
    await expectAccessible(mo);
    await mo.getByLabel('What was done well').fill('Kept the child at the same school.');
    await mo.getByRole('button', { name: 'Record compliment' }).click();
    expect(await mo.locator('main').innerText()).toContain('Kept the child at the same school.');
    await expectAccessible(mo);
    await mo.context().close();
  });

  it('lets the administrator keep the protocol', async () => {
    const ada = await pageFor('ada');
    await ada.getByRole('link', { name: 'Challenges', exact: true }).click();
    expect(ada.url()).toBe(`${server.baseUrl}/challenges/protocol`);
    await expectAccessible(ada);
    await ada.getByLabel('Working days to respond').nth(3).fill('9');
    await ada.getByRole('button', { name: 'Save the protocol' }).click();
    expect(await ada.locator('main').innerText()).toContain('no more than 20');
    await expectAccessible(ada);
    await ada.context().close();
  });
});
