// The demo authority's dispute resolution history: challenges the IROs raised and compliments they recorded
// over the years of the demo, in the numbers the published reports give (Westminster about 12 formal
// challenges a year for 182 children; Nottingham 41 formal for 724, and 30 compliments), about twice as
// many informal challenges now they can be counted, and a few themed service challenges. Each challenge is
// walked through the protocol's state machine with working-day due dates, so recent ones are still open,
// some responses are late, and a few go to senior managers or Cafcass. Pure and seeded: the same authority
// and seed give the same history.

import { addWorkingDays, isWorkingDay } from '../domain/calendar.ts';
import { addDays, addMonths, daysBetween, type IsoDate } from '../domain/dates.ts';
import {
  applyStep,
  CHALLENGE_STATUSES,
  DEFAULT_STAGES,
  DEFAULT_THEMES,
  raisedState,
  type ChallengeAction,
  type ChallengeState,
  type ChallengeStatus,
  type ChallengeType,
  type DisputeStage,
} from '../domain/dispute-resolution.ts';
import type { ChildRecord, StaffMember } from '../domain/register.ts';
import { STAFF_NAME_GROUPS } from './names.ts';
import { Random, Weighted } from './random.ts';

/** Challenges a year for each child looked after. */
const RATES: Record<ChallengeType, number> = { informal: 0.12, formal: 0.06, themed: 0.004 };
const COMPLIMENTS_PER_CHILD_YEAR = 0.041;

export interface DemoStep {
  action: ChallengeAction | 'raise';
  date: IsoDate;
  staffId: number;
  text: string;
  statusAfter: ChallengeStatus;
  stageLevel: number;
  addressedTo: number;
  dueDate: IsoDate | null;
}

export interface DemoChallenge {
  type: ChallengeType;
  childIds: string[];
  /** Theme names, as in the protocol. */
  themes: string[];
  raisedBy: number;
  concern: string;
  request: string;
  state: ChallengeState;
  steps: DemoStep[];
}

export interface DemoCompliment {
  childId: string;
  recordedBy: number;
  recordedOn: IsoDate;
  worker: string | null;
  team: string;
  text: string;
  sentOn: IsoDate | null;
}

export interface DemoDisputeOptions {
  seed: number;
  asOf: IsoDate;
  years: number;
  /** The child's social work team, as the register holds it. */
  teamOf?: (childId: string) => string | null;
  stages?: readonly DisputeStage[];
  themes?: readonly string[];
}

const WORDS: Record<string, { concern: string; request: string }> = {
  'Placement suitability': { concern: 'The current placement is not meeting the child’s assessed needs.', request: 'Please review the placement plan with the fostering team and confirm the support to be put in place.' },
  'Number of social workers or managers on a case': { concern: 'The child has had several changes of social worker this year.', request: 'Please confirm who will hold the case and how continuity will be kept.' },
  'Statutory visits out of timescale': { concern: 'Statutory visits have not been recorded within the timescale.', request: 'Please arrange the overdue visit and send the IRO the record.' },
  'Drift and delay in the care plan': { concern: 'Actions agreed at the last review have not been progressed.', request: 'Please provide an updated plan with dates for each action.' },
  'Reports not shared 3 working days before the review': { concern: 'The social worker’s report was not shared before the review.', request: 'Please make sure reports are shared three working days before reviews.' },
  'Care or pathway plan not completed or updated': { concern: 'The care plan has not been updated since the last change of placement.', request: 'Please update the plan and share it before the next review.' },
  'Late notification of a new looked after child': { concern: 'The IRO service was told late that the child had become looked after.', request: 'Please confirm the notification arrangements with the team.' },
  'Initial health assessment late': { concern: 'The initial health assessment has not been completed in time.', request: 'Please chase the health assessment and confirm the date.' },
  'PEP out of timescale or not recorded': { concern: 'The personal education plan has not been reviewed this term.', request: 'Please hold the PEP meeting and send the plan to the IRO.' },
  'IRO not told of court decisions': { concern: 'The IRO was not told of the court’s decision.', request: 'Please share court outcomes with the IRO on the day they are made.' },
  'Child protection plan not progressed': { concern: 'The child protection plan’s actions have not been progressed.', request: 'Please confirm progress on each action before the next conference.' },
};
const FALLBACK = { concern: 'The care plan is not being progressed as agreed.', request: 'Please confirm the actions and their dates.' };

