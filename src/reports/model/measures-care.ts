// Who was looked after, who started and who stopped in a reporting period, read from SSDA903 episodes the
// way the DfE's tables read them; worked out once per period and shared by the sections that show them.

import { SHORT_BREAK_LEGAL_STATUSES, type Sex } from '../../domain/codes.ts';
import { addMonths, ageInYears, type IsoDate } from '../../domain/dates.ts';
import type { PeriodOfCare } from '../../domain/register.ts';
import type { ReportContext } from './context.ts';
import { careAtEndOf, isUascOn, overlaps, type CareOnDate, type ChildFacts } from './facts.ts';
import type { ReportPeriodInfo } from './types.ts';

export type AgeBand = 'under_1' | '1_4' | '5_9' | '10_15' | '16_plus' | 'unknown';
export const AGE_BANDS: readonly { key: AgeBand; label: string }[] = [
  { key: 'under_1', label: 'Under 1' },
  { key: '1_4', label: '1 to 4' },
  { key: '5_9', label: '5 to 9' },
  { key: '10_15', label: '10 to 15' },
  { key: '16_plus', label: '16 and over' },
  { key: 'unknown', label: 'Date of birth not recorded' },
];

export function ageBand(age: number | null): AgeBand {
  if (age === null) return 'unknown';
  if (age < 1) return 'under_1';
  if (age < 5) return '1_4';
  if (age < 10) return '5_9';
  if (age < 16) return '10_15';
  return '16_plus';
}

/** Westminster's Table B groups: UASC are shown apart only from age 14. */
export type EntrantGroup = '0_5' | '6_13' | '14_plus' | '14_plus_uasc' | 'unknown';
export const ENTRANT_GROUPS: readonly { key: EntrantGroup; label: string }[] = [
  { key: '0_5', label: '0 to 5' },
  { key: '6_13', label: '6 to 13' },
  { key: '14_plus', label: '14 and over (not UASC)' },
  { key: '14_plus_uasc', label: '14 and over (UASC)' },
  { key: 'unknown', label: 'Date of birth not recorded' },
];

export function entrantGroup(age: number | null, uasc: boolean): EntrantGroup {
  if (age === null) return 'unknown';
  if (age <= 5) return '0_5';
  if (age <= 13) return '6_13';
  return uasc ? '14_plus_uasc' : '14_plus';
}

export function ageOn(facts: ChildFacts, date: IsoDate): number | null {
  return facts.dateOfBirth === null || facts.dateOfBirth > date ? null : ageInYears(facts.dateOfBirth, date);
}

/**
 * A child looked after at the end of a period, with what the tables show of them and of the episode they were then
 * in. Only these values are kept, not the episode or period of care: the child's record is let go once counted, and a
 * national-sized register has half a million of these across the periods compared.
 */
export interface LookedAfterChild {
  facts: ChildFacts;
  age: number | null;
  uasc: boolean;
  sex: Sex;
  ethnicity: string | null;
  legalStatus: string;
  placementType: string;
  placementProvider: string | null;
  /** The day the period of care began. */
  careStart: IsoDate;
  /** The day the child began living with the carers they had at the end of the period (see sameCarerSince). */
  sameCarerFrom: IsoDate;
}

export interface PopulationAtEnd {
  /** Looked after at the end of the period, not on short breaks only. */
  counted: LookedAfterChild[];
  /**
   * Children on short breaks (V3/V4) only: their only care in the period was a series of short breaks, or care that
   * began in full had become one by its end. Shown apart, as the DfE does.
   */
  shortBreaksOnly: ChildFacts[];
}

export function populationAtEnd(ctx: ReportContext, p: ReportPeriodInfo): PopulationAtEnd {
  return ctx.memo('population', p, () => {
    const counted: LookedAfterChild[] = [];
    const shortBreaksOnly: ChildFacts[] = [];
    for (const facts of ctx.childrenIn(p)) {
      const care = careAtEndOf(facts, p.to);
      if (care && !care.period.shortBreaks) {
        // The DfE's count on 31 March leaves out a child then under a series of short breaks, even where the same
        // period of care began as full care.
        if (SHORT_BREAK_LEGAL_STATUSES.includes(care.episode.legalStatus)) shortBreaksOnly.push(facts);
        else {
          const { sex, ethnicity } = facts.child;
          const { legalStatus, placementType, placementProvider } = care.episode;
          counted.push({
            facts,
            age: ageOn(facts, p.to),
            uasc: isUascOn(facts.child, p.to),
            sex,
            ethnicity,
            legalStatus,
            placementType,
            placementProvider,
            careStart: care.period.start,
            sameCarerFrom: sameCarerSince(facts, care),
          });
        }
        continue;
      }
      // Every period of care overlapping this one (there is at least one) was short breaks; no list is made, as
      // most children counted here are not in care at the end.
      let overlapping = 0;
      let full = false;
      for (const period of facts.periods) {
        if (!overlaps(period, p.from, p.to)) continue;
        overlapping += 1;
        if (!period.shortBreaks) full = true;
      }
      if (overlapping > 0 && !full) shortBreaksOnly.push(facts);
    }
    return { counted, shortBreaksOnly };
  });
}

