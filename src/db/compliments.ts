// Compliments as stored: good practice an IRO records about a worker or a team, with the child it
// concerns, and the day it was sent on to senior managers.

import type { IsoDate } from '../domain/dates.ts';
import type { ComplimentHistory } from '../domain/dispute-resolution.ts';
import { chunks, inTransaction, kyselyOf, timestampNow, type DatabaseLike } from './connection.ts';
import { ConflictError } from './errors.ts';
import { DisputeRecordNotFound } from './challenges.ts';
import { SharedStrings } from './rows.ts';

export interface StoredCompliment {
  id: number;
  childId: string | null;
  childName: string | null;
  recordedBy: { id: number; name: string };
  recordedOn: IsoDate;
  worker: string | null;
  team: string;
  text: string;
  sentOn: IsoDate | null;
  sentByName: string | null;
}

export async function insertCompliment(
  target: DatabaseLike,
  compliment: { childId: string; recordedBy: number; recordedOn: IsoDate; worker: string | null; team: string; text: string; sentOn: IsoDate | null },
): Promise<number> {
  const row = await kyselyOf(target)
    .insertInto('compliment')
    .values({
      child_id: compliment.childId,
      recorded_by: compliment.recordedBy,
      recorded_on: compliment.recordedOn,
      worker: compliment.worker,
      team: compliment.team,
      text: compliment.text,
      sent_on: compliment.sentOn,
      sent_by: compliment.sentOn === null ? null : compliment.recordedBy,
      created_at: timestampNow(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Saves many compliments at once (the demo authority's history), a few hundred rows a statement. */
export async function insertCompliments(
  target: DatabaseLike,
  compliments: readonly { childId: string; recordedBy: number; recordedOn: IsoDate; worker: string | null; team: string; text: string; sentOn: IsoDate | null }[],
): Promise<void> {
  const now = timestampNow();
  await inTransaction(target, async (trx) => {
    for (const part of chunks(compliments, 300)) {
      await trx
        .insertInto('compliment')
        .values(part.map((c) => ({ child_id: c.childId, recorded_by: c.recordedBy, recorded_on: c.recordedOn, worker: c.worker, team: c.team, text: c.text, sent_on: c.sentOn, sent_by: c.sentOn === null ? null : c.recordedBy, created_at: now })))
        .execute();
    }
  });
}

/** Records the compliment as sent on; refused if it already was. */
export async function markComplimentSent(target: DatabaseLike, id: number, sentOn: IsoDate, sentBy: number): Promise<void> {
  const result = await kyselyOf(target).updateTable('compliment').set({ sent_on: sentOn, sent_by: sentBy }).where('id', '=', id).where('sent_on', 'is', null).executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new ConflictError('RECORD_CHANGED', 'This compliment has already been sent on');
}

export interface ComplimentFilter {
  recordedBy?: number;
  sentOnly?: boolean;
  childId?: string;
  from?: IsoDate;
  to?: IsoDate;
}

export async function listCompliments(target: DatabaseLike, filter: ComplimentFilter = {}): Promise<StoredCompliment[]> {
  let query = kyselyOf(target)
    .selectFrom('compliment')
    .innerJoin('staff as recorder', 'recorder.id', 'compliment.recorded_by')
    .leftJoin('staff as sender', 'sender.id', 'compliment.sent_by')
    .leftJoin('child', 'child.id', 'compliment.child_id')
    .selectAll('compliment')
    .select(['recorder.name as recorder_name', 'sender.name as sender_name', 'child.given_name', 'child.family_name']);
  if (filter.recordedBy !== undefined) query = query.where('compliment.recorded_by', '=', filter.recordedBy);
  if (filter.sentOnly) query = query.where('compliment.sent_on', 'is not', null);
  if (filter.childId !== undefined) query = query.where('compliment.child_id', '=', filter.childId);
  if (filter.from) query = query.where('compliment.recorded_on', '>=', filter.from);
  if (filter.to) query = query.where('compliment.recorded_on', '<=', filter.to);
  const rows = await query.orderBy('compliment.recorded_on', 'desc').orderBy('compliment.id', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    childId: r.child_id,
    childName: r.child_id === null ? null : [r.given_name, r.family_name].filter(Boolean).join(' ') || `Child ${r.child_id}`,
    recordedBy: { id: r.recorded_by, name: r.recorder_name },
    recordedOn: r.recorded_on,
    worker: r.worker,
    team: r.team,
    text: r.text,
    sentOn: r.sent_on,
    sentByName: r.sender_name ?? null,
  }));
}

export async function getCompliment(target: DatabaseLike, id: number): Promise<{ id: number; recordedBy: number; childId: string | null; sentOn: IsoDate | null; recordedOn: IsoDate }> {
  const row = await kyselyOf(target).selectFrom('compliment').select(['id', 'recorded_by', 'child_id', 'sent_on', 'recorded_on']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new DisputeRecordNotFound('compliment');
  return { id: row.id, recordedBy: row.recorded_by, childId: row.child_id, sentOn: row.sent_on, recordedOn: row.recorded_on };
}

/** Every compliment, as the report reads them. */
export async function loadComplimentHistories(target: DatabaseLike, strings = new SharedStrings()): Promise<ComplimentHistory[]> {
  const rows = await kyselyOf(target).selectFrom('compliment').select(['id', 'child_id', 'team', 'recorded_on', 'sent_on']).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, childId: strings.of(r.child_id), team: strings.of(r.team), recordedOn: strings.of(r.recorded_on), sentOn: strings.of(r.sent_on) }));
}