const SAID: Record<ChallengeAction, readonly string[]> = {
  respond: ['The actions are now booked and dates confirmed.', 'I have spoken with the social worker; the plan is being updated this week.', 'Agreed: the team will complete this before the review.'],
  ask_again: ['The response does not give dates: please confirm when this will happen.', 'Please say who will do this and by when.'],
  resolve: ['Satisfied with the response and the dates given.', 'The action has been completed.', 'Resolved at a meeting with the team manager.'],
  escalate: ['No response within the timescale.', 'The response does not resolve the concern.', 'The delay is now affecting the child’s plan.'],
  refer_to_cafcass: ['The plan is not being followed and the child’s rights may be breached.'],
  withdraw: ['The social worker had already put this right.', 'Raised in error: the record had not been updated.'],
};

const THEME_WEIGHTS: readonly number[] = [8, 6, 9, 12, 7, 8, 3, 5, 10, 3, 2];
const COMPLIMENT_TEXTS = [
  'Kept the child at the same school through a change of placement.',
  'Prepared the child thoroughly for their review, and the child chaired part of it.',
  'Visited every week while the placement was under strain.',
  'Shared the report a week before the review, clear and child-centred.',
  'Worked hard to keep brothers and sisters in touch.',
];

interface Window {
  episodes: { from: IsoDate; to: IsoDate }[];
  allocations: { from: IsoDate; to: IsoDate; iroId: number }[];
}

function windows(record: ChildRecord): Window {
  return {
    episodes: record.episodes.map((e) => ({ from: e.start, to: e.end ?? '9999-12-31' })),
    allocations: record.allocations.map((a) => ({ from: a.from, to: a.to ?? '9999-12-31', iroId: a.iroId })),
  };
}

/** The IRO of a child looked after on a date, if any. */
function iroOn(w: Window, date: IsoDate): number | null {
  if (!w.episodes.some((e) => e.from <= date && e.to >= date)) return null;
  return w.allocations.find((a) => a.from <= date && a.to >= date)?.iroId ?? null;
}