/** A child who started to be looked after, with what the tables show of the first episode of that care. */
export interface Entrant {
  facts: ChildFacts;
  age: number | null;
  uasc: boolean;
  group: EntrantGroup;
  categoryOfNeed: string;
  placementType: string;
  placementProvider: string | null;
}

/** Children who started to be looked after in the period, each once, by the first time they started in it. */
export function entrantsIn(ctx: ReportContext, p: ReportPeriodInfo): Entrant[] {
  return ctx.memo('entrants', p, () => {
    const result: Entrant[] = [];
    for (const facts of ctx.childrenIn(p)) {
      const period = facts.periods.find((x) => !x.shortBreaks && x.start >= p.from && x.start <= p.to);
      if (!period) continue;
      const age = ageOn(facts, period.start);
      const uasc = isUascOn(facts.child, period.start);
      const { categoryOfNeed, placementType, placementProvider } = facts.episodes[period.firstEpisode]!;
      result.push({ facts, age, uasc, group: entrantGroup(age, uasc), categoryOfNeed, placementType, placementProvider });
    }
    return result;
  });
}

/** Every period of care (not short breaks only) that started in the period: the unit notifications and allocations are about. */
export function periodsStartedIn(ctx: ReportContext, p: ReportPeriodInfo): { facts: ChildFacts; period: PeriodOfCare }[] {
  return ctx.memo('periods-started', p, () => {
    // A loop rather than a list made for each child: most children started no period of care in it.
    const started: { facts: ChildFacts; period: PeriodOfCare }[] = [];
    for (const facts of ctx.childrenIn(p)) {
      for (const period of facts.periods) if (!period.shortBreaks && period.start >= p.from && period.start <= p.to) started.push({ facts, period });
    }
    return started;
  });
}

/** A child who stopped being looked after: the day their period of care ended and the reason on its last episode. */
export interface Leaver {
  facts: ChildFacts;
  careEnd: IsoDate;
  reason: string | null;
}

/** Children who stopped being looked after in the period, each once, by the last time they stopped in it. */
export function leaversIn(ctx: ReportContext, p: ReportPeriodInfo): Leaver[] {
  return ctx.memo('leavers', p, () => {
    const result: Leaver[] = [];
    for (const facts of ctx.childrenIn(p)) {
      let period: PeriodOfCare | undefined;
      for (const x of facts.periods) if (!x.shortBreaks && x.end !== null && x.end >= p.from && x.end <= p.to) period = x;
      if (!period) continue;
      result.push({ facts, careEnd: period.end!, reason: facts.episodes[period.lastEpisode]!.reasonCeased });
    }
    return result;
  });
}

/** Reasons for a new episode that keep the child with the same carers: legal status only, or placement only. */
const SAME_CARER: readonly string[] = ['L', 'T', 'U'];

/**
 * The date the child began living with the carers they had at the end of the period: the DfE's stability
 * measure asks whether a child has lived with the same carer for 2 years, so changes of legal status (RNE L)
 * or of placement with the same carers (T, U) do not start the time again; a change of carers (P, B) does.
 */
export function sameCarerSince(facts: ChildFacts, care: CareOnDate): IsoDate {
  let i = facts.episodes.indexOf(care.episode);
  while (i > care.period.firstEpisode && SAME_CARER.includes(facts.episodes[i]!.reasonNewEpisode)) i -= 1;
  return facts.episodes[i]!.start;
}

export interface Stability {
  /** Under 16 at the end of the period and looked after continuously for at least 2½ years. */
  longTerm: LookedAfterChild[];
  /** Of those, living with the same carer for at least 2 years. */
  sameCarer: LookedAfterChild[];
}

export function placementStability(ctx: ReportContext, p: ReportPeriodInfo): Stability {
  return ctx.memo('stability', p, () => {
    const longTerm: LookedAfterChild[] = [];
    const sameCarer: LookedAfterChild[] = [];
    const cared = addMonths(p.to, -30);
    const placed = addMonths(p.to, -24);
    for (const c of populationAtEnd(ctx, p).counted) {
      if (c.age === null || c.age >= 16 || c.careStart > cared) continue;
      longTerm.push(c);
      if (c.sameCarerFrom <= placed) sameCarer.push(c);
    }
    return { longTerm, sameCarer };
  });
}
