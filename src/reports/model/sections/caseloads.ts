// IRO caseloads at the end of the period against the handbook's guide (50–70 children per full-time IRO,
// from the settings), and continuity for children: whose IRO changed, and how many IROs each has had in
// their current time in care.

import { SHORT_BREAK_LEGAL_STATUSES } from '../../../domain/codes.ts';
import type { IsoDate } from '../../../domain/dates.ts';
import { allocationOn } from '../../../domain/register.ts';
import type { ReportContext, SectionBuilder } from '../context.ts';
import { forEachPeriod } from '../gather.ts';
import { cellValue, childCount, childCountOf, labelColumn, numberCell, plural, percentCell, recordCount, row, table, textCell } from '../cells.ts';
import { careAtEndOf, clockAt, type ChildFacts } from '../facts.ts';
import type { RecordRef, ReportChart, ReportPeriodInfo } from '../types.ts';
import { periodColumns, yoyRow } from '../yoy.ts';

/**
 * The most IROs the caseload chart gives a bar each: beyond this, on a chart the width of a page, the bars and their
 * names cannot be told apart (a national-sized register has over a thousand).
 */
export const MOST_IROS_CHARTED_ONE_BY_ONE = 40;
/** The width of each band of children per full-time equivalent, when IROs are charted by band. */
const PER_FTE_BAND = 5;
/** Bands run up to this; IROs holding more per full-time equivalent share the last band. */
const PER_FTE_BANDS_TO = 100;

/** Children per full-time equivalent as the tables show it, to one decimal (an FTE of 0.55 makes 33 children 59.99…). */
function perFteShown(x: number): number {
  return Math.round(x * 10) / 10;
}

/** IROs holding children, by how many each holds per full-time equivalent, in bands: the large service's chart. */
function perFteBands(ctx: ReportContext, holding: readonly { perFte: number | null }[], low: number, high: number) {
  const last = PER_FTE_BANDS_TO / PER_FTE_BAND;
  const counts = new Array<number>(last + 1).fill(0);
  let unknown = 0;
  for (const i of holding) {
    // Banded as shown, to one decimal, so each IRO is in the band the table of IROs puts them in.
    if (i.perFte === null) unknown += 1;
    else counts[Math.min(last, Math.floor(perFteShown(i.perFte) / PER_FTE_BAND))]! += 1;
  }
  // From the first band anyone is in to the last: no empty bands before or after.
  const used = counts.map((n, b) => (n > 0 ? b : -1)).filter((b) => b !== -1);
  const rows = [];
  for (let b = used[0] ?? 0; b <= (used[used.length - 1] ?? -1); b += 1) {
    const from = b * PER_FTE_BAND;
    const label = b === last ? `${from} or more` : `${from} to ${(from + PER_FTE_BAND - 0.1).toFixed(1)}`;
    rows.push(row(`band:${from}`, label, [numberCell(counts[b]!, 0)]));
  }
  if (unknown > 0) rows.push(row('fte_not_recorded', 'FTE not recorded', [numberCell(unknown, 0)]));
  return table({
    id: 'caseloads.per-fte-bands',
    caption: `IROs by children per full-time equivalent, on the last day of ${ctx.period.label}`,
    columns: [labelColumn('Children per full-time equivalent'), { key: 'iros', label: 'IROs', kind: 'number' }],
    rows,
    totals: [row('total', 'Total', [numberCell(holding.length, 0)])],
    notes: [`Shown for a service with more than ${MOST_IROS_CHARTED_ONE_BY_ONE} IROs holding children, in place of a bar for each IRO. The guide is ${low} to ${high} children per full-time IRO.`],
  });
}

/** The start of the time in care that needs an IRO at the end of a day, or null when none does. */
function careNeedingIro(facts: ChildFacts, date: IsoDate): IsoDate | null {
  const care = careAtEndOf(facts, date);
  // On a short break, the time in care is the whole series of breaks, as between them (below).
  if (care && !care.period.shortBreaks) return care.period.start;
  // Between short breaks the series still has reviews due, so the child keeps their IRO. Only a child who has
  // had short breaks can be in such a series: the clock is not run for the others.
  if (!facts.episodes.some((e) => SHORT_BREAK_LEGAL_STATUSES.includes(e.legalStatus))) return null;
  const { schedule } = clockAt(facts, date);
  const run = schedule.next ? schedule.runs[schedule.next.run] : undefined;
  if (run && run.kind === 'short_breaks') return run.start;
  return care ? care.period.start : null;
}

