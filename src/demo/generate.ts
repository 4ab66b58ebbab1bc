// The demo authority: a deterministic, realistic register for demonstrations, tests and benchmarks. Given
// a number of children looked after on an as-of date, years of history and a seed, it builds the staff,
// every child whose time in care reaches into those years (with their whole history, as a case system
// holds it), their SSDA903 episodes, IRO allocations and reviews. Pure and in memory: the same options give
// byte-identical output on any machine; nothing reads the clock or Math.random. Figures follow national
// statistics (DfE, children looked after in England) and the published IRO reports; test/demo checks them.

import { addWorkingDaysToDayNumber } from '../domain/calendar.ts';
import { fromDayNumber, isIsoDate, toDayNumber, type IsoDate } from '../domain/dates.ts';
import type { ChildRecord, IroAllocation, Review, StaffMember } from '../domain/register.ts';
import { defaultSettings, type AuthoritySettings } from '../domain/settings.ts';
import { buildCareHistory, type CareHistory, type CareSettings, type Home } from './care-history.ts';
import { addMonthsToDay, birthday, DAYS_PER_YEAR, iso } from './days.ts';
import { nameGroupFor, UASC_EAST_ASIAN } from './names.ts';
import { planPopulation, type ChildPlan } from './population.ts';
import { Random, Weighted } from './random.ts';
import { AllocationTimeline, ReviewWriter } from './reviews.ts';
import { buildWorkforce, holderOn, pickPost, type Workforce } from './staff.ts';

export interface DemoOptions {
  /** Children looked after on the as-of date (roughly: the flow into and out of care is drawn, not fixed). */
  children: number;
  /** Years of history before the as-of date. */
  years: number;
  seed: number;
  asOf: IsoDate;
}

export interface DemoAuthority {
  settings: AuthoritySettings;
  staff: StaffMember[];
  children: ChildRecord[];
}

export class DemoOptionsError extends Error {
  readonly code = 'DEMO_OPTIONS';
}

// Ethnicity of children in care who are not UASC (DfE 2024: about 64% White British across all children
// in care, with UASC making up most of "other" and much of Black African and other Asian).
const ETHNICITY = new Weighted<string>([
  ['WBRI', 70], ['WIRI', 0.5], ['WOTH', 4], ['WIRT', 0.4], ['WROM', 0.8],
  ['MWBC', 3.5], ['MWBA', 1.5], ['MWAS', 1.5], ['MOTH', 4.2],
  ['AIND', 0.6], ['APKN', 1.7], ['ABAN', 0.6], ['AOTH', 0.7],
  ['BCRB', 1.7], ['BAFR', 2.8], ['BOTH', 1.4], ['CHNE', 0.1],
  ['OOTH', 1.4], ['REFU', 0.3], ['NOBT', 0.6],
]);
// Unaccompanied asylum-seeking children: Afghan, Vietnamese, Sudanese, Eritrean, Iranian, Iraqi Kurdish,
// Albanian young people, as the returns record them.
const UASC_ETHNICITY = new Weighted<string>([
  ['AOTH', 30], ['BAFR', 30], ['OOTH', 20], ['WOTH', 9], ['MOTH', 5], ['BOTH', 6],
]);

const DISABILITIES = ['Autism', 'Learning disability', 'Physical disability', 'Sensory impairment', 'ADHD', 'Complex health needs'];

const ALLOCATED_WITHIN = new Weighted<number>([[1, 30], [2, 25], [3, 18], [4, 12], [5, 8], [6, 2], [7, 1.5], [8, 1.2], [10, 1], [12, 0.8], [15, 0.5]]);
const REALLOCATION = new Weighted<string>([
  ['Caseload rebalanced', 65],
  ['Child moved to a placement in another area', 20],
  ['Child asked for a different IRO', 8],
  ['Conflict of interest', 7],
]);
/** A year's chance that a child's IRO changes for a reason other than the IRO leaving. */
const REALLOCATION_RATE = 0.05;

