// The register's records as the domain sees them: plain data, the same whether they came from a form, an
// SSDA903 import or the demo authority. Field names follow the users' words; the SSDA903 column each one
// holds is in the comment.

import type { IsoDate } from './dates.ts';
import type { ParticipationCode, Sex } from './codes.ts';

export interface Child {
  /** CHILD: the authority's own identifier for the child, as in its SSDA903 return. */
  id: string;
  givenName: string | null;
  familyName: string | null;
  /** DOB */
  dateOfBirth: IsoDate | null;
  /** SEX, always held as M/F/U (the 1/2 coding of returns before 2024-25 is converted on import). */
  sex: Sex;
  /** ETHNIC */
  ethnicity: string | null;
  /** UPN: unique pupil number */
  upn: string | null;
  /** Unaccompanied asylum-seeking child. */
  uasc: boolean;
  /** DUC: the date the child ceased to be UASC, where recorded. */
  uascCeasedDate: IsoDate | null;
  disability: string | null;
  /** MOTHER: '1' when the young woman is a mother, '0' when not; null or absent when not recorded. */
  mother?: '0' | '1' | null;
  /** MC_DOB: the date of birth of her first child. */
  motherChildDob?: IsoDate | null;
}

export interface Episode {
  /** DECOM */
  start: IsoDate;
  /** RNE */
  reasonNewEpisode: string;
  /** LS */
  legalStatus: string;
  /** CIN */
  categoryOfNeed: string;
  /** PLACE */
  placementType: string;
  /** PLACE_PROVIDER */
  placementProvider: string | null;
  /** DEC: null while the episode is open */
  end: IsoDate | null;
  /** REC */
  reasonCeased: string | null;
  /** REASON_PLACE_CHANGE */
  reasonPlacementChange: string | null;
  /** HOME_POST */
  homePostcode: string | null;
  /** PL_POST */
  placementPostcode: string | null;
  /** URN: Ofsted unique reference number of the placement */
  urn: string | null;
}

/** A continuous time looked after: one or more episodes joined end to start. */
export interface PeriodOfCare {
  start: IsoDate;
  end: IsoDate | null;
  /** Indexes into the child's episodes sorted by start date. */
  firstEpisode: number;
  lastEpisode: number;
  /** True when every episode of the period is a short break (legal status V3 or V4). */
  shortBreaks: boolean;
}

export type ReviewStatus = 'booked' | 'held' | 'cancelled';
export const REVIEW_STATUSES = ['booked', 'held', 'cancelled'] as const satisfies readonly ReviewStatus[];

export type ReviewFormat = 'in_person' | 'virtual' | 'hybrid';
export const REVIEW_FORMATS = ['in_person', 'virtual', 'hybrid'] as const satisfies readonly ReviewFormat[];

export interface Rearrangement {
  /** When the change was made. */
  changedOn: IsoDate;
  fromDate: IsoDate | null;
  toDate: IsoDate | null;
  /** A code from the authority's list of reasons (settings), e.g. court_timetable. */
  reason: string;
  note: string | null;
}

export interface Review {
  id?: number;
  childId: string;
  dueDate: IsoDate | null;
  bookedDate: IsoDate | null;
  heldDate: IsoDate | null;
  status: ReviewStatus;
  participationCode: ParticipationCode | null;
  /** Staff id of the IRO who chaired it. */
  chairId: number | null;
  format: ReviewFormat | null;
  rearrangements: Rearrangement[];
}

export interface IroAllocation {
  childId: string;
  iroId: number;
  from: IsoDate;
  to: IsoDate | null;
  reason: string | null;
}

/**
 * The allocation of the IRO who held the child on a day: an allocation's last day is a day the IRO held the
 * child (a new IRO starts the next day), and where two allocations cover the day the later one holds it.
 */
export function allocationOn<A extends Pick<IroAllocation, 'from' | 'to'>>(allocations: readonly A[], day: IsoDate): A | null {
  let holder: A | null = null;
  for (const a of allocations) {
    if (a.from <= day && (a.to === null || a.to >= day) && (holder === null || a.from >= holder.from)) holder = a;
  }
  return holder;
}

export interface StaffMember {
  id?: number;
  name: string;
  email: string;
  role: StaffRole;
  team: string | null;
  /** Full-time equivalent, for caseloads per FTE (1 = full time). */
  fte: number;
  active: boolean;
}

export type StaffRole =
  | 'iro'
  | 'iro_manager'
  | 'business_support'
  | 'team_manager'
  | 'head_of_service'
  | 'analyst'
  | 'administrator';
export const STAFF_ROLES = [
  'iro',
  'iro_manager',
  'business_support',
  'team_manager',
  'head_of_service',
  'analyst',
  'administrator',
] as const satisfies readonly StaffRole[];

/** One child's whole record in the register, as an import or the demo authority hands it over. */
export interface ChildRecord {
  child: Child;
  episodes: Episode[];
  allocations: IroAllocation[];
  reviews: Review[];
}
