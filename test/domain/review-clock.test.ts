import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, addMonths, fromDayNumber, toDayNumber } from '../../src/domain/dates.ts';
import { addWorkingDays } from '../../src/domain/calendar.ts';
import { intervalMidpoint, reviewSchedule, type ClockEpisode } from '../../src/domain/review-clock.ts';

function episode(overrides: Partial<ClockEpisode> & Pick<ClockEpisode, 'start'>): ClockEpisode {
  return { end: null, reasonNewEpisode: 'S', legalStatus: 'C2', placementType: 'U4', ...overrides };
}

const AS_OF = '2030-01-01';

describe('the statutory review clock: worked examples', () => {
  it('care starting Monday 2024-01-08: first review due 2024-02-05', () => {
    const s = reviewSchedule([episode({ start: '2024-01-08' })], [], '2024-01-09');
    expect(s.next?.dueDate).toBe('2024-02-05');
    expect(s.next?.rule).toBe('first_20_working_days');
    expect(s.next?.daysToGo).toBe(27);
  });

  it('care starting 2023-11-30: due 2024-01-02, Christmas, Boxing Day and New Year skipped', () => {
    const s = reviewSchedule([episode({ start: '2023-11-30' })], [], '2023-12-01');
    expect(s.next?.dueDate).toBe('2024-01-02');
  });

  it('first review 2024-02-05: second due 2024-05-05, a Sunday, not moved', () => {
    const s = reviewSchedule([episode({ start: '2024-01-08' })], ['2024-02-05'], '2024-02-06');
    expect(s.reviews[0]).toMatchObject({ dueDate: '2024-02-05', heldDate: '2024-02-05', inTime: true, daysLate: 0 });
    expect(s.next).toMatchObject({ dueDate: '2024-05-05', rule: 'second_3_months', countsFrom: '2024-02-05' });
  });

  it('later reviews at 6 months from the date actually held, clamped to month ends', () => {
    const s = reviewSchedule([episode({ start: '2023-07-03' })], ['2023-07-28', '2023-08-31'], '2023-09-01');
    expect(s.reviews.map((r) => r.rule)).toEqual(['first_20_working_days', 'second_3_months']);
    expect(s.next).toMatchObject({ dueDate: '2024-02-29', rule: 'subsequent_6_months' });
  });

  it('a review held on its due date is in time; a day later is late by one day', () => {
    const onTime = reviewSchedule([episode({ start: '2024-01-08' })], ['2024-02-05'], AS_OF);
    const late = reviewSchedule([episode({ start: '2024-01-08' })], ['2024-02-06'], AS_OF);
    expect(onTime.reviews[0]).toMatchObject({ inTime: true, daysLate: 0 });
    expect(late.reviews[0]).toMatchObject({ inTime: false, daysLate: 1 });
    // The interval runs from the date actually held, not from the due date.
    expect(reviewSchedule([episode({ start: '2024-01-08' })], ['2024-02-06'], '2024-02-07').next?.dueDate).toBe('2024-05-06');
  });

  it('an early or additional review restarts the interval', () => {
    const s = reviewSchedule(
      [episode({ start: '2023-01-09' })],
      ['2023-02-01', '2023-04-20', '2023-06-15', '2023-07-01'],
      '2023-07-02',
    );
    expect(s.reviews.map((r) => [r.dueDate, r.inTime])).toEqual([
      ['2023-02-06', true],
      ['2023-05-01', true],
      ['2023-10-20', true],
      ['2023-12-15', true],
    ]);
    expect(s.next?.dueDate).toBe('2024-01-01');
  });

  it('a change of placement or legal status inside a period does not restart the clock', () => {
    const s = reviewSchedule(
      [
        episode({ start: '2024-01-08', end: '2024-03-01' }),
        episode({ start: '2024-03-01', reasonNewEpisode: 'P', placementType: 'K2' }),
        episode({ start: '2024-04-01', reasonNewEpisode: 'L', legalStatus: 'C1' }),
      ].map((e, i, all) => (i < all.length - 1 ? { ...e, end: all[i + 1]!.start } : e)),
      ['2024-02-05'],
      '2024-04-02',
    );
    expect(s.periods).toHaveLength(1);
    expect(s.next).toMatchObject({ dueDate: '2024-05-05', rule: 'second_3_months' });
  });

  it('a new period of care restarts the clock at 20 working days', () => {
    const s = reviewSchedule(
      [episode({ start: '2023-01-09', end: '2023-06-30' }), episode({ start: '2024-01-08' })],
      ['2023-02-06', '2023-05-01'],
      '2024-01-09',
    );
    expect(s.periods).toHaveLength(2);
    expect(s.next).toMatchObject({ dueDate: '2024-02-05', rule: 'first_20_working_days', sequence: 1 });
  });

  it('a child whose care ends on the as-of date has left: no next review', () => {
    expect(reviewSchedule([episode({ start: '2024-01-08', end: '2024-06-03' })], ['2024-02-05'], '2024-06-03').next).toBeNull();
    expect(reviewSchedule([episode({ start: '2024-01-08', end: '2024-06-04' })], ['2024-02-05'], '2024-06-03').next).not.toBeNull();
  });

  it('a stay shorter than 20 working days needs no review', () => {
    const s = reviewSchedule([episode({ start: '2024-01-08', end: '2024-01-20' })], [], '2024-06-01');
    expect(s.reviews).toEqual([]);
    expect(s.next).toBeNull();
  });

  it('a review that fell due while the child was looked after and was never held is missed', () => {
    const s = reviewSchedule([episode({ start: '2024-01-08', end: '2024-03-01' })], [], '2024-06-01');
    expect(s.reviews).toEqual([
      expect.objectContaining({ dueDate: '2024-02-05', heldDate: null, inTime: false, daysLate: 25 }),
    ]);
    expect(s.next).toBeNull();
  });

  it('overdue: days past the due date on the as-of date', () => {
    const s = reviewSchedule([episode({ start: '2024-01-08' })], [], '2024-02-15');
    expect(s.next).toMatchObject({ dueDate: '2024-02-05', daysOverdue: 10, daysToGo: -10 });
  });

  it('reviews held when the child was not looked after are listed, never silently dropped', () => {
    const s = reviewSchedule([episode({ start: '2024-01-08', end: '2024-06-30' })], ['2023-12-01', '2024-02-01', '2024-08-01'], AS_OF);
    expect(s.outsideCare.map((r) => r.heldDate)).toEqual(['2023-12-01', '2024-08-01']);
    expect(s.reviews).toHaveLength(2); // the held one, then a missed second review due 2024-05-01
    expect(s.reviews[1]).toMatchObject({ heldDate: null, dueDate: '2024-05-01' });
  });
});

