// The SSDA903 import page: a manager or analyst uploads a return's CSV files, checks them or imports them,
// and sees the same results and errors as the command line; a bad file stores nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { buildServer } from '../../src/web/server.ts';
import { addStaff } from '../../src/db/staff.ts';
import { createAccount } from '../../src/app/accounts.ts';
import { countChildren } from '../../src/db/children.ts';
import { listAudit } from '../../src/db/audit.ts';
import { generateDemoAuthority } from '../../src/demo/generate.ts';
import { writeDemoReturn } from '../../src/ssda903/demo-return.ts';
import { collectionYearStarting } from '../../src/ssda903/collection-year.ts';
import { WebClient } from '../support/web-client.ts';

function multipart(fields: Record<string, string>, files: { name: string; content: string }[]) {
  const boundary = `----iro${Math.random().toString(16).slice(2)}`;
  const parts: string[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  for (const f of files) parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: text/csv\r\n\r\n${f.content}\r\n`);
  parts.push(`--${boundary}--\r\n`);
  return { payload: parts.join(''), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe.each(DIALECTS)('importing an SSDA903 return in the web application (%s)', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let folder: string;
  const files: { name: string; content: string }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const admin = await addStaff(database, { name: 'Admin', email: 'admin@imp.example', role: 'administrator', team: null, fte: 1, active: true });
    await createAccount(database, admin.id, { name: 'Ana Analyst', email: 'ana@imp.example', role: 'analyst', team: null, fte: 1, password: 'analyst password' });
    await createAccount(database, admin.id, { name: 'Ivo Iro', email: 'ivo@imp.example', role: 'iro', team: null, fte: 1, password: 'iro password 12' });
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'iro-imp-'));
    const authority = generateDemoAuthority({ children: 40, years: 2, seed: 3, asOf: '2024-06-01' });
    await writeDemoReturn(authority, folder, collectionYearStarting(2023));
    for (const name of fs.readdirSync(folder)) files.push({ name, content: fs.readFileSync(path.join(folder, name), 'utf8') });
    app = await buildServer({ database, today: () => '2024-06-03', signInRateLimit: 1000 });
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  async function upload(client: WebClient, mode: string, chosen: { name: string; content: string }[]) {
    await client.get('/imports');
    const body = multipart({ _csrf: client.csrfToken(), mode }, chosen);
    return app.inject({ method: 'POST', url: '/imports', payload: body.payload, headers: { 'content-type': body.contentType, cookie: client.cookieString() } });
  }

  it('is refused to an IRO, and asks for files when none are chosen', async () => {
    const iro = new WebClient(app);
    await iro.signIn('ivo@imp.example', 'iro password 12');
    expect((await iro.get('/imports')).statusCode).toBe(403);
    const analyst = new WebClient(app);
    await analyst.signIn('ana@imp.example', 'analyst password');
    const empty = await upload(analyst, 'check', []);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Choose the CSV files of the return');
  });

  it('checks a return against the DfE rules without storing it', async () => {
    const analyst = new WebClient(app);
    await analyst.signIn('ana@imp.example', 'analyst password');
    const checked = await upload(analyst, 'check', files);
    expect(checked.statusCode).toBe(200);
    expect(checked.body).toContain('Collection year 2023-24');
    expect(checked.body).toMatch(/DfE rules run: no failures/);
    expect(await countChildren(database)).toBe(0);
  });

  it('lists a DfE rule failure with the fields the rule names', async () => {
    const analyst = new WebClient(app);
    await analyst.signIn('ana@imp.example', 'analyst password');
    // A review with no participation code fails 167, whose affected field is REVIEW_CODE.
    const reviews = files.find((f) => f.name === 'reviews.csv')!;
    const [head, first] = reviews.content.split(/\r?\n/);
    const blanked = { name: 'reviews.csv', content: `${head}\n${first!.replace(/,PN\d$/, ',')}\n` };
    const checked = await upload(analyst, 'check', [...files.filter((f) => f.name !== 'reviews.csv'), blanked]);
    expect(checked.statusCode).toBe(200);
    expect(checked.body).toMatch(/<td class="govuk-table__cell">167<\/td><td class="govuk-table__cell">[^<]+<\/td><td class="govuk-table__cell">REVIEW_CODE<\/td>/);
  });

  it('stores nothing when a file has a bad row, and lists file, row, column and value', async () => {
    const analyst = new WebClient(app);
    await analyst.signIn('ana@imp.example', 'analyst password');
    const bad = files.map((f) => (f.content.startsWith('CHILD,DECOM') ? { ...f, content: f.content.replace(/\n([^,\n]+),(\d\d)\/(\d\d)\/(\d{4}),/, '\n$1,31/02/$4,') } : f));
    const refused = await upload(analyst, 'import', bad);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Nothing was stored');
    expect(refused.body).toContain('DECOM');
    expect(refused.body).toContain('31/02/');
    expect(await countChildren(database)).toBe(0);
  });

  it('imports a good return, and importing it again changes nothing', async () => {
    const analyst = new WebClient(app);
    await analyst.signIn('ana@imp.example', 'analyst password');
    const imported = await upload(analyst, 'import', files);
    expect(imported.statusCode).toBe(200);
    expect(imported.body).toContain('Return imported');
    const children = await countChildren(database);
    expect(children).toBeGreaterThan(0);
    const again = await upload(analyst, 'import', files);
    expect(again.body).toMatch(/0 added, 0 updated, \d+ unchanged/);
    expect(await countChildren(database)).toBe(children);
    const audit = await listAudit(database, {});
    expect(audit.filter((a) => a.entity === 'ssda903_import')).toHaveLength(2);
  });
});
