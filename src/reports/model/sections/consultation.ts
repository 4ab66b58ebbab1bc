// Consultation before reviews: how many requests for views went out in the period and how many came back,
// by who was asked (child, parent, carer, social worker) and, for children, by age group on the review date;
// the return rate year on year; and the children who asked for an advocate on their form (Dudley: advocacy
// take-up was poor). A request counts as returned when its answers came back by the end of the period.

import { ageInYears, type IsoDate } from '../../../domain/dates.ts';
import { AGE_GROUPS, AGE_GROUP_LABELS, RESPONDENT_LABELS, RESPONDENT_TYPES, ageGroupFor, type AgeGroup } from '../../../domain/consultation.ts';
import type { ConsultationRecord } from '../../input.ts';
import type { ReportContext, SectionBuilder } from '../context.ts';
import { childById } from '../facts.ts';
import { NOT_RECORDED, childCount, countWhere, dateCell, labelColumn, percentCell, plural, recordCount, recordCountWhere, row, table } from '../cells.ts';
import type { ReportPeriodInfo, TableColumn, TableRow } from '../types.ts';
import { periodColumns, yoyRow } from '../yoy.ts';

const within = (date: IsoDate | null, p: ReportPeriodInfo) => date !== null && date >= p.from && date <= p.to;
const returnedBy = (r: ConsultationRecord, p: ReportPeriodInfo) => r.answeredOn !== null && r.answeredOn <= p.to;
const ref = (r: ConsultationRecord) => ({ childId: r.childId, date: r.sentOn });

/** The requests sent in each period of the report, found in one pass over every request rather than one a period. */
function sentInEachPeriod(ctx: ReportContext): ConsultationRecord[][] {
  return ctx.memo('consultation-sent-each', ctx.period, () => {
    const periods = ctx.allPeriods;
    const sent = periods.map((): ConsultationRecord[] => []);
    for (const r of ctx.input.consultation ?? []) {
      for (let i = 0; i < periods.length; i += 1) if (within(r.sentOn, periods[i]!)) sent[i]!.push(r);
    }
    return sent;
  });
}

function sentIn(ctx: ReportContext, p: ReportPeriodInfo): ConsultationRecord[] {
  const at = ctx.allPeriods.indexOf(p);
  if (at !== -1) return sentInEachPeriod(ctx)[at]!;
  return ctx.memo('consultation-sent', p, () => (ctx.input.consultation ?? []).filter((r) => within(r.sentOn, p)));
}

/** Requests grouped by a key, each group in the order given. */
function groupedBy<K>(records: readonly ConsultationRecord[], key: (r: ConsultationRecord) => K): Map<K, ConsultationRecord[]> {
  const groups = new Map<K, ConsultationRecord[]>();
  for (const r of records) {
    const k = key(r);
    const group = groups.get(k);
    if (group) group.push(r);
    else groups.set(k, [r]);
  }
  return groups;
}

/** Whether requests were recorded by then: before the first request, a period shows "not recorded", not zero. */
function recordedIn(ctx: ReportContext, p: ReportPeriodInfo): boolean {
  // Worked out once for the report (every cell asks), not once per cell over every request.
  const first = ctx.memo('first-consultation', ctx.period, () =>
    (ctx.input.consultation ?? []).reduce<IsoDate | null>((min, r) => (min === null || r.sentOn < min ? r.sentOn : min), null),
  );
  return first !== null && first <= p.to;
}

const COLUMNS: TableColumn[] = [
  { key: 'sent', label: 'Requests sent', kind: 'count' },
  { key: 'returned', label: 'Returned', kind: 'count' },
  { key: 'rate', label: '% returned', kind: 'percent' },
];

function rateRow(key: string, label: string, records: ConsultationRecord[], p: ReportPeriodInfo, recorded: boolean): TableRow {
  if (!recorded) return row(key, label, [NOT_RECORDED, NOT_RECORDED, NOT_RECORDED]);
  const back = (r: ConsultationRecord) => returnedBy(r, p);
  return row(key, label, [recordCount(records, ref), recordCountWhere(records, back, ref), percentCell(countWhere(records, back), records.length)]);
}

