// Challenges through the dispute resolution protocol as staff work them: the administrator's protocol, an
// IRO raising a challenge about a child (or a themed one about many), the person addressed answering it,
// the IRO resolving, escalating, referring or withdrawing it, the register with its filters, each child's
// challenges, and the histories the IRO report counts. Who may see a challenge: IRO managers and heads of
// service all; an IRO those they raised or about a child they hold; the people it was addressed to theirs.
// Every change is written with its audit events (one per child) in one transaction.

import type { Database } from '../db/database.ts';
import { inTransaction, kyselyOf, type DatabaseLike } from '../db/connection.ts';
import { ConflictError } from '../db/errors.ts';
import { recordAudit } from '../db/audit.ts';
import {
  DisputeRecordNotFound,
  findChallenge,
  getProtocol,
  insertChallenge,
  insertChallenges,
  listChallenges,
  loadChallengeHistories,
  saveStages,
  saveStep,
  saveThemes,
  type ChallengeFilter,
  type ChallengeListRow,
  type DisputeTheme,
  type StepRow,
  type StoredChallenge,
} from '../db/challenges.ts';
import { insertCompliments, loadComplimentHistories } from '../db/compliments.ts';
import { SharedStrings } from '../db/rows.ts';
import { generateDemoChallenges } from '../demo/challenges.ts';
import { findStaff, listStaff } from '../db/staff.ts';
import { can, type Actor } from '../domain/access.ts';
import type { IsoDate } from '../domain/dates.ts';
import type { ChildRecord, StaffMember } from '../domain/register.ts';
import {
  actionAllowed,
  applyStep,
  CHALLENGE_ACTION_LABELS,
  CHALLENGE_STATUS_LABELS,
  CHALLENGE_TRANSITIONS,
  CHALLENGE_TYPE_LABELS,
  formalWorkingDays,
  isOverdue,
  mayTakeStep,
  protocolWarnings,
  raisedState,
  raiseProblems,
  refusalFor,
  RESPONDER_ROLES,
  stageProblems,
  TAKEN_BY,
  themeProblems,
  type Addressee,
  type ChallengeAction,
  type ChallengeHistory,
  type ChallengeState,
  type ChallengeType,
  type ComplimentHistory,
  type DisputeStage,
  type Problem,
} from '../domain/dispute-resolution.ts';
import { caseloadChildIds, childFor, iroIdsCoveredBy } from './child-access.ts';
import { InputProblems, socialWorkTeams } from './children.ts';
import { childCompliments } from './compliments.ts';

export const REGISTER_PAGE_SIZE = 25;

function throwIfAny(problems: Problem[]): void {
  if (problems.length > 0) throw new InputProblems(problems);
}

// ---- The protocol ------------------------------------------------------------------------------------

export async function protocolPage(database: DatabaseLike) {
  const protocol = await getProtocol(database);
  return { ...protocol, formalWorkingDays: formalWorkingDays(protocol.stages), warnings: protocolWarnings(protocol.stages) };
}

/** Saves the stages and themes an administrator edited; returns the warnings the saved protocol still has. */
export async function saveProtocol(
  database: Database,
  actor: Actor,
  input: { stages: DisputeStage[]; themes: DisputeTheme[]; newThemes: string[] },
): Promise<string[]> {
  const problems = [...stageProblems(input.stages)];
  input.themes.forEach((t, i) => {
    if (t.label.trim() === '') problems.push({ field: `themes-${i}`, text: 'Enter the theme’s name, or retire it' });
  });
  const added = input.newThemes.map((t) => t.trim()).filter((t) => t !== '');
  // New themes are checked with the others, their problems shown against the box they were typed in.
  for (const p of themeProblems([...input.themes.map((t) => t.label), ...added])) {
    const index = Number(p.field.split('-')[1]);
    problems.push({ field: index < input.themes.length ? `themes-${index}` : 'newThemes', text: p.text });
  }
  throwIfAny(problems);
  await inTransaction(database, async (trx) => {
    const known = new Set((await getProtocol(trx)).themes.map((t) => t.id));
    await saveStages(trx, input.stages);
    await saveThemes(trx, input.themes.filter((t) => known.has(t.id)), added);
    await recordAudit(trx, { staffId: actor.id, action: 'update', entity: 'dispute_protocol', detail: { fields: ['stages', 'themes'], stages: input.stages.length, themesAdded: added.length } });
  });
  return protocolWarnings(input.stages);
}

