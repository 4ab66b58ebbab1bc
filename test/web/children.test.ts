// Children's pages over HTTP: who finds which children, the record with its reviews from the clock, the
// audit trail, adding a child (late notification), changing IRO and adding notes; every view and change
// audited.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createAccount } from '../../src/app/accounts.ts';
import { listAudit } from '../../src/db/audit.ts';
import { listAllocations } from '../../src/db/allocations.ts';
import { kyselyOf } from '../../src/db/connection.ts';
import { listEpisodes } from '../../src/db/episodes.ts';
import { listNotes } from '../../src/db/notes.ts';
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

const NEW_CHILD = {
  childId: 'N7',
  givenName: 'Noor',
  familyName: 'Hassan',
  'dateOfBirth-day': '14',
  'dateOfBirth-month': '3',
  'dateOfBirth-year': '2015',
  sex: 'F',
  ethnicity: 'BAFR',
  upn: '',
  uasc: 'no',
  socialWorkTeam: 'North',
  'careStart-day': '1',
  'careStart-month': '5',
  'careStart-year': '2024',
  legalStatus: 'C1',
  categoryOfNeed: 'N1',
  placementType: 'U6',
  // 12 working days after 1 May (the early May bank holiday skipped): late against 5.
  'notifiedDate-day': '20',
  'notifiedDate-month': '5',
  'notifiedDate-year': '2024',
};

