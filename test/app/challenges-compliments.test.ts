// Compliments on both databases: recorded by the child's IRO, sent on to senior managers, seen by the
// people meant to see them, counted by team, audited without their words, and read by the report's loader.
import { describe, expect, it } from 'vitest';
import { loadChallengesForReport } from '../../src/app/challenges.ts';
import { InputProblems } from '../../src/app/children.ts';
import { addCompliment, complimentsPage, sendCompliment } from '../../src/app/compliments.ts';
import { listAudit } from '../../src/db/audit.ts';
import { DIALECTS, withTestDatabase } from '../support/test-database.ts';
import { buildAuthority, TODAY } from './challenges-support.ts';

describe.each(DIALECTS)('compliments (%s)', (dialect) => {
  const database = withTestDatabase(dialect);

  it('are recorded, sent on, seen by the right people and counted by team', async () => {
    const people = await buildAuthority(database());
    const praise = { worker: 'Jo Social Worker', team: 'North', text: 'Visited every week through the placement move.', recordedOn: '2024-04-30', sendNow: false };
    const first = await addCompliment(database(), people.ivy, 'A1', praise, TODAY);
    await addCompliment(database(), people.ivy, 'A2', { ...praise, worker: null, sendNow: true }, TODAY);
    await addCompliment(database(), people.olu, 'B1', { ...praise, team: 'South', worker: null, sendNow: true }, TODAY);

    // Only for a child the IRO works with; the same "not found" for any other.
    await expect(addCompliment(database(), people.ivy, 'B1', praise, TODAY)).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(addCompliment(database(), people.ivy, 'A1', { ...praise, team: ' ', text: '' }, TODAY)).rejects.toBeInstanceOf(InputProblems);
    // A team is named as briefly as a theme: the report's figure for it is addressed by its name.
    await expect(addCompliment(database(), people.ivy, 'A1', { ...praise, team: 'N'.repeat(201) }, TODAY)).rejects.toMatchObject({
      problems: [{ field: 'team', text: 'The team must be 200 characters or fewer' }],
    });

    const ivy = await complimentsPage(database(), people.ivy, {});
    expect(ivy.total).toBe(2);
    expect(ivy.compliments.find((c) => c.id === first)!.canSend).toBe(true);
    const manager = await complimentsPage(database(), people.mo, {});
    expect(manager.byTeam).toEqual([
      { team: 'North', recorded: 2, sent: 1 },
      { team: 'South', recorded: 1, sent: 1 },
    ]);
    // The head of service sees those sent on to them.
    expect((await complimentsPage(database(), people.hal, {})).total).toBe(2);

    await expect(sendCompliment(database(), people.olu, first, TODAY)).rejects.toMatchObject({ name: 'NotFoundError' });
    await sendCompliment(database(), people.ivy, first, TODAY);
    await expect(sendCompliment(database(), people.ivy, first, TODAY)).rejects.toMatchObject({ code: 'RECORD_CHANGED' });
    expect((await complimentsPage(database(), people.hal, {})).total).toBe(3);

    const audit = (await listAudit(database(), {})).filter((a) => a.entity === 'compliment');
    expect(audit).toHaveLength(4);
    expect(JSON.stringify(audit)).not.toContain('Jo Social Worker');

    const { compliments } = await loadChallengesForReport(database());
    expect(compliments.map((c) => [c.childId, c.team, c.recordedOn, c.sentOn])).toEqual([
      ['A1', 'North', '2024-04-30', TODAY],
      ['A2', 'North', '2024-04-30', TODAY],
      ['B1', 'South', '2024-04-30', TODAY],
    ]);
  });
});
