// Browser tests drive Debian's chromium through playwright-core (no browser download), against a real
// server on a free port with its own database, and check each page with axe.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { buildServer } from '../../src/web/server.ts';
import type { Database } from '../../src/db/database.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Without these, chromium tries to reach Google's services, which a closed network refuses.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

export interface RunningServer {
  app: FastifyInstance;
  baseUrl: string;
}

export async function startServer(database: Database, today = '2024-06-03'): Promise<RunningServer> {
  const app = await buildServer({ database, today: () => today, signInRateLimit: 1000 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  return { app, baseUrl: `http://127.0.0.1:${address.port}` };
}

const withoutJavaScript = new WeakSet<BrowserContext>();

export async function newContext(browser: Browser, options: { javaScript?: boolean; phone?: boolean } = {}): Promise<BrowserContext> {
  const viewport = options.phone ? { width: 360, height: 740 } : { width: 1280, height: 900 };
  const context = await browser.newContext({ javaScriptEnabled: options.javaScript ?? true, viewport });
  if (options.javaScript === false) withoutJavaScript.add(context);
  return context;
}

export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('domcontentloaded');
}

/** Fails on any serious or critical accessibility problem (WCAG 2.2 A and AA rules). */
export async function expectAccessible(page: Page): Promise<void> {
  let target = page;
  let scratch: BrowserContext | undefined;
  if (withoutJavaScript.has(page.context())) {
    // axe runs as a script, so a page without JavaScript is checked as a copy of its HTML in a scripted page.
    const browser = page.context().browser()!;
    scratch = await browser.newContext({ viewportSize: page.viewportSize() ?? undefined } as Parameters<Browser['newContext']>[0]);
    target = await scratch.newPage();
    const html = await page.content();
    const url = page.url();
    await target.route(url, (route) => route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }));
    await target.goto(url, { waitUntil: 'load' });
  }
  const results = await new AxeBuilder({ page: target }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  await scratch?.close();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id} (${v.impact}) on ${page.url()}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`),
  ).toEqual([]);
}
