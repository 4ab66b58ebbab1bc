// The e-mail outbox against a local SMTP server that keeps what it receives: consultation requests and
// reminders delivered with a working link (whose token is stored nowhere), a refused connection retried with
// back-off without losing the message, giving up after the last attempt, and one delivery however many
// workers run at once. On SQLite and PostgreSQL.

import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { askForViews } from '../../src/app/consultation.ts';
import { CONSULTATION_REQUEST_EMAIL, queueConsultationEmails } from '../../src/app/consultation-email.ts';
import { answerByLink, hashLinkToken } from '../../src/app/consultation-link.ts';
import { MAX_ATTEMPTS, createEmailTransport, deliverOutbox, deliveryErrorCode, emailSettingsFromEnvironment, retryDelayMs, startWorker, type EmailTransport } from '../../src/app/email-outbox.ts';
import { buildServer } from '../../src/web/server.ts';
import { createTestDatabase } from '../support/test-database.ts';
import { listAudit } from '../../src/db/audit.ts';
import { kyselyOf } from '../../src/db/connection.ts';
import { findConsultationRequest } from '../../src/db/consultation.ts';
import { enqueueEmail, listOutbox } from '../../src/db/outbox.ts';
import { saveChildRecords } from '../../src/db/register-import.ts';
import { addReview } from '../../src/db/reviews.ts';
import { addStaff } from '../../src/db/staff.ts';
import type { Actor } from '../../src/domain/access.ts';
import { buildChildRecord } from '../support/builders.ts';
import { DIALECTS, withTestDatabase, type TestDatabase } from '../support/test-database.ts';

const TODAY = '2024-06-03';
const NOW = new Date('2024-06-03T09:00:00.000Z');