describe('care ending before a review is due', () => {
  it('leaves the interval then running unfinished: not missed, not next', () => {
    const care = [episode({ start: '2022-06-06', end: '2023-09-15' })];
    const held = ['2022-07-04', '2022-10-03', '2023-04-03'];
    const after = reviewSchedule(care, held, '2024-01-01');
    expect(after.next).toBeNull();
    expect(after.reviews.every((r) => r.heldDate !== null)).toBe(true);
    expect(after.unfinished).toEqual([{ run: 0, rule: 'subsequent_6_months', countsFrom: '2023-04-03', dueDate: '2023-10-03' }]);
    // While care goes on, the same interval is the next review due.
    expect(reviewSchedule([episode({ start: '2022-06-06' })], held, '2023-09-15').unfinished).toEqual([]);
  });
});

describe('short breaks (reg 48, legal status V3/V4)', () => {
  it('first review within 3 months of the first break, then every 6 months', () => {
    const s = reviewSchedule([episode({ start: '2024-01-15', legalStatus: 'V4' })], ['2024-04-10'], '2024-04-11');
    expect(s.reviews[0]).toMatchObject({ dueDate: '2024-04-15', rule: 'short_break_first_3_months', inTime: true });
    expect(s.next).toMatchObject({ dueDate: '2024-10-10', rule: 'short_break_6_months' });
  });

  it('a series of separate breaks is one timetable; the clock does not restart at each break', () => {
    const breaks = ['2024-01-15', '2024-02-12', '2024-03-11', '2024-05-13'].map((start) =>
      episode({ start, end: addDays(start, 3), legalStatus: 'V3' }),
    );
    const s = reviewSchedule(breaks, ['2024-04-12'], '2024-05-20');
    expect(s.runs).toHaveLength(1);
    expect(s.reviews).toHaveLength(1);
    expect(s.reviews[0]).toMatchObject({ dueDate: '2024-04-15', inTime: true });
    expect(s.next?.dueDate).toBe('2024-10-12');
  });

  it('a review held between breaks, after the latest one ended, belongs to the series', () => {
    const breaks = ['2024-01-15', '2024-02-12'].map((start) => episode({ start, end: addDays(start, 3), legalStatus: 'V3' }));
    const s = reviewSchedule(breaks, ['2024-04-10'], '2024-04-20');
    expect(s.outsideCare).toEqual([]);
    expect(s.reviews[0]).toMatchObject({ dueDate: '2024-04-15', heldDate: '2024-04-10', inTime: true });
    expect(s.next?.dueDate).toBe('2024-10-10');
  });

  it('a break after more than 6 months without one starts a new series', () => {
    const s = reviewSchedule(
      [
        episode({ start: '2022-01-10', end: '2022-01-14', legalStatus: 'V3' }),
        episode({ start: '2023-03-06', end: '2023-03-10', legalStatus: 'V3' }),
      ],
      [],
      '2023-03-07',
    );
    expect(s.runs).toHaveLength(2);
    expect(s.next).toMatchObject({ dueDate: '2023-06-06', rule: 'short_break_first_3_months' });
  });

  it('a review not yet held while the series is current is the next one due, not a missed one', () => {
    // Breaks on 3-5 April and 1-3 September 2023 are one series; its first review was due 3 July and not held.
    const breaks = [episode({ start: '2023-04-03', end: '2023-04-05', legalStatus: 'V3' }), episode({ start: '2023-09-01', end: '2023-09-03', legalStatus: 'V3' })];
    const current = reviewSchedule(breaks, [], '2023-12-31');
    expect(current.reviews).toEqual([]);
    expect(current.next).toMatchObject({ dueDate: '2023-07-03', daysOverdue: 181 });
    // Six months after the last break the series is over: the review was missed, counted to the last break's end.
    const over = reviewSchedule(breaks, [], '2024-03-04');
    expect(over.next).toBeNull();
    expect(over.reviews).toEqual([expect.objectContaining({ dueDate: '2023-07-03', heldDate: null, daysLate: 62 })]);
    // Full care beginning ends the series at once: its review not held is missed, and the care clock starts.
    const intoCare = reviewSchedule([...breaks, episode({ start: '2023-10-02', legalStatus: 'C2' })], [], '2023-10-03');
    expect(intoCare.reviews).toEqual([expect.objectContaining({ dueDate: '2023-07-03', heldDate: null })]);
    expect(intoCare.next).toMatchObject({ rule: 'first_20_working_days' });
  });

  it('a series recorded as one agreement (V4) ends when the agreement does: no review is due after it', () => {
    // Agreement from 15 January to 4 November 2024; reviewed 10 April (first, due 15 April), so the next was due 10
    // October and held 1 October, making the one after due 1 April 2025, after the agreement ended.
    const agreement = episode({ start: '2024-01-15', end: '2024-11-04', legalStatus: 'V4' });
    const s = reviewSchedule([agreement], ['2024-04-10', '2024-10-01'], '2025-03-31');
    expect(s.runs).toEqual([expect.objectContaining({ kind: 'short_breaks', end: '2024-11-04', agreement: true })]);
    expect(s.next).toBeNull();
    expect(s.reviews.map((r) => [r.dueDate, r.heldDate])).toEqual([
      ['2024-04-15', '2024-04-10'],
      ['2024-10-10', '2024-10-01'],
    ]);
    // The interval after the last review was left open when the agreement ended, as when care ends.
    expect(s.unfinished).toEqual([expect.objectContaining({ countsFrom: '2024-10-01', dueDate: '2025-04-01' })]);
    // A review held after the agreement ended was held outside care.
    expect(reviewSchedule([agreement], ['2024-04-10', '2024-11-20'], '2025-03-31').outsideCare).toEqual([{ heldIndex: 1, heldDate: '2024-11-20' }]);
    // Single breaks (V3) on the same days keep the series current for six months after the last one.
    const single = reviewSchedule([{ ...agreement, legalStatus: 'V3' }], ['2024-04-10', '2024-10-01'], '2025-03-31');
    expect(single.next).toMatchObject({ dueDate: '2025-04-01' });
  });

  it('a new agreement (V4) after one ended starts a new series, however soon', () => {
    const s = reviewSchedule(
      [
        episode({ start: '2023-01-09', end: '2023-06-30', legalStatus: 'V4' }),
        episode({ start: '2023-09-04', legalStatus: 'V4' }),
      ],
      ['2023-03-20'],
      '2023-09-05',
    );
    expect(s.runs).toHaveLength(2);
    expect(s.next).toMatchObject({ run: 1, dueDate: '2023-12-04', rule: 'short_break_first_3_months' });
  });

  it('moving from short breaks to full care starts the 20-working-day clock', () => {
    const s = reviewSchedule(
      [
        episode({ start: '2024-01-15', end: '2024-06-03', legalStatus: 'V4' }),
        episode({ start: '2024-06-03', reasonNewEpisode: 'L', legalStatus: 'C1' }),
      ],
      ['2024-04-10'],
      '2024-06-04',
    );
    expect(s.runs.map((r) => r.kind)).toEqual(['short_breaks', 'care']);
    expect(s.next).toMatchObject({ dueDate: addWorkingDays('2024-06-03', 20), rule: 'first_20_working_days' });
  });
});

