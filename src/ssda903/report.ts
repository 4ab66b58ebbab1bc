// The words a person reads after importing, validating or exporting a return: what was read, what is wrong
// and where (file, row, field), what was stored. Plain text for the terminal; --json gives the same data.
// Child identifiers appear because the user needs them to find the record; no other personal detail does.

import path from 'node:path';
import { formatUkDate } from '../domain/dates.ts';
import { describeProblem, type StructuralProblem } from './errors.ts';
import type { ExportResult } from './export.ts';
import type { ImportSummary } from './import.ts';
import type { ValidationReport } from './validate/index.ts';
import { SKIPPED_RULES } from './validate/index.ts';

const n = (count: number) => count.toLocaleString('en-GB');
const plural = (count: number, one: string, many = `${one}s`) => `${n(count)} ${count === 1 ? one : many}`;

/** Problems one a line, errors first, at most `limit` of them. */
export function formatProblems(problems: readonly StructuralProblem[], limit = 200): string[] {
  const sorted = [...problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const lines = sorted.slice(0, limit).map((p) => `  ${p.severity === 'error' ? 'error' : 'warning'}: ${describeProblem(p)}`);
  if (sorted.length > limit) lines.push(`  … and ${n(sorted.length - limit)} more (iro validate ssda903 --json lists them all)`);
  return lines;
}

function yearLine(label: string, year: { label: string }, inferredFrom: string | null): string {
  const how = inferredFrom ? `worked out from the latest date in it, ${formatUkDate(inferredFrom)}; --year chooses another` : 'as given';
  return `Return ${label}: collection year ${year.label} (${how})`;
}

export function formatValidation(report: ValidationReport): string {
  const lines = [yearLine(report.label, report.year, report.yearInferredFrom)];
  for (const f of report.files) lines.push(`  ${(f.table ?? 'not a table').padEnd(15)} ${path.basename(f.file)} (${plural(f.rows, 'row')})`);
  if (report.problems.length > 0 || report.omittedProblems > 0) {
    lines.push('', `Problems reading the files: ${n(report.problems.length + report.omittedProblems)}`, ...formatProblems(report.problems));
  }
  const rules = new Set(report.failures.map((f) => f.code));
  const skipped = Object.keys(SKIPPED_RULES).length;
  lines.push(
    '',
    report.failures.length === 0
      ? `DfE rules: no failures (${n(report.rulesRun)} rules run)`
      : `DfE rules: ${plural(report.failures.length, 'failure')} of ${plural(rules.size, 'rule')} (${n(report.rulesRun)} rules run)`,
  );
  let current = '';
  for (const f of report.failures) {
    if (f.code !== current) {
      current = f.code;
      lines.push(`  ${f.code} ${f.message.trim()}${f.fields.length > 0 ? ` [${f.fields.length === 1 ? 'field' : 'fields'} ${f.fields.join(', ')}]` : ''}`);
    }
    lines.push(`    ${f.table}, ${path.basename(f.file)} ${f.rows.length === 1 ? 'row' : 'rows'} ${f.rows.join(', ')} (child ${f.child})`);
  }
  if (report.notRun.length > 0) {
    lines.push(`  Not run, for want of a table: ${report.notRun.map((r) => `${r.code} (${r.missing.join(', ')})`).join('; ')}`);
  }
  lines.push(`  ${skipped} DfE rules on these tables are not run by IRO Desk; docs/ssda903.md says which and why.`);
  return lines.join('\n');
}

export function formatImport(summary: ImportSummary): string {
  const lines: string[] = [];
  for (const r of summary.returns) {
    lines.push(yearLine(r.label, r.year, r.yearInferredFrom));
    lines.push(`  ${plural(r.children, 'child', 'children')}, ${plural(r.episodes, 'episode')}, ${plural(r.reviews, 'review')}`);
    if (r.ruleFailures > 0) lines.push(`  ${plural(r.ruleFailures, 'DfE rule failure')}: imported all the same (iro validate ssda903 lists them)`);
  }
  const { children, reviews } = summary;
  lines.push(
    '',
    `Imported: ${plural(children.added, 'child', 'children')} added, ${n(children.updated)} updated, ${n(children.unchanged)} unchanged; ` +
      `${plural(reviews.added, 'review')} added, ${n(reviews.updated)} updated.`,
  );
  if (summary.warnings.length > 0) lines.push(`Warnings: ${n(summary.warnings.length)}`, ...formatProblems(summary.warnings, 50));
  return lines.join('\n');
}

export function formatExport(result: ExportResult): string {
  const lines = [`Wrote the ${result.year.label} return: ${plural(result.children, 'child', 'children')} looked after in the year.`];
  for (const t of result.tables) lines.push(`  ${t.table.padEnd(9)} ${t.file} (${plural(t.rows, 'row')})`);
  for (const w of result.warnings) lines.push(`Warning: ${w}`);
  return lines.join('\n');
}
