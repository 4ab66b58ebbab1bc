// How quickly the IRO service heard of, and allocated an IRO to, each child who started a period of care:
// late notifications (Westminster: 30 in 2019-20, 3 in 2021-22) and allocation within the authority's
// working days. Notifications are a later record: without any, they are shown as not recorded.

import { addWorkingDays, workingDaysBetween } from '../../../domain/calendar.ts';
import type { IsoDate } from '../../../domain/dates.ts';
import type { PeriodOfCare } from '../../../domain/register.ts';
import type { ReportContext, SectionBuilder } from '../context.ts';
import { forEachPeriod } from '../gather.ts';
import { NOT_RECORDED, dateCell, plural, labelColumn, numberCell, percentCell, recordCount, row, table, textCell } from '../cells.ts';
import type { ChildFacts } from '../facts.ts';
import { periodsStartedIn } from '../measures-care.ts';
import type { RecordRef, ReportPeriodInfo, TableRow } from '../types.ts';
import { periodColumns, yoyRow } from '../yoy.ts';

export type NotificationStatus = 'in_time' | 'late' | 'not_recorded';
export type AllocationStatus = 'in_time' | 'late' | 'none' | 'not_yet_due';

export interface StartOfCare {
  facts: ChildFacts;
  period: PeriodOfCare;
  deadline: IsoDate;
  notifiedDate: IsoDate | null;
  notification: NotificationStatus;
  allocatedDate: IsoDate | null;
  allocation: AllocationStatus;
}

/** A period of care begun, as a record behind a count: made only when the lists are kept. */
export const startRef = (s: StartOfCare): RecordRef => ({ childId: s.facts.id, date: s.period.start });

export function notificationsRecorded(ctx: ReportContext): boolean {
  return (ctx.input.notifications?.length ?? 0) > 0;
}

/**
 * Whether notifications were being recorded in a period: some are recorded at all, and the period either
 * had no new periods of care or has a notification for at least one (earlier years, before the service
 * recorded them, show as not recorded rather than as no late notifications).
 */
export function notificationsRecordedIn(ctx: ReportContext, p: ReportPeriodInfo): boolean {
  if (!notificationsRecorded(ctx)) return false;
  const starts = startsOfCare(ctx, p);
  return starts.length === 0 || starts.some((s) => s.notifiedDate !== null);
}

/** The first day the service was told of each period of care, by child and the period's start; once per report. */
function notifiedDates(ctx: ReportContext): Map<string, IsoDate> {
  return ctx.memo('notified-dates', ctx.period, () => {
    const notified = new Map<string, IsoDate>();
    for (const n of ctx.input.notifications ?? []) {
      const key = `${n.childId}|${n.periodOfCareStart}`;
      const earlier = notified.get(key);
      if (earlier === undefined || n.notifiedDate < earlier) notified.set(key, n.notifiedDate);
    }
    return notified;
  });
}

export function startsOfCare(ctx: ReportContext, p: ReportPeriodInfo): StartOfCare[] {
  return ctx.memo('starts-of-care', p, () => {
    const days = ctx.settings.allocationWorkingDays;
    const notified = notifiedDates(ctx);
    return periodsStartedIn(ctx, p).map(({ facts, period }) => {
      const deadline = addWorkingDays(period.start, days);
      const notifiedDate = notified.get(`${facts.id}|${period.start}`) ?? null;
      // The first allocation that covers any of the period of care; one made before it began counts from its start.
      const allocation = facts.record.allocations
        .filter((a) => (a.to === null || a.to >= period.start) && (period.end === null || a.from <= period.end))
        .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))[0];
      const allocatedDate = allocation ? (allocation.from > period.start ? allocation.from : period.start) : null;
      const allocationStatus: AllocationStatus =
        allocatedDate !== null ? (allocatedDate <= deadline ? 'in_time' : 'late') : deadline > p.to ? 'not_yet_due' : 'none';
      return {
        facts,
        period,
        deadline,
        notifiedDate,
        notification: notifiedDate === null ? 'not_recorded' : notifiedDate <= deadline ? 'in_time' : 'late',
        allocatedDate,
        allocation: allocationStatus,
      };
    });
  });
}

