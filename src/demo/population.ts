// Who comes into care, when, and for how long: the skeleton of the demo authority. Children start to be
// looked after at a steady rate (national figures: about 0.4 starters a year per child in care) with the
// age mix of national starters, and each follows a path out of care (return home, adoption, special
// guardianship, a child arrangements order, staying until 18, ...) with a realistic length. Running this
// steady flow for 18 years before the window opens means the population in care at every 31 March of the
// window has the national shape (many teenagers, few babies) without being drawn separately. Skeletons
// are cheap (a handful of numbers each), so children who left before the window are drawn and dropped.

import { birthday, DAYS_PER_YEAR } from './days.ts';
import { Random, Weighted } from './random.ts';

export type CarePath = 'home' | 'adoption' | 'sgo' | 'cao' | 'long' | 'to18' | 'leave16' | 'other' | 'remand' | 'uasc' | 'short_breaks';

export interface PeriodPlan {
  start: number;
  /** The day the period ends if the story runs on; days after the as-of date are cut when records are built. */
  end: number;
  path: CarePath;
  /** Adoption: the day the placement order is made. */
  placementOrderDay: number;
  /** Adoption: the day the child is placed with adopters. */
  placedForAdoptionDay: number;
}

export interface ChildPlan {
  dateOfBirth: number;
  male: boolean;
  uasc: boolean;
  /** Short breaks (reg 48): V3 records each break as an episode, V4 records the agreement. */
  shortBreaks: 'V3' | 'V4' | null;
  periods: PeriodPlan[];
  /** Seeds the child's details, so each child's record depends only on its own plan. */
  seed: number;
}

type AgeGroup = 'infant' | 'toddler' | 'child' | 'teen' | 'older';

// National starters by age (DfE, children looked after in England, 2023-24), UASC drawn separately.
const ENTRY_AGE_GROUP = new Weighted<AgeGroup>([
  ['infant', 23],
  ['toddler', 13],
  ['child', 12],
  ['teen', 34],
  ['older', 18],
]);

const AGE_RANGE: Record<AgeGroup, readonly [number, number]> = {
  infant: [0, 1],
  toddler: [1, 5],
  child: [5, 10],
  teen: [10, 16],
  older: [16, 17.9],
};

// Paths out of care by age at entry: babies are adopted or go to special guardians; teenagers mostly
// return home or stay until 18. Tuned so that leavers by reason and the population by age match the
// national shape (see test/demo).
const PATHS: Record<AgeGroup, Weighted<CarePath>> = {
  infant: new Weighted<CarePath>([
    ['adoption', 31], ['home', 16], ['sgo', 24], ['cao', 3], ['long', 9], ['to18', 7], ['other', 10],
  ]),
  toddler: new Weighted<CarePath>([
    ['adoption', 16], ['home', 23], ['sgo', 22], ['cao', 4], ['long', 10], ['to18', 10], ['other', 15],
  ]),
  child: new Weighted<CarePath>([
    ['adoption', 2], ['home', 30], ['sgo', 17], ['cao', 4], ['long', 13], ['to18', 16], ['other', 18],
  ]),
  teen: new Weighted<CarePath>([
    ['home', 30], ['sgo', 4], ['cao', 2], ['long', 6], ['to18', 32], ['leave16', 7], ['other', 14], ['remand', 5],
  ]),
  older: new Weighted<CarePath>([['home', 24], ['to18', 54], ['leave16', 7], ['other', 11], ['remand', 4]]),
};

/** Share of starters who are unaccompanied asylum-seeking children (they stay for a short time, to 18). */
export const UASC_SHARE_OF_STARTERS = 0.13;
/** Children on short breaks, as a share of all children looked after on a day. */
export const SHORT_BREAKS_SHARE = 0.025;

const UASC_ENTRY_AGE = new Weighted<number>([
  [13, 3],
  [14, 8],
  [15, 22],
  [16, 40],
  [17, 27],
]);

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const years = (n: number) => Math.round(n * DAYS_PER_YEAR);

function dateOfBirthFor(random: Random, start: number, group: AgeGroup): number {
  if (group === 'infant') {
    // Many babies are removed at birth; the rest across the first year.
    return start - (random.chance(0.4) ? random.int(0, 6) : random.int(7, 364));
  }
  const [lo, hi] = AGE_RANGE[group];
  return start - Math.floor((lo + random.next() * (hi - lo)) * DAYS_PER_YEAR);
}

