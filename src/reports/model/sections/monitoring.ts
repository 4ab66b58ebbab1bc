// The IRO's oversight between and after reviews: mid-point monitoring coverage (intervals too short for a
// mid-point check left out, as Lancashire explains), decisions and records issued within their timescales,
// and actions still open. These rest on records the web application keeps; without them each figure is
// shown as not recorded, never as zero.

import { addWorkingDays } from '../../../domain/calendar.ts';
import type { IsoDate } from '../../../domain/dates.ts';
import type { ReviewAction, ReviewWorkflowRecord } from '../../input.ts';
import type { ReportContext, SectionBuilder } from '../context.ts';
import { forEachPeriod } from '../gather.ts';
import { NOT_RECORDED, labelColumn, percentCell, percentage, recordCount, row, table } from '../cells.ts';
import { midpointIntervals as intervals, reviewsHeld, type MidpointInterval } from '../measures-reviews.ts';
import { inPeriod } from '../periods.ts';
import type { RecordRef, ReportPeriodInfo } from '../types.ts';
import { periodColumns, yoyRow } from '../yoy.ts';

/**
 * What happened after each review, found by the review's id when both have one, otherwise by the child and the
 * date held. The second map is made only if a review is not found by id: the register's reviews always are.
 */
class WorkflowIndex {
  private readonly byId = new Map<number, ReviewWorkflowRecord>();
  private byChildAndDate: Map<string, ReviewWorkflowRecord> | null = null;

  constructor(private readonly records: readonly ReviewWorkflowRecord[]) {
    for (const w of records) if (w.reviewId !== null && w.reviewId !== undefined) this.byId.set(w.reviewId, w);
  }

  find(childId: string, reviewId: number | null | undefined, heldDate: IsoDate): ReviewWorkflowRecord | undefined {
    const byId = reviewId !== null && reviewId !== undefined ? this.byId.get(reviewId) : undefined;
    if (byId !== undefined) return byId;
    if (this.byChildAndDate === null) {
      this.byChildAndDate = new Map();
      for (const w of this.records) this.byChildAndDate.set(`${w.childId}|${w.heldDate}`, w);
    }
    return this.byChildAndDate.get(`${childId}|${heldDate}`);
  }
}

function workflowIndex(ctx: ReportContext): WorkflowIndex {
  return ctx.memo('workflow-index', ctx.period, () => new WorkflowIndex(ctx.input.reviewWorkflow ?? []));
}

/** addWorkingDays() remembered by date: a year's reviews fall on a few hundred days. */
function workingDaysAfter(days: number): (date: IsoDate) => IsoDate {
  const known = new Map<IsoDate, IsoDate>();
  return (date) => {
    let after = known.get(date);
    if (after === undefined) {
      after = addWorkingDays(date, days);
      known.set(date, after);
    }
    return after;
  };
}

const intervalRef = (i: MidpointInterval) => i.ref;

type Timeliness = 'within' | 'outside' | 'not_yet_due' | 'no_record';

function timelinessOf(done: IsoDate | null | undefined, deadline: IsoDate, p: ReportPeriodInfo): Timeliness {
  if (done === undefined) return 'no_record';
  if (done !== null) return done <= deadline ? 'within' : 'outside';
  return deadline < p.to ? 'outside' : 'not_yet_due';
}

