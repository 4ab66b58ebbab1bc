// Records the report could not count, or counted only in part, listed child by child so they can be put
// right: nothing is dropped silently. Covers the reporting period and the earlier periods it is compared with.

import { CATEGORY_OF_NEED, ETHNICITY, LEGAL_STATUS, PLACEMENT_TYPE, REASON_EPISODE_CEASED, SEX } from '../../../domain/codes.ts';
import { isIsoDate, type IsoDate } from '../../../domain/dates.ts';
import type { ReportContext, SectionBuilder } from '../context.ts';
import { byText, dateCell, labelColumn, recordCount, row, table, textCell } from '../cells.ts';
import { childById, overlaps, periodsOverlapping, wholeRecordClock, type ExclusionKind } from '../facts.ts';
import type { Review } from '../../../domain/register.ts';
import type { LookedAfterNotification } from '../../input.ts';
import { leaversIn } from '../measures-care.ts';
import { heldFigures } from '../measures-reviews.ts';
import { forEachPeriod } from '../gather.ts';
import { caseloadsAt } from './caseloads.ts';

export type DataQualityKind =
  | ExclusionKind
  | 'no_date_of_birth'
  | 'review_held_without_date'
  | 'review_outside_care'
  | 'participation_code_missing'
  | 'participation_code_mismatch'
  | 'leaving_reason_missing'
  | 'unknown_code'
  | 'allocation_open_after_care'
  | 'notification_unmatched';

export const DATA_QUALITY_KINDS: Record<DataQualityKind, { label: string; effect: string }> = {
  episode_dates_unreadable: { label: 'Episode dates could not be read', effect: 'The child is not counted in any figure.' },
  episode_ends_before_start: { label: 'Episode ends before it starts', effect: 'The child is not counted in any figure.' },
  overlapping_episodes: { label: 'Episodes overlap', effect: 'The child is not counted in any figure.' },
  no_date_of_birth: {
    label: 'No date of birth',
    effect: 'Counted as “date of birth not recorded” in age tables; left out of participation measures and placement stability.',
  },
  review_held_without_date: { label: 'Review recorded as held with no date', effect: 'Not counted as a review held.' },
  review_outside_care: { label: 'Review held when the child was not looked after', effect: 'Not counted in reviews held or participation.' },
  participation_code_missing: { label: 'No participation code', effect: 'Counted as “no code recorded”; left out of the % contributed and attended.' },
  participation_code_mismatch: {
    label: 'Participation code does not fit the child’s age',
    effect: 'Counted under the code recorded; left out of the % contributed and attended.',
  },
  leaving_reason_missing: { label: 'No reason recorded for leaving care', effect: 'Counted as “reason not recorded”.' },
  unknown_code: { label: 'Code not in the SSDA903 code list', effect: 'Shown under the code itself.' },
  allocation_open_after_care: { label: 'IRO allocation still open after care ended', effect: 'Not counted in caseloads.' },
  notification_unmatched: { label: 'Notification matches no period of care', effect: 'Not counted in late notifications.' },
};

export interface DataQualityIssue {
  kind: DataQualityKind;
  childId: string;
  date: IsoDate | null;
  detail: string;
}

const NO_REVIEWS: readonly Review[] = [];

/** The episode codes checked against the SSDA903 code lists, with how the list names each. */
const EPISODE_CODES: readonly { field: 'legalStatus' | 'placementType' | 'categoryOfNeed' | 'reasonCeased'; codes: { has(value: string): boolean }; what: string }[] = [
  { field: 'legalStatus', codes: LEGAL_STATUS, what: 'legal status' },
  { field: 'placementType', codes: PLACEMENT_TYPE, what: 'placement type' },
  { field: 'categoryOfNeed', codes: CATEGORY_OF_NEED, what: 'category of need' },
  { field: 'reasonCeased', codes: REASON_EPISODE_CEASED, what: 'reason episode ceased' },
];

export function dataQualityIssues(ctx: ReportContext): DataQualityIssue[] {
  return ctx.memo('data-quality', ctx.period, () => collect(ctx));
}

const NO_NOTIFICATIONS: readonly LookedAfterNotification[] = [];