/** One period of care from its start: the path out and how long it lasts. */
export function planPeriod(random: Random, start: number, dateOfBirth: number, uasc: boolean, group: AgeGroup): PeriodPlan {
  const eighteenth = birthday(dateOfBirth, 18);
  const plan: PeriodPlan = { start, end: eighteenth, path: 'to18', placementOrderDay: 0, placedForAdoptionDay: 0 };
  if (uasc) {
    plan.path = 'uasc';
    const u = random.next();
    // Some move on early: the national transfer scheme, an age assessment finding them adult, going missing.
    if (u < 0.08) plan.end = start + random.int(7, 60);
    else if (u < 0.12) plan.end = start + random.int(30, 240);
    else if (u < 0.15) plan.end = start + random.int(30, 500);
    plan.end = Math.min(plan.end, eighteenth);
    return plan;
  }
  const path = PATHS[group].sample(random);
  plan.path = path;
  switch (path) {
    case 'home':
      plan.end = start + Math.max(1, Math.round(random.logNormal(150, 1.2)));
      break;
    case 'adoption': {
      // Care proceedings to a placement order, matching and placement, then the adoption order.
      const proceedings = Math.round(clamp(random.logNormal(250, 0.3), 90, 600));
      const matching = Math.round(clamp(random.logNormal(110, 0.5), 14, 400));
      const placed = Math.round(clamp(random.logNormal(190, 0.35), 75, 500));
      plan.placementOrderDay = start + proceedings;
      plan.placedForAdoptionDay = plan.placementOrderDay + matching;
      plan.end = plan.placedForAdoptionDay + placed;
      break;
    }
    case 'sgo':
      plan.end = start + Math.max(120, Math.round(random.logNormal(420, 0.45)));
      break;
    case 'cao':
      plan.end = start + Math.max(90, Math.round(random.logNormal(420, 0.5)));
      break;
    case 'long': {
      const earliest = start + years(3);
      const latest = eighteenth - 90;
      plan.end = latest > earliest ? earliest + Math.floor(random.next() * (latest - earliest)) : eighteenth;
      break;
    }
    case 'leave16': {
      const at = birthday(dateOfBirth, 16) + random.int(0, 700);
      plan.end = Math.max(at, start + 30);
      break;
    }
    case 'other':
      plan.end = start + Math.max(1, Math.round(random.logNormal(110, 1.3)));
      break;
    case 'remand':
      plan.end = start + Math.round(clamp(random.logNormal(45, 0.8), 1, 240));
      break;
    default:
      break;
  }
  if (plan.end >= eighteenth) {
    plan.end = eighteenth;
    if (path === 'adoption' || path === 'sgo' || path === 'cao') plan.path = 'to18';
  }
  return plan;
}

function groupAt(ageYears: number): AgeGroup {
  if (ageYears < 1) return 'infant';
  if (ageYears < 5) return 'toddler';
  if (ageYears < 10) return 'child';
  if (ageYears < 16) return 'teen';
  return 'older';
}

/** A child who starts to be looked after on `start`, with any later periods of care. */
export function planChild(random: Random, start: number): ChildPlan {
  const uasc = random.chance(UASC_SHARE_OF_STARTERS);
  let dateOfBirth: number;
  let group: AgeGroup;
  let male: boolean;
  if (uasc) {
    dateOfBirth = start - Math.floor((UASC_ENTRY_AGE.sample(random) + random.next() * 0.98) * DAYS_PER_YEAR);
    group = 'teen';
    male = random.chance(0.92);
  } else {
    group = ENTRY_AGE_GROUP.sample(random);
    dateOfBirth = dateOfBirthFor(random, start, group);
    male = random.chance(0.535);
  }
  const periods = [planPeriod(random, start, dateOfBirth, uasc, group)];
  const eighteenth = birthday(dateOfBirth, 18);
  // Some children who go home come back into care: a new period, and the review clock starts again.
  for (let n = 1; n < 3; n += 1) {
    const last = periods[periods.length - 1]!;
    const mayReturn = last.path === 'home' ? 0.13 : last.path === 'other' ? 0.06 : 0;
    if (!random.chance(mayReturn)) break;
    const again = last.end + Math.max(30, Math.round(random.logNormal(330, 0.8)));
    if (again >= eighteenth - 90) break;
    periods.push(planPeriod(random, again, dateOfBirth, false, groupAt((again - dateOfBirth) / DAYS_PER_YEAR)));
  }
  return { dateOfBirth, male, uasc, shortBreaks: null, periods, seed: random.nextUint32() };
}

