// For any register, the report's timeliness figures are the review clock's: reviews held in the period and
// those in time match reviewSchedule() run on each child's whole record, reviews held outside care are
// listed rather than counted, and the tables that share a total agree with each other.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.ts';
import type { ChildRecord, Episode } from '../../src/domain/register.ts';
import { reviewSchedule } from '../../src/domain/review-clock.ts';
import { buildReportModel } from '../../src/reports/model.ts';
import { clockAt, readChildren, runClockAt } from '../../src/reports/model/facts.ts';
import { childRecord, episode, handBuiltInput, held } from './builders.ts';
import { findTable, value } from './lookup.ts';

const BASE = '2018-01-01';

const episodesArb = fc
  .record({
    start: fc.integer({ min: 0, max: 2000 }),
    parts: fc.array(
      fc.record({
        length: fc.integer({ min: 1, max: 700 }),
        gap: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 400 })),
        legalStatus: fc.constantFrom('C2', 'C1', 'V2', 'E1', 'V3'),
        placementType: fc.constantFrom('U4', 'U6', 'K2', 'A4', 'U1'),
        // S with no gap: a new period of care beginning the day the last one ended.
        rne: fc.constantFrom('P', 'L', 'T', 'S'),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    open: fc.boolean(),
  })
  .map(({ start, parts, open }) => {
    const episodes: Episode[] = [];
    let day = start;
    parts.forEach((p, i) => {
      day += p.gap;
      const begins = addDays(BASE, day);
      const last = i === parts.length - 1;
      const ends = last && open ? null : addDays(BASE, day + p.length);
      const next = parts[i + 1];
      episodes.push(
        episode(begins, {
          reasonNewEpisode: i === 0 || p.gap > 0 ? 'S' : p.rne,
          legalStatus: p.legalStatus,
          placementType: p.placementType,
          end: ends,
          reasonCeased: ends === null ? null : next && next.gap === 0 ? 'X1' : 'E4A',
        }),
      );
      day += p.length;
    });
    return episodes;
  });

const childArb = (id: string) =>
  fc
    .record({
      episodes: episodesArb,
      reviews: fc.array(fc.record({ day: fc.integer({ min: 0, max: 2600 }), code: fc.constantFrom('PN0', 'PN1', 'PN6', 'PN7', null) }), { maxLength: 10 }),
      born: fc.integer({ min: -6000, max: 1500 }),
    })
    .map(
      ({ episodes, reviews, born }): ChildRecord =>
        childRecord(
          id,
          { dateOfBirth: addDays(BASE, born) },
          episodes,
          reviews.map((r) => held(id, addDays(BASE, r.day), r.code as 'PN1' | null)),
        ),
    );

const registerArb = fc.integer({ min: 1, max: 8 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => childArb(`K${i}`))));

describe('timeliness agrees with the review clock', () => {
  it('for any register and any year', () => {
    fc.assert(
      fc.property(registerArb, fc.integer({ min: 2018, max: 2024 }), (children, year) => {
        const period = { from: `${year}-04-01`, to: `${year + 1}-03-31` };
        const CURRENT = `period:${period.from}`;
        const model = buildReportModel(handBuiltInput({ children, period, comparisonPeriods: 0, notifications: [], midpointChecks: [], reviewWorkflow: [] }));
        let heldCount = 0;
        let inTime = 0;
        let outside = 0;
        for (const c of children) {
          const dates = c.reviews.map((r) => r.heldDate!);
          const schedule = reviewSchedule(c.episodes, dates, '2035-01-01');
          for (const r of schedule.reviews) {
            if (r.heldDate === null || r.heldDate < period.from || r.heldDate > period.to) continue;
            heldCount += 1;
            if (r.inTime) inTime += 1;
          }
          outside += schedule.outsideCare.filter((o) => o.heldDate >= period.from && o.heldDate <= period.to).length;
        }
        const g = findTable(model, 'timeliness.reviews');
        expect(value(g, 'held', CURRENT)).toBe(heldCount);
        expect(value(g, 'in_time', CURRENT)).toBe(inTime);
        expect(value(findTable(model, 'participation.codes'), 'total', 'count')).toBe(heldCount);
        const lateHeld = findTable(model, 'timeliness.late-reviews').rows.filter((r) => r.cells[4]?.type === 'text' && r.cells[4].text === 'Held late');
        expect(lateHeld).toHaveLength(heldCount - inTime);
        const quality = findTable(model, 'data-quality.summary');
        const listed = quality.rows.find((r) => r.key === 'review_outside_care');
        expect(listed ? value(quality, 'review_outside_care', 'records') : 0).toBe(outside);
        // Every breakdown of the children looked after adds up to the same total.
        const total = value(findTable(model, 'population.age-band'), 'total', CURRENT);
        for (const id of ['population.sex', 'population.legal-status', 'population.placement', 'population.uasc']) {
          expect(value(findTable(model, id), 'total', CURRENT)).toBe(total);
        }
      }),
      { numRuns: 150, seed: 20240331 },
    );
  });
});

describe('the clock as of a day, read off the whole record', () => {
  // Most children have neither short breaks nor a placement for adoption, so the weights favour plain records;
  // the others are run as of the day and must agree all the same.
  const plainChild = (id: string) =>
    childArb(id).map((c) => ({ ...c, episodes: c.episodes.map((e) => ({ ...e, legalStatus: e.legalStatus === 'V3' ? 'C2' : e.legalStatus, placementType: e.placementType === 'A4' ? 'U4' : e.placementType })) }));
  const anyChild = fc.oneof({ arbitrary: plainChild('P'), weight: 3 }, { arbitrary: childArb('Q'), weight: 1 });

  it('is the clock run on the record as it stood that day, for any record and any day', () => {
    fc.assert(
      fc.property(anyChild, fc.integer({ min: -30, max: 3000 }), (record, offset) => {
        const asOf = addDays(BASE, offset);
        const { children } = readChildren([record]);
        const facts = children[0]!;
        const read = clockAt(facts, asOf).schedule;
        const run = runClockAt(facts, asOf).schedule;
        expect(read.reviews).toEqual(run.reviews);
        expect(read.next).toEqual(run.next);
        expect(read.unfinished).toEqual(run.unfinished);
        expect(read.runs.map((r) => [r.kind, r.start, r.end])).toEqual(run.runs.map((r) => [r.kind, r.start, r.end]));
      }),
      { numRuns: 3000, seed: 20261202 },
    );
  });
});
