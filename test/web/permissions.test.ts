// Every route, tried by every role and by someone signed out: who may see and change what. The declared
// access of the register's and review's routes is pinned here by hand; any route (including ones added
// later) must declare access, and the server must enforce it: signed out → sign-in page (or 401 for a form),
// a role without the action → 403, a role with it → never 401/403 (except the few rules listed below).
// Access to a particular child is then checked apart: someone with no relationship gets "not found".
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { buildServer, SESSION_COOKIE, type DeclaredRoute } from '../../src/web/server.ts';
import { addStaff } from '../../src/db/staff.ts';
import { createSession } from '../../src/db/sessions.ts';
import { saveChildRecords } from '../../src/db/register-import.ts';
import { addReviewActions } from '../../src/db/review-actions.ts';
import { listReviews } from '../../src/db/reviews.ts';
import { can } from '../../src/domain/access.ts';
import { STAFF_ROLES, type StaffRole } from '../../src/domain/register.ts';
import { buildChildRecord, buildEpisode, buildReview } from '../support/builders.ts';
import { WebClient } from '../support/web-client.ts';
import { inTransaction } from '../../src/db/connection.ts';

/** The access the register's, review's and account pages declare, as the policy intends it. */
const PINNED: Record<string, string> = {
  'GET /': 'public',
  'GET /health': 'public',
  'GET /sign-in': 'public',
  'POST /sign-in': 'public',
  'POST /sign-out': 'signedIn',
  'GET /account/password': 'signedIn',
  'POST /account/password': 'signedIn',
  'GET /admin/accounts': 'accounts.manage',
  'GET /admin/accounts/new': 'accounts.manage',
  'POST /admin/accounts/new': 'accounts.manage',
  'POST /admin/accounts/:id/password': 'accounts.manage',
  'POST /admin/accounts/:id/unlock': 'accounts.manage',
  'POST /admin/accounts/:id/active': 'accounts.manage',
  'GET /caseload': 'caseload.view',
  'GET /dashboard': 'dashboard.view',
  'GET /children': 'child.view',
  'GET /children/new': 'child.create',
  'POST /children/new': 'child.create',
  'GET /children/:id': 'child.view',
  'GET /children/:id/audit': 'child.audit',
  'GET /children/:id/allocate': 'child.allocate',
  'POST /children/:id/allocate': 'child.allocate',
  'GET /children/:id/notes/new': 'note.add',
  'POST /children/:id/notes/new': 'note.add',
  'GET /children/:id/reviews/new': 'review.book',
  'POST /children/:id/reviews/new': 'review.book',
  'GET /reviews/:id': 'child.view',
  'GET /reviews/:id/rearrange': 'review.rearrange',
  'POST /reviews/:id/rearrange': 'review.rearrange',
  'GET /reviews/:id/cancel': 'review.rearrange',
  'POST /reviews/:id/cancel': 'review.rearrange',
  'GET /reviews/:id/record': 'review.record',
  'POST /reviews/:id/record': 'review.record',
  'POST /reviews/:id/workflow': 'review.issue',
  'POST /reviews/:id/query': 'review.query',
  'POST /reviews/:id/sign-off': 'review.record',
  'POST /actions/:id/complete': 'action.complete',
  'GET /imports': 'ssda903.import',
  'POST /imports': 'ssda903.import',
};

/** Routes where a role the action allows is still refused by a further rule (403 expected). */
const FURTHER_RULES: Record<string, StaffRole[]> = {
  // Only the IRO manager signs off a review, though IROs may record it.
  'POST /reviews/:id/sign-off': ['iro'],
};

// Routes that end the session being tested; tried on their own elsewhere.
const NOT_IN_MATRIX = new Set(['POST /sign-out', 'POST /sign-in']);

type Actor = StaffRole | 'signed out';
const ACTORS: Actor[] = ['signed out', ...STAFF_ROLES];

