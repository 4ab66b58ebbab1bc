// Running the `iro` command as a user does, in a separate process, against an empty database of a dialect.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { TEST_POSTGRES_URL, type TestDialect } from './test-database.ts';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../bin/iro.mjs');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function iro(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { ...process.env, DATABASE_URL: '', ...env }, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** Where a command's database is: `--db FILE` arguments for SQLite, or DATABASE_URL for a new PostgreSQL database. */
export interface CliDatabase {
  dbArgs: string[];
  env: Record<string, string>;
  drop(): Promise<void>;
}

export async function createCliDatabase(dialect: TestDialect, folder: string): Promise<CliDatabase> {
  if (dialect === 'sqlite') return { dbArgs: ['--db', path.join(folder, 'iro.sqlite')], env: {}, drop: async () => {} };
  const name = `iro_cli_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    dbArgs: [],
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export function tempFolder(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
