// A small authority for the dispute resolution tests: two IROs, an IRO manager, team managers of two teams,
// a head of service and an administrator; three children of the North team held by Ivy, one of the South
// team held by Olu. Today is Thursday 2 May 2024; the Monday after is the early May bank holiday.
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createSession } from '../../src/db/sessions.ts';
import { SESSION_COOKIE } from '../../src/web/server.ts';
import { WebClient } from '../support/web-client.ts';
import { saveChildRecords } from '../../src/db/register-import.ts';
import { addStaff } from '../../src/db/staff.ts';
import { kyselyOf, type DatabaseLike } from '../../src/db/connection.ts';
import type { Actor } from '../../src/domain/access.ts';
import type { StaffRole } from '../../src/domain/register.ts';
import { buildAllocation, buildChildRecord } from '../support/builders.ts';

export const TODAY = '2024-05-02';

export const PEOPLE = {
  ivy: ['Ivy Iro', 'iro', null],
  olu: ['Olu Iro', 'iro', null],
  mo: ['Mo Manager', 'iro_manager', null],
  tess: ['Tess Teams', 'team_manager', 'North'],
  sol: ['Sol South', 'team_manager', 'South'],
  hal: ['Hal Head', 'head_of_service', null],
  bea: ['Bea Support', 'business_support', null],
  ana: ['Ana Analyst', 'analyst', null],
  ada: ['Ada Admin', 'administrator', null],
} as const satisfies Record<string, readonly [string, StaffRole, string | null]>;
export type Person = keyof typeof PEOPLE;

export type Authority = Record<Person, Actor & { email: string }>;

export async function buildAuthority(database: DatabaseLike, addAccount?: (person: Person, staffId: number) => Promise<void>): Promise<Authority> {
  const people = {} as Authority;
  for (const [key, [name, role, team]] of Object.entries(PEOPLE) as [Person, (typeof PEOPLE)[Person]][]) {
    const email = `${key}@test.example`;
    const member = await addStaff(database, { name, email, role, team, fte: 1, active: true });
    people[key] = { id: member.id, role, team, email };
    if (addAccount) await addAccount(key, member.id);
  }
  const child = (id: string, givenName: string, iroId: number) =>
    buildChildRecord({ child: { id, givenName, familyName: 'Child' }, reviews: [], allocations: [buildAllocation({ iroId, from: '2023-04-05' })] });
  await saveChildRecords(database, [child('A1', 'Ann', people.ivy.id), child('A2', 'Abe', people.ivy.id), child('A3', 'Ava', people.ivy.id), child('B1', 'Bo', people.olu.id)]);
  const db = kyselyOf(database);
  await db.updateTable('child').set({ social_work_team: 'North' }).where('id', 'in', ['A1', 'A2', 'A3']).execute();
  await db.updateTable('child').set({ social_work_team: 'South' }).where('id', '=', 'B1').execute();
  return people;
}

/** Theme ids by their position in the seeded list. */
export async function themeIds(database: DatabaseLike): Promise<number[]> {
  return (await kyselyOf(database).selectFrom('dispute_theme').select('id').orderBy('position').execute()).map((r) => r.id);
}

/** A client signed in as a member of staff without a password: sessions are rows. */
export async function signedInClient(app: FastifyInstance, database: DatabaseLike, staffId: number): Promise<WebClient> {
  const client = new WebClient(app);
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
  await client.get('/account/password');
  return client;
}
