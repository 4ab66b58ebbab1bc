// Reviews rearranged and cancelled, with the authority's reasons (Lincolnshire: 451 rearranged in six
// months, mostly court timetabling and social work capacity). A cancellation is the last change of a
// cancelled review with no new date; every other change is a rearrangement.

import type { IsoDate } from '../../../domain/dates.ts';
import type { Rearrangement, Review } from '../../../domain/register.ts';
import type { ReportContext, SectionBuilder } from '../context.ts';
import { forEachPeriod } from '../gather.ts';
import { labelColumn, plural, recordCount, row, table } from '../cells.ts';
import { inPeriod } from '../periods.ts';
import type { RecordRef, ReportChart, ReportPeriodInfo } from '../types.ts';
import { periodColumns, yoyRow } from '../yoy.ts';

const NOT_RECORDED = 'not_recorded';

interface ReviewChanges {
  childId: string;
  review: Review;
  rearrangements: Rearrangement[];
  /** The change that cancelled the review, for a cancelled review. */
  cancellation: { date: IsoDate | null; reason: string } | null;
}

function changesOf(childId: string, review: Review): ReviewChanges {
  // The register gives them in order of the day changed: sorted (stably) only when they come otherwise.
  let ordered = true;
  for (let i = 1; i < review.rearrangements.length && ordered; i += 1) ordered = review.rearrangements[i - 1]!.changedOn <= review.rearrangements[i]!.changedOn;
  const changes = ordered ? review.rearrangements : [...review.rearrangements].sort((a, b) => (a.changedOn < b.changedOn ? -1 : a.changedOn > b.changedOn ? 1 : 0));
  if (review.status !== 'cancelled') return { childId, review, rearrangements: changes, cancellation: null };
  const last = changes[changes.length - 1];
  if (last && last.toDate === null) {
    return { childId, review, rearrangements: changes.slice(0, -1), cancellation: { date: last.changedOn, reason: last.reason || NOT_RECORDED } };
  }
  // No change records the cancellation: date it by the booking, else the due date.
  return { childId, review, rearrangements: changes, cancellation: { date: review.bookedDate ?? review.dueDate, reason: NOT_RECORDED } };
}

function allChanges(ctx: ReportContext): ReviewChanges[] {
  return ctx.memo('review-changes', ctx.period, () => {
    const changes: ReviewChanges[] = [];
    for (const f of ctx.children) {
      for (const r of f.record.reviews) if (r.rearrangements.length > 0 || r.status === 'cancelled') changes.push(changesOf(f.id, r));
    }
    return changes;
  });
}

/** A rearrangement or cancellation: its record behind a count is made only when the lists are kept. */
interface Change {
  childId: string;
  date: IsoDate | null;
  reason: string;
}

const changeRef = (c: Change): RecordRef => ({ childId: c.childId, date: c.date });

interface PeriodChanges {
  rearranged: Change[];
  reviewsRearranged: RecordRef[];
  cancelled: Change[];
}

function changesIn(ctx: ReportContext, p: ReportPeriodInfo): PeriodChanges {
  return ctx.memo('changes-in', p, () => {
    const result: PeriodChanges = { rearranged: [], reviewsRearranged: [], cancelled: [] };
    for (const c of allChanges(ctx)) {
      let inside = 0;
      for (const r of c.rearrangements) {
        if (!inPeriod(r.changedOn, p)) continue;
        result.rearranged.push({ childId: c.childId, date: r.changedOn, reason: r.reason || NOT_RECORDED });
        inside += 1;
      }
      if (inside > 0) {
        result.reviewsRearranged.push({ childId: c.childId, date: c.review.heldDate ?? c.review.bookedDate ?? c.review.dueDate });
      }
      if (c.cancellation && inPeriod(c.cancellation.date, p)) {
        result.cancelled.push({ childId: c.childId, date: c.cancellation.date, reason: c.cancellation.reason });
      }
    }
    return result;
  });
}

export const rearrangementsSection: SectionBuilder = {
  id: 'rearrangements',
  title: 'Reviews rearranged and cancelled',
  gather(ctx) {
    forEachPeriod(ctx, changesIn);
  },
  build(ctx) {
    const summaryTable = table({
      id: 'rearrangements.summary',
      caption: 'Reviews rearranged and cancelled',
      columns: [labelColumn('Reviews'), ...periodColumns(ctx)],
      rows: [
        yoyRow(ctx, 'reviews_rearranged', 'Reviews rearranged at least once', (p) => recordCount(changesIn(ctx, p).reviewsRearranged)),
        yoyRow(ctx, 'rearrangements', 'Times a review was rearranged', (p) => recordCount(changesIn(ctx, p).rearranged, changeRef)),
        yoyRow(ctx, 'cancelled', 'Reviews cancelled', (p) => recordCount(changesIn(ctx, p).cancelled, changeRef)),
      ],
      notes: ['Counted by the date the change was made. A cancelled review with no change recorded is dated by its booking, or else its due date.'],
    });

    const current = changesIn(ctx, ctx.period);
    const labels = new Map(ctx.settings.rearrangementReasons.map((r) => [r.code, r.label]));
    const used = new Set([...current.rearranged, ...current.cancelled].map((r) => r.reason));
    const reasonKeys = [
      ...ctx.settings.rearrangementReasons.map((r) => r.code).filter((code) => used.has(code)),
      ...[...used].filter((code) => !labels.has(code) && code !== NOT_RECORDED).sort(),
      ...(used.has(NOT_RECORDED) ? [NOT_RECORDED] : []),
    ];
    const labelOf = (code: string) => (code === NOT_RECORDED ? 'Reason not recorded' : (labels.get(code) ?? `${code} (not in the authority’s list)`));
    const refs = (list: Change[], code: string | null) => list.filter((r) => code === null || r.reason === code);
    const reasons = table({
      id: 'rearrangements.reasons',
      caption: `Reasons reviews were rearranged or cancelled, ${ctx.period.label}`,
      columns: [
        labelColumn('Reason'),
        { key: 'rearranged', label: 'Rearrangements', kind: 'count' },
        { key: 'cancelled', label: 'Cancellations', kind: 'count' },
      ],
      rows: reasonKeys.map((code) => row(code, labelOf(code), [recordCount(refs(current.rearranged, code), changeRef), recordCount(refs(current.cancelled, code), changeRef)])),
      totals: [row('total', 'Total', [recordCount(refs(current.rearranged, null), changeRef), recordCount(refs(current.cancelled, null), changeRef)])],
    });
    const chart: ReportChart = {
      id: 'rearrangements.reasons.chart',
      title: `Reasons reviews were rearranged or cancelled, ${ctx.period.label}`,
      description: 'Bars for each reason show the number of rearrangements and of cancellations.',
      categories: reasonKeys.map(labelOf),
      series: [
        { name: 'Rearrangements', values: reasonKeys.map((c) => refs(current.rearranged, c).length), kind: 'bar', stack: 'changes', axis: 'count' },
        { name: 'Cancellations', values: reasonKeys.map((c) => refs(current.cancelled, c).length), kind: 'bar', stack: 'changes', axis: 'count' },
      ],
      horizontal: true,
      tableId: reasons.id,
    };
    const summary = [
      `${plural(current.reviewsRearranged.length, 'review was', 'reviews were')} rearranged in ${ctx.period.label} (${plural(current.rearranged.length, 'change', 'changes')}) and ${current.cancelled.length} cancelled.`,
    ];
    return { id: 'rearrangements', title: 'Reviews rearranged and cancelled', summary, tables: [summaryTable, reasons], charts: reasonKeys.length > 0 ? [chart] : [] };
  },
};
