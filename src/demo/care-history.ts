// A child's SSDA903 episodes from the skeleton of their time in care: the legal route (police protection
// or s20 first, care proceedings under an interim order, then a care or placement order), placements and
// moves (short-term foster care matched long term, children's homes, supported accommodation at 16,
// placed with parents before a care order is discharged, placed for adoption), and the reason each
// period ended, all consistent with the return's rules (RNE against what changed, the reason for a
// placement change on the episode that ends, special guardianship to former foster carers only from
// foster care, staying put only at 18). Days after the as-of date have not happened: episodes are cut there.

import type { Episode } from '../domain/register.ts';
import { toDayNumber } from '../domain/dates.ts';
import { birthday, DAYS_PER_YEAR, iso } from './days.ts';
import type { ChildPlan, PeriodPlan } from './population.ts';
import { Random, Weighted } from './random.ts';

/** Registered supported accommodation (K3) replaces semi-independent living (H5) in the 2024-25 return. */
const SUPPORTED_ACCOMMODATION_FROM = toDayNumber('2024-04-01');

export interface Home {
  urn: string;
  postcode: string;
}

/** What the authority's episodes draw on: its postcodes and the children's homes it uses. */
export interface CareSettings {
  asOf: number;
  homePostcodes: readonly string[];
  outOfAreaPostcodes: readonly string[];
  childrensHomes: readonly Home[];
  secureHomes: readonly Home[];
  supportedAccommodation: readonly Home[];
}

/** What the review clock and allocations need to know about a period, beyond its episodes. */
export interface PeriodFacts {
  start: number;
  /** Last day looked after in the data; null while the period (or the series of short breaks) goes on at the as-of date. */
  end: number | null;
  /**
   * The last day a review can be held inside the run as the clock reads the data: the end of the period, the
   * as-of date, or for a V3 series between breaks the end of the latest break.
   */
  reviewsUntil: number;
  /** Starts of placements for adoption. */
  adoptionPlacements: number[];
  /** Days the child moved to a different carer: sometimes the IRO brings the review forward. */
  moves: number[];
  shortBreaks: boolean;
}

export interface CareHistory {
  episodes: Episode[];
  /** One entry per period of care, or per short-break series (V3 breaks form one series). */
  periods: PeriodFacts[];
}

interface Placement {
  type: string;
  provider: string;
  postcode: string | null;
  urn: string | null;
  carer: number;
  /** Semi-independent living: the home's URN once it is registered as supported accommodation. */
  registeredUrn: string | null;
}

interface Change {
  day: number;
  legal: string | null;
  placement: Placement | null;
  /** REASON_PLACE_CHANGE for the episode ending on this day, when the placement changes. */
  reason: string | null;
}

const MOVE_REASONS = new Weighted<string>([
  ['CARPL', 40], ['CREQB', 15], ['CREQO', 12], ['LAREQ', 8], ['CHILD', 7], ['STAND', 4], ['ALLEG', 4],
  ['CLOSE', 5], ['APPRR', 1], ['OTHER', 4],
]);

const NEED_MAIN = new Weighted<string>([
  ['N1', 66], ['N2', 3], ['N3', 3], ['N4', 8], ['N5', 14], ['N6', 3], ['N7', 0.3], ['N8', 3],
]);

// Special guardianship orders: to former foster carers who are relatives or friends (E45) or not (E46), to
// other relatives or friends (E47), to others (E48).
const SGO_KINDS = new Weighted<string>([['E45', 40], ['E46', 20], ['E47', 30], ['E48', 10]]);
/** How a period ends when the child comes back into care later. */
const LEFT_BEFORE_RETURNING = new Weighted<string>([['E4A', 60], ['E4B', 15], ['E13', 15], ['E8', 10]]);

const FOSTER_PROVIDER = new Weighted<string>([['PR1', 55], ['PR4', 40], ['PR5', 5]]);
const HOME_PROVIDER = new Weighted<string>([['PR4', 75], ['PR1', 15], ['PR5', 10]]);

const isKin = (type: string) => type === 'U1' || type === 'U2' || type === 'U3';
const isFoster = (type: string) => type.length === 2 && type[0] === 'U';
const isAdoption = (type: string) => type[0] === 'A';

