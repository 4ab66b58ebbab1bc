// Dispute resolution and compliments: challenges the IROs raised by type, by the highest stage they reached
// and by theme; escalations beyond the team manager and referrals to Cafcass; how many were resolved within the
// protocol's timescales and how long resolution took in working days; those still open at the period's end;
// and compliments sent on, by team. Year on year, as Nottingham and Westminster report them. Without any
// records (or for periods before the first), figures show as not recorded rather than as none.

import {
  CHALLENGE_TYPE_LABELS,
  CHALLENGE_TYPES,
  challengeOutcome,
  settledBefore,
  median,
  type ChallengeHistory,
  type ChallengeOutcome,
  type ComplimentHistory,
} from '../../../domain/dispute-resolution.ts';
import type { ReportContext, SectionBuilder } from '../context.ts';
import { NOT_RECORDED, byText, countWithLists, labelColumn, numberCell, percentCell, plural, row, table } from '../cells.ts';
import { inPeriod } from '../periods.ts';
import type { Cell, ReportChart, ReportPeriodInfo } from '../types.ts';
import { periodColumns, yoyRow } from '../yoy.ts';

interface Counted {
  history: ChallengeHistory;
  outcome: ChallengeOutcome;
}

interface PeriodFigures {
  raised: Counted[];
  /** Resolved in the period, whenever raised. */
  resolved: Counted[];
  escalationsToSenior: { history: ChallengeHistory; date: string }[];
  referred: Counted[];
  withdrawn: Counted[];
  openAtEnd: Counted[];
  complimentsRecorded: ComplimentHistory[];
  complimentsSent: ComplimentHistory[];
}

/** A count of challenges (or steps of them): each once, with every child they concern. */
function challengeCount(items: readonly { history: ChallengeHistory; date: string }[]): Cell {
  return countWithLists(items.length, () => ({
    childIds: [...new Set(items.flatMap((i) => i.history.childIds))].sort(byText),
    records: items.map((i) => ({ childId: i.history.childIds[0] ?? '', date: i.date })).sort((a, b) => byText(a.childId, b.childId) || byText(a.date ?? '', b.date ?? '')),
  }));
}

const raisedRefs = (list: readonly Counted[]) => list.map((c) => ({ history: c.history, date: c.outcome.raisedOn }));
const closedRefs = (list: readonly Counted[]) => list.map((c) => ({ history: c.history, date: c.outcome.closedOn ?? c.outcome.raisedOn }));

function complimentCount(list: readonly ComplimentHistory[]): Cell {
  return countWithLists(list.length, () => ({
    childIds: [...new Set(list.flatMap((c) => (c.childId ? [c.childId] : [])))].sort(byText),
    records: list.map((c) => ({ childId: c.childId ?? '', date: c.recordedOn })),
  }));
}

function firstDate(dates: readonly string[]): string | null {
  return dates.reduce<string | null>((a, d) => (a === null || d < a ? d : a), null);
}

/** Challenges were being recorded in a period: some are recorded, and the first was raised by its end. */
function challengesRecordedIn(ctx: ReportContext, p: ReportPeriodInfo): boolean {
  // Worked out once for the report (every cell asks), not once per cell over every challenge.
  const first = ctx.memo('first-challenge', ctx.period, () => firstDate((ctx.input.challenges ?? []).flatMap((c) => c.steps.slice(0, 1).map((s) => s.date))));
  return first !== null && first <= p.to;
}

function complimentsRecordedIn(ctx: ReportContext, p: ReportPeriodInfo): boolean {
  const first = ctx.memo('first-compliment', ctx.period, () => firstDate((ctx.input.compliments ?? []).map((c) => c.recordedOn)));
  return first !== null && first <= p.to;
}

function figuresIn(ctx: ReportContext, p: ReportPeriodInfo): PeriodFigures {
  return ctx.memo('dispute-resolution', p, () => {
    const counted: Counted[] = [];
    for (const history of ctx.input.challenges ?? []) {
      // A challenge settled before the period began counts in none of its figures, each of which is something
      // dated in the period or open at its end; for the earlier years compared, that is most of a large authority's.
      if (settledBefore(history, p.from)) continue;
      const outcome = challengeOutcome(history, p.to);
      if (outcome) counted.push({ history, outcome });
    }
    const closedIn = (as: ChallengeOutcome['closedAs']) => counted.filter((c) => c.outcome.closedAs === as && inPeriod(c.outcome.closedOn, p));
    const compliments = (ctx.input.compliments ?? []).filter((c) => inPeriod(c.recordedOn, p));
    return {
      raised: counted.filter((c) => inPeriod(c.outcome.raisedOn, p)),
      resolved: closedIn('resolved'),
      escalationsToSenior: counted.flatMap((c) => c.outcome.escalations.filter((s) => s.senior && inPeriod(s.date, p)).map((s) => ({ history: c.history, date: s.date }))),
      referred: closedIn('referred_to_cafcass'),
      withdrawn: closedIn('withdrawn'),
      openAtEnd: counted.filter((c) => c.outcome.closedOn === null),
      complimentsRecorded: compliments,
      complimentsSent: (ctx.input.compliments ?? []).filter((c) => inPeriod(c.sentOn, p)),
    };
  });
}

