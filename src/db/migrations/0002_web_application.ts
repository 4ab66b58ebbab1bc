// The web application: sign-in accounts and their sessions, the audit trail, IRO cover, the child's social
// work team, the IRO's notes between reviews, and the review's workflow after the meeting (decisions to the
// team manager, their query, the record, actions with owners and deadlines, manager sign-off).
// Frozen: change the schema in a new migration.

import type { Kysely } from 'kysely';
import { dateColumn, dialectOf, idColumn, oneOf } from './column-types.ts';

const NOTE_KINDS = ['midpoint', 'visit', 'child_contact', 'pre_review', 'social_worker_consultation', 'other'];

export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  const id = idColumn(dialect);
  const date = (name: string, required: boolean) => dateColumn(dialect, name, required);

  await db.schema
    .createTable('account')
    .addColumn('staff_id', 'integer', (col) => col.primaryKey().references('staff.id').onDelete('cascade'))
    .addColumn('password_hash', 'text', (col) => col.notNull())
    .addColumn('failed_sign_ins', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('password_changed_at', 'text', (col) => col.notNull())
    .execute();

  // A session is found by the hash of its cookie token, so a copy of this table cannot sign anyone in.
  await db.schema
    .createTable('session')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('staff_id', 'integer', (col) => col.notNull().references('staff.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('last_seen_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('session_staff').on('session').column('staff_id').execute();

  await db.schema
    .createTable('audit_event')
    .addColumn('id', ...id)
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('staff_id', 'integer', (col) => col.references('staff.id'))
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('entity', 'text', (col) => col.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('child_id', 'text')
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('audit_event_child').on('audit_event').columns(['child_id', 'at']).execute();
  await db.schema.createIndex('audit_event_staff').on('audit_event').columns(['staff_id', 'at']).execute();

  await db.schema
    .createTable('iro_cover')
    .addColumn('id', ...id)
    .addColumn('iro_id', 'integer', (col) => col.notNull().references('staff.id'))
    .addColumn('covered_iro_id', 'integer', (col) => col.notNull().references('staff.id'))
    .addColumn('start_date', ...date('start_date', true))
    .addColumn('end_date', ...date('end_date', false))
    .execute();

  await db.schema.alterTable('child').addColumn('social_work_team', 'text').execute();

  await db.schema
    .createTable('iro_note')
    .addColumn('id', ...id)
    .addColumn('child_id', 'text', (col) => col.notNull().references('child.id').onDelete('cascade'))
    .addColumn('author_id', 'integer', (col) => col.notNull().references('staff.id'))
    .addColumn('kind', 'text', (col) => col.notNull().check(oneOf('kind', NOTE_KINDS)))
    .addColumn('note_date', ...date('note_date', true))
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('iro_note_child').on('iro_note').columns(['child_id', 'note_date']).execute();

  for (const name of ['attendance', 'query_text']) {
    await db.schema.alterTable('review').addColumn(name, 'text').execute();
  }
  await db.schema.alterTable('review').addColumn('signed_off_by', 'integer').execute();
  for (const name of ['decisions_issued_date', 'queried_date', 'record_distributed_date', 'signed_off_date']) {
    await db.schema.alterTable('review').addColumn(name, ...date(name, false)).execute();
  }

  await db.schema
    .createTable('review_action')
    .addColumn('id', ...id)
    .addColumn('review_id', 'integer', (col) => col.notNull().references('review.id').onDelete('cascade'))
    .addColumn('child_id', 'text', (col) => col.notNull().references('child.id').onDelete('cascade'))
    .addColumn('description', 'text', (col) => col.notNull())
    .addColumn('owner', 'text', (col) => col.notNull())
    .addColumn('due_date', ...date('due_date', true))
    .addColumn('completed_date', ...date('completed_date', false))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('review_action_child').on('review_action').column('child_id').execute();
  await db.schema.createIndex('review_action_review').on('review_action').column('review_id').execute();
}
