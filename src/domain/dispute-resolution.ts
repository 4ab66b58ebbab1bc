// The dispute resolution protocol as rules, without I/O: the authority's stages (who responds, in how many
// working days), its themes, and a challenge's life as one transition table the compiler checks. Every
// step is dated; a response is due a number of working days after the step that asked for it, at every
// stage. The IRO may skip stages and may refer to Cafcass at any time (IRO Handbook 6.2). A challenge is
// never deleted: it ends resolved, referred to Cafcass, or withdrawn with a reason.

import { addWorkingDays, workingDaysBetween } from './calendar.ts';
import type { IsoDate } from './dates.ts';
import type { StaffRole } from './register.ts';

export type ChallengeType = 'informal' | 'formal' | 'themed';
export const CHALLENGE_TYPES = ['informal', 'formal', 'themed'] as const satisfies readonly ChallengeType[];
export const CHALLENGE_TYPE_LABELS: Record<ChallengeType, string> = {
  informal: 'Informal challenge',
  formal: 'Formal challenge',
  themed: 'Themed service challenge',
};

export type ChallengeStatus = 'raised' | 'awaiting_response' | 'responded' | 'resolved' | 'escalated' | 'referred_to_cafcass' | 'withdrawn';
export const CHALLENGE_STATUSES = ['raised', 'awaiting_response', 'responded', 'resolved', 'escalated', 'referred_to_cafcass', 'withdrawn'] as const satisfies readonly ChallengeStatus[];
export const CHALLENGE_STATUS_LABELS: Record<ChallengeStatus, string> = {
  raised: 'Raised',
  awaiting_response: 'Awaiting a further response',
  responded: 'Responded',
  resolved: 'Resolved',
  escalated: 'Escalated',
  referred_to_cafcass: 'Referred to Cafcass',
  withdrawn: 'Withdrawn',
};

/** What can be done to a challenge once raised. */
export type ChallengeAction = 'respond' | 'ask_again' | 'resolve' | 'escalate' | 'refer_to_cafcass' | 'withdraw';
export const CHALLENGE_ACTIONS = ['respond', 'ask_again', 'resolve', 'escalate', 'refer_to_cafcass', 'withdraw'] as const satisfies readonly ChallengeAction[];
export const CHALLENGE_ACTION_LABELS: Record<ChallengeAction | 'raise', string> = {
  raise: 'Raised',
  respond: 'Responded',
  ask_again: 'Asked for a further response',
  resolve: 'Resolved',
  escalate: 'Escalated',
  refer_to_cafcass: 'Referred to Cafcass',
  withdraw: 'Withdrawn',
};

/**
 * The one table of what each status allows. While a response is awaited (raised, asked again, escalated)
 * the person addressed may answer; the IRO may resolve, escalate, refer or withdraw at any open status;
 * after a response the IRO may also ask for more at the same stage. Closed challenges allow nothing.
 */
export const CHALLENGE_TRANSITIONS = {
  raised: ['respond', 'resolve', 'escalate', 'refer_to_cafcass', 'withdraw'],
  awaiting_response: ['respond', 'resolve', 'escalate', 'refer_to_cafcass', 'withdraw'],
  escalated: ['respond', 'resolve', 'escalate', 'refer_to_cafcass', 'withdraw'],
  responded: ['ask_again', 'resolve', 'escalate', 'refer_to_cafcass', 'withdraw'],
  resolved: [],
  referred_to_cafcass: [],
  withdrawn: [],
} as const satisfies Record<ChallengeStatus, readonly ChallengeAction[]>;

/** The status each action leads to. */
export const STATUS_AFTER = {
  respond: 'responded',
  ask_again: 'awaiting_response',
  resolve: 'resolved',
  escalate: 'escalated',
  refer_to_cafcass: 'referred_to_cafcass',
  withdraw: 'withdrawn',
} as const satisfies Record<ChallengeAction, ChallengeStatus>;

/** The person addressed answers; everything else is the IRO's side (the IRO who raised it, the child's IRO, an IRO manager). */
export const TAKEN_BY = {
  respond: 'addressee',
  ask_again: 'iro',
  resolve: 'iro',
  escalate: 'iro',
  refer_to_cafcass: 'iro',
  withdraw: 'iro',
} as const satisfies Record<ChallengeAction, 'addressee' | 'iro'>;

export const AWAITING_RESPONSE: readonly ChallengeStatus[] = ['raised', 'awaiting_response', 'escalated'];
export const CLOSED_STATUSES: readonly ChallengeStatus[] = ['resolved', 'referred_to_cafcass', 'withdrawn'];