export function generateDemoChallenges(authority: { children: readonly ChildRecord[]; staff: readonly StaffMember[] }, options: DemoDisputeOptions): { challenges: DemoChallenge[]; compliments: DemoCompliment[] } {
  const random = new Random(options.seed, 'dispute-resolution');
  const stages = options.stages ?? DEFAULT_STAGES;
  const themeNames = options.themes ?? DEFAULT_THEMES;
  const themesTable = new Weighted<string>(themeNames.map((t, i) => [t, THEME_WEIGHTS[i] ?? 4] as const));
  const teamOf = options.teamOf ?? (() => null);
  const asOf = options.asOf;
  const start = addMonths(asOf, -12 * Math.max(1, options.years));
  const ids = (role: StaffMember['role']) => authority.staff.filter((s) => s.role === role && s.active && s.id !== undefined);
  const teamManagers = ids('team_manager');
  const heads = ids('head_of_service');
  const children = authority.children.map((c) => ({ id: c.child.id, w: windows(c) }));
  const lookedAfter = children.filter((c) => iroOn(c.w, asOf) !== null).length;
  const challenges: DemoChallenge[] = [];
  const compliments: DemoCompliment[] = [];
  if (children.length === 0 || teamManagers.length === 0 || heads.length === 0) return { challenges, compliments };

  const addresseeFor = (stage: DisputeStage, childId: string): number => {
    if (stage.role === 'head_of_service') return random.pick(heads).id!;
    const team = teamOf(childId);
    return (teamManagers.find((s) => s.team !== null && s.team === team) ?? random.pick(teamManagers)).id!;
  };
  /** A working day at random in the window, with a child looked after then and their IRO. */
  const pickChildOn = (earliest: IsoDate = start, latest: IsoDate = asOf): { date: IsoDate; childId: string; iroId: number } | null => {
    for (let attempt = 0; attempt < 40; attempt += 1) {
      let date = addDays(earliest, random.int(0, Math.max(0, daysBetween(earliest, latest))));
      if (!isWorkingDay(date)) date = addWorkingDays(date, 1);
      if (date > asOf) continue;
      const child = random.pick(children);
      const iroId = iroOn(child.w, date);
      if (iroId !== null) return { date, childId: child.id, iroId };
    }
    return null;
  };

  const raise = (type: ChallengeType, script?: readonly ChallengeAction[], within?: { from: IsoDate; to: IsoDate }): DemoChallenge | null => {
    const picked = pickChildOn(within?.from, within?.to);
    if (!picked) return null;
    const childIds = [picked.childId];
    if (type === 'themed') {
      const wanted = random.int(3, 10);
      for (let i = 0; i < 200 && childIds.length < wanted; i += 1) {
        const other = random.pick(children);
        if (!childIds.includes(other.id) && iroOn(other.w, picked.date) !== null) childIds.push(other.id);
      }
      if (childIds.length < 2) return null;
    }
    const themes = [themesTable.sample(random)];
    if (random.chance(0.3)) {
      const second = themesTable.sample(random);
      if (!themes.includes(second)) themes.push(second);
    }
    const level = type === 'informal' ? 0 : type === 'themed' ? random.int(2, 3) : random.chance(0.85) ? 1 : 2;
    const stage = stages[level] ?? stages[stages.length - 1]!;
    const addressedTo = addresseeFor(stage, picked.childId);
    const words = WORDS[themes[0]!] ?? FALLBACK;
    const input = { type, stageLevel: stage.level, childIds, themeIds: [0], concern: words.concern, request: words.request, addressee: { id: addressedTo, role: stage.role, active: true }, raisedOn: picked.date };
    let state = raisedState(input, stages);
    const steps: DemoStep[] = [{ action: 'raise', date: picked.date, staffId: picked.iroId, text: `${words.concern}\n\n${words.request}`, statusAfter: state.status, stageLevel: state.stageLevel, addressedTo, dueDate: state.dueDate }];
    for (let n = 0; n < 8; n += 1) {
      const action = script ? script[n] : chooseNext(random, state, stages.length);
      if (!action) break;
      const awaited = state.dueDate !== null;
      // Most answers come within the timescale; some late. The IRO decides within a few days of an answer.
      const wait = action === 'escalate' && awaited ? daysBetweenWorking(state.lastStepOn, state.dueDate!) + random.int(1, 3) : awaited ? (random.chance(0.78) ? random.int(1, stages[state.stageLevel]?.workingDays ?? 5) : random.int(6, 15)) : random.int(1, 4);
      const date = addWorkingDays(state.lastStepOn, script ? 1 : wait);
      if (date > asOf) break;
      const toLevel = action === 'escalate' ? Math.min(stages.length - 1, state.stageLevel + (random.chance(0.15) ? 2 : 1)) : null;
      const target = toLevel === null ? null : stages[toLevel]!;
      const addressee = target ? { id: addresseeFor(target, picked.childId), role: target.role, active: true } : null;
      const by = action === 'respond' ? state.addressedTo : picked.iroId;
      const text = random.pick(SAID[action]);
      const result = applyStep(state, { action, date, text, toLevel, addressee }, stages, asOf);
      if (!result.state) break;
      state = result.state;
      steps.push({ action, date, staffId: by, text, statusAfter: state.status, stageLevel: state.stageLevel, addressedTo: state.addressedTo, dueDate: state.dueDate });
    }
    return { type, childIds, themes, raisedBy: picked.iroId, concern: words.concern, request: words.request, state, steps };
  };

  for (const type of ['informal', 'formal', 'themed'] as const) {
    const count = Math.round(RATES[type] * lookedAfter * Math.max(1, options.years));
    for (let i = 0; i < count; i += 1) {
      const c = raise(type);
      if (c) challenges.push(c);
    }
  }
  // A register big enough to show the protocol shows a challenge in every state: any missing is raised in the last month.
  if (challenges.length >= 20) {
    const recent = { from: addDays(asOf, -30), to: addDays(asOf, -14) };
    for (const status of CHALLENGE_STATUSES) {
      if (challenges.some((c) => c.state.status === status)) continue;
      const c = raise(status === 'referred_to_cafcass' ? 'formal' : 'informal', SCRIPTS[status], recent);
      if (c) challenges.push(c);
    }
  }
  challenges.sort((a, b) => (a.state.raisedOn < b.state.raisedOn ? -1 : a.state.raisedOn > b.state.raisedOn ? 1 : 0));

  const complimentCount = Math.round(COMPLIMENTS_PER_CHILD_YEAR * lookedAfter * Math.max(1, options.years));
  const workers = STAFF_NAME_GROUPS.map(([g]) => g);
  for (let i = 0; i < complimentCount; i += 1) {
    const picked = pickChildOn();
    if (!picked) continue;
    const group = random.pick(workers);
    const worker = random.chance(0.7) ? `${random.pick(random.chance(0.7) ? group.female : group.male)} ${random.pick(group.family)}` : null;
    const sentOn = random.chance(0.85) ? addWorkingDays(picked.date, random.int(0, 5)) : null;
    compliments.push({
      childId: picked.childId,
      recordedBy: picked.iroId,
      recordedOn: picked.date,
      worker,
      team: teamOf(picked.childId) ?? 'Children in Care',
      text: random.pick(COMPLIMENT_TEXTS),
      sentOn: sentOn !== null && sentOn <= asOf ? sentOn : null,
    });
  }
  compliments.sort((a, b) => (a.recordedOn < b.recordedOn ? -1 : a.recordedOn > b.recordedOn ? 1 : 0));
  return { challenges, compliments };
}

