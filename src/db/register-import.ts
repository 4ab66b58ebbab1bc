// Writing many children at once: an SSDA903 import or the demo authority hands over whole child records
// (details, episodes, IRO allocations, reviews with their rearrangements) and they are saved in ONE
// transaction, replacing whatever the register held for those children: either every record is saved, or
// none. Sized for a national-scale register (85,000 children, about ten episodes and ten reviews each):
// SQLite takes prepared statements on the driver inside the transaction; PostgreSQL takes a few thousand
// rows per statement as arrays (insert … select from unnest), so each table costs a handful of round trips.
// Inside a transaction the caller has begun, plain multi-row inserts do the same work more slowly.

import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { IsoDate } from '../domain/dates.ts';
import { periodsOfCare, sortEpisodes } from '../domain/periods-of-care.ts';
import type { ChildRecord, StaffMember } from '../domain/register.ts';
import { childColumns } from './children.ts';
import { chunks, inTransaction, isPostgres, kyselyOf, timestampNow, toYesNo, type DatabaseLike } from './connection.ts';
import { sqliteHandleOf } from './database.ts';
import { episodeRow, periodRows } from './episodes.ts';
import { constraintError, DatabaseError } from './errors.ts';
import type { DatabaseSchema } from './schema.ts';
import { normaliseEmail } from './staff.ts';

export interface SaveSummary {
  children: number;
  episodes: number;
  periodsOfCare: number;
  allocations: number;
  reviews: number;
  rearrangements: number;
  /** Ids of the staff saved with the records, in the order given (empty when none were given). */
  staffIds: number[];
}

type Cell = string | number | null;
type PgType = 'text' | 'date' | 'integer';
type Columns = readonly (readonly [name: string, pgType: PgType])[];

const CHILD_COLUMNS = [
  ['id', 'text'],
  ['given_name', 'text'],
  ['family_name', 'text'],
  ['date_of_birth', 'date'],
  ['sex', 'text'],
  ['ethnicity', 'text'],
  ['upn', 'text'],
  ['uasc', 'integer'],
  ['uasc_ceased_date', 'date'],
  ['disability', 'text'],
  ['mother', 'text'],
  ['mother_child_dob', 'date'],
  ['notified_date', 'date'],
  ['created_at', 'text'],
  ['updated_at', 'text'],
] as const satisfies Columns;

const EPISODE_COLUMNS = [
  ['child_id', 'text'],
  ['start_date', 'date'],
  ['reason_new_episode', 'text'],
  ['legal_status', 'text'],
  ['category_of_need', 'text'],
  ['placement_type', 'text'],
  ['placement_provider', 'text'],
  ['end_date', 'date'],
  ['reason_ceased', 'text'],
  ['reason_placement_change', 'text'],
  ['home_postcode', 'text'],
  ['placement_postcode', 'text'],
  ['urn', 'text'],
] as const satisfies Columns;

const PERIOD_COLUMNS = [
  ['child_id', 'text'],
  ['sequence', 'integer'],
  ['start_date', 'date'],
  ['end_date', 'date'],
  ['short_breaks', 'integer'],
] as const satisfies Columns;

const ALLOCATION_COLUMNS = [
  ['child_id', 'text'],
  ['iro_id', 'integer'],
  ['start_date', 'date'],
  ['end_date', 'date'],
  ['reason', 'text'],
] as const satisfies Columns;

const REVIEW_COLUMNS = [
  ['id', 'integer'],
  ['child_id', 'text'],
  ['due_date', 'date'],
  ['booked_date', 'date'],
  ['held_date', 'date'],
  ['status', 'text'],
  ['participation_code', 'text'],
  ['chair_id', 'integer'],
  ['format', 'text'],
  ['created_at', 'text'],
  ['updated_at', 'text'],
] as const satisfies Columns;

