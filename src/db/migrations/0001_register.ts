// The register: authority settings, staff, children with their SSDA903 episodes and derived periods of
// care, IRO allocations, reviews and review rearrangements. Frozen: change the schema in a new migration.

import type { Kysely } from 'kysely';
import { between, dateColumn, dialectOf, fractionColumn, idColumn, oneOf, yesNoColumn } from './column-types.ts';

const REVIEW_STATUSES = ['booked', 'held', 'cancelled'];
const REVIEW_FORMATS = ['in_person', 'virtual', 'hybrid'];
const SEXES = ['M', 'F', 'U'];
const PARTICIPATION_CODES = ['PN0', 'PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7'];

export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  const id = idColumn(dialect);
  const date = (name: string, required: boolean) => dateColumn(dialect, name, required);

  await db.schema
    .createTable('authority_setting')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('value', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('staff')
    .addColumn('id', ...id)
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('email', 'text', (col) => col.notNull().unique())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('team', 'text')
    .addColumn('fte', fractionColumn(dialect), (col) => col.notNull().defaultTo(1).check(between('fte', 0, 1)))
    .addColumn('active', ...yesNoColumn('active', 1))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('child')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('given_name', 'text')
    .addColumn('family_name', 'text')
    .addColumn('date_of_birth', ...date('date_of_birth', false))
    .addColumn('sex', 'text', (col) => col.notNull().check(oneOf('sex', SEXES)))
    .addColumn('ethnicity', 'text')
    .addColumn('upn', 'text')
    .addColumn('uasc', ...yesNoColumn('uasc', 0))
    .addColumn('uasc_ceased_date', ...date('uasc_ceased_date', false))
    .addColumn('disability', 'text')
    .addColumn('notified_date', ...date('notified_date', false))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('episode')
    .addColumn('id', ...id)
    .addColumn('child_id', 'text', (col) => col.notNull().references('child.id').onDelete('cascade'))
    .addColumn('start_date', ...date('start_date', true))
    .addColumn('reason_new_episode', 'text', (col) => col.notNull())
    .addColumn('legal_status', 'text', (col) => col.notNull())
    .addColumn('category_of_need', 'text', (col) => col.notNull())
    .addColumn('placement_type', 'text', (col) => col.notNull())
    .addColumn('placement_provider', 'text')
    .addColumn('end_date', ...date('end_date', false))
    .addColumn('reason_ceased', 'text')
    .addColumn('reason_placement_change', 'text')
    .addColumn('home_postcode', 'text')
    .addColumn('placement_postcode', 'text')
    .addColumn('urn', 'text')
    .execute();
  await db.schema.createIndex('episode_child_start').on('episode').columns(['child_id', 'start_date']).execute();

  await db.schema
    .createTable('period_of_care')
    .addColumn('id', ...id)
    .addColumn('child_id', 'text', (col) => col.notNull().references('child.id').onDelete('cascade'))
    .addColumn('sequence', 'integer', (col) => col.notNull())
    .addColumn('start_date', ...date('start_date', true))
    .addColumn('end_date', ...date('end_date', false))
    .addColumn('short_breaks', ...yesNoColumn('short_breaks', 0))
    .addUniqueConstraint('period_of_care_child_sequence', ['child_id', 'sequence'])
    .execute();
  await db.schema.createIndex('period_of_care_start').on('period_of_care').column('start_date').execute();

  await db.schema
    .createTable('iro_allocation')
    .addColumn('id', ...id)
    .addColumn('child_id', 'text', (col) => col.notNull().references('child.id').onDelete('cascade'))
    .addColumn('iro_id', 'integer', (col) => col.notNull().references('staff.id'))
    .addColumn('start_date', ...date('start_date', true))
    .addColumn('end_date', ...date('end_date', false))
    .addColumn('reason', 'text')
    .execute();
  await db.schema.createIndex('iro_allocation_child').on('iro_allocation').columns(['child_id', 'start_date']).execute();
  await db.schema.createIndex('iro_allocation_iro').on('iro_allocation').column('iro_id').execute();

  await db.schema
    .createTable('review')
    .addColumn('id', ...id)
    .addColumn('child_id', 'text', (col) => col.notNull().references('child.id').onDelete('cascade'))
    .addColumn('due_date', ...date('due_date', false))
    .addColumn('booked_date', ...date('booked_date', false))
    .addColumn('held_date', ...date('held_date', false))
    .addColumn('status', 'text', (col) => col.notNull().check(oneOf('status', REVIEW_STATUSES)))
    .addColumn('participation_code', 'text', (col) => col.check(oneOf('participation_code', PARTICIPATION_CODES)))
    .addColumn('chair_id', 'integer', (col) => col.references('staff.id'))
    .addColumn('format', 'text', (col) => col.check(oneOf('format', REVIEW_FORMATS)))
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('review_child').on('review').column('child_id').execute();
  await db.schema.createIndex('review_held').on('review').column('held_date').execute();
  await db.schema.createIndex('review_due').on('review').column('due_date').execute();
  await db.schema.createIndex('review_chair').on('review').column('chair_id').execute();

  await db.schema
    .createTable('review_rearrangement')
    .addColumn('id', ...id)
    .addColumn('review_id', 'integer', (col) => col.notNull().references('review.id').onDelete('cascade'))
    .addColumn('changed_on', ...date('changed_on', true))
    .addColumn('from_date', ...date('from_date', false))
    .addColumn('to_date', ...date('to_date', false))
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('review_rearrangement_review').on('review_rearrangement').column('review_id').execute();
}
