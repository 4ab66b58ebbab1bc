// `iro start` (npm start): the web server, with the demo authority loaded into an empty database first.
import { countChildren } from '../../db/children.ts';
import { listStaff } from '../../db/staff.ts';
import { DEMO_PASSWORD, loadDemoAuthority } from '../../app/demo.ts';
import { todayInEngland } from '../../app/today.ts';
import { prepareReportThread } from '../../app/report-jobs.ts';
import { buildServer } from '../../web/server.ts';
import { ROLE_LABELS } from '../../domain/roles.ts';
import { openMigrated } from '../open-database.ts';

/** The demo authority `npm start` creates: a mid-sized council with six years of history. */
export const START_DEMO = { children: 600, years: 6, seed: 2026 };

export async function runStart(opts: { port: number; db?: string }): Promise<void> {
  const database = await openMigrated(opts);
  if ((await countChildren(database)) === 0) {
    console.log(`The register is empty: loading the demo authority (${START_DEMO.children} children, ${START_DEMO.years} years of history)…`);
    await loadDemoAuthority(database, { ...START_DEMO, asOf: todayInEngland() });
  }
  const app = await buildServer({ database, logger: process.env.IRO_LOG === '1' });
  const host = process.env.HOST ?? '127.0.0.1';
  await app.listen({ port: opts.port, host });
  // The report thread's code loads while the server waits for its first visitor.
  prepareReportThread(database);
  const staff = await listStaff(database);
  console.log(`\nIRO Desk is running at http://${host === '0.0.0.0' ? 'localhost' : host}:${opts.port}/`);
  // One account of each role is enough to try every page; all demo accounts share the demo password.
  const seen = new Set<string>();
  const examples = staff.filter((s) => s.active && !seen.has(s.role) && seen.add(s.role));
  if (examples.length > 0) {
    console.log(`\nDemo accounts (password for every one: ${DEMO_PASSWORD}):`);
    for (const s of examples) console.log(`  ${ROLE_LABELS[s.role].padEnd(32)} ${s.email}`);
  }
  const shutdown = () => {
    void app.close().then(() => database.close());
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
