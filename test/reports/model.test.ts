// Every table of the report against figures worked out by hand for a small authority (test/reports/builders.ts
// explains each child). Reported for 2023-24, compared with the four earlier years the data covers.

import { describe, expect, it } from 'vitest';
import { STANDARD_SECTIONS, buildReportModel, type SectionBuilder } from '../../src/reports/model.ts';
import { allocation, childRecord, episode, handBuiltChildren, handBuiltInput } from './builders.ts';
import { CURRENT, PREVIOUS, across, findTable, ids, value } from './lookup.ts';

const model = buildReportModel(handBuiltInput());
const t = (id: string) => findTable(model, id);

describe('the report for 2023-24', () => {
  it('names the period and compares with the earlier years the data covers', () => {
    expect(model.period).toEqual({ from: '2023-04-01', to: '2024-03-31', label: '2023-24' });
    expect(model.title).toBe('Independent Reviewing Service annual report');
    // G's care began 2020-03-02, so 2019-20 is the earliest year with anything to count.
    expect(model.comparisonPeriods.map((p) => p.label)).toEqual(['2019-20', '2020-21', '2021-22', '2022-23']);
  });

  it('counts children looked after at the end, by age band, sex, ethnicity, legal status, placement and UASC', () => {
    const age = t('population.age-band');
    expect(across(age, 'total')).toEqual([1, 2, 3, 3, 3]);
    expect(ids(age, 'total', CURRENT)).toEqual(['A', 'B', 'E']);
    expect(value(age, 'under_1', CURRENT)).toBe(0);
    expect(ids(age, '1_4', CURRENT)).toEqual(['B']);
    expect(ids(age, '10_15', CURRENT)).toEqual(['A']);
    expect(ids(age, 'unknown', CURRENT)).toEqual(['E']);
    expect(value(age, '16_plus', CURRENT)).toBe(0);
    expect(value(age, '1_4', 'share')).toBe(33.3);
    expect(ids(age, '5_9', PREVIOUS)).toEqual(['G']);

    const sex = t('population.sex');
    expect([value(sex, 'M', CURRENT), value(sex, 'F', CURRENT), value(sex, 'U', CURRENT)]).toEqual([1, 1, 1]);
    const ethnicity = t('population.ethnicity');
    expect(ethnicity.rows.map((r) => r.key)).toEqual(['WBRI', 'MWBC', 'not_recorded']);
    expect(ids(ethnicity, 'not_recorded', CURRENT)).toEqual(['E']);
    expect(ids(t('population.legal-status'), 'C2', CURRENT)).toEqual(['A', 'B', 'E']);
    const placement = t('population.placement');
    expect(ids(placement, 'council_foster', CURRENT)).toEqual(['A']);
    expect(ids(placement, 'agency_foster', CURRENT)).toEqual(['B']);
    expect(ids(placement, 'childrens_homes', CURRENT)).toEqual(['E']);
    expect(ids(placement, 'kinship_foster', PREVIOUS)).toEqual(['G']);
    expect(across(t('population.uasc'), 'uasc')).toEqual([0, 0, 0, 0, 0]);
    // D's short breaks are shown apart and counted nowhere else in the population.
    expect(ids(t('population.short-breaks'), 'short_breaks', CURRENT)).toEqual(['D']);
  });

  it('counts entrants by age group (Table B), category of need (Table C) and first placement (Table E)', () => {
    const b = t('entrants.age-group');
    expect(b.rows.map((r) => r.key)).toEqual(['period:2019-04-01', 'period:2020-04-01', 'period:2021-04-01', 'period:2022-04-01', CURRENT]);
    expect(ids(b, CURRENT, '0_5')).toEqual(['B']);
    expect(ids(b, CURRENT, '6_13')).toEqual(['H']);
    expect(value(b, CURRENT, '14_plus')).toBe(0);
    expect(ids(b, CURRENT, '14_plus_uasc')).toEqual(['C']);
    expect(value(b, CURRENT, 'total')).toBe(3);
    expect(ids(b, 'period:2021-04-01', 'unknown')).toEqual(['E']);
    expect(ids(b, 'period:2019-04-01', '0_5')).toEqual(['G']);

    const c = t('entrants.category-of-need');
    // Every category of need, a zero where no child started (as Westminster's Table C shows them).
    expect(c.rows.map((r) => r.key)).toEqual(['N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8']);
    expect(value(c, 'N2', 'total')).toBe(0);
    expect(ids(c, 'N8', '14_plus_uasc')).toEqual(['C']);
    expect(value(c, 'total', 'total')).toBe(3);

    const e = t('entrants.placement-by-age');
    expect(ids(e, 'agency_foster', '0_13')).toEqual(['B']);
    expect(ids(e, 'supported_accommodation', '14_plus')).toEqual(['C']);
    expect(ids(e, 'childrens_homes', '0_13')).toEqual(['H']);
    expect(ids(e, 'total', '0_13')).toEqual(['B', 'H']);
  });

  it('counts leavers by reason (Table F), permanence orders and placement stability', () => {
    const f = t('leavers.reason');
    expect(f.rows.map((r) => r.key)).toEqual(['E4A', 'E45', 'E15']);
    expect(ids(f, 'E45', 'count')).toEqual(['G']);
    expect(value(f, 'E15', 'share')).toBe(33.3);
    expect(value(f, 'total', 'count')).toBe(3);

    const orders = t('leavers.permanence');
    expect(across(orders, 'special_guardianship')).toEqual([0, 0, 0, 0, 1]);
    expect(across(orders, 'adoption')).toEqual([0, 0, 0, 0, 0]);
    expect(across(orders, 'child_arrangements')).toEqual([0, 0, 0, 0, 0]);
    // G's special guardianship order is one of the 3 leavers; the total is the orders', not every leaver.
    expect(value(orders, 'special_guardianship', 'share')).toBe(33.3);
    expect(value(orders, 'orders', CURRENT)).toBe(1);
    expect(value(orders, 'orders', 'share')).toBe(33.3);

    // A: under 16, in care since 2021-01-04, same placement. E has no date of birth. G in 2022-23.
    const stability = t('leavers.stability');
    expect(ids(stability, 'long_term', CURRENT)).toEqual(['A']);
    expect(ids(stability, 'same_carer', CURRENT)).toEqual(['A']);
    expect(across(stability, 'share')).toEqual([null, null, null, 100, 100]);
  });

  it('gives Table G: reviews held within and outside timescale, year on year', () => {
    const g = t('timeliness.reviews');
    expect(across(g, 'held')).toEqual([1, 3, 5, 6, 10]);
    expect(across(g, 'in_time')).toEqual([1, 3, 5, 6, 7]);
    expect(across(g, 'late')).toEqual([0, 0, 0, 0, 3]);
    expect(value(g, 'share', CURRENT)).toBe(70);
    expect(ids(g, 'late', CURRENT)).toEqual(['A', 'B', 'C']);
    // The review recorded for G after care ended is not counted.
    expect(ids(g, 'held', CURRENT)).not.toContain('G');
  });

  it('splits reviews by kind and by month', () => {
    const kind = t('timeliness.by-type');
    expect(kind.rows.map((r) => [r.key, value(kind, r.key, 'held'), value(kind, r.key, 'in_time')])).toEqual([
      ['first_20_working_days', 2, 1],
      ['second_3_months', 2, 1],
      ['subsequent_6_months', 4, 3],
      ['short_break_first_3_months', 1, 1],
      ['short_break_6_months', 1, 1],
    ]);
    const month = t('timeliness.by-month');
    expect(month.rows).toHaveLength(12);
    expect(month.rows.map((r) => value(month, r.key, 'held'))).toEqual([2, 0, 1, 1, 0, 2, 3, 0, 0, 0, 0, 1]);
    expect(month.rows.map((r) => value(month, r.key, 'late'))).toEqual([0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0]);
    expect(value(month, '2023-05', 'share')).toBeNull();
  });

  it('counts children whose reviews were all on time and lists the late reviews', () => {
    const children = t('timeliness.children');
    expect(ids(children, 'eligible', CURRENT)).toEqual(['A', 'B', 'C', 'E', 'G', 'H']);
    expect(ids(children, 'all_on_time', CURRENT)).toEqual(['E', 'G']);
    expect(value(children, 'share', CURRENT)).toBe(33.3);

    expect(ids(t('timeliness.not-held'), 'never_held', 'count')).toEqual(['H']);
    expect(value(t('timeliness.not-held'), 'overdue_at_end', 'count')).toBe(0);
    const list = t('timeliness.late-reviews');
    expect(list.kind).toBe('list');
    expect(list.rows.map((r) => [value(list, r.key, 'child'), value(list, r.key, 'due'), value(list, r.key, 'held'), value(list, r.key, 'days_late')])).toEqual([
      ['H', '2023-05-04', null, 57],
      ['C', '2023-06-13', '2023-06-20', 7],
      ['B', '2023-10-03', '2023-10-10', 7],
      ['A', '2023-10-05', '2023-10-12', 7],
    ]);
  });

  it('gives Table H and the participation measures for children aged 4 or over', () => {
    const h = t('participation.codes');
    expect(h.rows.map((r) => [r.key, value(h, r.key, 'count')])).toEqual([
      ['PN0', 1],
      ['PN1', 5],
      ['PN2', 0],
      ['PN3', 1],
      ['PN4', 0],
      ['PN5', 1],
      ['PN6', 1],
      ['PN7', 1],
    ]);
    expect(value(h, 'total', 'count')).toBe(10);
    const m = t('participation.measures');
    // A twice, C twice, D twice; E has no date of birth and B's PN1 does not fit a child under 4.
    expect(ids(m, 'aged_4_plus', CURRENT)).toEqual(['A', 'C', 'D']);
    expect(value(m, 'aged_4_plus', CURRENT)).toBe(6);
    expect(value(m, 'contributed', CURRENT)).toBe(5);
    expect(value(m, 'contributed_share', CURRENT)).toBe(83.3);
    expect(value(m, 'attended', CURRENT)).toBe(3);
    expect(value(m, 'attended_share', CURRENT)).toBe(50);
  });

  it('counts reviews rearranged and cancelled by reason', () => {
    const s = t('rearrangements.summary');
    expect(value(s, 'reviews_rearranged', CURRENT)).toBe(2);
    expect(value(s, 'rearrangements', CURRENT)).toBe(2);
    expect(ids(s, 'cancelled', CURRENT)).toEqual(['E']);
    const r = t('rearrangements.reasons');
    expect(r.rows.map((x) => [x.key, value(r, x.key, 'rearranged'), value(r, x.key, 'cancelled')])).toEqual([
      ['court_timetable', 1, 0],
      ['iro_unavailable', 1, 0],
      ['childs_wish', 0, 1],
    ]);
  });

  it('counts late notifications and allocation within 5 working days', () => {
    const n = t('notification.late');
    expect(value(n, 'started', CURRENT)).toBe(3);
    expect(ids(n, 'in_time', CURRENT)).toEqual(['B']);
    expect(ids(n, 'late', CURRENT)).toEqual(['C']);
    expect(ids(n, 'not_recorded', CURRENT)).toEqual(['H']);
    // Earlier years have no notification dates at all: not recorded, not zero (2022-23 had no one start).
    expect(value(n, 'late', 'period:2021-04-01')).toBe('not recorded');
    expect(value(n, 'late', PREVIOUS)).toBe(0);
    const a = t('notification.allocation');
    expect(ids(a, 'in_time', CURRENT)).toEqual(['C']);
    expect(ids(a, 'late', CURRENT)).toEqual(['B']);
    expect(ids(a, 'none', CURRENT)).toEqual(['H']);
    expect(value(a, 'share', CURRENT)).toBe(33.3);
    const list = t('notification.late-list');
    expect(list.rows.map((r) => [value(list, r.key, 'child'), value(list, r.key, 'notified_days'), value(list, r.key, 'allocated_days')])).toEqual([
      ['B', 1, 7],
      ['C', 10, 0],
      ['H', null, null],
    ]);
  });

  it('gives caseloads per IRO and per FTE against the guide, IRO changes and IROs per child', () => {
    const c = t('caseloads.summary');
    expect(value(c, 'iros', 'value')).toBe(2);
    expect(value(c, 'fte', 'value')).toBe(1.5);
    // D keeps her IRO between short breaks; G's allocation was left open after care ended.
    expect(ids(c, 'children', 'value')).toEqual(['A', 'B', 'D', 'E']);
    expect(value(c, 'no_iro', 'value')).toBe(0);
    expect(value(c, 'average', 'value')).toBe(2);
    expect(value(c, 'range', 'value')).toBe('2 to 2');
    expect(value(c, 'average_fte', 'value')).toBe(2.7);
    expect(value(c, 'range_fte', 'value')).toBe('2.0 to 4.0');
    expect(value(c, 'below', 'value')).toBe(2);
    const byIro = t('caseloads.by-iro');
    expect(byIro.rows.map((r) => [value(byIro, r.key, 'iro'), value(byIro, r.key, 'children'), value(byIro, r.key, 'per_fte')])).toEqual([
      ['Ada Iro', 2, 2],
      ['Ben Iro', 2, 4],
      ['Cal Iro', 0, 0],
    ]);
    expect(ids(t('caseloads.iro-changes'), 'children', CURRENT)).toEqual(['E']);
    const perChild = t('caseloads.iros-per-child');
    expect(ids(perChild, '1', 'children')).toEqual(['A', 'B', 'D']);
    expect(ids(perChild, '2', 'children')).toEqual(['E']);
  });

  it('gives mid-point coverage without intervals under 8 weeks, decisions, records and actions', () => {
    const m = t('monitoring.midpoint');
    // C's last interval (review 18 September 2023, next due 18 March 2024) was left open when C left care on 20
    // January; its midpoint, 18 December, came while C was looked after, so it counts, with no check.
    expect(value(m, 'intervals', CURRENT)).toBe(13);
    expect(ids(m, 'short', CURRENT)).toEqual(['B', 'C', 'H']);
    expect(value(m, 'counted', CURRENT)).toBe(10);
    expect(value(m, 'checked', CURRENT)).toBe(5);
    expect(value(m, 'share', CURRENT)).toBe(50);
    expect(value(m, 'share', PREVIOUS)).toBe('not recorded');

    const d = t('monitoring.decisions');
    expect([value(d, 'within', 'decisions'), value(d, 'outside', 'decisions'), value(d, 'no_record', 'decisions')]).toEqual([1, 1, 8]);
    expect([value(d, 'within', 'record'), value(d, 'outside', 'record')]).toEqual([0, 2]);
    expect(value(d, 'share', 'decisions')).toBe(50);

    const a = t('monitoring.actions');
    expect([value(a, 'set', 'count'), value(a, 'completed', 'count'), value(a, 'completed_on_time', 'count'), value(a, 'open', 'count'), value(a, 'overdue', 'count')]).toEqual([
      3, 1, 1, 2, 1,
    ]);
  });

  it('lists the records that could not be counted', () => {
    const list = t('data-quality.issues');
    expect(list.rows.map((r) => [value(list, r.key, 'child'), value(list, r.key, 'problem'), value(list, r.key, 'date')])).toEqual([
      ['F', 'Episodes overlap', null],
      ['E', 'No date of birth', null],
      ['G', 'Review held when the child was not looked after', '2023-07-15'],
      ['B', 'Participation code does not fit the child’s age', '2023-10-10'],
      ['G', 'IRO allocation still open after care ended', '2024-03-31'],
    ]);
    // F is counted nowhere.
    for (const section of model.sections) {
      if (section.id === 'data-quality') continue;
      for (const table of section.tables) for (const r of [...table.rows, ...table.totals]) for (const c of r.cells) if (c.type === 'count') expect(c.childIds).not.toContain('F');
    }
  });

  it('shows key figures year on year', () => {
    const k = t('key-figures.summary');
    expect(across(k, 'looked_after')).toEqual([1, 2, 3, 3, 3]);
    expect(across(k, 'started')).toEqual([1, 1, 1, 0, 3]);
    expect(across(k, 'reviews_in_time')).toEqual([100, 100, 100, 100, 70]);
    expect(value(k, 'late_notifications', CURRENT)).toBe(1);
    expect(value(k, 'late_notifications', 'period:2021-04-01')).toBe('not recorded');
    expect(model.sections[0]!.summary[0]).toBe('The number of children looked after was unchanged at 3 on 31/03/2024.');
  });
});