export const monitoringSection: SectionBuilder = {
  id: 'monitoring',
  title: 'Oversight between reviews',
  gather(ctx) {
    forEachPeriod(ctx, intervals);
    reviewsHeld(ctx, ctx.period);
  },
  build(ctx) {
    const weeks = ctx.settings.midpointMinimumIntervalWeeks;
    // A period with no check dated in it is one before the service recorded them, not one with none done.
    // Each asked for by several cells: worked out once a period (a large register has hundreds of thousands of each).
    const checksRecordedIn = (p: ReportPeriodInfo) => ctx.memo('midpoint-checks-recorded', p, () => (ctx.input.midpointChecks ?? []).some((c) => inPeriod(c.date, p)));
    const checksRecorded = checksRecordedIn(ctx.period);
    const counted = (p: ReportPeriodInfo) => ctx.memo('midpoint-counted', p, () => intervals(ctx, p).filter((i) => !i.short));
    const checked = (p: ReportPeriodInfo) => ctx.memo('midpoint-checked', p, () => counted(p).filter((i) => i.checked));
    const midpoint = table({
      id: 'monitoring.midpoint',
      caption: 'Mid-point monitoring between reviews',
      columns: [labelColumn('Review intervals'), ...periodColumns(ctx)],
      rows: [
        yoyRow(ctx, 'intervals', 'Review intervals with their midpoint in the period', (p) => recordCount(intervals(ctx, p), intervalRef)),
        yoyRow(ctx, 'short', `Left out: shorter than ${weeks} weeks`, (p) => recordCount(intervals(ctx, p).filter((i) => i.short), intervalRef)),
        yoyRow(ctx, 'counted', 'Intervals counted', (p) => recordCount(counted(p), intervalRef)),
        yoyRow(ctx, 'checked', 'with a mid-point check recorded', (p) =>
          checksRecordedIn(p) ? recordCount(checked(p), intervalRef) : NOT_RECORDED,
        ),
        yoyRow(ctx, 'share', '% with a mid-point check', (p) =>
          checksRecordedIn(p) ? percentCell(checked(p).length, counted(p).length) : NOT_RECORDED,
        ),
      ],
      notes: [
        `An interval runs from the day care began or a review was held to the next review (or its due date while not yet held); its midpoint is halfway to the due date. Intervals shorter than ${weeks} weeks are too short for a mid-point check and are left out.`,
        'Periods with no mid-point check recorded show “not recorded”.',
      ],
    });

    const recorded = (ctx.input.reviewWorkflow?.length ?? 0) > 0;
    const index = workflowIndex(ctx);
    const reviews = reviewsHeld(ctx, ctx.period);
    const decisionDays = ctx.settings.decisionsIssueWorkingDays;
    const recordDays = ctx.settings.recordWorkingDays;
    const decisionsDue = workingDaysAfter(decisionDays);
    const recordDue = workingDaysAfter(recordDays);
    const states = reviews.map((r) => {
      const held = r.heldDate;
      const w = index.find(r.facts.id, r.reviewId, held);
      return {
        review: r,
        decisions: timelinessOf(w ? w.decisionsIssuedDate : undefined, decisionsDue(held), ctx.period),
        record: timelinessOf(w ? w.recordDistributedDate : undefined, recordDue(held), ctx.period),
      };
    });
    const stateRef = (s: (typeof states)[number]) => s.review.ref;
    const stateCell = (which: 'decisions' | 'record', t: Timeliness) =>
      recorded ? recordCount(states.filter((s) => s[which] === t), stateRef) : NOT_RECORDED;
    const shareCell = (which: 'decisions' | 'record') => {
      if (!recorded) return NOT_RECORDED;
      const due = states.filter((s) => s[which] === 'within' || s[which] === 'outside');
      return percentCell(due.filter((s) => s[which] === 'within').length, due.length);
    };
    const decisions = table({
      id: 'monitoring.decisions',
      caption: `Review decisions and records issued within their timescales, ${ctx.period.label}`,
      columns: [
        labelColumn('Reviews held'),
        { key: 'decisions', label: `Decisions to the team manager (${decisionDays} working days)`, kind: 'count' },
        { key: 'record', label: `Record distributed (${recordDays} working days)`, kind: 'count' },
      ],
      rows: [
        row('held', 'Reviews held', [recordCount(states, stateRef), recordCount(states, stateRef)]),
        row('within', 'Within timescale', [stateCell('decisions', 'within'), stateCell('record', 'within')]),
        row('outside', 'Outside timescale', [stateCell('decisions', 'outside'), stateCell('record', 'outside')]),
        row('not_yet_due', 'Not yet due at the end of the period', [stateCell('decisions', 'not_yet_due'), stateCell('record', 'not_yet_due')]),
        row('no_record', 'Nothing recorded for the review', [stateCell('decisions', 'no_record'), stateCell('record', 'no_record')]),
        row('share', '% within timescale (of those due)', [shareCell('decisions'), shareCell('record')]),
      ],
      notes: ['Working days after the day the review was held.', ...(recorded ? [] : ['What happens after reviews is not recorded yet.'])],
    });

    const countedChildren = new Set(ctx.children.map((f) => f.id));
    const workflow = (ctx.input.reviewWorkflow ?? []).filter((w) => countedChildren.has(w.childId) && w.heldDate <= ctx.period.to);
    // Each action with the review it was set at; its record (for the lists) is made only when the lists are kept.
    const actions: { action: ReviewAction; review: ReviewWorkflowRecord }[] = [];
    for (const w of workflow) for (const action of w.actions) actions.push({ action, review: w });
    const ref = ({ action, review }: (typeof actions)[number]): RecordRef => ({ childId: review.childId, date: action.dueDate ?? review.heldDate });
    const p = ctx.period;
    const completed = actions.filter(({ action }) => inPeriod(action.completedDate, p));
    const open = actions.filter(({ action }) => action.completedDate === null || action.completedDate > p.to);
    const ifRecorded = (list: typeof actions) => (recorded ? recordCount(list, ref) : NOT_RECORDED);
    const actionsTable = table({
      id: 'monitoring.actions',
      caption: `Actions set at reviews, ${ctx.period.label}`,
      columns: [labelColumn('Actions'), { key: 'count', label: 'Number', kind: 'count' }],
      rows: [
        row('set', 'Actions set at reviews held in the period', [ifRecorded(actions.filter(({ review }) => inPeriod(review.heldDate, p)))]),
        row('completed', 'Actions completed in the period', [ifRecorded(completed)]),
        row('completed_on_time', 'of which by their due date', [
          ifRecorded(completed.filter(({ action }) => action.dueDate === null || action.completedDate! <= action.dueDate)),
        ]),
        row('open', 'Actions open at the end of the period', [ifRecorded(open)]),
        row('overdue', 'of which past their due date', [ifRecorded(open.filter(({ action }) => action.dueDate !== null && action.dueDate < p.to))]),
      ],
    });

    const summary: string[] = [];
    const c = counted(ctx.period);
    const share = percentage(checked(ctx.period).length, c.length);
    if (checksRecorded && share !== null) summary.push(`Mid-point monitoring was recorded for ${share}% of review intervals long enough to have one.`);
    const missing = [...(checksRecorded ? [] : ['mid-point checks']), ...(recorded ? [] : ['review decisions, records and actions'])];
    if (missing.length > 0) summary.push(`The service does not record ${missing.join(' or ')} yet, so they are shown as not recorded.`);
    return { id: 'monitoring', title: 'Oversight between reviews', summary, tables: [midpoint, decisions, actionsTable], charts: [] };
  },
};
