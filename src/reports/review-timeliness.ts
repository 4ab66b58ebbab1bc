// The reviews behind the report's timeliness figures, one row each: every review held in a period while the
// child was looked after, with its due date from the review clock, whether it was within timescale, days late,
// the participation code and the IRO (the chair recorded, else the IRO allocated on the day). The rows are
// the reviews the report counts as held, so an analyst can check each figure against them.

import type { IsoDate } from '../domain/dates.ts';
import { allocationOn } from '../domain/register.ts';
import type { ReportInput, ReportPeriod } from './input.ts';
import { heldReviewsBetween, readChildren } from './model/facts.ts';

export interface ReviewTimelinessRow {
  child: string;
  reviewDate: IsoDate;
  dueDate: IsoDate;
  withinTimescale: 'Y' | 'N';
  daysLate: number;
  participationCode: string;
  /** The IRO's name; empty when neither a chair nor an allocation is recorded. */
  iro: string;
}

export const REVIEW_TIMELINESS_COLUMNS: readonly { key: keyof ReviewTimelinessRow; header: string }[] = [
  { key: 'child', header: 'Child' },
  { key: 'reviewDate', header: 'Review date' },
  { key: 'dueDate', header: 'Due date' },
  { key: 'withinTimescale', header: 'Within timescale (Y/N)' },
  { key: 'daysLate', header: 'Days late' },
  { key: 'participationCode', header: 'Participation code' },
  { key: 'iro', header: 'IRO' },
];

/** Reviews held in the period, by child then date, as the report's timeliness section counts them. */
export function reviewTimelinessRows(input: Pick<ReportInput, 'children' | 'staff'>, period: ReportPeriod): ReviewTimelinessRow[] {
  const names = new Map(input.staff.map((s) => [s.id, s.name]));
  const rows: ReviewTimelinessRow[] = [];
  for (const facts of readChildren(input.children).children) {
    for (const r of heldReviewsBetween(facts, period.from, period.to)) {
      const held = r.heldDate;
      const iroId = r.chairId ?? allocationOn(facts.record.allocations, held)?.iroId ?? null;
      rows.push({
        child: facts.id,
        reviewDate: held,
        dueDate: r.dueDate,
        withinTimescale: r.inTime ? 'Y' : 'N',
        daysLate: r.daysLate,
        participationCode: r.participationCode ?? '',
        iro: iroId === null ? '' : (names.get(iroId) ?? ''),
      });
    }
  }
  return rows;
}
