// The report's dispute resolution section against a hand-built case: seven challenges and four compliments
// around 2023-24, every figure worked out by hand (England's 2023 holidays that matter: Good Friday 7 April,
// Easter Monday 10 April, 1 May, the Coronation 8 May, Christmas and Boxing Day, 1 January 2024).
import { describe, expect, it } from 'vitest';
import type { ChallengeHistory, ChallengeHistoryStep, ComplimentHistory } from '../../src/domain/dispute-resolution.ts';
import { buildReportModel, STANDARD_SECTIONS } from '../../src/reports/model.ts';
import { disputeResolutionSection } from '../../src/reports/model/sections/dispute-resolution.ts';
import { handBuiltInput } from './builders.ts';
import { across, cell, CURRENT, findTable, ids, value } from './lookup.ts';

const STAGE_NAMES = ['Informal', 'Stage 1', 'Stage 2', 'Stage 3', 'Stage 4'];
function step(action: ChallengeHistoryStep['action'], date: string, stageLevel: number, dueDate: string | null = null): ChallengeHistoryStep {
  return { action, date, stageLevel, stageName: STAGE_NAMES[stageLevel]!, senior: stageLevel >= 2, dueDate };
}
const PEP = 'PEP out of timescale or not recorded';
const PLACEMENT = 'Placement suitability';
const DRIFT = 'Drift and delay in the care plan';

const CHALLENGES: ChallengeHistory[] = [
  // 1: informal, raised Mon 5 June 2023 (due 12 June), answered, resolved Fri 9 June: 4 working days of 5 allowed.
  { id: 1, type: 'informal', childIds: ['A'], themes: [PEP], raisedBy: 1, steps: [step('raise', '2023-06-05', 0, '2023-06-12'), step('respond', '2023-06-08', 0), step('resolve', '2023-06-09', 0)] },
  // 2: formal at stage 1 on Mon 3 April 2023 (due 12 April, Easter skipped), escalated to stage 3 on 14 April (due
  // 21 April), resolved Tue 9 May: 22 working days against 5 + 5 allowed, so late.
  {
    id: 2,
    type: 'formal',
    childIds: ['B'],
    themes: [PLACEMENT, DRIFT],
    raisedBy: 1,
    steps: [step('raise', '2023-04-03', 1, '2023-04-12'), step('escalate', '2023-04-14', 3, '2023-04-21'), step('respond', '2023-04-20', 3), step('resolve', '2023-05-09', 3)],
  },
  // 3: themed, three children, at stage 2 on 1 March 2024, answered 7 March; resolved only after the period ends.
  { id: 3, type: 'themed', childIds: ['A', 'B', 'C'], themes: [PEP], raisedBy: 2, steps: [step('raise', '2024-03-01', 2, '2024-03-08'), step('respond', '2024-03-07', 2), step('resolve', '2024-04-10', 2)] },
  // 4: informal, withdrawn two days after it was raised.
  { id: 4, type: 'informal', childIds: ['C'], themes: [DRIFT], raisedBy: 2, steps: [step('raise', '2023-09-04', 0, '2023-09-11'), step('withdraw', '2023-09-06', 0)] },
  // 5: formal at stage 1, escalated to stage 2 on 8 November, referred to Cafcass on 20 November.
  { id: 5, type: 'formal', childIds: ['A'], themes: [PLACEMENT], raisedBy: 1, steps: [step('raise', '2023-11-01', 1, '2023-11-08'), step('escalate', '2023-11-08', 2, '2023-11-15'), step('refer_to_cafcass', '2023-11-20', 2)] },
  // 6: the year before: informal, resolved in 2 working days.
  { id: 6, type: 'informal', childIds: ['B'], themes: [PEP], raisedBy: 1, steps: [step('raise', '2022-10-03', 0, '2022-10-10'), step('resolve', '2022-10-05', 0)] },
  // 7: formal at stage 1 on Mon 18 December 2023, due Wed 27 December (Christmas skipped), resolved that day: 5 of 5, in time.
  { id: 7, type: 'formal', childIds: ['C'], themes: [PEP], raisedBy: 2, steps: [step('raise', '2023-12-18', 1, '2023-12-27'), step('resolve', '2023-12-27', 1)] },
];

const COMPLIMENTS: ComplimentHistory[] = [
  { id: 1, childId: 'A', team: 'North', recordedOn: '2023-06-01', sentOn: '2023-06-02' },
  { id: 2, childId: 'B', team: 'North', recordedOn: '2023-07-01', sentOn: null },
  { id: 3, childId: 'C', team: 'South', recordedOn: '2024-02-01', sentOn: '2024-02-05' },
  { id: 4, childId: 'A', team: 'South', recordedOn: '2022-12-01', sentOn: '2022-12-01' },
];