export const consultationSection: SectionBuilder = {
  id: 'consultation',
  title: 'Consultation before reviews',
  build(ctx) {
    const p = ctx.period;
    const recorded = recordedIn(ctx, p);
    const sent = sentIn(ctx, p);
    const dateOfBirth = { get: (id: string) => childById(ctx, id)?.dateOfBirth };
    // A child under 4 can still be sent the easy-read form: counted in a row of their own, not as age unknown.
    const groupOf = (r: ConsultationRecord): AgeGroup | 'under_4' | 'unknown' => {
      const dob = dateOfBirth.get(r.childId) ?? null;
      if (dob === null || r.reviewDate === null || dob > r.reviewDate) return 'unknown';
      return ageGroupFor(ageInYears(dob, r.reviewDate)) ?? 'under_4';
    };

    const byRespondent = groupedBy(sent, (r) => r.respondent);
    const respondents = table({
      id: 'consultation.respondents',
      caption: `Consultation forms sent and returned in ${p.label}, by who was asked`,
      columns: [labelColumn('Who was asked'), ...COLUMNS],
      rows: RESPONDENT_TYPES.map((t) => rateRow(t, RESPONDENT_LABELS[t], byRespondent.get(t) ?? [], p, recorded)),
      totals: [rateRow('total', 'All', sent, p, recorded)],
      notes: [
        recorded
          ? 'A request is counted when it reached the person (e-mail delivered or printed link made), and as returned when the answers came back by the end of the period.'
          : 'Consultation forms are not recorded for this period.',
      ],
    });

    const children = byRespondent.get('child') ?? [];
    const groups = groupedBy(children, groupOf);
    const inGroup = (g: AgeGroup | 'under_4' | 'unknown') => groups.get(g) ?? [];
    const under4 = inGroup('under_4');
    const unknown = inGroup('unknown');
    const byAge = table({
      id: 'consultation.age-groups',
      caption: `Children’s forms sent and returned in ${p.label}, by age on the review date`,
      columns: [labelColumn('Age group'), ...COLUMNS],
      rows: [
        ...AGE_GROUPS.map((g) => rateRow(g, AGE_GROUP_LABELS[g], inGroup(g), p, recorded)),
        ...(under4.length > 0 ? [rateRow('under_4', 'Under 4', under4, p, recorded)] : []),
        ...(unknown.length > 0 ? [rateRow('unknown', 'Age not known (no date of birth or review date)', unknown, p, recorded)] : []),
      ],
      totals: [rateRow('total', 'All children', children, p, recorded)],
      notes: ['Children under 4 are not usually asked with a form (their reviews are coded PN0); any who were are shown apart.'],
    });

    const yoy = table({
      id: 'consultation.return-rate',
      caption: 'Consultation forms returned, year on year',
      columns: [labelColumn('Consultation forms'), ...periodColumns(ctx)],
      rows: [
        yoyRow(ctx, 'sent', 'Requests sent', (q) => (recordedIn(ctx, q) ? recordCount(sentIn(ctx, q), ref) : NOT_RECORDED)),
        yoyRow(ctx, 'returned', 'Returned', (q) => (recordedIn(ctx, q) ? recordCountWhere(sentIn(ctx, q), (r) => returnedBy(r, q), ref) : NOT_RECORDED)),
        yoyRow(ctx, 'rate', '% returned', (q) => {
          if (!recordedIn(ctx, q)) return NOT_RECORDED;
          const all = sentIn(ctx, q);
          return percentCell(countWhere(all, (r) => returnedBy(r, q)), all.length);
        }),
      ],
    });

    // Children whose own form came back in the period, and those of them who asked for an advocate (once each).
    const childForms = (ctx.input.consultation ?? []).filter((r) => r.respondent === 'child' && within(r.answeredOn, p));
    const firstAsked = new Map<string, IsoDate>();
    for (const r of childForms) {
      const earlier = firstAsked.get(r.childId);
      if (r.askedForAdvocate && (earlier === undefined || r.answeredOn! < earlier)) firstAsked.set(r.childId, r.answeredOn!);
    }
    const answeredChildren = new Set(childForms.map((r) => r.childId));
    const advocacy = table({
      id: 'consultation.advocacy',
      caption: `Children who asked for an advocate on their form, ${p.label}`,
      columns: [labelColumn('Children'), { key: 'children', label: p.label, kind: 'count' }],
      rows: [
        row('answered', 'Children who sent back their form', [recorded ? childCount(answeredChildren) : NOT_RECORDED]),
        row('asked', 'Asked for an advocate', [recorded ? childCount(firstAsked.keys()) : NOT_RECORDED]),
        row('share', '% of those who sent back their form', [recorded ? percentCell(firstAsked.size, answeredChildren.size) : NOT_RECORDED]),
      ],
      notes: ['A child is counted once however many forms they sent. Whether an advocate was then found is recorded on the child’s file.'],
    });
    const advocateList = table({
      id: 'consultation.advocates',
      caption: `Children who asked for an advocate, ${p.label}`,
      kind: 'list',
      columns: [
        { key: 'child', label: 'Child', kind: 'text' },
        { key: 'asked', label: 'Asked on', kind: 'date' },
      ],
      rows: [...firstAsked].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([childId, date]) => row(`advocate:${childId}`, childId, [dateCell(date)])),
    });

    const summary: string[] = [];
    if (recorded) {
      const back = countWhere(sent, (r) => returnedBy(r, p));
      const rate = percentCell(back, sent.length);
      summary.push(
        `${plural(sent.length, 'consultation form was', 'consultation forms were')} sent in ${p.label} and ${back} returned${rate.type === 'percent' && rate.value !== null ? ` (${rate.value}%)` : ''}.`,
        `${plural(firstAsked.size, 'child', 'children')} asked for an advocate on their form.`,
      );
    } else {
      summary.push('Consultation forms are not recorded for this period.');
    }
    return { id: 'consultation', title: 'Consultation before reviews', summary, tables: [respondents, byAge, yoy, advocacy, advocateList], charts: [] };
  },
};
