// The dispute resolution protocol and its challenges as stored: the authority's stages and themes, each
// challenge with its children, themes and dated steps, and the lists the register and the report read.
// Challenges are never deleted; a change to one is refused if someone else changed it first.

import { PostgresAdapter, sql, type ExpressionBuilder } from 'kysely';
import type { IsoDate } from '../domain/dates.ts';
import {
  AWAITING_RESPONSE,
  CLOSED_STATUSES,
  isSeniorStage,
  type ChallengeAction,
  type ChallengeHistory,
  type ChallengeState,
  type ChallengeStatus,
  type ChallengeType,
  type DisputeStage,
  type ResponderRole,
} from '../domain/dispute-resolution.ts';
import { chunks, inTransaction, kyselyOf, timestampNow, type DatabaseLike } from './connection.ts';
import { ConflictError } from './errors.ts';
import { SharedStrings, eachRow } from './rows.ts';
import type { DatabaseSchema } from './schema.ts';

/** A challenge or compliment that does not exist (or that the actor may not know of): the web edge shows "not found". */
export class DisputeRecordNotFound extends Error {
  override readonly name = 'NotFoundError';
  readonly code = 'NOT_FOUND';
  constructor(readonly kind: 'challenge' | 'compliment') {
    super(`No such ${kind} in the register`);
  }
}

export interface DisputeTheme {
  id: number;
  label: string;
  active: boolean;
}

export interface DisputeProtocol {
  stages: DisputeStage[];
  /** Every theme, retired ones too, in the administrator's order. */
  themes: DisputeTheme[];
}

export async function getProtocol(target: DatabaseLike): Promise<DisputeProtocol> {
  const db = kyselyOf(target);
  const stages = await db.selectFrom('dispute_stage').selectAll().orderBy('level').execute();
  const themes = await db.selectFrom('dispute_theme').selectAll().orderBy('position').orderBy('id').execute();
  return {
    stages: stages.map((s) => ({ level: s.level, name: s.name, responder: s.responder, role: s.role as ResponderRole, workingDays: s.working_days })),
    themes: themes.map((t) => ({ id: t.id, label: t.label, active: t.active === 1 })),
  };
}

/** Replaces the stages (already checked by the domain's stageProblems). */
export async function saveStages(target: DatabaseLike, stages: readonly DisputeStage[]): Promise<void> {
  await inTransaction(target, async (trx) => {
    await trx.deleteFrom('dispute_stage').execute();
    await trx
      .insertInto('dispute_stage')
      .values(stages.map((s) => ({ level: s.level, name: s.name.trim(), responder: s.responder.trim(), role: s.role, working_days: s.workingDays })))
      .execute();
  });
}

/** Renames, retires or brings back the themes given, and adds new ones at the end. */
export async function saveThemes(target: DatabaseLike, themes: readonly DisputeTheme[], added: readonly string[]): Promise<void> {
  await inTransaction(target, async (trx) => {
    for (const [position, t] of themes.entries()) {
      await trx.updateTable('dispute_theme').set({ label: t.label.trim(), active: t.active ? 1 : 0, position }).where('id', '=', t.id).execute();
    }
    const last = await trx.selectFrom('dispute_theme').select((eb) => eb.fn.max('position').as('last')).executeTakeFirst();
    let position = Number(last?.last ?? -1);
    for (const label of added) {
      position += 1;
      await trx.insertInto('dispute_theme').values({ label: label.trim(), active: 1, position }).execute();
    }
  });
}

export interface StepRow {
  action: ChallengeAction | 'raise';
  date: IsoDate;
  staffId: number;
  text: string;
  statusAfter: ChallengeStatus;
  stageLevel: number;
  stageName: string;
  responderRole: ResponderRole;
  addressedTo: number;
  dueDate: IsoDate | null;
}

export interface NewChallengeRow {
  state: ChallengeState;
  stageName: string;
  raisedBy: number;
  concern: string;
  request: string;
  childIds: readonly string[];
  themeIds: readonly number[];
}