/** A child who has an agreed series of short breaks (reg 48), most often a disabled child. */
export function planShortBreakChild(random: Random, start: number): ChildPlan {
  const dateOfBirth = start - Math.floor((4 + random.next() * 12.5) * DAYS_PER_YEAR);
  const eighteenth = birthday(dateOfBirth, 18);
  const end = Math.min(eighteenth, start + Math.max(120, Math.round(random.logNormal(years(2.5), 0.6))));
  return {
    dateOfBirth,
    male: random.chance(0.64),
    uasc: false,
    shortBreaks: random.chance(0.2) ? 'V3' : 'V4',
    periods: [{ start, end, path: 'short_breaks', placementOrderDay: 0, placedForAdoptionDay: 0 }],
    seed: random.nextUint32(),
  };
}

export interface PopulationOptions {
  /** Children looked after on the as-of date (the target; the drawn number is close to it). */
  children: number;
  windowStart: number;
  asOf: number;
  random: Random;
}

const SPAN_BEFORE_WINDOW = years(18) + 31;

let meanDaysCache: { main: number; shortBreaks: number } | null = null;

/**
 * Mean days in care per starter under the model, from a fixed pilot sample: with Little's law it turns the
 * number of children wanted in care into a rate of starters. Fixed seed, so it is the same every run.
 */
export function meanDaysInCarePerStarter(): { main: number; shortBreaks: number } {
  if (meanDaysCache) return meanDaysCache;
  const pilot = new Random(0x5eed, 'pilot');
  const sample = 60_000;
  let main = 0;
  let breaks = 0;
  for (let i = 0; i < sample; i += 1) {
    for (const p of planChild(pilot, 20_000).periods) main += p.end - p.start;
    for (const p of planShortBreakChild(pilot, 20_000).periods) breaks += p.end - p.start;
  }
  meanDaysCache = { main: main / sample, shortBreaks: breaks / sample };
  return meanDaysCache;
}

/**
 * Every child whose time in care reaches into the window (windowStart to asOf), in order of first entry,
 * handed to `take` one at a time so that a large authority never holds all the skeletons at once.
 * Starters arrive uniformly over the 18 years before the window and the window itself.
 */
export function planPopulation(options: PopulationOptions, take: (plan: ChildPlan) => void): void {
  const { children, windowStart, asOf, random } = options;
  const first = windowStart - SPAN_BEFORE_WINDOW;
  const span = asOf - first + 1;
  const mean = meanDaysInCarePerStarter();
  const mainCount = Math.round((children * (1 - SHORT_BREAKS_SHARE) * span) / mean.main);
  const breakCount = Math.round((children * SHORT_BREAKS_SHARE * span) / mean.shortBreaks);
  const starts = new Int32Array(mainCount + breakCount);
  for (let i = 0; i < starts.length; i += 1) {
    let day = first + Math.floor(random.next() * span);
    // Fewer children come into care at weekends: some of those arrivals are recorded the Monday after.
    const dow = (((day + 4) % 7) + 7) % 7;
    if ((dow === 6 || dow === 0) && random.chance(0.5)) day = Math.min(asOf, day + (dow === 6 ? 2 : 1));
    // The low bit marks a short-break child, so one sort keeps both kinds in date order.
    starts[i] = day * 2 + (i < mainCount ? 0 : 1);
  }
  starts.sort();
  for (let i = 0; i < starts.length; i += 1) {
    const code = starts[i]!;
    const day = code >> 1;
    const plan = (code & 1) === 0 ? planChild(random, day) : planShortBreakChild(random, day);
    const last = plan.periods[plan.periods.length - 1]!;
    if (last.end < windowStart) continue;
    // Later periods that would start after the as-of date have not happened yet.
    while (plan.periods.length > 1 && plan.periods[plan.periods.length - 1]!.start > asOf) plan.periods.pop();
    take(plan);
  }
}
