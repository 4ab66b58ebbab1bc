import { beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../src/domain/calendar.ts';
import {
  ETHNICITY,
  LEGAL_STATUS,
  PARTICIPATION_CODE,
  PLACEMENT_PROVIDER,
  PLACEMENT_TYPE,
  REASON_EPISODE_CEASED,
  REASON_NEW_EPISODE,
  REASON_PLACEMENT_CHANGE,
  CATEGORY_OF_NEED,
} from '../../src/domain/codes.ts';
import { ageInYears } from '../../src/domain/dates.ts';
import { periodsOfCare } from '../../src/domain/periods-of-care.ts';
import type { ChildRecord } from '../../src/domain/register.ts';
import { reviewSchedule, type ReviewSchedule } from '../../src/domain/review-clock.ts';
import { REARRANGEMENT_REASON_DEFAULTS } from '../../src/domain/settings.ts';
import { DemoOptionsError, generateDemoAuthority, uniquePupilNumber, type DemoAuthority } from '../../src/demo/generate.ts';

const AS_OF = '2025-03-31';

const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
const lookedAfter = (record: ChildRecord) => record.episodes.some((e) => e.end === null);

describe('the demo authority is deterministic', () => {
  const options = { children: 300, years: 3, seed: 42, asOf: '2024-03-31' };

  it('gives byte-identical output for the same options', () => {
    const first = JSON.stringify(generateDemoAuthority(options));
    const second = JSON.stringify(generateDemoAuthority({ ...options }));
    expect(second).toBe(first);
  });

  it('gives a different authority for a different seed', () => {
    const a = generateDemoAuthority(options);
    const b = generateDemoAuthority({ ...options, seed: 43 });
    expect(JSON.stringify(b)).not.toBe(JSON.stringify(a));
    expect(b.children[0]!.child).not.toEqual(a.children[0]!.child);
  });

  it('rejects options it cannot honour', () => {
    expect(() => generateDemoAuthority({ ...options, children: 0 })).toThrow(DemoOptionsError);
    expect(() => generateDemoAuthority({ ...options, years: -1 })).toThrow(DemoOptionsError);
    expect(() => generateDemoAuthority({ ...options, asOf: '2024-02-30' })).toThrow(DemoOptionsError);
    expect(() => generateDemoAuthority({ ...options, seed: 1.5 })).toThrow(DemoOptionsError);
  });
});

describe('a 2,000-child authority with 5 years of history', () => {
  let authority: DemoAuthority;
  let schedules: Map<string, ReviewSchedule>;
  let inCare: ChildRecord[];

  beforeAll(() => {
    authority = generateDemoAuthority({ children: 2000, years: 5, seed: 2026, asOf: AS_OF });
    schedules = new Map();
    for (const record of authority.children) {
      const held = record.reviews.filter((r) => r.status === 'held').map((r) => r.heldDate!);
      schedules.set(record.child.id, reviewSchedule(record.episodes, held, AS_OF));
    }
    inCare = authority.children.filter(lookedAfter);
  });

  it('has about the number of children asked for in care on the as-of date, and more records in all', () => {
    expect(inCare.length).toBeGreaterThan(1800);
    expect(inCare.length).toBeLessThan(2200);
    // Children who left in the years before: roughly a third of the population starts and leaves each year.
    expect(authority.children.length).toBeGreaterThan(2000 * 2.5);
    expect(new Set(authority.children.map((c) => c.child.id)).size).toBe(authority.children.length);
  });

  it('records that it is complete from the first day of its history, and every child who left before is absent', () => {
    expect(authority.settings.recordsCompleteFrom).toBe('2020-03-31');
    // Each record reaches into the window: no one's care had ended before it began.
    for (const record of authority.children) {
      const last = record.episodes.reduce<string | null>((end, e) => (end === null || e.end === null ? null : e.end > end ? e.end : end), '0000-01-01');
      if (last !== null) expect(last >= '2020-03-31').toBe(true);
    }
  });

  it('has a national profile of children looked after: age, sex, ethnicity, UASC', () => {
    const bands = { under1: 0, '1-4': 0, '5-9': 0, '10-15': 0, '16+': 0 };
    let male = 0;
    let whiteBritish = 0;
    let uasc = 0;
    for (const { child } of inCare) {
      const age = ageInYears(child.dateOfBirth!, AS_OF);
      if (age < 1) bands.under1 += 1;
      else if (age < 5) bands['1-4'] += 1;
      else if (age < 10) bands['5-9'] += 1;
      else if (age < 16) bands['10-15'] += 1;
      else bands['16+'] += 1;
      if (child.sex === 'M') male += 1;
      if (child.ethnicity === 'WBRI') whiteBritish += 1;
      if (child.uasc) uasc += 1;
      expect(age).toBeLessThan(18);
    }
    const n = inCare.length;
    expect(share(bands.under1, n)).toBeGreaterThan(0.025);
    expect(share(bands.under1, n)).toBeLessThan(0.08);
    expect(share(bands['1-4'], n)).toBeGreaterThan(0.1);
    expect(share(bands['1-4'], n)).toBeLessThan(0.19);
    expect(share(bands['5-9'], n)).toBeGreaterThan(0.12);
    expect(share(bands['5-9'], n)).toBeLessThan(0.22);
    expect(share(bands['10-15'], n)).toBeGreaterThan(0.32);
    expect(share(bands['10-15'], n)).toBeLessThan(0.44);
    expect(share(bands['16+'], n)).toBeGreaterThan(0.2);
    expect(share(bands['16+'], n)).toBeLessThan(0.32);
    expect(share(male, n)).toBeGreaterThan(0.52);
    expect(share(male, n)).toBeLessThan(0.61);
    expect(share(whiteBritish, n)).toBeGreaterThan(0.58);
    expect(share(whiteBritish, n)).toBeLessThan(0.72);
    expect(share(uasc, n)).toBeGreaterThan(0.05);
    expect(share(uasc, n)).toBeLessThan(0.11);
  });

  it('has unaccompanied asylum-seeking children who are mostly boys aged 14 to 17, under s20', () => {
    const children = inCare.filter((r) => r.child.uasc);
    const boys = children.filter((r) => r.child.sex === 'M').length;
    const teenagers = children.filter((r) => ageInYears(r.child.dateOfBirth!, AS_OF) >= 14).length;
    expect(share(boys, children.length)).toBeGreaterThan(0.8);
    expect(share(teenagers, children.length)).toBeGreaterThan(0.85);
    for (const r of children) {
      expect(r.episodes.every((e) => e.legalStatus === 'V2')).toBe(true);
      expect(r.child.ethnicity).not.toBe('WBRI');
    }
  });

  it('has the legal statuses, placements and needs of a real authority', () => {
    const count = (pick: (e: ChildRecord['episodes'][number]) => boolean) =>
      share(inCare.filter((r) => pick(r.episodes[r.episodes.length - 1]!)).length, inCare.length);
    expect(count((e) => e.legalStatus === 'C2')).toBeGreaterThan(0.5);
    expect(count((e) => e.legalStatus === 'C2')).toBeLessThan(0.68);
    expect(count((e) => e.legalStatus === 'V2')).toBeGreaterThan(0.12);
    expect(count((e) => e.legalStatus === 'V2')).toBeLessThan(0.28);
    expect(count((e) => e.legalStatus === 'C1')).toBeGreaterThan(0.07);
    expect(count((e) => e.legalStatus === 'C1')).toBeLessThan(0.18);
    expect(count((e) => e.legalStatus === 'E1')).toBeGreaterThan(0.02);
    expect(count((e) => e.legalStatus === 'E1')).toBeLessThan(0.09);
    expect(count((e) => e.legalStatus === 'V3' || e.legalStatus === 'V4')).toBeGreaterThan(0.01);
    expect(count((e) => e.legalStatus === 'V3' || e.legalStatus === 'V4')).toBeLessThan(0.04);
    expect(count((e) => /^U[1-6]$/.test(e.placementType))).toBeGreaterThan(0.6);
    expect(count((e) => /^U[1-6]$/.test(e.placementType))).toBeLessThan(0.8);
    expect(count((e) => e.placementType === 'K2')).toBeGreaterThan(0.07);
    expect(count((e) => e.placementType === 'K2')).toBeLessThan(0.17);
    expect(count((e) => e.placementType === 'P1')).toBeGreaterThan(0.01);
    expect(count((e) => /^A[3-6]$/.test(e.placementType))).toBeGreaterThan(0.005);
    expect(count((e) => e.categoryOfNeed === 'N1')).toBeGreaterThan(0.5);
    expect(count((e) => e.categoryOfNeed === 'N1')).toBeLessThan(0.72);
    // Supported accommodation is for young people of 16 and over.
    for (const r of authority.children) {
      for (const e of r.episodes) {
        if (e.placementType === 'H5' || e.placementType === 'K3') expect(ageInYears(r.child.dateOfBirth!, e.start)).toBeGreaterThanOrEqual(16);
      }
    }
  });

  it('uses only valid SSDA903 codes', () => {
    const reasons = new Set(REARRANGEMENT_REASON_DEFAULTS.map((r) => r.code));
    for (const r of authority.children) {
      if (r.child.ethnicity !== null) expect(ETHNICITY.has(r.child.ethnicity)).toBe(true);
      for (const e of r.episodes) {
        expect(REASON_NEW_EPISODE.has(e.reasonNewEpisode)).toBe(true);
        expect(LEGAL_STATUS.has(e.legalStatus)).toBe(true);
        expect(CATEGORY_OF_NEED.has(e.categoryOfNeed)).toBe(true);
        expect(PLACEMENT_TYPE.has(e.placementType)).toBe(true);
        if (e.placementProvider !== null) expect(PLACEMENT_PROVIDER.has(e.placementProvider)).toBe(true);
        if (e.reasonCeased !== null) expect(REASON_EPISODE_CEASED.has(e.reasonCeased)).toBe(true);
        if (e.reasonPlacementChange !== null) expect(REASON_PLACEMENT_CHANGE.has(e.reasonPlacementChange)).toBe(true);
      }
      for (const review of r.reviews) {
        if (review.participationCode !== null) expect(PARTICIPATION_CODE.has(review.participationCode)).toBe(true);
        for (const change of review.rearrangements) expect(reasons.has(change.reason as never)).toBe(true);
      }
    }
  });

  it('chains each child’s episodes without overlaps, with RNE and REC codes that match what changed', () => {
    for (const { child, episodes } of authority.children) {
      expect(episodes.length).toBeGreaterThan(0);
      expect(episodes[0]!.reasonNewEpisode).toBe('S');
      expect(episodes[0]!.start >= child.dateOfBirth!).toBe(true);
      episodes.forEach((e, i) => {
        expect(e.start <= AS_OF).toBe(true);
        if (e.end !== null) expect(e.end > e.start).toBe(true);
        expect(e.end === null).toBe(e.reasonCeased === null);
        if (e.end === null) expect(i).toBe(episodes.length - 1);
        const next = episodes[i + 1];
        if (!next) return;
        expect(e.end).not.toBeNull();
        if (e.reasonCeased === 'X1') {
          expect(next.start).toBe(e.end);
          const legalChanged = next.legalStatus !== e.legalStatus;
          const placementChanged =
            next.placementType !== e.placementType ||
            next.placementProvider !== e.placementProvider ||
            next.placementPostcode !== e.placementPostcode ||
            next.urn !== e.urn;
          const expected: Record<string, boolean> = {
            L: legalChanged && !placementChanged,
            P: !legalChanged && placementChanged,
            T: !legalChanged && placementChanged,
            B: legalChanged && placementChanged,
            U: legalChanged && placementChanged,
          };
          expect(expected[next.reasonNewEpisode], `${child.id} ${next.start} ${next.reasonNewEpisode}`).toBe(true);
          // The reason for a placement change is recorded on the episode that ends (rules 225/226).
          expect(e.reasonPlacementChange !== null).toBe(placementChanged);
        } else {
          expect(next.reasonNewEpisode).toBe('S');
          expect(next.start > e.end!).toBe(true);
        }
      });
    }
  });

  it('ends periods of care for reasons that fit the child and the placement', () => {
    for (const { child, episodes } of authority.children) {
      for (const e of episodes) {
        if (e.reasonCeased === null || e.reasonCeased === 'X1') continue;
        const age = ageInYears(child.dateOfBirth!, e.end!);
        if (['E11', 'E12'].includes(e.reasonCeased)) expect(e.placementType).toMatch(/^A[3-6]$/);
        if (['E45', 'E46'].includes(e.reasonCeased)) expect(e.placementType).toMatch(/^U[1-6]$/);
        if (['E11', 'E12', 'E45', 'E46', 'E47', 'E48'].includes(e.reasonCeased)) expect(age).toBeLessThan(18);
        if (e.reasonCeased === 'E17') expect(age).toBeGreaterThanOrEqual(18);
        expect(age).toBeLessThanOrEqual(18);
      }
    }
    // Some children come back into care: a new period of care (RNE S after a gap).
    const returned = authority.children.filter((r) => r.episodes.filter((e) => e.reasonNewEpisode === 'S').length > 1 && r.episodes[0]!.legalStatus !== 'V3');
    expect(returned.length).toBeGreaterThan(20);
  });

  it('walks the statutory clock: the stored due date is the clock’s, and 93–99% of reviews are in time', () => {
    let held = 0;
    let inTime = 0;
    for (const record of authority.children) {
      const schedule = schedules.get(record.child.id)!;
      const heldReviews = record.reviews.filter((r) => r.status === 'held');
      for (const scheduled of schedule.reviews) {
        // No review fell due while a child was looked after without being held.
        expect(scheduled.heldDate, `${record.child.id} missed a review due ${scheduled.dueDate}`).not.toBeNull();
        held += 1;
        if (scheduled.inTime) inTime += 1;
        expect(heldReviews[scheduled.heldIndex!]!.dueDate).toBe(scheduled.dueDate);
      }
      const booked = record.reviews.filter((r) => r.status === 'booked');
      expect(booked.length).toBeLessThanOrEqual(1);
      if (booked[0]) {
        expect(booked[0].dueDate).toBe(schedule.next?.dueDate);
        expect(booked[0].bookedDate! > AS_OF).toBe(true);
      }
      if (lookedAfter(record)) expect(booked).toHaveLength(1);
    }
    expect(held).toBeGreaterThan(20_000);
    expect(share(inTime, held)).toBeGreaterThanOrEqual(0.93);
    expect(share(inTime, held)).toBeLessThanOrEqual(0.99);
  });

  it('holds every review inside a period of care (or a current series of short breaks)', () => {
    for (const record of authority.children) {
      expect(schedules.get(record.child.id)!.outsideCare).toEqual([]);
      const periods = periodsOfCare(record.episodes);
      if (periods.some((p) => p.shortBreaks)) continue;
      for (const review of record.reviews) {
        if (review.status !== 'held') continue;
        const day = review.heldDate!;
        expect(periods.some((p) => p.start <= day && (p.end === null || day <= p.end)), `${record.child.id} ${day}`).toBe(true);
      }
    }
  });

  it('codes participation PN0 exactly when the child is under 4, and the rest in realistic shares', () => {
    const counts: Record<string, number> = {};
    let fourPlus = 0;
    for (const { child, reviews } of authority.children) {
      for (const review of reviews) {
        if (review.status !== 'held') {
          expect(review.participationCode).toBeNull();
          continue;
        }
        const underFour = ageInYears(child.dateOfBirth!, review.heldDate!) < 4;
        expect(review.participationCode === 'PN0').toBe(underFour);
        if (!underFour) {
          fourPlus += 1;
          counts[review.participationCode!] = (counts[review.participationCode!] ?? 0) + 1;
        }
      }
    }
    const pn = (code: string) => share(counts[code] ?? 0, fourPlus);
    expect(pn('PN1')).toBeGreaterThan(0.5);
    expect(pn('PN1')).toBeLessThan(0.6);
    expect(pn('PN6')).toBeGreaterThan(0.18);
    expect(pn('PN6')).toBeLessThan(0.26);
    expect(pn('PN7')).toBeGreaterThan(0.05);
    expect(pn('PN7')).toBeLessThan(0.11);
    for (const code of ['PN2', 'PN3', 'PN4', 'PN5']) expect(pn(code)).toBeGreaterThan(0.015);
  });

  it('rearranges 10–20% of reviews, mostly for the court timetable or the social worker', () => {
    const held = authority.children.flatMap((r) => r.reviews.filter((x) => x.status === 'held'));
    const rearranged = held.filter((r) => r.rearrangements.length > 0);
    expect(share(rearranged.length, held.length)).toBeGreaterThan(0.1);
    expect(share(rearranged.length, held.length)).toBeLessThan(0.2);
    const reasons: Record<string, number> = {};
    for (const review of rearranged) {
      expect(review.rearrangements.length).toBeLessThanOrEqual(2);
      expect(review.rearrangements[review.rearrangements.length - 1]!.toDate).toBe(review.heldDate);
      for (const change of review.rearrangements) {
        reasons[change.reason] = (reasons[change.reason] ?? 0) + 1;
        expect(change.changedOn <= change.fromDate!).toBe(true);
        expect(change.toDate).not.toBe(change.fromDate);
      }
    }
    const ranked = Object.entries(reasons).sort((a, b) => b[1] - a[1]).map(([reason]) => reason);
    expect(ranked.slice(0, 2).sort()).toEqual(['court_timetable', 'social_worker_unavailable']);
  });

  it('allocates every child looked after exactly one IRO at a time, mostly within 5 working days', () => {
    const activeIros = new Map(authority.staff.filter((s) => s.role === 'iro' && s.active).map((s) => [s.id!, s]));
    const iros = new Set(authority.staff.filter((s) => s.role === 'iro').map((s) => s.id!));
    let onTime = 0;
    let firstAllocations = 0;
    for (const record of authority.children) {
      const open = record.allocations.filter((a) => a.to === null);
      const schedule = schedules.get(record.child.id)!;
      if (lookedAfter(record)) {
        expect(open, record.child.id).toHaveLength(1);
        expect(activeIros.has(open[0]!.iroId)).toBe(true);
      } else if (schedule.next === null) {
        expect(open).toHaveLength(0);
      }
      record.allocations.forEach((a, i) => {
        expect(iros.has(a.iroId)).toBe(true);
        expect(a.reason).not.toBeNull();
        if (a.to !== null) expect(a.to >= a.from).toBe(true);
        const previous = record.allocations[i - 1];
        if (previous) expect(previous.to !== null && previous.to < a.from).toBe(true);
      });
      for (const period of schedule.periods) {
        const first = record.allocations.find((a) => a.from >= period.start && (period.end === null || a.from <= period.end));
        if (!first || period.shortBreaks) continue;
        firstAllocations += 1;
        if (first.from <= addWorkingDays(period.start, 5)) onTime += 1;
      }
      // The chair of each review is the IRO allocated on the day.
      for (const review of record.reviews) {
        if (review.status !== 'held') continue;
        const day = review.heldDate!;
        const allocation = record.allocations.find((a) => a.from <= day && (a.to === null || day <= a.to));
        expect(review.chairId).toBe(allocation?.iroId);
      }
    }
    expect(share(onTime, firstAllocations)).toBeGreaterThan(0.88);
    expect(share(onTime, firstAllocations)).toBeLessThan(1);
    // Some children have a change of IRO, each with a reason.
    const changed = authority.children.filter((r) => new Set(r.allocations.map((a) => a.iroId)).size > 1);
    expect(changed.length).toBeGreaterThan(100);
  });

  it('staffs IROs to the handbook caseload: 45–75 children per full-time equivalent', () => {
    const iros = authority.staff.filter((s) => s.role === 'iro' && s.active);
    const fte = iros.reduce((sum, s) => sum + s.fte, 0);
    const open = authority.children.reduce((n, r) => n + r.allocations.filter((a) => a.to === null).length, 0);
    expect(open / fte).toBeGreaterThan(45);
    expect(open / fte).toBeLessThan(75);
    expect(iros.some((s) => s.fte < 1)).toBe(true);
    expect(iros.filter((s) => s.fte === 1).length / iros.length).toBeGreaterThan(0.6);
    // Each IRO's own caseload, pro rata, is within reach of the guide.
    const caseload = new Map<number, number>();
    for (const r of authority.children) for (const a of r.allocations) if (a.to === null) caseload.set(a.iroId, (caseload.get(a.iroId) ?? 0) + 1);
    for (const iro of iros) expect((caseload.get(iro.id!) ?? 0) / iro.fte).toBeLessThan(110);
  });

  it('has the staff of an IRO service, with demo e-mail addresses', () => {
    const { staff } = authority;
    expect(staff.map((s) => s.id)).toEqual(staff.map((_, i) => i + 1));
    expect(new Set(staff.map((s) => s.email)).size).toBe(staff.length);
    for (const s of staff) expect(s.email).toMatch(/^[a-z]+\.[a-z]+\d*@demo\.iro-desk\.test$/);
    const roles = new Set(staff.map((s) => s.role));
    for (const role of ['iro', 'iro_manager', 'business_support', 'team_manager', 'head_of_service', 'analyst', 'administrator']) {
      expect(roles.has(role as never), role).toBe(true);
    }
    expect(staff.filter((s) => s.role === 'team_manager').length).toBeGreaterThanOrEqual(2);
    // IROs who left the service are kept, inactive, for the history of allocations and chairs.
    expect(staff.some((s) => s.role === 'iro' && !s.active)).toBe(true);
    for (const s of staff) if (s.role === 'iro') expect(s.team).not.toBeNull();
  });

  it('gives children names, UPNs in the DfE format and UASC dates that fit', () => {
    for (const { child } of authority.children) {
      expect(child.givenName).toBeTruthy();
      expect(child.familyName).toBeTruthy();
      if (child.upn !== null) {
        expect(child.upn).toMatch(/^[A-HJ-NP-RT-Z]\d{12}$/);
        expect(child.upn).toBe(uniquePupilNumber(child.upn.slice(1, 4), Number(child.upn.slice(4, 8)), Number(child.upn.slice(8, 10)), Number(child.upn.slice(10))));
      }
      if (child.uascCeasedDate !== null) {
        expect(child.uasc).toBe(true);
        expect(ageInYears(child.dateOfBirth!, child.uascCeasedDate)).toBeLessThanOrEqual(18);
      }
    }
  });
});

describe('unique pupil numbers', () => {
  it('compute the check letter by the DfE modulus 23 rule', () => {
    const upn = uniquePupilNumber('999', 2001, 2014, 7);
    expect(upn.slice(1)).toBe('999200114007');
    const digits = upn.slice(1).split('').map(Number);
    const sum = digits.reduce((s, d, i) => s + d * (i + 2), 0);
    expect(upn[0]).toBe('ABCDEFGHJKLMNPQRTUVWXYZ'[sum % 23]);
  });
});

describe('a different as-of date and a short history', () => {
  it('keeps the clock consistent for an as-of date in another year', () => {
    const asOf = '2019-09-30';
    const authority = generateDemoAuthority({ children: 400, years: 2, seed: 7, asOf });
    for (const record of authority.children) {
      const held = record.reviews.filter((r) => r.status === 'held');
      const schedule = reviewSchedule(record.episodes, held.map((r) => r.heldDate!), asOf);
      expect(schedule.outsideCare).toEqual([]);
      for (const s of schedule.reviews) expect(held[s.heldIndex!]?.dueDate).toBe(s.dueDate);
      for (const e of record.episodes) expect(e.start <= asOf && (e.end === null || e.end <= asOf)).toBe(true);
    }
  });
});