function challengeValues(c: NewChallengeRow, now: string) {
  return {
    type: c.state.type,
    status: c.state.status,
    stage_level: c.state.stageLevel,
    stage_name: c.stageName,
    addressed_to: c.state.addressedTo,
    due_date: c.state.dueDate,
    raised_by: c.raisedBy,
    raised_on: c.state.raisedOn,
    concern: c.concern,
    request: c.request,
    closed_on: c.state.closedOn,
    created_at: now,
    updated_at: now,
  };
}

function stepValues(challengeId: number, step: StepRow, now: string) {
  return {
    challenge_id: challengeId,
    action: step.action,
    step_date: step.date,
    staff_id: step.staffId,
    text: step.text,
    status_after: step.statusAfter,
    stage_level: step.stageLevel,
    stage_name: step.stageName,
    responder_role: step.responderRole,
    addressed_to: step.addressedTo,
    due_date: step.dueDate,
    created_at: now,
  };
}

/** Saves a new challenge, its children and themes, and its steps (the raising first); returns its id. */
export async function insertChallenge(target: DatabaseLike, challenge: NewChallengeRow, steps: readonly StepRow[]): Promise<number> {
  return inTransaction(target, async (trx) => {
    const now = timestampNow();
    const row = await trx.insertInto('challenge').values(challengeValues(challenge, now)).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('challenge_child').values(challenge.childIds.map((childId) => ({ challenge_id: row.id, child_id: childId }))).execute();
    await trx.insertInto('challenge_theme').values(challenge.themeIds.map((themeId) => ({ challenge_id: row.id, theme_id: themeId }))).execute();
    await trx.insertInto('challenge_step').values(steps.map((s) => stepValues(row.id, s, now))).execute();
    return row.id;
  });
}

/**
 * Saves many challenges at once, numbered on from the highest id (the demo authority's history): a few
 * multi-row statements rather than several per challenge.
 */
export async function insertChallenges(target: DatabaseLike, challenges: readonly { challenge: NewChallengeRow; steps: readonly StepRow[] }[]): Promise<void> {
  if (challenges.length === 0) return;
  await inTransaction(target, async (trx) => {
    const now = timestampNow();
    const top = await trx.selectFrom('challenge').select((eb) => eb.fn.max('id').as('top')).executeTakeFirst();
    const first = Number(top?.top ?? 0) + 1;
    const numbered = challenges.map((c, i) => ({ ...c, id: first + i }));
    for (const part of chunks(numbered, 200)) {
      await trx.insertInto('challenge').values(part.map((c) => ({ id: c.id, ...challengeValues(c.challenge, now) }))).execute();
      await trx.insertInto('challenge_child').values(part.flatMap((c) => c.challenge.childIds.map((childId) => ({ challenge_id: c.id, child_id: childId })))).execute();
      await trx.insertInto('challenge_theme').values(part.flatMap((c) => c.challenge.themeIds.map((themeId) => ({ challenge_id: c.id, theme_id: themeId })))).execute();
      await trx.insertInto('challenge_step').values(part.flatMap((c) => c.steps.map((s) => stepValues(c.id, s, now)))).execute();
    }
    // Ids given here do not move PostgreSQL's identity sequence: move it past them.
    if (trx.getExecutor().adapter instanceof PostgresAdapter) {
      await sql`select setval(pg_get_serial_sequence('challenge', 'id'), (select max(id) from challenge))`.execute(trx);
    }
  });
}

