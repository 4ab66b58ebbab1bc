import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { buildServer } from '../../src/web/server.ts';
import { createAccount } from '../../src/app/accounts.ts';
import { addStaff } from '../../src/db/staff.ts';
import { listAudit } from '../../src/db/audit.ts';
import { WebClient } from '../support/web-client.ts';

describe.each(DIALECTS)('signing in (%s)', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const admin = await addStaff(database, { name: 'Ada Admin', email: 'admin@test.example', role: 'administrator', team: null, fte: 1, active: true });
    await createAccount(database, admin.id, { name: 'Ivy Iro', email: 'ivy@test.example', role: 'iro', team: null, fte: 1, password: 'correct horse battery' });
    app = await buildServer({ database, today: () => '2024-06-03', signInRateLimit: 1000 });
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('sends someone signed out to the sign-in page', async () => {
    const client = new WebClient(app);
    const response = await client.get('/account/password');
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/sign-in?next=%2Faccount%2Fpassword');
  });

  it('refuses a form without the CSRF token', async () => {
    const client = new WebClient(app);
    await client.get('/sign-in');
    const response = await client.post('/sign-in', { email: 'ivy@test.example', password: 'correct horse battery' }, { withCsrf: false });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('Your form has expired');
  });

  it('signs in with the right password, and out again', async () => {
    const client = new WebClient(app);
    const response = await client.signIn('ivy@test.example', 'correct horse battery');
    expect(response.statusCode).toBe(302);
    const page = await client.get('/account/password');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ivy Iro');
    await client.post('/sign-out', {});
    expect((await client.get('/account/password')).statusCode).toBe(302);
  });

  it('names no field that tells whether an address has an account, and locks after 5 failures', async () => {
    const client = new WebClient(app);
    const unknown = await client.signIn('nobody@test.example', 'whatever it is');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.body).toContain('Enter a correct email address and password');
    for (let i = 0; i < 4; i += 1) expect((await client.signIn('ivy@test.example', 'wrong password!')).statusCode).toBe(401);
    const fifth = await client.signIn('ivy@test.example', 'wrong password!');
    expect(fifth.body).toContain('locked');
    const right = await client.signIn('ivy@test.example', 'correct horse battery');
    expect(right.statusCode).toBe(401);
    expect(right.body).toContain('locked');
    const audit = await listAudit(database, {});
    expect(audit.filter((a) => a.action === 'sign_in_failed').length).toBeGreaterThanOrEqual(6);
  });
});
