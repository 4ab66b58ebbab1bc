// Timeliness of reviews: reviews held within and outside timescale year on year (Westminster's Table G), by
// kind of review and by month, children whose reviews were all on time, and the list of late reviews. Due
// dates and "in time" come only from reviewSchedule().

import { formatUkDate } from '../../../domain/dates.ts';
import { REVIEW_RULE_LABELS, type ReviewRule } from '../../../domain/review-clock.ts';
import type { SectionBuilder } from '../context.ts';
import { cellValue, childCountOf, dateCell, plural, labelColumn, numberCell, percentCell, recordCount, row, table, textCell } from '../cells.ts';
import type { HeldReview } from '../facts.ts';
import { childrenOnTime, heldFigures, lateReviews, reviewRef, reviewsHeld, reviewsHeldCount, type LateReview } from '../measures-reviews.ts';
import { forEachPeriod } from '../gather.ts';
import { monthsOf } from '../periods.ts';
import type { ReportChart, ReportTable } from '../types.ts';
import { periodColumns, yoyRow } from '../yoy.ts';

const RULE_ORDER: ReviewRule[] = [
  'first_20_working_days',
  'second_3_months',
  'subsequent_6_months',
  'short_break_first_3_months',
  'short_break_6_months',
  'adoption_first_4_weeks',
  'adoption_second_3_months',
  'adoption_6_months',
];

const LATE_STATUS_LABELS: Record<LateReview['status'], string> = {
  held_late: 'Held late',
  never_held: 'Not held before the child left care',
  overdue_at_end: 'Not held by the end of the period',
};

const timelinessColumns = [
  { key: 'held', label: 'Reviews held', kind: 'count' as const },
  { key: 'in_time', label: 'Within timescale', kind: 'count' as const },
  { key: 'late', label: 'Outside timescale', kind: 'count' as const },
  { key: 'share', label: '% within timescale', kind: 'percent' as const },
];

function timelinessCells(reviews: HeldReview[]) {
  const inTime = reviews.filter((r) => r.inTime);
  const late = reviews.filter((r) => !r.inTime);
  return [
    recordCount(reviews, reviewRef),
    recordCount(inTime, reviewRef),
    recordCount(late, reviewRef),
    percentCell(inTime.length, reviews.length),
  ];
}

