// The demo authority's dispute resolution history: seeded and repeatable, in the published reports'
// numbers, with a challenge in every state, every step a working day and every due date in working days,
// and loaded into the register on both databases.
import { describe, expect, it } from 'vitest';
import { challengeRegister, loadChallengesForReport, loadDemoDisputeResolution } from '../../src/app/challenges.ts';
import { kyselyOf } from '../../src/db/connection.ts';
import { saveChildRecords, saveStaff } from '../../src/db/register-import.ts';
import { generateDemoChallenges } from '../../src/demo/challenges.ts';
import { generateDemoAuthority } from '../../src/demo/generate.ts';
import { addWorkingDays, isWorkingDay } from '../../src/domain/calendar.ts';
import { CHALLENGE_STATUSES, DEFAULT_STAGES } from '../../src/domain/dispute-resolution.ts';
import { DIALECTS, withTestDatabase } from '../support/test-database.ts';

const ASOF = '2024-03-31';
// A Nottingham-sized authority: 724 children looked after, three years of history.
const authority = generateDemoAuthority({ children: 724, years: 3, seed: 41, asOf: ASOF });
const history = generateDemoChallenges(authority, { seed: 41, asOf: ASOF, years: 3 });

describe('the demo authority’s challenges and compliments', () => {
  it('are the same for the same seed, and different for another', () => {
    expect(JSON.stringify(generateDemoChallenges(authority, { seed: 41, asOf: ASOF, years: 3 }))).toBe(JSON.stringify(history));
    expect(JSON.stringify(generateDemoChallenges(authority, { seed: 42, asOf: ASOF, years: 3 }))).not.toBe(JSON.stringify(history));
  });

  it('come in the reports’ numbers: about 41 formal challenges and 30 compliments a year for 724 children', () => {
    const lastYear = (date: string) => date > '2023-03-31';
    const formal = history.challenges.filter((c) => c.type === 'formal' && lastYear(c.state.raisedOn)).length;
    const informal = history.challenges.filter((c) => c.type === 'informal' && lastYear(c.state.raisedOn)).length;
    const themed = history.challenges.filter((c) => c.type === 'themed').length;
    const compliments = history.compliments.filter((c) => lastYear(c.recordedOn)).length;
    expect(formal).toBeGreaterThanOrEqual(28);
    expect(formal).toBeLessThanOrEqual(60);
    expect(informal).toBeGreaterThan(formal);
    expect(themed).toBeGreaterThanOrEqual(3);
    expect(compliments).toBeGreaterThanOrEqual(18);
    expect(compliments).toBeLessThanOrEqual(45);
  });

  it('have a challenge in every state, some overdue, some escalated to senior managers', () => {
    const statuses = new Set(history.challenges.map((c) => c.state.status));
    for (const status of CHALLENGE_STATUSES) expect(statuses, status).toContain(status);
    expect(history.challenges.some((c) => c.state.dueDate !== null && c.state.dueDate < ASOF)).toBe(true);
    expect(history.challenges.some((c) => c.steps.some((s) => s.action === 'escalate' && s.stageLevel >= 2))).toBe(true);
  });

  it('are dated on working days, each response due the stage’s working days after the step that asked for it', () => {
    for (const c of history.challenges) {
      let previous = c.steps[0]!.date;
      for (const s of c.steps) {
        expect(isWorkingDay(s.date)).toBe(true);
        expect(s.date >= previous && s.date <= ASOF).toBe(true);
        previous = s.date;
        if (s.dueDate !== null) expect(s.dueDate).toBe(addWorkingDays(s.date, DEFAULT_STAGES[s.stageLevel]!.workingDays));
      }
      expect(c.steps.at(-1)!.statusAfter).toBe(c.state.status);
      if (c.type === 'themed') expect(c.childIds.length).toBeGreaterThanOrEqual(2);
      else expect(c.childIds).toHaveLength(1);
    }
  });
});

describe.each(DIALECTS)('the demo history in the register (%s)', (dialect) => {
  const database = withTestDatabase(dialect);

  it('loads with the register’s teams, and reads back for the register and the report', async () => {
    const small = generateDemoAuthority({ children: 150, years: 2, seed: 7, asOf: ASOF });
    await saveStaff(database(), small.staff);
    await saveChildRecords(database(), small.children);
    await kyselyOf(database()).updateTable('child').set({ social_work_team: 'Children in Care Team 1' }).execute();
    const loaded = await loadDemoDisputeResolution(database(), small, { seed: 7, asOf: ASOF, years: 2 });
    expect(loaded.challenges).toBeGreaterThan(20);
    const { challenges, compliments } = await loadChallengesForReport(database());
    expect(challenges).toHaveLength(loaded.challenges);
    expect(compliments).toHaveLength(loaded.compliments);
    expect(new Set(compliments.map((c) => c.team))).toEqual(new Set(['Children in Care Team 1']));
    const manager = small.staff.find((s) => s.role === 'iro_manager')!;
    const register = await challengeRegister(database(), { id: manager.id!, role: 'iro_manager', team: manager.team }, {}, 1, ASOF);
    expect(register.total).toBe(loaded.challenges);
    // New challenges are numbered on after the demo's, whichever database.
    const next = await kyselyOf(database()).insertInto('challenge').values({ ...(await kyselyOf(database()).selectFrom('challenge').selectAll().where('id', '=', 1).executeTakeFirstOrThrow()), id: undefined, version: 1 }).returning('id').executeTakeFirstOrThrow();
    expect(next.id).toBe(loaded.challenges + 1);
  });
});
