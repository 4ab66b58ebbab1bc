// Children who stopped being looked after: by the reason their last episode ceased (Westminster's Table
// F), the orders that gave them permanence (adoption, special guardianship, child arrangements; Nottingham)
// year on year, and the DfE's long-term placement stability measure.

import type { SectionBuilder } from '../context.ts';
import { childCount, childCountOf, labelColumn, percentCell, plural, row, table } from '../cells.ts';
import {
  ADOPTION_ORDER_REASONS,
  CHILD_ARRANGEMENTS_REASONS,
  NOT_RECORDED_KEY,
  REASON_CEASED_CATEGORIES,
  SPECIAL_GUARDIANSHIP_REASONS,
} from '../categories.ts';
import { leaversIn, placementStability } from '../measures-care.ts';
import { forEachPeriod } from '../gather.ts';
import { groupIds, periodColumns, unknownCodeRows, yoyRow } from '../yoy.ts';
import type { ReportPeriodInfo } from '../types.ts';

export const leaversSection: SectionBuilder = {
  id: 'leavers',
  title: 'Children who stopped being looked after',
  gather(ctx) {
    forEachPeriod(ctx, leaversIn);
    forEachPeriod(ctx, placementStability);
  },
  build(ctx) {
    const leavers = leaversIn(ctx, ctx.period);
    const byReason = groupIds(leavers, (l) => l.reason || NOT_RECORDED_KEY, (l) => l.facts.id);
    const known = new Set(REASON_CEASED_CATEGORIES.map((c) => c.key));
    const extra = unknownCodeRows(byReason.keys(), known);
    const reasons = table({
      id: 'leavers.reason',
      caption: `Children who stopped being looked after in ${ctx.period.label}, by reason`,
      columns: [labelColumn('Reason episode ceased'), { key: 'count', label: 'Children', kind: 'count' }, { key: 'share', label: '%', kind: 'percent' }],
      rows: [...REASON_CEASED_CATEGORIES, ...extra]
        .filter((c) => byReason.has(c.code ?? c.key))
        .map((c) => row(c.key, c.label, [childCount(byReason.get(c.code ?? c.key) ?? []), percentCell(byReason.get(c.code ?? c.key)?.length ?? 0, leavers.length)])),
      totals: [row('total', 'Total', [childCountOf(leavers, (l) => l.facts.id), percentCell(leavers.length, leavers.length)])],
      notes: [
        'Each child is counted once, by the last time they stopped being looked after in the period, with the reason recorded on their last episode. Periods of short breaks only are not counted.',
      ],
    });

    const withReason = (codes: readonly string[]) => (p: ReportPeriodInfo) =>
      leaversIn(ctx, p).filter((l) => l.reason !== null && codes.includes(l.reason)).map((l) => l.facts.id);
    // Each order year on year, with its share of the period's leavers (Westminster: "3 (3%) adoption").
    const orderRow = (key: string, label: string, codes: readonly string[]) =>
      row(key, label, [...ctx.allPeriods.map((p) => childCount(withReason(codes)(p))), percentCell(withReason(codes)(ctx.period).length, leavers.length)]);
    const permanence = table({
      id: 'leavers.permanence',
      caption: 'Children who left care through an adoption, special guardianship or child arrangements order',
      columns: [labelColumn('Order'), ...periodColumns(ctx), { key: 'share', label: `% of leavers in ${ctx.period.label}`, kind: 'percent' }],
      rows: [
        orderRow('adoption', 'Adoption orders (E11, E12)', ADOPTION_ORDER_REASONS),
        orderRow('special_guardianship', 'Special guardianship orders (E45 to E48)', SPECIAL_GUARDIANSHIP_REASONS),
        orderRow('child_arrangements', 'Child arrangements orders (E41)', CHILD_ARRANGEMENTS_REASONS),
      ],
      totals: [orderRow('orders', 'Left care through one of these orders', [...ADOPTION_ORDER_REASONS, ...SPECIAL_GUARDIANSHIP_REASONS, ...CHILD_ARRANGEMENTS_REASONS])],
      notes: ['The share is of every child who stopped being looked after in the period (the table above).'],
    });

    const stability = table({
      id: 'leavers.stability',
      caption: 'Placement stability: children under 16 looked after for 2½ years or more, living with the same carer for 2 years or more',
      columns: [labelColumn('Children'), ...periodColumns(ctx)],
      rows: [
        yoyRow(ctx, 'long_term', 'Children under 16 looked after continuously for 2½ years or more', (p) =>
          childCountOf(placementStability(ctx, p).longTerm, (c) => c.facts.id),
        ),
        yoyRow(ctx, 'same_carer', 'of whom with the same carer for 2 years or more', (p) =>
          childCountOf(placementStability(ctx, p).sameCarer, (c) => c.facts.id),
        ),
        yoyRow(ctx, 'share', '% with the same carer for 2 years or more', (p) => {
          const s = placementStability(ctx, p);
          return percentCell(s.sameCarer.length, s.longTerm.length);
        }),
      ],
      notes: [
        'The DfE’s long-term stability measure, at the end of each period. A change of legal status only (RNE L), or of placement with the same carers (T, U), does not start the two years again; a change of carers (P, B) does.',
      ],
    });

    const count = (codes: readonly string[]) => leavers.filter((l) => l.reason !== null && codes.includes(l.reason)).length;
    const s = placementStability(ctx, ctx.period);
    const stable = percentCell(s.sameCarer.length, s.longTerm.length);
    const summary = [
      `${plural(leavers.length, 'child', 'children')} stopped being looked after in ${ctx.period.label}: ${count(ADOPTION_ORDER_REASONS)} through adoption, ${count(SPECIAL_GUARDIANSHIP_REASONS)} through special guardianship and ${count(CHILD_ARRANGEMENTS_REASONS)} through a child arrangements order.`,
    ];
    if (stable.type === 'percent' && stable.value !== null) {
      summary.push(`${stable.value}% of children under 16 looked after for 2½ years or more had lived with the same carer for 2 years or more.`);
    }
    return { id: 'leavers', title: 'Children who stopped being looked after', summary, tables: [reasons, permanence, stability], charts: [] };
  },
};
