// Compliments: good practice an IRO records about a social worker or a team, with the child it concerns,
// and sends on to senior managers. An IRO sees the compliments they recorded; IRO managers all of them;
// heads of service those sent on to them. Counted by team, as the IRO report counts them.

import type { Database } from '../db/database.ts';
import { inTransaction } from '../db/connection.ts';
import { recordAudit } from '../db/audit.ts';
import { DisputeRecordNotFound } from '../db/challenges.ts';
import { getCompliment, insertCompliment, listCompliments, markComplimentSent, type ComplimentFilter } from '../db/compliments.ts';
import { can, type Actor } from '../domain/access.ts';
import type { IsoDate } from '../domain/dates.ts';
import { TEXT_MAX_LENGTH, type Problem } from '../domain/dispute-resolution.ts';
import { childFor } from './child-access.ts';
import { InputProblems, socialWorkTeams } from './children.ts';

export const WORKER_MAX_LENGTH = 200;
/** As a theme's name: the report counts compliments by team, and each team's figure is addressed by its name. */
export const TEAM_MAX_LENGTH = 200;

const nameOf = (c: { id: string; givenName: string | null; familyName: string | null }) => [c.givenName, c.familyName].filter(Boolean).join(' ') || `Child ${c.id}`;

/** The child a compliment is being recorded for, if the actor may (NotFoundError otherwise), and the teams to choose from. */
export async function complimentForm(database: Database, actor: Actor, childId: string, asOf: IsoDate) {
  const { child } = await childFor(database, actor, childId, asOf, { action: 'compliment.add' });
  return { child: { id: child.id, name: nameOf(child), team: child.socialWorkTeam }, teams: await socialWorkTeams(database) };
}

export interface ComplimentInput {
  worker: string | null;
  team: string;
  text: string;
  recordedOn: IsoDate;
  /** Sent on to senior managers as it is recorded. */
  sendNow: boolean;
}

export async function addCompliment(database: Database, actor: Actor, childId: string, input: ComplimentInput, asOf: IsoDate): Promise<number> {
  const problems: Problem[] = [];
  if (input.team.trim() === '') problems.push({ field: 'team', text: 'Enter the team the compliment is about' });
  else if (input.team.trim().length > TEAM_MAX_LENGTH) problems.push({ field: 'team', text: `The team must be ${TEAM_MAX_LENGTH} characters or fewer` });
  if ((input.worker ?? '').length > WORKER_MAX_LENGTH) problems.push({ field: 'worker', text: `The name must be ${WORKER_MAX_LENGTH} characters or fewer` });
  if (input.text.trim() === '') problems.push({ field: 'text', text: 'Enter what was done well' });
  if (input.text.length > TEXT_MAX_LENGTH) problems.push({ field: 'text', text: `The compliment must be ${TEXT_MAX_LENGTH} characters or fewer` });
  if (input.recordedOn > asOf) problems.push({ field: 'recordedOn', text: 'The date must be today or in the past' });
  if (problems.length > 0) throw new InputProblems(problems);
  return inTransaction(database, async (trx) => {
    await childFor(trx, actor, childId, asOf, { action: 'compliment.add' });
    const id = await insertCompliment(trx, {
      childId,
      recordedBy: actor.id,
      recordedOn: input.recordedOn,
      worker: input.worker?.trim() || null,
      team: input.team.trim(),
      text: input.text.trim(),
      sentOn: input.sendNow ? asOf : null,
    });
    // The audit names what was recorded, never what the compliment says or whom it praises.
    await recordAudit(trx, { staffId: actor.id, action: 'create', entity: 'compliment', entityId: id, childId, detail: { sent: input.sendNow } });
    return id;
  });
}

/** Records a compliment as sent on to senior managers: by the IRO who recorded it or an IRO manager. */
export async function sendCompliment(database: Database, actor: Actor, id: number, asOf: IsoDate): Promise<void> {
  await inTransaction(database, async (trx) => {
    const compliment = await getCompliment(trx, id);
    if (actor.role !== 'iro_manager' && compliment.recordedBy !== actor.id) throw new DisputeRecordNotFound('compliment');
    await markComplimentSent(trx, id, asOf < compliment.recordedOn ? compliment.recordedOn : asOf, actor.id);
    await recordAudit(trx, { staffId: actor.id, action: 'update', entity: 'compliment', entityId: id, childId: compliment.childId, detail: { fields: ['sent_on'] } });
  });
}

/** The compliments the actor may see in a period, with counts by team. */
export async function complimentsPage(database: Database, actor: Actor, period: { from?: IsoDate; to?: IsoDate }) {
  const filter: ComplimentFilter = { ...period };
  if (actor.role === 'iro') filter.recordedBy = actor.id;
  else if (actor.role !== 'iro_manager') filter.sentOnly = true;
  const compliments = await listCompliments(database, filter);
  const byTeam = new Map<string, { team: string; recorded: number; sent: number }>();
  for (const c of compliments) {
    const row = byTeam.get(c.team) ?? { team: c.team, recorded: 0, sent: 0 };
    row.recorded += 1;
    if (c.sentOn !== null) row.sent += 1;
    byTeam.set(c.team, row);
  }
  return {
    compliments: compliments.map((c) => ({ ...c, canSend: c.sentOn === null && (actor.role === 'iro_manager' || c.recordedBy.id === actor.id), paragraphs: c.text.split(/(?:\r?\n)+/).filter((p) => p.trim() !== '') })),
    byTeam: [...byTeam.values()].sort((a, b) => b.recorded - a.recorded || a.team.localeCompare(b.team, 'en-GB')),
    total: compliments.length,
    sent: compliments.filter((c) => c.sentOn !== null).length,
    canAdd: can(actor, 'compliment.add'),
  };
}

/** A child's compliments for the record's panel, as the actor may see them. */
export async function childCompliments(database: Database, actor: Actor, childId: string) {
  if (!can(actor, 'compliment.view')) return [];
  const filter: ComplimentFilter = { childId };
  if (actor.role === 'head_of_service') filter.sentOnly = true;
  return listCompliments(database, filter);
}
