// Sending e-mail: the settings (IRO_SMTP_URL and friends, checked at start-up; without a mail server nothing
// is sent and messages stay queued), the delivery of the outbox with retries and back-off, and a worker the
// web server runs on an interval. A message's words are written only when it is sent, by the composer for
// its purpose, so that what it links to is made at that moment and never kept in the outbox.

import nodemailer from 'nodemailer';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { inTransaction, kyselyOf } from '../db/connection.ts';
import { claimDueEmails, markEmailAttemptFailed, markEmailCancelled, markEmailSent, type OutboxMessage } from '../db/outbox.ts';
import type { IsoDate } from '../domain/dates.ts';
import { todayInEngland } from './today.ts';
import { CONSULTATION_EMAIL_PURPOSES, composeConsultationEmail, queueConsultationEmails } from './consultation-email.ts';

export interface EmailSettings {
  /** smtp://host:port or smtps://user:password@host:port; null: nothing is sent, messages stay queued. */
  smtpUrl: string | null;
  /** The sender, e.g. "Demo Borough Council <iro-service@example.gov.uk>". */
  from: string;
  /** The address people open links at, e.g. https://iro.example.gov.uk; null: the server's own address. */
  publicUrl: string | null;
  /** Seconds between deliveries by the web server; 0: the server does not deliver. */
  intervalSeconds: number;
}

export class EmailSettingsError extends Error {
  readonly code = 'EMAIL_SETTINGS_INVALID';
}

const DEFAULT_FROM = 'IRO Desk <no-reply@localhost>';
const DEFAULT_LINK_BASE = 'http://localhost:3000';

/** Reads and checks the e-mail settings; throws EmailSettingsError naming the variable that is wrong. */
export function emailSettingsFromEnvironment(env: Record<string, string | undefined> = process.env): EmailSettings {
  const smtpUrl = env.IRO_SMTP_URL?.trim() || null;
  if (smtpUrl !== null && !/^smtps?:\/\/[^/\s]+/i.test(smtpUrl)) {
    throw new EmailSettingsError('IRO_SMTP_URL must look like smtp://host:port or smtps://user:password@host:port');
  }
  const publicUrl = env.IRO_PUBLIC_URL?.trim().replace(/\/+$/, '') || null;
  if (publicUrl !== null && !/^https?:\/\/[^/\s]+(\/\S*)?$/i.test(publicUrl)) {
    throw new EmailSettingsError('IRO_PUBLIC_URL must be the web address people open, such as https://iro.example.gov.uk');
  }
  if (smtpUrl !== null && publicUrl === null) {
    throw new EmailSettingsError('IRO_PUBLIC_URL must be set when IRO_SMTP_URL is: the links in e-mails start with it');
  }
  const rawInterval = env.IRO_OUTBOX_INTERVAL_SECONDS?.trim();
  const intervalSeconds = rawInterval ? Number(rawInterval) : smtpUrl ? 60 : 0;
  if (!Number.isInteger(intervalSeconds) || intervalSeconds < 0 || intervalSeconds > 86_400) {
    throw new EmailSettingsError('IRO_OUTBOX_INTERVAL_SECONDS must be a whole number of seconds from 0 (off) to 86400');
  }
  return { smtpUrl, from: env.IRO_MAIL_FROM?.trim() || DEFAULT_FROM, publicUrl, intervalSeconds };
}

/** What sends a message: nodemailer's transport, or anything with the same method. */
export interface EmailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
}

export function createEmailTransport(smtpUrl: string): EmailTransport {
  // Short timeouts: a mail server that does not answer is tried again later rather than holding a worker.
  return nodemailer.createTransport(smtpUrl, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 } as never);
}

export interface ComposedEmail {
  subject: string;
  text: string;
  /** Run in one transaction with marking the message sent (e.g. recording when the request reached someone). */
  afterSent?: (db: Kysely<DatabaseSchema>) => Promise<void>;
}

/** Writes a message when it is about to go; null when it is no longer wanted, and it is cancelled. */
export type Composer = (db: Kysely<DatabaseSchema>, message: OutboxMessage, context: { now: Date; today: IsoDate; linkBase: string }) => Promise<ComposedEmail | null>;

const COMPOSERS: Readonly<Record<string, Composer>> = Object.fromEntries(CONSULTATION_EMAIL_PURPOSES.map((purpose) => [purpose, composeConsultationEmail]));

