// What the IRO report is built from, as plain data: the reporting period, the authority's settings, its
// staff and the register's child records, plus the records the web application will hold later (when the
// IRO service was told a child became looked after, mid-point checks, what happened after each review)
// and the narrative the service manager writes. Nothing here reads a database, so the report can be
// built from an SSDA903 import, the demo authority or the register alike.

import { isIsoDate, type IsoDate } from '../domain/dates.ts';
import type { ChildRecord, StaffMember } from '../domain/register.ts';
import type { ChallengeHistory, ComplimentHistory } from '../domain/dispute-resolution.ts';
import type { AuthoritySettings } from '../domain/settings.ts';
import type { RespondentType } from '../domain/consultation-forms.ts';

/** The dates the report covers, both included: a year, six months, a quarter or any other stretch. */
export interface ReportPeriod {
  from: IsoDate;
  to: IsoDate;
}

/** A member of staff as the register holds them: with the id allocations and reviews refer to. */
export type ReportStaffMember = StaffMember & { id: number };

/**
 * When the IRO service was told that a child had started a period of care. Told after the allocation
 * timescale (settings.allocationWorkingDays working days from the start) is a late notification.
 */
export interface LookedAfterNotification {
  childId: string;
  /** The start of the period of care the notification is about (DECOM of its first episode). */
  periodOfCareStart: IsoDate;
  /** The date the IRO service was told. */
  notifiedDate: IsoDate;
}

/** A mid-point check the IRO recorded between two reviews (any form: file reading, contact, meeting). */
export interface MidpointCheck {
  childId: string;
  date: IsoDate;
}

/** An action (a review decision with someone to carry it out) set at a review. */
export interface ReviewAction {
  dueDate: IsoDate | null;
  /** Null while the action is open. */
  completedDate: IsoDate | null;
}

/**
 * What happened after a review was held: when the decisions went to the team manager, when the record was
 * distributed, and the actions set. Matched to the review by its id when both have one, otherwise by the
 * child and the date it was held.
 */
export interface ReviewWorkflowRecord {
  childId: string;
  reviewId?: number | null;
  heldDate: IsoDate;
  /** Null when the decisions have not been issued yet. */
  decisionsIssuedDate: IsoDate | null;
  /** Null when the record has not been distributed yet. */
  recordDistributedDate: IsoDate | null;
  actions: ReviewAction[];
}

/** One row of the action plan for the year ahead (as Westminster's Appendix 1). */
export interface ActionPlanRow {
  priority: string;
  areaForDevelopment: string;
  outcomeForChildren: string;
  lead: string;
  timescale: string;
}

/** A priority set in the previous report, with what has happened since. */
export interface PreviousPriority {
  priority: string;
  update: string;
}

/**
 * The words the service manager writes around the figures. Paragraphs are separated by a blank line.
 * Stored by the web application; every part is optional and the report is complete without it.
 */
export interface ReportNarrative {
  /** Who the report is for, e.g. "Corporate Parenting Panel". */
  reportTo?: string;
  author?: string;
  dateOfReport?: IsoDate;
  executiveSummary?: string;
  /** Commentary shown at the start of a section, keyed by the section's id (e.g. "timeliness"). */
  sectionCommentary?: Record<string, string>;
  previousPriorities?: PreviousPriority[];
  actionPlan?: ActionPlanRow[];
}

/** A request for someone's views before a review (a consultation form), once it reached them. */
export interface ConsultationRecord {
  childId: string;
  respondent: RespondentType;
  /** The review's date (held, else booked): a child's age group is their age on it. */
  reviewDate: IsoDate | null;
  /** The day the request reached the person: e-mail delivered, or printed link made. */
  sentOn: IsoDate;
  /** Null while no answers have come back. */
  answeredOn: IsoDate | null;
  /** The child asked for an advocate on their form. */
  askedForAdvocate: boolean;
}

/**
 * Children's records given one at a time, in order of child id, each made as it is reached and let go once
 * counted: how a large register is read, so that it is never held whole (decision 16). Each pass reads them afresh.
 */
export interface ChildRecordSource extends Iterable<ChildRecord> {
  /** How many children there are. */
  readonly size: number;
  /** The first day any child whose episodes can be read as periods of care was looked after (earliestCountedStart). */
  readonly firstCountedStart: IsoDate | null;
}

export interface ReportInput {
  period: ReportPeriod;
  settings: AuthoritySettings;
  staff: ReportStaffMember[];
  /** Every child's record: a list, or (from the register) a source that reads them one at a time. */
  children: readonly ChildRecord[] | ChildRecordSource;
  /** Missing or empty: late notifications are shown as not recorded. */
  notifications?: LookedAfterNotification[];
  /** Missing or empty: mid-point monitoring is shown as not recorded. */
  midpointChecks?: MidpointCheck[];
  /** Missing or empty: decisions, records and actions are shown as not recorded. */
  reviewWorkflow?: ReviewWorkflowRecord[];
  /** Challenges through the dispute resolution protocol, each with its dated steps. Missing or empty: not recorded. */
  challenges?: ChallengeHistory[];
  /** Compliments the IROs recorded. Missing or empty: not recorded. */
  compliments?: ComplimentHistory[];
  /** Consultation forms sent before reviews. Missing or empty: consultation is shown as not recorded. */
  consultation?: ConsultationRecord[];
  narrative?: ReportNarrative;
  /** How many earlier periods of the same length to compare with (0 to 6; 6 when not given). */
  comparisonPeriods?: number;
  /**
   * The first day from which the register holds every child looked after: the start of the earliest
   * SSDA903 year imported, or of the demo authority's history. Children who left care before it are not in
   * the register, so an earlier period starting before it would be undercounted and is not compared. When
   * not given, any earlier period that ends after the first episode in the data is compared.
   */
  recordsFrom?: IsoDate;
}

/** How many children's records an input holds, in a list or a source. */
export function childRecordCount(children: ReportInput['children']): number {
  return Array.isArray(children) ? children.length : (children as ChildRecordSource).size;
}

export class InvalidReportPeriodError extends Error {
  readonly code = 'INVALID_REPORT_PERIOD';
}

/** Checks a period given by a user (e.g. `iro report --from --to`); throws InvalidReportPeriodError. */
export function checkReportPeriod(from: string, to: string): ReportPeriod {
  if (!isIsoDate(from)) throw new InvalidReportPeriodError(`the start date "${from}" is not a real date in the form YYYY-MM-DD`);
  if (!isIsoDate(to)) throw new InvalidReportPeriodError(`the end date "${to}" is not a real date in the form YYYY-MM-DD`);
  if (to < from) throw new InvalidReportPeriodError(`the end date ${to} is before the start date ${from}`);
  return { from, to };
}
