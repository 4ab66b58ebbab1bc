// Figures at their edges, each from the smallest record that shows it: codes the data quality section must
// list, the average per full-time IRO when an FTE is missing, and mid-point intervals measured to the earlier
// of the review and its due date. Reported for 2023-24 alone.

import { describe, expect, it } from 'vitest';
import type { ChildRecord } from '../../src/domain/register.ts';
import { buildReportModel } from '../../src/reports/model.ts';
import { renderReport } from '../../src/reports/render.ts';
import { withoutChildLists } from '../../src/reports/model/cells.ts';
import type { ReportInput } from '../../src/reports/input.ts';
import { STAFF, allocation, childRecord, episode, handBuiltInput, held } from './builders.ts';
import { CURRENT, PREVIOUS, findTable, value } from './lookup.ts';

/**
 * The report of these records. Each is also built without the lists behind its counts, which counts some figures
 * another way (an earlier period's reviews held are kept as figures only): it must give the same figures.
 */
const report = (children: ChildRecord[], overrides: Partial<ReportInput> = {}) => {
  const input = handBuiltInput({ children, comparisonPeriods: 0, notifications: [], midpointChecks: [], reviewWorkflow: [], ...overrides });
  const model = buildReportModel(input);
  expect(buildReportModel(input, { childLists: false })).toEqual(withoutChildLists(model));
  return model;
};

