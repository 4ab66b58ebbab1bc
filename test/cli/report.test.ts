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

  it('writes the children behind each count only when asked, and only in JSON', async () => {
    const plain = fs.readFileSync(out('report.json'), 'utf8');
    expect(plain).not.toContain('"childIds"');
    const result = await iro(['report', ...period, '--format', 'json', '--with-children', '--out', out('children.json'), ...dbArgs], env);
    expect(result.code).toBe(0);
    const full = fs.readFileSync(out('children.json'), 'utf8');
    expect(full).toContain('"childIds"');
    // The same figures either way.
    expect((JSON.parse(full) as { reviews: unknown }).reviews).toEqual((JSON.parse(plain) as { reviews: unknown }).reviews);
    const word = await iro(['report', ...period, '--format', 'docx', '--with-children', '--out', out('children.docx'), ...dbArgs], env);
    expect(word.code).toBe(1);
    expect(word.stderr).toContain('--with-children applies to JSON only');
  });

  it('exports one row per review held, the rows behind the timeliness figures', async () => {
    const file = out('timeliness.csv');
    const result = await iro(['export', 'review-timeliness', ...period, '--out', file, ...dbArgs], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('Child,Review date,Due date,Within timescale (Y/N),Days late,Participation code,IRO');
    const rows = lines.slice(1).map((l) => l.split(','));
    const json = JSON.parse(fs.readFileSync(out('report.json'), 'utf8')) as { reviews: { held: number; inTimescale: number; outOfTimescale: number } };
    expect(result.stdout).toContain(`Wrote ${json.reviews.held} reviews held from 2023-04-01 to 2024-03-31`);
    expect(rows).toHaveLength(json.reviews.held);
    expect(rows.filter((r) => r[3] === 'Y')).toHaveLength(json.reviews.inTimescale);
    expect(rows.filter((r) => r[3] === 'N')).toHaveLength(json.reviews.outOfTimescale);
    for (const r of rows) {
      expect(r[1]! >= '2023-04-01' && r[1]! <= '2024-03-31').toBe(true);
      // Days late is the calendar days from the due date to the review, 0 when in time.
      const late = Math.round((Date.parse(r[1]!) - Date.parse(r[2]!)) / 86_400_000);
      expect(Number(r[4])).toBe(r[3] === 'Y' ? 0 : late);
      expect(r[3] === 'Y').toBe(late <= 0);
      expect(r[5]).toMatch(/^PN[0-7]$/);
      expect(r[6]).not.toBe('');
    }
    const backwards = await iro(['export', 'review-timeliness', '--from', '2024-03-31', '--to', '2023-04-01', '--out', out('t2.csv'), ...dbArgs], env);
    expect(backwards.code).toBe(1);
    expect(backwards.stderr).toContain('the end date 2023-04-01 is before the start date 2024-03-31');
    expect(fs.existsSync(out('t2.csv'))).toBe(false);
  });
});
