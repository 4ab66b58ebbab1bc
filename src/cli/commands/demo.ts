// `iro demo`: a deterministic demo authority, loaded into an empty database or written as SSDA903 returns.
import path from 'node:path';
import { loadDemoAuthority } from '../../app/demo.ts';
import { generateDemoAuthority } from '../../demo/generate.ts';
import { SEEDABLE_ERRORS, writeDemoReturn, type SeedableError } from '../../ssda903/demo-return.ts';
import { collectionYearContaining, collectionYearStarting } from '../../ssda903/collection-year.ts';
import { addMonths } from '../../domain/dates.ts';
import { openMigrated } from '../open-database.ts';
import { CliError } from '../errors.ts';

interface DemoCommandOptions {
  children: number;
  years: number;
  seed: number;
  asOf: string;
  db?: string;
  ssda903?: string;
  seedErrors?: string;
}

function parseSeedErrors(text: string | undefined): Partial<Record<SeedableError, number>> {
  if (!text) return {};
  const result: Partial<Record<SeedableError, number>> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name, count = '1'] = part.split('=');
    if (!name || !Object.hasOwn(SEEDABLE_ERRORS, name) || !/^\d+$/.test(count)) {
      throw new CliError('BAD_ARGUMENT', `--seed-errors: "${part}" is not one of ${Object.keys(SEEDABLE_ERRORS).join(', ')} (with =N)`);
    }
    result[name as SeedableError] = Number(count);
  }
  return result;
}

/**
 * Writes one return per complete collection year of the history, in folders named like 2023-24, the latest
 * with any seeded errors. The year under way is left out, as an authority's returns are: rules such as 359
 * read the year's end, which has not come.
 */
async function writeReturns(opts: DemoCommandOptions & { ssda903: string }): Promise<void> {
  const seedErrors = parseSeedErrors(opts.seedErrors);
  const authority = generateDemoAuthority(opts);
  const last = collectionYearStarting(collectionYearContaining(opts.asOf).startYear - 1);
  const first = collectionYearContaining(addMonths(opts.asOf, -12 * opts.years));
  for (let start = first.startYear; start <= last.startYear; start += 1) {
    const year = collectionYearStarting(start);
    const folder = path.join(opts.ssda903, year.label);
    const written = await writeDemoReturn(authority, folder, year, start === last.startYear ? { seedErrors } : {});
    const seeded = written.seeded.length > 0 ? `, seeded errors: ${written.seeded.map((e) => `${e.kind} (rule ${e.expect})`).join(', ')}` : '';
    console.log(`Wrote the ${year.label} return to ${folder}${seeded}`);
  }
}

export async function runDemo(opts: DemoCommandOptions): Promise<void> {
  if (opts.ssda903) return writeReturns({ ...opts, ssda903: opts.ssda903 });
  if (opts.seedErrors) throw new CliError('BAD_ARGUMENT', '--seed-errors needs --ssda903 OUTDIR');
  const database = await openMigrated(opts);
  try {
    const started = Date.now();
    const authority = await loadDemoAuthority(database, opts);
    const reviews = authority.children.reduce((n, c) => n + c.reviews.length, 0);
    const episodes = authority.children.reduce((n, c) => n + c.episodes.length, 0);
    console.log(
      `Loaded ${authority.settings.authorityName}: ${authority.children.length} children (history of ${opts.years} years to ${opts.asOf}), ` +
        `${episodes} episodes, ${reviews} reviews, ${authority.staff.length} staff, seed ${opts.seed}, in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  } finally {
    await database.close();
  }
}
