// The HTML report opened in a real browser and checked with axe against WCAG 2.2 A and AA: no serious or
// critical problems. Runs where Debian's chromium is installed (CHROMIUM_PATH to use another).

import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildReportModel } from '../../src/reports/model.ts';
import { renderHtml } from '../../src/reports/render/html.ts';
import { handBuiltInput } from './builders.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe.skipIf(!existsSync(CHROMIUM))('the HTML report in a browser', () => {
  it('has no serious accessibility problems', async () => {
    const html = renderHtml(
      buildReportModel(
        handBuiltInput({
          narrative: {
            executiveSummary: 'Reviews were timely.',
            actionPlan: [{ priority: 'Timeliness', areaForDevelopment: 'More reviews in time', outcomeForChildren: 'Plans reviewed when due', lead: 'Service Manager', timescale: 'September 2024' }],
          },
        }),
      ),
    );
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage'],
    });
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
      // Every chart is announced as an image with a name.
      const names = await page.locator('svg[role="img"]').evaluateAll((svgs) => svgs.map((s) => s.getAttribute('aria-labelledby')));
      expect(names.length).toBeGreaterThan(0);
      expect(names.every((n) => n !== null && n.length > 0)).toBe(true);
    } finally {
      await browser.close();
    }
  });
});