const REARRANGEMENT_COLUMNS = [
  ['review_id', 'integer'],
  ['changed_on', 'date'],
  ['from_date', 'date'],
  ['to_date', 'date'],
  ['reason', 'text'],
  ['note', 'text'],
] as const satisfies Columns;

// Tables holding rows that belong to a child, cleared before the child's new rows go in (a review's
// rearrangements go with it, by cascade).
const CHILD_OWNED_TABLES = ['episode', 'period_of_care', 'iro_allocation', 'review'] as const;

/** One child's rows, in the column orders above; a review's id is filled in as it is written. */
interface ChildRows {
  child: Cell[];
  episodes: Cell[][];
  periods: Cell[][];
  allocations: Cell[][];
  reviews: { row: Cell[]; rearrangements: Cell[][] }[];
}

function cells(columns: Columns, values: Record<string, Cell | undefined>): Cell[] {
  return columns.map(([name]) => values[name] ?? null);
}

/**
 * Saves staff members, matched on email address: one already in the register is updated in place and
 * keeps its id; a new one is added, under the id it carries if it has one. Returns the ids in the order given.
 */
export async function saveStaff(target: DatabaseLike, staff: readonly StaffMember[]): Promise<number[]> {
  return inTransaction(target, (trx) => upsertStaff(trx, staff));
}