describe('figures at their edges', () => {
  it('lists a child’s own code that is not in the SSDA903 list, as it lists an episode’s', () => {
    const m = report([childRecord('EU', { ethnicity: 'WXYZ' }, [episode('2022-06-01')]), childRecord('LU', {}, [episode('2022-06-01', { legalStatus: 'C9' })])]);
    expect(value(findTable(m, 'population.ethnicity'), 'WXYZ', CURRENT)).toBe(1);
    const issues = findTable(m, 'data-quality.issues');
    expect(issues.rows.map((r) => [value(issues, r.key, 'child'), value(issues, r.key, 'problem'), value(issues, r.key, 'detail')])).toEqual([
      ['EU', 'Code not in the SSDA903 code list', 'ethnicity "WXYZ"'],
      ['LU', 'Code not in the SSDA903 code list', 'legal status "C9" on the episode starting 2022-06-01'],
    ]);
  });

  it('counts a child given twice once, with or without the lists behind each count', () => {
    const twice = childRecord('D', { ethnicity: 'WBRI' }, [episode('2023-06-01')]);
    const m = report([twice, { ...twice }, childRecord('E', { ethnicity: 'WBRI' }, [episode('2023-05-01')])]);
    expect(value(findTable(m, 'population.ethnicity'), 'WBRI', CURRENT)).toBe(2);
  });

  it('keys a row for a code spelled like the total row apart from the total, so each figure names one cell', () => {
    const m = report([
      childRecord('T1', { ethnicity: 'total' }, [episode('2023-06-01', { categoryOfNeed: 'total' })]),
      childRecord('T2', {}, [episode('2023-05-01', { end: '2023-09-30', reasonCeased: 'total' })]),
      childRecord('T3', {}, [episode('2022-06-01')]),
    ]);
    for (const [id, rowKey] of [['population.ethnicity', 'total:code'], ['entrants.category-of-need', 'total:code'], ['leavers.reason', 'total:code']] as const) {
      const t = findTable(m, id);
      const keys = [...t.rows, ...t.totals].map((r) => r.key);
      expect(new Set(keys).size, id).toBe(keys.length);
      expect(t.rows.find((r) => r.key === rowKey)?.cells[0], id).toEqual({ type: 'text', text: 'total (not a known code)' });
    }
    expect(value(findTable(m, 'population.ethnicity'), 'total:code', CURRENT)).toBe(1);
    expect(value(findTable(m, 'population.ethnicity'), 'total', CURRENT)).toBe(2);
    expect(value(findTable(m, 'leavers.reason'), 'total:code', 'count')).toBe(1);
  });

  it('counts an earlier year’s reviews held and participation from the figures kept of it, and lists its codes to put right', () => {
    const m = report(
      [
        // Aged 10 to 12: PN1 counts; PN0 does not fit the age; a review with no code is left out.
        childRecord('P1', { dateOfBirth: '2012-01-01' }, [episode('2021-01-10')], [held('P1', '2022-06-01', 'PN1'), held('P1', '2022-11-20', 'PN0'), held('P1', '2023-05-01', 'PN3'), held('P1', '2023-10-20', null)]),
        // Under 4 throughout: counted as held, never in the measures of children aged 4 or over.
        childRecord('P2', { dateOfBirth: '2021-05-01' }, [episode('2022-03-01')], [held('P2', '2022-03-30', 'PN0'), held('P2', '2022-09-01', 'PN0'), held('P2', '2023-03-01', 'PN0'), held('P2', '2023-09-01', 'PN0')]),
      ],
      { comparisonPeriods: 1 },
    );
    const reviews = findTable(m, 'timeliness.reviews');
    expect([value(reviews, 'held', PREVIOUS), value(reviews, 'held', CURRENT)]).toEqual([4, 3]);
    const measures = findTable(m, 'participation.measures');
    expect(['aged_4_plus', 'contributed', 'attended'].map((k) => [value(measures, k, PREVIOUS), value(measures, k, CURRENT)])).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
    const issues = findTable(m, 'data-quality.issues');
    expect(issues.rows.map((r) => [value(issues, r.key, 'child'), value(issues, r.key, 'problem'), value(issues, r.key, 'date')])).toEqual([
      ['P1', 'No participation code', '2023-10-20'],
      ['P1', 'Participation code does not fit the child’s age', '2022-11-20'],
    ]);
  });

  it('lists a notification that matches no period of care, the child’s own or one of a child not counted', () => {
    // NM's care began on 1 June 2023; the service was told of a period beginning 5 June, which NM never had, and of
    // one beginning 1 June, which matches. OV's episodes overlap (OV is set aside), and ZZ is not in the register.
    const children = [
      childRecord('NM', {}, [episode('2023-06-01')]),
      childRecord('OV', {}, [episode('2023-06-01'), episode('2023-07-01')]),
    ];
    const notifications = [
      { childId: 'NM', periodOfCareStart: '2023-06-05', notifiedDate: '2023-06-06' },
      { childId: 'NM', periodOfCareStart: '2023-06-01', notifiedDate: '2023-06-02' },
      { childId: 'OV', periodOfCareStart: '2023-06-01', notifiedDate: '2023-06-02' },
      { childId: 'ZZ', periodOfCareStart: '2023-09-01', notifiedDate: '2023-09-04' },
    ];
    const issues = findTable(report(children, { notifications }), 'data-quality.issues');
    const unmatched = issues.rows.filter((r) => value(issues, r.key, 'problem') === 'Notification matches no period of care');
    expect(unmatched.map((r) => [value(issues, r.key, 'child'), value(issues, r.key, 'detail')])).toEqual([
      ['NM', 'no period of care starts on 2023-06-05'],
      ['OV', 'no period of care starts on 2023-06-01'],
      ['ZZ', 'no period of care starts on 2023-09-01'],
    ]);
  });

  it('leaves an IRO with no FTE recorded out of the average per full-time IRO, and says so', () => {
    // Ada (FTE 1) holds K1 and K2; Eve, with no FTE, holds K3 and K4. Per full-time IRO: 2 / 1 = 2.0, not 4 / 1.
    const children = ['K1', 'K2', 'K3', 'K4'].map((id, i) => childRecord(id, {}, [episode('2022-01-10')], [], [allocation(id, i < 2 ? 1 : 5, '2022-01-10')]));
    const staff = [...STAFF, { id: 5, name: 'Eve Iro', email: 'eve@example.org', role: 'iro' as const, team: null, fte: 0, active: true }];
    const summary = findTable(report(children, { staff }), 'caseloads.summary');
    expect(value(summary, 'children', 'value')).toBe(4);
    expect(value(summary, 'average', 'value')).toBe(2);
    expect(value(summary, 'average_fte', 'value')).toBe(2);
    expect(value(summary, 'range_fte', 'value')).toBe('2.0 to 2.0');
    expect(summary.notes).toContain('1 IRO holding children has no full-time equivalent recorded: their children are left out of the average per full-time IRO.');
  });

  it('charts a large service’s IROs by children per full-time equivalent, in bands of five, rather than a bar for each', async () => {
    // IRO n (from 10) holds n - 9 children at FTE 1 (1 to 41 children), so the 41 IROs fall in bands 0–4.9 (4 IROs),
    // 5–9.9 (5), … 40–44.9 (2); IRO 51 holds one child and has no FTE recorded.
    const iros = Array.from({ length: 42 }, (_, i) => ({ id: 10 + i, name: `Iro ${String(10 + i).padStart(3, '0')}`, email: '', role: 'iro' as const, team: null, fte: i === 41 ? 0 : 1, active: true }));
    const children = iros.flatMap((iro, i) =>
      Array.from({ length: i === 41 ? 1 : i + 1 }, (_, k) => {
        const id = `K${String(iro.id).padStart(3, '0')}-${String(k).padStart(2, '0')}`;
        return childRecord(id, {}, [episode('2022-01-10')], [], [allocation(id, iro.id, '2022-01-10')]);
      }),
    );
    const m = report(children, { staff: [...STAFF, ...iros] });
    const chart = m.sections.find((s) => s.id === 'caseloads')!.charts[0]!;
    expect(chart.id).toBe('caseloads.per-fte-bands.chart');
    expect(chart.tableId).toBe('caseloads.per-fte-bands');
    expect(chart.categories).toEqual(['0 to 4.9', '5 to 9.9', '10 to 14.9', '15 to 19.9', '20 to 24.9', '25 to 29.9', '30 to 34.9', '35 to 39.9', '40 to 44.9', 'FTE not recorded']);
    expect(chart.series[0]!.values).toEqual([4, 5, 5, 5, 5, 5, 5, 5, 2, 1]);
    const bands = findTable(m, 'caseloads.per-fte-bands');
    expect(value(bands, 'band:40', 'iros')).toBe(2);
    expect(value(bands, 'total', 'iros')).toBe(42);
    // The table of each IRO is still there, every one of them (Ada, Ben and Cal, holding no one, too).
    expect(findTable(m, 'caseloads.by-iro').rows).toHaveLength(45);
    // The web page shows the chart with the table of bands beside it.
    const page = (await renderReport(m, 'html')) as string;
    expect(page).toContain('IROs by children per full-time equivalent, on the last day of 2023-24');
    expect(page).toContain('40 to 44.9');

    // Forty IROs holding children still have a bar each.
    const fewer = report(
      children.filter((c) => Number(c.child.id.slice(1, 4)) < 50),
      { staff: [...STAFF, ...iros] },
    );
    const bars = fewer.sections.find((s) => s.id === 'caseloads')!.charts[0]!;
    expect(bars.id).toBe('caseloads.by-iro.chart');
    expect(bars.tableId).toBe('caseloads.by-iro');
    expect(bars.categories).toHaveLength(40);
    expect(fewer.sections.find((s) => s.id === 'caseloads')!.tables.map((t) => t.id)).not.toContain('caseloads.per-fte-bands');
  });

  it('bands an IRO, and sets them against the guide, by children per full-time equivalent as shown, to one decimal', () => {
    // 33 children at 0.55 FTE is 59.99… in floating point, shown as 60.0; 7 children at 0.14 FTE is 49.99…, shown as 50.0.
    const iros = Array.from({ length: 41 }, (_, i) => ({ id: 10 + i, name: `Iro ${10 + i}`, email: '', role: 'iro' as const, team: null, fte: i === 0 ? 0.55 : i === 1 ? 0.14 : 1, active: true }));
    const held = (iro: number, n: number) =>
      Array.from({ length: n }, (_, k) => {
        const id = `K${iro}-${String(k).padStart(2, '0')}`;
        return childRecord(id, {}, [episode('2022-01-10')], [], [allocation(id, iro, '2022-01-10')]);
      });
    const children = [...held(10, 33), ...held(11, 7), ...iros.slice(2).flatMap((iro) => held(iro.id, 1))];
    const m = report(children, { staff: [...STAFF, ...iros] });
    const byIro = findTable(m, 'caseloads.by-iro');
    expect(value(byIro, 'iro:10', 'per_fte')).toBe(60);
    expect(value(byIro, 'iro:11', 'per_fte')).toBe(50);
    expect(value(byIro, 'iro:11', 'guide')).toBe('Within the guide');
    const bands = findTable(m, 'caseloads.per-fte-bands');
    expect(value(bands, 'band:60', 'iros')).toBe(1);
    expect(value(bands, 'band:50', 'iros')).toBe(1);
    // Not in the bands below, where their unrounded figures would have put them.
    expect(value(bands, 'band:55', 'iros')).toBe(0);
    expect(value(bands, 'band:45', 'iros')).toBe(0);
  });

  it('leaves a first review’s interval out of mid-point coverage however late the review was held', () => {
    // Care from Monday 5 June 2023: the first review was due 3 July (20 working days), held late on 15 August.
    // The interval is too short for a check by its due date; the one after it (15 August to 15 February) is not.
    const child = childRecord('X', {}, [episode('2023-06-05')], [held('X', '2023-08-15')]);
    const m = report([child], { midpointChecks: [{ childId: 'X', date: '2023-06-20' }, { childId: 'X', date: '2023-11-20' }] });
    const midpoint = findTable(m, 'monitoring.midpoint');
    expect(value(midpoint, 'intervals', CURRENT)).toBe(2);
    expect(value(midpoint, 'short', CURRENT)).toBe(1);
    expect(value(midpoint, 'counted', CURRENT)).toBe(1);
    expect(value(midpoint, 'checked', CURRENT)).toBe(1);
    expect(value(midpoint, 'share', CURRENT)).toBe(100);
  });

  it('counts a child whose care became short breaks by the end with the short breaks, not at 31 March', () => {
    // Full care (C2) from 10 January 2022; from 30 March 2024 the same period of care goes on as a short break (V3)
    // to 2 April, so on 31 March the child is under short breaks, which the DfE's count leaves out. FC stays in care.
    const changed = childRecord('CV', {}, [
      episode('2022-01-10', { end: '2024-03-30', reasonCeased: 'X1' }),
      episode('2024-03-30', { legalStatus: 'V3', categoryOfNeed: 'N2', placementType: 'K2', reasonNewEpisode: 'L', end: '2024-04-02', reasonCeased: 'E8' }),
    ]);
    const m = report([changed, childRecord('FC', {}, [episode('2022-01-10')])]);
    expect(value(findTable(m, 'population.legal-status'), 'C2', CURRENT)).toBe(1);
    expect(findTable(m, 'population.legal-status').rows.map((r) => r.key)).toEqual(['C2']);
    expect(value(findTable(m, 'population.short-breaks'), 'short_breaks', CURRENT)).toBe(1);
    expect(value(findTable(m, 'key-figures.summary'), 'looked_after', CURRENT)).toBe(1);
  });

  describe('a series of short breaks still current at the end of the period', () => {
    const shortBreak = (start: string, end: string) => episode(start, { legalStatus: 'V3', categoryOfNeed: 'N2', placementType: 'K2', end, reasonCeased: 'E8' });
    const notHeld = (children: ChildRecord[], period: { from: string; to: string }) => {
      const m = report(children, { period });
      const t = findTable(m, 'timeliness.late-reviews');
      return t.rows.map((r) => [value(t, r.key, 'due'), value(t, r.key, 'status')]);
    };

    it('has its review overdue though no break fell in the period', () => {
      // Breaks to 12 March 2023; the review held 15 December 2022 made the next due 15 June 2023, not held. On 31
      // July the series is still current (to 12 September), so the review is overdue.
      const breaks = [shortBreak('2022-10-01', '2022-10-03'), shortBreak('2023-01-10', '2023-01-12'), shortBreak('2023-03-10', '2023-03-12')];
      const child = childRecord('SB', {}, breaks, [held('SB', '2022-12-15')], [allocation('SB', 1, '2022-10-01')]);
      expect(notHeld([child], { from: '2023-04-01', to: '2023-07-31' })).toEqual([['2023-06-15', 'Not held by the end of the period']]);
    });

    it('counts the IROs a child has had since the series began, on a break on the last day as between breaks', () => {
      // Breaks in June and October 2023 and from 30 March 2024: one series. Ada held the child to 1 September, Cal since.
      const breaks = [shortBreak('2023-06-01', '2023-06-03'), shortBreak('2023-10-01', '2023-10-03'), shortBreak('2024-03-30', '2024-04-02')];
      const child = childRecord('SB', {}, breaks, [held('SB', '2023-08-25')], [allocation('SB', 1, '2023-06-01', '2023-09-01'), allocation('SB', 3, '2023-09-01')]);
      for (const period of [{ from: '2023-04-01', to: '2024-03-31' }, { from: '2023-03-16', to: '2024-03-15' }]) {
        const t = findTable(report([child], { period }), 'caseloads.iros-per-child');
        expect(value(t, '2', 'children')).toBe(1);
      }
    });

    it('counts a review not yet held once, as overdue, not also as missed', () => {
      const child = childRecord('SB', {}, [shortBreak('2023-04-03', '2023-04-05'), shortBreak('2023-09-01', '2023-09-03')], [], [allocation('SB', 1, '2023-04-03')]);
      const period = { from: '2023-04-01', to: '2023-12-31' };
      expect(notHeld([child], period)).toEqual([['2023-07-03', 'Not held by the end of the period']]);
      const m = report([child], { period, midpointChecks: [{ childId: 'SB', date: '2023-05-18' }] });
      expect(value(findTable(m, 'monitoring.midpoint'), 'intervals', 'period:2023-04-01')).toBe(1);
    });
  });

  it('does not count a child as reviewed on time whose review was overdue when the period began and never held', () => {
    // Reviews held 4 July and 20 September 2022 made the next due 20 March 2023; none was held before the child
    // left care on 30 June 2023. The review fell due in 2022-23, but in 2023-24 the child went unreviewed.
    const child = childRecord('O', {}, [episode('2022-06-06', { end: '2023-06-30', reasonCeased: 'E4A' })], [held('O', '2022-07-04'), held('O', '2022-09-20')]);
    const t = findTable(report([child]), 'timeliness.children');
    expect(value(t, 'eligible', CURRENT)).toBe(1);
    expect(value(t, 'all_on_time', CURRENT)).toBe(0);
  });

  it('counts a mid-point interval that care ended before its review was due, if its midpoint came while in care', () => {
    // Reviews to 3 April 2023 make the next due 3 October, midpoint 4 July; a check on 5 July.
    const leaving = (id: string, end: string) =>
      childRecord(id, {}, [episode('2022-06-06', { end, reasonCeased: 'E4A' })], [held(id, '2022-07-04'), held(id, '2022-10-03'), held(id, '2023-04-03')]);
    const midpoint = (end: string, period?: { from: string; to: string }) => {
      const m = report([leaving('L', end)], { midpointChecks: [{ childId: 'L', date: '2023-07-05' }], ...(period && { period }) });
      const t = findTable(m, 'monitoring.midpoint');
      return [value(t, 'intervals', t.columns[1]!.key), value(t, 'checked', t.columns[1]!.key)];
    };
    // Leaving on 15 September, before the review was due: the interval and its check count, for the year as for
    // April to August.
    expect(midpoint('2023-09-15')).toEqual([1, 1]);
    expect(midpoint('2023-09-15', { from: '2023-04-01', to: '2023-08-31' })).toEqual([1, 1]);
    // Leaving on 1 July, before the midpoint: there was no midpoint in care to check at.
    expect(midpoint('2023-07-01')).toEqual([0, 0]);
  });
});
