// `iro demo`: a deterministic demo authority, loaded into an empty database.
import { loadDemoAuthority } from '../../app/demo.ts';
import { openMigrated } from '../open-database.ts';

export async function runDemo(opts: { children: number; years: number; seed: number; asOf: string; db?: string }): Promise<void> {
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