class EpisodeBuilder {
  private carers = 0;
  constructor(
    private readonly random: Random,
    private readonly care: CareSettings,
    private readonly homePostcode: string | null,
  ) {}

  private awayPostcode(inAreaShare: number): string {
    const r = this.random;
    let postcode = r.chance(inAreaShare) ? r.pick(this.care.homePostcodes) : r.pick(this.care.outOfAreaPostcodes);
    if (postcode === this.homePostcode) postcode = r.pick(this.care.outOfAreaPostcodes);
    return postcode;
  }

  placement(type: string, day: number): Placement {
    const r = this.random;
    this.carers += 1;
    const carer = this.carers;
    let t = type;
    if (t === 'H5' && day >= SUPPORTED_ACCOMMODATION_FROM) t = 'K3';
    switch (t) {
      case 'P1':
        return { type: t, provider: 'PR0', postcode: this.homePostcode, urn: null, carer, registeredUrn: null };
      case 'K2':
      case 'K1':
      case 'K3':
      case 'H5': {
        const pool = t === 'K2' ? this.care.childrensHomes : t === 'K1' ? this.care.secureHomes : this.care.supportedAccommodation;
        const home = r.pick(pool);
        const provider = t === 'K1' ? (r.chance(0.5) ? 'PR1' : 'PR2') : HOME_PROVIDER.sample(r);
        const postcode = home.postcode === this.homePostcode ? r.pick(this.care.outOfAreaPostcodes) : home.postcode;
        return { type: t, provider, postcode, urn: t === 'H5' ? null : home.urn, carer, registeredUrn: home.urn };
      }
      case 'A5':
      case 'A6':
        return { type: t, provider: r.chance(0.8) ? 'PR1' : 'PR5', postcode: this.awayPostcode(0.45), urn: null, carer, registeredUrn: null };
      case 'R3':
        return { type: t, provider: r.chance(0.6) ? 'PR4' : 'PR5', postcode: this.awayPostcode(0.5), urn: null, carer, registeredUrn: null };
      case 'R5':
        return { type: t, provider: 'PR3', postcode: r.pick(this.care.outOfAreaPostcodes), urn: null, carer, registeredUrn: null };
      case 'R2':
        return { type: t, provider: 'PR3', postcode: this.awayPostcode(0.6), urn: null, carer, registeredUrn: null };
      case 'S1':
        return { type: t, provider: 'PR4', postcode: r.pick(this.care.outOfAreaPostcodes), urn: null, carer, registeredUrn: null };
      default: {
        const provider = isKin(t) ? 'PR1' : FOSTER_PROVIDER.sample(r);
        return { type: t, provider, postcode: this.awayPostcode(isKin(t) ? 0.7 : provider === 'PR1' ? 0.75 : 0.45), urn: null, carer, registeredUrn: null };
      }
    }
  }

  /** The same carer, a different placement type (matched long term; supported accommodation registered). */
  sameCarer(previous: Placement, type: string): Placement {
    return { ...previous, type };
  }

  /**
   * A move to another carer must show in the return (rule 435): if the new placement happens to have the
   * same type, provider, postcode and URN as the last, it is somewhere else in fact, so its postcode differs.
   */
  distinctFrom(next: Placement, previous: Placement): Placement {
    if (next.type !== previous.type || next.provider !== previous.provider || next.urn !== previous.urn || next.postcode !== previous.postcode) return next;
    let postcode = next.postcode;
    while (postcode === previous.postcode || postcode === this.homePostcode) postcode = this.random.pick(this.care.outOfAreaPostcodes);
    return { ...next, postcode };
  }
}

