// The IRO's oversight between and after reviews: mid-point monitoring coverage (intervals too short for a
// mid-point check left out, as Lancashire explains), decisions and records issued within their timescales,
// and actions still open. These rest on records the web application keeps; without them each figure is
// shown as not recorded, never as zero.

import { addWorkingDays } from '../../../domain/calendar.ts';
import type { IsoDate } from '../../../domain/dates.ts';
import type { ReviewWorkflowRecord } from '../../input.ts';
import type { ReportContext, SectionBuilder } from '../context.ts';
import { forEachPeriod } from '../gather.ts';
import { NOT_RECORDED, RecordTally, keepingLists, labelColumn, percentCell, percentage, recordCount, row, table } from '../cells.ts';
import { midpointIntervals as intervals, reviewRef, reviewsHeld, type MidpointInterval } from '../measures-reviews.ts';
import { childById } from '../facts.ts';
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
/** An action's record, made only when the lists are kept; without them, one shared stand-in that is never listed. */
const actionRef = (ref: RecordRef) => ref;
const UNLISTED: RecordRef = { childId: '', date: null };

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
    // Each period's intervals counted into the rows in one pass.
    const tally = (p: ReportPeriodInfo) =>
      ctx.memo('midpoint-tally', p, () => {
        const t = new RecordTally(intervalRef);
        for (const i of intervals(ctx, p)) {
          if (i.short) t.add('short', i);
          else {
            t.add('counted', i);
            if (i.checked) t.add('checked', i);
          }
        }
        return t;
      });
    const midpoint = table({
      id: 'monitoring.midpoint',
      caption: 'Mid-point monitoring between reviews',
      columns: [labelColumn('Review intervals'), ...periodColumns(ctx)],
      rows: [
        yoyRow(ctx, 'intervals', 'Review intervals with their midpoint in the period', (p) => recordCount(intervals(ctx, p), intervalRef)),
        yoyRow(ctx, 'short', `Left out: shorter than ${weeks} weeks`, (p) => tally(p).cell('short')),
        yoyRow(ctx, 'counted', 'Intervals counted', (p) => tally(p).cell('counted')),
        yoyRow(ctx, 'checked', 'with a mid-point check recorded', (p) => (checksRecordedIn(p) ? tally(p).cell('checked') : NOT_RECORDED)),
        yoyRow(ctx, 'share', '% with a mid-point check', (p) =>
          checksRecordedIn(p) ? percentCell(tally(p).count('checked'), tally(p).count('counted')) : NOT_RECORDED,
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
    // Each review held counted into its row for the decisions and for the record, in one pass.
    const decisionsTally = new RecordTally(reviewRef);
    const recordTally = new RecordTally(reviewRef);
    for (const r of reviews) {
      const held = r.heldDate;
      const w = index.find(r.facts.id, r.reviewId, held);
      decisionsTally.add(timelinessOf(w ? w.decisionsIssuedDate : undefined, decisionsDue(held), ctx.period), r);
      recordTally.add(timelinessOf(w ? w.recordDistributedDate : undefined, recordDue(held), ctx.period), r);
    }
    const tallyOf = (which: 'decisions' | 'record') => (which === 'decisions' ? decisionsTally : recordTally);
    const stateCell = (which: 'decisions' | 'record', t: Timeliness) => (recorded ? tallyOf(which).cell(t) : NOT_RECORDED);
    const shareCell = (which: 'decisions' | 'record') => {
      if (!recorded) return NOT_RECORDED;
      const tally = tallyOf(which);
      return percentCell(tally.count('within'), tally.count('within') + tally.count('outside'));
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
        row('held', 'Reviews held', [recordCount(reviews, reviewRef), recordCount(reviews, reviewRef)]),
        row('within', 'Within timescale', [stateCell('decisions', 'within'), stateCell('record', 'within')]),
        row('outside', 'Outside timescale', [stateCell('decisions', 'outside'), stateCell('record', 'outside')]),
        row('not_yet_due', 'Not yet due at the end of the period', [stateCell('decisions', 'not_yet_due'), stateCell('record', 'not_yet_due')]),
        row('no_record', 'Nothing recorded for the review', [stateCell('decisions', 'no_record'), stateCell('record', 'no_record')]),
        row('share', '% within timescale (of those due)', [shareCell('decisions'), shareCell('record')]),
      ],
      notes: ['Working days after the day the review was held.', ...(recorded ? [] : ['What happens after reviews is not recorded yet.'])],
    });

    // Each action set at a review of a counted child held by the end of the period, counted into its rows in one
    // pass; its record (child and due date) is made only when the lists are kept.
    const p = ctx.period;
    const actions = new RecordTally(actionRef);
    const listing = keepingLists();
    let lastChild: string | null = null;
    let lastCounted = false;
    for (const w of ctx.input.reviewWorkflow ?? []) {
      // What followed reviews comes child by child: each child is looked up once.
      if (w.childId !== lastChild) {
        lastChild = w.childId;
        lastCounted = childById(ctx, w.childId) !== undefined;
      }
      if (!lastCounted || w.heldDate > p.to) continue;
      for (const action of w.actions) {
        const ref: RecordRef = listing ? { childId: w.childId, date: action.dueDate ?? w.heldDate } : UNLISTED;
        if (inPeriod(w.heldDate, p)) actions.add('set', ref);
        if (inPeriod(action.completedDate, p)) {
          actions.add('completed', ref);
          if (action.dueDate === null || action.completedDate! <= action.dueDate) actions.add('completed_on_time', ref);
        }
        if (action.completedDate === null || action.completedDate > p.to) {
          actions.add('open', ref);
          if (action.dueDate !== null && action.dueDate < p.to) actions.add('overdue', ref);
        }
      }
    }
    const ifRecorded = (key: string) => (recorded ? actions.cell(key) : NOT_RECORDED);
    const actionsTable = table({
      id: 'monitoring.actions',
      caption: `Actions set at reviews, ${ctx.period.label}`,
      columns: [labelColumn('Actions'), { key: 'count', label: 'Number', kind: 'count' }],
      rows: [
        row('set', 'Actions set at reviews held in the period', [ifRecorded('set')]),
        row('completed', 'Actions completed in the period', [ifRecorded('completed')]),
        row('completed_on_time', 'of which by their due date', [ifRecorded('completed_on_time')]),
        row('open', 'Actions open at the end of the period', [ifRecorded('open')]),
        row('overdue', 'of which past their due date', [ifRecorded('overdue')]),
      ],
    });

    const summary: string[] = [];
    const share = percentage(tally(ctx.period).count('checked'), tally(ctx.period).count('counted'));
    if (checksRecorded && share !== null) summary.push(`Mid-point monitoring was recorded for ${share}% of review intervals long enough to have one.`);
    const missing = [...(checksRecorded ? [] : ['mid-point checks']), ...(recorded ? [] : ['review decisions, records and actions'])];
    if (missing.length > 0) summary.push(`The service does not record ${missing.join(' or ')} yet, so they are shown as not recorded.`);
    return { id: 'monitoring', title: 'Oversight between reviews', summary, tables: [midpoint, decisions, actionsTable], charts: [] };
  },
};