/** Moves a challenge to its new state with the step that did it, if nobody else has changed it since `expectedVersion`. */
export async function saveStep(target: DatabaseLike, challengeId: number, expectedVersion: number, state: ChallengeState, stageName: string, step: StepRow): Promise<void> {
  await inTransaction(target, async (trx) => {
    const result = await trx
      .updateTable('challenge')
      .set((eb) => ({
        status: state.status,
        stage_level: state.stageLevel,
        stage_name: stageName,
        addressed_to: state.addressedTo,
        due_date: state.dueDate,
        closed_on: state.closedOn,
        updated_at: timestampNow(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', challengeId)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw new ConflictError('RECORD_CHANGED', 'Someone else changed this challenge after you opened it');
    await trx.insertInto('challenge_step').values(stepValues(challengeId, step, timestampNow())).execute();
  });
}

export interface StoredChallenge {
  id: number;
  type: ChallengeType;
  status: ChallengeStatus;
  stageLevel: number;
  stageName: string;
  addressedTo: { id: number; name: string; role: string };
  dueDate: IsoDate | null;
  raisedBy: { id: number; name: string };
  raisedOn: IsoDate;
  concern: string;
  request: string;
  closedOn: IsoDate | null;
  version: number;
  children: { id: string; name: string; team: string | null }[];
  themes: { id: number; label: string }[];
  steps: (StepRow & { id: number; staffName: string; addressedToName: string })[];
}

const childName = (r: { id: string; given_name: string | null; family_name: string | null }) => [r.given_name, r.family_name].filter(Boolean).join(' ') || `Child ${r.id}`;

/** The challenges' children and themes, by challenge id. */
async function childrenAndThemes(target: DatabaseLike, ids: readonly number[]) {
  const db = kyselyOf(target);
  const children = new Map<number, StoredChallenge['children']>();
  const themes = new Map<number, StoredChallenge['themes']>();
  for (const part of chunks(ids, 500)) {
    const childRows = await db
      .selectFrom('challenge_child')
      .innerJoin('child', 'child.id', 'challenge_child.child_id')
      .select(['challenge_child.challenge_id', 'child.id', 'child.given_name', 'child.family_name', 'child.social_work_team'])
      .where('challenge_child.challenge_id', 'in', part)
      .orderBy('child.id')
      .execute();
    for (const r of childRows) children.set(r.challenge_id, [...(children.get(r.challenge_id) ?? []), { id: r.id, name: childName(r), team: r.social_work_team }]);
    const themeRows = await db
      .selectFrom('challenge_theme')
      .innerJoin('dispute_theme', 'dispute_theme.id', 'challenge_theme.theme_id')
      .select(['challenge_theme.challenge_id', 'dispute_theme.id', 'dispute_theme.label'])
      .where('challenge_theme.challenge_id', 'in', part)
      .orderBy('dispute_theme.position')
      .execute();
    for (const r of themeRows) themes.set(r.challenge_id, [...(themes.get(r.challenge_id) ?? []), { id: r.id, label: r.label }]);
  }
  return { children, themes };
}

function challengeQuery(target: DatabaseLike) {
  return kyselyOf(target)
    .selectFrom('challenge')
    .innerJoin('staff as raiser', 'raiser.id', 'challenge.raised_by')
    .innerJoin('staff as addressee', 'addressee.id', 'challenge.addressed_to')
    .selectAll('challenge')
    .select(['raiser.name as raiser_name', 'addressee.name as addressee_name', 'addressee.role as addressee_role']);
}

type ChallengeRow = Awaited<ReturnType<ReturnType<typeof challengeQuery>['executeTakeFirstOrThrow']>>;

function fromRow(r: ChallengeRow, extra: { children: StoredChallenge['children']; themes: StoredChallenge['themes']; steps: StoredChallenge['steps'] }): StoredChallenge {
  return {
    id: r.id,
    type: r.type as ChallengeType,
    status: r.status as ChallengeStatus,
    stageLevel: r.stage_level,
    stageName: r.stage_name,
    addressedTo: { id: r.addressed_to, name: r.addressee_name, role: r.addressee_role },
    dueDate: r.due_date,
    raisedBy: { id: r.raised_by, name: r.raiser_name },
    raisedOn: r.raised_on,
    concern: r.concern,
    request: r.request,
    closedOn: r.closed_on,
    version: r.version,
    ...extra,
  };
}

export async function findChallenge(target: DatabaseLike, id: number): Promise<StoredChallenge | undefined> {
  const row = await challengeQuery(target).where('challenge.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const { children, themes } = await childrenAndThemes(target, [id]);
  const steps = await kyselyOf(target)
    .selectFrom('challenge_step')
    .innerJoin('staff as by', 'by.id', 'challenge_step.staff_id')
    .innerJoin('staff as to', 'to.id', 'challenge_step.addressed_to')
    .selectAll('challenge_step')
    .select(['by.name as by_name', 'to.name as to_name'])
    .where('challenge_step.challenge_id', '=', id)
    .orderBy('challenge_step.id')
    .execute();
  return fromRow(row, {
    children: children.get(id) ?? [],
    themes: themes.get(id) ?? [],
    steps: steps.map((s) => ({
      id: s.id,
      action: s.action as StepRow['action'],
      date: s.step_date,
      staffId: s.staff_id,
      staffName: s.by_name,
      text: s.text,
      statusAfter: s.status_after as ChallengeStatus,
      stageLevel: s.stage_level,
      stageName: s.stage_name,
      responderRole: s.responder_role as ResponderRole,
      addressedTo: s.addressed_to,
      addressedToName: s.to_name,
      dueDate: s.due_date,
    })),
  });
}

export type ChallengeListState = 'open' | 'overdue' | 'resolved' | 'closed';

export interface ChallengeFilter {
  type?: ChallengeType;
  stageLevel?: number;
  themeId?: number;
  /** The social work team of any of the challenge's children. */
  team?: string;
  raisedBy?: number;
  state?: ChallengeListState;
  /** Raised on or after / on or before. */
  from?: IsoDate;
  to?: IsoDate;
  addressedTo?: number;
  /** Addressed to this member of staff at any step, now or before. */
  everAddressedTo?: number;
  childId?: string;
  /** Only challenges an IRO may see: those they raised, or about any of these children. */
  visibleTo?: { raisedBy: number; childIds: readonly string[] };
  asOf: IsoDate;
}

export type ChallengeListRow = Omit<StoredChallenge, 'steps' | 'concern' | 'request'>;

function applyFilter(eb: ExpressionBuilder<DatabaseSchema, 'challenge'>, f: ChallengeFilter) {
  const and = [];
  if (f.type) and.push(eb('challenge.type', '=', f.type));
  if (f.stageLevel !== undefined) and.push(eb('challenge.stage_level', '=', f.stageLevel));
  if (f.raisedBy !== undefined) and.push(eb('challenge.raised_by', '=', f.raisedBy));
  if (f.addressedTo !== undefined) and.push(eb('challenge.addressed_to', '=', f.addressedTo));
  if (f.from) and.push(eb('challenge.raised_on', '>=', f.from));
  if (f.to) and.push(eb('challenge.raised_on', '<=', f.to));
  if (f.state === 'open') and.push(eb('challenge.status', 'not in', [...CLOSED_STATUSES]));
  if (f.state === 'closed') and.push(eb('challenge.status', 'in', [...CLOSED_STATUSES]));
  if (f.state === 'resolved') and.push(eb('challenge.status', '=', 'resolved'));
  if (f.state === 'overdue') and.push(eb.and([eb('challenge.status', 'in', [...AWAITING_RESPONSE]), eb('challenge.due_date', '<', f.asOf)]));
  if (f.everAddressedTo !== undefined) {
    and.push(eb.exists(eb.selectFrom('challenge_step').select(sql.lit(1).as('one')).whereRef('challenge_step.challenge_id', '=', 'challenge.id').where('challenge_step.addressed_to', '=', f.everAddressedTo)));
  }
  if (f.themeId !== undefined) {
    and.push(eb.exists(eb.selectFrom('challenge_theme').select(sql.lit(1).as('one')).whereRef('challenge_theme.challenge_id', '=', 'challenge.id').where('challenge_theme.theme_id', '=', f.themeId)));
  }
  const childMatch = (column: 'child.social_work_team' | 'child.id', values: readonly string[]) =>
    eb.exists(
      eb
        .selectFrom('challenge_child')
        .innerJoin('child', 'child.id', 'challenge_child.child_id')
        .select(sql.lit(1).as('one'))
        .whereRef('challenge_child.challenge_id', '=', 'challenge.id')
        .where(column, 'in', [...values]),
    );
  if (f.team) and.push(childMatch('child.social_work_team', [f.team]));
  if (f.childId) and.push(childMatch('child.id', [f.childId]));
  if (f.visibleTo) {
    const { raisedBy, childIds } = f.visibleTo;
    and.push(eb.or([eb('challenge.raised_by', '=', raisedBy), ...(childIds.length > 0 ? [childMatch('child.id', childIds)] : [])]));
  }
  return eb.and(and);
}

/** A page of challenges matching the filter, newest first, with how many match in all. */
export async function listChallenges(target: DatabaseLike, filter: ChallengeFilter, page: { limit: number; offset: number }): Promise<{ rows: ChallengeListRow[]; total: number }> {
  const db = kyselyOf(target);
  const counted = await db
    .selectFrom('challenge')
    .where((eb) => applyFilter(eb, filter))
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const matching = db.selectFrom('challenge').select('challenge.id').where((eb) => applyFilter(eb, filter));
  const rows = await challengeQuery(target)
    .where('challenge.id', 'in', matching)
    .orderBy('challenge.raised_on', 'desc')
    .orderBy('challenge.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const { children, themes } = await childrenAndThemes(target, rows.map((r) => r.id));
  return {
    rows: rows.map((r) => {
      const { steps: _steps, concern: _concern, request: _request, ...rest } = fromRow(r, { children: children.get(r.id) ?? [], themes: themes.get(r.id) ?? [], steps: [] });
      return rest;
    }),
    total: Number(counted.total),
  };
}

/** Every challenge with its steps, as the report reads them. */
export async function loadChallengeHistories(target: DatabaseLike, strings = new SharedStrings()): Promise<ChallengeHistory[]> {
  const db = kyselyOf(target);
  // Whole tables, each read once and only the columns counted (no names, no words said): a large authority
  // has tens of thousands of challenges.
  const challenges: ChallengeHistory[] = [];
  const byId = new Map<number, ChallengeHistory>();
  await eachRow(db, db.selectFrom('challenge').select(['id', 'type', 'raised_by']).orderBy('id'), (r) => {
    const challenge: ChallengeHistory = { id: Number(r[0]), type: strings.of(r[1]) as ChallengeType, childIds: [], themes: [], raisedBy: r[2] === null ? null : Number(r[2]), steps: [] };
    challenges.push(challenge);
    byId.set(challenge.id, challenge);
  });
  await eachRow(db, db.selectFrom('challenge_child').select(['challenge_id', 'child_id']).orderBy('challenge_id').orderBy('child_id'), (r) => {
    byId.get(Number(r[0]))?.childIds.push(strings.of(r[1] as string));
  });
  const themeQuery = db
    .selectFrom('challenge_theme')
    .innerJoin('dispute_theme', 'dispute_theme.id', 'challenge_theme.theme_id')
    .select(['challenge_theme.challenge_id', 'dispute_theme.label'])
    .orderBy('challenge_theme.challenge_id')
    .orderBy('dispute_theme.position');
  await eachRow(db, themeQuery, (r) => {
    byId.get(Number(r[0]))?.themes.push(strings.of(r[1] as string));
  });
  const stepQuery = db
    .selectFrom('challenge_step')
    .select(['challenge_id', 'action', 'step_date', 'stage_level', 'stage_name', 'responder_role', 'due_date'])
    .orderBy('challenge_id')
    .orderBy('id');
  await eachRow(db, stepQuery, (r) => {
    byId.get(Number(r[0]))?.steps.push({
      action: strings.of(r[1]) as ChallengeAction | 'raise',
      date: strings.of(r[2] as IsoDate),
      stageLevel: Number(r[3]),
      stageName: strings.of(r[4] as string),
      senior: isSeniorStage({ role: r[5] as ResponderRole }),
      dueDate: strings.of(r[6]),
    });
  });
  // Each list copied to its own length: a list grown from empty by push keeps room for sixteen more items, about
  // 150 bytes where most challenges need 10 to 30, and a large authority has a hundred thousand challenges.
  for (const c of challenges) {
    c.childIds = c.childIds.slice();
    c.themes = c.themes.slice();
    c.steps = c.steps.slice();
  }
  return challenges;
}