export function actionAllowed(status: ChallengeStatus, action: ChallengeAction): boolean {
  return (CHALLENGE_TRANSITIONS[status] as readonly ChallengeAction[]).includes(action);
}

export function isOpen(status: ChallengeStatus): boolean {
  return !CLOSED_STATUSES.includes(status);
}

/** Why a status refuses an action, in words for the page that refuses it. */
export function refusalFor(status: ChallengeStatus, action: ChallengeAction): string {
  if (!isOpen(status)) return `This challenge is ${CHALLENGE_STATUS_LABELS[status].toLowerCase()}, so nothing more can be recorded on it.`;
  if (action === 'respond') return 'A response has already been given: the IRO decides what happens next.';
  return 'A further response can be asked for only after a response has been given.';
}

// ---- The protocol: stages and themes -------------------------------------------------------------------

/** The roles a challenge can be addressed to (those allowed to respond). */
export type ResponderRole = Extract<StaffRole, 'team_manager' | 'head_of_service'>;
export const RESPONDER_ROLES = ['team_manager', 'head_of_service'] as const satisfies readonly ResponderRole[];

/** A stage of the protocol. Level 0 is the informal stage; 1 and above are the formal stages in order. */
export interface DisputeStage {
  level: number;
  name: string;
  /** Who responds, in the authority's words (e.g. "Service manager"). */
  responder: string;
  /** The role of the staff a challenge at this stage is addressed to. */
  role: ResponderRole;
  /** Working days the responder has, from the step that asks them. */
  workingDays: number;
}

/** The IRO Handbook's shape: informal, then four formal stages of rising seniority, 5 working days each. */
export const DEFAULT_STAGES: readonly DisputeStage[] = [
  { level: 0, name: 'Informal', responder: 'Social worker or team manager', role: 'team_manager', workingDays: 5 },
  { level: 1, name: 'Stage 1', responder: 'Team manager', role: 'team_manager', workingDays: 5 },
  { level: 2, name: 'Stage 2', responder: 'Service manager', role: 'head_of_service', workingDays: 5 },
  { level: 3, name: 'Stage 3', responder: 'Head of service', role: 'head_of_service', workingDays: 5 },
  { level: 4, name: 'Stage 4', responder: 'Director of children’s services', role: 'head_of_service', workingDays: 5 },
];

/** The themes the published IRO reports count challenges by. */
export const DEFAULT_THEMES: readonly string[] = [
  'Placement suitability',
  'Number of social workers or managers on a case',
  'Statutory visits out of timescale',
  'Drift and delay in the care plan',
  'Reports not shared 3 working days before the review',
  'Care or pathway plan not completed or updated',
  'Late notification of a new looked after child',
  'Initial health assessment late',
  'PEP out of timescale or not recorded',
  'IRO not told of court decisions',
  'Child protection plan not progressed',
];

/** The whole formal process should take no more than this (IRO Handbook 6.2). */
export const HANDBOOK_FORMAL_WORKING_DAYS = 20;
export const MAX_STAGE_WORKING_DAYS = 60;
export const MAX_STAGES = 8;

export interface Problem {
  field: string;
  text: string;
}

export function formalWorkingDays(stages: readonly DisputeStage[]): number {
  return stages.filter((s) => s.level >= 1).reduce((sum, s) => sum + s.workingDays, 0);
}

/** Warnings an administrator sees while the protocol can still be saved. */
export function protocolWarnings(stages: readonly DisputeStage[]): string[] {
  const total = formalWorkingDays(stages);
  return total > HANDBOOK_FORMAL_WORKING_DAYS
    ? [`The formal stages add up to ${total} working days: the IRO Handbook expects the whole formal process to take no more than ${HANDBOOK_FORMAL_WORKING_DAYS}.`]
    : [];
}

