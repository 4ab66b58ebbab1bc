// Children who started to be looked after: by age group year on year (Westminster's Table B, with
// unaccompanied asylum-seeking children aged 14 and over apart), by category of need (Table C) and by the
// placement they started in, aged 0–13 and 14 and over (Table E).

import type { SectionBuilder } from '../context.ts';
import { childCount, childCountOf, labelColumn, percentCell, plural, row, table } from '../cells.ts';
import { CATEGORY_OF_NEED_CATEGORIES, NOT_RECORDED_KEY, PLACEMENT_GROUPS, placementGroup, placementGroupNote } from '../categories.ts';
import { ENTRANT_GROUPS, entrantsIn, type Entrant } from '../measures-care.ts';
import { forEachPeriod } from '../gather.ts';
import { periodKey } from '../periods.ts';
import { unknownCodeRows, type Category } from '../yoy.ts';
import type { ReportChart, ReportTable, TableRow } from '../types.ts';

function crossTable(spec: {
  id: string;
  caption: string;
  rowHeader: string;
  rowsOf: readonly Category[];
  rowKey: (e: Entrant) => string;
  columnsOf: readonly Category[];
  columnKey: (e: Entrant) => string;
  entrants: Entrant[];
  notes?: string[];
  /** Rows shown even with no one in them (each category of need, as Westminster's Table C shows a zero). */
  keep?: readonly string[];
}): ReportTable {
  const usedColumns = spec.columnsOf.filter((c) => c.key !== 'unknown' || spec.entrants.some((e) => spec.columnKey(e) === 'unknown'));
  const known = new Set(spec.rowsOf.map((r) => r.key));
  const extra = unknownCodeRows(spec.entrants.map(spec.rowKey), known);
  const ids = (rowKey: string | null, columnKey: string | null) =>
    spec.entrants
      .filter((e) => (rowKey === null || spec.rowKey(e) === rowKey) && (columnKey === null || spec.columnKey(e) === columnKey))
      .map((e) => e.facts.id);
  const rows: TableRow[] = [...spec.rowsOf, ...extra]
    .filter((r) => spec.keep?.includes(r.key) || ids(r.code ?? r.key, null).length > 0)
    .map((r) => row(r.key, r.label, [...usedColumns.map((c) => childCount(ids(r.code ?? r.key, c.key))), childCount(ids(r.code ?? r.key, null))]));
  return table({
    id: spec.id,
    caption: spec.caption,
    columns: [
      labelColumn(spec.rowHeader),
      ...usedColumns.map((c) => ({ key: c.key, label: c.label, kind: 'count' as const })),
      { key: 'total', label: 'Total', kind: 'count' },
    ],
    rows,
    totals: [row('total', 'Total', [...usedColumns.map((c) => childCount(ids(null, c.key))), childCount(ids(null, null))])],
    notes: spec.notes ?? [],
  });
}

export const entrantsSection: SectionBuilder = {
  id: 'entrants',
  title: 'Children who started to be looked after',
  gather(ctx) {
    forEachPeriod(ctx, entrantsIn);
  },
  build(ctx) {
    const countedNote =
      'Each child is counted once, by the first time they started to be looked after in the period; periods of short breaks only are not counted.';
    const anyUnknown = ctx.allPeriods.some((p) => entrantsIn(ctx, p).some((e) => e.group === 'unknown'));
    const groups = ENTRANT_GROUPS.filter((g) => g.key !== 'unknown' || anyUnknown);
    const byAge = table({
      id: 'entrants.age-group',
      caption: 'Children who started to be looked after, by age when they started',
      columns: [
        labelColumn('Period'),
        ...groups.map((g) => ({ key: g.key, label: g.label, kind: 'count' as const })),
        { key: 'total', label: 'Total', kind: 'count' },
      ],
      rows: ctx.allPeriods.map((p) => {
        const entrants = entrantsIn(ctx, p);
        return row(periodKey(p), p.label, [
          ...groups.map((g) => childCountOf(entrants.filter((e) => e.group === g.key), (e) => e.facts.id)),
          childCountOf(entrants, (e) => e.facts.id),
        ]);
      }),
      notes: [countedNote, 'UASC: unaccompanied asylum-seeking children; younger UASC are counted in their age group.'],
    });

    const entrants = entrantsIn(ctx, ctx.period);
    const byNeed = crossTable({
      id: 'entrants.category-of-need',
      caption: `Children who started to be looked after in ${ctx.period.label}, by category of need and age`,
      rowHeader: 'Category of need',
      rowsOf: CATEGORY_OF_NEED_CATEGORIES,
      keep: CATEGORY_OF_NEED_CATEGORIES.map((c) => c.key).filter((k) => k !== NOT_RECORDED_KEY),
      rowKey: (e) => e.categoryOfNeed || NOT_RECORDED_KEY,
      columnsOf: ENTRANT_GROUPS,
      columnKey: (e) => e.group,
      entrants,
      notes: ['Category of need of the first episode of the period of care.'],
    });
    const byPlacement = crossTable({
      id: 'entrants.placement-by-age',
      caption: `Children who started to be looked after in ${ctx.period.label}, by first placement and age`,
      rowHeader: 'First placement',
      rowsOf: PLACEMENT_GROUPS,
      rowKey: (e) => placementGroup(e),
      columnsOf: [
        { key: '0_13', label: 'Aged 0 to 13' },
        { key: '14_plus', label: 'Aged 14 and over' },
        { key: 'unknown', label: 'Date of birth not recorded' },
      ],
      columnKey: (e) => (e.age === null ? 'unknown' : e.age <= 13 ? '0_13' : '14_plus'),
      entrants,
      notes: [placementGroupNote()],
    });

    const chart: ReportChart = {
      id: 'entrants.age-group.chart',
      title: 'Children who started to be looked after, by age group',
      description: 'Stacked bars, one for each period, showing how many children of each age group started to be looked after.',
      categories: ctx.allPeriods.map((p) => p.label),
      series: groups.map((g) => ({
        name: g.label,
        values: ctx.allPeriods.map((p) => entrantsIn(ctx, p).filter((e) => e.group === g.key).length),
        kind: 'bar' as const,
        stack: 'entrants',
        axis: 'count' as const,
      })),
      horizontal: false,
      tableId: byAge.id,
    };

    const uasc14 = entrants.filter((e) => e.group === '14_plus_uasc').length;
    const summary = [
      `${plural(entrants.length, 'child', 'children')} started to be looked after in ${ctx.period.label}` +
        (entrants.length > 0 ? `, of whom ${uasc14} ${uasc14 === 1 ? 'was an unaccompanied asylum-seeking child' : 'were unaccompanied asylum-seeking children'} aged 14 or over.` : '.'),
    ];
    // Share of adolescents, as Westminster reports it.
    const adolescents = entrants.filter((e) => e.age !== null && e.age >= 14).length;
    const share = percentCell(adolescents, entrants.length);
    if (share.type === 'percent' && share.value !== null) {
      summary.push(`${adolescents} (${share.value}%) ${adolescents === 1 ? 'was' : 'were'} aged 14 or over when they started.`);
    }
    return { id: 'entrants', title: 'Children who started to be looked after', summary, tables: [byAge, byNeed, byPlacement], charts: [chart] };
  },
};
