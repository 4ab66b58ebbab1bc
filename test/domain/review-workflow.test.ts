// The rules of a review's life: what each status allows, and the working-day deadlines after the meeting,
// checked across bank holidays, with each step's status on the way.

import { describe, expect, it } from 'vitest';
import { REVIEW_STATUSES } from '../../src/domain/register.ts';
import {
  canSignOff,
  commandAllowed,
  queryClosesOn,
  queryProblem,
  REVIEW_COMMANDS,
  reviewWorkflow,
  signOffProblem,
  stepStatus,
  workflowStepProblem,
  type ReviewCommand,
  type WorkflowFacts,
} from '../../src/domain/review-workflow.ts';
import { defaultSettings } from '../../src/domain/settings.ts';

const timescales = defaultSettings();
// Thursday 2 May 2024: the early May bank holiday (Monday 6 May) falls in the next five working days.
const facts = (overrides: Partial<WorkflowFacts> = {}): WorkflowFacts => ({
  heldDate: '2024-05-02',
  decisionsIssuedDate: null,
  queriedDate: null,
  recordDistributedDate: null,
  signedOffDate: null,
  ...overrides,
});

describe('what each status allows', () => {
  const ALL: ReviewCommand[] = ['rearrange', 'cancel', 'record', 'issue_decisions', 'distribute_record', 'query_decisions', 'sign_off', 'complete_action'];
  it.each(REVIEW_STATUSES)('%s allows only its listed commands', (status) => {
    for (const command of ALL) {
      expect(commandAllowed(status, command)).toBe((REVIEW_COMMANDS[status] as readonly string[]).includes(command));
    }
  });
  it('moves, cancels or records only a booked review; the workflow follows only a held one; nothing a cancelled one', () => {
    expect(REVIEW_COMMANDS.booked).toEqual(['rearrange', 'cancel', 'record']);
    expect(commandAllowed('held', 'rearrange')).toBe(false);
    expect(commandAllowed('held', 'issue_decisions')).toBe(true);
    expect(REVIEW_COMMANDS.cancelled).toEqual([]);
  });
  it('lets only an IRO manager sign off', () => {
    expect(canSignOff('iro_manager')).toBe(true);
    expect(canSignOff('iro')).toBe(false);
    expect(canSignOff('business_support')).toBe(false);
  });
});

describe('a step’s status against its deadline', () => {
  it('is done in time on or before the deadline, late after it, due until it passes, overdue after', () => {
    expect(stepStatus('2024-05-10', '2024-05-10', '2024-06-01')).toBe('done_in_time');
    expect(stepStatus('2024-05-10', '2024-05-13', '2024-06-01')).toBe('done_late');
    expect(stepStatus('2024-05-10', null, '2024-05-10')).toBe('due');
    expect(stepStatus('2024-05-10', null, '2024-05-11')).toBe('overdue');
  });
});

describe('the workflow’s deadlines in working days', () => {
  it('skips the bank holiday: decisions due 5 working days after 2 May 2024 on 10 May, the record 20 working days after on 3 June', () => {
    const workflow = reviewWorkflow(facts(), timescales, '2024-05-03');
    expect(workflow.decisions).toEqual({ deadline: '2024-05-10', doneOn: null, status: 'due' });
    // 20 working days from 2 May: 6 May and 27 May (spring bank holiday) skipped.
    expect(workflow.record).toEqual({ deadline: '2024-06-03', doneOn: null, status: 'due' });
    expect(workflow.query).toEqual({ closesOn: null, state: 'not_open', queriedOn: null });
    expect(workflow.signOff).toEqual({ state: 'waiting', signedOffOn: null });
  });

  it('flags overdue steps once their deadline has passed', () => {
    expect(reviewWorkflow(facts(), timescales, '2024-06-03').record.status).toBe('due');
    const workflow = reviewWorkflow(facts(), timescales, '2024-06-04');
    expect(workflow.decisions.status).toBe('overdue');
    expect(workflow.record.status).toBe('overdue');
  });

  it('marks a step done late when it was done after its deadline', () => {
    const workflow = reviewWorkflow(facts({ decisionsIssuedDate: '2024-05-13', recordDistributedDate: '2024-05-31' }), timescales, '2024-06-03');
    expect(workflow.decisions.status).toBe('done_late');
    expect(workflow.record.status).toBe('done_in_time');
    expect(workflow.signOff.state).toBe('ready');
  });

  it('follows the authority’s own timescales', () => {
    const workflow = reviewWorkflow(facts(), { ...timescales, decisionsIssueWorkingDays: 3, recordWorkingDays: 10 }, '2024-05-03');
    expect(workflow.decisions.deadline).toBe('2024-05-08');
    expect(workflow.record.deadline).toBe('2024-05-17');
  });
});

describe('the team manager’s query window', () => {
  it('closes 5 working days after the decisions are sent, across the spring bank holiday', () => {
    // Sent Friday 24 May 2024; Monday 27 May is a bank holiday.
    expect(queryClosesOn('2024-05-24', timescales)).toBe('2024-06-03');
    const sent = facts({ heldDate: '2024-05-20', decisionsIssuedDate: '2024-05-24' });
    expect(reviewWorkflow(sent, timescales, '2024-06-03').query).toEqual({ closesOn: '2024-06-03', state: 'open', queriedOn: null });
    expect(queryProblem(sent, timescales, '2024-06-03')).toBeNull();
    expect(reviewWorkflow(sent, timescales, '2024-06-04').query.state).toBe('closed');
    expect(queryProblem(sent, timescales, '2024-06-04')).toBe('The time to query these decisions ended on 3 June 2024: 5 working days after they were sent');
  });
  it('is not open before the decisions are sent, and takes one query', () => {
    expect(queryProblem(facts(), timescales, '2024-05-03')).toMatch(/not been sent/);
    const queried = facts({ decisionsIssuedDate: '2024-05-03', queriedDate: '2024-05-07' });
    expect(reviewWorkflow(queried, timescales, '2024-05-08').query.state).toBe('queried');
    expect(queryProblem(queried, timescales, '2024-05-08')).toMatch(/already been queried/);
  });
});

describe('recording a step', () => {
  it('takes a date from the meeting to today, once', () => {
    expect(workflowStepProblem('decisions', facts(), '2024-05-03', '2024-05-03')).toBeNull();
    expect(workflowStepProblem('decisions', facts(), '2024-05-04', '2024-05-03')).toMatch(/today or in the past/);
    expect(workflowStepProblem('record', facts(), '2024-05-01', '2024-05-03')).toMatch(/on or after the date the review was held/);
    expect(workflowStepProblem('record', facts({ recordDistributedDate: '2024-05-03' }), '2024-05-03', '2024-05-03')).toMatch(/already been recorded/);
  });
  it('signs off only once the decisions are sent and the record distributed', () => {
    expect(signOffProblem(facts({ decisionsIssuedDate: '2024-05-03' }))).toMatch(/once the decisions have been sent and the record distributed/);
    expect(signOffProblem(facts({ decisionsIssuedDate: '2024-05-03', recordDistributedDate: '2024-05-20' }))).toBeNull();
    expect(signOffProblem(facts({ decisionsIssuedDate: '2024-05-03', recordDistributedDate: '2024-05-20', signedOffDate: '2024-05-21' }))).toMatch(/already/);
  });
});
