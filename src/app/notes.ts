// The IRO's footprint on the child's file: notes of mid-point monitoring, visits, contact with the child,
// pre-review discussions and consultations with the social worker. Added only by someone who may add
// notes for this child (their IRO or cover, or an IRO manager); each is audited without its text.

import type { Database } from '../db/database.ts';
import { inTransaction } from '../db/connection.ts';
import { addNote, NOTE_KINDS, type NoteKind } from '../db/notes.ts';
import { recordAudit } from '../db/audit.ts';
import type { Actor } from '../domain/access.ts';
import type { IsoDate } from '../domain/dates.ts';
import { childFor } from './child-access.ts';
import { childName } from './caseload.ts';
import { InputProblems } from './children.ts';

export const NOTE_MAX_LENGTH = 5000;

export const NOTE_KIND_CHOICES = (Object.keys(NOTE_KINDS) as NoteKind[]).map((value) => ({ value, text: NOTE_KINDS[value] }));

/** The child a note is being written for, if the actor may add one (NotFoundError or FORBIDDEN otherwise). */
export async function noteFormFor(database: Database, actor: Actor, childId: string, asOf: IsoDate) {
  const { child } = await childFor(database, actor, childId, asOf, { action: 'note.add' });
  return { id: child.id, name: childName({ given_name: child.givenName, family_name: child.familyName }, child.id) };
}

/** Adds a note dated today or earlier; the permission check, the note and its audit event in one transaction. */
export async function addIroNote(
  database: Database,
  actor: Actor,
  childId: string,
  input: { kind: NoteKind; date: IsoDate; text: string },
  asOf: IsoDate,
): Promise<number> {
  const problems: { field: string; text: string }[] = [];
  if (input.date > asOf) problems.push({ field: 'date', text: 'The date must be today or in the past' });
  if (input.text.trim() === '') problems.push({ field: 'text', text: 'Enter the note' });
  if (input.text.length > NOTE_MAX_LENGTH) problems.push({ field: 'text', text: `The note must be ${NOTE_MAX_LENGTH} characters or fewer` });
  if (problems.length > 0) throw new InputProblems(problems);
  return inTransaction(database, async (trx) => {
    await childFor(trx, actor, childId, asOf, { action: 'note.add' });
    const id = await addNote(trx, { childId, authorId: actor.id, kind: input.kind, date: input.date, text: input.text });
    // The audit names the kind and date, never what the note says.
    await recordAudit(trx, { staffId: actor.id, action: 'create', entity: 'note', entityId: id, childId, detail: { kind: input.kind, date: input.date } });
    return id;
  });
}