export const timelinessSection: SectionBuilder = {
  id: 'timeliness',
  title: 'Timeliness of reviews',
  gather(ctx) {
    forEachPeriod(ctx, heldFigures);
    reviewsHeld(ctx, ctx.period);
    // The late reviews of each period are made afterwards from the reviews held and the clock at its end, gathered here.
    forEachPeriod(ctx, childrenOnTime);
  },
  build(ctx) {
    const reviews = reviewsHeld(ctx, ctx.period);
    const yoy = table({
      id: 'timeliness.reviews',
      caption: 'Reviews held within and outside the statutory timescales',
      columns: [labelColumn('Reviews'), ...periodColumns(ctx)],
      rows: [
        yoyRow(ctx, 'held', 'Reviews held', (p) => reviewsHeldCount(ctx, p, (f) => f.held)),
        yoyRow(ctx, 'in_time', 'Held within timescale', (p) => reviewsHeldCount(ctx, p, (f) => f.inTime, (r) => r.inTime)),
        yoyRow(ctx, 'late', 'Held outside timescale', (p) => reviewsHeldCount(ctx, p, (f) => f.held - f.inTime, (r) => !r.inTime)),
        yoyRow(ctx, 'share', '% held within timescale', (p) => {
          const f = heldFigures(ctx, p);
          return percentCell(f.inTime, f.held);
        }),
      ],
      notes: [
        'Within timescale: held on or before the due date. Due dates follow the Care Planning, Placement and Case Review (England) Regulations 2010 (reg 33 and reg 48) and the Adoption Agencies Regulations 2005 (reg 36); each interval runs from the date the previous review was held.',
        'Reviews recorded on a date when the child was not looked after are not counted; they are listed under data quality.',
      ],
    });

    const byType = table({
      id: 'timeliness.by-type',
      caption: `Reviews held in ${ctx.period.label}, by kind of review`,
      columns: [labelColumn('Kind of review'), ...timelinessColumns],
      rows: RULE_ORDER.filter((rule) => reviews.some((r) => r.rule === rule)).map((rule) =>
        row(rule, REVIEW_RULE_LABELS[rule], timelinessCells(reviews.filter((r) => r.rule === rule))),
      ),
      totals: [row('total', 'All reviews', timelinessCells(reviews))],
    });

    const months = monthsOf(ctx.period);
    // Each review to its month once ("2024-05" is the first seven characters of the date it was held).
    const byMonthKey = new Map<string, HeldReview[]>();
    for (const r of reviews) {
      const key = r.heldDate.slice(0, 7);
      const list = byMonthKey.get(key);
      if (list) list.push(r);
      else byMonthKey.set(key, [r]);
    }
    const byMonth = table({
      id: 'timeliness.by-month',
      caption: `Reviews held in ${ctx.period.label}, by month`,
      columns: [labelColumn('Month'), ...timelinessColumns],
      rows: months.map((m) => row(m.key, m.label, timelinessCells(byMonthKey.get(m.key) ?? []))),
      totals: [row('total', 'Total', timelinessCells(reviews))],
    });
    const monthChart: ReportChart = {
      id: 'timeliness.by-month.chart',
      title: `Reviews held within and outside timescale, by month, ${ctx.period.label}`,
      description: 'Stacked bars for each month show reviews held within and outside timescale; a line shows the percentage within timescale.',
      categories: months.map((m) => m.label),
      series: [
        { name: 'Within timescale', values: byMonth.rows.map((r) => cellValue(r.cells[2])), kind: 'bar', stack: 'reviews', axis: 'count' },
        { name: 'Outside timescale', values: byMonth.rows.map((r) => cellValue(r.cells[3])), kind: 'bar', stack: 'reviews', axis: 'count' },
        { name: '% within timescale', values: byMonth.rows.map((r) => cellValue(r.cells[4])), kind: 'line', axis: 'percent' },
      ],
      horizontal: false,
      tableId: byMonth.id,
    };

    const children = table({
      id: 'timeliness.children',
      caption: 'Children whose reviews were all on time',
      columns: [labelColumn('Children'), ...periodColumns(ctx)],
      rows: [
        yoyRow(ctx, 'eligible', 'Children looked after for 20 working days or more in the period', (p) =>
          childCountOf(childrenOnTime(ctx, p).eligible, (f) => f.id),
        ),
        yoyRow(ctx, 'all_on_time', 'of whom every review was on time', (p) => childCountOf(childrenOnTime(ctx, p).allOnTime, (f) => f.id)),
        yoyRow(ctx, 'share', '% whose reviews were all on time', (p) => {
          const c = childrenOnTime(ctx, p);
          return percentCell(c.allOnTime.length, c.eligible.length);
        }),
      ],
      notes: [
        'A child’s reviews were all on time when every review held in the period was within timescale, no review fell due in the period without being held before they left care, and no review was overdue at the end of the period. Short breaks only are not counted.',
      ],
    });

    const late = lateReviews(ctx, ctx.period);
    const notHeld = (status: LateReview['status']) =>
      recordCount(late.filter((l) => l.status === status), (l) => ({ childId: l.childId, date: l.dueDate }));
    const notHeldTable = table({
      id: 'timeliness.not-held',
      caption: 'Reviews due and not held',
      columns: [labelColumn('Reviews'), { key: 'count', label: 'Number', kind: 'count' }],
      rows: [
        row('overdue_at_end', `Overdue and not held on ${formatUkDate(ctx.period.to)}`, [notHeld('overdue_at_end')]),
        row('never_held', `Fell due in ${ctx.period.label} and not held before the child left care`, [notHeld('never_held')]),
      ],
    });
    const lateList: ReportTable = table({
      id: 'timeliness.late-reviews',
      caption: `Late reviews, ${ctx.period.label}`,
      kind: 'list',
      columns: [
        { key: 'child', label: 'Child', kind: 'text' },
        { key: 'kind', label: 'Kind of review', kind: 'text' },
        { key: 'due', label: 'Due date', kind: 'date' },
        { key: 'held', label: 'Held date', kind: 'date' },
        { key: 'status', label: 'Status', kind: 'text' },
        { key: 'days_late', label: 'Days late', kind: 'number' },
      ],
      rows: late.map((l, i) =>
        row(`late:${i}`, l.childId, [
          textCell(REVIEW_RULE_LABELS[l.rule]),
          dateCell(l.dueDate),
          dateCell(l.heldDate),
          textCell(LATE_STATUS_LABELS[l.status]),
          numberCell(l.daysLate, 0),
        ]),
      ),
      notes: ['Days late: calendar days after the due date, to the day held, the day care ended, or the last day of the period.'],
    });

    const inTime = reviews.filter((r) => r.inTime).length;
    const share = percentCell(inTime, reviews.length);
    const summary = [
      `${plural(reviews.length, 'review was', 'reviews were')} held in ${ctx.period.label}; ${inTime}` +
        (share.type === 'percent' && share.value !== null ? ` (${share.value}%)` : '') +
        ` were held within the statutory timescales and ${reviews.length - inTime} outside them.`,
    ];
    const overdue = late.filter((l) => l.status === 'overdue_at_end').length;
    if (overdue > 0) summary.push(`${plural(overdue, 'review was', 'reviews were')} overdue and not yet held on ${formatUkDate(ctx.period.to)}.`);
    return {
      id: 'timeliness',
      title: 'Timeliness of reviews',
      summary,
      tables: [yoy, byType, byMonth, children, notHeldTable, lateList],
      charts: [monthChart],
    };
  },
};

