// Dispute resolution over HTTP on both databases: raising a challenge from the child's record (problems
// shown the GOV.UK way with what was typed kept), escalating it, the team manager answering, the IRO
// resolving; a themed challenge on each child's record; the register's filters; the protocol page; and
// compliments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { findChallenge } from '../../src/db/challenges.ts';
import { kyselyOf } from '../../src/db/connection.ts';
import { buildServer } from '../../src/web/server.ts';
import { buildAuthority, signedInClient, themeIds, TODAY, type Authority } from '../app/challenges-support.ts';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const date = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });
const idFrom = (location: unknown) => Number(/\/challenges\/(\d+)/.exec(String(location))?.[1]);

describe.each(DIALECTS)('dispute resolution pages (%s)', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let people: Authority;
  let themes: number[];

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    people = await buildAuthority(database);
    themes = await themeIds(database);
    app = await buildServer({ database, today: () => TODAY, signInRateLimit: 100_000 });
  });
  afterAll(async () => {
    await app?.close();
    await database?.destroy();
  });

  it('raises, escalates, answers and resolves a challenge', async () => {
    const ivy = await signedInClient(app, database, people.ivy.id);
    const record = await ivy.get('/children/A1');
    expect(record.body).toContain('id="challenges"');
    expect(record.body).toContain('href="/challenges/new?child=A1"');

    const form = await ivy.get('/challenges/new?child=A1');
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/<input type="hidden" name="_csrf" value="[^"]+">/);
    expect(form.body).toContain('>A1</textarea>');

    // Everything wrong at once, listed in the order of the form, with what was typed kept.
    const wrong = await ivy.post('/challenges/new', { type: 'informal', stageLevel: '0', childIds: 'A1', concern: 'The PEP is late', request: '', ...date('raisedOn', '2024-05-03') });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('govuk-error-summary');
    const summary = wrong.body.slice(wrong.body.indexOf('govuk-error-summary'), wrong.body.indexOf('</ul>', wrong.body.indexOf('govuk-error-summary')));
    expect([...summary.matchAll(/href="#([^"]+)"/g)].map((m) => m[1])).toEqual(['themeIds', 'request', 'addressedTo', 'raisedOn-day']);
    expect(wrong.body).toContain('The PEP is late</textarea>');
    expect(wrong.body).toContain('<title>Error: Raise a challenge');

    const raised = await ivy.post('/challenges/new', {
      type: 'informal',
      stageLevel: '0',
      childIds: 'A1',
      themeIds: [String(themes[8])],
      concern: 'The PEP is late',
      request: 'Hold it this week',
      addressedTo: String(people.tess.id),
      ...date('raisedOn', TODAY),
    });
    expect(raised.statusCode).toBe(302);
    const id = idFrom(raised.headers.location);
    const page = await ivy.get(`/challenges/${id}?done=raised`);
    expect(page.body).toContain('The challenge has been raised');
    expect(page.body).toContain('10 May 2024');

    await ivy.get(`/challenges/${id}/escalate`);
    const escalated = await ivy.post(`/challenges/${id}/escalate`, { version: '1', toLevel: '1', addressedTo: String(people.tess.id), text: 'No reply yet', ...date('date', TODAY) });
    expect(escalated.statusCode).toBe(302);

    const tess = await signedInClient(app, database, people.tess.id);
    const mine = await tess.get('/challenges/addressed-to-me');
    expect(mine.body).toContain(`href="/challenges/${id}/respond"`);
    const answer = await tess.get(`/challenges/${id}/respond`);
    expect(answer.body).toContain('The PEP is late');
    const empty = await tess.post(`/challenges/${id}/respond`, { version: '2', ...date('date', TODAY), text: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#text"');
    expect(empty.body).toContain('name="date-day" type="text" value="2"');
    expect((await tess.post(`/challenges/${id}/respond`, { version: '2', ...date('date', TODAY), text: 'The PEP is booked' })).headers.location).toBe('/challenges/addressed-to-me?done=respond');

    expect((await ivy.post(`/challenges/${id}/resolve`, { version: '3', ...date('date', TODAY), text: 'Fine' })).statusCode).toBe(302);
    const closed = await findChallenge(database, id);
    expect(closed?.steps.map((s) => s.action)).toEqual(['raise', 'escalate', 'respond', 'resolve']);
    expect((await ivy.get(`/challenges/${id}/withdraw`)).statusCode).toBe(409);
  });

  it('shows a themed challenge on each of its children’s records, and filters the register', async () => {
    const mo = await signedInClient(app, database, people.mo.id);
    await mo.get('/challenges/new');
    const raised = await mo.post('/challenges/new', {
      type: 'themed',
      stageLevel: '2',
      childIds: 'A1, A2\nA3',
      themeIds: [String(themes[8]), String(themes[3])],
      concern: 'PEP meetings are out of timescale across the team',
      request: 'A plan to bring them up to date',
      addressedTo: String(people.hal.id),
      ...date('raisedOn', TODAY),
    });
    const id = idFrom(raised.headers.location);
    for (const child of ['A1', 'A2', 'A3']) expect((await mo.get(`/children/${child}`)).body).toContain(`href="/challenges/${id}"`);
    const themed = await mo.get('/challenges?type=themed');
    expect(themed.body).toContain(`href="/challenges/${id}"`);
    expect(themed.body).toContain('1 challenge');
    expect((await mo.get(`/challenges?theme=${themes[3]}&team=North`)).body).toContain(`href="/challenges/${id}"`);
    expect((await mo.get('/challenges?team=South')).body).toContain('0 challenges');
    const badPeriod = await mo.get('/challenges?from-day=31&from-month=2&from-year=2024');
    expect(badPeriod.statusCode).toBe(400);
    expect(badPeriod.body).toContain('The start of the period must be a real date');
    // The business support officer sees the child but no challenges.
    const bea = await signedInClient(app, database, people.bea.id);
    expect((await bea.get('/children/A1')).body).not.toContain('id="challenges"');
  });

  it('lets the administrator change the protocol, keeping what was typed when it is wrong', async () => {
    const ada = await signedInClient(app, database, people.ada.id);
    const form = await ada.get('/challenges/protocol');
    expect(form.body).toContain('The formal stages add up to 20 working days');
    const fields: Record<string, string> = {};
    for (const m of form.body.matchAll(/<input\s[^>]*class="govuk-input[^>]*>/g)) {
      const name = /name="([^"]+)"/.exec(m[0])?.[1];
      if (name) fields[name] = /value="([^"]*)"/.exec(m[0])?.[1] ?? '';
    }
    for (const m of form.body.matchAll(/<select class="govuk-select" id="[^"]+" name="(stages-\d-role)">[\s\S]*?<option value="([a-z_]+)" selected>/g)) fields[m[1]!] = m[2]!;
    const wrong = await ada.post('/challenges/protocol', { ...fields, 'stages-2-workingDays': 'ten' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('href="#stages-2-workingDays"');
    expect(wrong.body).toContain('value="ten"');
    const saved = await ada.post('/challenges/protocol', { ...fields, 'stages-2-workingDays': '8', newThemes: 'Sibling contact not arranged' });
    expect(saved.headers.location).toBe('/challenges/protocol?saved=1');
    const after = await ada.get('/challenges/protocol?saved=1');
    expect(after.body).toContain('The formal stages add up to 23 working days');
    expect(after.body).toContain('no more than 20');
    expect(after.body).toContain('value="Sibling contact not arranged"');
    const stage = await kyselyOf(database).selectFrom('dispute_stage').select('working_days').where('level', '=', 2).executeTakeFirstOrThrow();
    expect(stage.working_days).toBe(8);
  });

  it('records a compliment from the child’s record and sends it on', async () => {
    const ivy = await signedInClient(app, database, people.ivy.id);
    const form = await ivy.get('/compliments/new?child=A2');
    expect(form.body).toContain('value="North"');
    const wrong = await ivy.post('/compliments/new?child=A2', { worker: 'Jo Worker', team: 'North', text: '', ...date('recordedOn', TODAY) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('value="Jo Worker"');
    expect((await ivy.post('/compliments/new?child=A2', { worker: 'Jo Worker', team: 'North', text: 'Kept the child at the same school', ...date('recordedOn', TODAY) })).headers.location).toBe('/compliments?done=added');
    const list = await ivy.get('/compliments');
    expect(list.body).toContain('Kept the child at the same school');
    expect(list.body).toContain('Not sent on yet');
    const hal = await signedInClient(app, database, people.hal.id);
    expect((await hal.get('/compliments')).body).not.toContain('Kept the child at the same school');
    const compliment = await kyselyOf(database).selectFrom('compliment').select('id').executeTakeFirstOrThrow();
    expect((await ivy.post(`/compliments/${compliment.id}/send`, {})).headers.location).toBe('/compliments?done=sent');
    expect((await hal.get('/compliments')).body).toContain('Kept the child at the same school');
    expect((await ivy.get('/children/A2')).body).toContain('Jo Worker (North), sent on to senior managers');
  });
});
