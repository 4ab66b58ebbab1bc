// `iro report`: the IRO report for any period from the register, written to a file as a web page, a Word
// document, a spreadsheet or JSON. Mistakes in the dates or the format stop the command with a message that
// says what to fix, before the register is read.

import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { generateReport, reviewTimelinessCsv } from '../../app/report.ts';
import { isIsoDate } from '../../domain/dates.ts';
import { REPORT_FORMATS, checkReportPeriod, isReportFormat, type ReportFormat } from '../../reports/index.ts';
import { CliError } from '../errors.ts';
import { openMigrated } from '../open-database.ts';

interface ReportOptions {
  from: string;
  to: string;
  format?: ReportFormat;
  out: string;
  db?: string;
  recordsFrom?: string;
  compare?: number;
  withChildren?: boolean;
}

function formatOption(value: string): ReportFormat {
  const format = value.trim().toLowerCase();
  if (!isReportFormat(format)) throw new InvalidArgumentError(`must be one of ${REPORT_FORMATS.join(', ')}`);
  return format;
}

function comparisonOption(value: string): number {
  if (!/^\d$/.test(value) || Number(value) > 6) throw new InvalidArgumentError('must be a whole number from 0 to 6');
  return Number(value);
}

/** The format asked for, else the one the file's name ends with. */
function chosenFormat(opts: ReportOptions): ReportFormat {
  if (opts.format) return opts.format;
  const extension = path.extname(opts.out).slice(1).toLowerCase();
  if (isReportFormat(extension)) return extension;
  throw new CliError('REPORT_FORMAT', `say which format to write with --format ${REPORT_FORMATS.join('|')} (the file name ${path.basename(opts.out)} does not say)`);
}

/** Writes a file the user named, or stops with a message saying why it could not be written. */
async function writeOut(file: string, body: string | Buffer): Promise<void> {
  try {
    await writeFile(file, body);
  } catch (error) {
    throw new CliError('REPORT_WRITE', `cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

export async function runReport(opts: ReportOptions): Promise<string> {
  const period = checkReportPeriod(opts.from, opts.to);
  const format = chosenFormat(opts);
  if (opts.recordsFrom !== undefined && !isIsoDate(opts.recordsFrom)) {
    throw new CliError('REPORT_RECORDS_FROM', `--records-from "${opts.recordsFrom}" is not a real date in the form YYYY-MM-DD`);
  }
  if (opts.withChildren === true && format !== 'json') {
    throw new CliError('REPORT_WITH_CHILDREN', `--with-children applies to JSON only (the format asked for is ${format})`);
  }
  const database = await openMigrated(opts);
  try {
    const { model, file } = await generateReport(database, {
      ...period,
      format,
      ...(opts.recordsFrom !== undefined && { recordsFrom: opts.recordsFrom }),
      ...(opts.compare !== undefined && { comparisonPeriods: opts.compare }),
      withChildren: opts.withChildren === true,
    });
    await writeOut(opts.out, file.body);
    const compared = model.comparisonPeriods.length > 0 ? `, compared with ${model.comparisonPeriods.map((p) => p.label).join(', ')}` : '';
    return `Wrote the ${model.title.replace(/^Independent Reviewing Service /, '')}, ${model.period.label}${compared}, as ${format} to ${opts.out}`;
  } finally {
    await database.close();
  }
}

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('write the IRO report for a period: a web page, Word document, spreadsheet or JSON')
    .requiredOption('--from <date>', 'first day of the period, YYYY-MM-DD')
    .requiredOption('--to <date>', 'last day of the period, YYYY-MM-DD')
    .option('--format <format>', `${REPORT_FORMATS.join('|')} (default: from the file name)`, formatOption)
    .requiredOption('--out <file>', 'the file to write')
    .option('--records-from <date>', 'the day from which the register holds every child (default: as the register records it from an SSDA903 import or the demo, else its earliest episode)')
    .option('--compare <n>', 'earlier periods to compare with, 0 to 6', comparisonOption)
    .option('--with-children', 'JSON only: also write the children and reviews behind every count (large)')
    .option('--db <path>', 'SQLite database file')
    .action(async (opts: ReportOptions) => {
      console.log(await runReport(opts));
    });
}

interface TimelinessOptions {
  from: string;
  to: string;
  out: string;
  db?: string;
}

export async function runReviewTimelinessExport(opts: TimelinessOptions): Promise<string> {
  const period = checkReportPeriod(opts.from, opts.to);
  const database = await openMigrated(opts);
  try {
    const { csv, rows } = await reviewTimelinessCsv(database, period);
    await writeOut(opts.out, csv);
    return `Wrote ${rows} ${rows === 1 ? 'review' : 'reviews'} held from ${period.from} to ${period.to} to ${opts.out}`;
  } finally {
    await database.close();
  }
}

/** `iro export review-timeliness`: the reviews behind the report's timeliness figures, one CSV row each. */
export function registerReviewTimelinessExport(program: Command): void {
  const exportCommand = program.commands.find((c) => c.name() === 'export') ?? program.command('export').description('write data out of the register');
  exportCommand
    .command('review-timeliness')
    .description('one CSV row per review held in a period: child, review date, due date, within timescale (Y/N), days late, participation code, IRO')
    .requiredOption('--from <date>', 'first day of the period, YYYY-MM-DD')
    .requiredOption('--to <date>', 'last day of the period, YYYY-MM-DD')
    .requiredOption('--out <file>', 'the CSV file to write')
    .option('--db <path>', 'SQLite database file')
    .action(async (opts: TimelinessOptions) => {
      console.log(await runReviewTimelinessExport(opts));
    });
}
