// The report built for the demo authority (2,000 children, five years): it builds, its figures agree with
// the review clock run child by child, every count adds up, and each format renders.

import { describe, expect, it } from 'vitest';
import { reviewSchedule } from '../../src/domain/review-clock.ts';
import { generateDemoAuthority } from '../../src/demo/generate.ts';
import type { ReportStaffMember } from '../../src/reports/input.ts';
import { buildReportModel } from '../../src/reports/model.ts';
import { renderReport } from '../../src/reports/render.ts';
import { CURRENT, across, findTable, value } from './lookup.ts';

const demo = generateDemoAuthority({ children: 2000, years: 5, seed: 42, asOf: '2024-03-31' });
const staff = demo.staff.map((s, i) => ({ ...s, id: s.id ?? i + 1 })) as ReportStaffMember[];
// The demo holds every child whose care reaches into its five years, so its records are complete from 1 April 2019.
const model = buildReportModel({
  period: { from: '2023-04-01', to: '2024-03-31' },
  settings: demo.settings,
  staff,
  children: demo.children,
  recordsFrom: '2019-04-01',
});

describe('the demo authority’s report for 2023-24', () => {
  it('is the same counted a few children at a time or all at once, every list behind every count included', () => {
    const input = { period: { from: '2023-04-01', to: '2024-03-31' }, settings: demo.settings, staff, children: demo.children, recordsFrom: '2019-04-01' };
    const whole = JSON.stringify(buildReportModel(input, { childrenPerChunk: Infinity }));
    expect(JSON.stringify(buildReportModel(input, { childrenPerChunk: 97 }))).toBe(whole);
    expect(JSON.stringify(model)).toBe(JSON.stringify(buildReportModel(input, { childrenPerChunk: Infinity })));
  });

  it('builds with earlier years to compare', () => {
    expect(model.comparisonPeriods.map((p) => p.label)).toEqual(['2019-20', '2020-21', '2021-22', '2022-23']);
    expect(value(findTable(model, 'key-figures.summary'), 'looked_after', CURRENT)).toBeGreaterThan(1500);
  });

  it('agrees with the review clock run on each child', () => {
    let held = 0;
    let inTime = 0;
    for (const record of demo.children) {
      const dates = record.reviews.filter((r) => r.status === 'held' && r.heldDate !== null).map((r) => r.heldDate!);
      for (const r of reviewSchedule(record.episodes, dates, '2030-01-01').reviews) {
        if (r.heldDate === null || r.heldDate < '2023-04-01' || r.heldDate > '2024-03-31') continue;
        held += 1;
        if (r.inTime) inTime += 1;
      }
    }
    const g = findTable(model, 'timeliness.reviews');
    expect(value(g, 'held', CURRENT)).toBe(held);
    expect(value(g, 'in_time', CURRENT)).toBe(inTime);
  });

  it('has a placement stability near what councils report (Nottingham 2021-22: 71.6%), not one child in two', () => {
    const stability = findTable(model, 'leavers.stability');
    expect(value(stability, 'long_term', CURRENT)).toBeGreaterThan(400);
    expect(value(stability, 'share', CURRENT)).toBeGreaterThan(58);
    expect(value(stability, 'share', CURRENT)).toBeLessThan(78);
  });

  it('adds up: every breakdown of the population totals the same', () => {
    const total = across(findTable(model, 'population.age-band'), 'total');
    for (const id of ['population.sex', 'population.ethnicity', 'population.legal-status', 'population.placement', 'population.uasc']) {
      expect(across(findTable(model, id), 'total')).toEqual(total);
    }
    const h = findTable(model, 'participation.codes');
    expect(value(h, 'total', 'count')).toBe(value(findTable(model, 'timeliness.reviews'), 'held', CURRENT));
  });

  it('renders in every format', async () => {
    for (const format of ['html', 'docx', 'xlsx', 'json'] as const) {
      const out = await renderReport(model, format);
      expect(out.length).toBeGreaterThan(1000);
    }
  });
});
