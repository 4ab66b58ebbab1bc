// The categories the report's tables are split by: SSDA903 code lists with their wording, and the placement
// groups councils write about (kinship foster care, the council's own foster carers, agency foster care,
// residential care, supported accommodation) rather than thirty placement codes.

import { CATEGORY_OF_NEED, ETHNICITY, LEGAL_STATUS, REASON_EPISODE_CEASED, SEX } from '../../domain/codes.ts';
import type { Episode } from '../../domain/register.ts';
import type { Category } from './yoy.ts';

function fromCodeList(labels: Record<string, string>, withCode = true): Category[] {
  return Object.entries(labels).map(([key, label]) => ({ key, label: withCode ? `${label} (${key})` : label }));
}

export const NOT_RECORDED_KEY = 'not_recorded';

export const SEX_CATEGORIES: Category[] = fromCodeList(SEX.labels, false);
export const ETHNICITY_CATEGORIES: Category[] = [...fromCodeList(ETHNICITY.labels), { key: NOT_RECORDED_KEY, label: 'Not recorded' }];
export const LEGAL_STATUS_CATEGORIES: Category[] = fromCodeList(LEGAL_STATUS.labels);
export const CATEGORY_OF_NEED_CATEGORIES: Category[] = [
  ...fromCodeList(CATEGORY_OF_NEED.labels),
  { key: NOT_RECORDED_KEY, label: 'Not recorded' },
];
export const REASON_CEASED_CATEGORIES: Category[] = [
  ...fromCodeList(REASON_EPISODE_CEASED.labels),
  { key: NOT_RECORDED_KEY, label: 'Reason not recorded' },
];

export const ADOPTION_ORDER_REASONS: readonly string[] = ['E11', 'E12'];
export const SPECIAL_GUARDIANSHIP_REASONS: readonly string[] = ['E45', 'E46', 'E47', 'E48'];
export const CHILD_ARRANGEMENTS_REASONS: readonly string[] = ['E41'];

export type PlacementGroup =
  | 'kinship_foster'
  | 'council_foster'
  | 'agency_foster'
  | 'other_foster'
  | 'adoption'
  | 'parents'
  | 'independent_living'
  | 'supported_accommodation'
  | 'childrens_homes'
  | 'residential_school'
  | 'health_or_family_centre'
  | 'custody'
  | 'residential_employment'
  | 'temporary'
  | 'other';

export const PLACEMENT_GROUPS: readonly (Category & { key: PlacementGroup; codes: string })[] = [
  { key: 'kinship_foster', label: 'Foster care with relatives or friends', codes: 'U1–U3' },
  { key: 'council_foster', label: 'Foster care with the council’s own carers', codes: 'U4–U6, provider PR1' },
  { key: 'agency_foster', label: 'Foster care through an independent or voluntary agency', codes: 'U4–U6, provider PR4 or PR5' },
  { key: 'other_foster', label: 'Foster care, other provider', codes: 'U4–U6, other or no provider' },
  { key: 'adoption', label: 'Placed for adoption', codes: 'A3–A6' },
  { key: 'parents', label: 'Placed with parents', codes: 'P1' },
  { key: 'independent_living', label: 'Independent living', codes: 'P2' },
  { key: 'supported_accommodation', label: 'Supported or semi-independent accommodation', codes: 'H5, K3' },
  { key: 'childrens_homes', label: 'Children’s homes and secure children’s homes', codes: 'K1, K2, R1' },
  { key: 'residential_school', label: 'Residential school', codes: 'S1' },
  { key: 'health_or_family_centre', label: 'Health setting, family centre or mother and baby unit', codes: 'R2, R3' },
  { key: 'custody', label: 'Young offender institution, prison or custody', codes: 'R5, Z11' },
  { key: 'residential_employment', label: 'Residential employment', codes: 'P3' },
  { key: 'temporary', label: 'Temporary placement', codes: 'T0–T4' },
  { key: 'other', label: 'Other placements', codes: 'Z1, Z12–Z14' },
];

const PLACEMENT_GROUP_OF: Record<string, PlacementGroup> = {
  U1: 'kinship_foster',
  U2: 'kinship_foster',
  U3: 'kinship_foster',
  A3: 'adoption',
  A4: 'adoption',
  A5: 'adoption',
  A6: 'adoption',
  P1: 'parents',
  P2: 'independent_living',
  P3: 'residential_employment',
  H5: 'supported_accommodation',
  K3: 'supported_accommodation',
  K1: 'childrens_homes',
  K2: 'childrens_homes',
  R1: 'childrens_homes',
  S1: 'residential_school',
  R2: 'health_or_family_centre',
  R3: 'health_or_family_centre',
  R5: 'custody',
  Z11: 'custody',
  T0: 'temporary',
  T1: 'temporary',
  T2: 'temporary',
  T3: 'temporary',
  T4: 'temporary',
  Z1: 'other',
  Z12: 'other',
  Z13: 'other',
  Z14: 'other',
};

/** The placement group of an episode, or the bare code when it is not a known placement type. */
export function placementGroup(episode: Pick<Episode, 'placementType' | 'placementProvider'>): string {
  const code = episode.placementType;
  if (code === 'U4' || code === 'U5' || code === 'U6') {
    if (episode.placementProvider === 'PR1') return 'council_foster';
    if (episode.placementProvider === 'PR4' || episode.placementProvider === 'PR5') return 'agency_foster';
    return 'other_foster';
  }
  return PLACEMENT_GROUP_OF[code] ?? code;
}

export function placementGroupNote(): string {
  return `Placement groups: ${PLACEMENT_GROUPS.map((g) => `${g.label} (${g.codes})`).join('; ')}.`;
}
