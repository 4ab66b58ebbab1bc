// `iro report` as a user runs it, in a separate process on SQLite and PostgreSQL: each format written to its
// file, and mistakes in the dates, the period or the format stopped with a message and a non-zero exit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DIALECTS } from '../support/test-database.ts';
import { createCliDatabase, iro } from '../support/cli.ts';

describe.each(DIALECTS)('iro report (%s)', (dialect) => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'iro-report-cli-'));
  let dbArgs: string[] = [];
  let env: Record<string, string> = {};
  let dropDatabase: () => Promise<void> = async () => {};
  const out = (name: string) => path.join(folder, name);
  const period = ['--from', '2023-04-01', '--to', '2024-03-31'];

  beforeAll(async () => {
    const database = await createCliDatabase(dialect, folder);
    dbArgs = database.dbArgs;
    env = database.env;
    dropDatabase = database.drop;
    const demo = await iro(['demo', '--children', '60', '--years', '3', '--seed', '7', '--as-of', '2024-06-03', ...dbArgs], env);
    expect(demo.stderr).toBe('');
    expect(demo.code).toBe(0);
  });
  afterAll(async () => {
    await dropDatabase();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('writes the annual report in each format', async () => {
    for (const format of ['html', 'docx', 'xlsx', 'json']) {
      const file = out(`report.${format}`);
      const result = await iro(['report', ...period, '--format', format, '--out', file, ...dbArgs], env);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`annual report, 2023-24`);
      expect(result.stdout).toContain(`as ${format} to ${file}`);
    }
    expect(fs.readFileSync(out('report.html'), 'utf8')).toMatch(/^<!DOCTYPE html>[\s\S]*Independent Reviewing Service annual report, 2023-24/);
    // Word and Excel files are zip packages.
    for (const format of ['docx', 'xlsx']) expect(fs.readFileSync(out(`report.${format}`)).subarray(0, 2).toString('latin1')).toBe('PK');
    const json = JSON.parse(fs.readFileSync(out('report.json'), 'utf8')) as { period: { from: string; to: string }; reviews: { held: number; inTimescale: number } };
    expect(json.period).toMatchObject({ from: '2023-04-01', to: '2024-03-31' });
    expect(json.reviews.held).toBeGreaterThan(0);
    expect(json.reviews.inTimescale).toBeLessThanOrEqual(json.reviews.held);
  });

  it('takes the format from the file name when --format is left out', async () => {
    const result = await iro(['report', ...period, '--out', out('from-name.xlsx'), ...dbArgs], env);
    expect(result.code).toBe(0);
    expect(fs.existsSync(out('from-name.xlsx'))).toBe(true);
  });

  it('stops with a clear message for a date that is not real, a period backwards or an unknown format', async () => {
    const badDate = await iro(['report', '--from', '2023-02-30', '--to', '2024-03-31', '--format', 'json', '--out', out('x.json'), ...dbArgs], env);
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toContain('the start date "2023-02-30" is not a real date in the form YYYY-MM-DD');
    const backwards = await iro(['report', '--from', '2024-03-31', '--to', '2023-04-01', '--format', 'json', '--out', out('x.json'), ...dbArgs], env);
    expect(backwards.code).toBe(1);
    expect(backwards.stderr).toContain('the end date 2023-04-01 is before the start date 2024-03-31');
    const badFormat = await iro(['report', ...period, '--format', 'pdf', '--out', out('x.pdf'), ...dbArgs], env);
    expect(badFormat.code).not.toBe(0);
    expect(badFormat.stderr).toContain('must be one of html, docx, xlsx, json');
    const noFormat = await iro(['report', ...period, '--out', out('report.txt'), ...dbArgs], env);
    expect(noFormat.code).toBe(1);
    expect(noFormat.stderr).toContain('say which format to write with --format');
    const missing = await iro(['report', '--to', '2024-03-31', '--out', out('x.json'), ...dbArgs], env);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("required option '--from <date>' not specified");
    expect(fs.existsSync(out('x.json'))).toBe(false);
  });
});
