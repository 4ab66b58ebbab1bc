// Every DfE rule IRO Desk runs, against a return that fails it and one that passes; the rule list itself
// against the DfE's published list (messages verbatim, every rule on our tables run or skipped for a reason).

import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { RULES, SKIPPED_RULES, runRules } from '../../src/ssda903/validate/index.ts';
import { RULE_CASES } from './rules-cases.ts';
import { allFailures, cleanReturn, contextOf, flagged, referenceDir } from './support.ts';

describe('DfE rules, each against failing and passing rows', () => {
  it.each(RULE_CASES.map((c) => [`${c.code}${c.year ? ` (${c.year})` : ''}`, c] as const))('%s', (_name, c) => {
    expect(flagged(c.code, c.fail, c.year)).toEqual([...c.flags].sort());
    expect(flagged(c.code, c.pass, c.year)).toEqual([]);
  });

  it('has a case for every rule it runs', () => {
    const tested = new Set(RULE_CASES.map((c) => c.code));
    expect(RULES.map((r) => r.code).filter((code) => !tested.has(code))).toEqual([]);
  });

  it('passes a clean return on every rule', () => {
    expect(allFailures(cleanReturn())).toEqual([]);
  });

  it('does not run a rule whose tables the return lacks', () => {
    const { notRun } = runRules(contextOf(cleanReturn(), '2024-25', ['Header']));
    expect(notRun.find((n) => n.code === '399')?.missing).toEqual(['Episodes', 'Reviews']);
  });
});

describe('the rule list', () => {
  const csv = parse(fs.readFileSync(path.join(referenceDir, '903_2024_25_rule_info.csv')), { columns: true }) as Record<string, string>[];
  const ours = new Set(['Header', 'Episodes', 'Reviews', 'UASC']);
  const inScope = csv.filter((row) => (JSON.parse(row.Tables!.replace(/'/g, '"')) as string[]).every((t) => ours.has(t)));

  it('runs or explains every DfE rule on the Header, Episodes, Reviews and UASC tables', () => {
    const covered = new Set([...RULES.map((r) => r.code), ...Object.keys(SKIPPED_RULES)]);
    expect(inScope.map((row) => row['Rule code']).filter((code) => !covered.has(code!))).toEqual([]);
    expect(RULES.length + Object.keys(SKIPPED_RULES).length).toBe(inScope.length);
  });

  it("gives each rule the DfE's message word for word", () => {
    const messages = new Map(csv.map((row) => [row['Rule code'], row['Rule message']]));
    for (const r of RULES) expect(r.message, r.code).toBe(messages.get(r.code));
  });

  it('names the fields the DfE lists as affected, so a failure says where to look', () => {
    const fields = new Map(csv.map((row) => [row['Rule code'], JSON.parse(row['Affected fields']!.replace(/'/g, '"')) as string[]]));
    for (const r of RULES) expect(r.fields, r.code).toEqual(fields.get(r.code));
    const review = RULES.find((r) => r.code === '166')!;
    expect(review.fields).toEqual(fields.get('166'));
    expect(review.fields.length).toBeGreaterThan(0);
  });
});
