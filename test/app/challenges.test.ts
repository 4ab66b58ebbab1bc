// Challenges through the protocol on both databases: raising (one child or many), each step with its
// working-day due date, who may answer and act, the register's filters and who sees what, the protocol an
// administrator edits, the report's loader, and every change audited in its own transaction.
import { describe, expect, it } from 'vitest';
import {
  challengePage,
  challengeRegister,
  challengesAddressedTo,
  ChallengeStepRefused,
  childChallengePanel,
  loadChallengesForReport,
  protocolPage,
  raiseChallenge,
  saveProtocol,
  takeStep,
  type RaiseInput,
} from '../../src/app/challenges.ts';
import { InputProblems } from '../../src/app/children.ts';
import { serviceDashboard } from '../../src/app/dashboard.ts';
import { listAudit } from '../../src/db/audit.ts';
import { findChallenge, getProtocol } from '../../src/db/challenges.ts';
import { kyselyOf } from '../../src/db/connection.ts';
import { DEFAULT_STAGES, DEFAULT_THEMES } from '../../src/domain/dispute-resolution.ts';
import { DIALECTS, withTestDatabase } from '../support/test-database.ts';
import { buildAuthority, themeIds, TODAY } from './challenges-support.ts';

const problemsOf = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    if (error instanceof InputProblems) return error.problems.map((p) => p.field);
    throw error;
  }
  return [];
};

