// Children looked after at the end of the period, by age band, sex, ethnicity, legal status, placement and
// UASC, each year on year (Nottingham's 2017–2022 tables, Westminster's Tables A and D). Children on short
// breaks only are counted apart, as the DfE and Nottingham do.

import { formatUkDate } from '../../../domain/dates.ts';
import type { SectionBuilder } from '../context.ts';
import { cellValue, childCountOf, labelColumn, plural, table } from '../cells.ts';
import {
  ETHNICITY_CATEGORIES,
  LEGAL_STATUS_CATEGORIES,
  NOT_RECORDED_KEY,
  PLACEMENT_GROUPS,
  SEX_CATEGORIES,
  placementGroup,
  placementGroupNote,
} from '../categories.ts';
import { AGE_BANDS, ageBand, populationAtEnd, type LookedAfterChild } from '../measures-care.ts';
import { categoryTable, periodColumns, yoyRow } from '../yoy.ts';
import { forEachPeriod } from '../gather.ts';
import type { ReportChart, ReportPeriodInfo } from '../types.ts';

export const populationSection: SectionBuilder = {
  id: 'population',
  title: 'Children looked after',
  gather(ctx) {
    forEachPeriod(ctx, populationAtEnd);
  },
  build(ctx) {
    // The children looked after at the end of each period, each once, by a category.
    const byKey = (categoryOf: (c: LookedAfterChild) => string) => ({
      items: (p: ReportPeriodInfo) => populationAtEnd(ctx, p).counted,
      categoryOf,
      childOf: (c: LookedAfterChild) => c.facts.id,
    });

    const endNote = `Children looked after at the end of each period (on ${formatUkDate(ctx.period.to)} for ${ctx.period.label}); children whose care ended on that day have left. Children on short breaks only are not included.`;
    const ageTable = categoryTable(ctx, {
      id: 'population.age-band',
      caption: 'Children looked after at the end of the period, by age',
      rowHeader: 'Age',
      // "Date of birth not recorded" appears only when someone has none (they are listed under data quality).
      categories: AGE_BANDS,
      ...byKey((c) => ageBand(c.age)),
      keepEmpty: AGE_BANDS.filter((b) => b.key !== 'unknown').map((b) => b.key),
      notes: [endNote, 'Age in whole years on the last day of the period.'],
    });

    const sex = categoryTable(ctx, {
      id: 'population.sex',
      caption: 'Children looked after at the end of the period, by sex',
      rowHeader: 'Sex',
      categories: SEX_CATEGORIES,
      ...byKey((c) => c.sex),
    });
    const ethnicity = categoryTable(ctx, {
      id: 'population.ethnicity',
      caption: 'Children looked after at the end of the period, by ethnicity',
      rowHeader: 'Ethnicity',
      categories: ETHNICITY_CATEGORIES,
      ...byKey((c) => c.ethnicity ?? NOT_RECORDED_KEY),
    });
    const legal = categoryTable(ctx, {
      id: 'population.legal-status',
      caption: 'Children looked after at the end of the period, by legal status',
      rowHeader: 'Legal status',
      categories: LEGAL_STATUS_CATEGORIES,
      ...byKey((c) => c.legalStatus),
    });
    const placement = categoryTable(ctx, {
      id: 'population.placement',
      caption: 'Children looked after at the end of the period, by placement',
      rowHeader: 'Placement',
      categories: PLACEMENT_GROUPS,
      ...byKey((c) => placementGroup(c)),
      notes: [placementGroupNote()],
    });
    const uasc = categoryTable(ctx, {
      id: 'population.uasc',
      caption: 'Unaccompanied asylum-seeking children (UASC) looked after at the end of the period',
      rowHeader: 'UASC',
      categories: [
        { key: 'uasc', label: 'Unaccompanied asylum-seeking children' },
        { key: 'not_uasc', label: 'Other children' },
      ],
      ...byKey((c) => (c.uasc ? 'uasc' : 'not_uasc')),
      keepEmpty: true,
    });
    const shortBreaks = table({
      id: 'population.short-breaks',
      caption: 'Children on short breaks only (legal status V3 or V4), not counted in the tables above',
      columns: [labelColumn('Children'), ...periodColumns(ctx)],
      rows: [
        yoyRow(ctx, 'short_breaks', 'Children whose only care in the period, or whose care at its end, was short breaks', (p) =>
          childCountOf(populationAtEnd(ctx, p).shortBreaksOnly, (f) => f.id),
        ),
      ],
    });

    const chart: ReportChart = {
      id: 'population.age-band.chart',
      title: 'Children looked after at the end of each period, by age',
      description: 'Stacked bars, one for each period, showing the number of children looked after in each age band.',
      categories: ctx.allPeriods.map((p) => p.label),
      // One stack per period, one colour per age band, as Nottingham's chart.
      series: ageTable.rows.map((r) => ({
        name: r.cells[0]?.type === 'text' ? r.cells[0].text : r.key,
        values: ctx.allPeriods.map((_, j) => cellValue(r.cells[j + 1])),
        kind: 'bar' as const,
        stack: 'age',
        axis: 'count' as const,
      })),
      horizontal: false,
      tableId: ageTable.id,
    };

    const current = populationAtEnd(ctx, ctx.period);
    const previous = ctx.comparisons[ctx.comparisons.length - 1];
    const summary = [
      `${plural(current.counted.length, 'child was', 'children were')} looked after on ${formatUkDate(ctx.period.to)}` +
        (previous ? ` (${populationAtEnd(ctx, previous).counted.length} on ${formatUkDate(previous.to)}).` : '.'),
    ];
    if (current.shortBreaksOnly.length > 0) {
      summary.push(`A further ${plural(current.shortBreaksOnly.length, 'child was', 'children were')} on short breaks only, not counted above.`);
    }
    return {
      id: 'population',
      title: 'Children looked after',
      summary,
      tables: [ageTable, sex, ethnicity, legal, placement, uasc, shortBreaks],
      charts: [chart],
    };
  },
};