const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/** A unique pupil number in the DfE format: check letter, LA code, establishment, year, serial. */
export function uniquePupilNumber(laCode: string, establishment: number, year: number, serial: number): string {
  const digits = `${laCode}${String(establishment).padStart(4, '0')}${String(year % 100).padStart(2, '0')}${String(serial).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) sum += Number(digits[i]) * (i + 2);
  return `${UPN_LETTERS[sum % 23]}${digits}`;
}

function careSettings(children: number, asOf: number, random: Random): CareSettings {
  const homePostcodes: string[] = [];
  for (let district = 1; district <= 24; district += 1) for (let sector = 1; sector <= 9; sector += 1) homePostcodes.push(`DM${district} ${sector}`);
  // Made-up postcode areas outside the authority (no real postcode area starts with Q).
  const outOfAreaPostcodes: string[] = [];
  for (const area of ['QA', 'QB', 'QC', 'QD', 'QE', 'QF', 'QG', 'QH']) {
    for (let district = 1; district <= 12; district += 1) outOfAreaPostcodes.push(`${area}${district} ${1 + (district % 9)}`);
  }
  let urn = 100_000 + random.int(0, 800_000);
  const homes = (count: number, prefix: string, inArea: number): Home[] =>
    Array.from({ length: count }, () => {
      urn += random.int(1, 97);
      return { urn: `${prefix}${String(urn).padStart(6, '0')}`, postcode: random.chance(inArea) ? random.pick(homePostcodes) : random.pick(outOfAreaPostcodes) };
    });
  return {
    asOf,
    homePostcodes,
    outOfAreaPostcodes,
    childrensHomes: homes(Math.max(6, Math.round(children / 25)), 'SC', 0.45),
    secureHomes: homes(4, 'SC', 0.1),
    supportedAccommodation: homes(Math.max(4, Math.round(children / 40)), '2', 0.5),
  };
}

/** Allocations for one period of care (or short-break series), and the chair timeline they give. */
function allocate(
  workforce: Workforce,
  random: Random,
  childId: string,
  from: number,
  end: number | null,
  asOf: number,
  post: number,
  reason: string,
  allocations: IroAllocation[],
  timeline: AllocationTimeline,
): number {
  const stop = end ?? asOf;
  let t = from;
  let current = post;
  let why = reason;
  let reallocateOn = t + Math.max(1, Math.round(random.exponential(DAYS_PER_YEAR / REALLOCATION_RATE)));
  for (;;) {
    const { staffId, until } = holderOn(workforce.posts[current]!, t);
    const next = Math.min(until, reallocateOn);
    if (next > stop) {
      allocations.push({ childId, iroId: staffId, from: iso(t), to: end === null ? null : iso(end), reason: why });
      timeline.add(t, end ?? Number.POSITIVE_INFINITY, staffId);
      return current;
    }
    allocations.push({ childId, iroId: staffId, from: iso(t), to: iso(next - 1), reason: why });
    timeline.add(t, next - 1, staffId);
    t = next;
    if (next === until) {
      why = 'Previous IRO left the service';
    } else {
      if (workforce.posts.length > 1) {
        let other = pickPost(workforce, random);
        while (other === current) other = pickPost(workforce, random);
        current = other;
      }
      why = REALLOCATION.sample(random);
      reallocateOn = t + Math.max(1, Math.round(random.exponential(DAYS_PER_YEAR / REALLOCATION_RATE)));
    }
    if (next === reallocateOn) reallocateOn = t + Math.max(1, Math.round(random.exponential(DAYS_PER_YEAR / REALLOCATION_RATE)));
  }
}

interface Shared {
  settings: AuthoritySettings;
  workforce: Workforce;
  care: CareSettings;
  random: Random;
  writer: ReviewWriter;
  timeline: AllocationTimeline;
  asOf: number;
  /** Working lists reused from child to child; each record gets copies of its exact length. */
  history: CareHistory;
  allocations: IroAllocation[];
  reviews: Review[];
}

function buildChild(plan: ChildPlan, index: number, shared: Shared): ChildRecord {
  const { random, care, workforce, writer, timeline, asOf, settings } = shared;
  random.reseed(plan.seed);
  const id = String(1_000_001 + index);
  const ethnicity = plan.uasc ? UASC_ETHNICITY.sample(random) : ETHNICITY.sample(random);
  const names = plan.uasc && ethnicity === 'AOTH' && random.chance(0.25) ? UASC_EAST_ASIAN : nameGroupFor(ethnicity, plan.uasc);
  const givenName = random.pick(plan.male ? names.male : names.female);
  const familyName = random.pick(names.family);
  const eighteenth = birthday(plan.dateOfBirth, 18);
  const lastPeriod = plan.periods[plan.periods.length - 1]!;
  const lastSeen = Math.min(asOf, lastPeriod.end);
  const schoolAge = lastSeen >= birthday(plan.dateOfBirth, 5);
  const upn =
    schoolAge && !(plan.uasc && random.chance(0.4))
      ? uniquePupilNumber(settings.laCode, 2000 + (Math.floor(index / 1000) % 8000), Number(iso(plan.dateOfBirth).slice(0, 4)) + 4, index % 1000)
      : null;
  const homePostcode = plan.uasc ? 'DM1 1' : random.pick(care.homePostcodes);
  const history = buildCareHistory(plan, care, random, homePostcode, shared.history);
  const needs = history.episodes.length > 0 ? history.episodes[0]!.categoryOfNeed : null;
  const disabled = plan.shortBreaks !== null || needs === 'N2' || random.chance(0.04);

  let uascCeasedDate: IsoDate | null = null;
  if (plan.uasc) {
    if (eighteenth <= asOf) uascCeasedDate = iso(eighteenth);
    const last = history.episodes[history.episodes.length - 1];
    if (last?.reasonCeased === 'E15' && last.end !== null) uascCeasedDate = last.end;
  }

  // Allocations and reviews, period by period.
  const allocations = shared.allocations;
  const reviews = shared.reviews;
  allocations.length = 0;
  reviews.length = 0;
  timeline.clear();
  let post = -1;
  const fourthBirthday = birthday(plan.dateOfBirth, 4);
  history.periods.forEach((run, i) => {
    const allocatedFrom = Math.min(addWorkingDaysToDayNumber(run.start, ALLOCATED_WITHIN.sample(random)), asOf);
    if (run.end !== null && allocatedFrom > run.end) return;
    // Children coming back into care keep their IRO where they can.
    const chosen = post >= 0 && random.chance(0.6) ? post : pickPost(workforce, random);
    const reason = run.shortBreaks ? 'Short breaks began' : i === 0 ? 'Became looked after' : 'Came back into care';
    post = allocate(workforce, random, id, allocatedFrom, run.end, asOf, chosen, reason, allocations, timeline);
    writer.walk({ childId: id, run, allocatedFrom, fourthBirthday, timeline, out: reviews });
  });

  return {
    child: {
      id,
      givenName,
      familyName,
      dateOfBirth: iso(plan.dateOfBirth),
      sex: plan.male ? 'M' : 'F',
      ethnicity,
      upn,
      uasc: plan.uasc,
      uascCeasedDate,
      disability: disabled ? random.pick(DISABILITIES) : null,
    },
    // Copies at their exact length: arrays grown by push keep spare room, which adds up over 250,000 children.
    episodes: history.episodes.slice(),
    allocations: allocations.slice(),
    reviews: reviews.slice(),
  };
}

export function generateDemoAuthority(options: DemoOptions): DemoAuthority {
  const { children, years, seed } = options;
  if (!Number.isInteger(children) || children < 1) throw new DemoOptionsError('children must be a whole number, 1 or more');
  if (!Number.isInteger(years) || years < 0 || years > 30) throw new DemoOptionsError('years must be a whole number from 0 to 30');
  if (!Number.isSafeInteger(seed)) throw new DemoOptionsError('seed must be a whole number');
  if (!isIsoDate(options.asOf)) throw new DemoOptionsError('asOf must be a date in the form YYYY-MM-DD');
  const asOf = toDayNumber(options.asOf);
  const windowStart = addMonthsToDay(asOf, -12 * years);

  // Every child looked after in the window is generated, with their whole history: complete from its first day.
  const settings: AuthoritySettings = { ...defaultSettings(), recordsCompleteFrom: fromDayNumber(windowStart) };
  const workforce = buildWorkforce({ children, windowStart, asOf, random: new Random(seed, 'staff') });
  const care = careSettings(children, asOf, new Random(seed, 'places'));
  const random = new Random(seed, 'children');
  const shared: Shared = {
    settings,
    workforce,
    care,
    random,
    writer: new ReviewWriter(random, asOf),
    timeline: new AllocationTimeline(),
    asOf,
    history: { episodes: [], periods: [] },
    allocations: [],
    reviews: [],
  };
  const records: ChildRecord[] = [];
  planPopulation({ children, windowStart, asOf, random: new Random(seed, 'population') }, (plan) => {
    records.push(buildChild(plan, records.length, shared));
  });
  return { settings, staff: workforce.staff, children: records };
}
