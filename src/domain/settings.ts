// The authority's settings: its name and the local timescales its IRO service works to. Every setting has
// a safe default (the IRO Handbook's or common local practice) so a new authority can start at once.

import { z } from 'zod';
import { isIsoDate } from './dates.ts';

export const REARRANGEMENT_REASON_DEFAULTS = [
  { code: 'court_timetable', label: 'Court timetable' },
  { code: 'social_worker_unavailable', label: 'Social worker unavailable' },
  { code: 'iro_unavailable', label: 'IRO unavailable' },
  { code: 'childs_wish', label: 'Child’s wish' },
  { code: 'late_report', label: 'Social worker’s report late' },
  { code: 'carer_unavailable', label: 'Carer unavailable' },
  { code: 'parent_unavailable', label: 'Parent unavailable' },
  { code: 'placement_move', label: 'Change of placement' },
  { code: 'child_unwell', label: 'Child unwell' },
  { code: 'early_review_requested', label: 'Review brought forward' },
  { code: 'other', label: 'Other' },
] as const;

export const authoritySettingsSchema = z.object({
  authorityName: z.string().min(1).default('Demo Borough Council'),
  /** The DfE three-digit local authority code. */
  laCode: z.string().regex(/^\d{3}$/, 'must be three digits').default('999'),
  /** Working days from becoming looked after within which an IRO is allocated. */
  allocationWorkingDays: z.number().int().min(1).max(60).default(5),
  /** Working days the social work team manager has to query review decisions. */
  decisionsQueryWorkingDays: z.number().int().min(1).max(60).default(5),
  /** Working days after the review within which the decisions go to the team manager. */
  decisionsIssueWorkingDays: z.number().int().min(1).max(60).default(5),
  /** Working days after the review within which the record is distributed. */
  recordWorkingDays: z.number().int().min(1).max(120).default(20),
  /** Calendar days before the review that consultation forms are sent. */
  consultationDaysBefore: z.number().int().min(1).max(90).default(30),
  /** Calendar days before the review that a consultation reminder is sent. */
  consultationReminderDaysBefore: z.number().int().min(1).max(60).default(7),
  /** Review intervals shorter than this many weeks are left out of mid-point monitoring coverage. */
  midpointMinimumIntervalWeeks: z.number().int().min(1).max(26).default(8),
  caseloadGuideLow: z.number().int().min(1).default(50),
  caseloadGuideHigh: z.number().int().min(1).default(70),
  /**
   * The first day from which the register holds every child looked after: the start of the earliest SSDA903
   * collection year imported, or of the demo authority's history. The report compares only periods from this
   * day, since children who left care before it are not in the register. Null until either sets it.
   */
  recordsCompleteFrom: z
    .string()
    .refine((value) => isIsoDate(value), 'must be a date in the form YYYY-MM-DD')
    .nullable()
    .default(null),
  rearrangementReasons: z
    .array(z.object({ code: z.string().regex(/^[a-z0-9_]+$/), label: z.string().min(1) }))
    .min(1)
    .default(REARRANGEMENT_REASON_DEFAULTS.map((r) => ({ ...r }))),
});

export type AuthoritySettings = z.infer<typeof authoritySettingsSchema>;

export function defaultSettings(): AuthoritySettings {
  return authoritySettingsSchema.parse({});
}
