// Column types shared by the migrations, where SQLite and PostgreSQL differ. Migrations are frozen once
// landed, and so is this file: a later migration that needs something else adds a new helper here rather
// than changing one an earlier migration already used.

import { PostgresAdapter, sql, type ColumnDataType, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

export type MigrationDialect = 'sqlite' | 'postgres';

export function dialectOf(db: Kysely<unknown>): MigrationDialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

type Column = [ColumnDataType, (col: ColumnDefinitionBuilder) => ColumnDefinitionBuilder];

/** An integer key the database numbers itself. */
export function idColumn(dialect: MigrationDialect): Column {
  return dialect === 'postgres'
    ? ['integer', (col) => col.generatedByDefaultAsIdentity().primaryKey()]
    : ['integer', (col) => col.primaryKey().autoIncrement()];
}

/**
 * A calendar date, 'YYYY-MM-DD'. PostgreSQL's DATE type rejects impossible dates itself; in SQLite the
 * text must survive date() unchanged, which turns away '2024-02-30' and '1/2/2024' alike.
 */
export function dateColumn(dialect: MigrationDialect, name: string, required: boolean): Column {
  if (dialect === 'postgres') return ['date', (col) => (required ? col.notNull() : col)];
  return [
    'text',
    (col) => {
      const checked = col.check(sql`date(${sql.ref(name)}) is ${sql.ref(name)}`);
      return required ? checked.notNull() : checked;
    },
  ];
}

/** A yes/no value held as the integer 0 or 1 in both dialects. */
export function yesNoColumn(name: string, defaultValue: 0 | 1): Column {
  return ['integer', (col) => col.notNull().defaultTo(defaultValue).check(sql`${sql.ref(name)} in (0, 1)`)];
}

/** A fraction such as a full-time equivalent: PostgreSQL's 4-byte real would turn 0.8 into 0.800000011920929 in sums. */
export function fractionColumn(dialect: MigrationDialect): ColumnDataType {
  return dialect === 'postgres' ? 'double precision' : 'real';
}

/** A check that a text column holds one of a fixed list of values (null allowed unless the column is not null). */
export function oneOf(name: string, values: readonly string[]) {
  return sql<boolean>`${sql.ref(name)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}

/** A check that a number column lies between two bounds, both included. */
export function between(name: string, low: number, high: number) {
  return sql<boolean>`${sql.ref(name)} between ${sql.lit(low)} and ${sql.lit(high)}`;
}