/** Each child's notifications, once for the report. */
function notificationsOf(ctx: ReportContext): Map<string, LookedAfterNotification[]> {
  return ctx.memo('notifications-by-child', ctx.period, () => {
    const byChild = new Map<string, LookedAfterNotification[]>();
    for (const n of ctx.input.notifications ?? []) {
      const list = byChild.get(n.childId);
      if (list) list.push(n);
      else byChild.set(n.childId, [n]);
    }
    return byChild;
  });
}

/** A notification about a period of care the child's record does not have. */
function unmatched(n: LookedAfterNotification, push: (kind: DataQualityKind, childId: string, date: IsoDate | null, detail: string) => void): void {
  push('notification_unmatched', n.childId, n.periodOfCareStart, `no period of care starts on ${n.periodOfCareStart}`);
}

/** The years the list covers: the earliest period compared to the end of the reporting period. */
function windowOf(ctx: ReportContext): { from: IsoDate; to: IsoDate; inWindow: (d: IsoDate | null) => boolean } {
  const from = ctx.allPeriods[0]?.from ?? ctx.period.from;
  const to = ctx.period.to;
  return { from, to, inWindow: (d) => d !== null && d >= from && d <= to };
}

/** What is wrong in each child's own record: gathered child by child, as the record is read. */
function childIssues(ctx: ReportContext): DataQualityIssue[] {
  return ctx.memo('data-quality-children', ctx.period, () => {
    const { from, to, inWindow } = windowOf(ctx);
    const issues: DataQualityIssue[] = [];
    const push = (kind: DataQualityKind, childId: string, date: IsoDate | null, detail: string) => issues.push({ kind, childId, date, detail });
    const notifications = notificationsOf(ctx);
    for (const facts of ctx.children) {
      const inScope = facts.periods.some((p) => overlaps(p, from, to));
      if (inScope && facts.dateOfBirth === null) {
        const raw = facts.child.dateOfBirth;
        push('no_date_of_birth', facts.id, null, raw === null ? 'date of birth missing' : `date of birth "${raw}" is not a real date`);
      }
      if (inScope) {
        // The child's own codes are shown in the population tables under the code itself, as the episodes' are.
        const { ethnicity, sex } = facts.child;
        if (ethnicity !== null && ethnicity !== '' && !ETHNICITY.has(ethnicity)) push('unknown_code', facts.id, null, `ethnicity "${ethnicity}"`);
        if ((sex as string) !== '' && !SEX.has(sex)) push('unknown_code', facts.id, null, `sex "${sex}"`);
      }
      // Reviews held with a readable date are the child's held list: only a child with others has any to list here.
      let heldStatus = 0;
      for (const r of facts.record.reviews) if (r.status === 'held') heldStatus += 1;
      for (const r of heldStatus === facts.held.length ? NO_REVIEWS : facts.record.reviews) {
        if (r.status !== 'held' || (r.heldDate !== null && isIsoDate(r.heldDate))) continue;
        const date = r.bookedDate ?? r.dueDate;
        if (inScope || inWindow(date)) {
          push('review_held_without_date', facts.id, date, r.heldDate === null ? 'held date missing' : `held date "${r.heldDate}" is not a real date`);
        }
      }
      for (const o of wholeRecordClock(facts).schedule.outsideCare) {
        if (inWindow(o.heldDate)) push('review_outside_care', facts.id, o.heldDate, `review held ${o.heldDate}, outside any period of care`);
      }
      for (const n of notifications.get(facts.id) ?? NO_NOTIFICATIONS) {
        if (inWindow(n.periodOfCareStart) && !facts.periods.some((p) => p.start === n.periodOfCareStart)) unmatched(n, push);
      }
      for (const e of facts.episodes) {
        if (e.start > to || (e.end !== null && e.end < from)) continue;
        for (const { field, codes, what } of EPISODE_CODES) {
          const value = e[field];
          if (value !== null && value !== '' && !codes.has(value)) push('unknown_code', facts.id, e.start, `${what} "${value}" on the episode starting ${e.start}`);
        }
      }
    }
    return issues;
  });
}

