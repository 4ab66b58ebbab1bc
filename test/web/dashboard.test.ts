// The service dashboard over HTTP: the manager sees the children behind the figures, the analyst the
// figures alone, an IRO not at all.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createAccount } from '../../src/app/accounts.ts';
import { saveChildRecords } from '../../src/db/register-import.ts';
import { addStaff } from '../../src/db/staff.ts';
import type { StaffRole } from '../../src/domain/register.ts';
import { buildServer } from '../../src/web/server.ts';
import { buildAllocation, buildChildRecord, buildEpisode, buildReview } from '../support/builders.ts';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { WebClient } from '../support/web-client.ts';

const TODAY = '2024-06-03';
const PASSWORD = 'correct horse battery';
const held = (heldDate: string) => buildReview({ dueDate: null, bookedDate: heldDate, heldDate });

describe.each(DIALECTS)('the service dashboard page (%s)', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  const ids: Record<string, number> = {};
  const signedIn = async (who: string) => {
    const client = new WebClient(app);
    expect((await client.signIn(`${who}@test.example`, PASSWORD)).statusCode).toBe(302);
    return client;
  };

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const admin = await addStaff(database, { name: 'Ada Admin', email: 'admin@test.example', role: 'administrator', team: null, fte: 1, active: true });
    const people: [string, string, StaffRole][] = [
      ['ivy', 'Ivy Iro', 'iro'],
      ['mo', 'Mo Manager', 'iro_manager'],
      ['ana', 'Ana Lyst', 'analyst'],
    ];
    for (const [key, name, role] of people) {
      ids[key] = (await createAccount(database, admin.id, { name, email: `${key}@test.example`, role, team: null, fte: 1, password: PASSWORD })).id;
    }
    await saveChildRecords(database, [
      buildChildRecord({ child: { id: 'A1', givenName: 'Ann' }, reviews: ['2023-04-28', '2023-07-20', '2023-12-01'].map(held), allocations: [buildAllocation({ iroId: ids.ivy!, from: '2023-04-05' })] }),
      buildChildRecord({ child: { id: 'C3', givenName: 'Cat' }, episodes: [buildEpisode({ start: '2024-03-04' })], reviews: [held('2024-04-10')], allocations: [buildAllocation({ iroId: ids.ivy!, from: '2024-03-05' })] }),
      buildChildRecord({ child: { id: 'F6', givenName: 'Fay' }, episodes: [buildEpisode({ start: '2024-05-20' })], reviews: [] }),
    ]);
    app = await buildServer({ database, today: () => TODAY, signInRateLimit: 1000 });
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('shows a manager the figures and the children behind them', async () => {
    const mo = await signedIn('mo');
    const page = await mo.get('/dashboard');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Service dashboard');
    expect(page.body).toContain('Reviews overdue (1)');
    expect(page.body).toContain('href="/children/A1"');
    expect(page.body).toContain('Children looked after without an IRO (1)');
    expect(page.body).toContain('href="/children/F6"');
    expect(page.body).toContain(`href="/caseload?iro=${ids.ivy}"`);
    // No challenge is waiting; the manager can open the register's overdue ones from here.
    expect(page.body).toMatch(/Challenges waiting for a response past their due date[\s\S]*?<a class="govuk-link" href="\/challenges\?state=overdue">0<\/a>/);
    // One review held this year (10 April), late: none in timescale.
    expect(page.body).toMatch(/This financial year to date[\s\S]*?>1<\/td>\s*<td[^>]*>0<\/td>\s*<td[^>]*>1<\/td>\s*<td[^>]*>0%<\/td>/);
  });

  it('shows an analyst the figures without any child', async () => {
    const ana = await signedIn('ana');
    const page = await ana.get('/dashboard');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Reviews overdue');
    expect(page.body).toContain('figures only');
    expect(page.body).not.toContain('/children/');
    expect(page.body).not.toContain('Taylor');
    // The count, without a link to a register the analyst cannot open.
    expect(page.body).toContain('Challenges waiting for a response past their due date');
    expect(page.body).not.toContain('/challenges?state=overdue');
  });

  it('is not for IROs', async () => {
    const ivy = await signedIn('ivy');
    expect((await ivy.get('/dashboard')).statusCode).toBe(403);
  });
});
