// The `iro` command: set up a database, load the demo authority, ask the review clock, run the server.
// Every command takes --db PATH (SQLite file) or uses DATABASE_URL (PostgreSQL); errors exit non-zero
// with a message that says what to fix.

import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { openMigrated } from './open-database.ts';
import { isIsoDate } from '../domain/dates.ts';
import { todayInEngland } from '../app/today.ts';
import { runDemo } from './commands/demo.ts';
import { runReviewsDue } from './commands/reviews.ts';
import { runChild } from './commands/child.ts';
import { runStart } from './commands/start.ts';
import { CliError } from './errors.ts';
import { registerSsda903Commands } from './commands/ssda903.ts';
import { registerOutboxCommand } from './commands/outbox.ts';
import { registerReportCommand, registerReviewTimelinessExport } from './commands/report.ts';

export function positiveInteger(name: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(`${name} must be a whole number of 1 or more`);
    return Number(value);
  };
}

export function wholeNumber(name: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${name} must be a whole number of 0 or more`);
    return Number(value);
  };
}

export function isoDateOption(value: string): string {
  if (!isIsoDate(value)) throw new InvalidArgumentError('must be a date in the form YYYY-MM-DD');
  return value;
}


export function buildProgram(): Command {
  const program = new Command('iro')
    .description('IRO Desk: the register and review clock of an Independent Reviewing Service')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('init')
    .description('create the database (or bring it up to date)')
    .option('--db <path>', 'SQLite database file (default data/iro.sqlite; DATABASE_URL selects PostgreSQL)')
    .action(async (opts: { db?: string }) => {
      const database = await openMigrated(opts);
      await database.close();
      console.log('The database is ready.');
    });

  program
    .command('demo')
    .description('load a deterministic demo authority into the database')
    .requiredOption('--children <n>', 'children looked after at the end', positiveInteger('--children'))
    .option('--years <n>', 'years of history', positiveInteger('--years'), 6)
    .option('--seed <n>', 'random seed: the same seed gives the same authority', wholeNumber('--seed'), 1)
    .option('--as-of <date>', 'the last day of the history (default today)', isoDateOption)
    .option('--db <path>', 'SQLite database file')
    .option('--ssda903 <outdir>', 'write the authority as SSDA903 returns, one folder per collection year, instead of loading it')
    .option('--seed-errors <list>', 'with --ssda903: errors to seed in the latest year, e.g. participationAge=2,badDate=1')
    .action(async (opts: { children: number; years: number; seed: number; asOf?: string; db?: string; ssda903?: string; seedErrors?: string }) => {
      await runDemo({ ...opts, asOf: opts.asOf ?? todayInEngland() });
    });

  const reviews = program.command('reviews').description('statutory reviews');
  reviews
    .command('due')
    .description('reviews due soon and overdue, by due date')
    .option('--within <days>', 'days ahead to include', wholeNumber('--within'), 28)
    .option('--as-of <date>', 'count from this date (default today)', isoDateOption)
    .option('--json', 'print JSON')
    .option('--db <path>', 'SQLite database file')
    .action(async (opts: { within: number; asOf?: string; json?: boolean; db?: string }) => {
      await runReviewsDue({ ...opts, asOf: opts.asOf ?? todayInEngland() });
    });

  program
    .command('child')
    .description("a child's periods of care, IRO history and every review with its due date")
    .argument('<id>', "the child's identifier")
    .option('--as-of <date>', 'count from this date (default today)', isoDateOption)
    .option('--json', 'print JSON')
    .option('--db <path>', 'SQLite database file')
    .action(async (id: string, opts: { asOf?: string; json?: boolean; db?: string }) => {
      await runChild(id, { ...opts, asOf: opts.asOf ?? todayInEngland() });
    });

  program
    .command('start')
    .description('start the web server (loads the demo authority into an empty database first)')
    .option('--port <n>', 'port (default PORT or 3000)', wholeNumber('--port'))
    .option('--db <path>', 'SQLite database file')
    .action(async (opts: { port?: number; db?: string }) => {
      await runStart({ port: opts.port ?? (process.env.PORT ? Number(process.env.PORT) : 3000), db: opts.db });
    });

  registerSsda903Commands(program, openMigrated);
  registerOutboxCommand(program);
  registerReportCommand(program);
  registerReviewTimelinessExport(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof CliError || (error instanceof Error && 'code' in error && typeof error.code === 'string')) {
      console.error(`iro: ${error.message}`);
      return 1;
    }
    console.error('iro: an unexpected error stopped the command:', error instanceof Error ? error.message : error);
    return 1;
  }
}