// ---- Raising -----------------------------------------------------------------------------------------

/** Staff a challenge can be addressed to, by role: the choices of the raise and escalate forms. */
async function addressees(database: DatabaseLike) {
  const staff = (await listStaff(database, { activeOnly: true })).filter((s) => (RESPONDER_ROLES as readonly string[]).includes(s.role));
  return staff.map((s) => ({ id: s.id, name: s.name, role: s.role, team: s.team }));
}

async function addresseeOf(database: DatabaseLike, id: number | null): Promise<Addressee | null> {
  if (id === null) return null;
  const s = await findStaff(database, id);
  return s ? { id: s.id, role: s.role, active: s.active } : null;
}

/** Splits what was typed in the children box: identifiers separated by commas, spaces or new lines. */
export function parseChildIds(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((t) => t.trim()).filter((t) => t !== ''))];
}

/** What the raise form offers; `childIds` are kept only if the actor may raise a challenge about them. */
export async function raiseChoices(database: Database, actor: Actor, asOf: IsoDate, childIds: readonly string[] = []) {
  const [protocol, people] = await Promise.all([getProtocol(database), addressees(database)]);
  const children: { id: string; name: string }[] = [];
  for (const id of childIds) {
    try {
      const { child } = await childFor(database, actor, id, asOf, { action: 'challenge.raise' });
      children.push({ id: child.id, name: [child.givenName, child.familyName].filter(Boolean).join(' ') || `Child ${child.id}` });
    } catch {
      // A child the actor may not reach is simply not filled in.
    }
  }
  return { stages: protocol.stages, themes: protocol.themes.filter((t) => t.active), addressees: people, children };
}

export interface RaiseInput {
  type: ChallengeType | null;
  stageLevel: number | null;
  childIds: string[];
  themeIds: number[];
  concern: string;
  request: string;
  addressedTo: number | null;
  raisedOn: IsoDate | null;
}

/** Raises a challenge; throws InputProblems for anything to correct. Returns the new challenge's id. */
export async function raiseChallenge(database: Database, actor: Actor, input: RaiseInput, asOf: IsoDate): Promise<number> {
  return inTransaction(database, async (trx) => {
    const problems: Problem[] = [];
    for (const id of input.childIds) {
      try {
        await childFor(trx, actor, id, asOf, { action: 'challenge.raise' });
      } catch {
        // The same words whether the child does not exist or is not the actor's: the register does not say who is in care.
        problems.push({ field: 'childIds', text: `No child with the identifier ${id} is among the children you work with` });
      }
    }
    const protocol = await getProtocol(trx);
    const activeThemes = new Set(protocol.themes.filter((t) => t.active).map((t) => t.id));
    const themeIds = input.themeIds.filter((id) => activeThemes.has(id));
    const challenge = { ...input, themeIds, addressee: await addresseeOf(trx, input.addressedTo) };
    problems.push(...raiseProblems(challenge, protocol.stages, asOf));
    throwIfAny(problems);
    const state = raisedState(challenge, protocol.stages);
    const stage = protocol.stages[state.stageLevel]!;
    const id = await insertChallenge(
      trx,
      { state, stageName: stage.name, raisedBy: actor.id, concern: input.concern.trim(), request: input.request.trim(), childIds: input.childIds, themeIds },
      [raiseStep(state, stage, actor.id, `${input.concern.trim()}\n\n${input.request.trim()}`)],
    );
    for (const childId of input.childIds) {
      await recordAudit(trx, { staffId: actor.id, action: 'create', entity: 'challenge', entityId: id, childId, detail: { type: input.type, stage: state.stageLevel } });
    }
    return id;
  });
}

export function raiseStep(state: ChallengeState, stage: DisputeStage, staffId: number, text: string): StepRow {
  return { action: 'raise', date: state.raisedOn, staffId, text, statusAfter: state.status, stageLevel: stage.level, stageName: stage.name, responderRole: stage.role, addressedTo: state.addressedTo, dueDate: state.dueDate };
}