describe.each(DIALECTS)('challenges (%s)', (dialect) => {
  const database = withTestDatabase(dialect);

  async function setUp() {
    const people = await buildAuthority(database());
    const themes = await themeIds(database());
    const informal = (overrides: Partial<RaiseInput> = {}): RaiseInput => ({
      type: 'informal',
      stageLevel: 0,
      childIds: ['A1'],
      themeIds: [themes[8]!],
      concern: 'The PEP has not been held this term.',
      request: 'Hold the PEP meeting before the review.',
      addressedTo: people.tess.id,
      raisedOn: TODAY,
      ...overrides,
    });
    return { people, themes, informal };
  }

  it('starts with the handbook’s protocol and the reports’ themes', async () => {
    const protocol = await getProtocol(database());
    expect(protocol.stages).toEqual(DEFAULT_STAGES);
    expect(protocol.themes.map((t) => t.label)).toEqual(DEFAULT_THEMES);
  });

  it('walks a challenge from informal through stage 1 to resolution, each response due in working days', async () => {
    const { people, informal } = await setUp();
    const id = await raiseChallenge(database(), people.ivy, informal(), TODAY);
    let c = (await findChallenge(database(), id))!;
    // Raised Thursday 2 May 2024: 5 working days skip the weekend and the bank holiday on Monday 6 May.
    expect(c).toMatchObject({ type: 'informal', status: 'raised', stageLevel: 0, stageName: 'Informal', dueDate: '2024-05-10', raisedOn: TODAY });

    await takeStep(database(), people.ivy, id, { action: 'escalate', version: c.version, date: '2024-05-03', text: 'No reply from the social worker.', toLevel: 1, addressedTo: people.tess.id }, '2024-05-03');
    c = (await findChallenge(database(), id))!;
    expect(c).toMatchObject({ status: 'escalated', stageLevel: 1, stageName: 'Stage 1', dueDate: '2024-05-13' });

    await takeStep(database(), people.tess, id, { action: 'respond', version: c.version, date: '2024-05-08', text: 'The PEP is booked for 20 May.' }, '2024-05-08');
    c = (await findChallenge(database(), id))!;
    expect(c).toMatchObject({ status: 'responded', dueDate: null });

    await takeStep(database(), people.ivy, id, { action: 'resolve', version: c.version, date: '2024-05-09', text: 'Satisfied with the date.' }, '2024-05-09');
    c = (await findChallenge(database(), id))!;
    expect(c).toMatchObject({ status: 'resolved', closedOn: '2024-05-09' });
    expect(c.steps.map((s) => [s.action, s.date, s.staffId, s.stageName])).toEqual([
      ['raise', TODAY, people.ivy.id, 'Informal'],
      ['escalate', '2024-05-03', people.ivy.id, 'Stage 1'],
      ['respond', '2024-05-08', people.tess.id, 'Stage 1'],
      ['resolve', '2024-05-09', people.ivy.id, 'Stage 1'],
    ]);
    // Every change audited against the child, never with what was said.
    const audit = (await listAudit(database(), { childId: 'A1' })).filter((a) => a.entity === 'challenge');
    expect(audit.map((a) => a.action).reverse()).toEqual(['create', 'update', 'update', 'update']);
    expect(JSON.stringify(audit)).not.toContain('PEP');

    // Closed: nothing more, and it is never deleted.
    await expect(takeStep(database(), people.ivy, id, { action: 'withdraw', version: c.version, date: '2024-05-09', text: 'x' }, '2024-05-09')).rejects.toBeInstanceOf(ChallengeStepRefused);
    expect(await findChallenge(database(), id)).toBeDefined();
  });

  it('lets only the person addressed answer, and hides the challenge from other team managers', async () => {
    const { people, informal } = await setUp();
    const id = await raiseChallenge(database(), people.ivy, informal(), TODAY);
    const respond = (who: typeof people.tess) => takeStep(database(), who, id, { action: 'respond', version: 1, date: TODAY, text: 'Answer' }, TODAY);
    await expect(respond(people.sol)).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(respond(people.hal)).rejects.toBeInstanceOf(ChallengeStepRefused);
    await expect(respond(people.ivy)).rejects.toBeInstanceOf(ChallengeStepRefused);
    await expect(challengePage(database(), people.sol, id, TODAY)).rejects.toMatchObject({ name: 'NotFoundError' });
    expect((await challengesAddressedTo(database(), people.sol, TODAY)).waiting).toEqual([]);
    expect((await challengesAddressedTo(database(), people.tess, TODAY)).waiting.map((c) => c.id)).toEqual([id]);
    await respond(people.tess);
    expect((await findChallenge(database(), id))!.status).toBe('responded');
    // A form opened before someone else's change is refused, not applied twice.
    await expect(takeStep(database(), people.ivy, id, { action: 'resolve', version: 1, date: TODAY, text: 'Done' }, TODAY)).rejects.toMatchObject({ code: 'RECORD_CHANGED' });
  });

  it('lets the IRO who raised it, the child’s IRO and an IRO manager act, but not another IRO', async () => {
    const { people, informal } = await setUp();
    const id = await raiseChallenge(database(), people.mo, informal(), TODAY);
    await expect(takeStep(database(), people.olu, id, { action: 'withdraw', version: 1, date: TODAY, text: 'No longer needed' }, TODAY)).rejects.toMatchObject({ name: 'NotFoundError' });
    expect((await challengePage(database(), people.ivy, id, TODAY)).actions).toEqual(['resolve', 'escalate', 'refer_to_cafcass', 'withdraw']);
    await takeStep(database(), people.ivy, id, { action: 'withdraw', version: 1, date: TODAY, text: 'The social worker fixed it the same day' }, TODAY);
    expect((await findChallenge(database(), id))!.status).toBe('withdrawn');
  });

  it('checks what was entered: children the IRO works with, the stage’s role, themes, dates', async () => {
    const { people, informal } = await setUp();
    expect(await problemsOf(raiseChallenge(database(), people.ivy, informal({ childIds: ['B1'] }), TODAY))).toEqual(['childIds']);
    expect(await problemsOf(raiseChallenge(database(), people.ivy, informal({ childIds: ['NOPE'] }), TODAY))).toEqual(['childIds']);
    expect(await problemsOf(raiseChallenge(database(), people.ivy, informal({ addressedTo: people.hal.id }), TODAY))).toEqual(['addressedTo']);
    expect(await problemsOf(raiseChallenge(database(), people.ivy, informal({ themeIds: [], raisedOn: '2024-05-03' }), TODAY))).toEqual(['themeIds', 'raisedOn']);
    const id = await raiseChallenge(database(), people.ivy, informal(), TODAY);
    expect(await problemsOf(takeStep(database(), people.ivy, id, { action: 'escalate', version: 1, date: TODAY, text: 'Why', toLevel: 2, addressedTo: people.tess.id }, TODAY))).toEqual(['addressedTo']);
    expect(await kyselyOf(database()).selectFrom('challenge').select('id').execute()).toHaveLength(1);
  });

  it('raises a themed challenge once for many children, shown on each child’s record', async () => {
    const { people, informal, themes } = await setUp();
    const id = await raiseChallenge(database(), people.ivy, informal({ type: 'themed', stageLevel: 2, childIds: ['A1', 'A2', 'A3'], themeIds: [themes[8]!, themes[1]!], addressedTo: people.hal.id }), TODAY);
    for (const child of ['A1', 'A2', 'A3']) {
      expect((await childChallengePanel(database(), people.ivy, child, TODAY))!.rows.map((r) => r.id)).toEqual([id]);
      expect((await listAudit(database(), { childId: child })).some((a) => a.entity === 'challenge' && a.action === 'create')).toBe(true);
    }
    // Olu holds none of the children: the panel of their own child is empty, and the challenge is hidden.
    expect((await childChallengePanel(database(), people.olu, 'B1', TODAY))!.rows).toEqual([]);
    expect(await childChallengePanel(database(), people.olu, 'A1', TODAY)).toBeNull();
    expect(await childChallengePanel(database(), people.bea, 'A1', TODAY)).toBeNull();
    // The team manager sees only what was sent to them.
    expect((await childChallengePanel(database(), people.tess, 'A1', TODAY))!.rows).toEqual([]);
    const history = (await loadChallengesForReport(database())).challenges;
    expect(history).toEqual([
      {
        id,
        type: 'themed',
        childIds: ['A1', 'A2', 'A3'],
        themes: ['Number of social workers or managers on a case', 'PEP out of timescale or not recorded'],
        raisedBy: people.ivy.id,
        steps: [{ action: 'raise', date: TODAY, stageLevel: 2, stageName: 'Stage 2', senior: true, dueDate: '2024-05-10' }],
      },
    ]);
  });

  it('filters the register, flags overdue responses, and shows an IRO only theirs and their children’s', async () => {
    const { people, informal, themes } = await setUp();
    const old = await raiseChallenge(database(), people.ivy, informal({ raisedOn: '2024-04-01' }), TODAY);
    const formal = await raiseChallenge(database(), people.olu, informal({ type: 'formal', stageLevel: 1, childIds: ['B1'], themeIds: [themes[0]!], addressedTo: people.sol.id }), TODAY);
    const themed = await raiseChallenge(database(), people.mo, informal({ type: 'themed', stageLevel: 3, childIds: ['A2', 'B1'], addressedTo: people.hal.id }), TODAY);
    const ids = async (actor: typeof people.mo, filter = {}) => (await challengeRegister(database(), actor, filter, 1, TODAY)).rows.map((r) => r.id);
    expect(await ids(people.mo)).toEqual([themed, formal, old]);
    expect(await ids(people.hal, { type: 'formal' })).toEqual([formal]);
    expect(await ids(people.mo, { themeId: themes[0]! })).toEqual([formal]);
    expect(await ids(people.mo, { team: 'South' })).toEqual([themed, formal]);
    expect(await ids(people.mo, { raisedBy: people.ivy.id })).toEqual([old]);
    expect(await ids(people.mo, { stageLevel: 3 })).toEqual([themed]);
    expect(await ids(people.mo, { from: '2024-04-02', to: TODAY })).toEqual([themed, formal]);
    // Raised on Easter Monday, 1 April: 5 working days to Monday 8 April, long past, so it is overdue.
    expect((await findChallenge(database(), old))!.dueDate).toBe('2024-04-08');
    expect(await ids(people.mo, { state: 'overdue' })).toEqual([old]);
    const register = await challengeRegister(database(), people.mo, {}, 1, TODAY);
    expect(register.overdueTotal).toBe(1);
    expect(register.rows.find((r) => r.id === old)!.overdue).toBe(true);
    expect((await challengesAddressedTo(database(), people.tess, TODAY)).overdue).toBe(1);
    // The service dashboard counts it too (the manager opens the register from there).
    expect((await serviceDashboard(database(), { asOf: TODAY, withChildLists: false })).challengesOverdue).toBe(1);
    expect((await serviceDashboard(database(), { asOf: '2024-04-05', withChildLists: false })).challengesOverdue).toBe(0);
    // Ivy raised one and holds A2 of the themed one; Olu raised the formal one and holds B1.
    expect(await ids(people.ivy)).toEqual([themed, old]);
    expect(await ids(people.olu)).toEqual([themed, formal]);
    await takeStep(database(), people.ivy, old, { action: 'resolve', version: 1, date: TODAY, text: 'Done' }, TODAY);
    expect(await ids(people.mo, { state: 'resolved' })).toEqual([old]);
    expect(await ids(people.mo, { state: 'open' })).toEqual([themed, formal]);
  });

  it('lets an administrator edit the stages and themes, warning past 20 working days, audited', async () => {
    const { people } = await setUp();
    const page = await protocolPage(database());
    const stages = page.stages.map((s) => (s.level === 2 ? { ...s, name: 'Stage 2: service manager', workingDays: 7 } : s));
    const themes = page.themes.map((t, i) => (i === 0 ? { ...t, active: false } : t));
    const warnings = await saveProtocol(database(), people.ada, { stages, themes, newThemes: ['Contact arrangements not in place', ''] });
    expect(warnings[0]).toContain('22 working days');
    const saved = await protocolPage(database());
    expect(saved.stages[2]).toMatchObject({ name: 'Stage 2: service manager', workingDays: 7 });
    expect(saved.themes[0]!.active).toBe(false);
    expect(saved.themes.at(-1)!.label).toBe('Contact arrangements not in place');
    expect((await listAudit(database(), {})).some((a) => a.entity === 'dispute_protocol')).toBe(true);
    await expect(saveProtocol(database(), people.ada, { stages: stages.map((s) => ({ ...s, workingDays: 0 })), themes, newThemes: [themes[1]!.label] })).rejects.toBeInstanceOf(InputProblems);
    expect((await protocolPage(database())).stages[1]!.workingDays).toBe(5);
  });
});
