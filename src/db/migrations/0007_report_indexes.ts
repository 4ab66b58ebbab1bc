// An index the IRO report's loader asks for: the first review held with anything recorded after it (decisions
// issued or the record distributed) is found among those reviews alone, not by reading every review ever
// held (seconds on a national-sized register). The same statement on SQLite and PostgreSQL. Frozen: change
// the schema in a new migration.

import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index review_workflow_recorded on review (held_date) where decisions_issued_date is not null or record_distributed_date is not null`.execute(db);
}
