// The IRO's footprint between reviews: notes of mid-point monitoring, visits, contact with the child,
// pre-review discussions and consultations with the social worker.

import type { IsoDate } from '../domain/dates.ts';
import { kyselyOf, timestampNow, type DatabaseLike } from './connection.ts';

export const NOTE_KINDS = {
  midpoint: 'Mid-point monitoring',
  visit: 'Visit to the child',
  child_contact: 'Contact with the child',
  pre_review: 'Pre-review discussion',
  social_worker_consultation: 'Consultation with the social worker',
  other: 'Other',
} as const;
export type NoteKind = keyof typeof NOTE_KINDS;

export interface IroNote {
  id: number;
  childId: string;
  authorId: number;
  authorName: string | null;
  kind: NoteKind;
  date: IsoDate;
  text: string;
  createdAt: string;
}

export async function addNote(
  target: DatabaseLike,
  note: { childId: string; authorId: number; kind: NoteKind; date: IsoDate; text: string },
): Promise<number> {
  const row = await kyselyOf(target)
    .insertInto('iro_note')
    .values({ child_id: note.childId, author_id: note.authorId, kind: note.kind, note_date: note.date, text: note.text, created_at: timestampNow() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listNotes(target: DatabaseLike, childId: string): Promise<IroNote[]> {
  const rows = await kyselyOf(target)
    .selectFrom('iro_note')
    .leftJoin('staff', 'staff.id', 'iro_note.author_id')
    .select(['iro_note.id', 'iro_note.child_id', 'iro_note.author_id', 'staff.name', 'iro_note.kind', 'iro_note.note_date', 'iro_note.text', 'iro_note.created_at'])
    .where('iro_note.child_id', '=', childId)
    .orderBy('iro_note.note_date', 'desc')
    .orderBy('iro_note.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    childId: r.child_id,
    authorId: r.author_id,
    authorName: r.name ?? null,
    kind: r.kind as NoteKind,
    date: r.note_date,
    text: r.text,
    createdAt: r.created_at,
  }));
}

/** The latest note date of given kinds for every child: last IRO contact, last mid-point check. */
export async function latestNoteDates(target: DatabaseLike, kinds: readonly NoteKind[]): Promise<Map<string, IsoDate>> {
  if (kinds.length === 0) return new Map();
  const rows = await kyselyOf(target)
    .selectFrom('iro_note')
    .select(['child_id', (eb) => eb.fn.max('note_date').as('latest')])
    .where('kind', 'in', [...kinds])
    .groupBy('child_id')
    .execute();
  return new Map(rows.map((r) => [r.child_id, String(r.latest)]));
}

/** Every note date of given kinds, by child, for mid-point coverage. */
export async function noteDatesByChild(target: DatabaseLike, kinds: readonly NoteKind[]): Promise<Map<string, IsoDate[]>> {
  const rows = await kyselyOf(target)
    .selectFrom('iro_note')
    .select(['child_id', 'note_date'])
    .where('kind', 'in', [...kinds])
    .orderBy('child_id')
    .orderBy('note_date')
    .execute();
  const result = new Map<string, IsoDate[]>();
  for (const r of rows) {
    const list = result.get(r.child_id) ?? [];
    list.push(r.note_date);
    result.set(r.child_id, list);
  }
  return result;
}