describe('records the service does not keep yet', () => {
  const bare = buildReportModel(handBuiltInput({ notifications: undefined, midpointChecks: [], reviewWorkflow: undefined }));
  it('are shown as not recorded, never as zero', () => {
    const n = findTable(bare, 'notification.late');
    expect(value(n, 'late', CURRENT)).toBe('not recorded');
    expect(value(n, 'started', CURRENT)).toBe(3);
    const m = findTable(bare, 'monitoring.midpoint');
    expect(value(m, 'checked', CURRENT)).toBe('not recorded');
    expect(value(m, 'counted', CURRENT)).toBe(10);
    const d = findTable(bare, 'monitoring.decisions');
    expect(value(d, 'within', 'decisions')).toBe('not recorded');
    const a = findTable(bare, 'monitoring.actions');
    expect(value(a, 'open', 'count')).toBe('not recorded');
  });
});

describe('placement stability', () => {
  // All under 16 on 31 March 2024 and looked after since before 30 September 2021.
  const children = [
    // Same carers throughout: a move to long-term fostering with them (T) keeps the two years going.
    childRecord('S1', { dateOfBirth: '2012-01-01' }, [
      episode('2020-01-06', { placementType: 'U6', end: '2021-06-01', reasonCeased: 'X1' }),
      episode('2021-06-01', { reasonNewEpisode: 'T', placementType: 'U4' }),
    ]),
    // New carers (P) in January 2023: under two years.
    childRecord('S2', { dateOfBirth: '2012-01-01' }, [
      episode('2020-01-06', { end: '2023-01-01', reasonCeased: 'X1' }),
      episode('2023-01-01', { reasonNewEpisode: 'P' }),
    ]),
    // New carers in January 2021, then a change of legal status only (L) in 2022.
    childRecord('S3', { dateOfBirth: '2012-01-01' }, [
      episode('2019-01-07', { end: '2021-01-01', reasonCeased: 'X1' }),
      episode('2021-01-01', { reasonNewEpisode: 'P', legalStatus: 'C1', end: '2022-01-01', reasonCeased: 'X1' }),
      episode('2022-01-01', { reasonNewEpisode: 'L', legalStatus: 'C2' }),
    ]),
    // Looked after only since 2022: not 2½ years.
    childRecord('S4', { dateOfBirth: '2012-01-01' }, [episode('2022-01-10')]),
    // Aged 16 on 31 March 2024.
    childRecord('S5', { dateOfBirth: '2008-03-01' }, [episode('2019-01-07')]),
  ];
  it('counts children with the same carer for two years, as the DfE does', () => {
    const m = buildReportModel(handBuiltInput({ children, comparisonPeriods: 0 }));
    const s = findTable(m, 'leavers.stability');
    expect(ids(s, 'long_term', CURRENT)).toEqual(['S1', 'S2', 'S3']);
    expect(ids(s, 'same_carer', CURRENT)).toEqual(['S1', 'S3']);
    expect(value(s, 'share', CURRENT)).toBe(66.7);
  });
});

