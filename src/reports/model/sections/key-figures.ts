// The report's key figures on one page, year on year: the numbers an executive summary quotes (children
// looked after, starting and leaving, reviews in time, participation, late notifications).

import { formatUkDate } from '../../../domain/dates.ts';
import type { SectionBuilder } from '../context.ts';
import { NOT_RECORDED, childCountOf, labelColumn, percentCell, percentage, recordCount, table } from '../cells.ts';
import { entrantsIn, leaversIn, populationAtEnd } from '../measures-care.ts';
import { childrenOnTime, heldFigures, reviewsHeldCount } from '../measures-reviews.ts';
import type { ReportPeriodInfo } from '../types.ts';
import { periodColumns, yoyRow } from '../yoy.ts';
import { forEachPeriod } from '../gather.ts';
import { notificationsRecordedIn, startRef, startsOfCare } from './notification.ts';

export const keyFiguresSection: SectionBuilder = {
  id: 'key-figures',
  title: 'Key figures',
  gather(ctx) {
    for (const measure of [populationAtEnd, entrantsIn, leaversIn, heldFigures, childrenOnTime, startsOfCare]) forEachPeriod(ctx, measure);
  },
  build(ctx) {
    const population = (p: ReportPeriodInfo) => populationAtEnd(ctx, p);
    const rows = [
      yoyRow(ctx, 'looked_after', 'Children looked after at the end of the period', (p) => childCountOf(population(p).counted, (c) => c.facts.id)),
      yoyRow(ctx, 'uasc', 'of whom unaccompanied asylum-seeking children', (p) =>
        childCountOf(population(p).counted.filter((c) => c.uasc), (c) => c.facts.id),
      ),
      yoyRow(ctx, 'short_breaks', 'Children on short breaks only in the period, not counted above', (p) => childCountOf(population(p).shortBreaksOnly, (f) => f.id)),
      yoyRow(ctx, 'started', 'Children who started to be looked after', (p) => childCountOf(entrantsIn(ctx, p), (e) => e.facts.id)),
      yoyRow(ctx, 'stopped', 'Children who stopped being looked after', (p) => childCountOf(leaversIn(ctx, p), (l) => l.facts.id)),
      yoyRow(ctx, 'reviews', 'Reviews held', (p) => reviewsHeldCount(ctx, p, (f) => f.held)),
      yoyRow(ctx, 'reviews_in_time', '% of reviews held within timescale', (p) => {
        const f = heldFigures(ctx, p);
        return percentCell(f.inTime, f.held);
      }),
      yoyRow(ctx, 'children_on_time', '% of children whose reviews were all on time', (p) => {
        const c = childrenOnTime(ctx, p);
        return percentCell(c.allOnTime.length, c.eligible.length);
      }),
      yoyRow(ctx, 'contributed', '% of reviews of children aged 4 or over where the child contributed', (p) => {
        const f = heldFigures(ctx, p);
        return percentCell(f.contributed, f.aged4Plus);
      }),
      yoyRow(ctx, 'attended', '% of reviews of children aged 4 or over where the child attended', (p) => {
        const f = heldFigures(ctx, p);
        return percentCell(f.attended, f.aged4Plus);
      }),
      yoyRow(ctx, 'late_notifications', 'Late notifications to the IRO service', (p) =>
        notificationsRecordedIn(ctx, p) ? recordCount(startsOfCare(ctx, p).filter((s) => s.notification === 'late'), startRef) : NOT_RECORDED,
      ),
      yoyRow(ctx, 'allocated_in_time', `% of new periods of care with an IRO allocated within ${ctx.settings.allocationWorkingDays} working days`, (p) => {
        const starts = startsOfCare(ctx, p).filter((s) => s.allocation !== 'not_yet_due');
        return percentCell(starts.filter((s) => s.allocation === 'in_time').length, starts.length);
      }),
    ];
    const keyTable = table({
      id: 'key-figures.summary',
      caption: 'Key figures',
      columns: [labelColumn('Measure'), ...periodColumns(ctx, 'number')],
      rows,
      notes: ['Each figure is defined in the section that shows it in full.'],
    });

    const now = population(ctx.period).counted.length;
    const previous = ctx.comparisons[ctx.comparisons.length - 1];
    const summary: string[] = [];
    // A period that starts before the register's records (an import of later years only, a mistyped year)
    // would be undercounted without a word: the first thing the report says is that it is incomplete.
    const recordsFrom = ctx.recordsFrom;
    if (recordsFrom !== null && ctx.period.from < recordsFrom) {
      summary.push(
        `The register’s records begin on ${formatUkDate(recordsFrom)}, after this period starts: children who left care before then are not in it, so the figures for this period are incomplete.`,
      );
    }
    if (previous) {
      const before = population(previous).counted.length;
      const change = now - before;
      const pct = percentage(Math.abs(change), before);
      summary.push(
        change === 0
          ? `The number of children looked after was unchanged at ${now} on ${formatUkDate(ctx.period.to)}.`
          : `The number of children looked after ${change > 0 ? 'rose' : 'fell'} by ${Math.abs(change)}${pct === null ? '' : ` (${pct}%)`} to ${now} on ${formatUkDate(ctx.period.to)}.`,
      );
    } else {
      summary.push(`${now} children were looked after on ${formatUkDate(ctx.period.to)}.`);
    }
    const f = heldFigures(ctx, ctx.period);
    const inTime = percentage(f.inTime, f.held);
    if (inTime !== null) summary.push(`${f.held} reviews were held, ${inTime}% within the statutory timescales.`);
    const contributed = percentage(f.contributed, f.aged4Plus);
    const attended = percentage(f.attended, f.aged4Plus);
    if (contributed !== null && attended !== null) {
      summary.push(`${contributed}% of children aged 4 or over contributed to their review and ${attended}% attended.`);
    }
    return { id: 'key-figures', title: 'Key figures', summary, tables: [keyTable], charts: [] };
  },
};