/** Scripted histories ending in each status, for a register whose chance history missed one. */
const SCRIPTS: Record<ChallengeStatus, readonly ChallengeAction[]> = {
  raised: [],
  awaiting_response: ['respond', 'ask_again'],
  responded: ['respond'],
  resolved: ['respond', 'resolve'],
  escalated: ['escalate'],
  referred_to_cafcass: ['escalate', 'refer_to_cafcass'],
  withdrawn: ['withdraw'],
};

function daysBetweenWorking(from: IsoDate, to: IsoDate): number {
  let n = 0;
  for (let d = from; d < to; d = addWorkingDays(d, 1)) n += 1;
  return n;
}

const WHILE_AWAITED = new Weighted<ChallengeAction>([['respond', 82], ['resolve', 8], ['escalate', 6], ['withdraw', 3.5], ['refer_to_cafcass', 0.5]]);
const AFTER_RESPONSE = new Weighted<ChallengeAction>([['resolve', 72], ['escalate', 14], ['ask_again', 10], ['withdraw', 3.5], ['refer_to_cafcass', 0.5]]);

/** The next step of a chance history; none once closed. */
function chooseNext(random: Random, state: ChallengeState, stageCount: number): ChallengeAction | null {
  if (!['raised', 'awaiting_response', 'escalated', 'responded'].includes(state.status)) return null;
  let action = (state.status === 'responded' ? AFTER_RESPONSE : WHILE_AWAITED).sample(random);
  if (action === 'escalate' && state.stageLevel >= stageCount - 1) action = 'resolve';
  // Only the senior stages refer to Cafcass.
  if (action === 'refer_to_cafcass' && state.stageLevel < 2) action = 'resolve';
  return action;
}
