// The link someone opens to give their views, with no account: a random token of 256 bits (base64url) of
// which only the SHA-256 is stored. The page knows only the child's first name, the review date and the
// form; answers can be saved and returned to with the same link until they are sent, once. Each opening,
// save and sending is in the audit trail, as the person with the link rather than a member of staff.

import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { inTransaction, timestampNow } from '../db/connection.ts';
import { recordAudit } from '../db/audit.ts';
import { addConsultationLink, findRequestByLink, markFirstSent, saveDraftAnswers, saveSentAnswers, type ConsultationChannel, type LinkedRequest } from '../db/consultation.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { FORMS, linkState, readAnswers, sendingProblem, type AnswerProblem, type Answers, type FormDefinition, type LinkState } from '../domain/consultation.ts';
import type { IsoDate } from '../domain/dates.ts';

const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newLinkToken(): string {
  return crypto.randomBytes(TOKEN_BYTES).toString('base64url');
}

export function hashLinkToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether text could be a token at all: anything else is refused before the database is asked. */
export function isWellFormedLinkToken(text: string): boolean {
  return TOKEN_PATTERN.test(text);
}

export const linkPath = (token: string): string => `/have-your-say/${token}`;

/** Makes a new link to a request and returns its token, which exists from here on only in what is sent. */
export async function mintLink(db: Kysely<DatabaseSchema>, requestId: number, channel: ConsultationChannel): Promise<string> {
  const token = newLinkToken();
  await addConsultationLink(db, { requestId, tokenHash: hashLinkToken(token), channel, createdAt: timestampNow() });
  return token;
}

/** A link that does not work: unknown or malformed. The page says so and nothing more. */
export class LinkNotFoundError extends Error {
  override readonly name = 'LinkNotFoundError';
  readonly code = 'LINK_NOT_FOUND';
  constructor() {
    super('This link does not work');
  }
}

export interface LinkPage {
  state: LinkState;
  /** Only while the form is open: the form, the child's first name and the review date. */
  form: FormDefinition | null;
  childFirstName: string | null;
  reviewDate: IsoDate | null;
  /** The answers saved so far (open form only). */
  saved: Answers | null;
  savedAt: string | null;
}

async function linked(db: Kysely<DatabaseSchema>, token: string): Promise<LinkedRequest> {
  if (!isWellFormedLinkToken(token)) throw new LinkNotFoundError();
  const found = await findRequestByLink(db, hashLinkToken(token));
  if (!found) throw new LinkNotFoundError();
  return found;
}

function stateOf(found: LinkedRequest, today: IsoDate): LinkState {
  return linkState({ answered: found.request.answers !== null, reviewStatus: found.reviewStatus, reviewDate: found.reviewDate, today });
}

function pageOf(found: LinkedRequest, state: LinkState): LinkPage {
  if (state !== 'open') return { state, form: null, childFirstName: null, reviewDate: null, saved: null, savedAt: null };
  return {
    state,
    form: FORMS[found.request.formVersion],
    childFirstName: found.childFirstName,
    reviewDate: found.reviewDate,
    saved: found.request.draftAnswers,
    savedAt: found.request.draftSavedAt,
  };
}

const audit = (db: Kysely<DatabaseSchema>, found: LinkedRequest, action: 'view' | 'update', detail: Record<string, unknown>) =>
  recordAudit(db, { staffId: null, action, entity: 'consultation_request', entityId: found.request.id, childId: found.request.childId, detail: { by: 'link', ...detail } });

/** The page a link opens: the form (with any saved answers), or only a thank-you or why it no longer works. */
export async function openLink(database: Database, token: string, today: IsoDate): Promise<LinkPage> {
  return inTransaction(database, async (trx) => {
    const found = await linked(trx, token);
    const state = stateOf(found, today);
    if (state === 'open') await audit(trx, found, 'view', { change: 'form_opened' });
    return pageOf(found, state);
  });
}

export type LinkOutcome =
  | { outcome: 'saved' }
  | { outcome: 'sent' }
  | { outcome: 'problems'; problems: AnswerProblem[]; page: LinkPage; posted: Answers }
  | { outcome: 'not_open'; page: LinkPage };

/**
 * Saves the answers as a draft (`send` false) or sends them (`send` true). Sending works once: a second
 * sending, or a save after sending, changes nothing and reports the link as answered.
 */
export async function answerByLink(database: Database, token: string, posted: Record<string, unknown>, send: boolean, today: IsoDate): Promise<LinkOutcome> {
  return inTransaction(database, async (trx) => {
    const found = await linked(trx, token);
    const state = stateOf(found, today);
    if (state !== 'open') return { outcome: 'not_open', page: pageOf(found, state) };
    const { answers, problems } = readAnswers(found.request.formVersion, posted);
    const missing = send ? sendingProblem(answers) : null;
    if (missing) problems.push(missing);
    if (problems.length > 0) return { outcome: 'problems', problems, page: pageOf(found, state), posted: answers };
    const stored = send ? await saveSentAnswers(trx, found.request.id, answers, today) : await saveDraftAnswers(trx, found.request.id, answers, timestampNow());
    // Sent meanwhile from another tab or device: the first sending stands.
    if (!stored) return { outcome: 'not_open', page: pageOf(found, 'answered') };
    // A printed link reaches the person when they use it, if no e-mail got there first.
    await markFirstSent(trx, found.request.id, today);
    // The audit names the questions answered, never the answers.
    await audit(trx, found, 'update', { change: send ? 'answers_sent' : 'answers_saved', questions: Object.keys(answers) });
    return send ? { outcome: 'sent' } : { outcome: 'saved' };
  });
}
