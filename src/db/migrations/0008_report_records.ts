// Each child's record as the IRO report reads it, stored whole (src/db/report-records.ts, decision 12), and the
// triggers that delete it whenever anything it copies changes: the child's own details, an episode, an IRO
// allocation, a review, a rearrangement, an action or a request for views (consultation). A child without a stored record is read from the tables, so however a row is
// written (the web application, an import, a hand-made correction in SQL) the report never counts a stale copy.
// Frozen: change the schema in a new migration.

import { sql, type Kysely } from 'kysely';
import { dialectOf } from './column-types.ts';

/** The tables the stored record copies, and how a row names its child. */
const COPIED: readonly { table: string; child: (row: 'new' | 'old') => string }[] = [
  { table: 'child', child: (row) => `${row}.id` },
  { table: 'episode', child: (row) => `${row}.child_id` },
  { table: 'iro_allocation', child: (row) => `${row}.child_id` },
  { table: 'review', child: (row) => `${row}.child_id` },
  { table: 'review_action', child: (row) => `${row}.child_id` },
  { table: 'consultation_request', child: (row) => `${row}.child_id` },
  { table: 'review_rearrangement', child: (row) => `(select child_id from review where review.id = ${row}.review_id)` },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  await db.schema
    .createTable('child_report_record')
    .addColumn('child_id', 'text', (col) => col.primaryKey().references('child.id').onDelete('cascade'))
    .addColumn('format', 'integer', (col) => col.notNull())
    .addColumn('record', dialect === 'postgres' ? 'bytea' : 'blob', (col) => col.notNull())
    .execute();

  if (dialect === 'sqlite') {
    for (const { table, child } of COPIED) {
      await sql
        .raw(`create trigger ${table}_insert_forgets_report_record after insert on ${table} begin delete from child_report_record where child_id = ${child('new')}; end`)
        .execute(db);
      await sql
        .raw(
          `create trigger ${table}_update_forgets_report_record after update on ${table} begin delete from child_report_record where child_id in (${child('old')}, ${child('new')}); end`,
        )
        .execute(db);
      await sql
        .raw(`create trigger ${table}_delete_forgets_report_record after delete on ${table} begin delete from child_report_record where child_id = ${child('old')}; end`)
        .execute(db);
    }
    return;
  }
  for (const { table, child } of COPIED) {
    await sql
      .raw(
        `create function ${table}_forgets_report_record() returns trigger language plpgsql as $$
begin
  if tg_op <> 'INSERT' then delete from child_report_record where child_id = ${child('old')}; end if;
  if tg_op <> 'DELETE' then delete from child_report_record where child_id = ${child('new')}; end if;
  return null;
end $$`,
      )
      .execute(db);
    await sql
      .raw(`create trigger ${table}_forgets_report_record after insert or update or delete on ${table} for each row execute function ${table}_forgets_report_record()`)
      .execute(db);
  }
}
