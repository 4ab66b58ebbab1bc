// Who may use each dispute resolution page: every route tried by every role and by someone signed out, on
// a register holding a real challenge (raised by the child's IRO, addressed to the North team manager) and
// a compliment, with the status each should get written out by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { raiseChallenge } from '../../src/app/challenges.ts';
import { addCompliment } from '../../src/app/compliments.ts';
import { STAFF_ROLES, type StaffRole } from '../../src/domain/register.ts';
import { buildServer } from '../../src/web/server.ts';
import { buildAuthority, signedInClient, themeIds, TODAY, type Authority, type Person } from '../app/challenges-support.ts';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { WebClient } from '../support/web-client.ts';

type Who = StaffRole | 'signed out';
const WHO: Who[] = ['signed out', ...STAFF_ROLES];
const PERSON: Record<StaffRole, Person> = { iro: 'ivy', iro_manager: 'mo', business_support: 'bea', team_manager: 'tess', head_of_service: 'hal', analyst: 'ana', administrator: 'ada' };

/** Status by role; roles not named get 403. Signed out: a page sends them to sign in, a form is refused with 401. */
type Expect = Partial<Record<StaffRole, number>>;
const GETS: [string, Expect][] = [
  ['/challenges', { iro: 200, iro_manager: 200, head_of_service: 200, team_manager: 302, administrator: 302 }],
  ['/challenges/addressed-to-me', { team_manager: 200, head_of_service: 200 }],
  ['/challenges/new', { iro: 200, iro_manager: 200 }],
  ['/challenges/protocol', { administrator: 200 }],
  // The administrator reaches the area but no challenge; the team manager the one sent to them.
  ['/challenges/:id', { iro: 200, iro_manager: 200, head_of_service: 200, team_manager: 200, administrator: 404 }],
  ['/challenges/:id/respond', { team_manager: 200, head_of_service: 409 }],
  ['/challenges/:id/escalate', { iro: 200, iro_manager: 200 }],
  ['/challenges/:id/resolve', { iro: 200, iro_manager: 200 }],
  ['/challenges/:id/refer', { iro: 200, iro_manager: 200 }],
  ['/challenges/:id/withdraw', { iro: 200, iro_manager: 200 }],
  // Nothing has been answered yet, so there is nothing to ask again.
  ['/challenges/:id/ask-again', { iro: 409, iro_manager: 409 }],
  ['/compliments', { iro: 200, iro_manager: 200, head_of_service: 200 }],
  ['/compliments/new?child=A1', { iro: 200, iro_manager: 200 }],
];
// Empty forms: those allowed are shown their problems (400); the compliment is sent on by the IRO who recorded it, after which it is already sent.
const POSTS: [string, Expect][] = [
  ['/challenges/new', { iro: 400, iro_manager: 400 }],
  ['/challenges/protocol', { administrator: 400 }],
  ['/challenges/:id/respond', { team_manager: 400, head_of_service: 409 }],
  ['/challenges/:id/escalate', { iro: 400, iro_manager: 400 }],
  ['/challenges/:id/resolve', { iro: 400, iro_manager: 400 }],
  ['/challenges/:id/refer', { iro: 400, iro_manager: 400 }],
  ['/challenges/:id/withdraw', { iro: 400, iro_manager: 400 }],
  ['/challenges/:id/ask-again', { iro: 409, iro_manager: 409 }],
  ['/compliments/new?child=A1', { iro: 400, iro_manager: 400 }],
  ['/compliments/:compliment/send', { iro: 302, iro_manager: 409 }],
];