describe.each(DIALECTS)('children’s pages (%s)', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  const ids: Record<string, number> = {};
  const signedIn = async (who: string) => {
    const client = new WebClient(app);
    const response = await client.signIn(`${who}@test.example`, PASSWORD);
    expect(response.statusCode).toBe(302);
    return client;
  };

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const admin = await addStaff(database, { name: 'Ada Admin', email: 'admin@test.example', role: 'administrator', team: null, fte: 1, active: true });
    const people: [string, string, StaffRole, string | null][] = [
      ['ivy', 'Ivy Iro', 'iro', null],
      ['olu', 'Olu Iro', 'iro', null],
      ['mo', 'Mo Manager', 'iro_manager', null],
      ['tess', 'Tess Teams', 'team_manager', 'North'],
      ['bea', 'Bea Support', 'business_support', null],
    ];
    for (const [key, name, role, team] of people) {
      ids[key] = (await createAccount(database, admin.id, { name, email: `${key}@test.example`, role, team, fte: 1, password: PASSWORD })).id;
    }
    await saveChildRecords(database, [
      buildChildRecord({ child: { id: 'A1', givenName: 'Ann' }, reviews: ['2023-04-28', '2023-07-20', '2023-12-01'].map(held), allocations: [buildAllocation({ iroId: ids.ivy!, from: '2023-04-05' })] }),
      buildChildRecord({ child: { id: 'E5', givenName: 'Eve', familyName: 'Stone' }, episodes: [buildEpisode({ start: '2024-03-04' })], reviews: [{ ...held('2024-04-10'), participationCode: 'PN6' }], allocations: [buildAllocation({ iroId: ids.olu!, from: '2024-03-05' })] }),
      buildChildRecord({ child: { id: 'F6', givenName: 'Fay' }, episodes: [buildEpisode({ start: '2024-05-20' })], reviews: [] }),
      ...Array.from({ length: 30 }, (_, i) => buildChildRecord({ child: { id: `P${String(i + 1).padStart(2, '0')}`, givenName: `Pip${i + 1}`, familyName: 'Page' }, reviews: [] })),
    ]);
    const db = kyselyOf(database);
    await db.updateTable('child').set({ social_work_team: 'North' }).where('id', 'in', ['A1', 'F6']).execute();
    await db.updateTable('child').set({ social_work_team: 'South' }).where('id', '=', 'E5').execute();
    app = await buildServer({ database, today: () => TODAY, signInRateLimit: 1000 });
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('lets an IRO find only the children on their caseload, and hides the others as not found', async () => {
    const ivy = await signedIn('ivy');
    const list = await ivy.get('/children');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('href="/children/A1"');
    expect(list.body).not.toContain('href="/children/E5"');
    expect((await ivy.get('/children?q=eve')).body).toContain('0 children found');
    expect((await ivy.get('/children/E5')).statusCode).toBe(404);
    expect((await ivy.get('/children/F6')).statusCode).toBe(404);
    expect((await ivy.get('/children/NOPE')).statusCode).toBe(404);
  });

  it('lets a team manager see only their own team’s children', async () => {
    const tess = await signedIn('tess');
    const list = await tess.get('/children');
    expect(list.body).toContain('2 children');
    expect(list.body).toContain('href="/children/A1"');
    expect(list.body).toContain('href="/children/F6"');
    expect(list.body).not.toContain('href="/children/E5"');
    expect((await tess.get('/children/E5')).statusCode).toBe(404);
    const record = await tess.get('/children/A1');
    expect(record.statusCode).toBe(200);
    expect(record.body).not.toContain('Add a note');
    expect(record.body).not.toContain('Book a review');
  });

  it('searches service-wide for a manager by name or identifier', async () => {
    const mo = await signedIn('mo');
    const byName = await mo.get('/children?q=STONE');
    expect(byName.body).toContain('1 child found');
    expect(byName.body).toContain('Eve Stone');
    expect((await mo.get('/children?q=f6')).body).toContain('Fay Taylor');
    expect((await mo.get('/children?q=%25')).body).toContain('0 children found');
  });

  it('pages through many children, 25 at a time', async () => {
    const mo = await signedIn('mo');
    const first = await mo.get('/children?q=page');
    expect(first.body).toContain('30 children found for ‘page’, page 1 of 2');
    expect(first.body.match(/href="\/children\/P\d\d"/g)).toHaveLength(25);
    expect(first.body).toContain('href="/children?q=page&amp;page=2"');
    const second = await mo.get('/children?q=page&page=2');
    expect(second.body.match(/href="\/children\/P\d\d"/g)).toHaveLength(5);
    expect((await mo.get('/children?page=99')).body).toContain('page 2 of 2');
  });

  it('shows the record with every review’s due date and timeliness from the clock, and audits the view', async () => {
    const mo = await signedIn('mo');
    const response = await mo.get('/children/E5');
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect(body).toContain('Eve Stone');
    // First review due 3 April 2024 (20 working days, Easter skipped), held 10 April: 7 days late.
    expect(body).toContain('3 April 2024');
    expect(body).toContain('10 April 2024');
    expect(body).toMatch(/govuk-tag--red">\s*No\s*</);
    expect(body).toContain('<td class="govuk-table__cell">7</td>');
    expect(body).toContain('PN6');
    expect(body).toContain('10 July 2024');
    expect(body).toContain('Second review: within 3 months of the first');
    expect(body).toContain('Full care order');
    expect(body).toContain('Book a review');
    expect(body).toContain('href="/children/E5/notes/new"');
    const views = (await listAudit(database, { childId: 'E5' })).filter((a) => a.action === 'view' && a.entity === 'child');
    expect(views.some((a) => a.staffId === ids.mo)).toBe(true);
  });

  it('shows the audit trail to managers only, and audits that too', async () => {
    const ivy = await signedIn('ivy');
    await ivy.get('/children/A1');
    expect((await ivy.get('/children/A1/audit')).statusCode).toBe(403);
    const mo = await signedIn('mo');
    const trail = await mo.get('/children/A1/audit');
    expect(trail.statusCode).toBe(200);
    expect(trail.body).toContain('Ivy Iro');
    expect(trail.body).toContain('Viewed the record');
    const audits = await listAudit(database, { childId: 'A1' });
    expect(audits.some((a) => a.entity === 'child_audit' && a.staffId === ids.mo)).toBe(true);
  });

  it('adds a child looked after, flags the late notification and allocates the IRO, all audited', async () => {
    const bea = await signedIn('bea');
    const form = await bea.get('/children/new');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="_csrf"');
    expect(form.body).toContain('Ivy Iro (1 child)');
    const empty = await bea.post('/children/new', {});
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('There is a problem');
    expect(empty.body).toContain('href="#childId"');
    expect(empty.body).toContain('Enter the child’s identifier');
    expect(empty.body).toContain('href="#dateOfBirth-day"');
    expect(empty.body).toContain('Enter the date of birth');

    const added = await bea.post('/children/new', { ...NEW_CHILD, iroId: String(ids.ivy) });
    expect(added.statusCode).toBe(302);
    expect(added.headers.location).toBe('/children/N7?added=child');
    const record = await bea.get(String(added.headers.location));
    expect(record.body).toContain('The child has been added');
    expect(record.body).toContain('Late notification');
    expect(record.body).toContain('12 working days');
    expect(await listEpisodes(database, 'N7')).toMatchObject([{ start: '2024-05-01', reasonNewEpisode: 'S', legalStatus: 'C1' }]);
    expect(await listAllocations(database, 'N7')).toEqual([{ childId: 'N7', iroId: ids.ivy, from: TODAY, to: null, reason: 'Allocated when the child was added' }]);
    const audits = await listAudit(database, { childId: 'N7' });
    expect(audits.find((a) => a.action === 'create' && a.entity === 'child')).toMatchObject({ staffId: ids.bea, detail: { lateNotification: true } });
    expect(audits.find((a) => a.action === 'create' && a.entity === 'allocation')).toMatchObject({ staffId: ids.bea });

    const again = await bea.post('/children/new', { ...NEW_CHILD, givenName: 'Kept' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('A child with this identifier is already in the register');
    expect(again.body).toContain('value="Kept"');
    expect(again.body).toContain('value="2015"');
  });

  it('refuses dates that cannot be right, and changes nothing', async () => {
    const bea = await signedIn('bea');
    const response = await bea.post('/children/new', { ...NEW_CHILD, childId: 'N8', 'careStart-year': '2014', 'notifiedDate-month': '13' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('The date the service was told must be a real date');
    const later = await bea.post('/children/new', { ...NEW_CHILD, childId: 'N8', 'careStart-year': '2014' });
    expect(later.body).toContain('The date care started must be on or after the date of birth');
    expect(await kyselyOf(database).selectFrom('child').select('id').where('id', '=', 'N8').executeTakeFirst()).toBeUndefined();
  });

  it('changes a child’s IRO with a reason, keeping the history, and refuses a stale form', async () => {
    const ivy = await signedIn('ivy');
    expect((await ivy.get('/children/A1/allocate')).statusCode).toBe(403);
    const mo = await signedIn('mo');
    const form = await mo.get('/children/A1/allocate');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`name="expectedIroId" value="${ids.ivy}"`);
    const base = { iroId: String(ids.olu), 'from-day': '3', 'from-month': '6', 'from-year': '2024', expectedIroId: String(ids.ivy) };
    const noReason = await mo.post('/children/A1/allocate', { ...base, reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Enter the reason for changing IRO');
    const changed = await mo.post('/children/A1/allocate', { ...base, reason: 'Caseload rebalanced' });
    expect(changed.statusCode).toBe(302);
    expect(await listAllocations(database, 'A1')).toEqual([
      { childId: 'A1', iroId: ids.ivy, from: '2023-04-05', to: '2024-06-02', reason: null },
      { childId: 'A1', iroId: ids.olu, from: TODAY, to: null, reason: 'Caseload rebalanced' },
    ]);
    const audit = (await listAudit(database, { childId: 'A1' })).find((a) => a.entity === 'allocation');
    expect(audit).toMatchObject({ action: 'update', staffId: ids.mo, detail: { fromIroId: ids.ivy, toIroId: ids.olu } });
    const stale = await mo.post('/children/A1/allocate', { ...base, iroId: String(ids.ivy), reason: 'Back again' });
    expect(stale.statusCode).toBe(409);
    const record = await mo.get('/children/A1');
    expect(record.body).toContain('Caseload rebalanced');
  });

  it('adds an IRO note for a child on the caseload, audited without its text', async () => {
    const olu = await signedIn('olu');
    const form = await olu.get('/children/E5/notes/new');
    expect(form.statusCode).toBe(200);
    const missing = await olu.post('/children/E5/notes/new', { text: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Select what kind of note this is');
    expect(missing.body).toContain('Enter the note');
    const future = await olu.post('/children/E5/notes/new', { kind: 'visit', 'date-day': '4', 'date-month': '6', 'date-year': '2024', text: 'Saw Eve at school.' });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('The date must be today or in the past');
    expect(future.body).toContain('Saw Eve at school.');
    const added = await olu.post('/children/E5/notes/new', { kind: 'visit', 'date-day': '31', 'date-month': '5', 'date-year': '2024', text: 'Saw Eve at school.\nShe is settled.' });
    expect(added.statusCode).toBe(302);
    const record = await olu.get('/children/E5');
    expect(record.body).toContain('Visit to the child, 31 May 2024');
    expect(record.body).toContain('<p class="govuk-body">She is settled.</p>');
    expect(await listNotes(database, 'E5')).toMatchObject([{ kind: 'visit', date: '2024-05-31', authorId: ids.olu }]);
    const audit = (await listAudit(database, { childId: 'E5' })).find((a) => a.entity === 'note');
    expect(audit).toMatchObject({ action: 'create', staffId: ids.olu, detail: { kind: 'visit', date: '2024-05-31' } });
    expect(JSON.stringify(audit)).not.toContain('settled');
  });

  it('refuses notes from those who may not add them', async () => {
    const tess = await signedIn('tess');
    expect((await tess.get('/children/A1/notes/new')).statusCode).toBe(403);
    const ivy = await signedIn('ivy');
    expect((await ivy.post('/children/E5/notes/new', { kind: 'visit', 'date-day': '1', 'date-month': '6', 'date-year': '2024', text: 'x' })).statusCode).toBe(404);
    expect(await listNotes(database, 'E5')).toHaveLength(1);
  });
});