function collect(ctx: ReportContext): DataQualityIssue[] {
  const { from, to, inWindow } = windowOf(ctx);
  const issues: DataQualityIssue[] = [];
  const push = (kind: DataQualityKind, childId: string, date: IsoDate | null, detail: string) => issues.push({ kind, childId, date, detail });

  for (const x of ctx.excluded) {
    if (x.periods.length === 0 || periodsOverlapping(x.periods, from, to).length > 0) push(x.kind, x.childId, null, x.detail);
  }
  for (const issue of childIssues(ctx)) issues.push(issue);
  for (const p of ctx.allPeriods) {
    for (const n of heldFigures(ctx, p).notCounted) {
      if (n.problem === 'no_date_of_birth') continue; // listed once under the child
      const kind = n.problem === 'code_missing' ? 'participation_code_missing' : 'participation_code_mismatch';
      const code = n.review.participationCode;
      push(kind, n.review.facts.id, n.review.heldDate, code === null ? n.detail : `${code}: ${n.detail}`);
    }
    for (const l of leaversIn(ctx, p)) {
      if (!l.reason) push('leaving_reason_missing', l.facts.id, l.careEnd, `period of care ending ${l.careEnd} has no reason episode ceased`);
    }
  }
  for (const id of caseloadsAt(ctx, ctx.period).openAfterCare) {
    push('allocation_open_after_care', id, to, `an IRO allocation is open on ${to} though the child is no longer looked after`);
  }
  // A counted child's notifications were matched to their periods of care as the child was counted (childIssues).
  for (const n of ctx.input.notifications ?? []) {
    if (inWindow(n.periodOfCareStart) && childById(ctx, n.childId) === undefined) unmatched(n, push);
  }
  const order = Object.keys(DATA_QUALITY_KINDS);
  const seen = new Set<string>();
  return issues
    .filter((i) => {
      const key = `${i.kind}|${i.childId}|${i.date ?? ''}|${i.detail}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || byText(a.childId, b.childId) || byText(a.date ?? '', b.date ?? ''));
}

export const dataQualitySection: SectionBuilder = {
  id: 'data-quality',
  title: 'Data quality',
  gather(ctx) {
    childIssues(ctx);
    forEachPeriod(ctx, heldFigures);
    forEachPeriod(ctx, leaversIn);
    caseloadsAt(ctx, ctx.period);
  },
  build(ctx) {
    const issues = dataQualityIssues(ctx);
    const kinds = (Object.keys(DATA_QUALITY_KINDS) as DataQualityKind[]).filter((k) => issues.some((i) => i.kind === k));
    const windowLabel = ctx.comparisons.length > 0 ? `${ctx.allPeriods[0]!.label} to ${ctx.period.label}` : ctx.period.label;
    const summaryTable = table({
      id: 'data-quality.summary',
      caption: `Records that could not be counted, or were counted only in part, ${windowLabel}`,
      columns: [labelColumn('Problem'), { key: 'records', label: 'Records', kind: 'count' }, { key: 'effect', label: 'What the report did', kind: 'text' }],
      rows: kinds.map((k) =>
        row(k, DATA_QUALITY_KINDS[k].label, [
          recordCount(issues.filter((i) => i.kind === k), (i) => ({ childId: i.childId, date: i.date })),
          textCell(DATA_QUALITY_KINDS[k].effect),
        ]),
      ),
      totals: [row('total', 'Total', [recordCount(issues, (i) => ({ childId: i.childId, date: i.date })), textCell('')])],
    });
    const list = table({
      id: 'data-quality.issues',
      caption: `Records to put right, ${windowLabel}`,
      kind: 'list',
      columns: [
        { key: 'child', label: 'Child', kind: 'text' },
        { key: 'problem', label: 'Problem', kind: 'text' },
        { key: 'date', label: 'Date', kind: 'date' },
        { key: 'detail', label: 'Detail', kind: 'text' },
      ],
      rows: issues.map((i, n) => row(`issue:${n}`, i.childId, [textCell(DATA_QUALITY_KINDS[i.kind].label), dateCell(i.date), textCell(i.detail)])),
    });
    const summary =
      issues.length === 0
        ? ['Every record in the period could be counted.']
        : [`${issues.length} records could not be counted, or were counted only in part; they are listed below to be put right.`];
    return { id: 'data-quality', title: 'Data quality', summary, tables: [summaryTable, list], charts: [] };
  },
};