export const notificationSection: SectionBuilder = {
  id: 'notification',
  title: 'Notification and IRO allocation',
  gather(ctx) {
    forEachPeriod(ctx, startsOfCare);
  },
  build(ctx) {
    const days = ctx.settings.allocationWorkingDays;
    const recorded = notificationsRecordedIn(ctx, ctx.period);
    const refs = (p: ReportPeriodInfo, keep: (s: StartOfCare) => boolean) => recordCount(startsOfCare(ctx, p).filter(keep), startRef);
    const started = yoyRow(ctx, 'started', 'Periods of care that started', (p) => refs(p, () => true));
    const ifRecorded = (key: string, label: string, status: NotificationStatus): TableRow =>
      yoyRow(ctx, key, label, (p) => (notificationsRecordedIn(ctx, p) ? refs(p, (s) => s.notification === status) : NOT_RECORDED));
    const notifications = table({
      id: 'notification.late',
      caption: 'Notification to the IRO service that a child had become looked after',
      columns: [labelColumn('Periods of care'), ...periodColumns(ctx)],
      rows: [
        started,
        ifRecorded('in_time', `IRO service told within ${days} working days`, 'in_time'),
        ifRecorded('late', `Told later (late notification)`, 'late'),
        ifRecorded('not_recorded', 'Date the service was told not recorded', 'not_recorded'),
      ],
      notes: [
        recorded
          ? `A late notification: the IRO service was told more than ${days} working days after the child started to be looked after. Periods before the service recorded these dates show “not recorded”.`
          : 'The dates the IRO service was told of new children are not recorded yet, so late notifications cannot be counted.',
      ],
    });

    const allocation = table({
      id: 'notification.allocation',
      caption: `IRO allocated within ${days} working days of the child becoming looked after`,
      columns: [labelColumn('Periods of care'), ...periodColumns(ctx)],
      rows: [
        started,
        yoyRow(ctx, 'in_time', `IRO allocated within ${days} working days`, (p) => refs(p, (s) => s.allocation === 'in_time')),
        yoyRow(ctx, 'late', 'IRO allocated later', (p) => refs(p, (s) => s.allocation === 'late')),
        yoyRow(ctx, 'none', 'No IRO allocation recorded', (p) => refs(p, (s) => s.allocation === 'none')),
        yoyRow(ctx, 'not_yet_due', 'Not yet due at the end of the period', (p) => refs(p, (s) => s.allocation === 'not_yet_due')),
        yoyRow(ctx, 'share', `% allocated within ${days} working days`, (p) => {
          const starts = startsOfCare(ctx, p).filter((s) => s.allocation !== 'not_yet_due');
          return percentCell(starts.filter((s) => s.allocation === 'in_time').length, starts.length);
        }),
      ],
      notes: ['Periods of short breaks only are not counted. An allocation made before care began counts from the day care began.'],
    });

    const current = startsOfCare(ctx, ctx.period).filter((s) => s.notification === 'late' || s.allocation === 'late' || s.allocation === 'none');
    const list = table({
      id: 'notification.late-list',
      caption: `Late notifications and allocations, ${ctx.period.label}`,
      kind: 'list',
      columns: [
        { key: 'child', label: 'Child', kind: 'text' },
        { key: 'start', label: 'Became looked after', kind: 'date' },
        { key: 'notified', label: 'IRO service told', kind: 'date' },
        { key: 'notified_days', label: 'Working days to notification', kind: 'number' },
        { key: 'allocated', label: 'IRO allocated', kind: 'date' },
        { key: 'allocated_days', label: 'Working days to allocation', kind: 'number' },
      ],
      rows: current.map((s, i) =>
        row(`start:${i}`, s.facts.id, [
          dateCell(s.period.start),
          notificationsRecordedIn(ctx, ctx.period) ? dateCell(s.notifiedDate) : NOT_RECORDED,
          s.notifiedDate === null ? numberCell(null, 0) : numberCell(workingDaysBetween(s.period.start, s.notifiedDate), 0),
          s.allocatedDate === null ? textCell('None recorded') : dateCell(s.allocatedDate),
          s.allocatedDate === null ? numberCell(null, 0) : numberCell(workingDaysBetween(s.period.start, s.allocatedDate), 0),
        ]),
      ),
    });

    const all = startsOfCare(ctx, ctx.period);
    const summary = [
      `${plural(all.length, 'period of care', 'periods of care')} started in ${ctx.period.label}; an IRO was allocated within ${days} working days for ${all.filter((s) => s.allocation === 'in_time').length}.`,
    ];
    if (notificationsRecordedIn(ctx, ctx.period)) {
      summary.push(`${plural(all.filter((s) => s.notification === 'late').length, 'late notification was', 'late notifications were')} made to the IRO service.`);
    }
    return { id: 'notification', title: 'Notification and IRO allocation', summary, tables: [notifications, allocation, list], charts: [] };
  },
};