// ---- One challenge -----------------------------------------------------------------------------------

function stateOf(c: StoredChallenge): ChallengeState {
  return { type: c.type, status: c.status, stageLevel: c.stageLevel, addressedTo: c.addressedTo.id, dueDate: c.dueDate, raisedOn: c.raisedOn, lastStepOn: c.steps.at(-1)?.date ?? c.raisedOn, closedOn: c.closedOn };
}

/** Whether an IRO (or an IRO they cover) is the IRO of any of these children on a date. */
async function holdsAnyChild(target: DatabaseLike, iroId: number, childIds: readonly string[], on: IsoDate): Promise<boolean> {
  if (childIds.length === 0) return false;
  const iroIds = await iroIdsCoveredBy(target, iroId, on);
  const row = await kyselyOf(target)
    .selectFrom('iro_allocation')
    .select('child_id')
    .where('child_id', 'in', [...childIds])
    .where('iro_id', 'in', iroIds)
    .where('start_date', '<=', on)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', on)]))
    .executeTakeFirst();
  return row !== undefined;
}

/** The challenge if the actor may see it (DisputeRecordNotFound otherwise), and whether they hold one of its children. */
async function challengeFor(database: DatabaseLike, actor: Actor, id: number, asOf: IsoDate): Promise<{ challenge: StoredChallenge; holdsAChild: boolean }> {
  const challenge = await findChallenge(database, id);
  if (!challenge) throw new DisputeRecordNotFound('challenge');
  const holdsAChild = actor.role === 'iro' && (await holdsAnyChild(database, actor.id, challenge.children.map((c) => c.id), asOf));
  const everAddressed = challenge.steps.some((s) => s.addressedTo === actor.id);
  const visible = actor.role === 'iro' ? holdsAChild || challenge.raisedBy.id === actor.id : can(actor, 'challenge.view') || everAddressed;
  if (!visible) throw new DisputeRecordNotFound('challenge');
  return { challenge, holdsAChild };
}

/** The steps this actor may take on the challenge now. */
function actionsFor(actor: Actor, challenge: StoredChallenge, holdsAChild: boolean): ChallengeAction[] {
  return (CHALLENGE_TRANSITIONS[challenge.status] as readonly ChallengeAction[]).filter(
    (action) =>
      can(actor, TAKEN_BY[action] === 'addressee' ? 'challenge.respond' : 'challenge.raise') &&
      mayTakeStep(action, actor, { addressedTo: challenge.addressedTo.id, raisedBy: challenge.raisedBy.id, actorHoldsAChild: holdsAChild }),
  );
}

function describe(challenge: StoredChallenge, stages: readonly DisputeStage[], asOf: IsoDate) {
  const stage = stages[challenge.stageLevel];
  return {
    ...challenge,
    typeLabel: CHALLENGE_TYPE_LABELS[challenge.type],
    statusLabel: CHALLENGE_STATUS_LABELS[challenge.status],
    overdue: isOverdue(challenge.status, challenge.dueDate, asOf),
    responder: stage?.responder ?? null,
    steps: challenge.steps.map((s) => ({ ...s, label: CHALLENGE_ACTION_LABELS[s.action], paragraphs: s.text.split(/(?:\r?\n)+/).filter((p) => p.trim() !== '') })),
  };
}

/** A challenge's page, with the steps the actor may take; the view is audited against each child. */
export async function challengePage(database: Database, actor: Actor, id: number, asOf: IsoDate) {
  const { challenge, holdsAChild } = await challengeFor(database, actor, id, asOf);
  const { stages } = await getProtocol(database);
  await inTransaction(database, async (trx) => {
    for (const child of challenge.children) await recordAudit(trx, { staffId: actor.id, action: 'view', entity: 'challenge', entityId: id, childId: child.id });
  });
  return { challenge: describe(challenge, stages, asOf), actions: actionsFor(actor, challenge, holdsAChild) };
}

/** Refused because of the challenge's status or the actor's part in it: shown as a page in plain words. */
export class ChallengeStepRefused extends Error {
  override readonly name = 'ChallengeStepRefused';
  readonly code = 'CHALLENGE_STEP_REFUSED';
}