function daysToResolution(list: readonly Counted[]): number[] {
  return list.map((c) => c.outcome.workingDaysToResolution).filter((d): d is number => d !== null);
}

export const disputeResolutionSection: SectionBuilder = {
  id: 'dispute-resolution',
  title: 'Dispute resolution and compliments',
  build(ctx) {
    const ifChallenges = (p: ReportPeriodInfo, cell: (f: PeriodFigures) => Cell) => (challengesRecordedIn(ctx, p) ? cell(figuresIn(ctx, p)) : NOT_RECORDED);
    const ifCompliments = (p: ReportPeriodInfo, cell: (f: PeriodFigures) => Cell) => (complimentsRecordedIn(ctx, p) ? cell(figuresIn(ctx, p)) : NOT_RECORDED);
    const summaryTable = table({
      id: 'dispute-resolution.summary',
      caption: 'Challenges through the dispute resolution protocol, and compliments',
      columns: [labelColumn('Challenges'), ...periodColumns(ctx)],
      rows: [
        yoyRow(ctx, 'raised', 'Challenges raised', (p) => ifChallenges(p, (f) => challengeCount(raisedRefs(f.raised)))),
        ...CHALLENGE_TYPES.map((type) =>
          yoyRow(ctx, `type:${type}`, `${CHALLENGE_TYPE_LABELS[type]}s`, (p) => ifChallenges(p, (f) => challengeCount(raisedRefs(f.raised.filter((c) => c.history.type === type))))),
        ),
        yoyRow(ctx, 'escalated_senior', 'Escalations beyond the team manager', (p) => ifChallenges(p, (f) => challengeCount(f.escalationsToSenior))),
        yoyRow(ctx, 'referred', 'Referred to Cafcass', (p) => ifChallenges(p, (f) => challengeCount(closedRefs(f.referred)))),
        yoyRow(ctx, 'withdrawn', 'Withdrawn', (p) => ifChallenges(p, (f) => challengeCount(closedRefs(f.withdrawn)))),
        yoyRow(ctx, 'resolved', 'Resolved', (p) => ifChallenges(p, (f) => challengeCount(closedRefs(f.resolved)))),
        yoyRow(ctx, 'resolved_in_time', 'Resolved within timescale', (p) => ifChallenges(p, (f) => challengeCount(closedRefs(f.resolved.filter((c) => c.outcome.resolvedWithinTimescale === true))))),
        yoyRow(ctx, 'resolved_in_time_share', '% resolved within timescale', (p) =>
          ifChallenges(p, (f) => percentCell(f.resolved.filter((c) => c.outcome.resolvedWithinTimescale === true).length, f.resolved.length)),
        ),
        yoyRow(ctx, 'median_days', 'Median working days from raising to resolution', (p) => ifChallenges(p, (f) => numberCell(median(daysToResolution(f.resolved)), 1))),
        yoyRow(ctx, 'longest_days', 'Longest, in working days', (p) => ifChallenges(p, (f) => numberCell(daysToResolution(f.resolved).reduce<number | null>((a, d) => (a === null || d > a ? d : a), null), 0))),
        yoyRow(ctx, 'open_at_end', 'Open at the end of the period', (p) => ifChallenges(p, (f) => challengeCount(raisedRefs(f.openAtEnd)))),
        yoyRow(ctx, 'compliments', 'Compliments recorded', (p) => ifCompliments(p, (f) => complimentCount(f.complimentsRecorded))),
        yoyRow(ctx, 'compliments_sent', 'Compliments sent on to senior managers', (p) => ifCompliments(p, (f) => complimentCount(f.complimentsSent))),
      ],
      notes: [
        'A challenge is counted by the type it was raised as; an informal challenge escalated to a formal stage stays informal here and shows in the stage it reached.',
        'Resolved within timescale: resolved within the working days the protocol allows for the stages the challenge was raised or escalated to. Working days exclude weekends and bank holidays in England.',
        'Escalations beyond the team manager: escalations to a stage answered by staff with the head of service role (in the standard stages, the service manager and above).',
      ],
    });

    const current = figuresIn(ctx, ctx.period);
    const recorded = challengesRecordedIn(ctx, ctx.period);
    const levels = new Map<number, string>();
    for (const c of current.raised) levels.set(c.outcome.highestStage.level, c.outcome.highestStage.name);
    const stageRows = [...levels.entries()].sort((a, b) => a[0] - b[0]);
    const stageTable = table({
      id: 'dispute-resolution.stage',
      caption: `Challenges raised in ${ctx.period.label} by the highest stage reached`,
      columns: [labelColumn('Highest stage reached'), { key: 'count', label: 'Challenges', kind: 'count' }, { key: 'share', label: '%', kind: 'percent' }],
      rows: stageRows.map(([level, name]) => {
        const at = current.raised.filter((c) => c.outcome.highestStage.level === level);
        return row(`stage:${level}`, name, [challengeCount(raisedRefs(at)), percentCell(at.length, current.raised.length)]);
      }),
      totals: [row('total', 'Total', [recorded ? challengeCount(raisedRefs(current.raised)) : NOT_RECORDED, percentCell(current.raised.length, current.raised.length)])],
      notes: [`As at ${ctx.period.label}’s last day.`],
    });

    const themes = [...new Set(current.raised.flatMap((c) => c.history.themes))].sort(byText);
    const themeTable = table({
      id: 'dispute-resolution.theme',
      caption: `Challenges raised in ${ctx.period.label} by theme`,
      columns: [labelColumn('Theme'), { key: 'count', label: 'Challenges', kind: 'count' }, { key: 'share', label: '% of challenges', kind: 'percent' }],
      rows: themes.map((theme) => {
        const with_ = current.raised.filter((c) => c.history.themes.includes(theme));
        return row(`theme:${theme}`, theme, [challengeCount(raisedRefs(with_)), percentCell(with_.length, current.raised.length)]);
      }),
      notes: ['A challenge with several themes is counted under each, so the themes add up to more than the challenges.'],
    });

    const teams = [...new Set(current.complimentsRecorded.map((c) => c.team))].sort(byText);
    // Sent on by the period's last day: one sent later was not yet sent as the period stood, as every other figure reads.
    const sentByEnd = (list: typeof current.complimentsRecorded) => list.filter((c) => c.sentOn !== null && c.sentOn <= ctx.period.to);
    const complimentTable = table({
      id: 'dispute-resolution.compliments',
      caption: `Compliments recorded in ${ctx.period.label} by team, and how many of them were sent on by its end`,
      columns: [labelColumn('Team'), { key: 'recorded', label: 'Recorded', kind: 'count' }, { key: 'sent', label: 'Sent on to senior managers', kind: 'count' }],
      rows: teams.map((team) => {
        const of = current.complimentsRecorded.filter((c) => c.team === team);
        return row(`team:${team}`, team, [complimentCount(of), complimentCount(sentByEnd(of))]);
      }),
      totals: [row('total', 'Total', [complimentCount(current.complimentsRecorded), complimentCount(sentByEnd(current.complimentsRecorded))])],
    });

    const chart: ReportChart = {
      id: 'dispute-resolution.theme.chart',
      title: `Challenges raised in ${ctx.period.label} by theme`,
      description: 'Bars show the number of challenges raised under each theme.',
      categories: themes,
      series: [{ name: 'Challenges', values: themeTable.rows.map((r) => (r.cells[1]?.type === 'count' ? r.cells[1].value : null)), kind: 'bar', axis: 'count' }],
      horizontal: true,
      tableId: themeTable.id,
    };

    const summary: string[] = [];
    if (recorded) {
      const inTime = current.resolved.filter((c) => c.outcome.resolvedWithinTimescale === true).length;
      const ofType = (t: (typeof CHALLENGE_TYPES)[number]) => current.raised.filter((c) => c.history.type === t).length;
      summary.push(
        `${plural(current.raised.length, 'challenge was', 'challenges were')} raised in ${ctx.period.label}: ${ofType('informal')} informal, ${ofType('formal')} formal and ${plural(ofType('themed'), 'themed service challenge', 'themed service challenges')}.`,
        `${plural(current.resolved.length, 'challenge was', 'challenges were')} resolved, ${inTime} within timescale; ${current.openAtEnd.length} remained open at the end of the period.`,
        `${plural(current.escalationsToSenior.length, 'escalation', 'escalations')} went beyond the team manager; ${plural(current.referred.length, 'challenge was', 'challenges were')} referred to Cafcass.`,
      );
    } else {
      summary.push('Challenges are not recorded yet, so they cannot be counted.');
    }
    if (complimentsRecordedIn(ctx, ctx.period)) summary.push(`${plural(current.complimentsRecorded.length, 'compliment was', 'compliments were')} recorded, ${sentByEnd(current.complimentsRecorded).length} sent on to senior managers by the end of the period.`);
    return {
      id: 'dispute-resolution',
      title: 'Dispute resolution and compliments',
      summary,
      tables: recorded ? [summaryTable, stageTable, themeTable, complimentTable] : [summaryTable, complimentTable],
      charts: themes.length > 0 ? [chart] : [],
    };
  },
};
