// The demo authority as an SSDA903 return: it passes every rule IRO Desk runs, and each error it is asked to
// seed is found by the validator at the row it reports.

import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateDemoAuthority } from '../../src/demo/generate.ts';
import { parseCollectionYear } from '../../src/ssda903/collection-year.ts';
import { findReturns } from '../../src/ssda903/csv-source.ts';
import { SEEDABLE_ERRORS, writeDemoReturn, type SeedableError } from '../../src/ssda903/demo-return.ts';
import { loadReturn } from '../../src/ssda903/read.ts';
import { validateReturn } from '../../src/ssda903/validate/index.ts';
import { removeDir, tempDir } from './support.ts';

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => removeDir(dir));

async function validate(folder: string, year: string) {
  const { returns } = await findReturns([folder]);
  const loaded = await loadReturn(returns[0]!, { year: parseCollectionYear(year) });
  return { loaded, report: validateReturn(loaded) };
}

const authority = generateDemoAuthority({ children: 150, years: 6, seed: 7, asOf: '2025-06-30' });

describe('the demo return', () => {
  it.each(['2020-21', '2023-24', '2024-25'])('passes validation for %s', async (year) => {
    const result = await writeDemoReturn(authority, dir, year);
    expect(result.children).toBeGreaterThan(50);
    const { loaded, report } = await validate(dir, year);
    expect(loaded.problems).toEqual([]);
    expect(report.failures.map((f) => `${f.code} ${f.table}:${f.rows.join(',')} ${f.child}`)).toEqual([]);
  });

  it('carries the errors it is asked to seed, each where it says', async () => {
    const kinds = Object.keys(SEEDABLE_ERRORS) as SeedableError[];
    const result = await writeDemoReturn(authority, dir, '2024-25', { seedErrors: Object.fromEntries(kinds.map((k) => [k, 2])) });
    expect(new Set(result.seeded.map((s) => s.kind))).toEqual(new Set(kinds));
    expect(result.seeded.filter((s) => s.kind !== 'childNotInHeader')).toHaveLength(2 * (kinds.length - 1));
    const { report } = await validate(dir, '2024-25');
    for (const seeded of result.seeded) {
      expect(report.failures, `${seeded.kind} at ${seeded.table} row ${seeded.row}`).toContainEqual(
        expect.objectContaining({ code: seeded.expect, table: seeded.table, file: seeded.file, child: seeded.child, rows: expect.arrayContaining([seeded.row]) }),
      );
    }
  });

  it('writes the same files for the same authority', async () => {
    const a = await writeDemoReturn(authority, `${dir}/a`, '2024-25', { seedErrors: { badDate: 1 } });
    const b = await writeDemoReturn(authority, `${dir}/b`, '2024-25', { seedErrors: { badDate: 1 } });
    for (const [i, t] of a.tables.entries()) expect(fs.readFileSync(t.file, 'utf8')).toBe(fs.readFileSync(b.tables[i]!.file, 'utf8'));
    expect(a.seeded.map((s) => s.row)).toEqual(b.seeded.map((s) => s.row));
  });
});