function whyNot(challenge: StoredChallenge, action: ChallengeAction): string {
  if (!actionAllowed(challenge.status, action)) return refusalFor(challenge.status, action);
  return action === 'respond'
    ? 'This challenge is not waiting for a response from you.'
    : 'Only the IRO who raised this challenge, the child’s IRO or an IRO manager can do this.';
}

/** What a step's form needs, or ChallengeStepRefused when the actor cannot take it now. */
export async function stepForm(database: Database, actor: Actor, id: number, action: ChallengeAction, asOf: IsoDate) {
  const { challenge, holdsAChild } = await challengeFor(database, actor, id, asOf);
  const { stages } = await getProtocol(database);
  if (!actionsFor(actor, challenge, holdsAChild).includes(action)) throw new ChallengeStepRefused(whyNot(challenge, action));
  const laterStages = stages.filter((s) => s.level > challenge.stageLevel);
  return { challenge: describe(challenge, stages, asOf), laterStages, addressees: action === 'escalate' ? await addressees(database) : [] };
}

export interface StepInput {
  action: ChallengeAction;
  version: number;
  date: IsoDate;
  text: string;
  toLevel?: number | null;
  addressedTo?: number | null;
}

/** Takes a step on a challenge: checked against the state machine and the actor's part, saved with its audit events. */
export async function takeStep(database: Database, actor: Actor, id: number, input: StepInput, asOf: IsoDate): Promise<void> {
  await inTransaction(database, async (trx) => {
    const { challenge, holdsAChild } = await challengeFor(trx, actor, id, asOf);
    if (!actionsFor(actor, challenge, holdsAChild).includes(input.action)) {
      if (challenge.version !== input.version) throw new ConflictError('RECORD_CHANGED', 'Someone else changed this challenge after you opened it');
      throw new ChallengeStepRefused(whyNot(challenge, input.action));
    }
    const { stages } = await getProtocol(trx);
    const addressee = input.action === 'escalate' ? await addresseeOf(trx, input.addressedTo ?? null) : null;
    const result = applyStep(stateOf(challenge), { action: input.action, date: input.date, text: input.text, toLevel: input.toLevel ?? null, addressee }, stages, asOf);
    if (result.state === null) throw new InputProblems(result.problems);
    const next = result.state;
    const stage = stages[next.stageLevel];
    const stageName = stage?.name ?? challenge.stageName;
    await saveStep(trx, id, input.version, next, stageName, {
      action: input.action,
      date: input.date,
      staffId: actor.id,
      text: input.text.trim(),
      statusAfter: next.status,
      stageLevel: next.stageLevel,
      stageName,
      responderRole: stage?.role ?? 'team_manager',
      addressedTo: next.addressedTo,
      dueDate: next.dueDate,
    });
    for (const child of challenge.children) {
      await recordAudit(trx, { staffId: actor.id, action: 'update', entity: 'challenge', entityId: id, childId: child.id, detail: { step: input.action, fields: ['status', 'stage'] } });
    }
  });
}

// ---- Lists -------------------------------------------------------------------------------------------

function listView(rows: ChallengeListRow[], asOf: IsoDate) {
  return rows.map((r) => ({ ...r, typeLabel: CHALLENGE_TYPE_LABELS[r.type], statusLabel: CHALLENGE_STATUS_LABELS[r.status], overdue: isOverdue(r.status, r.dueDate, asOf) }));
}

export type RegisterFilter = Omit<ChallengeFilter, 'asOf' | 'visibleTo' | 'addressedTo' | 'everAddressedTo' | 'childId'>;

/** The register: IRO managers and heads of service see every challenge; an IRO theirs and their children's. */
export async function challengeRegister(database: Database, actor: Actor, filter: RegisterFilter, page: number, asOf: IsoDate) {
  const visibleTo = actor.role === 'iro' ? { raisedBy: actor.id, childIds: await caseloadChildIds(database, actor.id, asOf) } : undefined;
  const scope: ChallengeFilter = { asOf, ...(visibleTo && { visibleTo }) };
  const found = await listChallenges(database, { ...scope, ...filter }, { limit: REGISTER_PAGE_SIZE, offset: (Math.max(1, page) - 1) * REGISTER_PAGE_SIZE });
  const overdue = await listChallenges(database, { ...scope, state: 'overdue' }, { limit: 0, offset: 0 });
  const [protocol, teams, iros] = await Promise.all([getProtocol(database), socialWorkTeams(database), listStaff(database, { role: 'iro' })]);
  return {
    rows: listView(found.rows, asOf),
    total: found.total,
    pages: Math.max(1, Math.ceil(found.total / REGISTER_PAGE_SIZE)),
    overdueTotal: overdue.total,
    choices: { stages: protocol.stages, themes: protocol.themes, teams, iros: iros.map((s) => ({ id: s.id, name: s.name })) },
    canRaise: can(actor, 'challenge.raise'),
  };
}