describe('permissions: every route, every role', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  const staffIds = {} as Record<StaffRole, number>;
  let strangerIro = 0;
  let otherTeamManager = 0;
  let dummyStaff = 0;
  let reviewId = 0;
  let heldReviewId = 0;
  let actionId = 0;
  const CHILD = 'PERM-1';

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    for (const role of STAFF_ROLES) {
      const member = await addStaff(database, { name: `A ${role}`, email: `${role}@perm.example`, role, team: role === 'team_manager' ? 'Team A' : null, fte: 1, active: true });
      staffIds[role] = member.id;
    }
    strangerIro = (await addStaff(database, { name: 'Other Iro', email: 'other.iro@perm.example', role: 'iro', team: null, fte: 1, active: true })).id;
    otherTeamManager = (await addStaff(database, { name: 'Other Tm', email: 'other.tm@perm.example', role: 'team_manager', team: 'Team B', fte: 1, active: true })).id;
    dummyStaff = (await addStaff(database, { name: 'Dummy', email: 'dummy@perm.example', role: 'iro', team: null, fte: 1, active: true })).id;
    await saveChildRecords(database, [
      buildChildRecord({
        child: { id: CHILD, dateOfBirth: '2012-05-01' },
        episodes: [buildEpisode({ start: '2023-01-09' })],
        allocations: [{ childId: CHILD, iroId: staffIds.iro, from: '2023-01-10', to: null, reason: 'Became looked after' }],
        reviews: [
          buildReview({ childId: CHILD, status: 'held', heldDate: '2023-02-06', dueDate: '2023-02-06', participationCode: 'PN1', chairId: staffIds.iro }),
          buildReview({ childId: CHILD, status: 'booked', heldDate: null, bookedDate: '2024-07-01', dueDate: '2024-08-06', participationCode: null }),
        ],
      }),
    ]);
    await inTransaction(database, (trx) => trx.updateTable('child').set({ social_work_team: 'Team A' }).where('id', '=', CHILD).execute());
    const reviews = await listReviews(database, CHILD);
    reviewId = reviews.find((r) => r.status === 'booked')!.id!;
    const held = reviews.find((r) => r.status === 'held')!;
    heldReviewId = held.id!;
    await addReviewActions(database, held.id!, CHILD, [{ description: 'Arrange contact', owner: 'Social worker', dueDate: '2023-03-06' }]);
    actionId = (await database.db.selectFrom('review_action').select('id').executeTakeFirstOrThrow()).id;
    app = await buildServer({ database, today: () => '2024-06-03', signInRateLimit: 100_000 });
  });
  afterAll(async () => {
    await app?.close();
    await database?.destroy();
  });

  /** A signed-in client for a member of staff, made without the password (sessions are rows). */
  async function clientFor(staffId: number | null): Promise<WebClient> {
    const client = new WebClient(app);
    if (staffId !== null) {
      const token = crypto.randomBytes(32).toString('base64url');
      const now = new Date();
      await createSession(database, {
        id: crypto.createHash('sha256').update(token).digest('hex'),
        staffId,
        createdAt: now.toISOString(),
        lastSeenAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + 3_600_000).toISOString(),
      });
      client.setCookie(SESSION_COOKIE, app.signCookie(token));
    }
    await client.get('/sign-in'); // a page with a CSRF token, for the forms
    if (staffId !== null) await client.get('/account/password');
    return client;
  }

  function concreteUrl(route: DeclaredRoute): string {
    // The steps after a meeting are tried on the held review, the others on the booked one.
    const review = /\/(sign-off|workflow|query)$/.test(route.url) ? heldReviewId : reviewId;
    return route.url
      .replace(/^\/children\/:id/, `/children/${CHILD}`)
      .replace(/^\/reviews\/:id/, `/reviews/${review}`)
      .replace(/^\/actions\/:id/, `/actions/${actionId}`)
      .replace(/^\/admin\/accounts\/:id/, `/admin/accounts/${dummyStaff}`)
      .replace(/:[a-zA-Z]+/g, '1');
  }

  function routes(): DeclaredRoute[] {
    return app.declaredRoutes.filter((r) => r.method === 'GET' || r.method === 'POST');
  }

  it('every route declares its access, and the pinned ones declare what the policy intends', () => {
    for (const route of routes()) {
      const key = `${route.method} ${route.url}`;
      expect(route.access, `${key} declares no access`).not.toBeNull();
      if (PINNED[key] !== undefined) expect(route.access, key).toBe(PINNED[key]);
    }
    const declared = new Set(routes().map((r) => `${r.method} ${r.url}`));
    for (const key of Object.keys(PINNED)) expect(declared.has(key), `${key} is missing`).toBe(true);
  });

  it('the server enforces each route’s access for every role and for someone signed out', async () => {
    const table: string[] = [];
    const problems: string[] = [];
    for (const route of routes()) {
      const key = `${route.method} ${route.url}`;
      if (NOT_IN_MATRIX.has(key) || route.access === 'public') continue;
      const row: string[] = [];
      for (const actor of ACTORS) {
        const client = await clientFor(actor === 'signed out' ? null : staffIds[actor]);
        const url = concreteUrl(route);
        const response = route.method === 'GET' ? await client.get(url) : await client.post(url, { version: '1' });
        const status = response.statusCode;
        row.push(`${actor}:${status}`);
        const allowed = actor !== 'signed out' && (route.access === 'signedIn' || can({ id: 0, role: actor, team: null }, route.access as never));
        if (actor === 'signed out') {
          const ok = route.method === 'GET' ? status === 302 && String(response.headers.location).startsWith('/sign-in') : status === 401 || status === 403;
          if (!ok) problems.push(`${key} signed out: ${status}`);
        } else if (!allowed) {
          if (status !== 403) problems.push(`${key} ${actor} should be refused: ${status}`);
        } else if (FURTHER_RULES[key]?.includes(actor)) {
          if (status !== 403) problems.push(`${key} ${actor} should be refused by a further rule: ${status}`);
        } else if (status === 401 || status === 403 || status >= 500) {
          problems.push(`${key} ${actor} should be let in: ${status}`);
        }
      }
      table.push(`${key.padEnd(44)} ${row.join(' ')}`);
    }
    expect(problems, `\n${table.join('\n')}`).toEqual([]);
  });

  it('someone with no relationship to the child is told it is not found, on every child page', async () => {
    const stranger = await clientFor(strangerIro);
    const otherTeam = await clientFor(otherTeamManager);
    for (const route of routes().filter((r) => r.method === 'GET' && /^\/(children|reviews)\/:id/.test(r.url))) {
      const url = concreteUrl(route);
      if (can({ id: 0, role: 'iro', team: null }, route.access as never)) expect((await stranger.get(url)).statusCode, `${url} for another IRO`).toBe(404);
      if (can({ id: 0, role: 'team_manager', team: null }, route.access as never)) expect((await otherTeam.get(url)).statusCode, `${url} for another team's manager`).toBe(404);
    }
    // The child's own IRO and team manager do see it.
    expect((await (await clientFor(staffIds.iro)).get(`/children/${CHILD}`)).statusCode).toBe(200);
    expect((await (await clientFor(staffIds.team_manager)).get(`/children/${CHILD}`)).statusCode).toBe(200);
  });
});
