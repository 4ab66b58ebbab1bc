// My caseload over HTTP: an IRO's own children with due-date tags and cover marked, a manager opening any
// IRO's caseload, and everyone else refused.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createAccount } from '../../src/app/accounts.ts';
import { kyselyOf } from '../../src/db/connection.ts';
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

describe.each(DIALECTS)('my caseload page (%s)', (dialect) => {
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
      ['olu', 'Olu Iro', 'iro'],
      ['mo', 'Mo Manager', 'iro_manager'],
      ['ana', 'Ana Lyst', 'analyst'],
    ];
    for (const [key, name, role] of people) {
      ids[key] = (await createAccount(database, admin.id, { name, email: `${key}@test.example`, role, team: null, fte: 1, password: PASSWORD })).id;
    }
    await saveChildRecords(database, [
      buildChildRecord({ child: { id: 'A1', givenName: 'Ann' }, reviews: ['2023-04-28', '2023-07-20', '2023-12-01'].map(held), allocations: [buildAllocation({ iroId: ids.ivy!, from: '2023-04-05' })] }),
      buildChildRecord({ child: { id: 'B2', givenName: 'Ben' }, episodes: [buildEpisode({ start: '2024-05-13' })], reviews: [], allocations: [buildAllocation({ iroId: ids.ivy!, from: '2024-05-14' })] }),
      buildChildRecord({ child: { id: 'C3', givenName: 'Cat' }, episodes: [buildEpisode({ start: '2024-03-04' })], reviews: [held('2024-04-10')], allocations: [buildAllocation({ iroId: ids.olu!, from: '2024-03-05' })] }),
    ]);
    await kyselyOf(database).insertInto('iro_cover').values({ iro_id: ids.ivy!, covered_iro_id: ids.olu!, start_date: '2024-06-01', end_date: '2024-06-14' }).execute();
    app = await buildServer({ database, today: () => TODAY, signInRateLimit: 1000 });
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('shows an IRO their children with the next review due, tagged when overdue or due soon, and cover marked', async () => {
    const ivy = await signedIn('ivy');
    const page = await ivy.get('/caseload');
    expect(page.statusCode).toBe(200);
    const body = page.body;
    expect(body).toContain('<h1 class="govuk-heading-l">My caseload</h1>');
    expect(body).toMatch(/govuk-tag--red">\s*Overdue by 2 days/);
    expect(body).toMatch(/govuk-tag--yellow">\s*8 days to go/);
    expect(body).toContain('Cover for Olu Iro');
    expect(body).toMatch(/Children looked after\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*3 \(1 as cover\)/);
    // Sorted by due date: Ann (1 June), Ben (11 June), Cat (10 July).
    expect(body.indexOf('Ann Taylor')).toBeLessThan(body.indexOf('Ben Taylor'));
    expect(body.indexOf('Ben Taylor')).toBeLessThan(body.indexOf('Cat Taylor'));
    expect(body).not.toContain('Show the caseload of');
    expect((await ivy.get('/children/C3')).statusCode).toBe(200);
  });

  it('refuses an IRO another IRO’s caseload', async () => {
    const ivy = await signedIn('ivy');
    expect((await ivy.get(`/caseload?iro=${ids.olu}`)).statusCode).toBe(403);
    expect((await ivy.get(`/caseload?iro=${ids.ivy}`)).statusCode).toBe(200);
  });

  it('lets a manager open any IRO’s caseload', async () => {
    const mo = await signedIn('mo');
    const page = await mo.get(`/caseload?iro=${ids.olu}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Caseload of Olu Iro');
    expect(page.body).toContain('Cat Taylor');
    expect(page.body).not.toContain('Ann Taylor');
    expect(page.body).toContain('Show the caseload of');
    expect((await mo.get('/caseload?iro=99999')).statusCode).toBe(404);
  });

  it('is not for roles without a caseload', async () => {
    const ana = await signedIn('ana');
    expect((await ana.get('/caseload')).statusCode).toBe(403);
  });
});