async function upsertStaff(db: Kysely<DatabaseSchema>, staff: readonly StaffMember[]): Promise<number[]> {
  const ids: number[] = [];
  const now = timestampNow();
  let explicitIds = false;
  for (const member of staff) {
    const values = {
      name: member.name,
      email: normaliseEmail(member.email),
      role: member.role,
      team: member.team,
      fte: member.fte,
      active: toYesNo(member.active),
    };
    try {
      const existing = await db.selectFrom('staff').select('id').where('email', '=', values.email).executeTakeFirst();
      if (existing) {
        await db.updateTable('staff').set(values).where('id', '=', existing.id).execute();
        ids.push(existing.id);
      } else {
        const row = await db
          .insertInto('staff')
          .values({ ...(member.id !== undefined && { id: member.id }), ...values, created_at: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        explicitIds ||= member.id !== undefined;
        ids.push(row.id);
      }
    } catch (error) {
      throw constraintError(error, 'A staff member');
    }
  }
  if (explicitIds && isPostgres(db)) {
    // Ids given by the caller do not move PostgreSQL's identity sequence: move it past them.
    await sql`select setval(pg_get_serial_sequence('staff', 'id'), (select max(id) from staff))`.execute(db);
  }
  return ids;
}

/**
 * Saves whole child records in one transaction, replacing all episodes, periods of care, allocations and
 * reviews the register held for those children (children not among the records are untouched). A child's
 * notified date is kept when the record does not give one.
 *
 * With `staff`, the staff are saved first in the same transaction (see saveStaff) and the records' IRO and
 * chair ids are read as references to them: to the `id` each carries or, when it has none, its position
 * counting from 1. Without `staff`, those ids are ids already in the register.
 *
 * Throws DatabaseError INVALID_RECORD when the records contradict themselves (a child twice, a review filed
 * under another child), CONSTRAINT_VIOLATED when a value breaks a rule of the register; nothing is saved.
 */
export async function saveChildRecords(
  target: DatabaseLike,
  records: readonly ChildRecord[],
  staff?: readonly StaffMember[],
  options: {
    /** More to write in the same transaction, after the records: all of it is stored, or none. */
    alsoWrite?: (trx: Kysely<DatabaseSchema>) => Promise<void>;
  } = {},
): Promise<SaveSummary> {
  checkRecords(records);
  const db = kyselyOf(target);
  // Only a database opened by openDatabase (not a transaction begun on it) reaches the SQLite driver.
  const handle = db.isTransaction ? undefined : sqliteHandleOf(db);
  const now = timestampNow();
  try {
    return await inTransaction(db, async (trx) => {
      let staffIds: number[] = [];
      let staffId = (id: number | null): number | null => id;
      if (staff) {
        staffIds = await upsertStaff(trx, staff);
        const byReference = new Map(staff.map((member, index) => [member.id ?? index + 1, staffIds[index]!]));
        staffId = (id) => {
          if (id === null) return null;
          const saved = byReference.get(id);
          if (saved === undefined) throw new DatabaseError('INVALID_RECORD', `A record refers to staff member ${id}, who is not among the staff given`);
          return saved;
        };
      }
      const rows = records.map((record) => childRows(record, now, staffId));
      if (isPostgres(trx)) await writePostgres(trx, rows);
      // On SQLite the transaction holds the only connection, so statements on the driver itself run inside it.
      else if (handle) writeSqlite(handle, rows);
      // Inside a caller's transaction the driver is out of reach: plain multi-row statements, slower but the same result.
      else await writeWithStatements(trx, rows);
      await options.alsoWrite?.(trx);
      return summarise(rows, staffIds);
    });
  } catch (error) {
    throw constraintError(error, 'One of the records');
  }
}

function checkRecords(records: readonly ChildRecord[]): void {
  const seen = new Map<string, number>();
  records.forEach((record, index) => {
    const id = record.child.id;
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      throw new DatabaseError('INVALID_RECORD', `Records ${earlier + 1} and ${index + 1} are the same child`);
    }
    seen.set(id, index);
    if (record.reviews.some((review) => review.childId !== id) || record.allocations.some((allocation) => allocation.childId !== id)) {
      throw new DatabaseError('INVALID_RECORD', `Record ${index + 1} holds a review or allocation of another child`);
    }
  });
}

function childRows(record: ChildRecord, now: string, staffId: (id: number | null) => number | null): ChildRows {
  const childId = record.child.id;
  const notified = (record.child as { notifiedDate?: IsoDate | null }).notifiedDate ?? null;
  const sorted = sortEpisodes(record.episodes);
  return {
    child: cells(CHILD_COLUMNS, { ...childColumns(record.child), notified_date: notified, created_at: now, updated_at: now }),
    episodes: sorted.map((episode) => cells(EPISODE_COLUMNS, { ...episodeRow(childId, episode) })),
    periods: periodRows(childId, periodsOfCare(sorted)).map((period) => cells(PERIOD_COLUMNS, period)),
    allocations: record.allocations.map((a) =>
      cells(ALLOCATION_COLUMNS, { child_id: childId, iro_id: staffId(a.iroId), start_date: a.from, end_date: a.to, reason: a.reason }),
    ),
    reviews: record.reviews.map((review) => ({
      row: cells(REVIEW_COLUMNS, {
        id: null,
        child_id: childId,
        due_date: review.dueDate,
        booked_date: review.bookedDate,
        held_date: review.heldDate,
        status: review.status,
        participation_code: review.participationCode,
        chair_id: staffId(review.chairId),
        format: review.format,
        created_at: now,
        updated_at: now,
      }),
      rearrangements: review.rearrangements.map((r) =>
        cells(REARRANGEMENT_COLUMNS, { review_id: null, changed_on: r.changedOn, from_date: r.fromDate, to_date: r.toDate, reason: r.reason, note: r.note }),
      ),
    })),
  };
}

function summarise(rows: readonly ChildRows[], staffIds: number[]): SaveSummary {
  const summary: SaveSummary = { children: rows.length, episodes: 0, periodsOfCare: 0, allocations: 0, reviews: 0, rearrangements: 0, staffIds };
  for (const child of rows) {
    summary.episodes += child.episodes.length;
    summary.periodsOfCare += child.periods.length;
    summary.allocations += child.allocations.length;
    summary.reviews += child.reviews.length;
    for (const review of child.reviews) summary.rearrangements += review.rearrangements.length;
  }
  return summary;
}

const names = (columns: Columns) => columns.map(([name]) => name).join(', ');
const placeholders = (columns: Columns) => columns.map(() => '?').join(', ');
const REVIEW_ID = 0;
const REARRANGEMENT_REVIEW_ID = 0;

// Columns a re-saved child's details overwrite; its created_at stays, and a notified date is never cleared.
const CHILD_UPSERT = [
  ...CHILD_COLUMNS.map(([name]) => name)
    .filter((name) => name !== 'id' && name !== 'created_at' && name !== 'notified_date')
    .map((name) => `${name} = excluded.${name}`),
  'notified_date = coalesce(excluded.notified_date, child.notified_date)',
].join(', ');

function writeSqlite(handle: BetterSqlite3.Database, rows: readonly ChildRows[]): void {
  const insert = (table: string, columns: Columns) => handle.prepare(`insert into ${table} (${names(columns)}) values (${placeholders(columns)})`);
  const exists = handle.prepare('select 1 from child where id = ?').pluck();
  const upsertChild = handle.prepare(
    `insert into child (${names(CHILD_COLUMNS)}) values (${placeholders(CHILD_COLUMNS)}) on conflict (id) do update set ${CHILD_UPSERT}`,
  );
  const clear = CHILD_OWNED_TABLES.map((table) => handle.prepare(`delete from ${table} where child_id = ?`));
  const insertEpisode = insert('episode', EPISODE_COLUMNS);
  const insertPeriod = insert('period_of_care', PERIOD_COLUMNS);
  const insertAllocation = insert('iro_allocation', ALLOCATION_COLUMNS);
  const insertReview = insert('review', REVIEW_COLUMNS.slice(1));
  const insertRearrangement = insert('review_rearrangement', REARRANGEMENT_COLUMNS);

  for (const child of rows) {
    const childId = child.child[0]!;
    if (exists.get(childId) !== undefined) for (const statement of clear) statement.run(childId);
    upsertChild.run(child.child);
    for (const row of child.episodes) insertEpisode.run(row);
    for (const row of child.periods) insertPeriod.run(row);
    for (const row of child.allocations) insertAllocation.run(row);
    for (const review of child.reviews) {
      const reviewId = Number(insertReview.run(review.row.slice(1)).lastInsertRowid);
      review.row[REVIEW_ID] = reviewId;
      for (const row of review.rearrangements) {
        row[REARRANGEMENT_REVIEW_ID] = reviewId;
        insertRearrangement.run(row);
      }
    }
  }
}

// Children per round of PostgreSQL statements: about 10,000 rows per table with ten episodes and reviews each.
const POSTGRES_CHILDREN_PER_ROUND = 1000;

async function writePostgres(db: Kysely<DatabaseSchema>, rows: readonly ChildRows[]): Promise<void> {
  for (const round of chunks(rows, POSTGRES_CHILDREN_PER_ROUND)) {
    const childIds = round.map((child) => child.child[0] as string);
    const existing = await sql<{ id: string }>`select id from child where id = any(${childIds}::text[])`.execute(db);
    if (existing.rows.length > 0) {
      const ids = existing.rows.map((row) => row.id);
      for (const table of CHILD_OWNED_TABLES) await sql`delete from ${sql.table(table)} where child_id = any(${ids}::text[])`.execute(db);
    }
    await unnestInsert(
      db,
      'child',
      CHILD_COLUMNS,
      round.map((child) => child.child),
      sql.raw(` on conflict (id) do update set ${CHILD_UPSERT}`),
    );
    await unnestInsert(db, 'episode', EPISODE_COLUMNS, round.flatMap((child) => child.episodes));
    await unnestInsert(db, 'period_of_care', PERIOD_COLUMNS, round.flatMap((child) => child.periods));
    await unnestInsert(db, 'iro_allocation', ALLOCATION_COLUMNS, round.flatMap((child) => child.allocations));

    const reviews = round.flatMap((child) => child.reviews);
    if (reviews.length === 0) continue;
    // Ids are drawn from the identity sequence first, so each rearrangement can name its review.
    const drawn = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('review', 'id'))::integer as id from generate_series(1, ${reviews.length}::integer)`.execute(db);
    reviews.forEach((review, index) => {
      const id = drawn.rows[index]!.id;
      review.row[REVIEW_ID] = id;
      for (const row of review.rearrangements) row[REARRANGEMENT_REVIEW_ID] = id;
    });
    await unnestInsert(db, 'review', REVIEW_COLUMNS, reviews.map((review) => review.row));
    await unnestInsert(db, 'review_rearrangement', REARRANGEMENT_COLUMNS, reviews.flatMap((review) => review.rearrangements));
  }
}

/** insert into TABLE (…) select * from unnest($1::text[], $2::date[], …): one array parameter per column. */
async function unnestInsert(db: Kysely<DatabaseSchema>, table: string, columns: Columns, rows: readonly Cell[][], suffix = sql``): Promise<void> {
  if (rows.length === 0) return;
  const arrays = sql.join(columns.map(([, type], i) => sql`${rows.map((row) => row[i] ?? null)}::${sql.raw(type)}[]`));
  await sql`insert into ${sql.table(table)} (${sql.raw(names(columns))}) select * from unnest(${arrays})${suffix}`.execute(db);
}

// Rows per multi-row statement: within SQLite's limit of 32,766 parameters for the widest table.
const ROWS_PER_STATEMENT = 500;

/** The dialect-neutral way: multi-row insert statements, ROWS_PER_STATEMENT rows at a time. */
async function writeWithStatements(db: Kysely<DatabaseSchema>, rows: readonly ChildRows[]): Promise<void> {
  const insertRows = async (table: string, columns: Columns, values: readonly Cell[][], suffix = sql``) => {
    for (const batch of chunks(values, ROWS_PER_STATEMENT)) {
      const tuples = sql.join(batch.map((row) => sql`(${sql.join(row)})`));
      await sql`insert into ${sql.table(table)} (${sql.raw(names(columns))}) values ${tuples}${suffix}`.execute(db);
    }
  };
  for (const round of chunks(rows, ROWS_PER_STATEMENT)) {
    const childIds = round.map((child) => child.child[0] as string);
    const existing = await db.selectFrom('child').select('id').where('id', 'in', childIds).execute();
    if (existing.length > 0) {
      const ids = existing.map((row) => row.id);
      for (const table of CHILD_OWNED_TABLES) await db.deleteFrom(table).where('child_id', 'in', ids).execute();
    }
    await insertRows(
      'child',
      CHILD_COLUMNS,
      round.map((child) => child.child),
      sql.raw(` on conflict (id) do update set ${CHILD_UPSERT}`),
    );
    await insertRows('episode', EPISODE_COLUMNS, round.flatMap((child) => child.episodes));
    await insertRows('period_of_care', PERIOD_COLUMNS, round.flatMap((child) => child.periods));
    await insertRows('iro_allocation', ALLOCATION_COLUMNS, round.flatMap((child) => child.allocations));
    const reviews = round.flatMap((child) => child.reviews);
    // A review with rearrangements goes in on its own, to learn its id; the rest in batches.
    await insertRows('review', REVIEW_COLUMNS.slice(1), reviews.filter((review) => review.rearrangements.length === 0).map((review) => review.row.slice(1)));
    for (const review of reviews.filter((r) => r.rearrangements.length > 0)) {
      const inserted = await sql<{ id: number }>`insert into review (${sql.raw(names(REVIEW_COLUMNS.slice(1)))}) values (${sql.join(review.row.slice(1))}) returning id`.execute(db);
      const id = inserted.rows[0]!.id;
      review.row[REVIEW_ID] = id;
      for (const row of review.rearrangements) row[REARRANGEMENT_REVIEW_ID] = id;
      await insertRows('review_rearrangement', REARRANGEMENT_COLUMNS, review.rearrangements);
    }
  }
}
