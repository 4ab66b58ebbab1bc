// `iro import ssda903`, `iro validate ssda903` and `iro export ssda903`: the DfE children looked after return
// in and out of the register. Problems are printed one a line with file, row and field, and the command
// exits non-zero; a progress bar is drawn only when stderr is a terminal, so logs and pipes stay clean.

import { Command, InvalidArgumentError } from 'commander';
import cliProgress from 'cli-progress';
import type { Database } from '../../db/database.ts';
import { parseCollectionYear, type CollectionYear } from '../../ssda903/collection-year.ts';
import { findReturns } from '../../ssda903/csv-source.ts';
import { Ssda903Error, type StructuralProblem } from '../../ssda903/errors.ts';
import { writeReturn } from '../../ssda903/export.ts';
import { importSsda903, type ImportProgress } from '../../ssda903/import.ts';
import { loadReturn } from '../../ssda903/read.ts';
import { recordsInRegister } from '../../ssda903/register-source.ts';
import { formatExport, formatImport, formatProblems, formatValidation } from '../../ssda903/report.ts';
import { SKIPPED_RULES, validateReturn, type ValidationReport } from '../../ssda903/validate/index.ts';
import { CliError } from '../errors.ts';

export type OpenDatabase = (opts: { db?: string }) => Promise<Database>;

function yearOption(value: string): CollectionYear {
  try {
    return parseCollectionYear(value);
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : 'not a collection year');
  }
}

/** The `import`, `validate` or `export` command, created unless another module already added it. */
function parentCommand(program: Command, name: string, description: string): Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);
}

/** A progress bar on stderr for each phase, or nothing when stderr is not a terminal. */
function progressBar(): { update: (p: ImportProgress | { phase: string; label: string; done: number; total: number }) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: '{phase} |{bar}| {percentage}% {label}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let phase: string | null = null;
  return {
    update: (p) => {
      const name = p.phase === 'read' ? 'Reading' : 'Saving ';
      if (p.phase !== phase) {
        if (phase !== null) bar.stop();
        phase = p.phase;
        bar.start(Math.max(p.total, 1), p.done, { phase: name, label: p.label });
      } else {
        bar.setTotal(Math.max(p.total, 1));
        bar.update(p.done, { phase: name, label: p.label });
      }
    },
    stop: () => {
      if (phase !== null) bar.stop();
    },
  };
}

function printProblems(problems: readonly StructuralProblem[]): void {
  for (const line of formatProblems(problems)) console.error(line);
}

export function registerSsda903Commands(program: Command, openDb: OpenDatabase): void {
  parentCommand(program, 'import', 'bring records into the register')
    .command('ssda903')
    .description("import SSDA903 returns (CSV files, or folders of them: one return per folder); nothing is stored if any file has a structural error")
    .argument('<paths...>', 'CSV files or folders')
    .option('--year <year>', 'collection year of the returns, e.g. 2024-25 (default: worked out from the latest date in each)', yearOption)
    .option('--db <path>', 'SQLite database file')
    .action(async (paths: string[], opts: { year?: CollectionYear; db?: string }) => {
      const database = await openDb(opts);
      const progress = progressBar();
      try {
        const summary = await importSsda903(database, paths, { year: opts.year, onProgress: progress.update });
        progress.stop();
        console.log(formatImport(summary));
      } catch (error) {
        progress.stop();
        if (error instanceof Ssda903Error) {
          printProblems(error.problems);
          throw new CliError(error.code, error.message);
        }
        throw error;
      } finally {
        await database.close();
      }
    });

  parentCommand(program, 'validate', 'check data against the rules')
    .command('ssda903')
    .description("check SSDA903 returns against the DfE's validation rules; exits non-zero when anything fails")
    .argument('<paths...>', 'CSV files or folders')
    .option('--year <year>', 'collection year, e.g. 2024-25 (default: worked out from the latest date)', yearOption)
    .option('--json', 'print JSON')
    .action(async (paths: string[], opts: { year?: CollectionYear; json?: boolean }) => {
      const { returns, problems } = await findReturns(paths);
      if (returns.length === 0 && problems.length === 0) throw new CliError('SSDA903_NO_FILES', `no CSV files found in ${paths.join(', ')}`);
      const reports: ValidationReport[] = [];
      const unreadable = [...problems];
      const progress = progressBar();
      for (const source of returns) {
        try {
          const loaded = await loadReturn(source, { year: opts.year, onProgress: (done, total) => progress.update({ phase: 'read', label: source.label, done, total }) });
          reports.push(validateReturn(loaded));
        } catch (error) {
          if (!(error instanceof Ssda903Error) || error.code !== 'SSDA903_YEAR_UNKNOWN') throw error;
          unreadable.push({ code: 'YEAR_UNKNOWN', severity: 'error', file: source.label, row: null, column: null, value: null, reason: error.message });
        }
      }
      progress.stop();
      if (opts.json) {
        const json = reports.map((r) => ({ ...r, year: r.year.label }));
        console.log(JSON.stringify({ returns: json, problems: unreadable, skippedRules: SKIPPED_RULES }, null, 2));
      } else {
        if (unreadable.length > 0) printProblems(unreadable);
        console.log(reports.map(formatValidation).join('\n\n'));
      }
      const failures = reports.reduce((n, r) => n + r.failures.length, 0);
      const errors = unreadable.length + reports.reduce((n, r) => n + r.problems.filter((p) => p.severity === 'error').length, 0);
      if (failures > 0 || errors > 0) {
        throw new CliError('SSDA903_INVALID', `the return fails validation: ${failures} DfE rule ${failures === 1 ? 'failure' : 'failures'}, ${errors} structural ${errors === 1 ? 'error' : 'errors'}`);
      }
    });

  parentCommand(program, 'export', 'write data out of the register')
    .command('ssda903')
    .description("write a collection year's SSDA903 Header, Episodes, Reviews and UASC tables (CSV) from the register")
    .argument('<outdir>', 'folder to write header.csv, episodes.csv, reviews.csv and uasc.csv into')
    .requiredOption('--year <year>', 'collection year, e.g. 2023-24', yearOption)
    .option('--db <path>', 'SQLite database file')
    .action(async (outDir: string, opts: { year: CollectionYear; db?: string }) => {
      const database = await openDb(opts);
      try {
        const result = await writeReturn(recordsInRegister(database), opts.year, outDir);
        console.log(formatExport(result));
      } catch (error) {
        if (error instanceof Ssda903Error) throw new CliError(error.code, error.message);
        throw error;
      } finally {
        await database.close();
      }
    });
}
