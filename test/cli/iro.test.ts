// The `iro` command as a user runs it: a separate process, on SQLite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DIALECTS } from '../support/test-database.ts';
import { createCliDatabase, iro, tempFolder } from '../support/cli.ts';

describe.each(DIALECTS)('the iro command (%s)', (dialect) => {
  let dbArgs: string[] = [];
  let env: Record<string, string> = {};
  let cleanup: () => Promise<void> = async () => {};

  beforeAll(async () => {
    const folder = tempFolder('iro-cli-');
    const database = await createCliDatabase(dialect, folder);
    dbArgs = database.dbArgs;
    env = database.env;
    cleanup = async () => {
      await database.drop();
      fs.rmSync(folder, { recursive: true, force: true });
    };
    const init = await iro(['init', ...dbArgs], env);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    const demo = await iro(['demo', '--children', '60', '--years', '3', '--seed', '7', '--as-of', '2024-06-03', ...dbArgs], env);
    expect(demo.stderr).toBe('');
    expect(demo.stdout).toMatch(/Loaded .*children/);
  });
  afterAll(async () => cleanup());

  it('lists reviews due and overdue with due dates, as JSON agreeing with the clock', async () => {
    const result = await iro(['reviews', 'due', '--within', '28', '--as-of', '2024-06-03', '--json', ...dbArgs], env);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { reviews: { childId: string; dueDate: string; daysToGo: number; daysOverdue: number }[] };
    expect(json.reviews.length).toBeGreaterThan(0);
    for (const r of json.reviews) {
      expect(r.daysToGo).toBeLessThanOrEqual(28);
      expect(r.daysOverdue).toBe(Math.max(0, -r.daysToGo));
    }
    const sorted = [...json.reviews].sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
    expect(json.reviews.map((r) => r.dueDate)).toEqual(sorted.map((r) => r.dueDate));

    // The child command shows the same next review for the first child listed.
    const first = json.reviews[0]!;
    const child = await iro(['child', first.childId, '--as-of', '2024-06-03', '--json', ...dbArgs], env);
    expect(child.code).toBe(0);
    const record = JSON.parse(child.stdout) as { nextReview: { dueDate: string }; periodsOfCare: unknown[]; iroAllocations: unknown[]; reviews: { inTime: boolean | null }[] };
    expect(record.nextReview.dueDate).toBe(first.dueDate);
    expect(record.periodsOfCare.length).toBeGreaterThan(0);
    expect(record.iroAllocations.length).toBeGreaterThan(0);

    const table = await iro(['child', first.childId, '--as-of', '2024-06-03', ...dbArgs], env);
    expect(table.stdout).toContain('Periods of care');
    expect(table.stdout).toContain(`Next review due ${first.dueDate}`);
  });

  it('says clearly when a child is not in the register, and exits non-zero', async () => {
    const result = await iro(['child', 'NO-SUCH-CHILD', ...dbArgs], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no child with identifier "NO-SUCH-CHILD"');
  });

  it('refuses to load a second demo authority over the first', async () => {
    const result = await iro(['demo', '--children', '5', ...dbArgs], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('already holds');
  });
});

describe('the iro command with bad input', () => {
  it('rejects bad arguments with exit code 2 and says which', async () => {
    const result = await iro(['demo', '--children', 'many']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--children must be a whole number');
    const date = await iro(['reviews', 'due', '--as-of', '2024-02-30']);
    expect(date.code).toBe(2);
    expect(date.stderr).toContain('YYYY-MM-DD');
  });

  it('reports an unreadable database without a stack trace', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'iro-cli-bad-'));
    const file = path.join(folder, 'not-a-database.sqlite');
    fs.writeFileSync(file, 'this is not a database, just text '.repeat(200));
    const result = await iro(['reviews', 'due', '--db', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^iro: /);
    expect(result.stderr).not.toContain('    at ');
    fs.rmSync(folder, { recursive: true, force: true });
  });
});
