// A long narrative over HTTP: the form's own limits, not the server's usual limit for a form, decide what is
// saved. Text outside ASCII takes up to nine bytes a character as a browser sends it, so a narrative well within
// the form's limits can be several megabytes; it is saved, and one over a limit comes back with the field named
// and what was typed kept.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createAccount } from '../../src/app/accounts.ts';
import { COMMENTARY_SECTIONS, NARRATIVE_FORM_BYTES, NARRATIVE_LIMITS } from '../../src/app/report-narrative.ts';
import { addStaff } from '../../src/db/staff.ts';
import { buildServer } from '../../src/web/server.ts';
import { TODAY, seedReportRegister } from '../app/report-support.ts';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { WebClient } from '../support/web-client.ts';

const PASSWORD = 'correct horse battery';

describe.each(DIALECTS)('a long narrative (%s)', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let manager: WebClient;
  let reportUrl = '';

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await seedReportRegister(database);
    const admin = await addStaff(database, { name: 'Ada Admin', email: 'admin@test.example', role: 'administrator', team: null, fte: 1, active: true });
    await createAccount(database, admin.id, { name: 'Morgan Manager', email: 'mo@test.example', role: 'iro_manager', team: null, fte: 1, password: PASSWORD });
    await createAccount(database, admin.id, { name: 'Ana Lyst', email: 'ana@test.example', role: 'analyst', team: null, fte: 1, password: PASSWORD });
    app = await buildServer({ database, today: () => TODAY, signInRateLimit: 1000 });
    manager = new WebClient(app);
    expect((await manager.signIn('mo@test.example', PASSWORD)).statusCode).toBe(302);
    await manager.get('/reports');
    const started = await manager.post('/reports', { period: 'custom', 'from-day': '1', 'from-month': '4', 'from-year': '2023', 'to-day': '31', 'to-month': '3', 'to-year': '2024' });
    expect(started.statusCode).toBe(302);
    reportUrl = started.headers.location as string;
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  const managerCookies = () => manager.cookieString();
  const versionOf = (body: string) => /name="version" value="(\d+)"/.exec(body)![1]!;

  it('names the limit of each box on the form', async () => {
    const form = await manager.get(`${reportUrl}/narrative`);
    const limit = NARRATIVE_LIMITS.summary.toLocaleString('en-GB');
    // The executive summary and every section's commentary.
    expect(form.body.split(`Up to ${limit} characters`).length - 1).toBe(1 + COMMENTARY_SECTIONS.length);
    expect(form.body).toContain(`up to ${NARRATIVE_LIMITS.cell.toLocaleString('en-GB')} characters a box`);
    expect(form.body).toContain(`Up to ${NARRATIVE_LIMITS.title} characters`);
    expect(form.body).toContain(`Corporate Parenting Panel. Up to ${NARRATIVE_LIMITS.line} characters`);
  });

  it('counts each line break as one character, as the box did, though the browser sends two', async () => {
    const form = await manager.get(`${reportUrl}/narrative`);
    // Twenty paragraphs filling the box exactly, as typed: line breaks of one character each.
    const paragraph = '€'.repeat(NARRATIVE_LIMITS.summary / 20 - 1);
    const typed = Array.from({ length: 20 }, () => paragraph).join('\n') + '\n';
    expect(typed).toHaveLength(NARRATIVE_LIMITS.summary);
    // A browser sends each line break as CR LF.
    const saved = await manager.post(`${reportUrl}/narrative`, { version: versionOf(form.body), title: 'Annual report 2023-24', executiveSummary: typed.replace(/\n/g, '\r\n') });
    expect(saved.statusCode).toBe(302);
    const again = await manager.get(`${reportUrl}/narrative`);
    // Stored as typed, without the space the form's trimming takes off the end.
    expect(again.body).toContain(`>${typed.trimEnd()}</textarea>`);
  });

  it('saves a narrative of several megabytes as sent, every box within its limit', async () => {
    const form = await manager.get(`${reportUrl}/narrative`);
    // "€" is three bytes in UTF-8, sent as "%E2%82%AC": nine bytes a character.
    const full = '€'.repeat(NARRATIVE_LIMITS.summary);
    const fields: Record<string, string> = { version: versionOf(form.body), title: 'Annual report 2023-24', executiveSummary: full };
    for (const s of COMMENTARY_SECTIONS) fields[s.field] = full;
    const bytes = new URLSearchParams(fields).toString().length;
    expect(bytes).toBeGreaterThan(2_000_000);
    const saved = await manager.post(`${reportUrl}/narrative`, fields);
    expect(saved.statusCode).toBe(302);
    const again = await manager.get(`${reportUrl}/narrative`);
    expect(again.body).toContain(`>${full}</textarea>`);
  });

  it('refuses a large form from someone not allowed the page before reading it', async () => {
    // Over the narrative's own limit: read, it would be refused as too large (413). Refused first as signed out
    // or not allowed, the body is never read.
    const payload = 'executiveSummary=' + 'x'.repeat(NARRATIVE_FORM_BYTES + 1);
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const anonymous = await app.inject({ method: 'POST', url: `${reportUrl}/narrative`, payload, headers });
    expect(anonymous.statusCode).toBe(401);
    const reader = new WebClient(app);
    expect((await reader.signIn('ana@test.example', PASSWORD)).statusCode).toBe(302);
    const analyst = await app.inject({ method: 'POST', url: `${reportUrl}/narrative`, payload, headers: { ...headers, cookie: reader.cookieString() } });
    expect(analyst.statusCode).toBe(403);
    // The manager's form of that size is read, and refused as too large.
    const manager = await app.inject({ method: 'POST', url: `${reportUrl}/narrative`, payload, headers: { ...headers, cookie: managerCookies() } });
    expect(manager.statusCode).toBe(413);
  });

  it('names the box over its limit, keeping what was typed, however large the form', async () => {
    const form = await manager.get(`${reportUrl}/narrative`);
    const full = '€'.repeat(NARRATIVE_LIMITS.summary);
    const fields: Record<string, string> = { version: versionOf(form.body), title: 'Annual report 2023-24', executiveSummary: full };
    for (const s of COMMENTARY_SECTIONS) fields[s.field] = full;
    const last = COMMENTARY_SECTIONS[COMMENTARY_SECTIONS.length - 1]!;
    fields[last.field] = `${full}€`;
    const refused = await manager.post(`${reportUrl}/narrative`, fields);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(`href="#${last.field}">The commentary on “${last.title}” must be ${NARRATIVE_LIMITS.summary.toLocaleString('en-GB')} characters or fewer`);
    expect(refused.body).toContain(`>${full}€</textarea>`);
  });
});