/** Why a list of stages cannot be saved; fields are named stages-N-name and so on (N from 0). */
export function stageProblems(stages: readonly DisputeStage[]): Problem[] {
  const problems: Problem[] = [];
  if (stages.length < 2) problems.push({ field: 'stages', text: 'The protocol needs the informal stage and at least one formal stage' });
  if (stages.length > MAX_STAGES) problems.push({ field: 'stages', text: `The protocol can have at most ${MAX_STAGES} stages` });
  const names = new Set<string>();
  stages.forEach((s, i) => {
    if (s.level !== i) problems.push({ field: `stages-${i}-name`, text: 'The stages must be numbered in order from the informal stage' });
    const name = s.name.trim();
    if (name === '') problems.push({ field: `stages-${i}-name`, text: `Enter a name for stage ${i + 1}` });
    else if (names.has(name.toLowerCase())) problems.push({ field: `stages-${i}-name`, text: `Two stages are called “${name}”: give each a different name` });
    names.add(name.toLowerCase());
    if (s.responder.trim() === '') problems.push({ field: `stages-${i}-responder`, text: `Enter who responds at ${name || `stage ${i + 1}`}` });
    if (!(RESPONDER_ROLES as readonly string[]).includes(s.role)) problems.push({ field: `stages-${i}-role`, text: `Select the role of those who respond at ${name || `stage ${i + 1}`}` });
    if (!Number.isInteger(s.workingDays) || s.workingDays < 1 || s.workingDays > MAX_STAGE_WORKING_DAYS) {
      problems.push({ field: `stages-${i}-workingDays`, text: `The working days for ${name || `stage ${i + 1}`} must be a whole number from 1 to ${MAX_STAGE_WORKING_DAYS}` });
    }
  });
  return problems;
}

/** Why a list of theme names cannot be saved. */
export function themeProblems(labels: readonly string[]): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  labels.forEach((label, i) => {
    const key = label.trim().toLowerCase();
    if (key === '') return;
    if (label.trim().length > 200) problems.push({ field: `themes-${i}`, text: 'A theme must be 200 characters or fewer' });
    if (seen.has(key)) problems.push({ field: `themes-${i}`, text: `The theme “${label.trim()}” is listed twice` });
    seen.add(key);
  });
  return problems;
}

export function isSeniorStage(stage: Pick<DisputeStage, 'role'>): boolean {
  return stage.role === 'head_of_service';
}

/** The day a response is due: the stage's working days after the step that asked for it. */
export function responseDueDate(stepDate: IsoDate, stage: Pick<DisputeStage, 'workingDays'>): IsoDate {
  return addWorkingDays(stepDate, stage.workingDays);
}

/** "Within" a timescale means on or before the due date, so a response is overdue only after it. */
export function isOverdue(status: ChallengeStatus, dueDate: IsoDate | null, asOf: IsoDate): boolean {
  return AWAITING_RESPONSE.includes(status) && dueDate !== null && asOf > dueDate;
}

// ---- A challenge's steps -------------------------------------------------------------------------------

export const TEXT_MAX_LENGTH = 5000;

/** The member of staff a challenge is (to be) addressed to, as the register holds them. */
export interface Addressee {
  id: number;
  role: StaffRole;
  active: boolean;
}

export interface ChallengeState {
  type: ChallengeType;
  status: ChallengeStatus;
  stageLevel: number;
  addressedTo: number;
  /** When a response is due; null when none is awaited. */
  dueDate: IsoDate | null;
  raisedOn: IsoDate;
  /** The date of the latest step: a later step cannot come before it. */
  lastStepOn: IsoDate;
  /** The day the challenge closed (resolved, referred or withdrawn). */
  closedOn: IsoDate | null;
}

/** A challenge as the raise form gives it: what was not chosen is null. */
export interface NewChallenge {
  type: ChallengeType | null;
  stageLevel: number | null;
  childIds: readonly string[];
  themeIds: readonly number[];
  concern: string;
  request: string;
  addressee: Addressee | null;
  raisedOn: IsoDate | null;
}

function textProblems(field: string, text: string, missing: string): Problem[] {
  if (text.trim() === '') return [{ field, text: missing }];
  if (text.length > TEXT_MAX_LENGTH) return [{ field, text: `This must be ${TEXT_MAX_LENGTH} characters or fewer` }];
  return [];
}

function addresseeProblems(addressee: Addressee | null, stage: DisputeStage | undefined): Problem[] {
  if (addressee === null) return [{ field: 'addressedTo', text: 'Select who the challenge is addressed to' }];
  if (!addressee.active) return [{ field: 'addressedTo', text: 'That person no longer works here: select someone else' }];
  if (stage && addressee.role !== stage.role) {
    return [{ field: 'addressedTo', text: `At ${stage.name} the challenge goes to a ${stage.responder.toLowerCase()}: select someone in that role` }];
  }
  return [];
}

