// A review's life as rules, without I/O: what may be done to a review in each status, the working-day
// deadlines of the work after the meeting (decisions to the social work team manager, the team manager's
// window to query them, the record distributed, manager sign-off), whether each step was done in time, and
// the wording of the choices the review's forms offer.

import { addWorkingDays } from './calendar.ts';
import type { IsoDate } from './dates.ts';
import type { ReviewFormat, ReviewStatus, StaffRole } from './register.ts';
import type { AuthoritySettings } from './settings.ts';

/** What can be done to a review. */
export type ReviewCommand =
  | 'rearrange'
  | 'cancel'
  | 'record'
  | 'issue_decisions'
  | 'distribute_record'
  | 'query_decisions'
  | 'sign_off'
  | 'complete_action';

/** A date as users write it in a sentence: 5 February 2024. */
export function longDate(date: IsoDate): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** Commands each status allows: a booked review can be moved, cancelled or held; the workflow follows a held one. */
export const REVIEW_COMMANDS = {
  booked: ['rearrange', 'cancel', 'record'],
  held: ['issue_decisions', 'distribute_record', 'query_decisions', 'sign_off', 'complete_action'],
  cancelled: [],
} as const satisfies Record<ReviewStatus, readonly ReviewCommand[]>;

export function commandAllowed(status: ReviewStatus, command: ReviewCommand): boolean {
  return (REVIEW_COMMANDS[status] as readonly ReviewCommand[]).includes(command);
}

/** Why a status refuses a command, in words for the page that refuses it. */
export function refusalFor(status: ReviewStatus, command: ReviewCommand): string {
  if (status === 'cancelled') return 'This review was cancelled, so it cannot be changed.';
  if (status === 'held' && (command === 'rearrange' || command === 'cancel' || command === 'record')) {
    return 'This review has already been recorded as held, so it cannot be moved, cancelled or recorded again.';
  }
  return 'This review has not been held yet: record the meeting first.';
}

/** Only an IRO manager signs off a review: the service's check on the IRO's record. */
export function canSignOff(role: StaffRole): boolean {
  return role === 'iro_manager';
}

export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = { booked: 'Booked', held: 'Held', cancelled: 'Cancelled' };

export const REVIEW_FORMAT_LABELS: Record<ReviewFormat, string> = {
  in_person: 'In person',
  virtual: 'Virtual (online or by phone)',
  hybrid: 'Hybrid (some in person, some online)',
};

/** Who attended the meeting, as the record form asks it. */
export const ATTENDEES = {
  child: 'The child',
  parent: 'Parent',
  carer: 'Carer',
  social_worker: 'Social worker',
  advocate: 'Advocate',
  other: 'Someone else',
} as const;
export type Attendee = keyof typeof ATTENDEES;
export const ATTENDEE_CODES = Object.keys(ATTENDEES) as Attendee[];

export function isAttendee(value: string): value is Attendee {
  return Object.hasOwn(ATTENDEES, value);
}

/** A step with a deadline: done in time, done late, still due, or overdue (past the deadline and not done). */
export type StepStatus = 'done_in_time' | 'done_late' | 'due' | 'overdue';

export const STEP_STATUS_LABELS: Record<StepStatus, string> = {
  done_in_time: 'Done in time',
  done_late: 'Done late',
  due: 'Due',
  overdue: 'Overdue',
};

/** "Within" a deadline means on or before it, as for the review clock. */
export function stepStatus(deadline: IsoDate, doneOn: IsoDate | null, asOf: IsoDate): StepStatus {
  if (doneOn !== null) return doneOn <= deadline ? 'done_in_time' : 'done_late';
  return asOf > deadline ? 'overdue' : 'due';
}

export interface DeadlineStep {
  deadline: IsoDate;
  doneOn: IsoDate | null;
  status: StepStatus;
}

export interface QueryWindow {
  /** The team manager may query from the day the decisions are issued to this day; null until they are. */
  closesOn: IsoDate | null;
  /** not_open: decisions not yet issued; open: a query can be made; closed: the window has passed; queried: a query was made. */
  state: 'not_open' | 'open' | 'closed' | 'queried';
  queriedOn: IsoDate | null;
}

