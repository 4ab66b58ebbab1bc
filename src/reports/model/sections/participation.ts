// The child's participation in their reviews: the SSDA903 participation codes PN0–PN7 (Westminster's Table
// H) and the two measures councils quote, year on year: of reviews of children aged 4 or over, the share
// where the child contributed (PN1–PN6) and where they attended (PN1–PN4).

import { PARTICIPATION_CODE } from '../../../domain/codes.ts';
import type { SectionBuilder } from '../context.ts';
import { forEachPeriod } from '../gather.ts';
import { labelColumn, percentCell, recordCount, row, table } from '../cells.ts';
import { heldFigures, participationCount, participationIn, reviewRef, reviewsHeld, type ParticipationKey } from '../measures-reviews.ts';
import type { ReportChart } from '../types.ts';
import { periodColumns, yoyRow } from '../yoy.ts';

const KEYS: { key: ParticipationKey; label: string }[] = [
  ...PARTICIPATION_CODE.codes.map((code) => ({ key: code, label: `${code}: ${PARTICIPATION_CODE.labels[code]}` })),
  { key: 'not_recorded', label: 'No code recorded' },
];

export const participationSection: SectionBuilder = {
  id: 'participation',
  title: 'Participation in reviews',
  gather(ctx) {
    forEachPeriod(ctx, heldFigures);
    reviewsHeld(ctx, ctx.period);
  },
  build(ctx) {
    const figures = participationIn(ctx, ctx.period);
    const total = figures.reviews.length;
    const codes = table({
      id: 'participation.codes',
      caption: `Participation codes of reviews held in ${ctx.period.label}`,
      columns: [labelColumn('Participation code'), { key: 'count', label: 'Reviews', kind: 'count' }, { key: 'share', label: '% of all reviews held', kind: 'percent' }],
      rows: KEYS.filter((k) => k.key !== 'not_recorded' || figures.byCode.has('not_recorded')).map((k) => {
        const reviews = figures.byCode.get(k.key) ?? [];
        return row(k.key, k.label, [recordCount(reviews, reviewRef), percentCell(reviews.length, total)]);
      }),
      totals: [row('total', 'Total', [recordCount(figures.reviews, reviewRef), percentCell(total, total)])],
      notes: ['Codes as recorded. A code that does not fit the child’s age on the review date is listed under data quality.'],
    });

    const measures = table({
      id: 'participation.measures',
      caption: 'Children aged 4 or over who contributed to and attended their reviews',
      columns: [labelColumn('Reviews of children aged 4 or over'), ...periodColumns(ctx)],
      rows: [
        yoyRow(ctx, 'aged_4_plus', 'Reviews of children aged 4 or over', (p) => participationCount(ctx, p, 'aged4Plus')),
        yoyRow(ctx, 'contributed', 'Child contributed (PN1 to PN6)', (p) => participationCount(ctx, p, 'contributed')),
        yoyRow(ctx, 'contributed_share', '% contributed', (p) => {
          const f = heldFigures(ctx, p);
          return percentCell(f.contributed, f.aged4Plus);
        }),
        yoyRow(ctx, 'attended', 'Child attended (PN1 to PN4)', (p) => participationCount(ctx, p, 'attended')),
        yoyRow(ctx, 'attended_share', '% attended', (p) => {
          const f = heldFigures(ctx, p);
          return percentCell(f.attended, f.aged4Plus);
        }),
      ],
      notes: [
        'Age on the review date. Reviews with no code, with a code that does not fit the child’s age, or of a child with no date of birth are left out of both measures and listed under data quality.',
      ],
    });

    const chart: ReportChart = {
      id: 'participation.codes.chart',
      title: `Participation codes of reviews held in ${ctx.period.label}`,
      description: 'Bars show the number of reviews with each participation code.',
      categories: codes.rows.map((r) => r.key === 'not_recorded' ? 'None' : r.key),
      series: [
        {
          name: 'Reviews',
          values: codes.rows.map((r) => (r.cells[1]?.type === 'count' ? r.cells[1].value : null)),
          kind: 'bar',
          axis: 'count',
        },
      ],
      horizontal: false,
      tableId: codes.id,
    };

    const contributed = percentCell(figures.contributed.length, figures.aged4Plus.length);
    const attended = percentCell(figures.attended.length, figures.aged4Plus.length);
    const summary: string[] = [];
    if (contributed.type === 'percent' && contributed.value !== null && attended.type === 'percent') {
      summary.push(
        `Of ${figures.aged4Plus.length} reviews of children aged 4 or over, the child contributed to ${contributed.value}% and attended ${attended.value}%.`,
      );
    }
    return { id: 'participation', title: 'Participation in reviews', summary, tables: [codes, measures], charts: [chart] };
  },
};