/** Attempts before a message is given up as failed: with the back-off, about a day and a half of trying. */
export const MAX_ATTEMPTS = 10;
const LEASE_MS = 5 * 60_000;

/** Wait after the nth failed attempt: 1, 2, 4 … minutes, at most 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

/** A failure as a code a log or a page may show: the server's own words can quote the address. */
export function deliveryErrorCode(error: unknown): string {
  const e = (error ?? {}) as { responseCode?: unknown; code?: unknown };
  if (typeof e.responseCode === 'number') return `SMTP ${e.responseCode}`;
  if (typeof e.code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(e.code)) return e.code;
  return 'UNKNOWN';
}

export interface DeliveryOptions {
  now?: Date;
  /** Today's date in England; from `now` when not given. */
  today?: IsoDate;
  from?: string;
  /** The start of the links in messages; from IRO_PUBLIC_URL when not given. */
  linkBase?: string;
  /** At most this many messages in one delivery. */
  limit?: number;
}

export interface DeliveryResult {
  sent: number;
  /** Failed this time, to be tried again later. */
  retrying: number;
  /** Failed for the last time. */
  failed: number;
  cancelled: number;
}

/** Sends every queued message whose time has come, one at a time; safe to run on several servers at once. */
export async function deliverOutbox(database: Database, transport: EmailTransport, options: DeliveryOptions = {}): Promise<DeliveryResult> {
  const now = options.now ?? new Date();
  const today = options.today ?? todayInEngland(now);
  const settings = emailSettingsFromEnvironment();
  const from = options.from ?? settings.from;
  const linkBase = options.linkBase ?? settings.publicUrl ?? DEFAULT_LINK_BASE;
  const result: DeliveryResult = { sent: 0, retrying: 0, failed: 0, cancelled: 0 };
  const claimed = await claimDueEmails(database, now, new Date(now.getTime() + LEASE_MS), options.limit ?? 100);
  for (const message of claimed) {
    const compose = COMPOSERS[message.purpose];
    if (!compose) {
      await markEmailAttemptFailed(database, message.id, 'UNKNOWN_PURPOSE', null);
      result.failed += 1;
      continue;
    }
    // Composing may make a link (its hash stored); if sending then fails, that link was never given to anyone
    // and the next attempt makes another.
    const composed = await inTransaction(database, (trx) => compose(trx, message, { now, today, linkBase }));
    if (composed === null) {
      await markEmailCancelled(database, message.id);
      result.cancelled += 1;
      continue;
    }
    try {
      await transport.sendMail({ from, to: message.to, subject: composed.subject, text: composed.text });
    } catch (error) {
      const giveUp = message.attempts >= MAX_ATTEMPTS;
      await markEmailAttemptFailed(database, message.id, deliveryErrorCode(error), giveUp ? null : new Date(now.getTime() + retryDelayMs(message.attempts)));
      if (giveUp) result.failed += 1;
      else result.retrying += 1;
      continue;
    }
    await inTransaction(database, async (trx) => {
      await markEmailSent(trx, message.id, now);
      await composed.afterSent?.(trx);
    });
    result.sent += 1;
  }
  return result;
}

/**
 * One round of the worker: puts in the outbox what is due today, then delivers it when there is a mail
 * server (without one, messages wait in the outbox until there is).
 */
export async function sendDueEmails(database: Database, transport: EmailTransport | null, today: IsoDate, now: Date = new Date()): Promise<DeliveryResult | null> {
  await queueConsultationEmails(database, today, now);
  return transport ? deliverOutbox(database, transport, { now, today }) : null;
}

/** How many messages wait in the outbox, for the operator's view. */
export async function queuedEmailCount(database: Database): Promise<number> {
  const row = await kyselyOf(database).selectFrom('email_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'queued').executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface Worker {
  /** Stops the worker, waiting for a delivery under way to finish. */
  stop(): Promise<void>;
}

/** Runs `work` every `intervalMs`, never two at once; an error is reported and the next run goes ahead. */
export function startWorker(work: () => Promise<unknown>, intervalMs: number, onError: (error: unknown) => void): Worker {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = work()
      .then(() => undefined, onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(run, intervalMs);
      });
  };
  timer = setTimeout(run, intervalMs);
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