describe.each(DIALECTS)('dispute resolution pages for every role (%s)', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let people: Authority;
  let challengeId = 0;
  let complimentId = 0;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    people = await buildAuthority(database);
    const themes = await themeIds(database);
    challengeId = await raiseChallenge(database, people.ivy, { type: 'informal', stageLevel: 0, childIds: ['A1'], themeIds: [themes[0]!], concern: 'Unsuitable placement', request: 'Review the placement', addressedTo: people.tess.id, raisedOn: TODAY }, TODAY);
    complimentId = await addCompliment(database, people.ivy, 'A1', { worker: null, team: 'North', text: 'Good work', recordedOn: TODAY, sendNow: false }, TODAY);
    app = await buildServer({ database, today: () => TODAY, signInRateLimit: 100_000 });
  });
  afterAll(async () => {
    await app?.close();
    await database?.destroy();
  });

  async function clientFor(who: Who): Promise<WebClient> {
    if (who !== 'signed out') return signedInClient(app, database, people[PERSON[who]].id);
    const client = new WebClient(app);
    await client.get('/sign-in');
    return client;
  }

  const concrete = (url: string) => url.replace(':id', String(challengeId)).replace(':compliment', String(complimentId));

  it('declares every route of the area with the access the matrix expects', () => {
    const declared = app.declaredRoutes.filter((r) => /^\/(challenges|compliments)/.test(r.url)).map((r) => `${r.method} ${r.url}`);
    expect(declared.sort()).toEqual(
      [
        'GET /challenges', 'GET /challenges/addressed-to-me', 'GET /challenges/new', 'POST /challenges/new', 'GET /challenges/protocol', 'POST /challenges/protocol',
        'GET /challenges/:id', 'GET /challenges/:id/respond', 'POST /challenges/:id/respond', 'GET /challenges/:id/:step', 'POST /challenges/:id/:step',
        'GET /compliments', 'GET /compliments/new', 'POST /compliments/new', 'POST /compliments/:id/send',
      ].sort(),
    );
  });

  it('gives each role exactly the pages it should have', async () => {
    const problems: string[] = [];
    const check = async (method: 'GET' | 'POST', url: string, expected: Expect) => {
      for (const who of WHO) {
        const client = await clientFor(who);
        const response = method === 'GET' ? await client.get(concrete(url)) : await client.post(concrete(url), {});
        const want = who === 'signed out' ? (method === 'GET' ? 302 : 401) : (expected[who] ?? 403);
        if (response.statusCode !== want) problems.push(`${method} ${url} ${who}: ${response.statusCode}, expected ${want}`);
        if (who === 'signed out' && method === 'GET' && !String(response.headers.location).startsWith('/sign-in')) problems.push(`${method} ${url} signed out: not sent to sign in`);
        if (want === 200) expect(response.body).toContain('<h1');
      }
    };
    for (const [url, expected] of GETS) await check('GET', url, expected);
    for (const [url, expected] of POSTS) await check('POST', url, expected);
    expect(problems).toEqual([]);
  });

  it('sends each role to its part of the area', async () => {
    expect((await (await clientFor('team_manager')).get('/challenges')).headers.location).toBe('/challenges/addressed-to-me');
    expect((await (await clientFor('administrator')).get('/challenges')).headers.location).toBe('/challenges/protocol');
    const nav = (await (await clientFor('iro')).get('/caseload')).body;
    expect(nav).toContain('href="/challenges"');
    expect((await (await clientFor('analyst')).get('/account/password')).body).not.toContain('href="/challenges"');
  });

  it('lets another team manager find nothing of a challenge not sent to them', async () => {
    const sol = await signedInClient(app, database, people.sol.id);
    expect((await sol.get(`/challenges/${challengeId}`)).statusCode).toBe(404);
    expect((await sol.get(`/challenges/${challengeId}/respond`)).statusCode).toBe(404);
    const list = await sol.get('/challenges/addressed-to-me');
    expect(list.body).toContain('No challenge is waiting for your response');
    expect(list.body).not.toContain('Unsuitable');
    expect((await sol.post(`/challenges/${challengeId}/respond`, { version: '1', 'date-day': '2', 'date-month': '5', 'date-year': '2024', text: 'Mine now' })).statusCode).toBe(404);
  });
});
