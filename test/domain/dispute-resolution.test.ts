// The dispute resolution protocol's rules: every status against every action (allowed and refused), the
// response due in working days at each stage (bank holidays skipped), the protocol's checks and warnings,
// raising, and the report's reading of a challenge's history.
import { describe, expect, it } from 'vitest';
import {
  actionAllowed,
  applyStep,
  CHALLENGE_ACTIONS,
  CHALLENGE_STATUSES,
  CHALLENGE_TRANSITIONS,
  challengeOutcome,
  settledBefore,
  DEFAULT_STAGES,
  DEFAULT_THEMES,
  formalWorkingDays,
  isOverdue,
  mayTakeStep,
  median,
  protocolWarnings,
  raisedState,
  raiseProblems,
  stageProblems,
  STATUS_AFTER,
  themeProblems,
  type Addressee,
  type ChallengeAction,
  type ChallengeHistory,
  type ChallengeState,
  type ChallengeStatus,
  type NewChallenge,
} from '../../src/domain/dispute-resolution.ts';

const TEAM_MANAGER: Addressee = { id: 20, role: 'team_manager', active: true };
const HEAD_OF_SERVICE: Addressee = { id: 30, role: 'head_of_service', active: true };
const STAGES = DEFAULT_STAGES;

/** A challenge at stage 1, last step on Wednesday 24 April 2024. */
function stateIn(status: ChallengeStatus, overrides: Partial<ChallengeState> = {}): ChallengeState {
  return { type: 'formal', status, stageLevel: 1, addressedTo: TEAM_MANAGER.id, dueDate: '2024-05-01', raisedOn: '2024-04-24', lastStepOn: '2024-04-24', closedOn: null, ...overrides };
}

/** A complete request for each action, dated Thursday 2 May 2024 (the Monday after is the early May bank holiday). */
function requestFor(action: ChallengeAction) {
  return { action, date: '2024-05-02', text: 'What was said', ...(action === 'escalate' ? { toLevel: 2, addressee: HEAD_OF_SERVICE } : {}) };
}

describe('the transition table', () => {
  it('names every status, and every action leads to a status in the table', () => {
    expect(Object.keys(CHALLENGE_TRANSITIONS).sort()).toEqual([...CHALLENGE_STATUSES].sort());
    for (const action of CHALLENGE_ACTIONS) expect(CHALLENGE_STATUSES).toContain(STATUS_AFTER[action]);
  });

  // Written out by hand, so the table cannot drift without this test noticing.
  const EXPECTED: Record<ChallengeStatus, ChallengeAction[]> = {
    raised: ['respond', 'resolve', 'escalate', 'refer_to_cafcass', 'withdraw'],
    awaiting_response: ['respond', 'resolve', 'escalate', 'refer_to_cafcass', 'withdraw'],
    escalated: ['respond', 'resolve', 'escalate', 'refer_to_cafcass', 'withdraw'],
    responded: ['ask_again', 'resolve', 'escalate', 'refer_to_cafcass', 'withdraw'],
    resolved: [],
    referred_to_cafcass: [],
    withdrawn: [],
  };
  const DUE_AFTER: Record<ChallengeAction, string | null> = {
    respond: null,
    // 5 working days after Thursday 2 May 2024, skipping the weekend and Monday 6 May: Friday 10 May.
    ask_again: '2024-05-10',
    escalate: '2024-05-10',
    resolve: null,
    refer_to_cafcass: null,
    withdraw: null,
  };

  for (const status of CHALLENGE_STATUSES) {
    for (const action of CHALLENGE_ACTIONS) {
      const allowed = EXPECTED[status].includes(action);
      it(`${status} ${allowed ? 'allows' : 'refuses'} ${action}`, () => {
        expect(actionAllowed(status, action)).toBe(allowed);
        const result = applyStep(stateIn(status), requestFor(action), STAGES, '2024-05-03');
        if (!allowed) {
          expect(result.state).toBeNull();
          expect(result.problems.map((p) => p.field)).toEqual(['action']);
          return;
        }
        expect(result.problems).toEqual([]);
        const next = result.state!;
        expect(next.status).toBe(STATUS_AFTER[action]);
        expect(next.lastStepOn).toBe('2024-05-02');
        expect(next.dueDate).toBe(DUE_AFTER[action]);
        expect(next.closedOn).toBe(['resolve', 'refer_to_cafcass', 'withdraw'].includes(action) ? '2024-05-02' : null);
        expect(next.stageLevel).toBe(action === 'escalate' ? 2 : 1);
        expect(next.addressedTo).toBe(action === 'escalate' ? HEAD_OF_SERVICE.id : TEAM_MANAGER.id);
      });
    }
  }
});

