// Pages under load: 50 signed-in users at once (each its own session, IROs on their caseloads and their
// children's records, managers on the dashboard), against the 2,000-child demo authority on SQLite, with
// two loads. Paced: each user asks for a page about once a second, after a random pause (so 50 requests a
// second in all, far busier than people reading pages, but not in lockstep), and latency percentiles come
// from every response. Flat out: autocannon with 50 connections and no pauses, for the most requests a
// second one app server answers.

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import type autocannon from 'autocannon';
import type { Measurement } from './measurements.ts';

const USERS = 50;
const SECONDS = 10;
const DEMO = { children: 2000, seed: 2026, years: 5, asOf: '2025-03-31' };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function startServer(dbPath: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'web-server.ts'), dbPath, DEMO.asOf], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  for (let i = 0; i < 600 && !/PORT \d+/.test(output); i += 1) await new Promise((r) => setTimeout(r, 100));
  const port = /PORT (\d+)/.exec(output)?.[1];
  if (!port) throw new Error('the benchmark server did not start');
  return { child, base: `http://127.0.0.1:${port}` };
}

async function signIn(base: string, email: string): Promise<string> {
  const { DEMO_PASSWORD } = await import('../src/app/demo.ts');
  const page = await fetch(`${base}/sign-in`);
  const csrfCookie = (page.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const body = new URLSearchParams({ _csrf: token, email, password: DEMO_PASSWORD });
  const response = await fetch(`${base}/sign-in`, { method: 'POST', body, headers: { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
  const session = (response.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).find((c) => c?.startsWith('iro_session='));
  if (!session) throw new Error(`could not sign in a benchmark user (status ${response.status})`);
  return session;
}

interface PageLoad {
  name: string;
  users: { cookie: string; paths: string[] }[];
}

/** 50 users, each: pause a random 0–2 s (a second on average), ask for their next page, repeat. */
async function paced(base: string, page: PageLoad): Promise<Record<string, number>> {
  const latencies: number[] = [];
  let errors = 0;
  const until = Date.now() + SECONDS * 1000;
  let random = 12345;
  const next = () => ((random = (random * 1103515245 + 12345) % 2147483648) / 2147483648);
  const user = async (index: number) => {
    const u = page.users[index % page.users.length]!;
    for (let i = 0; Date.now() < until; i += 1) {
      await new Promise((r) => setTimeout(r, next() * 2000));
      const started = performance.now();
      const response = await fetch(`${base}${u.paths[i % u.paths.length]}`, { headers: { cookie: u.cookie } });
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      if (response.status !== 200) errors += 1;
    }
  };
  await Promise.all(Array.from({ length: USERS }, (_, i) => user(i)));
  latencies.sort((a, b) => a - b);
  return {
    [`${page.name}RequestsPerSecond`]: Math.round(latencies.length / SECONDS),
    [`${page.name}P50Ms`]: Math.round(percentile(latencies, 50)),
    [`${page.name}P95Ms`]: Math.round(percentile(latencies, 95)),
    [`${page.name}P99Ms`]: Math.round(percentile(latencies, 99)),
    [`${page.name}Errors`]: errors,
  };
}

type Autocannon = typeof autocannon;

async function load(autocannon: Autocannon, base: string, page: PageLoad, saturate = false): Promise<Record<string, number>> {
  if (!saturate) return paced(base, page);
  const latencies: number[] = [];
  let errors = 0;
  let users = 0;
  // Without a callback autocannon returns an emitter that is also a promise of the result.
  const instance = autocannon({
    url: base,
    connections: USERS,
    duration: SECONDS,
    setupClient: (client) => {
      const user = page.users[users % page.users.length]!;
      users += 1;
      client.setHeaders({ cookie: user.cookie });
      client.setRequests(user.paths.map((path) => ({ method: 'GET', path })));
    },
  }) as unknown as Promise<autocannon.Result> & { on: (event: 'response', listener: (...args: never[]) => void) => void };
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode !== 200) errors += 1;
    latencies.push(responseTime);
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  if (saturate) return { [`${page.name}MostRequestsPerSecond`]: Math.round(result.requests.average) };
  return {
    [`${page.name}RequestsPerSecond`]: Math.round(result.requests.average),
    [`${page.name}P50Ms`]: Math.round(percentile(latencies, 50)),
    [`${page.name}P95Ms`]: Math.round(percentile(latencies, 95)),
    [`${page.name}P99Ms`]: Math.round(percentile(latencies, 99)),
    [`${page.name}Errors`]: errors,
  };
}

export const webLoad: Measurement = {
  name: 'web-load-2000',
  label: 'Pages with 50 signed-in users at once (caseload, dashboard, child record)',
  size: `${DEMO.children.toLocaleString('en-GB')} children, ${DEMO.years} years; ${SECONDS} s a page`,
  // Imported here, as the other measurements do, so that only this measurement's process loads them.
  async prepare(ctx) {
    const { openDatabase } = await import('../src/db/database.ts');
    const { migrateToLatest } = await import('../src/db/migrate.ts');
    const { loadDemoAuthority } = await import('../src/app/demo.ts');
    const database = await openDatabase({ sqlitePath: join(ctx.workDir, 'web.sqlite') });
    await migrateToLatest(database);
    await loadDemoAuthority(database, DEMO);
    await database.close();
  },
  async run(ctx) {
    const { openDatabase } = await import('../src/db/database.ts');
    const { listStaff } = await import('../src/db/staff.ts');
    const { caseloadChildIds } = await import('../src/app/child-access.ts');
    const dbPath = join(ctx.workDir, 'web.sqlite');
    const database = await openDatabase({ sqlitePath: dbPath });
    const staff = await listStaff(database, { activeOnly: true });
    const iros = staff.filter((s) => s.role === 'iro').slice(0, USERS);
    const managers = staff.filter((s) => s.role === 'iro_manager' || s.role === 'head_of_service');
    const caseloads = new Map<number, string[]>();
    for (const iro of iros) caseloads.set(iro.id, (await caseloadChildIds(database, iro.id, DEMO.asOf)).slice(0, 20));
    await database.close();
    const { child, base } = await startServer(dbPath);
    try {
      const iroCookies: { id: number; cookie: string }[] = [];
      for (const iro of iros) iroCookies.push({ id: iro.id, cookie: await signIn(base, iro.email) });
      const managerCookies: string[] = [];
      for (const m of managers) managerCookies.push(await signIn(base, m.email));
      const pages: PageLoad[] = [
        { name: 'caseload', users: iroCookies.map((u) => ({ cookie: u.cookie, paths: ['/caseload'] })) },
        { name: 'dashboard', users: managerCookies.map((cookie) => ({ cookie, paths: ['/dashboard'] })) },
        {
          name: 'childRecord',
          users: iroCookies.map((u) => ({ cookie: u.cookie, paths: (caseloads.get(u.id) ?? []).map((id) => `/children/${encodeURIComponent(id)}`) })).filter((u) => u.paths.length > 0),
        },
      ];
      // A running server has its templates compiled and the dashboard's shared figures worked out: warm up.
      for (const page of pages) for (const u of page.users.slice(0, 3)) await (await fetch(`${base}${u.paths[0]}`, { headers: { cookie: u.cookie } })).arrayBuffer();
      const { default: autocannon } = await import('autocannon');
      return await ctx.measure(async () => {
        let counts: Record<string, number> = { users: iroCookies.length + managerCookies.length };
        for (const page of pages) counts = { ...counts, ...(await load(autocannon, base, page)), ...(await load(autocannon, base, page, true)) };
        return counts;
      });
    } finally {
      child.kill();
      await once(child, 'exit');
    }
  },
};
