// The demo's own records of its last two years: seeded, dated inside those two years and never after the
// as-of date, in order after the review they follow, and at the rates the module says.

import { describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../src/domain/calendar.ts';
import { addMonths } from '../../src/domain/dates.ts';
import { defaultSettings } from '../../src/domain/settings.ts';
import { oversightFrom, planDemoOversight, type DemoHeldReview } from '../../src/demo/oversight.ts';

const AS_OF = '2025-03-31';
const settings = defaultSettings();

// 400 children, each reviewed every six months from April 2022, chaired by one of five IROs.
const reviews: DemoHeldReview[] = [];
for (let c = 0; c < 400; c += 1) {
  for (let i = 0; i < 6; i += 1) {
    reviews.push({ reviewId: c * 10 + i, childId: `C${c}`, heldDate: addMonths(`2022-04-${String(1 + (c % 28)).padStart(2, '0')}`, 6 * i), chairId: 1 + (c % 5) });
  }
}
const starts = Array.from({ length: 400 }, (_, c) => ({ childId: `C${c}`, start: addMonths('2022-06-01', c % 30) }));
const plan = planDemoOversight(reviews, starts, { seed: 9, asOf: AS_OF, settings });
const since = oversightFrom(AS_OF);

describe('the demo service’s own records', () => {
  it('are the same for the same reviews and seed, and differ for another seed', () => {
    expect(planDemoOversight(reviews, starts, { seed: 9, asOf: AS_OF, settings })).toEqual(plan);
    expect(planDemoOversight(reviews, starts, { seed: 10, asOf: AS_OF, settings })).not.toEqual(plan);
  });

  it('cover the two years to the as-of date and nothing after it', () => {
    expect(since).toBe('2023-04-01');
    // From the start of a financial year, so no year of a report has its records in part.
    expect(oversightFrom('2026-12-03')).toBe('2024-04-01');
    expect(oversightFrom('2026-03-30')).toBe('2023-04-01');
    const held = new Map(reviews.map((r) => [r.reviewId, r.heldDate]));
    for (const w of plan.workflow) {
      const date = held.get(w.reviewId)!;
      expect(date >= since && date <= AS_OF).toBe(true);
      for (const d of [w.decisionsIssuedDate, w.recordDistributedDate]) if (d !== null) expect(d > date && d <= AS_OF).toBe(true);
    }
    for (const a of plan.actions) {
      expect(a.dueDate > held.get(a.reviewId)!).toBe(true);
      if (a.completedDate !== null) expect(a.completedDate > held.get(a.reviewId)! && a.completedDate <= AS_OF).toBe(true);
    }
    for (const n of plan.notifications) expect(n.notifiedDate >= since && n.notifiedDate <= AS_OF).toBe(true);
  });

  it('date each mid-point check between the review it follows and the next, by the IRO who chaired it', () => {
    const byChild = new Map<string, DemoHeldReview[]>();
    for (const r of reviews) byChild.set(r.childId, [...(byChild.get(r.childId) ?? []), r]);
    expect(plan.midpointChecks.length).toBeGreaterThan(0);
    for (const check of plan.midpointChecks) {
      expect(check.date >= since && check.date <= AS_OF).toBe(true);
      const held = byChild.get(check.childId)!;
      const before = held.filter((r) => r.heldDate < check.date).at(-1)!;
      const after = held.find((r) => r.heldDate > check.date);
      expect(before.chairId).toBe(check.authorId);
      if (after) expect(check.date < after.heldDate).toBe(true);
    }
  });

  it('have most decisions and records in time, some late, and about three in four intervals checked', () => {
    const held = new Map(reviews.map((r) => [r.reviewId, r.heldDate]));
    const issued = plan.workflow.filter((w) => w.decisionsIssuedDate !== null);
    const inTime = issued.filter((w) => w.decisionsIssuedDate! <= addWorkingDays(held.get(w.reviewId)!, settings.decisionsIssueWorkingDays));
    expect(inTime.length / issued.length).toBeGreaterThan(0.78);
    expect(inTime.length / issued.length).toBeLessThan(0.92);
    // Two years of six-monthly intervals: about four a child.
    expect(plan.midpointChecks.length / (400 * 4)).toBeGreaterThan(0.6);
    expect(plan.midpointChecks.length / (400 * 4)).toBeLessThan(0.85);
  });
});