describe('a step', () => {
  const responded = stateIn('responded');
  it('is dated between the last step and today', () => {
    expect(applyStep(responded, { ...requestFor('resolve'), date: '2024-05-04' }, STAGES, '2024-05-03').problems).toEqual([{ field: 'date', text: 'The date must be today or in the past' }]);
    expect(applyStep(responded, { ...requestFor('resolve'), date: '2024-04-23' }, STAGES, '2024-05-03').problems[0]?.field).toBe('date');
    expect(applyStep(responded, { ...requestFor('resolve'), date: '2024-04-24' }, STAGES, '2024-05-03').problems).toEqual([]);
  });
  it('says what was said; a withdrawal gives its reason', () => {
    expect(applyStep(responded, { ...requestFor('withdraw'), text: '  ' }, STAGES, '2024-05-03').problems).toEqual([{ field: 'text', text: 'Enter why the challenge is withdrawn' }]);
    expect(applyStep(responded, { ...requestFor('resolve'), text: 'x'.repeat(5001) }, STAGES, '2024-05-03').problems[0]?.field).toBe('text');
  });
  it('escalates to the next stage or a chosen later one, to someone in that stage’s role', () => {
    const skip = applyStep(responded, { ...requestFor('escalate'), toLevel: 4 }, STAGES, '2024-05-03');
    expect(skip.state?.stageLevel).toBe(4);
    expect(applyStep(responded, { ...requestFor('escalate'), toLevel: 1 }, STAGES, '2024-05-03').problems[0]).toEqual({ field: 'toLevel', text: 'Escalate to a later stage than the current one' });
    expect(applyStep(responded, { ...requestFor('escalate'), toLevel: null }, STAGES, '2024-05-03').problems[0]?.field).toBe('toLevel');
    expect(applyStep(responded, { ...requestFor('escalate'), addressee: TEAM_MANAGER }, STAGES, '2024-05-03').problems[0]?.field).toBe('addressedTo');
    expect(applyStep(responded, { ...requestFor('escalate'), addressee: { ...HEAD_OF_SERVICE, active: false } }, STAGES, '2024-05-03').problems[0]?.field).toBe('addressedTo');
    // From the last stage there is nowhere to go but Cafcass.
    expect(applyStep(stateIn('responded', { stageLevel: 4 }), requestFor('escalate'), STAGES, '2024-05-03').problems[0]?.text).toContain('refer the challenge to Cafcass');
  });
  it('over Christmas the response is due after the bank holidays', () => {
    // Escalated on Friday 20 December 2024: 5 working days skip 25, 26 December and 1 January.
    const next = applyStep(stateIn('responded', { lastStepOn: '2024-12-01' }), { ...requestFor('escalate'), date: '2024-12-20' }, STAGES, '2024-12-20');
    expect(next.state?.dueDate).toBe('2024-12-31');
    const stage2Of10 = STAGES.map((s) => (s.level === 2 ? { ...s, workingDays: 10 } : s));
    expect(applyStep(stateIn('responded', { lastStepOn: '2024-12-01' }), { ...requestFor('escalate'), date: '2024-12-20' }, stage2Of10, '2024-12-20').state?.dueDate).toBe('2025-01-08');
  });
});

describe('who takes a step', () => {
  const facts = { addressedTo: 20, raisedBy: 10, actorHoldsAChild: false };
  it('only the person addressed responds', () => {
    expect(mayTakeStep('respond', { id: 20, role: 'team_manager' }, facts)).toBe(true);
    expect(mayTakeStep('respond', { id: 21, role: 'team_manager' }, facts)).toBe(false);
    expect(mayTakeStep('respond', { id: 10, role: 'iro' }, facts)).toBe(false);
  });
  it('the IRO who raised it, the child’s IRO or an IRO manager takes the IRO’s steps', () => {
    expect(mayTakeStep('escalate', { id: 10, role: 'iro' }, facts)).toBe(true);
    expect(mayTakeStep('escalate', { id: 11, role: 'iro' }, facts)).toBe(false);
    expect(mayTakeStep('escalate', { id: 11, role: 'iro' }, { ...facts, actorHoldsAChild: true })).toBe(true);
    expect(mayTakeStep('withdraw', { id: 40, role: 'iro_manager' }, facts)).toBe(true);
    expect(mayTakeStep('resolve', { id: 20, role: 'team_manager' }, facts)).toBe(false);
  });
});