export interface Caseloads {
  byIro: Map<number, string[]>;
  noIro: string[];
  /** Children with an IRO allocation still open though they no longer need one. */
  openAfterCare: string[];
  irosPerChild: Map<string, number>;
}

export function caseloadsAt(ctx: ReportContext, p: ReportPeriodInfo): Caseloads {
  return ctx.memo('caseloads', p, () => {
    const byIro = new Map<number, string[]>();
    const noIro: string[] = [];
    const openAfterCare: string[] = [];
    const irosPerChild = new Map<string, number>();
    for (const facts of ctx.childrenIn(p)) {
      const since = careNeedingIro(facts, p.to);
      // The register's rule: an allocation's last day is a day its IRO holds the child; on a day two cover,
      // the later one holds it.
      const open = allocationOn(facts.record.allocations, p.to);
      if (since === null) {
        // Care over by the end of the day: an allocation ending that day closed with it; one running on was left open.
        if (open && (open.to === null || open.to > p.to)) openAfterCare.push(facts.id);
        continue;
      }
      if (!open) {
        noIro.push(facts.id);
        continue;
      }
      const held = byIro.get(open.iroId);
      if (held) held.push(facts.id);
      else byIro.set(open.iroId, [facts.id]);
      // The different IROs allocated during this period of care up to the day: a child has only a few allocations.
      const iros: number[] = [];
      for (const a of facts.record.allocations) {
        if (a.from <= p.to && (a.to === null || a.to >= since) && !iros.includes(a.iroId)) iros.push(a.iroId);
      }
      irosPerChild.set(facts.id, iros.length);
    }
    return { byIro, noIro, openAfterCare, irosPerChild };
  });
}

/** The day each IRO was first allocated a child, over the whole register. */
function firstAllocations(ctx: ReportContext): Map<number, IsoDate> {
  return ctx.memo('first-allocations', ctx.period, () => {
    const first = new Map<number, IsoDate>();
    for (const facts of ctx.children) {
      for (const a of facts.record.allocations) {
        const known = first.get(a.iroId);
        if (known === undefined || a.from < known) first.set(a.iroId, a.from);
      }
    }
    return first;
  });
}

/** Changes of IRO in the period: a new allocation to a different IRO during the same period of care. */
function iroChanges(ctx: ReportContext, p: ReportPeriodInfo): RecordRef[] {
  return ctx.memo('iro-changes', p, () => {
    const changes: RecordRef[] = [];
    for (const facts of ctx.childrenIn(p)) {
      const given = facts.record.allocations;
      if (given.length < 2) continue;
      // In order of the day each began; the register nearly always gives them so, and then they are not copied.
      let ordered = true;
      for (let i = 1; i < given.length && ordered; i += 1) ordered = given[i - 1]!.from <= given[i]!.from;
      const allocations = ordered ? given : [...given].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
      for (let i = 1; i < allocations.length; i += 1) {
        const a = allocations[i]!;
        const previous = allocations[i - 1]!;
        if (a.from < p.from || a.from > p.to || previous.iroId === a.iroId) continue;
        const period = facts.periods.find((x) => x.start <= a.from && (x.end === null || x.end >= a.from));
        if (period && (previous.to === null || previous.to >= period.start)) changes.push({ childId: facts.id, date: a.from });
      }
    }
    return changes;
  });
}