/** The challenges sent to the actor: those waiting for their response first, then those sent to them before. */
export async function challengesAddressedTo(database: Database, actor: Actor, asOf: IsoDate) {
  const all = await listChallenges(database, { asOf, everAddressedTo: actor.id }, { limit: 500, offset: 0 });
  const rows = listView(all.rows, asOf);
  const waiting = rows.filter((r) => r.addressedTo.id === actor.id && CHALLENGE_TRANSITIONS[r.status].some((a) => a === 'respond'));
  return { waiting, others: rows.filter((r) => !waiting.includes(r)), overdue: waiting.filter((r) => r.overdue).length };
}

/** The challenges panel of a child's record, or null for someone with no part in challenges. */
export async function childChallengePanel(database: Database, actor: Actor, childId: string, asOf: IsoDate) {
  if (!can(actor, 'challenge.view') && !can(actor, 'challenge.respond')) return null;
  try {
    await childFor(database, actor, childId, asOf);
  } catch {
    return null;
  }
  const filter: ChallengeFilter = can(actor, 'challenge.view') ? { asOf, childId } : { asOf, childId, everAddressedTo: actor.id };
  const { rows } = await listChallenges(database, filter, { limit: 200, offset: 0 });
  return {
    childId,
    rows: listView(rows, asOf),
    compliments: await childCompliments(database, actor, childId),
    canRaise: can(actor, 'challenge.raise'),
    canAddCompliment: can(actor, 'compliment.add'),
  };
}

/**
 * Loads the demo authority's challenges and compliments (src/demo/challenges.ts) into a register that has
 * just been given its children, with the protocol it holds and each child's team as saved.
 */
export async function loadDemoDisputeResolution(database: Database, authority: { children: readonly ChildRecord[]; staff: readonly StaffMember[] }, options: { seed: number; asOf: IsoDate; years: number }) {
  const protocol = await getProtocol(database);
  const teams = new Map((await kyselyOf(database).selectFrom('child').select(['id', 'social_work_team']).execute()).map((r) => [r.id, r.social_work_team]));
  const themes = protocol.themes.filter((t) => t.active);
  const demo = generateDemoChallenges(authority, { ...options, teamOf: (id) => teams.get(id) ?? null, stages: protocol.stages, themes: themes.map((t) => t.label) });
  const themeId = new Map(themes.map((t) => [t.label, t.id]));
  const stage = (level: number) => protocol.stages[level]!;
  await inTransaction(database, async (trx) => {
    await insertChallenges(
      trx,
      demo.challenges.map((c) => ({
        challenge: { state: c.state, stageName: stage(c.state.stageLevel).name, raisedBy: c.raisedBy, concern: c.concern, request: c.request, childIds: c.childIds, themeIds: c.themes.map((t) => themeId.get(t)!) },
        steps: c.steps.map((s) => ({ ...s, stageName: stage(s.stageLevel).name, responderRole: stage(s.stageLevel).role })),
      })),
    );
    await insertCompliments(trx, demo.compliments);
  });
  return { challenges: demo.challenges.length, compliments: demo.compliments.length };
}

/** Every challenge and compliment as the IRO report reads them: the `challenges` and `compliments` of ReportInput. */
export async function loadChallengesForReport(
  database: DatabaseLike,
  strings = new SharedStrings(),
): Promise<{ challenges: ChallengeHistory[]; compliments: ComplimentHistory[] }> {
  const [challenges, compliments] = await Promise.all([loadChallengeHistories(database, strings), loadComplimentHistories(database, strings)]);
  return { challenges, compliments };
}