describe('the dispute resolution section', () => {
  const model = buildReportModel(handBuiltInput({ challenges: CHALLENGES, compliments: COMPLIMENTS, comparisonPeriods: 2 }), { sections: [disputeResolutionSection] });
  const summary = findTable(model, 'dispute-resolution.summary');

  it('is one of the standard sections', () => {
    expect(STANDARD_SECTIONS).toContain(disputeResolutionSection);
  });

  it('counts challenges raised by type, year on year, before the first as not recorded', () => {
    expect(summary.columns.map((c) => c.label)).toEqual(['Challenges', '2021-22', '2022-23', '2023-24']);
    expect(across(summary, 'raised')).toEqual(['not recorded', 1, 6]);
    expect(across(summary, 'type:informal')).toEqual(['not recorded', 1, 2]);
    expect(across(summary, 'type:formal')).toEqual(['not recorded', 0, 3]);
    expect(across(summary, 'type:themed')).toEqual(['not recorded', 0, 1]);
    // A themed challenge counts once, with all its children.
    expect(ids(summary, 'type:themed', CURRENT)).toEqual(['A', 'B', 'C']);
  });

  it('counts escalations to senior managers, referrals, withdrawals and what was open at the end', () => {
    expect(across(summary, 'escalated_senior')).toEqual(['not recorded', 0, 2]);
    expect(across(summary, 'referred')).toEqual(['not recorded', 0, 1]);
    expect(across(summary, 'withdrawn')).toEqual(['not recorded', 0, 1]);
    expect(across(summary, 'open_at_end')).toEqual(['not recorded', 0, 1]);
    expect(ids(summary, 'open_at_end', CURRENT)).toEqual(['A', 'B', 'C']);
  });

  it('measures resolution: within timescale, median and longest working days', () => {
    expect(across(summary, 'resolved')).toEqual(['not recorded', 1, 3]);
    expect(across(summary, 'resolved_in_time')).toEqual(['not recorded', 1, 2]);
    expect(value(summary, 'resolved_in_time_share', CURRENT)).toBe(66.7);
    // Resolved in 2023-24 after 4, 22 and 5 working days.
    expect(across(summary, 'median_days')).toEqual(['not recorded', 2, 5]);
    expect(across(summary, 'longest_days')).toEqual(['not recorded', 2, 22]);
  });

  it('shows the highest stage reached and the themes of the year’s challenges', () => {
    const stages = findTable(model, 'dispute-resolution.stage');
    expect(stages.rows.map((r) => [r.key, value(stages, r.key, 'count')])).toEqual([
      ['stage:0', 2],
      ['stage:1', 1],
      ['stage:2', 2],
      ['stage:3', 1],
    ]);
    expect(value(stages, 'stage:2', 'share')).toBe(33.3);
    expect(value(stages, 'total', 'count')).toBe(6);
    const themes = findTable(model, 'dispute-resolution.theme');
    expect(themes.rows.map((r) => [r.cells[0]!.type === 'text' ? r.cells[0]!.text : '', value(themes, r.key, 'count')])).toEqual([
      [DRIFT, 2],
      [PEP, 3],
      [PLACEMENT, 2],
    ]);
    expect(value(themes, `theme:${PEP}`, 'share')).toBe(50);
    expect(model.sections[0]!.charts[0]!.series[0]!.values).toEqual([2, 3, 2]);
  });

  it('counts compliments and those sent on, by team', () => {
    expect(across(summary, 'compliments')).toEqual(['not recorded', 1, 3]);
    expect(across(summary, 'compliments_sent')).toEqual(['not recorded', 1, 2]);
    const teams = findTable(model, 'dispute-resolution.compliments');
    expect(value(teams, 'team:North', 'recorded')).toBe(2);
    expect(value(teams, 'team:North', 'sent')).toBe(1);
    expect(value(teams, 'team:South', 'recorded')).toBe(1);
    expect(value(teams, 'total', 'sent')).toBe(2);
  });

  it('counts a compliment recorded in the period as sent on only if it was sent by the period’s end', () => {
    const late = { id: 5, childId: 'C', team: 'South', recordedOn: '2024-03-20', sentOn: '2024-04-05' };
    const m = buildReportModel(handBuiltInput({ challenges: CHALLENGES, compliments: [...COMPLIMENTS, late], comparisonPeriods: 2 }), { sections: [disputeResolutionSection] });
    const teams = findTable(m, 'dispute-resolution.compliments');
    expect(value(teams, 'team:South', 'recorded')).toBe(2);
    expect(value(teams, 'team:South', 'sent')).toBe(1);
    expect(value(teams, 'total', 'sent')).toBe(2);
    expect(m.sections[0]!.summary.at(-1)).toBe('4 compliments were recorded, 2 sent on to senior managers by the end of the period.');
    // Sent in the next period, it counts there, as the year-on-year row counts compliments sent in each period.
    expect(across(findTable(m, 'dispute-resolution.summary'), 'compliments_sent')).toEqual(['not recorded', 1, 2]);
  });

  it('says it in sentences', () => {
    expect(model.sections[0]!.summary).toEqual([
      '6 challenges were raised in 2023-24: 2 informal, 3 formal and 1 themed service challenge.',
      '3 challenges were resolved, 2 within timescale; 1 remained open at the end of the period.',
      '2 escalations went beyond the team manager; 1 challenge was referred to Cafcass.',
      '3 compliments were recorded, 2 sent on to senior managers by the end of the period.',
    ]);
  });

  it('shows nothing recorded without any challenges', () => {
    const empty = buildReportModel(handBuiltInput(), { sections: [disputeResolutionSection] });
    expect(across(findTable(empty, 'dispute-resolution.summary'), 'raised').every((v) => v === 'not recorded')).toBe(true);
    expect(empty.sections[0]!.summary).toEqual(['Challenges are not recorded yet, so they cannot be counted.']);
    expect(cell(findTable(empty, 'dispute-resolution.summary'), 'compliments', CURRENT).type).toBe('not_recorded');
  });
});