function firstPlacementType(random: Random, age: number, plan: ChildPlan, period: PeriodPlan): string {
  const r = random.next();
  if (plan.uasc) return age < 16 ? (r < 0.78 ? 'U6' : r < 0.83 ? 'U4' : 'K2') : r < 0.85 ? 'H5' : r < 0.97 ? 'U6' : 'K2';
  if (period.path === 'remand') return r < 0.5 ? 'K2' : r < 0.7 ? 'U6' : r < 0.85 ? 'K1' : 'R5';
  if (age < 1) return r < 0.6 ? 'U6' : r < 0.8 ? 'U3' : r < 0.9 ? 'R3' : 'U5';
  if (age < 5) return r < 0.68 ? 'U6' : r < 0.93 ? 'U3' : r < 0.96 ? 'U4' : 'U5';
  if (age < 10) return r < 0.65 ? 'U6' : r < 0.9 ? 'U3' : r < 0.95 ? 'K2' : 'U4';
  if (age < 16) return r < 0.5 ? 'U6' : r < 0.64 ? 'U3' : r < 0.93 ? 'K2' : r < 0.95 ? 'K1' : r < 0.97 ? 'S1' : r < 0.98 ? 'R2' : 'U4';
  return r < 0.4 ? 'H5' : r < 0.65 ? 'U6' : r < 0.87 ? 'K2' : r < 0.96 ? 'U3' : 'U4';
}

function nextPlacementType(random: Random, age: number, uasc: boolean): string {
  const r = random.next();
  if (uasc) return age < 16 ? (r < 0.6 ? 'U6' : r < 0.9 ? 'K2' : 'U4') : r < 0.85 ? 'H5' : r < 0.95 ? 'U6' : 'K2';
  if (age < 10) return r < 0.6 ? 'U6' : r < 0.75 ? 'U4' : r < 0.93 ? 'U3' : r < 0.97 ? 'U1' : 'K2';
  if (age < 16) return r < 0.42 ? 'U6' : r < 0.52 ? 'U4' : r < 0.6 ? 'U3' : r < 0.95 ? 'K2' : r < 0.97 ? 'K1' : r < 0.99 ? 'S1' : 'R2';
  return r < 0.45 ? 'H5' : r < 0.65 ? 'U6' : r < 0.9 ? 'K2' : r < 0.97 ? 'U3' : 'U4';
}

/** Mean days a placement of this type lasts before a move, when nothing planned ends it first. */
function meanStay(type: string): number {
  switch (type) {
    case 'U6':
    case 'U5':
      return 420;
    case 'U3':
      return 900;
    case 'U4':
    case 'U1':
    case 'U2':
      // Long-term foster care mostly lasts: about two in three children under 16 looked after for 2½ years have
      // been with the same carers for 2 years, near what councils report (Nottingham's 2021-22 report: 71.6%),
      // rather than one in two.
      return 3200;
    case 'K2':
      return 480;
    case 'K1':
      return 120;
    case 'R3':
      return 110;
    case 'H5':
    case 'K3':
      return 480;
    case 'P1':
      return 2000;
    default:
      return 300;
  }
}

type Rec = string;

function reasonAt18(random: Random, placement: string): Rec {
  const r = random.next();
  if (isFoster(placement)) return r < 0.55 ? 'E17' : r < 0.8 ? 'E5' : r < 0.9 ? 'E8' : 'E13';
  if (placement === 'H5' || placement === 'K3') return r < 0.65 ? 'E5' : r < 0.8 ? 'E6' : r < 0.9 ? 'E8' : 'E13';
  if (placement === 'P1') return r < 0.6 ? 'E8' : 'E13';
  return r < 0.45 ? 'E5' : r < 0.55 ? 'E6' : r < 0.65 ? 'E7' : r < 0.85 ? 'E8' : 'E13';
}

/**
 * Legal statuses over a period that goes through care proceedings: [day, status] in order, the interim
 * order starting well before `latest` (the placement order, or the end of care). Returns the day the
 * proceedings would conclude.
 */
function proceedings(random: Random, period: PeriodPlan, age: number, latest: number, legal: [number, string][]): number {
  const { start } = period;
  let day = start;
  const r = random.next();
  if (r < 0.12 && latest - start > 30) {
    legal.push([day, random.chance(0.6) ? 'L2' : 'L1']);
    day += random.int(1, 8);
  } else if (r < 0.35 && latest - start > 180 && age >= 1) {
    legal.push([day, 'V2']);
    day += random.int(20, Math.min(120, latest - start - 60));
  }
  legal.push([day, 'C1']);
  const length = Math.round(Math.min(700, Math.max(60, random.logNormal(190, 0.35))));
  return day + length;
}