export interface SignOff {
  /** waiting: decisions or record still to go out; ready: the manager can sign off; done: signed off. */
  state: 'waiting' | 'ready' | 'done';
  signedOffOn: IsoDate | null;
}

export interface ReviewWorkflow {
  decisions: DeadlineStep;
  query: QueryWindow;
  record: DeadlineStep;
  signOff: SignOff;
}

/** What has happened since the meeting. */
export interface WorkflowFacts {
  heldDate: IsoDate;
  decisionsIssuedDate: IsoDate | null;
  queriedDate: IsoDate | null;
  recordDistributedDate: IsoDate | null;
  signedOffDate: IsoDate | null;
}

export type WorkflowTimescales = Pick<AuthoritySettings, 'decisionsIssueWorkingDays' | 'decisionsQueryWorkingDays' | 'recordWorkingDays'>;

/** The last day the team manager may query decisions issued on `issuedOn`. */
export function queryClosesOn(issuedOn: IsoDate, timescales: WorkflowTimescales): IsoDate {
  return addWorkingDays(issuedOn, timescales.decisionsQueryWorkingDays);
}

/** The workflow after a review held on facts.heldDate, every deadline in working days, as it stands on `asOf`. */
export function reviewWorkflow(facts: WorkflowFacts, timescales: WorkflowTimescales, asOf: IsoDate): ReviewWorkflow {
  const step = (workingDays: number, doneOn: IsoDate | null): DeadlineStep => {
    const deadline = addWorkingDays(facts.heldDate, workingDays);
    return { deadline, doneOn, status: stepStatus(deadline, doneOn, asOf) };
  };
  const closesOn = facts.decisionsIssuedDate === null ? null : queryClosesOn(facts.decisionsIssuedDate, timescales);
  const queryState: QueryWindow['state'] =
    facts.queriedDate !== null ? 'queried' : closesOn === null ? 'not_open' : asOf > closesOn ? 'closed' : 'open';
  const signOffState: SignOff['state'] =
    facts.signedOffDate !== null ? 'done' : facts.decisionsIssuedDate !== null && facts.recordDistributedDate !== null ? 'ready' : 'waiting';
  return {
    decisions: step(timescales.decisionsIssueWorkingDays, facts.decisionsIssuedDate),
    query: { closesOn, state: queryState, queriedOn: facts.queriedDate },
    record: step(timescales.recordWorkingDays, facts.recordDistributedDate),
    signOff: { state: signOffState, signedOffOn: facts.signedOffDate },
  };
}

/** The steps whose dates staff record on the review page. */
export type WorkflowStep = 'decisions' | 'record';

/**
 * Why a step cannot be recorded on `date` (null when it can): each is recorded once, on a day from the
 * meeting to today.
 */
export function workflowStepProblem(step: WorkflowStep, facts: WorkflowFacts, date: IsoDate, asOf: IsoDate): string | null {
  const what = step === 'decisions' ? 'the decisions were sent' : 'the record was distributed';
  const already = step === 'decisions' ? facts.decisionsIssuedDate : facts.recordDistributedDate;
  if (already !== null) return `The date ${what} has already been recorded`;
  if (date > asOf) return `The date ${what} must be today or in the past`;
  if (date < facts.heldDate) return `The date ${what} must be on or after the date the review was held`;
  return null;
}

/** Why the team manager cannot query the decisions on `asOf` (null when they can). */
export function queryProblem(facts: WorkflowFacts, timescales: WorkflowTimescales, asOf: IsoDate): string | null {
  const window = reviewWorkflow(facts, timescales, asOf).query;
  if (window.state === 'not_open') return 'The decisions have not been sent to you yet, so they cannot be queried';
  if (window.state === 'queried') return 'These decisions have already been queried';
  if (window.state === 'closed') {
    return `The time to query these decisions ended on ${longDate(window.closesOn!)}: ${timescales.decisionsQueryWorkingDays} working days after they were sent`;
  }
  return null;
}

/** Why the manager cannot sign the review off (null when they can). */
export function signOffProblem(facts: WorkflowFacts): string | null {
  if (facts.signedOffDate !== null) return 'This review has already been signed off';
  if (facts.decisionsIssuedDate === null || facts.recordDistributedDate === null) {
    return 'The review can be signed off once the decisions have been sent and the record distributed';
  }
  return null;
}
