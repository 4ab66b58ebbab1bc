// Consultation before a review: requests for views sent to the child, parents, carers and the social
// worker; the links they open (only a SHA-256 of each link's token is kept, so a copy of the database opens
// no form); and the e-mail outbox, which holds each message until it is delivered, with its attempts.
// Frozen: change the schema in a new migration.

import { sql, type Kysely } from 'kysely';
import { dateColumn, dialectOf, idColumn, oneOf } from './column-types.ts';

// Copied rather than imported: a migration never imports application code.
const RESPONDENTS = ['child', 'parent', 'carer', 'social_worker'];
const FORM_VERSIONS = ['age_4_7', 'age_8_12', 'age_13_plus', 'easy_read', 'parent', 'carer', 'social_worker'];
const CHANNELS = ['email', 'print'];
const OUTBOX_STATUSES = ['queued', 'sent', 'failed', 'cancelled'];

export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);
  const id = idColumn(dialect);
  const date = (name: string, required: boolean) => dateColumn(dialect, name, required);

  await db.schema
    .createTable('consultation_request')
    .addColumn('id', ...id)
    .addColumn('review_id', 'integer', (col) => col.notNull().references('review.id').onDelete('cascade'))
    .addColumn('child_id', 'text', (col) => col.notNull().references('child.id').onDelete('cascade'))
    .addColumn('respondent', 'text', (col) => col.notNull().check(oneOf('respondent', RESPONDENTS)))
    .addColumn('form_version', 'text', (col) => col.notNull().check(oneOf('form_version', FORM_VERSIONS)))
    /** Who it is for, in staff's words (e.g. "Mum", "Foster carer"). */
    .addColumn('respondent_label', 'text')
    .addColumn('channel', 'text', (col) => col.notNull().check(oneOf('channel', CHANNELS)))
    .addColumn('email', 'text')
    .addColumn('send_on', ...date('send_on', true))
    .addColumn('first_sent_on', ...date('first_sent_on', false))
    .addColumn('queued_at', 'text')
    .addColumn('reminder_queued_at', 'text')
    .addColumn('draft_answers', 'text')
    .addColumn('draft_saved_at', 'text')
    .addColumn('answers', 'text')
    .addColumn('answered_on', ...date('answered_on', false))
    .addColumn('created_by', 'integer', (col) => col.references('staff.id'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addCheckConstraint('consultation_request_email_needs_address', sql`channel <> 'email' or email is not null`)
    .execute();
  await db.schema.createIndex('consultation_request_review').on('consultation_request').column('review_id').execute();
  await db.schema.createIndex('consultation_request_child').on('consultation_request').column('child_id').execute();
  await db.schema.createIndex('consultation_request_send').on('consultation_request').columns(['channel', 'queued_at', 'send_on']).execute();

  await db.schema
    .createTable('consultation_link')
    .addColumn('id', ...id)
    .addColumn('request_id', 'integer', (col) => col.notNull().references('consultation_request.id').onDelete('cascade'))
    /** SHA-256 of the link's token, hex. */
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('channel', 'text', (col) => col.notNull().check(oneOf('channel', CHANNELS)))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('consultation_link_request').on('consultation_link').column('request_id').execute();

  await db.schema
    .createTable('email_outbox')
    .addColumn('id', ...id)
    /** What the message is for, e.g. consultation_request; its words are written when it is sent. */
    .addColumn('purpose', 'text', (col) => col.notNull())
    .addColumn('reference_id', 'integer')
    .addColumn('to_address', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('queued').check(oneOf('status', OUTBOX_STATUSES)))
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (col) => col.notNull())
    /** A code such as ECONNECTION or SMTP 550; never the server's words, which can quote the address. */
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('email_outbox_due').on('email_outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('email_outbox_reference').on('email_outbox').columns(['purpose', 'reference_id']).execute();
}