describe('placed for adoption (Adoption Agencies Regulations 2005 reg 36)', () => {
  const chain = (eps: ClockEpisode[]) => eps.map((e, i) => (i < eps.length - 1 ? { ...e, end: eps[i + 1]!.start } : e));

  it('4 weeks after placement, then 3 months, then 6 months', () => {
    const s = reviewSchedule(
      chain([
        episode({ start: '2023-01-09', legalStatus: 'C2' }),
        episode({ start: '2023-09-04', reasonNewEpisode: 'B', legalStatus: 'E1', placementType: 'A6' }),
      ]),
      ['2023-02-06', '2023-05-01', '2023-09-29', '2023-12-20', '2024-06-01'],
      '2024-06-02',
    );
    expect(s.reviews.map((r) => [r.rule, r.dueDate, r.inTime])).toEqual([
      ['first_20_working_days', '2023-02-06', true],
      ['second_3_months', '2023-05-06', true],
      ['adoption_first_4_weeks', '2023-10-02', true],
      ['adoption_second_3_months', '2023-12-29', true],
      ['adoption_6_months', '2024-06-20', true],
    ]);
    expect(s.next).toMatchObject({ rule: 'adoption_6_months', dueDate: '2024-12-01' });
  });

  it('a review already due sooner than 4 weeks after placement stays due then', () => {
    const s = reviewSchedule(
      chain([
        episode({ start: '2023-01-09' }),
        episode({ start: '2023-10-20', reasonNewEpisode: 'P', legalStatus: 'E1', placementType: 'A5' }),
      ]),
      ['2023-02-06', '2023-05-01'],
      '2023-10-21',
    );
    expect(s.next).toMatchObject({ rule: 'subsequent_6_months', dueDate: '2023-11-01' });
  });

  it('a move between adoptive placements does not start a new adoption timetable', () => {
    const s = reviewSchedule(
      chain([
        episode({ start: '2023-01-09', placementType: 'A5', legalStatus: 'E1' }),
        episode({ start: '2023-03-01', reasonNewEpisode: 'T', placementType: 'A6', legalStatus: 'E1' }),
      ]),
      ['2023-02-06'],
      '2023-03-02',
    );
    expect(s.runs[0]!.adoptionPlacements).toEqual(['2023-01-09']);
    expect(s.next).toMatchObject({ rule: 'adoption_second_3_months', dueDate: '2023-05-06' });
  });
});

