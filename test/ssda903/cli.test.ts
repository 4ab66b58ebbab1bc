// The `iro import|validate|export ssda903` commands as a user runs them: what they print, and that they fail
// (non-zero) with the file, row and field when the files are wrong.

import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerSsda903Commands } from '../../src/cli/commands/ssda903.ts';
import { CliError } from '../../src/cli/errors.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { RETURN_2023_24, RETURN_2024_25, writeReturnFiles } from './returns.ts';
import { removeDir, tempDir } from './support.ts';

let dir: string;
let database: TestDatabase;
let out: string[];
let err: string[];

beforeEach(async () => {
  dir = tempDir();
  database = await createTestDatabase('sqlite');
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void out.push(args.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void err.push(args.join(' ')));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await database.destroy();
  removeDir(dir);
});

async function run(...args: string[]): Promise<void> {
  const program = new Command('iro').exitOverride().configureOutput({ writeErr: () => undefined });
  // The command closes the database it is given; the test keeps its own open until the end.
  registerSsda903Commands(program, () => Promise.resolve({ ...database, close: () => Promise.resolve() }));
  await program.parseAsync(args, { from: 'user' });
}

describe('iro validate ssda903', () => {
  it('lists each failure with rule code, message, table, rows and child, and exits non-zero', async () => {
    const folder = writeReturnFiles(dir, '2024-25', { ...RETURN_2024_25, reviews: [...RETURN_2024_25.reviews, ['C1', '14/03/2012', '01/09/2024', 'PN0']] });
    const error = await run('validate', 'ssda903', folder).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).code).toBe('SSDA903_INVALID');
    const text = out.join('\n');
    expect(text).toContain('collection year 2024-25 (worked out from the latest date in it, 03/03/2025');
    expect(text).toContain('440 Participation method indicates child was under 4 years old at the time of the review');
    expect(text).toContain('Reviews, reviews.csv row 5 (child C1)');
    // The rule names the fields to look at, as the DfE's rule list gives them.
    expect(text).toMatch(/440 Participation method indicates[^\n]*\[fields DOB, REVIEW, REVIEW_CODE\]/);
  });

  it('prints JSON with --json', async () => {
    const folder = writeReturnFiles(dir, '2024-25', RETURN_2024_25);
    await run('validate', 'ssda903', folder, '--json').catch(() => undefined);
    const json = JSON.parse(out.join('\n')) as { returns: { year: string; failures: { code: string }[] }[]; skippedRules: Record<string, string> };
    expect(json.returns[0]!.year).toBe('2024-25');
    expect(json.skippedRules['503D']).toMatch(/previous year/);
  });

  it('refuses a year that is not one', async () => {
    await expect(run('validate', 'ssda903', dir, '--year', '2024-26')).rejects.toThrow(/not a collection year/);
  });
});

describe('iro import ssda903 and iro export ssda903', () => {
  it('imports, reports what it stored, and exports the year again', async () => {
    await run('import', 'ssda903', writeReturnFiles(dir, '2023-24', RETURN_2023_24), writeReturnFiles(dir, '2024-25', RETURN_2024_25));
    const text = out.join('\n');
    expect(text).toContain('Imported: 3 children added, 0 updated, 0 unchanged; 6 reviews added, 0 updated.');
    out = [];
    const target = path.join(dir, 'out');
    await run('export', 'ssda903', '--year', '2024-25', target);
    expect(out.join('\n')).toContain('Wrote the 2024-25 return: 3 children looked after in the year.');
    expect(fs.readFileSync(path.join(target, 'header.csv'), 'utf8').split('\n')[0]).toBe('CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB');
  });

  it('names the file, row and field of each structural error and stores nothing', async () => {
    const folder = writeReturnFiles(dir, 'bad', { ...RETURN_2024_25, header: [...RETURN_2024_25.header, ['C4', 'X', '1/1/2010', 'WBRI', '', '', '']] });
    const error = await run('import', 'ssda903', folder).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SSDA903_STRUCTURE', message: '1 problem in the files: nothing was imported' });
    expect(err.join('\n')).toContain(`error: ${path.join(folder, 'header.csv')} row 5, SEX "X": SEX in a 2024-25 return is M, F or U`);
    const children = await database.db.selectFrom('child').select('id').execute();
    expect(children).toEqual([]);
  });
});
