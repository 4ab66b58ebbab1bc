// The register's tables as Kysely sees them, column for column as the migrations create them. Dates are
// 'YYYY-MM-DD' strings in both dialects (text in SQLite, DATE in PostgreSQL read back as text), timestamps
// ISO text, and yes/no values integers 0/1 that the repositories turn into booleans.

import type { Generated, Insertable, Selectable } from 'kysely';
import type { IsoDate } from '../domain/dates.ts';
import type { ConsultationTables, DisputeResolutionTables, ReportTables, ReviewWorkflowColumns, WebApplicationTables } from './schema-web.ts';

/** An ISO timestamp, e.g. 2024-05-01T09:30:00.000Z. */
export type IsoTimestamp = string;

/** 0 = no, 1 = yes. */
export type YesNo = 0 | 1;

export interface AuthoritySettingTable {
  key: string;
  /** The setting's value as JSON. */
  value: string;
}

export interface StaffTable {
  id: Generated<number>;
  name: string;
  /** Held in lower case, so it is unique however it was typed. */
  email: string;
  role: string;
  team: string | null;
  fte: number;
  active: YesNo;
  created_at: IsoTimestamp;
}

export interface ChildTable {
  /** The SSDA903 CHILD identifier. */
  id: string;
  given_name: string | null;
  family_name: string | null;
  date_of_birth: IsoDate | null;
  sex: 'M' | 'F' | 'U';
  ethnicity: string | null;
  upn: string | null;
  uasc: YesNo;
  uasc_ceased_date: IsoDate | null;
  disability: string | null;
  /** The date the IRO service was told the child became looked after. */
  notified_date: IsoDate | null;
  /** SSDA903 MOTHER: '1' a mother, '0' not, null not recorded. */
  mother: string | null;
  /** SSDA903 MC_DOB: her first child's date of birth. */
  mother_child_dob: IsoDate | null;
  created_at: IsoTimestamp;
  updated_at: IsoTimestamp;
}

export interface EpisodeTable {
  id: Generated<number>;
  child_id: string;
  start_date: IsoDate;
  reason_new_episode: string;
  legal_status: string;
  category_of_need: string;
  placement_type: string;
  placement_provider: string | null;
  end_date: IsoDate | null;
  reason_ceased: string | null;
  reason_placement_change: string | null;
  home_postcode: string | null;
  placement_postcode: string | null;
  urn: string | null;
}

export interface PeriodOfCareTable {
  id: Generated<number>;
  child_id: string;
  /** 1 for the child's first period of care. */
  sequence: number;
  start_date: IsoDate;
  end_date: IsoDate | null;
  short_breaks: YesNo;
}

export interface IroAllocationTable {
  id: Generated<number>;
  child_id: string;
  iro_id: number;
  start_date: IsoDate;
  end_date: IsoDate | null;
  reason: string | null;
}

export interface ReviewTable {
  id: Generated<number>;
  child_id: string;
  due_date: IsoDate | null;
  booked_date: IsoDate | null;
  held_date: IsoDate | null;
  status: 'booked' | 'held' | 'cancelled';
  participation_code: string | null;
  chair_id: number | null;
  format: 'in_person' | 'virtual' | 'hybrid' | null;
  /** Raised by one on every change, so two people editing the same review cannot overwrite each other. */
  version: Generated<number>;
  created_at: IsoTimestamp;
  updated_at: IsoTimestamp;
}

export interface ReviewRearrangementTable {
  id: Generated<number>;
  review_id: number;
  changed_on: IsoDate;
  from_date: IsoDate | null;
  to_date: IsoDate | null;
  reason: string;
  note: string | null;
}

/** A child's record as the report reads it (src/db/report-records.ts); deleted by triggers when it changes. */
export interface ChildReportRecordTable {
  child_id: string;
  format: number;
  record: Uint8Array;
}

export interface DatabaseSchema extends WebApplicationTables, ReportTables, DisputeResolutionTables, ConsultationTables {
  authority_setting: AuthoritySettingTable;
  staff: StaffTable;
  child: ChildTable & { social_work_team: string | null };
  episode: EpisodeTable;
  period_of_care: PeriodOfCareTable;
  iro_allocation: IroAllocationTable;
  review: ReviewTable & ReviewWorkflowColumns;
  review_rearrangement: ReviewRearrangementTable;
  child_report_record: ChildReportRecordTable;
}

export type StaffRow = Selectable<StaffTable>;
export type ChildRow = Selectable<ChildTable>;
export type NewChildRow = Insertable<ChildTable>;
export type EpisodeRow = Selectable<EpisodeTable>;
export type NewEpisodeRow = Insertable<EpisodeTable>;
export type PeriodOfCareRow = Selectable<PeriodOfCareTable>;
export type IroAllocationRow = Selectable<IroAllocationTable>;
export type ReviewRow = Selectable<ReviewTable>;
export type NewReviewRow = Insertable<ReviewTable>;
export type ReviewRearrangementRow = Selectable<ReviewRearrangementTable>;