describe('periods other than a year', () => {
  it('compares a quarter with the quarters before it', () => {
    const q = buildReportModel(handBuiltInput({ period: { from: '2023-10-01', to: '2023-12-31' }, comparisonPeriods: 2 }));
    expect(q.period.label).toBe('Oct–Dec 2023');
    expect(q.title).toBe('Independent Reviewing Service quarterly report');
    expect(q.comparisonPeriods.map((p) => [p.from, p.to])).toEqual([
      ['2023-04-01', '2023-06-30'],
      ['2023-07-01', '2023-09-30'],
    ]);
    const g = findTable(q, 'timeliness.reviews');
    // Oct–Dec 2023: A 10-12 late, B 10-10 late, E 10-18 in time. Jul–Sep: B, C, D in time. Apr–Jun: A, E in time, C late.
    expect(across(g, 'held')).toEqual([3, 3, 3]);
    expect(across(g, 'late')).toEqual([1, 0, 2]);
  });

  it('compares only periods the records fully cover', () => {
    const m = buildReportModel(handBuiltInput({ recordsFrom: '2021-04-01' }));
    expect(m.comparisonPeriods.map((p) => p.label)).toEqual(['2021-22', '2022-23']);
    // The period itself is covered: nothing to warn of.
    expect(m.sections[0]!.summary.join(' ')).not.toContain('records begin');
  });

  it('says first that a period starting before the records begin is incomplete', () => {
    const warning = 'The register’s records begin on 01/04/2023, after this period starts: children who left care before then are not in it, so the figures for this period are incomplete.';
    expect(buildReportModel(handBuiltInput({ recordsFrom: '2023-04-01', period: { from: '2022-04-01', to: '2023-03-31' } })).sections[0]!.summary[0]).toBe(warning);
    expect(buildReportModel(handBuiltInput({ recordsFrom: '2023-04-01' })).sections[0]!.summary.join(' ')).not.toContain('records begin');
    // With no date given, the records begin with the first episode in them.
    const first = handBuiltChildren().flatMap((c) => c.episodes.map((e) => e.start)).sort()[0]!;
    const early = buildReportModel(handBuiltInput({ period: { from: '1900-04-01', to: '1901-03-31' } }));
    expect(early.sections[0]!.summary[0]).toContain(`records begin on ${first.slice(8, 10)}/${first.slice(5, 7)}/${first.slice(0, 4)}, after this period starts`);
  });

  it('counts a child with the IRO whose allocation ends on the last day, when the next IRO starts the day after', () => {
    // An allocation's last day is a day its IRO holds the child (a new IRO starts the next day): a handover
    // on 1 April leaves the child with Ada on 31 March, not without an IRO.
    const handedOver = childRecord('Z', {}, [episode('2022-06-01')], [], [allocation('Z', 1, '2022-06-02', '2024-03-31'), allocation('Z', 2, '2024-04-01')]);
    const m = buildReportModel(handBuiltInput({ children: [handedOver], comparisonPeriods: 0, notifications: [], midpointChecks: [], reviewWorkflow: [] }));
    const summary = findTable(m, 'caseloads.summary');
    expect(value(summary, 'no_iro', 'value')).toBe(0);
    const byIro = findTable(m, 'caseloads.by-iro');
    // Ben's first child came after the period, so he is not listed; Cal, who has never held a child, is.
    expect(byIro.rows.map((r) => [value(byIro, r.key, 'iro'), value(byIro, r.key, 'children')])).toEqual([
      ['Ada Iro', 1],
      ['Cal Iro', 0],
    ]);
    // On a day both cover (a record with the handover day twice), the later allocation holds the child.
    const sameDay = childRecord('Y', {}, [episode('2022-06-01')], [], [allocation('Y', 1, '2022-06-02', '2024-03-31'), allocation('Y', 2, '2024-03-31')]);
    const both = findTable(buildReportModel(handBuiltInput({ children: [sameDay], comparisonPeriods: 0, notifications: [], midpointChecks: [], reviewWorkflow: [] })), 'caseloads.by-iro');
    expect(both.rows.map((r) => value(both, r.key, 'children'))).toEqual([0, 1, 0]);
  });

  it('builds with no earlier periods when asked for none', () => {
    const m = buildReportModel(handBuiltInput({ comparisonPeriods: 0 }));
    expect(m.comparisonPeriods).toEqual([]);
    expect(findTable(m, 'timeliness.reviews').columns.map((c) => c.key)).toEqual(['label', CURRENT]);
  });

  it('rejects a period that ends before it starts', () => {
    expect(() => buildReportModel(handBuiltInput({ period: { from: '2024-01-01', to: '2023-01-01' } }))).toThrow(/before the start/);
  });
});

describe('sections', () => {
  const disputes: SectionBuilder = {
    id: 'disputes',
    title: 'Dispute resolution',
    build: (ctx) => ({ id: 'disputes', title: 'Dispute resolution', summary: [`Challenges raised in ${ctx.period.label}.`], tables: [], charts: [] }),
  };

  it('take further builders, as the dispute resolution and consultation sections will be', () => {
    const m = buildReportModel(handBuiltInput(), { sections: [...STANDARD_SECTIONS, disputes] });
    expect(m.sections.map((s) => s.id)).toEqual([...STANDARD_SECTIONS.map((s) => s.id), 'disputes']);
    expect(m.sections.at(-1)!.summary).toEqual(['Challenges raised in 2023-24.']);
  });

  it('must each have their own id', () => {
    expect(() => buildReportModel(handBuiltInput(), { sections: [disputes, disputes] })).toThrow(/two report sections/);
  });
});
