// The dispute resolution protocol and its tracker: the authority's stages and themes (seeded with the IRO
// Handbook's shape and the themes the published IRO reports count), challenges with the children and
// themes they concern, every dated step of each, and compliments the IROs record.
// Frozen: change the schema in a new migration. The seed rows are the starting protocol of a new register;
// an administrator edits them from then on.

import type { Kysely } from 'kysely';
import { between, dateColumn, dialectOf, idColumn, oneOf, yesNoColumn } from './column-types.ts';

const TYPES = ['informal', 'formal', 'themed'];
const STATUSES = ['raised', 'awaiting_response', 'responded', 'resolved', 'escalated', 'referred_to_cafcass', 'withdrawn'];
const STEP_ACTIONS = ['raise', 'respond', 'ask_again', 'resolve', 'escalate', 'refer_to_cafcass', 'withdraw'];
const RESPONDER_ROLES = ['team_manager', 'head_of_service'];

const SEED_STAGES = [
  { level: 0, name: 'Informal', responder: 'Social worker or team manager', role: 'team_manager', working_days: 5 },
  { level: 1, name: 'Stage 1', responder: 'Team manager', role: 'team_manager', working_days: 5 },
  { level: 2, name: 'Stage 2', responder: 'Service manager', role: 'head_of_service', working_days: 5 },
  { level: 3, name: 'Stage 3', responder: 'Head of service', role: 'head_of_service', working_days: 5 },
  { level: 4, name: 'Stage 4', responder: 'Director of children’s services', role: 'head_of_service', working_days: 5 },
];

const SEED_THEMES = [
  'Placement suitability',
  'Number of social workers or managers on a case',
  'Statutory visits out of timescale',
  'Drift and delay in the care plan',
  'Reports not shared 3 working days before the review',
  'Care or pathway plan not completed or updated',
  'Late notification of a new looked after child',
  'Initial health assessment late',
  'PEP out of timescale or not recorded',
  'IRO not told of court decisions',
  'Child protection plan not progressed',
];

interface SeedTables {
  dispute_stage: { level: number; name: string; responder: string; role: string; working_days: number };
  dispute_theme: { label: string; active: number; position: number };
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  const id = idColumn(dialect);
  const date = (name: string, required: boolean) => dateColumn(dialect, name, required);

  await db.schema
    .createTable('dispute_stage')
    .addColumn('level', 'integer', (col) => col.primaryKey().check(between('level', 0, 20)))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('responder', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull().check(oneOf('role', RESPONDER_ROLES)))
    .addColumn('working_days', 'integer', (col) => col.notNull().check(between('working_days', 1, 60)))
    .execute();

  // Themes are retired rather than deleted, so the challenges that used one keep it.
  await db.schema
    .createTable('dispute_theme')
    .addColumn('id', ...id)
    .addColumn('label', 'text', (col) => col.notNull().unique())
    .addColumn('active', ...yesNoColumn('active', 1))
    .addColumn('position', 'integer', (col) => col.notNull())
    .execute();

  // The stage's name is kept beside its level, so a challenge reads as it was raised after the protocol changes.
  await db.schema
    .createTable('challenge')
    .addColumn('id', ...id)
    .addColumn('type', 'text', (col) => col.notNull().check(oneOf('type', TYPES)))
    .addColumn('status', 'text', (col) => col.notNull().check(oneOf('status', STATUSES)))
    .addColumn('stage_level', 'integer', (col) => col.notNull())
    .addColumn('stage_name', 'text', (col) => col.notNull())
    .addColumn('addressed_to', 'integer', (col) => col.notNull().references('staff.id'))
    .addColumn('due_date', ...date('due_date', false))
    .addColumn('raised_by', 'integer', (col) => col.notNull().references('staff.id'))
    .addColumn('raised_on', ...date('raised_on', true))
    .addColumn('concern', 'text', (col) => col.notNull())
    .addColumn('request', 'text', (col) => col.notNull())
    .addColumn('closed_on', ...date('closed_on', false))
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('challenge_addressed_to').on('challenge').columns(['addressed_to', 'status']).execute();
  await db.schema.createIndex('challenge_raised_by').on('challenge').column('raised_by').execute();
  await db.schema.createIndex('challenge_raised_on').on('challenge').column('raised_on').execute();

  // No cascade from child: a challenge is never deleted, and neither is the child it names.
  await db.schema
    .createTable('challenge_child')
    .addColumn('challenge_id', 'integer', (col) => col.notNull().references('challenge.id'))
    .addColumn('child_id', 'text', (col) => col.notNull().references('child.id'))
    .addPrimaryKeyConstraint('challenge_child_pk', ['challenge_id', 'child_id'])
    .execute();
  await db.schema.createIndex('challenge_child_child').on('challenge_child').column('child_id').execute();

  await db.schema
    .createTable('challenge_theme')
    .addColumn('challenge_id', 'integer', (col) => col.notNull().references('challenge.id'))
    .addColumn('theme_id', 'integer', (col) => col.notNull().references('dispute_theme.id'))
    .addPrimaryKeyConstraint('challenge_theme_pk', ['challenge_id', 'theme_id'])
    .execute();

  await db.schema
    .createTable('challenge_step')
    .addColumn('id', ...id)
    .addColumn('challenge_id', 'integer', (col) => col.notNull().references('challenge.id'))
    .addColumn('action', 'text', (col) => col.notNull().check(oneOf('action', STEP_ACTIONS)))
    .addColumn('step_date', ...date('step_date', true))
    .addColumn('staff_id', 'integer', (col) => col.notNull().references('staff.id'))
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('status_after', 'text', (col) => col.notNull().check(oneOf('status_after', STATUSES)))
    .addColumn('stage_level', 'integer', (col) => col.notNull())
    .addColumn('stage_name', 'text', (col) => col.notNull())
    .addColumn('responder_role', 'text', (col) => col.notNull())
    .addColumn('addressed_to', 'integer', (col) => col.notNull().references('staff.id'))
    .addColumn('due_date', ...date('due_date', false))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('challenge_step_challenge').on('challenge_step').columns(['challenge_id', 'id']).execute();

  await db.schema
    .createTable('compliment')
    .addColumn('id', ...id)
    .addColumn('child_id', 'text', (col) => col.references('child.id'))
    .addColumn('recorded_by', 'integer', (col) => col.notNull().references('staff.id'))
    .addColumn('recorded_on', ...date('recorded_on', true))
    .addColumn('worker', 'text')
    .addColumn('team', 'text', (col) => col.notNull())
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('sent_on', ...date('sent_on', false))
    .addColumn('sent_by', 'integer', (col) => col.references('staff.id'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('compliment_recorded_on').on('compliment').column('recorded_on').execute();
  await db.schema.createIndex('compliment_child').on('compliment').column('child_id').execute();

  // The migration knows only the tables it made, not the application's schema type.
  const seeded = db as Kysely<SeedTables>;
  await seeded.insertInto('dispute_stage').values(SEED_STAGES).execute();
  await seeded
    .insertInto('dispute_theme')
    .values(SEED_THEMES.map((label, position) => ({ label, active: 1, position })))
    .execute();
}