describe('midpoint', () => {
  it('is halfway through the interval', () => {
    expect(intervalMidpoint('2024-02-05', '2024-08-05')).toBe('2024-05-06');
  });
});

describe('invariants (property-based)', () => {
  const DAY0 = toDayNumber('2012-01-01');
  const arbitraryHistory = fc
    .record({
      startOffset: fc.integer({ min: 0, max: 4000 }),
      lengths: fc.array(fc.integer({ min: 1, max: 900 }), { minLength: 1, maxLength: 4 }),
      gaps: fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 4, maxLength: 4 }),
      legalStatuses: fc.array(fc.constantFrom('C1', 'C2', 'V2', 'E1', 'V3', 'V4', 'J1'), { minLength: 4, maxLength: 4 }),
      placements: fc.array(fc.constantFrom('U4', 'K2', 'A6', 'P1', 'U1'), { minLength: 4, maxLength: 4 }),
      reviewOffsets: fc.array(fc.integer({ min: -30, max: 3000 }), { maxLength: 12 }),
      openEnded: fc.boolean(),
    })
    .map((h) => {
      const episodes: ClockEpisode[] = [];
      let day = DAY0 + h.startOffset;
      h.lengths.forEach((len, i) => {
        const start = fromDayNumber(day);
        const last = i === h.lengths.length - 1;
        const end = last && h.openEnded ? null : fromDayNumber(day + len);
        episodes.push(
          episode({ start, end, legalStatus: h.legalStatuses[i]!, placementType: h.placements[i]!, reasonNewEpisode: 'S' }),
        );
        day += len + h.gaps[i]!;
      });
      const heldDates = h.reviewOffsets.map((o) => fromDayNumber(DAY0 + h.startOffset + o));
      return { episodes, heldDates };
    });

  it('a due date never precedes the date it counts from', () => {
    fc.assert(
      fc.property(arbitraryHistory, ({ episodes, heldDates }) => {
        const s = reviewSchedule(episodes, heldDates, '2026-01-01');
        for (const r of s.reviews) expect(r.dueDate > r.countsFrom).toBe(true);
        if (s.next) expect(s.next.dueDate > s.next.countsFrom).toBe(true);
      }),
    );
  });

  it('every held review is either scheduled or listed as outside care, once', () => {
    fc.assert(
      fc.property(arbitraryHistory, ({ episodes, heldDates }) => {
        const s = reviewSchedule(episodes, heldDates, '2026-01-01');
        const seen = [...s.reviews.flatMap((r) => (r.heldIndex === null ? [] : [r.heldIndex])), ...s.outsideCare.map((o) => o.heldIndex)];
        expect(seen.sort((a, b) => a - b)).toEqual(heldDates.map((_, i) => i));
      }),
    );
  });

  it('in time exactly when held on or before the due date; days late is the calendar difference', () => {
    fc.assert(
      fc.property(arbitraryHistory, ({ episodes, heldDates }) => {
        const s = reviewSchedule(episodes, heldDates, '2026-01-01');
        for (const r of s.reviews.filter((x) => x.heldDate !== null)) {
          expect(r.inTime).toBe(r.heldDate! <= r.dueDate);
          expect(r.daysLate).toBe(Math.max(0, toDayNumber(r.heldDate!) - toDayNumber(r.dueDate)));
        }
      }),
    );
  });

  it('holding the next review on its due date is in time; a day later is not', () => {
    fc.assert(
      fc.property(arbitraryHistory, fc.boolean(), ({ episodes, heldDates }, dayLater) => {
        const asOf = '2035-01-01';
        const before = reviewSchedule(episodes, heldDates, asOf);
        if (!before.next || before.next.dueDate < (before.reviews.at(-1)?.heldDate ?? '')) return;
        const date = dayLater ? addDays(before.next.dueDate, 1) : before.next.dueDate;
        const after = reviewSchedule(episodes, [...heldDates, date], asOf);
        const added = after.reviews.find((r) => r.heldIndex === heldDates.length);
        if (!added) return; // fell outside care (the period ended first)
        expect(added.dueDate).toBe(before.next.dueDate);
        expect(added.inTime).toBe(!dayLater);
      }),
    );
  });

  it('a first review of a period of care is due 20 working days after it starts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 7000 }), (offset) => {
        const start = fromDayNumber(DAY0 + offset);
        const s = reviewSchedule([episode({ start })], [], addMonths(start, 1));
        expect(s.next?.dueDate).toBe(addWorkingDays(start, 20));
      }),
    );
  });
});
