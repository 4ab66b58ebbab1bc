// The IRO report as the service manager keeps it: a report for a period with its narrative (executive
// summary, last year's priorities with updates, the action plan), and each generated version's snapshot of
// figures and narrative, so the version presented to committee opens again unchanged after later edits.
// Frozen: change the schema in a new migration.

import type { Kysely } from 'kysely';
import { dateColumn, dialectOf, idColumn } from './column-types.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  const id = idColumn(dialect);
  const date = (name: string, required: boolean) => dateColumn(dialect, name, required);

  await db.schema
    .createTable('report')
    .addColumn('id', ...id)
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('period_from', ...date('period_from', true))
    .addColumn('period_to', ...date('period_to', true))
    .addColumn('narrative', 'text', (col) => col.notNull())
    .addColumn('created_by', 'integer', (col) => col.references('staff.id'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .execute();

  // The model is stored as gzip-compressed JSON: with the children behind every figure it is large.
  await db.schema
    .createTable('report_snapshot')
    .addColumn('id', ...id)
    .addColumn('report_id', 'integer', (col) => col.notNull().references('report.id').onDelete('cascade'))
    .addColumn('generated_at', 'text', (col) => col.notNull())
    .addColumn('generated_by', 'integer', (col) => col.references('staff.id'))
    .addColumn('label', 'text')
    .addColumn('model_gzip_base64', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('report_snapshot_report').on('report_snapshot').column('report_id').execute();
}