/**
 * The child's episodes and periods. The arrays in `into` are emptied and filled, so one pair can serve
 * child after child; callers keep copies.
 */
export function buildCareHistory(plan: ChildPlan, care: CareSettings, random: Random, homePostcode: string | null, into: CareHistory): CareHistory {
  const { episodes, periods } = into;
  episodes.length = 0;
  periods.length = 0;
  if (plan.shortBreaks) {
    buildShortBreaks(plan, care, random, episodes, periods);
    return into;
  }
  const builder = new EpisodeBuilder(random, care, homePostcode);
  const eighteenth = birthday(plan.dateOfBirth, 18);
  const sixteenth = birthday(plan.dateOfBirth, 16);
  plan.periods.forEach((period, index) => {
    if (period.start > care.asOf) return;
    const hasNext = index + 1 < plan.periods.length;
    const { start, end, path } = period;
    const ageAt = (day: number) => (day - plan.dateOfBirth) / DAYS_PER_YEAR;
    const age = ageAt(start);
    const need = plan.uasc ? (random.chance(0.9) ? 'N8' : 'N4') : path === 'remand' ? (random.chance(0.6) ? 'N6' : 'N5') : NEED_MAIN.sample(random);

    // Legal route.
    const legal: [number, string][] = [];
    let rec: Rec;
    const sgoKind = path === 'sgo' ? SGO_KINDS.sample(random) : '';
    const careProceedings =
      path === 'adoption' || path === 'sgo' || path === 'cao'
        ? true
        : path === 'home'
          ? random.chance(age < 1 ? 0.4 : age < 10 ? 0.25 : 0.08)
          : path === 'long' || path === 'to18'
            ? random.chance(age < 10 ? 0.95 : age < 16 ? 0.85 : 0.4)
            : path === 'other' || path === 'leave16'
              ? random.chance(0.2)
              : false;
    if (plan.uasc) legal.push([start, 'V2']);
    else if (path === 'remand') legal.push([start, 'J1']);
    else if (!careProceedings) {
      legal.push([start, 'V2']);
      // Accommodation under s20 that drifts on ends in care proceedings.
      if ((path === 'long' || path === 'to18') && end - start > 365 && random.chance(0.55)) {
        const issued = start + random.int(60, 365);
        legal.push([issued, 'C1']);
        legal.push([issued + Math.round(Math.min(700, Math.max(60, random.logNormal(250, 0.35)))), 'C2']);
      }
    }
    else if (path === 'adoption') {
      proceedings(random, period, age, period.placementOrderDay, legal);
      legal.push([period.placementOrderDay, 'E1']);
    } else {
      let concluded = proceedings(random, period, age, end, legal);
      // Special guardianship, child arrangements orders and many returns home conclude the proceedings.
      const endsWithProceedings =
        (path === 'sgo' && random.chance(0.4)) || (path === 'cao' && random.chance(0.6)) || (path === 'home' && random.chance(0.4));
      if (endsWithProceedings) concluded = Math.max(concluded, end);
      if (concluded < end) legal.push([concluded, (path === 'long' || path === 'to18') && age < 5 && random.chance(0.05) ? 'E1' : 'C2']);
    }

    // Placements, with moves.
    const changes: Change[] = [];
    let current = builder.placement(firstPlacementType(random, age, plan, period), start);
    if (sgoKind === 'E45' && random.chance(0.7) && !isKin(current.type)) current = builder.placement('U3', start);
    changes.push({ day: start, legal: null, placement: current, reason: null });
    // The last stretch of some paths is a planned placement: home to parents, adopters, kinship carers.
    let plannedDay = end;
    let planned: (() => Change | null) | null = null;
    if (path === 'adoption') {
      plannedDay = period.placedForAdoptionDay;
      planned = () => {
        const withCarers = random.chance(0.25) && isFoster(lastPlacement().type);
        return {
          day: plannedDay,
          legal: null,
          placement: withCarers ? builder.sameCarer(lastPlacement(), 'A5') : builder.placement('A6', plannedDay),
          reason: 'CARPL',
        };
      };
    } else if (path === 'home' && careProceedings && end - start > 240 && random.chance(0.7)) {
      plannedDay = end - random.int(60, Math.min(365, Math.floor((end - start) / 2)));
      planned = () => ({ day: plannedDay, legal: null, placement: builder.placement('P1', plannedDay), reason: 'CARPL' });
    } else if ((path === 'long' || path === 'to18') && careProceedings && end - start > 900 && random.chance(path === 'long' ? 0.45 : 0.15)) {
      // Placed with parents under the care order for the last years before it is discharged (or 18).
      plannedDay = end - random.int(365, Math.min(1100, Math.floor((end - start) / 2)));
      planned = () => ({ day: plannedDay, legal: null, placement: builder.placement('P1', plannedDay), reason: 'CARPL' });
    } else if (sgoKind === 'E45' && end - start > 200) {
      plannedDay = end - random.int(90, Math.floor((end - start) * 0.6));
      planned = () =>
        isKin(lastPlacement().type) ? null : { day: plannedDay, legal: null, placement: builder.placement('U3', plannedDay), reason: 'CARPL' };
    }
    function lastPlacement(): Placement {
      return changes[changes.length - 1]!.placement!;
    }
    const fosterOnly = sgoKind === 'E45' || sgoKind === 'E46';
    let day = start;
    let first = true;
    while (true) {
      const type = current.type;
      let stay = Math.max(3, Math.round(random.exponential(meanStay(type))));
      // Emergency placements often last days or weeks before a planned one is found.
      if (first && random.chance(0.22)) stay = random.int(3, 60);
      first = false;
      let next = day + stay;
      let nextPlacement: Placement;
      let reason: string;
      const atNext = ageAt(next);
      // At 16 many young people in short-term foster care or children's homes move to supported accommodation.
      const stepDown = (type === 'U6' || type === 'K2') && !fosterOnly && path !== 'adoption' && day < sixteenth + 200 && next > sixteenth + 200;
      if (stepDown && random.chance(0.45)) {
        next = Math.max(day + 30, sixteenth + random.int(0, 300));
        nextPlacement = builder.placement('H5', next);
        reason = 'CARPL';
      } else if ((type === 'U6' || type === 'U3') && next - day > 180 && atNext < 16 && path !== 'adoption' && random.chance(0.6)) {
        // Matched long term with the same carers (most children who stay with short-term carers half a year): a
        // change of placement type only.
        nextPlacement = builder.sameCarer(current, type === 'U6' ? 'U4' : 'U1');
        reason = 'CARPL';
      } else {
        let nextType = nextPlacementType(random, atNext, plan.uasc);
        if (fosterOnly && !isFoster(nextType)) nextType = sgoKind === 'E45' ? 'U3' : 'U6';
        if (sgoKind === 'E45' && !isKin(nextType)) nextType = 'U3';
        nextPlacement = builder.placement(nextType, next);
        reason = MOVE_REASONS.sample(random);
      }
      if (next >= plannedDay - 14 || next >= end - 3 || next > care.asOf) break;
      changes.push({ day: next, legal: null, placement: nextPlacement, reason });
      current = nextPlacement;
      day = next;
    }
    if (planned && plannedDay > day && plannedDay < end) {
      const change = planned();
      if (change) changes.push(change);
    }
    // Semi-independent living became registered supported accommodation: same home, new placement type.
    for (let i = 0; i < changes.length; i += 1) {
      const c = changes[i]!;
      const until = i + 1 < changes.length ? changes[i + 1]!.day : end;
      if (c.placement!.type === 'H5' && c.day < SUPPORTED_ACCOMMODATION_FROM && until > SUPPORTED_ACCOMMODATION_FROM) {
        const registered: Placement = { ...c.placement!, type: 'K3', urn: c.placement!.registeredUrn };
        changes.splice(i + 1, 0, { day: SUPPORTED_ACCOMMODATION_FROM, legal: null, placement: registered, reason: 'PLACE' });
        i += 1;
      }
    }
    for (let i = 1; i < changes.length; i += 1) {
      const previous = changes[i - 1]!.placement!;
      const c = changes[i]!;
      if (c.placement!.carer !== previous.carer) c.placement = builder.distinctFrom(c.placement!, previous);
    }
    current = changes[changes.length - 1]!.placement!;

    // Why the period ended.
    const final = current.type;
    if (end >= eighteenth) rec = reasonAt18(random, final);
    else if (plan.uasc) rec = end - start <= 60 ? 'E3' : random.chance(0.5) ? 'E15' : 'E8';
    else if (hasNext) rec = LEFT_BEFORE_RETURNING.sample(random);
    else {
      switch (path) {
        case 'adoption':
          rec = isAdoption(final) ? (random.chance(0.6) ? 'E12' : 'E11') : 'E8';
          break;
        case 'sgo':
          // Special guardianship to former foster carers needs the child to be with them when it is made.
          rec = sgoKind === 'E45' && !isKin(final) ? 'E47' : sgoKind === 'E46' && !isFoster(final) ? 'E48' : sgoKind;
          break;
        case 'cao':
          rec = 'E41';
          break;
        case 'home':
          rec = random.chance(0.88) ? 'E4A' : 'E4B';
          break;
        case 'remand':
          rec = random.chance(0.7) ? 'E14' : random.chance(0.67) ? 'E9' : 'E4B';
          break;
        case 'leave16':
          rec = random.chance(0.55) ? 'E5' : random.chance(0.33) ? 'E6' : 'E13';
          break;
        case 'long': {
          const r = random.next();
          if (final === 'P1') rec = r < 0.85 ? 'E4A' : 'E41';
          else if (ageAt(end) >= 16) rec = r < 0.35 ? 'E5' : r < 0.6 ? 'E13' : r < 0.85 ? 'E4A' : 'E8';
          else if (isKin(final) && r < 0.45) rec = 'E45';
          else if (isFoster(final) && r < 0.3) rec = 'E46';
          else rec = r < 0.55 ? 'E4A' : r < 0.7 ? 'E41' : r < 0.9 ? 'E13' : 'E8';
          break;
        }
        default: {
          const r = random.next();
          const older = ageAt(end) >= 12;
          rec = r < 0.35 ? 'E13' : r < 0.6 ? 'E8' : r < 0.75 ? 'E4B' : r < 0.82 ? 'E3' : r < 0.87 ? 'E16' : r < 0.93 ? 'E41' : older ? 'E9' : 'E4A';
          if (r > 0.997) rec = 'E2';
        }
      }
    }

    // Merge legal and placement changes into episodes.
    legal.sort((x, y) => x[0] - y[0]);
    const events: Change[] = [];
    let li = 0;
    let pi = 0;
    while (li < legal.length || pi < changes.length) {
      const l = legal[li];
      const p = changes[pi];
      const ld = l ? l[0] : Number.POSITIVE_INFINITY;
      const pd = p ? p.day : Number.POSITIVE_INFINITY;
      const d = Math.min(ld, pd);
      const e: Change = { day: d, legal: null, placement: null, reason: null };
      while (li < legal.length && legal[li]![0] === d) e.legal = legal[li++]![1];
      while (pi < changes.length && changes[pi]!.day === d) {
        e.placement = changes[pi]!.placement;
        e.reason = changes[pi]!.reason;
        pi += 1;
      }
      if (d >= end && d !== start) continue;
      if (d > care.asOf) continue;
      events.push(e);
    }
    const open = end > care.asOf;
    let ls = '';
    let pl: Placement | null = null;
    const moves: number[] = [];
    const adoptionPlacements: number[] = [];
    const firstEpisode = episodes.length;
    events.forEach((e, i) => {
      const legalChanged = e.legal !== null && e.legal !== ls;
      const placementChanged = e.placement !== null && e.placement !== pl;
      if (i > 0 && !legalChanged && !placementChanged) return;
      const sameCarer = placementChanged && pl !== null && e.placement!.carer === pl.carer;
      const rne =
        i === 0 ? 'S' : legalChanged && placementChanged ? (sameCarer ? 'U' : 'B') : legalChanged ? 'L' : sameCarer ? 'T' : 'P';
      if (i > 0) {
        const previous = episodes[episodes.length - 1]!;
        previous.end = iso(e.day);
        previous.reasonCeased = 'X1';
        previous.reasonPlacementChange = placementChanged ? e.reason ?? 'OTHER' : null;
        if (placementChanged && !sameCarer) moves.push(e.day);
      }
      if (legalChanged) ls = e.legal!;
      if (placementChanged) {
        if (isAdoption(e.placement!.type) && !(pl && isAdoption(pl.type))) adoptionPlacements.push(e.day);
        pl = e.placement;
      }
      const p = pl!;
      episodes.push({
        start: iso(e.day),
        reasonNewEpisode: rne,
        legalStatus: ls,
        categoryOfNeed: need,
        placementType: p.type,
        placementProvider: p.provider,
        end: null,
        reasonCeased: null,
        reasonPlacementChange: null,
        homePostcode: homePostcode,
        placementPostcode: p.postcode,
        urn: p.urn,
      });
    });
    if (!open) {
      const last = episodes[episodes.length - 1]!;
      last.end = iso(end);
      last.reasonCeased = rec;
    }
    if (episodes.length > firstEpisode) {
      periods.push({ start, end: open ? null : end, reviewsUntil: open ? care.asOf : end, adoptionPlacements, moves, shortBreaks: false });
    }
  });
  return into;
}

