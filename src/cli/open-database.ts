// The database a command works on: --db PATH, else DATABASE_URL, else data/iro.sqlite; schema brought up to date.
import { databaseFromEnvironment, type Database } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';

export async function openMigrated(options: { db?: string }): Promise<Database> {
  const database = await databaseFromEnvironment({ dbPath: options.db });
  try {
    await migrateToLatest(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