/** Why a challenge cannot be raised as entered (an empty list when it can). */
export function raiseProblems(input: NewChallenge, stages: readonly DisputeStage[], asOf: IsoDate): Problem[] {
  const problems: Problem[] = [];
  if (input.type === null) problems.push({ field: 'type', text: 'Select the type of challenge' });
  const stage = input.stageLevel === null ? undefined : stages[input.stageLevel];
  if (!stage) problems.push({ field: 'stageLevel', text: 'Select the stage the challenge starts at' });
  else if (input.type === null) {
    // The stage is checked against the type once a type is chosen.
  } else if (input.type === 'informal' && input.stageLevel !== 0) problems.push({ field: 'stageLevel', text: `An informal challenge starts at the ${stages[0]?.name ?? 'informal'} stage` });
  else if (input.type !== 'informal' && input.stageLevel === 0) problems.push({ field: 'stageLevel', text: 'A formal or themed challenge starts at a formal stage' });
  if (input.type === 'themed' && input.childIds.length < 2) {
    problems.push({ field: 'childIds', text: 'A themed service challenge covers two or more children: enter each child’s identifier' });
  }
  if ((input.type === 'informal' || input.type === 'formal') && input.childIds.length !== 1) {
    problems.push({ field: 'childIds', text: input.childIds.length === 0 ? 'Enter the identifier of the child the challenge is about' : 'An informal or formal challenge is about one child: raise a themed service challenge for several' });
  }
  if (input.themeIds.length === 0) problems.push({ field: 'themeIds', text: 'Select at least one theme' });
  problems.push(...textProblems('concern', input.concern, 'Enter what is wrong'));
  problems.push(...textProblems('request', input.request, 'Enter what you are asking for'));
  problems.push(...addresseeProblems(input.addressee, stage));
  if (input.raisedOn === null) problems.push({ field: 'raisedOn', text: 'Enter the date the challenge was raised' });
  else if (input.raisedOn > asOf) problems.push({ field: 'raisedOn', text: 'The date raised must be today or in the past' });
  return problems;
}

/** The state of a challenge just raised: its response due at its first stage. */
export function raisedState(input: NewChallenge, stages: readonly DisputeStage[]): ChallengeState {
  const stage = input.stageLevel === null ? undefined : stages[input.stageLevel];
  if (!stage || !input.addressee || input.type === null || input.raisedOn === null) throw new Error('raisedState: check raiseProblems first');
  return {
    type: input.type,
    status: 'raised',
    stageLevel: stage.level,
    addressedTo: input.addressee.id,
    dueDate: responseDueDate(input.raisedOn, stage),
    raisedOn: input.raisedOn,
    lastStepOn: input.raisedOn,
    closedOn: null,
  };
}

export interface StepRequest {
  action: ChallengeAction;
  date: IsoDate;
  /** What the person taking the step says: the response, the reason, the outcome. */
  text: string;
  /** For escalate: the stage to go to (any later stage) and who it is addressed to there. */
  toLevel?: number | null;
  addressee?: Addressee | null;
}

/**
 * The challenge after a step, or the problems that stop it. The date must fall between the last step and
 * today; a response is then due from the step date at the (new) stage for ask_again and escalate.
 */
export function applyStep(
  state: ChallengeState,
  step: StepRequest,
  stages: readonly DisputeStage[],
  asOf: IsoDate,
): { state: ChallengeState; problems: [] } | { state: null; problems: Problem[] } {
  if (!actionAllowed(state.status, step.action)) return { state: null, problems: [{ field: 'action', text: refusalFor(state.status, step.action) }] };
  const problems: Problem[] = [];
  if (step.date > asOf) problems.push({ field: 'date', text: 'The date must be today or in the past' });
  if (step.date < state.lastStepOn) problems.push({ field: 'date', text: 'The date must be on or after the last step of the challenge' });
  problems.push(...textProblems('text', step.text, step.action === 'withdraw' ? 'Enter why the challenge is withdrawn' : 'Enter what was said'));
  let stageLevel = state.stageLevel;
  let addressedTo = state.addressedTo;
  if (step.action === 'escalate') {
    const last = stages.length - 1;
    if (state.stageLevel >= last) {
      problems.push({ field: 'toLevel', text: `${stages[last]?.name ?? 'This'} is the last stage: refer the challenge to Cafcass instead` });
    } else if (step.toLevel === undefined || step.toLevel === null || !stages[step.toLevel]) {
      problems.push({ field: 'toLevel', text: 'Select the stage to escalate to' });
    } else if (step.toLevel <= state.stageLevel) {
      problems.push({ field: 'toLevel', text: 'Escalate to a later stage than the current one' });
    } else {
      stageLevel = step.toLevel;
      problems.push(...addresseeProblems(step.addressee ?? null, stages[stageLevel]));
      if (step.addressee) addressedTo = step.addressee.id;
    }
  }
  if (problems.length > 0) return { state: null, problems };
  const status = STATUS_AFTER[step.action];
  const stage = stages[stageLevel];
  const asksForResponse = step.action === 'escalate' || step.action === 'ask_again';
  if (asksForResponse && !stage) return { state: null, problems: [{ field: 'action', text: 'The challenge’s stage is no longer in the protocol: escalate it to a current stage' }] };
  return {
    state: {
      ...state,
      status,
      stageLevel,
      addressedTo,
      dueDate: asksForResponse && stage ? responseDueDate(step.date, stage) : null,
      lastStepOn: step.date,
      closedOn: CLOSED_STATUSES.includes(status) ? step.date : null,
    },
    problems: [],
  };
}