export const caseloadsSection: SectionBuilder = {
  id: 'caseloads',
  title: 'IRO caseloads and continuity',
  gather(ctx) {
    caseloadsAt(ctx, ctx.period);
    firstAllocations(ctx);
    forEachPeriod(ctx, iroChanges);
  },
  build(ctx) {
    const low = ctx.settings.caseloadGuideLow;
    const high = ctx.settings.caseloadGuideHigh;
    const loads = caseloadsAt(ctx, ctx.period);
    const iroIds = new Set<number>(loads.byIro.keys());
    // An IRO in post now with no children then is listed, unless their first child came after the period: they
    // joined later. One who has never held a child is listed, since when they joined is not known.
    const firstHeld = firstAllocations(ctx);
    for (const s of ctx.staffById.values()) {
      const first = firstHeld.get(s.id);
      if (s.role === 'iro' && s.active && (first === undefined || first <= ctx.period.to)) iroIds.add(s.id);
    }
    const iros = [...iroIds]
      .map((id) => {
        const staff = ctx.staffById.get(id);
        const children = loads.byIro.get(id) ?? [];
        const fte = staff && staff.fte > 0 ? staff.fte : null;
        const perFte = fte === null ? null : children.length / fte;
        return { id, name: staff?.name ?? `Staff member ${id} (not in the staff list)`, fte, children, perFte };
      })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id));
    const holding = iros.filter((i) => i.children.length > 0);
    const allocated = holding.flatMap((i) => i.children);
    const fteTotal = holding.reduce((n, i) => n + (i.fte ?? 0), 0);
    // Per full-time IRO counts only the IROs whose FTE is recorded, their children over their FTE: an IRO with
    // no FTE would add children and no time, and push the average up.
    const withFte = holding.filter((i) => i.fte !== null);
    const childrenWithFte = withFte.reduce((n, i) => n + i.children.length, 0);
    const unknownFte = holding.length - withFte.length;
    const counts = holding.map((i) => i.children.length);
    const perFte = holding.map((i) => i.perFte).filter((x): x is number => x !== null);
    // Against the guide as shown, to one decimal: 49.99 shows as 50.0 and is within it.
    const against = (x: number | null) => {
      const shown = x === null ? null : perFteShown(x);
      return shown === 0 ? 'No children allocated' : shown === null ? 'FTE not recorded' : shown < low ? 'Below the guide' : shown > high ? 'Above the guide' : 'Within the guide';
    };
    const range = (xs: number[], decimals: number) =>
      xs.length === 0 ? '–' : `${Math.min(...xs).toFixed(decimals)} to ${Math.max(...xs).toFixed(decimals)}`;

    const summaryTable = table({
      id: 'caseloads.summary',
      caption: `IRO caseloads on the last day of ${ctx.period.label}`,
      columns: [labelColumn('Caseloads'), { key: 'value', label: 'Value', kind: 'number' }],
      rows: [
        row('iros', 'IROs holding children', [numberCell(holding.length, 0)]),
        row('fte', 'Full-time equivalent of those IROs', [numberCell(fteTotal, 2)]),
        row('children', 'Children allocated to an IRO', [childCount(allocated)]),
        row('no_iro', 'Children needing an IRO with none allocated', [childCount(loads.noIro)]),
        row('average', 'Average children per IRO', [numberCell(holding.length ? allocated.length / holding.length : null, 1)]),
        row('range', 'Fewest and most children held by one IRO', [textCell(range(counts, 0))]),
        row('average_fte', 'Average children per full-time IRO', [numberCell(fteTotal > 0 ? childrenWithFte / fteTotal : null, 1)]),
        row('range_fte', 'Fewest and most children per full-time equivalent', [textCell(range(perFte, 1))]),
        row('within', `IROs within the guide of ${low} to ${high} per full-time IRO`, [numberCell(holding.filter((i) => against(i.perFte) === 'Within the guide').length, 0)]),
        row('below', 'IROs below the guide', [numberCell(holding.filter((i) => against(i.perFte) === 'Below the guide').length, 0)]),
        row('above', 'IROs above the guide', [numberCell(holding.filter((i) => against(i.perFte) === 'Above the guide').length, 0)]),
      ],
      notes: [
        `The IRO Handbook’s guide is ${low} to ${high} children per full-time IRO; part-time IROs pro rata.`,
        'Children counted: those looked after at the end of the period, or with a series of short breaks still current, and an IRO allocation open on the last day.',
        ...(unknownFte > 0
          ? [`${plural(unknownFte, 'IRO holding children has', 'IROs holding children have')} no full-time equivalent recorded: their children are left out of the average per full-time IRO.`]
          : []),
        ...(loads.openAfterCare.length > 0
          ? [`${loads.openAfterCare.length} children no longer looked after still had an IRO allocation open; they are not counted (see data quality).`]
          : []),
      ],
    });

    const byIro = table({
      id: 'caseloads.by-iro',
      caption: `Children allocated to each IRO on the last day of ${ctx.period.label}`,
      kind: 'list',
      columns: [
        { key: 'iro', label: 'IRO', kind: 'text' },
        { key: 'fte', label: 'Full-time equivalent', kind: 'number' },
        { key: 'children', label: 'Children', kind: 'count' },
        { key: 'per_fte', label: 'Children per full-time equivalent', kind: 'number' },
        { key: 'guide', label: `Against the guide (${low} to ${high})`, kind: 'text' },
      ],
      rows: iros.map((i) => row(`iro:${i.id}`, i.name, [numberCell(i.fte, 2), childCount(i.children), numberCell(i.perFte, 1), textCell(against(i.perFte))])),
    });

    const changes = table({
      id: 'caseloads.iro-changes',
      caption: 'Children whose IRO changed',
      columns: [labelColumn('Children'), ...periodColumns(ctx)],
      rows: [
        yoyRow(ctx, 'children', 'Children whose IRO changed in the period', (p) => childCountOf(iroChanges(ctx, p), (r) => r.childId)),
        yoyRow(ctx, 'changes', 'Changes of IRO', (p) => recordCount(iroChanges(ctx, p))),
      ],
      notes: ['A change: a child allocated to a different IRO during the same period of care.'],
    });

    const perChild = [...loads.irosPerChild.entries()];
    const band = (n: number) => (n >= 4 ? '4' : String(n));
    const bands = [
      { key: '1', label: 'One IRO' },
      { key: '2', label: 'Two IROs' },
      { key: '3', label: 'Three IROs' },
      { key: '4', label: 'Four or more IROs' },
    ];
    const perChildTable = table({
      id: 'caseloads.iros-per-child',
      caption: 'Number of IROs each child has had in their current time in care',
      columns: [labelColumn('IROs'), { key: 'children', label: 'Children', kind: 'count' }, { key: 'share', label: '%', kind: 'percent' }],
      rows: bands.map((b) => {
        const ids = perChild.filter(([, n]) => band(n) === b.key).map(([id]) => id);
        return row(b.key, b.label, [childCount(ids), percentCell(ids.length, perChild.length)]);
      }),
      totals: [row('total', 'Total', [childCountOf(perChild, ([id]) => id), percentCell(perChild.length, perChild.length)])],
      notes: ['Children allocated to an IRO at the end of the period; IROs counted since the start of their current period of care (or series of short breaks).'],
    });

    // A bar for each IRO while the bars can be told apart; a large service's IROs are shown by how many children
    // each holds per full-time equivalent, in bands of five, with that table beside the chart.
    const byBand = holding.length > MOST_IROS_CHARTED_ONE_BY_ONE ? perFteBands(ctx, holding, low, high) : null;
    const chart: ReportChart = byBand
      ? {
          id: 'caseloads.per-fte-bands.chart',
          title: `IROs by children per full-time equivalent, on the last day of ${ctx.period.label}`,
          description: `Bars show how many IROs hold each number of children per full-time equivalent, in bands of ${PER_FTE_BAND}, against the guide of ${low} to ${high}.`,
          categories: byBand.rows.map((r) => (r.cells[0]?.type === 'text' ? r.cells[0].text : r.key)),
          series: [{ name: 'IROs', values: byBand.rows.map((r) => cellValue(r.cells[1])), kind: 'bar', axis: 'count' }],
          horizontal: false,
          tableId: byBand.id,
        }
      : {
          id: 'caseloads.by-iro.chart',
          title: `Children per full-time equivalent, by IRO, on the last day of ${ctx.period.label}`,
          description: `Bars show each IRO’s children per full-time equivalent, against the guide of ${low} to ${high}.`,
          categories: holding.map((i) => i.name),
          series: [{ name: 'Children per full-time equivalent', values: holding.map((i) => (i.perFte === null ? null : Number(i.perFte.toFixed(1)))), kind: 'bar', axis: 'count' }],
          horizontal: true,
          tableId: byIro.id,
        };

    const summary = [
      `${plural(allocated.length, 'child was', 'children were')} allocated to ${plural(holding.length, 'IRO', 'IROs')} (${fteTotal.toFixed(2)} full-time equivalent) at the end of ${ctx.period.label}` +
        (fteTotal > 0 ? `, an average of ${(allocated.length / fteTotal).toFixed(1)} per full-time IRO against the guide of ${low} to ${high}.` : '.'),
    ];
    if (loads.noIro.length > 0) summary.push(`${plural(loads.noIro.length, 'child', 'children')} needing an IRO had none allocated.`);
    return {
      id: 'caseloads',
      title: 'IRO caseloads and continuity',
      summary,
      tables: [summaryTable, byIro, ...(byBand ? [byBand] : []), changes, perChildTable],
      charts: holding.length > 0 ? [chart] : [],
    };
  },
};