describe('raising', () => {
  const input: NewChallenge = { type: 'informal', stageLevel: 0, childIds: ['C1'], themeIds: [1], concern: 'No PEP', request: 'Hold a PEP meeting', addressee: TEAM_MANAGER, raisedOn: '2024-05-02' };
  it('starts with a response due at the first stage in working days', () => {
    expect(raiseProblems(input, STAGES, '2024-05-02')).toEqual([]);
    expect(raisedState(input, STAGES)).toMatchObject({ status: 'raised', stageLevel: 0, dueDate: '2024-05-10', addressedTo: 20 });
  });
  it('keeps informal challenges at the informal stage and formal ones at a formal stage', () => {
    expect(raiseProblems({ ...input, stageLevel: 1 }, STAGES, '2024-05-02')[0]?.field).toBe('stageLevel');
    expect(raiseProblems({ ...input, type: 'formal' }, STAGES, '2024-05-02')[0]?.field).toBe('stageLevel');
    expect(raiseProblems({ ...input, type: 'formal', stageLevel: 3, addressee: HEAD_OF_SERVICE }, STAGES, '2024-05-02')).toEqual([]);
  });
  it('covers one child, or for a themed service challenge two or more', () => {
    expect(raiseProblems({ ...input, childIds: ['C1', 'C2'] }, STAGES, '2024-05-02').map((p) => p.field)).toEqual(['childIds']);
    const themed = { ...input, type: 'themed' as const, stageLevel: 2, addressee: HEAD_OF_SERVICE };
    expect(raiseProblems({ ...themed, childIds: ['C1'] }, STAGES, '2024-05-02').map((p) => p.field)).toEqual(['childIds']);
    expect(raiseProblems({ ...themed, childIds: ['C1', 'C2', 'C3'] }, STAGES, '2024-05-02')).toEqual([]);
  });
  it('lists every problem at once', () => {
    const empty: NewChallenge = { type: null, stageLevel: null, childIds: [], themeIds: [], concern: '', request: '', addressee: null, raisedOn: null };
    expect(raiseProblems(empty, STAGES, '2024-05-02').map((p) => p.field)).toEqual(['type', 'stageLevel', 'themeIds', 'concern', 'request', 'addressedTo', 'raisedOn']);
    expect(raiseProblems({ ...input, raisedOn: '2024-05-03' }, STAGES, '2024-05-02').map((p) => p.field)).toEqual(['raisedOn']);
  });
});

describe('the protocol', () => {
  it('by default follows the handbook: formal stages adding up to 20 working days, no warning', () => {
    expect(DEFAULT_STAGES.map((s) => s.name)).toEqual(['Informal', 'Stage 1', 'Stage 2', 'Stage 3', 'Stage 4']);
    expect(formalWorkingDays(DEFAULT_STAGES)).toBe(20);
    expect(protocolWarnings(DEFAULT_STAGES)).toEqual([]);
    expect(stageProblems(DEFAULT_STAGES)).toEqual([]);
    expect(DEFAULT_THEMES).toHaveLength(11);
  });
  it('warns when the formal stages add up to more than 20 working days, but the informal stage does not count', () => {
    const longer = DEFAULT_STAGES.map((s) => (s.level === 3 ? { ...s, workingDays: 6 } : s));
    expect(protocolWarnings(longer)[0]).toContain('21 working days');
    expect(protocolWarnings(DEFAULT_STAGES.map((s) => (s.level === 0 ? { ...s, workingDays: 30 } : s)))).toEqual([]);
  });
  it('refuses stages without names, responders, a responder role or whole working days', () => {
    const bad = [{ ...DEFAULT_STAGES[0]!, name: ' ' }, { ...DEFAULT_STAGES[1]!, workingDays: 0 }, { ...DEFAULT_STAGES[2]!, responder: '', name: 'Informal' }];
    expect(stageProblems(bad).map((p) => p.field)).toEqual(['stages-0-name', 'stages-1-workingDays', 'stages-2-responder']);
    expect(stageProblems([DEFAULT_STAGES[0]!]).map((p) => p.field)).toEqual(['stages']);
    expect(stageProblems([DEFAULT_STAGES[0]!, { ...DEFAULT_STAGES[1]!, role: 'iro' as never }]).map((p) => p.field)).toEqual(['stages-1-role']);
    expect(stageProblems([DEFAULT_STAGES[0]!, { ...DEFAULT_STAGES[1]!, name: 'informal' }])[0]?.text).toContain('Two stages');
  });
  it('refuses a theme listed twice', () => {
    expect(themeProblems(['PEP late', 'pep late ', ''])).toEqual([{ field: 'themes-1', text: 'The theme “pep late” is listed twice' }]);
  });
});