/** Whether an actor may take a step on this challenge (their role already allows the route). */
export function mayTakeStep(
  action: ChallengeAction,
  actor: { id: number; role: StaffRole },
  facts: { addressedTo: number; raisedBy: number; actorHoldsAChild: boolean },
): boolean {
  if (TAKEN_BY[action] === 'addressee') return actor.id === facts.addressedTo;
  if (actor.role === 'iro_manager') return true;
  return actor.role === 'iro' && (actor.id === facts.raisedBy || facts.actorHoldsAChild);
}

// ---- The report's reading of a challenge's history ------------------------------------------------------

export interface ChallengeHistoryStep {
  action: ChallengeAction | 'raise';
  date: IsoDate;
  stageLevel: number;
  stageName: string;
  /** The stage goes to senior managers (its responders are heads of service). */
  senior: boolean;
  /** When a response was due after this step; null when none was asked for. */
  dueDate: IsoDate | null;
}

/** A challenge as the report reads it: plain data, whatever store it came from. */
export interface ChallengeHistory {
  id: number;
  type: ChallengeType;
  childIds: string[];
  /** Theme names. */
  themes: string[];
  raisedBy: number | null;
  /** Steps in order, the first the raising. */
  steps: ChallengeHistoryStep[];
}

/** A compliment as the report reads it. */
export interface ComplimentHistory {
  id: number;
  childId: string | null;
  team: string;
  recordedOn: IsoDate;
  /** The day it was sent on to senior managers; null if it has not been. */
  sentOn: IsoDate | null;
}

export interface ChallengeOutcome {
  raisedOn: IsoDate;
  highestStage: { level: number; name: string };
  closedOn: IsoDate | null;
  closedAs: 'resolved' | 'referred_to_cafcass' | 'withdrawn' | null;
  /** Working days from raising to resolution; null unless resolved. */
  workingDaysToResolution: number | null;
  /** The working days the protocol allowed: each stage's timescale, for every stage the challenge was raised or escalated to. */
  allowedWorkingDays: number;
  resolvedWithinTimescale: boolean | null;
  escalations: ChallengeHistoryStep[];
}

/** What had happened to a challenge by the end of a day (steps after it are not yet known). */
export function challengeOutcome(history: ChallengeHistory, asOf: IsoDate): ChallengeOutcome | null {
  const steps = history.steps.filter((s) => s.date <= asOf);
  const first = steps[0];
  if (!first) return null;
  let highest = { level: first.stageLevel, name: first.stageName };
  let allowed = 0;
  for (const s of steps) {
    if (s.stageLevel > highest.level) highest = { level: s.stageLevel, name: s.stageName };
    if ((s.action === 'raise' || s.action === 'escalate') && s.dueDate !== null) allowed += workingDaysBetween(s.date, s.dueDate);
  }
  const closing = steps.find((s) => s.action === 'resolve' || s.action === 'refer_to_cafcass' || s.action === 'withdraw');
  const closedAs = closing ? (closing.action === 'resolve' ? 'resolved' : closing.action === 'refer_to_cafcass' ? 'referred_to_cafcass' : 'withdrawn') : null;
  const toResolution = closing && closedAs === 'resolved' ? workingDaysBetween(first.date, closing.date) : null;
  return {
    raisedOn: first.date,
    highestStage: highest,
    closedOn: closing?.date ?? null,
    closedAs,
    workingDaysToResolution: toResolution,
    allowedWorkingDays: allowed,
    resolvedWithinTimescale: toResolution === null ? null : toResolution <= allowed,
    escalations: steps.filter((s) => s.action === 'escalate'),
  };
}

/**
 * Closed, and nothing in it happened on or after the day: its outcome as of any later day raises, escalates and
 * closes nothing after the day and leaves it closed, so a period beginning on the day counts nothing of it.
 */
export function settledBefore(history: ChallengeHistory, day: IsoDate): boolean {
  let closed = false;
  for (const s of history.steps) {
    if (s.date >= day) return false;
    if (s.action === 'resolve' || s.action === 'refer_to_cafcass' || s.action === 'withdraw') closed = true;
  }
  return closed;
}

/** The middle value (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