interface Received {
  to: string[];
  data: string;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A local SMTP server on `port` that keeps every message it is given. */
async function startSmtp(port: number): Promise<{ received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The link's token in a message, with quoted-printable soft line breaks undone. */
function tokenIn(data: string): string {
  const match = /have-your-say\/([A-Za-z0-9_-]{43})/.exec(data.replace(/=\r?\n/g, ''));
  if (!match) throw new Error('no link in the message');
  return match[1]!;
}

/** Every text value in the tables a link could have been written to. */
async function everythingStored(database: TestDatabase): Promise<string> {
  const db = kyselyOf(database);
  const tables = await Promise.all([
    db.selectFrom('consultation_request').selectAll().execute(),
    db.selectFrom('consultation_link').selectAll().execute(),
    db.selectFrom('email_outbox').selectAll().execute(),
    db.selectFrom('audit_event').selectAll().execute(),
  ]);
  return JSON.stringify(tables);
}

describe('e-mail settings', () => {
  it('send nothing by default, and check what is given', () => {
    expect(emailSettingsFromEnvironment({})).toEqual({ smtpUrl: null, from: 'IRO Desk <no-reply@localhost>', publicUrl: null, intervalSeconds: 0 });
    expect(emailSettingsFromEnvironment({ IRO_SMTP_URL: 'smtp://mail.example:25', IRO_PUBLIC_URL: 'https://iro.example/' })).toMatchObject({ intervalSeconds: 60, publicUrl: 'https://iro.example' });
    expect(() => emailSettingsFromEnvironment({ IRO_SMTP_URL: 'mail.example' })).toThrow(/IRO_SMTP_URL/);
    expect(() => emailSettingsFromEnvironment({ IRO_SMTP_URL: 'smtp://mail.example:25' })).toThrow(/IRO_PUBLIC_URL must be set/);
    expect(() => emailSettingsFromEnvironment({ IRO_PUBLIC_URL: 'iro.example' })).toThrow(/IRO_PUBLIC_URL/);
    expect(() => emailSettingsFromEnvironment({ IRO_OUTBOX_INTERVAL_SECONDS: '-1' })).toThrow(/IRO_OUTBOX_INTERVAL_SECONDS/);
  });
  it('keep only a code of an error, never the server’s words', () => {
    expect(deliveryErrorCode(Object.assign(new Error('550 <ann@example.com> unknown'), { code: 'EENVELOPE', responseCode: 550 }))).toBe('SMTP 550');
    expect(deliveryErrorCode(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' }))).toBe('ESOCKET');
    expect(deliveryErrorCode(new Error('ann@example.com'))).toBe('UNKNOWN');
    expect([1, 2, 3, 20].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 6 * 3_600_000]);
  });
});

describe('the worker', () => {
  it('runs on its interval, one run at a time, and stops after the run under way', async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    const worker = startWorker(
      async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 15));
        running -= 1;
        runs += 1;
      },
      5,
      () => undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    await worker.stop();
    const after = runs;
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(after).toBeGreaterThan(1);
    expect(runs).toBe(after);
    expect(most).toBe(1);
  });

  it('is started by the web server when a mail server is set, and delivers what is due', async () => {
    const port = await freePort();
    const smtp = await startSmtp(port);
    const database = await createTestDatabase('sqlite');
    const saved = { ...process.env };
    Object.assign(process.env, { IRO_SMTP_URL: `smtp://127.0.0.1:${port}`, IRO_PUBLIC_URL: 'https://iro.example', IRO_OUTBOX_INTERVAL_SECONDS: '1' });
    const app = await buildServer({ database, today: () => TODAY });
    try {
      const bea = await addStaff(database, { name: 'Bea Support', email: 'bea@test.example', role: 'business_support', team: null, fte: 1, active: true });
      await saveChildRecords(database, [buildChildRecord({ child: { id: 'A1', givenName: 'Ann' } })]);
      const review = await addReview(database, { childId: 'A1', dueDate: '2024-07-10', bookedDate: '2024-07-01', heldDate: null, status: 'booked', participationCode: null, chairId: null, format: 'in_person', rearrangements: [] });
      await askForViews(database, { id: bea.id, role: 'business_support', team: null }, review.id, { respondent: 'carer', formVersion: 'carer', respondentLabel: null, channel: 'email', email: 'carer@example.com', sendOn: TODAY }, TODAY);
      await app.ready();
      for (let i = 0; i < 50 && smtp.received.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(smtp.received.map((m) => m.to)).toEqual([['carer@example.com']]);
      expect(smtp.received[0]!.data.replace(/=\r?\n/g, '')).toContain('https://iro.example/have-your-say/');
    } finally {
      process.env = saved;
      await app.close();
      await database.destroy();
      await smtp.close();
    }
  });
});

describe.each(DIALECTS)('the e-mail outbox (%s)', (dialect) => {
  const database = withTestDatabase(dialect);
  let actor: Actor;
  let reviewId: number;
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  beforeEach(async () => {
    const bea = await addStaff(database(), { name: 'Bea Support', email: 'bea@test.example', role: 'business_support', team: null, fte: 1, active: true });
    actor = { id: bea.id, role: 'business_support', team: null };
    await saveChildRecords(database(), [buildChildRecord({ child: { id: 'A1', givenName: 'Ann', dateOfBirth: '2010-01-10' } })]);
    reviewId = (await addReview(database(), { childId: 'A1', dueDate: '2024-07-10', bookedDate: '2024-07-01', heldDate: null, status: 'booked', participationCode: null, chairId: null, format: 'in_person', rearrangements: [] })).id;
  });

  const ask = (email: string, sendOn = TODAY) =>
    askForViews(database(), actor, reviewId, { respondent: 'parent', formVersion: 'parent', respondentLabel: 'Mum', channel: 'email', email, sendOn }, TODAY);

  it('queues a request on its send date and delivers it through SMTP with a link that works', async () => {
    const port = await freePort();
    const smtp = await startSmtp(port);
    closers.push(smtp.close);
    const early = await ask('mum@example.com');
    const later = await ask('dad@example.com', '2024-06-10');
    expect(await queueConsultationEmails(database(), TODAY, NOW)).toEqual({ requests: 1, reminders: 0 });
    // Queued once, however often the worker looks.
    expect(await queueConsultationEmails(database(), TODAY, NOW)).toEqual({ requests: 0, reminders: 0 });

    const result = await deliverOutbox(database(), createEmailTransport(`smtp://127.0.0.1:${port}`), { now: NOW, linkBase: 'https://iro.example' });
    expect(result).toEqual({ sent: 1, retrying: 0, failed: 0, cancelled: 0 });
    expect(smtp.received).toHaveLength(1);
    const message = smtp.received[0]!;
    expect(message.to).toEqual(['mum@example.com']);
    expect(message.data).toMatch(/Subject: Your views before the review on 1 July 2024/);
    const token = tokenIn(message.data);
    expect(message.data.replace(/=\r?\n/g, '')).toContain(`https://iro.example/have-your-say/${token}`);
    // Only the token's hash is kept, anywhere.
    const stored = await everythingStored(database());
    expect(stored).not.toContain(token);
    expect(stored).toContain(hashLinkToken(token));
    expect((await answerByLink(database(), token, { goingWell: 'Settled' }, true, TODAY)).outcome).toBe('sent');

    expect((await findConsultationRequest(database(), early))!.firstSentOn).toBe(TODAY);
    expect((await findConsultationRequest(database(), later))!.queuedAt).toBeNull();
    const [row] = await listOutbox(database());
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null, purpose: CONSULTATION_REQUEST_EMAIL });
    const audit = await listAudit(database(), { childId: 'A1' });
    expect(audit.some((a) => a.entity === 'consultation_request' && a.detail?.change === 'request_emailed')).toBe(true);
  });

