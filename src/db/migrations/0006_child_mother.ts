// The SSDA903 Header's MOTHER and MC_DOB: whether a looked after young woman is a mother, and her first
// child's date of birth, so an imported return is written back as it came. Frozen: change the schema in a
// new migration.

import type { Kysely } from 'kysely';
import { dateColumn, dialectOf, oneOf } from './column-types.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('child').addColumn('mother', 'text', (col) => col.check(oneOf('mother', ['0', '1']))).execute();
  await db.schema.alterTable('child').addColumn('mother_child_dob', ...dateColumn(dialectOf(db), 'mother_child_dob', false)).execute();
}
