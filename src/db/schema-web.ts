// Tables of the web application (migration 0002): accounts, sessions, the audit trail, IRO cover, IRO
// notes and review actions; plus the review and child columns it added.

import type { Generated, Selectable } from 'kysely';
import type { IsoDate } from '../domain/dates.ts';

type IsoTimestamp = string;

export interface AccountTable {
  staff_id: number;
  /** argon2id hash, with its own salt and parameters. */
  password_hash: string;
  failed_sign_ins: Generated<number>;
  locked_until: IsoTimestamp | null;
  password_changed_at: IsoTimestamp;
}

export interface SessionTable {
  /** SHA-256 of the cookie's token, hex. */
  id: string;
  staff_id: number;
  created_at: IsoTimestamp;
  last_seen_at: IsoTimestamp;
  expires_at: IsoTimestamp;
}

export interface AuditEventTable {
  id: Generated<number>;
  at: IsoTimestamp;
  staff_id: number | null;
  /** e.g. view, create, update, sign_in */
  action: string;
  /** e.g. child, review, allocation, note, account */
  entity: string;
  entity_id: string | null;
  child_id: string | null;
  /** JSON: which fields changed, never their personal content. */
  detail: string | null;
}

export interface IroCoverTable {
  id: Generated<number>;
  iro_id: number;
  covered_iro_id: number;
  start_date: IsoDate;
  end_date: IsoDate | null;
}

export interface IroNoteTable {
  id: Generated<number>;
  child_id: string;
  author_id: number;
  kind: string;
  note_date: IsoDate;
  text: string;
  created_at: IsoTimestamp;
}

export interface ReviewActionTable {
  id: Generated<number>;
  review_id: number;
  child_id: string;
  description: string;
  owner: string;
  due_date: IsoDate;
  completed_date: IsoDate | null;
  created_at: IsoTimestamp;
}

/** Columns migration 0002 added to review. */
export interface ReviewWorkflowColumns {
  attendance: string | null;
  decisions_issued_date: IsoDate | null;
  query_text: string | null;
  queried_date: IsoDate | null;
  record_distributed_date: IsoDate | null;
  signed_off_by: number | null;
  signed_off_date: IsoDate | null;
}

export interface WebApplicationTables {
  account: AccountTable;
  session: SessionTable;
  audit_event: AuditEventTable;
  iro_cover: IroCoverTable;
  iro_note: IroNoteTable;
  review_action: ReviewActionTable;
}

export type AuditEventRow = Selectable<AuditEventTable>;
export type IroNoteRow = Selectable<IroNoteTable>;
export type ReviewActionRow = Selectable<ReviewActionTable>;

export interface ReportTable {
  id: Generated<number>;
  title: string;
  period_from: IsoDate;
  period_to: IsoDate;
  /** JSON of the report's narrative (ReportNarrative). */
  narrative: string;
  created_by: number | null;
  created_at: IsoTimestamp;
  updated_at: IsoTimestamp;
  version: Generated<number>;
}

export interface ReportSnapshotTable {
  id: Generated<number>;
  report_id: number;
  generated_at: IsoTimestamp;
  generated_by: number | null;
  /** e.g. "Presented to Corporate Parenting Panel, 12 March" */
  label: string | null;
  model_gzip_base64: string;
}

export interface ReportTables {
  report: ReportTable;
  report_snapshot: ReportSnapshotTable;
}

/** Tables of the dispute resolution protocol and its tracker (migration 0004). */
export interface DisputeStageTable {
  /** 0 is the informal stage; 1 and above the formal stages in order. */
  level: number;
  name: string;
  responder: string;
  role: string;
  working_days: number;
}

export interface DisputeThemeTable {
  id: Generated<number>;
  label: string;
  /** 0 once retired: kept for the challenges that used it. */
  active: Generated<number>;
  position: number;
}

export interface ChallengeTable {
  id: Generated<number>;
  type: string;
  status: string;
  stage_level: number;
  stage_name: string;
  addressed_to: number;
  due_date: IsoDate | null;
  raised_by: number;
  raised_on: IsoDate;
  concern: string;
  request: string;
  closed_on: IsoDate | null;
  version: Generated<number>;
  created_at: IsoTimestamp;
  updated_at: IsoTimestamp;
}

export interface ChallengeChildTable {
  challenge_id: number;
  child_id: string;
}

export interface ChallengeThemeTable {
  challenge_id: number;
  theme_id: number;
}

export interface ChallengeStepTable {
  id: Generated<number>;
  challenge_id: number;
  action: string;
  step_date: IsoDate;
  staff_id: number;
  text: string;
  status_after: string;
  stage_level: number;
  stage_name: string;
  responder_role: string;
  addressed_to: number;
  due_date: IsoDate | null;
  created_at: IsoTimestamp;
}

export interface ComplimentTable {
  id: Generated<number>;
  child_id: string | null;
  recorded_by: number;
  recorded_on: IsoDate;
  worker: string | null;
  team: string;
  text: string;
  sent_on: IsoDate | null;
  sent_by: number | null;
  created_at: IsoTimestamp;
}

export interface DisputeResolutionTables {
  dispute_stage: DisputeStageTable;
  dispute_theme: DisputeThemeTable;
  challenge: ChallengeTable;
  challenge_child: ChallengeChildTable;
  challenge_theme: ChallengeThemeTable;
  challenge_step: ChallengeStepTable;
  compliment: ComplimentTable;
}

export interface ConsultationRequestTable {
  id: Generated<number>;
  review_id: number;
  child_id: string;
  respondent: string;
  form_version: string;
  respondent_label: string | null;
  channel: 'email' | 'print';
  email: string | null;
  send_on: IsoDate;
  first_sent_on: IsoDate | null;
  queued_at: IsoTimestamp | null;
  reminder_queued_at: IsoTimestamp | null;
  /** JSON of the answers saved so far, before they are sent. */
  draft_answers: string | null;
  draft_saved_at: IsoTimestamp | null;
  /** JSON of the answers sent, by question id. */
  answers: string | null;
  answered_on: IsoDate | null;
  created_by: number | null;
  created_at: IsoTimestamp;
}

export interface ConsultationLinkTable {
  id: Generated<number>;
  request_id: number;
  /** SHA-256 of the link's token, hex: the token itself is never stored. */
  token_hash: string;
  channel: 'email' | 'print';
  created_at: IsoTimestamp;
}

export interface EmailOutboxTable {
  id: Generated<number>;
  purpose: string;
  reference_id: number | null;
  to_address: string;
  status: Generated<'queued' | 'sent' | 'failed' | 'cancelled'>;
  attempts: Generated<number>;
  next_attempt_at: IsoTimestamp;
  last_error: string | null;
  created_at: IsoTimestamp;
  sent_at: IsoTimestamp | null;
}

/** Tables of migration 0005: consultation before reviews and the e-mail outbox. */
export interface ConsultationTables {
  consultation_request: ConsultationRequestTable;
  consultation_link: ConsultationLinkTable;
  email_outbox: EmailOutboxTable;
}