  it('retries after a refused connection, with back-off, and delivers the message later without losing it', async () => {
    const port = await freePort();
    await ask('mum@example.com');
    await queueConsultationEmails(database(), TODAY, NOW);
    const transport = createEmailTransport(`smtp://127.0.0.1:${port}`);

    expect(await deliverOutbox(database(), transport, { now: NOW })).toEqual({ sent: 0, retrying: 1, failed: 0, cancelled: 0 });
    const [waiting] = await listOutbox(database());
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1, nextAttemptAt: new Date(NOW.getTime() + 60_000).toISOString() });
    expect(waiting!.lastError).toMatch(/^[A-Z][A-Z0-9_ ]+$/);
    // Not tried again before its time.
    expect(await deliverOutbox(database(), transport, { now: new Date(NOW.getTime() + 30_000) })).toEqual({ sent: 0, retrying: 0, failed: 0, cancelled: 0 });

    const smtp = await startSmtp(port);
    closers.push(smtp.close);
    expect(await deliverOutbox(database(), transport, { now: new Date(NOW.getTime() + 61_000) })).toEqual({ sent: 1, retrying: 0, failed: 0, cancelled: 0 });
    expect(smtp.received).toHaveLength(1);
    expect((await answerByLink(database(), tokenIn(smtp.received[0]!.data), { goingWell: 'Settled' }, false, TODAY)).outcome).toBe('saved');
    expect(await listOutbox(database())).toMatchObject([{ status: 'sent', attempts: 2, lastError: null }]);
  });

  it('gives up after the last attempt and says so', async () => {
    await ask('mum@example.com');
    await queueConsultationEmails(database(), TODAY, NOW);
    const refusing: EmailTransport = { sendMail: () => Promise.reject(Object.assign(new Error('mum@example.com refused'), { responseCode: 550 })) };
    let now = NOW.getTime();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const result = await deliverOutbox(database(), refusing, { now: new Date(now) });
      expect(result.retrying + result.failed).toBe(1);
      now += retryDelayMs(attempt) + 1000;
    }
    const [row] = await listOutbox(database());
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, lastError: 'SMTP 550' });
  });

  it('drops a message no longer needed: the answers came back first', async () => {
    const id = await ask('mum@example.com');
    await queueConsultationEmails(database(), TODAY, NOW);
    await kyselyOf(database()).updateTable('consultation_request').set({ answers: '{"goingWell":"Fine"}', answered_on: TODAY }).where('id', '=', id).execute();
    const sent: unknown[] = [];
    const result = await deliverOutbox(database(), { sendMail: async (m) => sent.push(m) }, { now: NOW });
    expect(result.cancelled).toBe(1);
    expect(sent).toEqual([]);
  });

  it('sends each message once however many deliveries run at the same time', async () => {
    await ask('mum@example.com');
    await ask('carer@example.com');
    await queueConsultationEmails(database(), TODAY, NOW);
    const sent: string[] = [];
    const slow: EmailTransport = {
      sendMail: async (m) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        sent.push(m.to);
      },
    };
    await Promise.all([deliverOutbox(database(), slow, { now: NOW }), deliverOutbox(database(), slow, { now: NOW }), deliverOutbox(database(), slow, { now: NOW })]);
    expect(sent.sort()).toEqual(['carer@example.com', 'mum@example.com']);
  });

  it('reminds those who have not answered a week before, once', async () => {
    await ask('mum@example.com');
    const sent: { subject: string }[] = [];
    const transport: EmailTransport = { sendMail: async (m) => sent.push(m) };
    await queueConsultationEmails(database(), TODAY, NOW);
    await deliverOutbox(database(), transport, { now: NOW });
    const reminderDay = new Date('2024-06-24T09:00:00.000Z');
    expect(await queueConsultationEmails(database(), '2024-06-23', reminderDay)).toEqual({ requests: 0, reminders: 0 });
    expect(await queueConsultationEmails(database(), '2024-06-24', reminderDay)).toEqual({ requests: 0, reminders: 1 });
    expect(await queueConsultationEmails(database(), '2024-06-25', reminderDay)).toEqual({ requests: 0, reminders: 0 });
    await deliverOutbox(database(), transport, { now: reminderDay });
    expect(sent.map((m) => m.subject)).toEqual(['Your views before the review on 1 July 2024', 'Reminder: Your views before the review on 1 July 2024']);
  });

  it('leaves a message of an unknown purpose as failed rather than guessing its words', async () => {
    await enqueueEmail(database(), { purpose: 'something_else', referenceId: null, to: 'x@example.com', now: NOW });
    const result = await deliverOutbox(database(), { sendMail: async () => undefined }, { now: NOW });
    expect(result.failed).toBe(1);
    expect((await listOutbox(database()))[0]).toMatchObject({ status: 'failed', lastError: 'UNKNOWN_PURPOSE' });
  });
});