describe('overdue', () => {
  it('is a response still awaited after its due date ("within" means on or before it)', () => {
    expect(isOverdue('raised', '2024-05-10', '2024-05-10')).toBe(false);
    expect(isOverdue('raised', '2024-05-10', '2024-05-11')).toBe(true);
    expect(isOverdue('escalated', '2024-05-10', '2024-06-01')).toBe(true);
    expect(isOverdue('responded', '2024-05-10', '2024-06-01')).toBe(false);
    expect(isOverdue('resolved', '2024-05-10', '2024-06-01')).toBe(false);
  });
});

describe('a challenge’s history as the report reads it', () => {
  const history: ChallengeHistory = {
    id: 1,
    type: 'informal',
    childIds: ['C1'],
    themes: ['PEP out of timescale or not recorded'],
    raisedBy: 10,
    steps: [
      { action: 'raise', date: '2024-04-24', stageLevel: 0, stageName: 'Informal', senior: false, dueDate: '2024-05-01' },
      { action: 'respond', date: '2024-04-30', stageLevel: 0, stageName: 'Informal', senior: false, dueDate: null },
      { action: 'escalate', date: '2024-05-02', stageLevel: 2, stageName: 'Stage 2', senior: true, dueDate: '2024-05-10' },
      { action: 'resolve', date: '2024-05-13', stageLevel: 2, stageName: 'Stage 2', senior: true, dueDate: null },
    ],
  };
  it('reads the highest stage, the escalations, and the working days to resolution against those allowed', () => {
    const outcome = challengeOutcome(history, '2024-12-31')!;
    expect(outcome.highestStage).toEqual({ level: 2, name: 'Stage 2' });
    expect(outcome.escalations).toHaveLength(1);
    // 24 April to 13 May 2024: 12 working days (6 May a bank holiday); allowed 5 + 5.
    expect(outcome.workingDaysToResolution).toBe(12);
    expect(outcome.allowedWorkingDays).toBe(10);
    expect(outcome.resolvedWithinTimescale).toBe(false);
    expect(outcome.closedAs).toBe('resolved');
  });
  it('knows only the steps up to the day asked about', () => {
    const early = challengeOutcome(history, '2024-05-01')!;
    expect(early.highestStage.level).toBe(0);
    expect(early.closedOn).toBeNull();
    expect(challengeOutcome(history, '2024-04-23')).toBeNull();
  });
  it('is settled before a day once closed with nothing on or after that day', () => {
    expect(settledBefore(history, '2024-05-14')).toBe(true);
    expect(settledBefore(history, '2024-05-13')).toBe(false);
    // Still open: counted as open at the end of any later period.
    expect(settledBefore({ ...history, steps: history.steps.slice(0, 3) }, '2025-01-01')).toBe(false);
    // A step after the closing one (recorded late) is still counted in its period.
    const late = { ...history, steps: [...history.steps, { ...history.steps[2]!, date: '2024-06-03' as const }] };
    expect(settledBefore(late, '2024-05-14')).toBe(false);
    expect(settledBefore(late, '2024-06-04')).toBe(true);
  });
  it('takes the median as the middle value, or the mean of the middle two', () => {
    expect(median([])).toBeNull();
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 8, 2])).toBe(3);
  });
});