/** Short breaks: V4 records the agreement as one episode; V3 records each break (RNE S each time). */
function buildShortBreaks(plan: ChildPlan, care: CareSettings, random: Random, episodes: Episode[], periods: PeriodFacts[]): void {
  const period = plan.periods[0]!;
  const eighteenth = birthday(plan.dateOfBirth, 18);
  const type = random.chance(0.35) ? 'K2' : random.chance(0.5) ? 'U4' : 'U6';
  const urn = type === 'K2' ? random.pick(care.childrensHomes).urn : null;
  const need = random.chance(0.9) ? 'N2' : 'N3';
  const provider = type === 'K2' ? 'PR1' : random.chance(0.8) ? 'PR1' : 'PR4';
  const episode = (start: number, end: number | null, legalStatus: string, reasonCeased: string | null): Episode => ({
    start: iso(start),
    reasonNewEpisode: 'S',
    legalStatus,
    categoryOfNeed: need,
    placementType: type,
    placementProvider: provider,
    end: end === null ? null : iso(end),
    reasonCeased,
    reasonPlacementChange: null,
    // No distances for short breaks in the return, so no postcodes.
    homePostcode: null,
    placementPostcode: null,
    urn,
  });
  const atEnd = () => (period.end >= eighteenth ? (random.chance(0.45) ? 'E7' : 'E8') : 'E8');
  if (plan.shortBreaks === 'V4') {
    const open = period.end > care.asOf;
    episodes.push(episode(period.start, open ? null : period.end, 'V4', open ? null : atEnd()));
    const end = open ? null : period.end;
    periods.push({ start: period.start, end, reviewsUntil: end ?? care.asOf, adoptionPlacements: [], moves: [], shortBreaks: true });
    return;
  }
  // A break of a few nights every few weeks until the series ends.
  let day = period.start;
  let lastEnd = day;
  let inBreak = false;
  while (day < period.end && day <= care.asOf) {
    const breakEnd = Math.min(day + random.int(1, 4), period.end);
    if (breakEnd > care.asOf) {
      episodes.push(episode(day, null, 'V3', null));
      inBreak = true;
      break;
    }
    episodes.push(episode(day, breakEnd, 'V3', breakEnd >= eighteenth ? atEnd() : 'E4A'));
    lastEnd = breakEnd;
    day = breakEnd + random.int(10, 40);
  }
  const goesOn = inBreak || period.end > care.asOf;
  periods.push({
    start: period.start,
    end: goesOn ? null : lastEnd,
    reviewsUntil: inBreak ? care.asOf : lastEnd,
    adoptionPlacements: [],
    moves: [],
    shortBreaks: true,
  });
}
